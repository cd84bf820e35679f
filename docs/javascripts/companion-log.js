/* The ML Roadmap, study companion (2/3): the study log, its chart, the weekly
 * check-in and the journal.
 *
 * Log a session (form[data-rm-log-form]): a tap on a length and one on the
 * button; the day is today unless changed; a topic and a one-line note are
 * optional. The study log page ([data-rm-history]) draws each plan week's
 * total beside its target as a small SVG chart (our own code, below) with the
 * same numbers in a table, and lists the sessions. The check-in
 * (form[data-rm-checkin-form]) is kept per plan week under the week's first
 * day; the journal ([data-rm-journal]) lists them and downloads them as one
 * Markdown file. No streaks and no judgement: an empty week is just empty.
 * Sections "log" and "checkins" are registered by companion.js.
 */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm || !rm.companion) return;
  var store = rm.store, el = rm.el, own = rm.own, dates = rm.dates, plans = rm.plan, cmp = rm.companion, DAY = dates.DAY;
  var SVG = "http://www.w3.org/2000/svg";
  var PROMPTS = [["learned", "What I learned, in plain words"], ["stuck", "Where I got stuck"], ["next", "Next week's focus"]];

  function field(root, key) { return root.querySelector("[data-rm-field='" + key + "']"); }

  /* The plan and where today is in it, or null without a plan. */
  function where() {
    var data = plans.data(), p = data && plans.stored(data);
    if (!p) return null;
    var st = cmp.status(data, p, dates.today());
    st.shown = Math.min(Math.max(st.calendar, 1), st.total);
    st.data = data;
    st.plan = p;
    return st;
  }
  function weekRange(st, n) { var from = plans.weekStart(st.start, n); return [from, from + 6 * DAY]; }
  function span(from, to) {
    var s = el("span");
    s.appendChild(dates.timeEl(from));
    s.appendChild(document.createTextNode(" – "));
    s.appendChild(dates.timeEl(to));
    return s;
  }
  function titleOf(data, id) { return data && own(data.titles || {}, id) ? data.titles[id] : id; }

  /* -- log a session --------------------------------------------------------------- */

  function fillLogForm(form, st) {
    var day = field(form, "log-on");
    if (!day.value) day.value = dates.iso(dates.today());
    day.max = dates.iso(dates.today());
    var select = field(form, "log-topic"), data = plans.data();
    if (!data || select.options.length > 1) return;
    var first = el("optgroup", { label: "This week" }), rest = el("optgroup", { label: "Every topic" }), seen = {};
    if (st) st.week.items.forEach(function (i) {
      if (i[0] === "topic" && !own(seen, i[1])) { seen[i[1]] = true; first.appendChild(el("option", { value: i[1] }, i[2])); }
    });
    Object.keys(data.titles || {}).forEach(function (id) { rest.appendChild(el("option", { value: id }, data.titles[id])); });
    if (first.firstChild) select.appendChild(first);
    select.appendChild(rest);
  }

  rm.on("log", "change input", function (control) {
    var form = control.closest("form");
    if (control.getAttribute("data-rm-field") === "log-preset") field(form, "log-minutes").value = "";
    if (control.getAttribute("data-rm-field") === "log-minutes" && control.value) {
      form.querySelectorAll("[data-rm-field='log-preset']").forEach(function (r) { r.checked = false; });
    }
  });

  rm.on("log", "submit", function (form, event) {
    event.preventDefault();
    var say = form.querySelector("[data-rm-log-status]");
    var preset = form.querySelector("[data-rm-field='log-preset']:checked");
    var other = field(form, "log-minutes").value.trim();
    var minutes = other ? Number(other) : preset ? Number(preset.value) : NaN;
    var day = dates.parseDay(field(form, "log-on").value);
    var problem = !(minutes >= 1 && minutes <= 1440 && Math.floor(minutes) === minutes) ? "Choose how long you studied (1 to 1440 minutes)." :
      day === null || day < dates.FIRST_DAY ? "Choose the day you studied." :
      day > dates.today() ? "That day has not come yet: choose today or an earlier day." : "";
    say.classList.toggle("rm-status--error", !!problem);
    if (problem) {
      say.textContent = problem;
      return;
    }
    var entry = { on: dates.iso(day), minutes: minutes, at: new Date().toISOString() };
    var topic = field(form, "log-topic").value, note = field(form, "log-note").value.replace(/\s+/g, " ").trim();
    if (topic) entry.topic = topic;
    if (note) entry.note = note.slice(0, 300);
    var id = "s" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
    if (!store.set("log", id, entry)) {
      say.classList.add("rm-status--error");
      say.textContent = "The session was not logged: " + (store.newer() ? "this browser holds progress from a newer version of the book." : "it could not be saved.");
      return;
    }
    var st = where(), week = "";
    if (st && st.calendar >= 1 && st.calendar <= st.total) {
      var r = weekRange(st, st.calendar);
      week = " This week: " + cmp.minutesText(cmp.logged(r[0], r[1])) + " of " + cmp.hoursText(st.week.hours) + " planned.";
    }
    say.textContent = "Logged " + cmp.minutesText(minutes) + " on " + dates.human(day) + (topic ? " (" + titleOf(plans.data(), topic) + ")" : "") + "." + week;
    form.querySelectorAll("[data-rm-field='log-preset']").forEach(function (r) { r.checked = false; });
    field(form, "log-minutes").value = "";
    field(form, "log-note").value = "";
    field(form, "log-on").value = dates.iso(dates.today());
  });

  /* -- the chart: each plan week's minutes beside its target ------------------------------ */

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The weeks to chart: up to twelve, ending with this week (or the plan's last). */
  function chartWeeks(st) {
    var last = Math.min(Math.max(st.calendar, 1), st.total), first = Math.max(1, last - 11), out = [];
    for (var n = first; n <= last; n++) {
      var r = weekRange(st, n);
      out.push({ week: n, from: r[0], to: r[1], minutes: cmp.logged(r[0], r[1]), target: Math.round(st.weeks[n - 1].hours * 60) });
    }
    return out;
  }

  function chart(weeks, current) {
    var W = 640, H = 220, left = 44, bottom = 28, top = 12, slot = (W - left - 8) / Math.max(weeks.length, 1);
    var most = Math.max.apply(null, weeks.map(function (w) { return Math.max(w.minutes, w.target); }).concat([60]));
    var scale = Math.ceil(most / 60) * 60, y = function (m) { return top + (H - top - bottom) * (1 - m / scale); };
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "rm-chart__svg", role: "img", "aria-labelledby": "rm-chart-title" });
    root.appendChild(svg("title", { id: "rm-chart-title" }, "Hours logged in weeks " + weeks[0].week + " to " + weeks[weeks.length - 1].week +
      " of your plan, beside each week's planned hours; the table below has the numbers."));
    [0, scale / 2, scale].forEach(function (m) {
      root.appendChild(svg("line", { x1: left, x2: W - 4, y1: y(m), y2: y(m), class: "rm-chart__grid" }));
      root.appendChild(svg("text", { x: left - 6, y: y(m) + 4, "text-anchor": "end", class: "rm-chart__label" }, Math.round(m / 6) / 10 + " h"));
    });
    weeks.forEach(function (w, i) {
      var x = left + i * slot, g = svg("g", { class: "rm-chart__week" + (w.week === current ? " rm-chart__week--current" : ""),
        "data-week": w.week, "data-minutes": w.minutes, "data-target": w.target });
      g.appendChild(svg("rect", { x: x + slot * 0.12, width: slot * 0.76, y: y(w.target), height: y(0) - y(w.target), class: "rm-chart__target" }));
      g.appendChild(svg("rect", { x: x + slot * 0.24, width: slot * 0.52, y: y(Math.min(w.minutes, scale)), height: y(0) - y(Math.min(w.minutes, scale)), class: "rm-chart__logged" }));
      g.appendChild(svg("text", { x: x + slot / 2, y: H - 10, "text-anchor": "middle", class: "rm-chart__label" }, String(w.week)));
      root.appendChild(g);
    });
    return root;
  }

  function chartTable(weeks) {
    var details = el("details", { class: "rm-chart__numbers" });
    details.appendChild(el("summary", {}, "The numbers, week by week"));
    var table = el("table", { class: "rm-chart__table" }), head = el("tr");
    ["Week", "Dates", "Logged", "Planned"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    weeks.slice().reverse().forEach(function (w) {
      var tr = el("tr", { "data-week": String(w.week) });
      tr.appendChild(el("td", {}, String(w.week)));
      tr.appendChild(el("td")).appendChild(span(w.from, w.to));
      tr.appendChild(el("td", { "data-rm-logged": "" }, cmp.minutesText(w.minutes)));
      tr.appendChild(el("td", {}, cmp.minutesText(w.target)));
      body.appendChild(tr);
    });
    table.appendChild(body);
    details.appendChild(table);
    return details;
  }

  function renderHistory(root, st) {
    var box = root.querySelector("[data-rm-chart]");
    box.textContent = "";
    if (st) {
      var weeks = chartWeeks(st);
      var now = weeks[weeks.length - 1];
      box.appendChild(el("p", { class: "rm-chart__total", "data-rm-week-total": "" }, st.calendar < 1 ? "Your plan starts on " + dates.human(st.start) + "." :
        "Week " + now.week + ": " + cmp.minutesText(now.minutes) + " logged of " + cmp.minutesText(now.target) + " planned."));
      box.appendChild(chart(weeks, st.calendar));
      box.appendChild(chartTable(weeks));
    } else {
      box.appendChild(el("p", {}, "Choose your plan on My plan to see each week's hours beside the plan."));
    }
    var list = root.querySelector("[data-rm-sessions]"), all = cmp.sessions();
    root.querySelector("[data-rm-sessions-none]").hidden = all.length > 0;
    cmp.keepFocus(list, function () {
      list.textContent = "";
      all.forEach(function (s) {
        var day = dates.parseDay(s.on), words = dates.human(day) + ": " + cmp.minutesText(s.minutes);
        var li = el("li", { "data-rm-session": s.id });
        li.appendChild(el("time", { datetime: s.on }, dates.human(day)));
        li.appendChild(document.createTextNode(" · " + cmp.minutesText(s.minutes) + (s.topic ? " · " + titleOf(plans.data(), s.topic) : "")));
        if (s.note) li.appendChild(el("span", { class: "rm-sessions__note" }, " · " + s.note));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("button", { type: "button", class: "rm-link-button", "data-rm-action": "log-delete", "data-rm-id": s.id,
          "aria-label": "Delete the session of " + words }, "Delete"));
        list.appendChild(li);
      });
    });
  }

  rm.on("log-delete", "click", function (button) {
    var id = button.getAttribute("data-rm-id"), s = store.get("log", id);
    if (!s) return;
    store.set("log", id, undefined);
    var say = document.querySelector("[data-rm-log-status]");
    if (say) say.textContent = "Deleted the session of " + cmp.minutesText(s.minutes) + " on " + dates.human(dates.parseDay(s.on)) + ".";
  });

  /* -- the weekly check-in and the journal ------------------------------------------------- */

  function checkinKey(st) { return dates.iso(plans.weekStart(st.start, st.shown)); }

  function fillCheckin(section, st) {
    var form = section.querySelector("form");
    var intro = section.querySelector("[data-rm-checkin-week]");
    form.hidden = !st;
    if (!st) {
      intro.textContent = "Choose your plan on My plan first: each check-in is kept with its week of the plan.";
      return;
    }
    var r = weekRange(st, st.shown);
    intro.textContent = "Week " + st.shown + " of your plan, ";
    intro.appendChild(span(r[0], r[1]));
    intro.appendChild(document.createTextNode(". A few lines are enough; you can come back and change them."));
    if (form.getAttribute("data-rm-dirty") === "yes") return;
    var saved = store.get("checkins", checkinKey(st)) || {};
    PROMPTS.forEach(function (p) { field(form, p[0]).value = typeof saved[p[0]] === "string" ? saved[p[0]] : ""; });
  }

  rm.on("checkin", "input", function (control) { control.closest("form").setAttribute("data-rm-dirty", "yes"); });

  rm.on("checkin", "submit", function (form, event) {
    event.preventDefault();
    var st = where(), say = form.querySelector("[data-rm-checkin-status]");
    if (!st) return;
    var entry = { week: st.shown, at: new Date().toISOString() }, any = false;
    PROMPTS.forEach(function (p) {
      var value = field(form, p[0]).value.replace(/\r\n?/g, "\n").trim().slice(0, 4000);
      entry[p[0]] = value;
      any = any || !!value;
    });
    say.classList.toggle("rm-status--error", !any);
    if (!any) {
      say.textContent = "Nothing to save yet: write a line for at least one of the three questions.";
      return;
    }
    form.removeAttribute("data-rm-dirty");
    var ok = store.set("checkins", checkinKey(st), entry);
    say.classList.toggle("rm-status--error", !ok);
    say.textContent = ok ? "Saved your check-in for week " + st.shown + "." : "The check-in was not saved.";
  });

  function checkins() {
    return store.ids("checkins").sort().reverse().map(function (key) { return { key: key, entry: store.get("checkins", key) }; });
  }

  function renderJournal(root) {
    var list = root.querySelector("[data-rm-checkins]"), all = checkins();
    root.querySelector("[data-rm-checkins-none]").hidden = all.length > 0;
    list.textContent = "";
    all.forEach(function (c) {
      var from = dates.parseDay(c.key), article = el("article", { class: "rm-checkins__week", "data-rm-checkin-key": c.key });
      var h = el("h3", {}, "Week " + c.entry.week + ": ");
      h.appendChild(span(from, from + 6 * DAY));
      article.appendChild(h);
      var dl = el("dl");
      PROMPTS.forEach(function (p) {
        dl.appendChild(el("dt", {}, p[1]));
        dl.appendChild(el("dd", {}, c.entry[p[0]] || "(nothing written)"));
      });
      article.appendChild(dl);
      list.appendChild(article);
    });
  }

  /* The journal as one Markdown file: the learner's words as they wrote them. */
  function journal() {
    var st = where(), lines = ["# My study journal", ""];
    lines.push("The ML Roadmap" + (st ? " · " + st.track.title + " at " + st.plan.hours + " hours a week" : "") +
      " · saved on " + dates.human(dates.today()), "");
    checkins().slice().reverse().forEach(function (c) {
      var from = dates.parseDay(c.key);
      lines.push("## Week " + c.entry.week + ": " + dates.human(from) + " – " + dates.human(from + 6 * DAY), "");
      lines.push("Logged that week: " + cmp.minutesText(cmp.logged(from, from + 6 * DAY)) + ".", "");
      PROMPTS.forEach(function (p) {
        lines.push("### " + p[1], "", (c.entry[p[0]] || "(nothing written)").replace(/\r\n?/g, "\n"), "");
      });
    });
    return lines.join("\n").replace(/\n+$/, "") + "\n";
  }

  rm.on("journal", "click", function () {
    var n = checkins().length, say = document.querySelector("[data-rm-journal-status]");
    rm.download("ml-roadmap-journal-" + dates.iso(dates.today()) + ".md", "text/markdown", journal());
    if (say) say.textContent = "Saved " + n + " check-in" + (n === 1 ? "" : "s") + " to a Markdown file.";
  });

  /* -- wiring ---------------------------------------------------------------------- */

  function render() {
    var st = where();
    document.querySelectorAll("[data-rm-log]").forEach(function (section) {
      section.hidden = false;
      fillLogForm(section.querySelector("form"), st);
    });
    document.querySelectorAll("[data-rm-history]").forEach(function (root) { root.hidden = false; renderHistory(root, st); });
    document.querySelectorAll("[data-rm-checkin]").forEach(function (section) { section.hidden = false; fillCheckin(section, st); });
    document.querySelectorAll("[data-rm-journal]").forEach(function (root) { root.hidden = false; renderJournal(root); });
  }
  rm.enhance(render);
  store.subscribe(render);

  cmp.journal = journal;
})();
