/* The ML Roadmap, learner tools (4/4): the course finder (courses page).
 *
 * Narrows the list of courses (article.rm-course with data-phases, data-level,
 * data-cost, data-provider) to those matching every chosen filter and every
 * word typed, by hiding the others. Nothing leaves the browser.
 */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm) return;

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function apply(form) {
    function value(key) {  // by data-rm-field, not `name` (the print page renames those)
      var control = form.querySelector("[data-rm-field='" + key + "']");
      return control ? control.value : "";
    }
    var want = { phase: value("phase"), level: value("level"), cost: value("cost"), provider: value("provider") };
    var terms = words(value("words"));
    var courses = document.querySelectorAll("article.rm-course");
    var shown = 0;
    courses.forEach(function (course) {
      var d = course.dataset;
      var text = course.textContent.toLowerCase();
      var match = (!want.phase || (d.phases || "").split(" ").indexOf(want.phase) >= 0) &&
        (!want.level || d.level === want.level) &&
        (!want.cost || d.cost === want.cost) &&
        (!want.provider || d.provider === want.provider) &&
        terms.every(function (t) { return text.indexOf(t) >= 0; });
      course.hidden = !match;
      if (match) shown += 1;
    });
    var status = form.querySelector("[data-rm-finder-status]");
    if (status) status.textContent = "Showing " + shown + " of " + courses.length + " courses.";
    var none = form.querySelector("[data-rm-finder-empty]");
    if (none) none.hidden = shown > 0;
  }

  rm.enhance(function () {
    var form = document.querySelector("form[data-rm-finder]");
    if (!form) return;
    form.hidden = false;
    apply(form);
  });

  rm.on("filter", "input change submit", function (control, event) {
    var form = control.closest("form[data-rm-finder]");
    if (!form) return;
    if (event.type === "submit") event.preventDefault();
    apply(form);
  });
})();
