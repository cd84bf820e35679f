/* The ML Roadmap, learner tools (3/4): the pacing planner (planner and My plan pages).
 *
 * The weeks of every track at every weekly-hours choice were computed at build
 * time by roadmap/pages/schedule.py and embedded as JSON (a <script type="application/json">
 * inside template[data-rm-plan-data], out of reach of instant navigation). This script
 * only picks the reader's track and hours, lays calendar dates on those weeks
 * (week n runs from start + 7(n-1) days to start + 7n - 1 days) and writes the
 * same weeks as an iCalendar file (plan.js: rmLearner.plan.ics). The choices are
 * the learner's plan, kept in the progress store (section "plan"), so every page
 * that shows the plan shares them. Start dates run from 1970 to the last day
 * whose plan still ends in 9999, and keys read from the page's data or the saved
 * choices are own properties of it (a saved track "__proto__" is no track).
 */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm) return;

  var dates = rm.dates, plans = rm.plan;
  var DAY = dates.DAY, parseDay = dates.parseDay, iso = dates.iso, human = dates.human, timeEl = dates.timeEl;
  var el = rm.el;
  var own = rm.own;

  /* The form's controls by their data-rm-field (not `name`: the print page renames those). */
  function field(form, key) { return form.querySelector("[data-rm-field='" + key + "']"); }

  var hoursText = plans.hoursText;

  function current(form, data) {
    var track = own(data.tracks, field(form, "track").value) ? field(form, "track").value : data["default"].track;
    var paces = data.tracks[track].paces;
    var hours = own(paces, field(form, "hours").value) ? field(form, "hours").value : String(data.tracks[track].hours_per_week);
    var start = parseDay(field(form, "start").value);
    return { track: track, hours: hours, start: start, weeks: paces[hours] };
  }

  /* Why the plan cannot be laid on the calendar, or "" when it can. */
  function problem(form, plan) {
    return plans.problem(plan.start, plan.weeks.length, !!field(form, "start").value);
  }

  /* The stored plan's point to continue from, when the form shows that plan. */
  function resumed(plan, data) {
    var p = plans.stored(data);
    return p && p.resumed && p.track === plan.track && String(p.hours) === plan.hours && parseDay(p.start) === plan.start
      ? p.resumed : null;
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
    var finish = plans.finish(plan.start, n);
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
    var back = resumed(plan, data), k = back ? back.week : 1, on = back ? parseDay(back.on) : null;
    if (back) {
      summary.appendChild(document.createTextNode(" You continued from week " + k + " on "));
      summary.appendChild(timeEl(on));
      summary.appendChild(document.createTextNode("; the weeks before it are done."));
    }

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
        if (last < k) {
          span.appendChild(document.createTextNode("done before "));
          span.appendChild(timeEl(on));
        } else {
          span.appendChild(timeEl(plan.start + 7 * (Math.max(week.week, k) - 1) * DAY));
          span.appendChild(document.createTextNode(" – "));
          span.appendChild(timeEl(plan.start + (7 * last - 1) * DAY));
        }
        th.appendChild(span);
        row.appendChild(th);
        body.appendChild(row);
        table.appendChild(body);
      }
      var from = plan.start + 7 * (week.week - 1) * DAY;
      var tr = el("tr", { "data-week": String(week.week) });
      tr.appendChild(el("td", { class: "rm-plan__week" }, String(week.week)));
      var dates = el("td", { class: "rm-plan__dates" });
      if (week.week < k) {
        dates.appendChild(document.createTextNode("Done before "));
        dates.appendChild(timeEl(on));
      } else {
        dates.appendChild(timeEl(from));
        dates.appendChild(document.createTextNode(" – "));
        dates.appendChild(timeEl(from + 6 * DAY));
      }
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

  /* -- wiring --------------------------------------------------------------------- */

  function pageData() {
    var form = document.querySelector("form[data-rm-planner]");
    var data = plans.data();
    return form && data ? { form: form, data: data } : null;
  }

  /* The form's choices become the learner's plan (a date that cannot be laid on
     the calendar is not saved). */
  function savePlan(form, data) {
    var plan = current(form, data);
    if (!problem(form, plan)) plans.save(plan.track, plan.hours, iso(plan.start));
  }

  /* Fill the form from the stored plan (or the earlier planner's choices). */
  function fill(form, data) {
    var chosen = plans.choices(data);
    field(form, "track").value = chosen.track;
    syncHours(form, data);
    field(form, "hours").value = chosen.hours;
    field(form, "start").value = chosen.start;
  }

  rm.enhance(function () {
    var page = pageData();
    if (!page) return;
    fill(page.form, page.data);
    page.form.hidden = false;
    render(page.form, page.data);
  });

  rm.store.subscribe(function () {
    var page = pageData();
    if (!page || page.form.hidden) return;
    var stored = plans.stored(page.data);
    var plan = current(page.form, page.data);
    // The plan changed elsewhere (continue from where you are, a restore, another tab).
    if (stored && (stored.track !== plan.track || String(stored.hours) !== plan.hours || stored.start !== iso(plan.start))) {
      var focused = document.activeElement && page.form.contains(document.activeElement);
      if (!focused) fill(page.form, page.data);
    }
    render(page.form, page.data);
  });

  rm.on("plan", "change input submit", function (control, event) {
    var page = pageData();
    if (!page) return;
    if (event.type === "submit") event.preventDefault();
    if (control.getAttribute("data-rm-field") === "track") syncHours(page.form, page.data);
    if (event.type !== "submit") savePlan(page.form, page.data);
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
    var from = resumed(plan, page.data);
    plans.downloadIcs({ track: plan.track, hours: plan.hours, start: plan.start }, page.data, from ? from.week : 1);
  });
})();
