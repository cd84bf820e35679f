/* The ML Roadmap, learner tools (3/4): the pacing planner (planner page).
 *
 * The weeks of every track at every weekly-hours choice were computed at build
 * time by roadmap/schedule.py and embedded as JSON (a <script type="application/json">
 * inside template[data-rm-plan-data], out of reach of instant navigation). This script
 * only picks the reader's track and hours, lays calendar dates on those weeks
 * (week n runs from start + 7(n-1) days to start + 7n - 1 days) and writes the
 * same weeks as an iCalendar file (RFC 5545): one all-day event per week.
 * Start dates run from 1970 to the last day whose plan still ends in 9999, and
 * keys read from the page's data or the saved preferences are own properties
 * of it (a saved track "__proto__" is no track).
 */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm) return;

  var DAY = 86400000;
  var PREFS = rm.storageKey("planner");
  var el = rm.el;
  var own = rm.own;
  var FIRST_DAY = Date.UTC(1970, 0, 1);
  var LAST_DAY = Date.UTC(9999, 11, 31); // the last a DATE value (four-digit year) can say

  /* Dates are whole days in UTC, so no time zone or DST shift moves them.
     setUTCFullYear takes the year as written (Date.UTC reads 0050 as 1950). */
  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === "string" ? text : "");
    if (!m) return null;
    var d = new Date(0);
    d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? d.getTime() : null;
  }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function human(t) {
    return new Date(t).toLocaleDateString(undefined, { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
  }
  function timeEl(t) { return el("time", { datetime: iso(t) }, human(t)); }
  function todayLocal() {
    var d = new Date();
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  }

  /* The form's controls by their data-rm-field (not `name`: the print page renames those). */
  function field(form, key) { return form.querySelector("[data-rm-field='" + key + "']"); }

  function hoursText(h) { return String(Math.round(h * 100) / 100); }

  function current(form, data) {
    var track = own(data.tracks, field(form, "track").value) ? field(form, "track").value : data["default"].track;
    var paces = data.tracks[track].paces;
    var hours = own(paces, field(form, "hours").value) ? field(form, "hours").value : String(data.tracks[track].hours_per_week);
    var start = parseDay(field(form, "start").value);
    return { track: track, hours: hours, start: start, weeks: paces[hours] };
  }

  /* Why the plan cannot be laid on the calendar, or "" when it can. */
  function problem(form, plan) {
    if (plan.start === null) {
      return field(form, "start").value ? "That is not a date: choose a start date." : "Choose a start date to see your calendar.";
    }
    if (plan.start < FIRST_DAY || plan.start > LAST_DAY) return "Choose a start date between the years 1970 and 9999.";
    var latest = LAST_DAY - 7 * plan.weeks.length * DAY;
    if (plan.start > latest) {
      return "This plan would end after 31 December 9999: choose a start date on or before " + human(latest) + ".";
    }
    return "";
  }

  /* The hours choices of the chosen track, keeping the reader's pick when it exists. */
  function syncHours(form, data) {
    var select = field(form, "hours");
    var track = data.tracks[own(data.tracks, field(form, "track").value) ? field(form, "track").value : data["default"].track];
    var keep = select.value;
    var choices = Object.keys(track.paces).sort(function (a, b) { return a - b; });
    if (choices.join(" ") !== Array.prototype.map.call(select.options, function (o) { return o.value; }).join(" ")) {
      select.textContent = "";
      choices.forEach(function (h) { select.appendChild(el("option", { value: h }, h)); });
    }
    select.value = own(track.paces, keep) ? keep : String(track.hours_per_week);
  }

  function itemNode(item, data) {
    var kind = item[0], ref = item[1], title = item[2], hours = item[3];
    var li = el("li", { class: "rm-plan__item rm-plan__item--" + kind });
    if (kind === "topic" && own(data.topics, ref)) {
      li.appendChild(el("a", { href: rm.siteUrl(data.topics[ref]) }, title));
      if (rm.store.has("topics", ref)) {
        li.classList.add("rm-plan__item--done");
        li.appendChild(el("span", { class: "rm-plan__done" }, " (done)"));
      }
    } else {
      li.appendChild(document.createTextNode(title));
    }
    li.appendChild(document.createTextNode(" · " + hoursText(hours) + " h"));
    return li;
  }

  function render(form, data) {
    var output = document.querySelector("[data-rm-plan-output]");
    var summary = form.querySelector("[data-rm-plan-summary]");
    var plan = current(form, data);
    var track = data.tracks[plan.track];
    if (!output || !summary) return;
    var why = problem(form, plan);
    summary.classList.toggle("rm-status--error", !!why);
    if (why) {
      summary.textContent = why;
      output.textContent = "";
      return;
    }
    var n = plan.weeks.length;
    var finish = plan.start + (7 * n - 1) * DAY;
    summary.textContent = "";
    summary.appendChild(document.createTextNode(track.title + " at " + plan.hours + " hours a week: " + n + " weeks, from "));
    var startEl = timeEl(plan.start);
    startEl.setAttribute("data-rm-plan-start", "");
    summary.appendChild(startEl);
    summary.appendChild(document.createTextNode(" to "));
    var finishEl = timeEl(finish);
    finishEl.setAttribute("data-rm-plan-finish", "");
    summary.appendChild(finishEl);
    summary.appendChild(document.createTextNode("."));

    var table = el("table", { class: "rm-plan" });
    table.appendChild(el("caption", {}, "Your weeks on the " + track.title + " at " + plan.hours + " hours a week"));
    var head = el("thead");
    var hr = el("tr");
    ["Week", "Dates", "What you study"].forEach(function (h) { hr.appendChild(el("th", { scope: "col" }, h)); });
    head.appendChild(hr);
    table.appendChild(head);
    var body = null, stage = null;
    plan.weeks.forEach(function (week) {
      if (week.stage !== stage) {
        stage = week.stage;
        body = el("tbody", { "data-stage": stage });
        var row = el("tr", { class: "rm-plan__stage" });
        var th = el("th", { colspan: "3", scope: "colgroup" });
        var pages = own(data.stage_pages, plan.track) ? data.stage_pages[plan.track] : {};
        var page = own(pages, stage) ? pages[stage] : null;
        th.appendChild(page ? el("a", { href: rm.siteUrl(page) }, track.stages[stage]) : document.createTextNode(track.stages[stage]));
        var last = plan.weeks.filter(function (w) { return w.stage === stage; }).pop().week;
        var span = el("span", { class: "rm-plan__span" });
        span.appendChild(document.createTextNode(" · weeks " + week.week + "–" + last + ", "));
        span.appendChild(timeEl(plan.start + 7 * (week.week - 1) * DAY));
        span.appendChild(document.createTextNode(" – "));
        span.appendChild(timeEl(plan.start + (7 * last - 1) * DAY));
        th.appendChild(span);
        row.appendChild(th);
        body.appendChild(row);
        table.appendChild(body);
      }
      var from = plan.start + 7 * (week.week - 1) * DAY;
      var tr = el("tr", { "data-week": String(week.week) });
      tr.appendChild(el("td", { class: "rm-plan__week" }, String(week.week)));
      var dates = el("td", { class: "rm-plan__dates" });
      dates.appendChild(timeEl(from));
      dates.appendChild(document.createTextNode(" – "));
      dates.appendChild(timeEl(from + 6 * DAY));
      tr.appendChild(dates);
      var what = el("td");
      var list = el("ul", { class: "rm-plan__items" });
      week.items.forEach(function (item) { list.appendChild(itemNode(item, data)); });
      what.appendChild(list);
      tr.appendChild(what);
      body.appendChild(tr);
    });
    var scroll = el("div", { class: "rm-plan__scroll", tabindex: "0", role: "region", "aria-label": "Your week-by-week calendar" });
    scroll.appendChild(table);
    output.textContent = "";
    output.appendChild(scroll);
  }

  /* -- iCalendar (RFC 5545) -------------------------------------------------- */

  /* Text as one line: every control character (C0, DEL, C1) and the line and
     paragraph separators removed, so no bare CR or LF reaches the file. */
  function plain(text) {
    return String(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "");
  }
  /* A TEXT value (3.3.11) from one line or a list of lines (joined by the escape \n). */
  function icsText(lines) {
    return [].concat(lines).map(function (line) {
      return plain(line).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,");
    }).join("\\n");
  }
  /* Lines longer than 75 octets are folded: CRLF and one space (3.1). */
  function fold(line) {
    var out = [], current = "", size = 0;
    Array.from(line).forEach(function (ch) {
      var bytes = new TextEncoder().encode(ch).length;
      if (size + bytes > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
        size = 0;
      }
      current += ch;
      size += bytes;
    });
    out.push(current);
    return out.join("\r\n ");
  }
  function icsDay(t) { return iso(t).replace(/-/g, ""); }

  function ics(plan, data) {
    var track = data.tracks[plan.track];
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var host = location.hostname || "ml-roadmap";
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//The ML Roadmap//Pacing planner//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText("ML Roadmap: " + track.title + ", " + plan.hours + " h/week")
    ];
    plan.weeks.forEach(function (week) {
      var from = plan.start + 7 * (week.week - 1) * DAY;
      var what = week.items.map(function (i) { return i[2] + " (" + hoursText(i[3]) + " h)"; });
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + plain(["rm", plan.track, plan.hours, icsDay(plan.start), "w" + week.week].join("-") + "@" + host),
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + icsDay(from),
        "DTEND;VALUE=DATE:" + icsDay(from + 7 * DAY),
        "SUMMARY:" + icsText("Week " + week.week + ": " + track.stages[week.stage]),
        "DESCRIPTION:" + icsText(what),
        "TRANSP:TRANSPARENT",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  /* -- wiring --------------------------------------------------------------------- */

  function pageData() {
    var form = document.querySelector("form[data-rm-planner]");
    var holder = document.querySelector("template[data-rm-plan-data]");
    var script = holder && holder.content.querySelector("script[type='application/json']");
    if (!form || !script) return null;
    if (!script._rmData) script._rmData = JSON.parse(script.textContent);
    return { form: form, data: script._rmData };
  }

  function savePrefs(form) {
    try {
      localStorage.setItem(PREFS, JSON.stringify({
        track: field(form, "track").value, hours: field(form, "hours").value, start: field(form, "start").value
      }));
    } catch (e) { /* not saved: fine */ }
  }

  rm.enhance(function () {
    var page = pageData();
    if (!page) return;
    var form = page.form, data = page.data;
    var prefs = null;
    try { prefs = JSON.parse(localStorage.getItem(PREFS)); } catch (e) { prefs = null; }
    if (!prefs || typeof prefs !== "object") prefs = {};
    var saved = function (key) { return own(prefs, key) && typeof prefs[key] === "string" ? prefs[key] : ""; };
    if (own(data.tracks, saved("track"))) field(form, "track").value = saved("track");
    syncHours(form, data);
    if (own(data.tracks[current(form, data).track].paces, saved("hours"))) field(form, "hours").value = saved("hours");
    var start = parseDay(saved("start"));
    var inRange = start !== null && start >= FIRST_DAY && start <= LAST_DAY;
    if (!field(form, "start").value) field(form, "start").value = inRange ? saved("start") : iso(todayLocal());
    form.hidden = false;
    render(form, data);
  });

  rm.store.subscribe(function () {
    var page = pageData();
    if (page && !page.form.hidden) render(page.form, page.data);
  });

  rm.on("plan", "change input submit", function (control, event) {
    var page = pageData();
    if (!page) return;
    if (event.type === "submit") event.preventDefault();
    if (control.getAttribute("data-rm-field") === "track") syncHours(page.form, page.data);
    savePrefs(page.form);
    render(page.form, page.data);
  });

  rm.on("plan-ics", "click", function () {
    var page = pageData();
    if (!page) return;
    var plan = current(page.form, page.data);
    if (problem(page.form, plan)) {
      render(page.form, page.data); // the summary says why
      return;
    }
    rm.download("ml-roadmap-" + plan.track + "-" + plan.hours + "h-" + iso(plan.start) + ".ics", "text/calendar", ics(plan, page.data));
  });
})();
