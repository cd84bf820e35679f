/* The ML Roadmap, learner tools (1/4): the progress store and the one listener.
 *
 * Progress lives in localStorage under one key per published book,
 * "rm:<site path>:progress" (the site path: the folder above this script's own javascripts/),
 * as {schema: 2, topics: {id: ticked at}, signals: {id: ticked at}, <section>: {...}}.
 * README.md ("The progress format") describes every field and key.
 *
 * Nothing a learner saved is ever dropped:
 * - stored progress is read entry by entry: every valid mark is kept, and the
 *   text holding a bad one is set aside under its own timestamped key
 *   ("...:progress:set-aside:<ISO time>"), listed on the home page and in the export;
 * - sections this release does not know (a later release's) are kept verbatim;
 * - progress saved by a newer schema is shown and never overwritten (read-only);
 * - a write that fails (storage full) keeps the state in memory, says so at
 *   once and is retried on the next change.
 * Maps are Object.create(null) and read with own-property checks, so an id
 * such as "constructor" is an ordinary id.
 *
 * The page scripts (progress.js, planner.js, course-finder.js) register:
 *   rmLearner.on(action, "change click ...", fn)  for elements with data-rm-action
 *   rmLearner.enhance(fn)                         run on every page Material shows
 *   rmLearner.store.subscribe(fn)                 run when the progress changes
 *   rmLearner.store.section(name, {validateEntry, merge, ids})  a keyed section of their own
 * and use its helpers el(tag, attrs, text), own(obj, key), notify(text, isError)
 * and storageKey(name). One delegated listener on the document serves every
 * page, so nothing needs re-binding after Material's instant navigation.
 */
