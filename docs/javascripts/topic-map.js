/* The ML Roadmap, learner tools: the topic map (docs/map.md) fills in the
   nodes and list items of the topics the learner has ticked. The map itself,
   its lines and the track filter (pure CSS, :has()) work without JavaScript. */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm) return;

  function mark(root) {
    var store = rm.store;
    (root || document).querySelectorAll("[data-map-topic]").forEach(function (node) {
      node.classList.toggle("rm-done", store.has("topics", node.getAttribute("data-map-topic")));
    });
  }

  // A node opens its topic (the list under the map holds the same links for
  // keyboards, screen readers and readers without JavaScript).
  document.addEventListener("click", function (event) {
    var node = event.target && event.target.closest ? event.target.closest(".rm-map__node[data-href]") : null;
    if (node) location.href = new URL(node.getAttribute("data-href"), location.href).href;
  });

  rm.enhance(mark);
  rm.store.subscribe(function () { mark(document); });
})();
