/* The ML Roadmap, the finder's answers and comparison table (finder.js calls them).
 *
 * Every text from the data (titles, "why", providers) goes in as textContent
 * through rmLearner.el; links are set only to the data's https URLs or to the
 * book's own relative links.
 */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm || window.rmFinderView) return;
  var el = rm.el;

  /* An https link from the data, or a relative link of the book; nothing else. */
  function safe(href) {
    var h = String(href || "").replace(/[\u0000-\u0020]/g, "");
    return /^https:\/\//i.test(h) || (h !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(h) && !/^[\/\\]{2}/.test(h));
  }

  function link(href, text, attrs) {
    var a = el("a", attrs || {}, text);
    if (safe(href)) a.setAttribute("href", href);
    return a;
  }

  /* Where the book explains an item: its topics (a resource) or its phases (a course). */
  function places(ix, item) {
    var d = ix.data;
    if (item.topics.length) return item.topics.map(function (t) { return [d.topics[t][1], d.topics[t][3]]; });
    return item.phases.map(function (p) { return [d.phases[p][1], d.phases[p][2]]; });
  }

  function appendList(parent, pairs) {
    pairs.forEach(function (pair, n) {
      if (n) parent.appendChild(document.createTextNode(", "));
      parent.appendChild(link(pair[1], pair[0]));
    });
  }

  /* "free · beginner · video · 2.5 h · for Backpropagation" */
  function because(ix, item) {
    var p = el("p", { class: "rm-ask__because" }, [item.cost, item.level, item.type].concat(item.duration ? [item.duration] : []).join(" · ") + " · for ");
    appendList(p, places(ix, item));
    if (item.course && item.place) {
      p.appendChild(document.createTextNode(" · "));
      p.appendChild(link(item.place, "notes on this course"));
    }
    return p;
  }

  var FIELD_NAMES = { title: "title", topic: "topic", provider: "provider", why: "description", phase: "phase", about: "topic summary" };

  function hit(ix, parsed, h, picked, full) {
    var item = h.item;
    var li = el("li", { class: "rm-ask__hit", "data-rm-item": item.id });
    var title = el("p", { class: "rm-ask__title" });
    title.appendChild(link(item.url || item.place, item.title, { "data-rm-hit": "" }));
    title.appendChild(el("span", { class: "rm-ask__provider" }, " · " + item.provider));
    li.appendChild(title);
    li.appendChild(because(ix, item));
    li.appendChild(el("p", { class: "rm-ask__why" }, item.course ? "The gap it fills: " + item.gap : item.why));
    var words = window.rmFinderSearch.matched(ix, parsed, item);
    if (words.length) {
      li.appendChild(el("p", { class: "rm-ask__matched" }, "Matched " + words.map(function (w) {
        return "“" + w[0] + "” in its " + FIELD_NAMES[w[1]];
      }).join(", ")));
    }
    if (full) {
      var label = el("label", { class: "rm-check rm-ask__pick" });
      var box = el("input", { type: "checkbox", "data-rm-action": "ask-pick", value: item.id });
      box.checked = picked.indexOf(item.id) >= 0;
      box.disabled = !box.checked && picked.length >= 4;
      label.appendChild(box);
      label.appendChild(el("span", {}, "Compare"));
      label.appendChild(el("span", { class: "rm-visually-hidden" }, ": " + item.title));
      li.appendChild(label);
    }
    return li;
  }

  function row(table, name, cells) {
    var tr = el("tr");
    tr.appendChild(el("th", { scope: "row" }, name));
    cells.forEach(function (cell) {
      var td = el("td");
      if (typeof cell === "string") td.textContent = cell || "—";
      else td.appendChild(cell);
      tr.appendChild(td);
    });
    table.appendChild(tr);
  }

  /* The picked items side by side: one column each, one row per property. */
  function compare(ix, items) {
    var d = ix.data;
    var box = el("div");
    box.appendChild(el("h2", { id: "rm-ask-compare", tabindex: "-1" }, "Side by side"));
    var wrap = el("div", { class: "rm-ask__scroll", tabindex: "0", role: "region", "aria-labelledby": "rm-ask-compare" });
    var table = el("table", { class: "rm-ask__table" });
    var head = el("tr");
    head.appendChild(el("td"));
    items.forEach(function (item) {
      var th = el("th", { scope: "col" });
      th.appendChild(link(item.url || item.place, item.title));
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    function texts(fn) { return items.map(fn); }
    row(body, "Type", texts(function (i) { return i.type + (i.course ? " (recommended on the courses page)" : ""); }));
    row(body, "Provider", texts(function (i) { return i.provider; }));
    row(body, "Level", texts(function (i) { return i.level; }));
    row(body, "Cost", texts(function (i) { return i.cost; }));
    row(body, "Duration", texts(function (i) { return i.duration || "not stated"; }));
    if (items.some(function (i) { return i.tools.length; })) row(body, "Teaches with", texts(function (i) { return i.tools.join(", "); }));
    if (items.some(function (i) { return i.prerequisites.length; })) row(body, "Needs first", texts(function (i) { return i.prerequisites.join(", "); }));
    row(body, "The gap it fills", texts(function (i) { return i.gap || i.why; }));
    if (items.some(function (i) { return i.when; })) row(body, "When to take it", texts(function (i) { return i.when; }));
    row(body, "Serves", items.map(function (i) {
      var span = el("span");
      appendList(span, places(ix, i));
      return span;
    }));
    row(body, "Tracks", texts(function (i) { return i.tracks.map(function (t) { return d.tracks[t][1]; }).join(", "); }));
    table.appendChild(body);
    wrap.appendChild(table);
    box.appendChild(wrap);
    var close = el("p");
    close.appendChild(el("button", { type: "button", class: "md-button", "data-rm-action": "ask-clear" }, "Clear the comparison"));
    box.appendChild(close);
    return box;
  }

  window.rmFinderView = { hit: hit, compare: compare };
})();