(function () {
  "use strict";
  // The site's root: this file is <root>/javascripts/learner.js (mkdocs.yml),
  // read once from the script's own address, so no theme internals are needed.
  var SITE_ROOT = null;
  try {
    if (document.currentScript && document.currentScript.src) SITE_ROOT = new URL("..", document.currentScript.src);
  } catch (e) { /* keep the page's own folder */ }
  if (window.rmLearner) return;

  var SCHEMA = 2;
  var FORMAT = "ml-roadmap-progress";
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
  // The fields of a progress file that are not sections (nor can a section be named so).
  var FILE_FIELDS = ["format", "schema", "site", "exported", "setAside"];

  function own(obj, key) {
    return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
  }
  function isMap(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function dict() { return Object.create(null); }
  function copyOf(map) {
    var out = dict();
    Object.keys(map).forEach(function (k) { out[k] = map[k]; });
    return out;
  }
  function now() { return new Date().toISOString(); }

  function sitePath() {
    try {
      return (SITE_ROOT || new URL(".", location.href)).pathname;
    } catch (e) {
      return "/";
    }
  }

  /* One localStorage key per published book and purpose: "rm:<site path>:<name>". */
  function storageKey(name) {
    return "rm:" + sitePath() + ":" + name;
  }

  var KEY = storageKey("progress");
  var SET_ASIDE = KEY + ":set-aside:";
  var LEGACY_SET_ASIDE = KEY + ":unreadable"; // the one copy schema 1's release kept
  var UNDO = KEY + ":undo";

  /* An element with attributes and text; data text only ever goes in as textContent. */
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* -- the message every page shows when progress cannot be saved ------------ */

  function noticeBox() {
    var box = document.querySelector("[data-rm-notice]");
    if (box || !document.body) return box;
    box = el("div", { class: "rm-notice", "data-rm-notice": "" });
    box.appendChild(el("p", { class: "rm-notice__text", role: "alert" }));
    var close = el("button", { type: "button", class: "rm-notice__close", "data-rm-action": "notice-close" }, "Dismiss");
    close.hidden = true;
    box.appendChild(close);
    document.body.appendChild(box);
    return box;
  }

  /* Show (or with "" clear) a message in a live region screen readers announce. */
  function notify(message, isError) {
    var box = noticeBox();
    if (!box) return;
    box.querySelector("p").textContent = message;
    box.querySelector("button").hidden = !message;
    box.classList.toggle("rm-notice--shown", !!message);
    box.classList.toggle("rm-notice--error", !!isError);
  }

  /* -- sections ---------------------------------------------------------------- */

  /* name -> {validateEntry(id, value): true or why not, merge(mine, theirs): value} */
  var SECTIONS = dict();

  function earliest(a, b) { return Date.parse(b) < Date.parse(a) ? b : a; }
  var TICKS = {
    validateEntry: function (id, at) {
      if (!ID.test(id) || id.length > 60) return "not an id of the book (lowercase words joined by hyphens)";
      if (typeof at !== "string" || !ISO.test(at) || isNaN(Date.parse(at))) return "its date is not a valid date";
      return true;
    },
    merge: earliest
  };

  /* The valid entries of a stored section; each bad one is described in `problems`. */
  function clean(name, value, problems) {
    var out = dict();
    if (!isMap(value)) {
      problems.push(name + ": " + JSON.stringify(value) + " is not a set of marks");
      return out;
    }
    Object.keys(value).forEach(function (id) {
      var verdict;
      try { verdict = SECTIONS[name].validateEntry(id, value[id]); } catch (e) { verdict = false; }
      if (verdict === true) out[id] = value[id];
      else problems.push(name + " " + JSON.stringify(id.slice(0, 60)) + ": " + (typeof verdict === "string" ? verdict : "not a valid entry"));
    });
    return out;
  }

  /* Marks on an id the book replaced (window.rmBook.replaced) also count for its successor. */
  function carry(data) {
    var replaced = window.rmBook && isMap(window.rmBook.replaced) ? window.rmBook.replaced : {};
    Object.keys(SECTIONS).forEach(function (name) {
      var kind = SECTIONS[name].ids;
      var map = own(replaced, kind) && isMap(replaced[kind]) ? replaced[kind] : null;
      var marks = data[name];
      if (!map) return;
      Object.keys(marks).forEach(function (old) {
        var next = old;
        for (var hops = 0; own(map, next) && typeof map[next] === "string" && hops < 20; hops++) next = map[next];
        if (next === old) return;
        marks[next] = own(marks, next) ? SECTIONS[name].merge(marks[next], marks[old]) : marks[old];
      });
    });
    return data;
  }

  /* -- migrations: MIGRATIONS[n] turns the sections of schema n into schema n + 1 */

  var MIGRATIONS = {
    // Schema 1 had only `topics` and `signals` (either could be missing) and
    // dropped any other key; schema 2 keeps the same two maps and adds sections.
    1: function (data) {
      var out = copyOf(data);
      if (!own(out, "topics")) out.topics = {};
      if (!own(out, "signals")) out.signals = {};
      return out;
    }
  };

  function migrate(data, schema) {
    for (; schema < SCHEMA; schema++) data = MIGRATIONS[schema](data);
    return data;
  }

  function validSchema(schema) {
    return typeof schema === "number" && Math.floor(schema) === schema && schema >= 1;
  }

  /* Stored text -> {data: {section: value}, newer: schema or 0, problems: [...]}. */
  function decode(text) {
    var problems = [], parsed, data = dict(), newer = 0;
    try { parsed = JSON.parse(text); } catch (e) { parsed = undefined; }
    if (!isMap(parsed)) {
      problems.push(parsed === undefined ? "it is not valid JSON" : "it is not saved progress");
      parsed = {};
    } else if (!validSchema(parsed.schema)) {
      problems.push("it has no valid schema version (read as schema 1)");
    }
    Object.keys(parsed).forEach(function (k) {
      if (k === "schema") return;
      if (FILE_FIELDS.indexOf(k) >= 0) problems.push("the field \"" + k + "\" does not belong in stored progress");
      else data[k] = parsed[k];
    });
    var schema = validSchema(parsed.schema) ? parsed.schema : 1;
    if (schema > SCHEMA) newer = schema;
    else data = migrate(data, schema);
    Object.keys(SECTIONS).forEach(function (name) {
      data[name] = own(data, name) ? clean(name, data[name], newer ? [] : problems) : dict();
    });
    return { data: carry(data), newer: newer, problems: newer ? [] : problems };
  }

  function encode(data) {
    var out = dict();
    out.schema = SCHEMA;
    Object.keys(data).forEach(function (k) { out[k] = data[k]; });
    return JSON.stringify(out);
  }

  function emptyData() {
    var data = dict();
    Object.keys(SECTIONS).forEach(function (name) { data[name] = dict(); });
    return data;
  }

  /* -- storage ----------------------------------------------------------------- */

  var state = null;   // {data, newer}: read lazily, once every script registered its sections
  var raw = null;     // the text stored under KEY, as last read or written
  var dirty = false;  // state holds changes not yet saved
  var pending = [];   // set-aside copies not yet saved: {key, copy}
  var failed = "";    // why the last save failed ("" if it did not); the learner was told
  var FULL = "this browser's storage is full";
  var BLOCKED = "this browser does not let the book keep progress (private browsing?)";
  var listeners = [];

  function storageGet(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  /* Every set-aside copy, saved or pending: [{key, at, problems, value}], oldest first. */
  function setAsideCopies() {
    var out = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key.indexOf(SET_ASIDE) !== 0 && key !== LEGACY_SET_ASIDE) continue;
        var text = localStorage.getItem(key), copy = null;
        try { copy = JSON.parse(text); } catch (e) { copy = null; }
        if (key === LEGACY_SET_ASIDE || !isMap(copy) || typeof copy.value !== "string") {
          copy = { at: null, problems: ["kept by an earlier release of the book"], value: text };
        }
        out.push({ key: key, at: copy.at, problems: copy.problems, value: copy.value });
      }
    } catch (e) { /* storage blocked: only the pending ones */ }
    pending.forEach(function (p) {
      out.push({ key: p.key, at: p.copy.at, problems: p.copy.problems, value: p.copy.value });
    });
    return out.sort(function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : 0; });
  }

  /* Keep `value` (text) under a new timestamped key, unless a copy already holds it. */
  function setAside(value, problems) {
    if (setAsideCopies().some(function (c) { return c.value === value; })) return;
    var at = now(), key = SET_ASIDE + at;
    for (var n = 2; storageGet(key) !== null || pending.some(function (p) { return p.key === key; }); n++) {
      key = SET_ASIDE + at + "-" + n;
    }
    pending.push({ key: key, copy: { at: at, problems: problems, value: value } });
  }

  function isQuota(e) {
    return e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);
  }

  /* Write the pending set-aside copies, then the progress if it changed. The
     copies go first: the progress may only replace a text once it is kept. */
  function save() {
    try {
      while (pending.length) {
        localStorage.setItem(pending[0].key, JSON.stringify(pending[0].copy));
        pending.shift();
      }
      if (dirty) {
        var text = encode(state.data);
        localStorage.setItem(KEY, text);
        raw = text;
        dirty = false;
      }
    } catch (e) {
      failed = isQuota(e) ? FULL : BLOCKED;
      notify("Not saved: " + failed + ". Your ticks stay on this page while it is open and are saved with your next " +
        "change once they can be; save your progress to a file to be safe.", true);
      return false;
    }
    if (failed) {
      failed = "";
      notify("Saved: your progress is kept in this browser again.", false);
    }
    return true;
  }

  function load() {
    raw = storageGet(KEY);
    var read = raw === null ? { data: emptyData(), newer: 0, problems: [] } : decode(raw);
    if (read.problems.length) setAside(raw, read.problems);
    state = { data: read.data, newer: read.newer };
    dirty = false;
    if (pending.length) save();
  }

  function current() {
    if (!state) load();
    return state;
  }

  function emit() {
    listeners.forEach(function (fn) { fn(state); });
  }

  function readOnly() {
    return "this browser holds progress saved by a newer version of the book (schema " + state.newer +
      "), which this page shows but cannot change; reload the page to get the newer version";
  }

  /* Another book's file: its site differs and it names none of this book's ids. */
  function sameBook(site, data) {
    var book = window.rmBook;
    if (site === sitePath() || !book || !isMap(book.ids)) return true;
    return Object.keys(SECTIONS).some(function (name) {
      var known = dict(), kind = SECTIONS[name].ids;
      (own(book.ids, kind) && Array.isArray(book.ids[kind]) ? book.ids[kind] : []).forEach(function (id) { known[id] = true; });
      if (isMap(book.replaced) && own(book.replaced, kind) && isMap(book.replaced[kind])) {
        Object.keys(book.replaced[kind]).forEach(function (id) { known[id] = true; });
      }
      return Object.keys(data[name]).some(function (id) { return known[id] === true; });
    });
  }

  var store = {
    key: KEY,
    schema: SCHEMA,

    /* Register a keyed section {id: value} of the progress (before the page starts, or later);
       spec.ids names the kind of rmBook ids its entries are keyed by (default: the name). */
    section: function (name, spec) {
      if (!ID.test(name) || FILE_FIELDS.indexOf(name) >= 0 || own(SECTIONS, name)) {
        throw new Error("rmLearner.store.section: bad or taken name " + JSON.stringify(name));
      }
      SECTIONS[name] = {
        validateEntry: spec.validateEntry,
        merge: spec.merge || function (mine) { return mine; },
        ids: typeof spec.ids === "string" ? spec.ids : name // the kind of rmBook's ids it is keyed by
      };
      if (!state) return;
      var problems = [], value = own(state.data, name) ? state.data[name] : {};
      state.data[name] = clean(name, value, problems);
      if (problems.length && !state.newer) {
        var part = dict();
        part[name] = value;
        setAside(JSON.stringify(part), problems);
        save();
      }
    },

    has: function (name, id) { return own(current().data[name], id); },
    get: function (name, id) { return store.has(name, id) ? state.data[name][id] : undefined; },
    ids: function (name) { return Object.keys(current().data[name] || {}); },
    newer: function () { return current().newer; },

    /* Set one entry (undefined removes it); for topics and signals, true ticks
       (keeping an earlier tick's date) and false unticks. Returns whether it was saved. */
    set: function (name, id, value) {
      var marks = current().data[name];
      if (!own(SECTIONS, name)) throw new Error("rmLearner.store.set: unknown section " + name);
      if (state.newer) {
        notify("Not saved: " + readOnly() + ".", true);
        emit();
        return false;
      }
      if (name === "topics" || name === "signals") value = value ? (own(marks, id) ? marks[id] : now()) : undefined;
      if (value === undefined) {
        delete marks[id];
      } else {
        var verdict;
        try { verdict = SECTIONS[name].validateEntry(id, value); } catch (e) { verdict = false; }
        if (verdict !== true) {
          emit();
          return false;
        }
        marks[id] = value;
      }
      dirty = true;
      var saved = save();
      emit();
      return saved;
    },

    /* Start over: every section this release knows is emptied (an undo copy is kept). */
    reset: function () {
      current();
      if (state.newer) return { ok: false, reason: readOnly() };
      var next = copyOf(state.data);
      Object.keys(SECTIONS).forEach(function (name) { next[name] = dict(); });
      return commit(next, "start over");
    },

    refresh: function () {
      if (!dirty) load();
      emit();
    },
    subscribe: function (fn) { listeners.push(fn); },
    setAside: setAsideCopies,

    /* The progress as a file's text: what `parse` reads back. */
    serialise: function () {
      current();
      var out = dict();
      out.format = FORMAT;
      out.schema = SCHEMA;
      out.site = sitePath();
      out.exported = now();
      Object.keys(state.data).forEach(function (k) { out[k] = state.data[k]; });
      out.setAside = setAsideCopies();
      if (state.newer) {
        out.setAside.push({ key: KEY, at: null, problems: ["saved by a newer version of the book (schema " + state.newer + ")"], value: raw });
      }
      return JSON.stringify(out, null, 2) + "\n";
    },

    /* A progress file's text -> {data, setAside, site}; throws an Error whose
       message tells the learner why the file cannot be restored. */
    parse: function (text) {
      var file, data = dict();
      try {
        file = JSON.parse(text);
      } catch (e) {
        throw new Error("it is not valid JSON");
      }
      if (!isMap(file) || file.format !== FORMAT) throw new Error("it is not a progress file of this book");
      if (!validSchema(file.schema)) throw new Error("it has no valid schema version");
      if (file.schema > SCHEMA) {
        throw new Error("it was saved by a newer version of the book (schema " + file.schema + "); restore it there");
      }
      Object.keys(file).forEach(function (k) { if (FILE_FIELDS.indexOf(k) < 0) data[k] = file[k]; });
      data = migrate(data, file.schema);
      Object.keys(SECTIONS).forEach(function (name) {
        var problems = [];
        data[name] = own(data, name) ? clean(name, data[name], problems) : dict();
        if (problems.length) throw new Error("a mark in it cannot be read (" + problems[0] + ")");
      });
      var copies = own(file, "setAside") ? file.setAside : [];
      if (!Array.isArray(copies) || !copies.every(function (c) { return isMap(c) && typeof c.value === "string"; })) {
        throw new Error("its list of set-aside progress is damaged");
      }
      if (!sameBook(file.site, data)) {
        throw new Error("it is the progress of another book (" + String(file.site) + ") and names none of this book's topics");
      }
      return { data: carry(data), setAside: copies, site: file.site };
    },

    /* What restoring a parsed file would do: marks added, already here, and
       removed (those only this browser has, which "replace" drops). */
    preview: function (file) {
      var out = { added: 0, already: 0, removed: 0 };
      Object.keys(SECTIONS).forEach(function (name) {
        var mine = current().data[name], theirs = file.data[name];
        Object.keys(theirs).forEach(function (id) { out[own(mine, id) ? "already" : "added"]++; });
        Object.keys(mine).forEach(function (id) { if (!own(theirs, id)) out.removed++; });
      });
      return out;
    },

    /* Restore a parsed file: "merge" (the union; for the same id, the section's
       merge, the earliest tick for ticks) or "replace". An undo copy of the
       current progress is kept unless `keepUndo` (a replace right after a merge
       keeps the copy from before that merge). Returns {ok, reason}. */
    restore: function (file, mode, keepUndo) {
      current();
      if (state.newer) return { ok: false, reason: readOnly() };
      var next = copyOf(state.data), before = pending.length;
      Object.keys(file.data).forEach(function (name) {
        var mine = next[name], theirs = file.data[name];
        if (own(SECTIONS, name)) {
          var out = mode === "merge" ? copyOf(mine) : dict();
          Object.keys(theirs).forEach(function (id) {
            out[id] = mode === "merge" && own(mine, id) ? SECTIONS[name].merge(mine[id], theirs[id]) : theirs[id];
          });
          next[name] = out;
        } else if (!own(next, name)) {
          next[name] = theirs;
        } else if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
          var part = dict();
          part[name] = theirs;
          setAside(JSON.stringify(part), ["section \"" + name + "\" of a restored file differs from this browser's"]);
        }
      });
      file.setAside.forEach(function (c) {
        setAside(c.value, Array.isArray(c.problems) ? c.problems : ["set aside in a restored file"]);
      });
      var result = commit(carry(next), keepUndo ? null : "restore");
      if (!result.ok) pending.splice(before);
      return result;
    },

    /* The undo copy: {at, what: "restore" | "start over"} or null. */
    undoInfo: function () {
      try {
        var copy = JSON.parse(storageGet(UNDO));
        return isMap(copy) && typeof copy.value === "string" ? { at: copy.at, what: copy.what } : null;
      } catch (e) {
        return null;
      }
    },

    /* Bring back the progress as it was before the last restore or start over. */
    undo: function () {
      current();
      if (state.newer) return { ok: false, reason: readOnly() };
      var text = storageGet(UNDO), copy;
      try { copy = JSON.parse(text); } catch (e) { copy = null; }
      if (!isMap(copy) || typeof copy.value !== "string") return { ok: false, reason: "there is nothing to undo" };
      var read = decode(copy.value);
      if (read.newer) return { ok: false, reason: "the copy was saved by a newer version of the book" };
      if (read.problems.length) setAside(copy.value, read.problems);
      var result = commit(read.data, null);
      if (result.ok) {
        try { localStorage.removeItem(UNDO); } catch (e) { /* kept: harmless */ }
        emit();
      }
      return result;
    }
  };

  /* Make `next` the progress and save it, first keeping an undo copy of the
     current progress (when `what` says what is being undone). If it cannot be
     saved, nothing changes: the previous progress and undo copy stay. */
  function commit(next, what) {
    var previous = { state: state, dirty: dirty, undo: storageGet(UNDO) };
    try {
      if (what) localStorage.setItem(UNDO, JSON.stringify({ at: now(), what: what, value: encode(state.data) }));
      state = { data: next, newer: 0 };
      dirty = true;
      if (!save()) throw new Error("storage full");
    } catch (e) {
      state = previous.state;
      dirty = previous.dirty;
      try {
        if (previous.undo === null) localStorage.removeItem(UNDO);
        else localStorage.setItem(UNDO, previous.undo);
      } catch (ignored) { /* the old copy is still there or there is no room */ }
      var reason = failed || (isQuota(e) ? FULL : BLOCKED);
      notify("Not saved: " + reason + ". Your progress is unchanged.", true);
      return { ok: false, reason: reason };
    }
    emit();
    return { ok: true };
  }

  store.section("topics", TICKS);
  store.section("signals", TICKS);

  // Leaving the page: one more try at what could not be saved.
  window.addEventListener("pagehide", function () { if (dirty || pending.length) save(); });

  // Another tab of the same book changed the progress (or its copies).
  window.addEventListener("storage", function (event) {
    if (event.key === null || event.key.indexOf(KEY) === 0) store.refresh();
  });

  var actions = dict();
  var enhancers = [];

  /* The one delegated listener: every control of the learner tools carries
     data-rm-action="<name>" and is handled here, on any page. */
  function dispatch(event) {
    var target = event.target;
    var node = target && target.closest ? target.closest("[data-rm-action]") : null;
    if (!node) return;
    var name = node.getAttribute("data-rm-action");
    (own(actions, name) ? actions[name] : []).forEach(function (h) {
      if (h.types.indexOf(event.type) >= 0) h.fn(node, event);
    });
  }
  ["click", "change", "input", "submit"].forEach(function (type) {
    document.addEventListener(type, dispatch);
  });

  function on(name, types, fn) {
    (actions[name] = own(actions, name) ? actions[name] : []).push({ types: types.split(" "), fn: fn });
  }
  on("notice-close", "click", function () { notify(""); });

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
    download: download,
    storageKey: storageKey,
    el: el,
    own: own,
    notify: notify,
    /* Resolve a path relative to the site root (as the data gives them). */
    siteUrl: function (path) { return new URL(path, SITE_ROOT || location.href).href; },
    on: on,
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
    noticeBox();
    var shown = false;
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () {
        shown = true;
        noticeBox();
        if (dirty) save(); // a failed save is retried; unsaved ticks are never re-read away
        else load();
        runEnhancers();
      });
    }
    // document$ replays the page at once when Material is running; opened from
    // a folder (file://) it never emits, so enhance this page directly.
    if (!shown) {
      current();
      runEnhancers();
    }
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
