/* The ML Roadmap, study companion (3/3): continue on another device.
 *
 * "Make the link" (My plan, section[data-rm-device]) turns the whole progress
 * file (rmLearner.store.serialise(): plan, ticks, log, check-ins, every other
 * section) into a link: compressed with CompressionStream("deflate-raw"),
 * base64url, after "#rm-progress=" in the URL's fragment, which a browser never
 * sends to any server. A link longer than LIMIT characters is not offered: the
 * page says so and offers the file instead. Opening such a link reads it
 * (at most MAX_TEXT characters once inflated), checks it as a restored file is
 * checked (store.parse), says what would change and merges only when the
 * learner confirms (store.restore(file, "merge"), with an undo copy).
 */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm) return;
  var store = rm.store, el = rm.el, own = rm.own;
  var PREFIX = "#rm-progress=";
  var LIMIT = 16000; // characters of the whole link; many apps cut longer ones short
  var MAX_TEXT = 5 * 1024 * 1024;
  var pending = null; // the parsed file from the link, until confirmed or dismissed
  var handled = "";

  function supported() { return typeof CompressionStream === "function" && typeof DecompressionStream === "function"; }

  function toBase64url(bytes) {
    var bin = "";
    for (var i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function fromBase64url(text) {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error("the link is damaged (it has characters a link of the book never has)");
    var b = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b.length % 4) b += "=";
    var bin = atob(b), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function pack(text) {
    var stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (buf) { return toBase64url(new Uint8Array(buf)); });
  }
  function unpack(code) {
    var reader = new Blob([fromBase64url(code)]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    var chunks = [], size = 0;
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) return;
        size += r.value.length;
        if (size > MAX_TEXT) {
          reader.cancel();
          throw new Error("it holds more than a progress file ever does");
        }
        chunks.push(r.value);
        return pump();
      });
    }
    return pump().then(function () {
      var all = new Uint8Array(size), at = 0;
      chunks.forEach(function (c) { all.set(c, at); at += c.length; });
      return new TextDecoder("utf-8", { fatal: true }).decode(all);
    }, function (e) {
      throw new Error(e && /more than/.test(e.message) ? e.message : "the link is damaged or cut short");
    });
  }

  function section() { return document.querySelector("section[data-rm-device]"); }
  function say(text, isError) {
    var box = section(), status = box && box.querySelector("[data-rm-device-status]");
    if (!status) return null;
    status.textContent = text;
    status.classList.toggle("rm-status--error", !!isError);
    return status;
  }

  /* "Make the link": the link, or why there is none and the file instead. */
  rm.on("device-link", "click", function () {
    var box = section(), out = box.querySelector("[data-rm-device-out]");
    out.hidden = true;
    if (!supported()) {
      say("This browser cannot make such links. Save your progress to a file instead and restore it on the other device.", true);
      return;
    }
    pack(store.serialise()).then(function (code) {
      var link = location.origin + location.pathname + PREFIX + code;
      if (link.length > LIMIT) {
        var status = say("Your progress is too large for one link: it would be " + link.length.toLocaleString() +
          " characters long, and links over " + LIMIT.toLocaleString() + " characters are often cut short. Save it to a file instead and restore the file on your other device: ", true);
        status.appendChild(el("button", { type: "button", class: "rm-link-button", "data-rm-action": "export" }, "save progress to a file"));
        status.appendChild(document.createTextNode("."));
        return;
      }
      field(box).value = link;
      out.hidden = false;
      say("Your link is ready (" + link.length.toLocaleString() + " characters). Open it on your other device; anyone with the link can read your progress, so share it only with yourself.");
    });
  });
  function field(box) { return box.querySelector("[data-rm-field='device-link']"); }

  rm.on("device-copy", "click", function () {
    var input = field(section());
    input.select();
    var done = function () { say("Copied the link. Paste it into the other device's browser."); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(input.value).then(done, function () { say("Select the link and copy it: this browser did not let the page copy it."); });
    } else {
      say("The link is selected: copy it with your device's copy command.");
    }
  });

  /* -- opening a link ------------------------------------------------------------------- */

  function count(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /* What merging `file` would change here, in words. */
  function describe(file) {
    var parts = [], data = file.data;
    var ticks = { topics: ["topic tick", "topic ticks"], signals: ["readiness tick", "readiness ticks"],
      milestones: ["project deliverable tick", "project deliverable ticks"], answers: ["self-check result", "self-check results"] };
    Object.keys(data).forEach(function (name) {
      var theirs = data[name], ids = Object.keys(theirs);
      var fresh = ids.filter(function (id) { return !store.has(name, id); });
      if (own(ticks, name)) {
        if (fresh.length) parts.push(count(fresh.length, ticks[name][0], ticks[name][1]));
      } else if (name === "log") {
        var minutes = fresh.reduce(function (sum, id) { return sum + theirs[id].minutes; }, 0);
        if (fresh.length) parts.push(count(fresh.length, "study session", "study sessions") + " (" + rm.companion.minutesText(minutes) + ")");
      } else if (name === "checkins") {
        var newer = ids.filter(function (id) { return store.has(name, id) && Date.parse(theirs[id].at) > Date.parse(store.get(name, id).at); });
        if (fresh.length) parts.push(count(fresh.length, "weekly check-in", "weekly check-ins"));
        if (newer.length) parts.push(count(newer.length, "check-in written later there, which replaces this browser's", "check-ins written later there, which replace this browser's"));
      } else if (name === "plan" && own(theirs, "current")) {
        var mine = store.get("plan", "current"), p = theirs.current, book = rm.plan && rm.plan.data();
        var words = (book && own(book.tracks, p.track) ? book.tracks[p.track].title : p.track) + " at " + p.hours + " hours a week from " + rm.dates.human(rm.dates.parseDay(p.start));
        if (!mine) parts.push("the plan (" + words + ")");
        else if (JSON.stringify(mine) !== JSON.stringify(p) && Date.parse(p.changed) > Date.parse(mine.changed)) {
          parts.push("its plan (" + words + "), changed more recently than this browser's, which it replaces");
        }
      } else if (fresh.length) {
        parts.push(count(fresh.length, "other entry", "other entries") + " (\"" + name + "\")");
      }
    });
    var when = file.exported ? " saved on " + new Date(file.exported).toLocaleString() : "";
    if (!parts.length) return "This link carries progress" + when + " that this browser already has: merging it changes nothing.";
    return "This link carries progress from another device" + when + ". Merging it adds " + parts.join(", ") +
      ". Nothing here is removed, and “Undo restore” brings this browser's progress back as it was.";
  }

  function clearHash() {
    try { history.replaceState(history.state, "", location.pathname + location.search); } catch (e) { /* fine */ }
  }

  function open() {
    var box = section();
    if (!box || location.hash.indexOf(PREFIX) !== 0 || handled === location.hash) return;
    handled = location.hash;
    var code = location.hash.slice(PREFIX.length);
    if (!supported()) {
      say("This browser cannot open links that carry progress. On the other device, save your progress to a file and restore it here.", true);
      return;
    }
    unpack(code).then(function (text) {
      var parsed = store.parse(text);
      try { parsed.exported = JSON.parse(text).exported; } catch (e) { parsed.exported = null; }
      return parsed;
    }).then(function (file) {
      pending = file;
      var confirm = box.querySelector("[data-rm-device-confirm]");
      confirm.querySelector("[data-rm-device-what]").textContent = describe(file);
      confirm.hidden = false;
      box.scrollIntoView();
      confirm.focus();
    }, function (e) {
      clearHash();
      say("This link could not be opened: " + e.message + ". Your progress is unchanged.", true);
    });
  }

  rm.on("device-merge", "click", function () {
    var box = section();
    if (!pending || !box) return;
    var result = store.restore(pending, "merge");
    pending = null;
    box.querySelector("[data-rm-device-confirm]").hidden = true;
    clearHash();
    if (result.ok) say("Merged the progress from the link into this browser.");
    else say("The progress from the link was not merged: " + result.reason + ". Your progress is unchanged.", true);
  });

  rm.on("device-cancel", "click", function () {
    var box = section();
    pending = null;
    if (box) box.querySelector("[data-rm-device-confirm]").hidden = true;
    clearHash();
    say("Nothing was changed. The link still works if you open it again.");
  });

  rm.enhance(function () {
    var box = section();
    if (!box) return;
    box.hidden = false;
    open();
  });
  window.addEventListener("hashchange", open);

  rm.deviceLink = { pack: pack, unpack: unpack, LIMIT: LIMIT, PREFIX: PREFIX };
})();
