/* The ML Roadmap, the finder page (docs/finder.md): ask, filter, compare.
 *
 * The catalogue is embedded in the page (roadmap/pages/catalogue.py, inside a
 * <template>, so it also works opened from a folder); finder-search.js ranks
 * and finder-view.js draws. The filters a question implies show as chips and
 * in the selects; choosing another value, or removing a chip, takes the word
 * out of the question, so the two never disagree. The question, the filters
 * chosen by hand and the items picked to compare live in the URL
 * (?q=…&level=…&compare=a,b), written with history.replaceState as you type.
 */
(function () {
  "use strict";
  var rm = window.rmLearner, engine = window.rmFinderSearch, view = window.rmFinderView;
  if (!rm || !engine || !view) return;
  var el = rm.el, KINDS = engine.kinds, PAGE = 20, MAX_PICK = 4;
  var NAMES = { type: "Type", level: "Level", cost: "Cost", provider: "Provider", phase: "Phase", topic: "Topic", track: "Track", sort: "Sort" };
  var S = null;  // the finder on the page shown, or null
  var built = { text: null, ix: null };

  function part(name) { return S.form.parentNode.querySelector("[data-rm-ask-" + name + "]"); }
  function control(kind) { return S.form.querySelector("select[data-rm-field='" + kind + "']"); }
  function allowed(kind, value) {
    var select = control(kind);
    return !!select && Array.prototype.some.call(select.options, function (o) { return o.value && o.value === value; });
  }

  function label(kind, value) {
    var select = control(kind);
    var option = select && Array.prototype.find.call(select.options, function (o) { return o.value === value; });
    return option ? option.textContent : value;
  }

  function index(tpl) {
    var script = tpl.content.querySelector("script");
    var text = script ? script.textContent : "";
    if (built.text !== text) built = { text: text, ix: engine.build(JSON.parse(text)) };
    return built.ix;
  }

  var urlTimer = null;
  function writeUrl() {
    var mine = S;
    clearTimeout(urlTimer);
    urlTimer = setTimeout(function () {
      if (!S || S !== mine) return;  // the reader has moved to another page meanwhile
      var params = new URLSearchParams();
      if (S.input.value.trim()) params.set("q", S.input.value.trim());
      KINDS.forEach(function (k) { if (S.chosen[k]) params.set(k, S.chosen[k]); });
      if (S.picked.length) params.set("compare", S.picked.join(","));
      var query = params.toString();
      try {
        history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      } catch (e) { /* some file:// browsers refuse: the page still works */ }
    }, 200);
  }

  function removeWords(facet) {
    var q = S.input.value;
    S.input.value = (q.slice(0, facet.a) + " " + q.slice(facet.b)).replace(/\s+/g, " ").trim();
  }

  function chip(kind, value, facet) {
    var b = el("button", { type: "button", class: "rm-ask__chip", "data-rm-action": "ask-chip", "data-rm-kind": kind });
    b.appendChild(el("span", {}, NAMES[kind] + ": " + label(kind, value)));
    if (facet) b.appendChild(el("span", { class: "rm-ask__from" }, " from “" + S.input.value.slice(facet.a, facet.b) + "”"));
    b.appendChild(el("span", { "aria-hidden": "true" }, " ×"));
    b.appendChild(el("span", { class: "rm-visually-hidden" }, ", remove"));
    return b;
  }

  function hits(list, result, full) {
    var frag = document.createDocumentFragment();
    list.forEach(function (h) { frag.appendChild(view.hit(S.ix, S.parsed, h, S.picked, full)); });
    return frag;
  }

  function relaxedView(box, result) {
    result.relaxed.slice(0, 3).forEach(function (r) {
      var what = r.drop === "words" ? "the words of your question" : "the filter " + NAMES[r.drop] + ": " + label(r.drop, result.filters[r.drop]);
      var p = el("p", { class: "rm-ask__relax" }, "Without " + what + ", " + r.hits.length + " answer" + (r.hits.length === 1 ? "" : "s") + " ");
      if (r.drop !== "words") p.appendChild(el("button", { type: "button", class: "md-button", "data-rm-action": "ask-chip", "data-rm-kind": r.drop }, "Remove that filter"));
      box.appendChild(p);
      var ol = el("ol", { class: "rm-ask__hits rm-ask__hits--near" });
      ol.appendChild(hits(r.hits.slice(0, 3), result, false));
      box.appendChild(ol);
    });
  }

  function status(result, empty) {
    var p = S.parsed, n = result.hits.length, text;
    var unknown = "“" + p.unknown.join("”, “") + "”";
    if (empty) text = "Ask a question, or browse all " + S.ix.items.length + " recommendations below.";
    else if (!n && !result.relaxed.length && p.unknown.length) text = "Nothing in the book mentions " + unknown + ". Try one of the questions below.";
    else if (!n) text = "No answer fits all of that" + (result.relaxed.length ? "; the nearest ones follow." : ".");
    else text = n + " answer" + (n === 1 ? "" : "s") + (p.question.trim() ? " for “" + p.question.trim() + "”" : "") + ".";
    p.fixes.forEach(function (f) { text += " Read “" + f[0] + "” as “" + f[1] + "”."; });
    if (p.unknown.length && (n || result.relaxed.length)) text += " Nothing in the book mentions " + unknown + ", so it was left out.";
    S.form.querySelector("[data-rm-ask-status]").textContent = text;
  }

  function run() {
    S.parsed = engine.parse(S.ix, S.input.value);
    var result = engine.search(S.ix, S.parsed, S.chosen);
    S.result = result;
    var empty = !S.input.value.trim() && !Object.keys(S.chosen).length;
    KINDS.forEach(function (k) { var c = control(k); if (c) c.value = result.filters[k] || ""; });
    var chips = S.form.querySelector("[data-rm-ask-chips]");
    chips.replaceChildren();
    KINDS.forEach(function (k) { if (result.filters[k]) chips.appendChild(chip(k, result.filters[k], result.fromQuestion[k])); });
    status(result, empty);
    var list = part("hits"), more = part("more");
    var shown = empty ? [] : result.hits.slice(0, S.all ? result.hits.length : PAGE);
    // The same answers for the same words (a space, a stopword typed): nothing to redraw.
    var drawn = JSON.stringify([shown.map(function (h) { return h.item.id; }), S.parsed.terms, S.picked]);
    if (drawn !== S.drawn) list.replaceChildren(hits(shown, result, true));
    S.drawn = drawn;
    more.replaceChildren();
    if (!empty && result.hits.length > PAGE && !S.all) {
      more.appendChild(el("button", { type: "button", class: "md-button", "data-rm-action": "ask-more" }, "Show all " + result.hits.length + " answers"));
    }
    if (S.parsed.compare && result.hits.length > 1) {
      more.prepend(el("button", { type: "button", class: "md-button md-button--primary", "data-rm-action": "ask-compare-top" },
        "Compare the top " + Math.min(MAX_PICK, result.hits.length) + " side by side"));
    }
    if (!empty && !result.hits.length) relaxedView(more, result);
    part("examples").hidden = !(empty || !result.hits.length);
    part("catalogue").hidden = !empty;
    tray();
  }

  function tray() {
    var box = part("tray");
    box.replaceChildren();
    box.hidden = !S.picked.length;
    if (!S.picked.length) return;
    box.appendChild(el("span", {}, S.picked.length + " of at most " + MAX_PICK + " picked "));
    var go = el("button", { type: "button", class: "md-button md-button--primary", "data-rm-action": "ask-compare" }, "Compare side by side");
    go.disabled = S.picked.length < 2;
    box.appendChild(go);
    box.appendChild(el("button", { type: "button", class: "md-button", "data-rm-action": "ask-clear" }, "Clear"));
  }

  function showCompare(focus) {
    var box = part("compare");
    var items = S.picked.map(function (id) { return S.ix.items.find(function (i) { return i.id === id; }); }).filter(Boolean);
    box.replaceChildren();
    box.hidden = items.length < 2;
    if (items.length < 2) return;
    box.appendChild(view.compare(S.ix, items));
    if (focus) {
      var heading = box.querySelector("h2");
      heading.focus();
      heading.scrollIntoView({ block: "start" });
    }
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    S.input.value = (params.get("q") || "").slice(0, 200);
    KINDS.forEach(function (k) { var v = params.get(k); if (v && allowed(k, v)) S.chosen[k] = v; });
    var ids = new Set(S.ix.items.map(function (i) { return i.id; }));
    S.picked = (params.get("compare") || "").split(",").filter(function (id) { return ids.has(id); }).slice(0, MAX_PICK);
  }

  /* Material's site search also reads ?q= on load: it opens its dialog with
     the question and takes the focus. Here the question is the finder's, so
     close that dialog (its toggle is the documented #__search checkbox). */
  function keepQuestionFromSiteSearch() {
    var toggle = document.querySelector("input[data-md-toggle='search']");
    if (!toggle || !toggle.checked || !new URLSearchParams(location.search).has("q")) return;
    var box = document.querySelector("input[data-md-component='search-query']");
    if (box) { box.value = ""; box.blur(); }
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
  }

  rm.enhance(function () {
    var form = document.querySelector("form[data-rm-ask]");
    var tpl = document.querySelector("template[data-rm-ask-data]");
    S = null;
    clearTimeout(urlTimer);
    if (!form || !tpl) return;
    S = { form: form, input: form.querySelector("input[data-rm-field='q']"), chosen: {}, picked: [], all: false, ix: index(tpl) };
    restore();
    keepQuestionFromSiteSearch();
    writeUrl();
    form.hidden = false;
    part("answers").hidden = false;
    run();
    showCompare(false);
  });

  function change() { S.all = false; run(); writeUrl(); }

  rm.on("ask", "input change submit", function (target, event) {
    if (!S) return;
    if (event.type === "submit") { event.preventDefault(); return; }
    var kind = target.getAttribute("data-rm-field");
    if (kind === "q" && event.type === "input") return change();
    if (target.tagName !== "SELECT" || event.type !== "change") return;
    var facet = S.result.fromQuestion[kind];
    if (facet && facet.value !== target.value) removeWords(facet);
    if (target.value && !(facet && facet.value === target.value)) S.chosen[kind] = target.value;
    else if (!target.value) delete S.chosen[kind];
    change();
  });

  rm.on("ask-chip", "click", function (button) {
    var kind = button.getAttribute("data-rm-kind"), facet = S && S.result.fromQuestion[kind];
    if (!S) return;
    if (facet) removeWords(facet);
    delete S.chosen[kind];
    change();
    S.input.focus();
  });

  rm.on("ask-example", "click", function (a, event) {
    if (!S) return;
    event.preventDefault();
    S.input.value = a.getAttribute("data-rm-q");
    S.chosen = {};
    change();
    S.input.focus();
  });

  rm.on("ask-more", "click", function () { if (S) { S.all = true; run(); } });

  rm.on("ask-pick", "change", function (box) {
    if (!S) return;
    var id = box.value;
    S.picked = S.picked.filter(function (x) { return x !== id; });
    if (box.checked && S.picked.length < MAX_PICK) S.picked.push(id);
    S.form.parentNode.querySelectorAll("input[data-rm-action='ask-pick']").forEach(function (other) {
      other.disabled = !other.checked && S.picked.length >= MAX_PICK;
    });
    tray();
    if (!part("compare").hidden) showCompare(false);
    writeUrl();
  });

  rm.on("ask-compare", "click", function () { if (S) showCompare(true); });

  rm.on("ask-compare-top", "click", function () {
    if (!S) return;
    S.picked = S.result.hits.slice(0, MAX_PICK).map(function (h) { return h.item.id; });
    run();
    showCompare(true);
    writeUrl();
  });

  rm.on("ask-clear", "click", function () {
    if (!S) return;
    S.picked = [];
    showCompare(false);
    run();
    writeUrl();
  });

  // Arrow keys: from the question down through the answers' titles and back.
  document.addEventListener("keydown", function (event) {
    if (!S || (event.key !== "ArrowDown" && event.key !== "ArrowUp") || event.altKey || event.ctrlKey || event.metaKey) return;
    var links = Array.prototype.slice.call(part("hits").querySelectorAll("a[data-rm-hit]"));
    var at = event.target === S.input ? -1 : links.indexOf(event.target);
    if (at === -1 && event.target !== S.input) return;
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next >= links.length || (event.target === S.input && event.key === "ArrowUp")) return;
    event.preventDefault();
    (next < 0 ? S.input : links[next]).focus();
  });
})();
