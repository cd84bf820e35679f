/* The ML Roadmap, learner tools: self-checks, the phase self-test and spaced review.
 *
 * Each topic of a chapter ends with "Check yourself" (section.rm-cy): one
 * <form data-q="<question id>" data-k="choice|numeric|output|open"> per
 * question, rendered by roadmap/pages/templates/_selfcheck.html with the data
 * this script marks with: data-a (the correct option's index, the number or
 * the printed text) and data-t (a numeric answer's tolerance). The chapter's
 * answer key (section.rm-key, one details[data-topic] per topic, an <li> per
 * question in the same order) holds the explanations; this script shows them
 * by cloning those nodes, so data text never passes through innerHTML.
 *
 * Marking: choice, the option with data-a's index; numeric, |x - answer| <=
 * tolerance, written "0.8", "0,8" or ".8"; output, the printed text, trimmed
 * and with runs of white space read as one space; open, marked by the learner.
 *
 * Results go to the progress store (learner.js), section "answers":
 *   {question id: {at: ISO time of the last check, result: "right" | "wrong" |
 *    "self-right" | "self-wrong", tries: checks so far}}
 * and each phase self-test's last score to section "phase-tests":
 *   {phase id: {at, score, total, tries: tests taken}}.
 *
 * rmLearner.review is the one place spaced review is worked out (the Review
 * page and any other tool use it): a topic ticked done is due for review
 * INTERVALS days after its tick (3, 10, 30, then every 30), and each of its
 * questions not answered since that point is due; a question whose last
 * result is wrong is "missed" and due at once.
 */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm) return;
  var store = rm.store;
  var el = rm.el;
  var own = rm.own;

  var DAY = 86400000;
  // THE review intervals, in days after a topic is ticked done; after the
  // last one, review comes round every INTERVALS[INTERVALS.length - 1] days.
  var INTERVALS = [3, 10, 30];
  var RESULTS = ["right", "wrong", "self-right", "self-wrong"];
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
  var LETTERS = "ABCDEF";

  function isDate(at) { return typeof at === "string" && ISO.test(at) && !isNaN(Date.parse(at)); }
  function isCount(n, least) { return typeof n === "number" && Math.floor(n) === n && n >= least && n <= 1e6; }
  function isEntry(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function goodId(id) { return ID.test(id) && id.length <= 60; }
  function later(mine, theirs) { return Date.parse(theirs.at) > Date.parse(mine.at) ? theirs : mine; }

  /* -- the two sections of the progress store ---------------------------------- */

  store.section("answers", {
    ids: "questions", // the kind of rmBook's ids (and replaced ids) these entries are keyed by
    validateEntry: function (id, v) {
      if (!goodId(id)) return "not a question id of the book";
      if (!isEntry(v)) return "not a result";
      if (!isDate(v.at)) return "its date is not a valid date";
      if (RESULTS.indexOf(v.result) < 0) return "its result is not one of " + RESULTS.join(", ");
      if (!isCount(v.tries, 1)) return "its number of tries is not a whole number from 1";
      return true;
    },
    /* A restored file and this browser both answered: keep the later result, the larger count. */
    merge: function (mine, theirs) {
      var out = later(mine, theirs);
      return { at: out.at, result: out.result, tries: Math.max(mine.tries, theirs.tries) };
    }
  });

  store.section("phase-tests", {
    validateEntry: function (id, v) {
      if (!goodId(id)) return "not a phase id of the book";
      if (!isEntry(v) || !isDate(v.at)) return "its date is not a valid date";
      if (!isCount(v.total, 1) || !isCount(v.score, 0) || v.score > v.total) return "its score is not a score";
      if (!isCount(v.tries, 1)) return "its number of tests is not a whole number from 1";
      return true;
    },
    merge: function (mine, theirs) {
      var out = later(mine, theirs);
      return { at: out.at, score: out.score, total: out.total, tries: Math.max(mine.tries, theirs.tries) };
    }
  });

  function isRight(result) { return result === "right" || result === "self-right"; }
  function isMissed(result) { return result === "wrong" || result === "self-wrong"; }

  /* -- spaced review: the one place it is worked out ---------------------------- */

  function book() { return window.rmBook && isEntry(window.rmBook.questions) ? window.rmBook.questions : {}; }

  /* The last review point at or before `now` of a topic ticked at `ticked`, or null. */
  function reviewPoint(ticked, now) {
    var start = Date.parse(ticked);
    if (isNaN(start)) return null;
    var days = (now - start) / DAY, last = INTERVALS[INTERVALS.length - 1], point = null;
    INTERVALS.forEach(function (d) { if (days >= d) point = d; });
    if (days >= last) point = last * Math.floor(days / last);
    return point === null ? null : new Date(start + point * DAY);
  }

  /* Items in turn from each group (round robin), so a set mixes topics. */
  function mix(groups) {
    var out = [];
    for (var i = 0, more = true; more; i++) {
      more = false;
      groups.forEach(function (g) {
        if (i < g.length) { out.push(g[i]); more = true; }
      });
    }
    return out;
  }

  var review = {
    intervals: INTERVALS.slice(),

    /* The book's topics that have questions, in book order: {topic id: [question ids]}. */
    topics: function () { return book(); },

    topicOf: function (question) {
      var map = book();
      return Object.keys(map).filter(function (t) { return map[t].indexOf(question) >= 0; })[0] || null;
    },

    /* When the topic's questions are next due (or were last due), as a Date, or null. */
    point: function (topic, now) {
      var ticked = store.get("topics", topic);
      return ticked ? reviewPoint(ticked, now === undefined ? Date.now() : +now) : null;
    },

    /* Every question to review now: [{question, topic, reason: "missed" | "due", since: ISO}],
       missed ones first, each kind mixed across topics. */
    due: function (now) {
      now = now === undefined ? Date.now() : +now;
      var map = book(), missed = [], due = [];
      Object.keys(map).forEach(function (topic) {
        var ticked = store.get("topics", topic);
        var point = ticked ? reviewPoint(ticked, now) : null;
        var m = [], d = [];
        (Array.isArray(map[topic]) ? map[topic] : []).forEach(function (question) {
          var entry = store.get("answers", question);
          if (entry && isMissed(entry.result)) {
            m.push({ question: question, topic: topic, reason: "missed", since: entry.at });
          } else if (point && (!entry || Date.parse(entry.at) < point.getTime())) {
            d.push({ question: question, topic: topic, reason: "due", since: point.toISOString() });
          }
        });
        if (m.length) missed.push(m);
        if (d.length) due.push(d);
      });
      return mix(missed).concat(mix(due));
    },

    /* Results over some questions: {total, answered, right, missed: [topic ids with a wrong answer]}. */
    summary: function (questionsByTopic) {
      var out = { total: 0, answered: 0, right: 0, missed: [] };
      Object.keys(questionsByTopic).forEach(function (topic) {
        var wrong = false;
        questionsByTopic[topic].forEach(function (q) {
          var entry = store.get("answers", q);
          out.total++;
          if (!entry) return;
          out.answered++;
          if (isRight(entry.result)) out.right++;
          else wrong = true;
        });
        if (wrong) out.missed.push(topic);
      });
      return out;
    }
  };
  rm.review = review;

  /* -- reading a question and its answer ---------------------------------------- */

  /* "0.8", "0,8", ".8", "-1e-3" -> a number; anything else -> NaN. */
  function parseNumber(text) {
    var t = String(text).trim().replace(/\u2212/g, "-").replace(/[\s\u202f]/g, "");
    if (t.indexOf(",") >= 0 && t.indexOf(".") < 0 && t.indexOf(",") === t.lastIndexOf(",")) t = t.replace(",", ".");
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
  }

  function normal(text) { return String(text).trim().replace(/\s+/g, " "); }

  /* The answer key entries of every question under `root`: {question id: <li>}. */
  var keys = Object.create(null);
  function indexKey(root) {
    root.querySelectorAll("section.rm-cy[data-topic]").forEach(function (block) {
      var topic = block.getAttribute("data-topic");
      var entries = [];
      root.querySelectorAll(".rm-key details[data-topic]").forEach(function (d) {
        if (d.getAttribute("data-topic") === topic) entries = d.querySelectorAll("ol > li");
      });
      block.querySelectorAll("form[data-q]").forEach(function (form, i) {
        if (entries[i]) keys[form.getAttribute("data-q")] = entries[i];
      });
    });
  }

  /* Copies of the explanation nodes of a question: for choice, option `option`'s
     explanation without its "B, wrong:" label; otherwise the whole entry. */
  function explanation(form, option) {
    var entry = keys[form.getAttribute("data-q")], out = [];
    if (!entry) return out;
    if (form.getAttribute("data-k") === "choice") {
      var item = entry.querySelectorAll("ul > li")[option];
      if (!item) return out;
      var p = el("p");
      Array.prototype.forEach.call(item.childNodes, function (n, i) {
        if (!(i === 0 && n.nodeName === "B")) p.appendChild(n.cloneNode(true));
      });
      if (p.firstChild && p.firstChild.nodeType === 3) p.firstChild.nodeValue = p.firstChild.nodeValue.replace(/^\s+/, "");
      return [p];
    }
    Array.prototype.forEach.call(entry.children, function (n) { out.push(n.cloneNode(true)); });
    return out;
  }

  function field(form) { return form.querySelector("[name='a']"); }
  function chosen(form) {
    var radios = form.querySelectorAll("input[type='radio']");
    for (var i = 0; i < radios.length; i++) if (radios[i].checked) return i;
    return -1;
  }

  /* {result} or {problem: what to say}. */
  function judge(form) {
    var kind = form.getAttribute("data-k"), answer = form.getAttribute("data-a");
    if (kind === "choice") {
      var pick = chosen(form);
      if (pick < 0) return { problem: "Choose an answer first." };
      return { result: String(pick) === answer ? "right" : "wrong", pick: pick };
    }
    var value = field(form).value;
    if (!normal(value)) return { problem: "Write your answer first." };
    if (kind === "numeric") {
      var x = parseNumber(value);
      if (isNaN(x)) return { problem: "Write a number, such as 0.8 or 12 (the unit is already given)." };
      var ok = Math.abs(x - Number(answer)) <= Number(form.getAttribute("data-t")) * (1 + 1e-9);
      return { result: ok ? "right" : "wrong" };
    }
    return { result: normal(value) === normal(answer) ? "right" : "wrong" };
  }

  /* -- the controls this script adds to each question --------------------------- */

  function button(action, text, hidden) {
    var b = el("button", { type: action === "q-check" ? "submit" : "button", class: "md-button rm-q__b" }, text);
    if (action !== "q-check") b.setAttribute("data-rm-action", action);
    b.hidden = !!hidden;
    return b;
  }

  function enhanceForm(form) {
    if (form.hasAttribute("data-rm-ready")) return;
    form.setAttribute("data-rm-ready", "");
    form.setAttribute("data-rm-action", "q-check");
    var input = field(form);
    if (input) {
      input.setAttribute("autocomplete", "off");
      input.setAttribute("spellcheck", "false");
      input.setAttribute("autocapitalize", "off");
    }
    var open = form.getAttribute("data-k") === "open";
    var row = el("p", { class: "rm-q__act" });
    row.appendChild(button("q-check", open ? "Show model answer" : "Check"));
    if (open) {
      var self = button("q-self", "I got it", true);
      self.setAttribute("data-v", "self-right");
      row.appendChild(self);
      var not = button("q-self", "Not yet", true);
      not.setAttribute("data-v", "self-wrong");
      row.appendChild(not);
    }
    row.appendChild(button("q-again", "Try again", true));
    form.appendChild(row);
    form.appendChild(el("div", { class: "rm-q__f", "aria-live": "polite" }));
    form.appendChild(el("p", { class: "rm-q__s" }));
  }

  function day(at) {
    return new Date(at).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
  }

  var WORDS = { right: "right", wrong: "not right", "self-right": "you got it", "self-wrong": "not yet" };

  /* The stored result under each question: "Last checked 3 Dec 2026: right (2 tries)." */
  function showStatus(root) {
    root.querySelectorAll("form[data-rm-ready]").forEach(function (form) {
      var entry = store.get("answers", form.getAttribute("data-q"));
      var line = form.querySelector(".rm-q__s");
      form.classList.toggle("rm-q--right", !!entry && isRight(entry.result));
      form.classList.toggle("rm-q--wrong", !!entry && isMissed(entry.result));
      if (!line) return;
      line.textContent = entry ? "Last checked " + day(entry.at) + ": " + WORDS[entry.result] +
        " (" + entry.tries + (entry.tries === 1 ? " try)." : " tries).") : "";
    });
  }

  function say(form, verdict, nodes) {
    var box = form.querySelector(".rm-q__f");
    box.textContent = "";
    box.className = "rm-q__f" + (verdict ? " rm-q__f--" + verdict : "");
    (nodes || []).forEach(function (n) { box.appendChild(typeof n === "string" ? el("p", {}, n) : n); });
  }

  function strong(text) {
    var p = el("p");
    p.appendChild(el("strong", {}, text));
    return p;
  }

  function record(form, result) {
    var id = form.getAttribute("data-q");
    var before = store.get("answers", id);
    store.set("answers", id, { at: new Date().toISOString(), result: result, tries: (before ? before.tries : 0) + 1 });
    var set = form.closest("[data-rm-set]");
    if (set) setProgress(set, form, result);
  }

  function feedback(form, verdict) {
    var right = verdict.result === "right", nodes = [strong(right ? "Right." : "Not right.")];
    if (form.getAttribute("data-k") === "choice") {
      var correct = Number(form.getAttribute("data-a"));
      nodes.push("You chose " + LETTERS[verdict.pick] + ":");
      nodes = nodes.concat(explanation(form, verdict.pick));
      if (!right) {
        nodes.push("The answer is " + LETTERS[correct] + ":");
        nodes = nodes.concat(explanation(form, correct));
      }
    } else {
      if (!right) nodes.push("You wrote: " + normal(field(form).value));
      nodes = nodes.concat(explanation(form)); // the answer and its working
    }
    say(form, right ? "right" : "wrong", nodes);
    form.querySelector("[data-rm-action='q-again']").hidden = false;
  }

  rm.on("q-check", "submit", function (form, event) {
    event.preventDefault();
    if (form.getAttribute("data-k") === "open") {
      say(form, "", [strong("Compare your answer with this model answer, then mark it.")].concat(explanation(form)));
      form.querySelectorAll("[data-rm-action='q-self']").forEach(function (b) { b.hidden = false; });
      form.querySelector("[data-rm-action='q-again']").hidden = false;
      return;
    }
    var verdict = judge(form);
    if (verdict.problem) {
      say(form, "", [verdict.problem]);
      return;
    }
    record(form, verdict.result);
    feedback(form, verdict);
  });

  rm.on("q-self", "click", function (b) {
    var form = b.closest("form");
    var result = b.getAttribute("data-v") === "self-right" ? "self-right" : "self-wrong";
    record(form, result);
    form.querySelectorAll("[data-rm-action='q-self']").forEach(function (x) { x.hidden = true; });
    var box = form.querySelector(".rm-q__f");
    box.className = "rm-q__f rm-q__f--" + (result === "self-right" ? "right" : "wrong");
    box.insertBefore(strong(result === "self-right" ? "Marked: you got it." : "Marked: not yet. It is listed for review."), box.firstChild);
    form.querySelector("[data-rm-action='q-again']").focus();
  });

  rm.on("q-again", "click", function (b) {
    var form = b.closest("form");
    form.querySelectorAll("input[type='radio']").forEach(function (r) { r.checked = false; });
    var input = field(form);
    if (input) input.value = "";
    say(form, "", []);
    form.querySelectorAll("[data-rm-action='q-self'], [data-rm-action='q-again']").forEach(function (x) { x.hidden = true; });
    var first = form.querySelector("input, textarea");
    if (first) first.focus();
  });

  /* -- sets of questions: the phase self-test and the Review page's set ---------- */

  /* A fresh copy of a question form (without this script's controls), numbered by its list. */
  function copyOf(form, topicTitle, topicUrl) {
    var copy = form.cloneNode(true);
    copy.removeAttribute("data-rm-ready");
    copy.querySelectorAll(".rm-q__act, .rm-q__f, .rm-q__s").forEach(function (n) { n.remove(); });
    copy.querySelectorAll("input[type='radio']").forEach(function (r) { r.checked = false; });
    var input = field(copy);
    if (input) input.value = "";
    var legend = copy.querySelector("legend");
    if (legend && legend.firstChild && legend.firstChild.nodeType === 3) {
      legend.firstChild.nodeValue = legend.firstChild.nodeValue.replace(/^\d+\.\s*/, "");
    }
    var li = el("li", { class: "rm-set__item" });
    var from = el("p", { class: "rm-set__from" }, "From ");
    if (topicUrl) from.appendChild(el("a", { href: topicUrl }, topicTitle));
    else from.appendChild(document.createTextNode(topicTitle));
    li.appendChild(from);
    li.appendChild(copy);
    enhanceForm(copy);
    return li;
  }

  /* Each set remembers the first result of each of its questions: {question id: result}. */
  var firsts = new WeakMap();

  function setProgress(set, form, result) {
    var seen = firsts.get(set) || {};
    firsts.set(set, seen);
    var id = form.getAttribute("data-q");
    if (!own(seen, id)) seen[id] = result;
    var total = set.querySelectorAll("form[data-q]").length, done = Object.keys(seen).length;
    var right = Object.keys(seen).filter(function (k) { return isRight(seen[k]); }).length;
    var status = set.querySelector(".rm-set__status");
    var phase = set.getAttribute("data-rm-set");
    if (done < total) {
      status.textContent = done + " of " + total + " answered.";
      return;
    }
    status.textContent = "Finished: " + right + " of " + total + " right the first time." +
      (phase ? " Your score is saved with your progress." : "");
    if (phase && !set.hasAttribute("data-rm-saved")) {
      set.setAttribute("data-rm-saved", "");
      var before = store.get("phase-tests", phase);
      store.set("phase-tests", phase, { at: new Date().toISOString(), score: right, total: total, tries: (before ? before.tries : 0) + 1 });
    }
  }

  /* Fill `holder` with a list of copies of `items` [{form, title, url}]; phase names a self-test. */
  function fillSet(holder, items, phase) {
    holder.textContent = "";
    var set = el("div", { class: "rm-set", "data-rm-set": phase || "" });
    var list = el("ol", { class: "rm-set__list" });
    items.forEach(function (item) { list.appendChild(copyOf(item.form, item.title, item.url)); });
    set.appendChild(list);
    set.appendChild(el("p", { class: "rm-set__status", "aria-live": "polite" }, "0 of " + items.length + " answered."));
    holder.appendChild(set);
    showStatus(set);
    var first = set.querySelector("input, textarea");
    if (first) first.focus();
  }

  function topicTitle(topic, root) {
    var heading = (root || document).getElementById(topic);
    return heading ? heading.textContent.replace(/\u00b6$/, "").trim() : topic;
  }

  rm.on("test-start", "click", function (b) {
    var box = b.closest("section.rm-test");
    var phase = box.getAttribute("data-phase");
    var order = (box.getAttribute("data-order") || "").split(/\s+/).filter(Boolean);
    var size = Math.min(Number(box.getAttribute("data-size")) || 10, order.length);
    var before = store.get("phase-tests", phase);
    var start = before ? (before.tries * size) % order.length : 0;
    var items = [];
    for (var i = 0; i < size; i++) {
      var id = order[(start + i) % order.length];
      var form = document.querySelector("section.rm-cy form[data-q='" + id + "']");
      if (!form) continue;
      var topic = form.closest("section.rm-cy").getAttribute("data-topic");
      items.push({ form: form, title: topicTitle(topic), url: "#" + topic });
    }
    b.textContent = "Start a new self-test";
    fillSet(box.querySelector("[data-rm-test]"), items, phase);
  });

  /* -- the readiness block: this phase's results --------------------------------- */

  function showScores(root) {
    root.querySelectorAll("section.rm-test[data-phase]").forEach(function (box) {
      box.hidden = false;
      var line = box.querySelector("[data-rm-score]");
      var byTopic = {};
      document.querySelectorAll("section.rm-cy[data-topic]").forEach(function (block) {
        byTopic[block.getAttribute("data-topic")] = Array.prototype.map.call(block.querySelectorAll(":scope > form[data-q]"),
          function (f) { return f.getAttribute("data-q"); });
      });
      var s = review.summary(byTopic);
      line.textContent = "";
      if (!s.answered) {
        line.appendChild(document.createTextNode("No self-check answered yet: each topic above ends with “Check yourself” (" +
          s.total + " questions in this phase)."));
      } else {
        line.appendChild(document.createTextNode("Self-checks: " + s.right + " of " + s.answered + " answered correctly (" +
          s.total + " questions in this phase)"));
        if (s.missed.length) {
          line.appendChild(document.createTextNode("; review: "));
          s.missed.forEach(function (topic, i) {
            if (i) line.appendChild(document.createTextNode(", "));
            line.appendChild(el("a", { href: "#" + topic }, topicTitle(topic)));
          });
        }
        line.appendChild(document.createTextNode("."));
      }
      var test = store.get("phase-tests", box.getAttribute("data-phase"));
      if (test) {
        line.appendChild(document.createTextNode(" Last phase self-test: " + test.score + " of " + test.total + " on " +
          day(test.at) + " (" + test.tries + (test.tries === 1 ? " test" : " tests") + " taken)."));
      }
    });
  }

  /* -- the Review page ------------------------------------------------------------ */

  function reviewData() {
    var holder = document.querySelector("template[data-rm-review-data]");
    var script = holder && holder.content.querySelector("script[type='application/json']");
    if (!script) return null;
    if (!script._rmData) script._rmData = JSON.parse(script.textContent);
    return script._rmData;
  }

  function listTopics(ul, rows, describe) {
    ul.textContent = "";
    rows.forEach(function (row) {
      var li = el("li");
      li.appendChild(el("a", { href: rm.siteUrl(row.topic.url) }, row.topic.title));
      li.appendChild(document.createTextNode(" (" + row.topic.phase + "): " + describe(row)));
      ul.appendChild(li);
    });
    ul.hidden = !rows.length;
    ul.nextElementSibling.hidden = !!rows.length; // the "nothing here" line
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function showReview(root) {
    var page = root.querySelector("[data-rm-review]");
    var data = page && reviewData();
    if (!data) return;
    page.hidden = false;
    var days = INTERVALS.slice(0, -1).join(", ") + " and " + INTERVALS[INTERVALS.length - 1];
    page.querySelector("[data-rm-intervals]").textContent = "A topic you tick done comes up for review " + days +
      " days after you tick it, then every " + INTERVALS[INTERVALS.length - 1] + " days. Its questions are due " +
      "again if you have not answered them since. A question you got wrong, or marked “not yet”, stays in the " +
      "list below until you answer it right.";
    var now = Date.now(), byTopic = {};
    data.forEach(function (t) { byTopic[t.id] = t; });
    var rows = {};
    review.due(now).forEach(function (item) {
      if (!own(byTopic, item.topic)) return;
      var row = rows[item.topic] = rows[item.topic] || { topic: byTopic[item.topic], missed: 0, due: 0 };
      row[item.reason]++;
    });
    var all = data.filter(function (t) { return own(rows, t.id); }).map(function (t) { return rows[t.id]; });
    listTopics(page.querySelector("[data-rm-missed]"), all.filter(function (r) { return r.missed; }), function (r) {
      return plural(r.missed, "question") + " to answer again.";
    });
    listTopics(page.querySelector("[data-rm-due]"), all.filter(function (r) { return r.due; }), function (r) {
      var ticked = store.get("topics", r.topic.id), point = review.point(r.topic.id, now);
      var age = Math.floor((now - Date.parse(ticked)) / DAY);
      return "ticked done " + plural(age, "day") + " ago; " + plural(r.due, "question") + " not answered since day " +
        Math.round((point - Date.parse(ticked)) / DAY) + ".";
    });
    var start = page.querySelector("[data-rm-action='review-start']");
    var count = review.due(now).filter(function (i) { return own(byTopic, i.topic); }).length;
    start.hidden = !count;
    page.querySelector("[data-rm-review-count]").textContent = count ?
      plural(count, "question") + " to review" + (count > 10 ? "; a set takes 10 of them, mixed across topics." : ".") :
      "Nothing to review: answer the self-checks on the chapters, and come back once topics you ticked are due.";
  }

  /* Bring the questions of `topics` (and their answer key) from their chapters into `holder`. */
  function fetchQuestions(topics, holder) {
    var pages = {};
    topics.forEach(function (t) { (pages[t.url.split("#")[0]] = pages[t.url.split("#")[0]] || []).push(t.id); });
    return Promise.all(Object.keys(pages).map(function (path) {
      return fetch(rm.siteUrl(path), { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then(function (text) {
        // The book's own chapter, parsed inert (no script runs); only its question
        // blocks and answer key are adopted, as nodes.
        var doc = new DOMParser().parseFromString(text, "text/html");
        pages[path].forEach(function (id) {
          doc.querySelectorAll("section.rm-cy[data-topic='" + id + "'], .rm-key details[data-topic='" + id + "']").forEach(function (n) {
            holder.appendChild(document.importNode(n, true));
          });
        });
      });
    }));
  }

  rm.on("review-start", "click", function (b) {
    var page = b.closest("[data-rm-review]"), data = reviewData();
    var byTopic = {};
    data.forEach(function (t) { byTopic[t.id] = t; });
    var items = review.due().filter(function (i) { return own(byTopic, i.topic); }).slice(0, 10);
    var out = page.querySelector("[data-rm-review-set]");
    var holder = el("div", { class: "rm-key", hidden: "" });
    var topics = items.map(function (i) { return byTopic[i.topic]; }).filter(function (t, n, all) { return all.indexOf(t) === n; });
    out.textContent = "";
    out.appendChild(el("p", {}, "Loading the questions…"));
    b.disabled = true;
    fetchQuestions(topics, holder).then(function () {
      indexKey(holder);
      fillSet(out, items.map(function (i) {
        return { form: holder.querySelector("form[data-q='" + i.question + "']"), title: byTopic[i.topic].title, url: rm.siteUrl(byTopic[i.topic].url) };
      }).filter(function (i) { return i.form; }), "");
      out.appendChild(holder);
      b.textContent = "Start another set";
    }).catch(function () {
      out.textContent = "";
      out.appendChild(el("p", { class: "rm-status--error" }, "The questions could not be loaded from their chapters. " +
        "Check your connection to the book and try again."));
    }).finally(function () { b.disabled = false; });
  });

  /* -- print: the answer key and the readiness answers open on paper --------------- */

  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".rm-key details:not([open]), details.rm-sd:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  /* -- wiring ------------------------------------------------------------------- */

  function update(root) {
    showStatus(root);
    showScores(root);
    showReview(root);
  }

  rm.enhance(function (root) {
    indexKey(root);
    root.querySelectorAll("section.rm-cy form[data-q]").forEach(enhanceForm);
    update(root);
  });
  store.subscribe(function () { update(document); });
})();
