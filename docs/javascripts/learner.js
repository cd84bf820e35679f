/* The ML Roadmap, learner tools (1/4): the progress store and the one listener.
 *
 * Progress lives in localStorage under one key per published book,
 * "rm:<site path>:progress" (the site path comes from Material's __md_scope),
 * as {schema, topics: {topic id: ticked at}, signals: {signal id: ticked at}}.
 * Ids are the data file's stable ids, never positions or titles, and ids the
 * current book no longer has are kept: a later release may bring them back.
 *
 * The page scripts (progress.js, planner.js, course-finder.js) register:
 *   rmLearner.on(action, "change click ...", fn)  for elements with data-rm-action
 *   rmLearner.enhance(fn)                         run on every page Material shows
 *   rmLearner.store.subscribe(fn)                 run when the progress changes
 * and use its helpers el(tag, attrs, text) and storageKey(name).
 * One delegated listener on the document serves every page, so nothing needs
 * re-binding after Material's instant navigation swaps the content.
 */
(function () {
  "use strict";
  if (window.rmLearner) return;

  var SCHEMA = 1;
  var FORMAT = "ml-roadmap-progress";
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var KINDS = ["topics", "signals"];

  function sitePath() {
    try {
      return (window.__md_scope || new URL(".", location.href)).pathname;
    } catch (e) {
      return "/";
    }
  }

  /* One localStorage key per published book and purpose: "rm:<site path>:<name>". */
  function storageKey(name) {
    return "rm:" + sitePath() + ":" + name;
  }

  var KEY = storageKey("progress");

  /* An element with attributes and text; data text only ever goes in as textContent. */
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function empty() {
    return { schema: SCHEMA, topics: {}, signals: {} };
  }

  /* A checked copy of saved or imported progress; throws an Error whose
     message tells the reader what is wrong. */
  function validate(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) {
      throw new Error("it does not contain saved progress");
    }
    if (data.format !== undefined && data.format !== FORMAT) {
      throw new Error("it is not a progress file of this book");
    }
    if (typeof data.schema !== "number" || Math.floor(data.schema) !== data.schema || data.schema < 1) {
      throw new Error("it has no valid schema version");
    }
    if (data.schema > SCHEMA) {
      throw new Error("it was saved by a newer version of the book (schema " + data.schema + ")");
    }
    var clean = empty();
    KINDS.forEach(function (kind) {
      var marks = data[kind] === undefined ? {} : data[kind];
      if (!marks || typeof marks !== "object" || Array.isArray(marks)) {
        throw new Error("its \"" + kind + "\" entry is not a list of ids");
      }
      Object.keys(marks).forEach(function (id) {
        var at = marks[id];
        if (!ID.test(id) || id.length > 60) throw new Error("it names an invalid id " + JSON.stringify(id.slice(0, 60)));
        if (typeof at !== "string" || isNaN(Date.parse(at))) {
          throw new Error("the tick of " + id + " has no valid date");
        }
        clean[kind][id] = at;
      });
    });
    return clean;
  }

  function read() {
    var raw = null;
    try {
      raw = localStorage.getItem(KEY);
      return raw ? validate(JSON.parse(raw)) : empty();
    } catch (e) {
      // Unreadable (or from a newer book): keep a copy rather than overwrite it.
      try {
        if (raw && !localStorage.getItem(KEY + ":unreadable")) localStorage.setItem(KEY + ":unreadable", raw);
      } catch (ignored) { /* storage full or blocked */ }
      return empty();
    }
  }

  var state = read();
  var listeners = [];

  function write(next) {
    state = next;
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) { /* private mode or full: the page still works for this visit */ }
    listeners.forEach(function (fn) { fn(state); });
  }

  var store = {
    key: KEY,
    schema: SCHEMA,
    get: function () { return state; },
    has: function (kind, id) { return Object.prototype.hasOwnProperty.call(state[kind], id); },
    set: function (kind, id, done) {
      var next = validate(state);
      if (done) next[kind][id] = next[kind][id] || new Date().toISOString();
      else delete next[kind][id];
      write(next);
    },
    replace: function (data) { write(validate(data)); },
    reset: function () { write(empty()); },
    refresh: function () { state = read(); listeners.forEach(function (fn) { fn(state); }); },
    subscribe: function (fn) { listeners.push(fn); },
    /* The progress as a file's text: what `parse` reads back. */
    serialise: function () {
      return JSON.stringify({
        format: FORMAT, schema: SCHEMA, site: sitePath(), exported: new Date().toISOString(),
        topics: state.topics, signals: state.signals
      }, null, 2) + "\n";
    },
    parse: function (text) {
      var data;
      try {
        data = JSON.parse(text);
      } catch (e) {
        throw new Error("it is not valid JSON");
      }
      if (!data || data.format !== FORMAT) throw new Error("it is not a progress file of this book");
      return validate(data);
    }
  };

  // Another tab of the same book changed the progress.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) store.refresh();
  });

  var actions = {};
  var enhancers = [];

  /* The one delegated listener: every control of the learner tools carries
     data-rm-action="<name>" and is handled here, on any page. */
  function dispatch(event) {
    var target = event.target;
    var el = target && target.closest ? target.closest("[data-rm-action]") : null;
    if (!el) return;
    var handlers = actions[el.getAttribute("data-rm-action")] || [];
    handlers.forEach(function (h) {
      if (h.types.indexOf(event.type) >= 0) h.fn(el, event);
    });
  }
  ["click", "change", "input", "submit"].forEach(function (type) {
    document.addEventListener(type, dispatch);
  });

  function runEnhancers() {
    enhancers.forEach(function (fn) { fn(document); });
  }

  /* Save a text as a file the reader downloads. */
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  window.rmLearner = {
    store: store,
    validate: validate,
    download: download,
    storageKey: storageKey,
    el: el,
    /* Resolve a path relative to the site root (as the data gives them). */
    siteUrl: function (path) { return new URL(path, window.__md_scope || location.href).href; },
    on: function (name, types, fn) {
      (actions[name] = actions[name] || []).push({ types: types.split(" "), fn: fn });
    },
    enhance: function (fn) {
      enhancers.push(fn);
      if (started) fn(document);
    }
  };

  // Material emits document$ for the first page and after each instant navigation.
  var started = false;
  function start() {
    if (started) return;
    started = true;
    var shown = false;
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { shown = true; state = read(); runEnhancers(); });
    }
    // document$ replays the page at once when Material is running; opened from
    // a folder (file://) it never emits, so enhance this page directly.
    if (!shown) runEnhancers();
  }
  // The page scripts are deferred after this one (mkdocs.yml): DOMContentLoaded
  // fires once they have all run and registered. `load` covers a late start.
  if (document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
    window.addEventListener("load", start);
  }
})();
