/* The ML Roadmap, study companion (1/3): where the learner is, and this week.
 *
 * Registers the store sections the companion keeps (README, "The progress
 * format"): "milestones" {deliverable id: ticked at}, "log" {session id:
 * {on, minutes, topic?, note?, at}} and "checkins" {first day of the plan week:
 * {week, learned, stuck, next, at}}. Compares the plan (plan.js) with what is
 * ticked and logged: a week is finished when its topics are ticked, one topic
 * of its specialisation is, and the project it works on is shipped (every
 * deliverable ticked). "Continue from where you are" re-anchors the plan so
 * that the first unfinished week, at the pace chosen, starts today; nothing
 * is squeezed into the weeks ahead. Fills the This week page and the home
 * page's panel (section[data-rm-week]). Exposed as rmLearner.companion.
 */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm || !rm.plan) return;
  var store = rm.store, el = rm.el, own = rm.own, dates = rm.dates, plans = rm.plan, DAY = dates.DAY;
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var WHEN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

  function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function isWhen(v) { return typeof v === "string" && WHEN.test(v) && !isNaN(Date.parse(v)); }
  function isDay(v) { var t = dates.parseDay(v); return t !== null && t >= dates.FIRST_DAY && t <= dates.LAST_DAY; }
  function text(v, max) { return typeof v === "string" && v.length <= max; }
  function later(mine, theirs) { return Date.parse(theirs.at) > Date.parse(mine.at) ? theirs : mine; }

  store.section("milestones", {
    validateEntry: function (id, at) {
      if (!ID.test(id) || id.length > 60) return "not a deliverable of the book";
      return isWhen(at) ? true : "its date is not a valid date";
    },
    merge: function (a, b) { return Date.parse(b) < Date.parse(a) ? b : a; }
  });
  store.section("log", {
    validateEntry: function (id, s) {
      if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)) return "not a session id";
      if (!isMap(s) || !isDay(s.on)) return "a session needs the day it happened";
      if (typeof s.minutes !== "number" || Math.floor(s.minutes) !== s.minutes || s.minutes < 1 || s.minutes > 1440) {
        return "a session lasts 1 to 1440 minutes";
      }
      if (own(s, "topic") && (typeof s.topic !== "string" || !ID.test(s.topic) || s.topic.length > 60)) return "not a topic id";
      if (own(s, "note") && !text(s.note, 300)) return "the note is longer than 300 characters";
      return isWhen(s.at) ? true : "no time it was logged";
    },
    merge: later
  });
  store.section("checkins", {
    validateEntry: function (id, c) {
      if (!isDay(id)) return "a check-in is kept under the first day of its week";
      if (!isMap(c) || typeof c.week !== "number" || Math.floor(c.week) !== c.week || c.week < 1 || c.week > 10000) {
        return "a check-in needs its plan week";
      }
      if (!["learned", "stuck", "next"].every(function (k) { return !own(c, k) || text(c[k], 4000); })) {
        return "an answer is longer than 4000 characters";
      }
      return isWhen(c.at) ? true : "no time it was written";
    },
    merge: later
  });

  /* -- time logged ------------------------------------------------------------------- */

  function sessions() {
    return store.ids("log").map(function (id) { var s = store.get("log", id); return { id: id, on: s.on, minutes: s.minutes, topic: s.topic, note: s.note, at: s.at }; })
      .sort(function (a, b) { return a.on < b.on ? 1 : a.on > b.on ? -1 : a.at < b.at ? 1 : -1; });
  }
  /* Minutes logged on days from..to (whole days, inclusive). */
  function logged(from, to) {
    return sessions().reduce(function (sum, s) {
      var t = dates.parseDay(s.on);
      return t >= from && t <= to ? sum + s.minutes : sum;
    }, 0);
  }
  function minutesText(m) {
    m = Math.max(0, Math.round(m));
    var h = Math.floor(m / 60), r = m % 60;
    return h && r ? h + " h " + r + " min" : h ? h + " h" : r + " min";
  }
  function hoursText(h) { return minutesText(h * 60); }

  /* -- the plan against what is done ------------------------------------------------- */

  function deliverables(data, pid) {
    var p = own(data.projects, pid) ? data.projects[pid] : null;
    if (!p) return [];
    return p.deliverables.length ? p.deliverables : [[pid + "-done", "The project and review time of this stage are done"]];
  }
  function shipped(data, pid) {
    var list = deliverables(data, pid);
    return list.length > 0 && list.every(function (d) { return store.has("milestones", d[0]); });
  }
  function electives(track, stage) { return own(track.electives || {}, stage) ? track.electives[stage] : []; }

  function weekDone(data, track, week) {
    return week.items.every(function (item) {
      if (item[0] === "topic") return store.has("topics", item[1]);
      if (item[0] === "elective") return electives(track, week.stage).some(function (id) { return store.has("topics", id); });
      if (item[0] === "project") return !week.project || shipped(data, week.project);
      return true;
    });
  }
  /* The first week with work still to do (the number after the last when none). */
  function firstUnfinished(data, track, weeks) {
    for (var i = 0; i < weeks.length; i++) if (!weekDone(data, track, weeks[i])) return weeks[i].week;
    return weeks.length + 1;
  }

  /* Where the learner is on day `day`: the plan week the calendar says, the
     first unfinished week, and how far apart they are. */
  function status(data, p, day) {
    var track = data.tracks[p.track], weeks = plans.weeks(data, p), start = dates.parseDay(p.start);
    var total = weeks.length, n = plans.weekNumber(start, day), next = firstUnfinished(data, track, weeks);
    var shown = Math.min(Math.max(n, 1), total);
    var out = { track: track, weeks: weeks, total: total, start: start, day: day, calendar: n, next: next,
      week: weeks[shown - 1], finish: plans.finish(start, total), behind: 0, ahead: 0, done: next > total };
    if (n < 1) out.ahead = next - 1; // done before the plan starts
    else if (n > next) out.behind = n - next;
    else if (next > n + 1) out.ahead = next - n - 1; // whole weeks done beyond this one
    return out;
  }

  /* The plan continued from where the learner is: the first unfinished week at
     `hours` a week starts on `day`; null when nothing is left. */
  function resumePlan(data, p, day, hours) {
    var track = data.tracks[p.track];
    if (!own(track.paces, String(hours))) return null;
    var weeks = track.paces[String(hours)], k = firstUnfinished(data, track, weeks);
    if (k > weeks.length) return null;
    var start = day - 7 * (k - 1) * DAY;
    return { track: p.track, hours: Number(hours), start: dates.iso(start), startDay: start, weeks: weeks,
      resumed: { week: k, on: dates.iso(day) }, finish: plans.finish(start, weeks.length) };
  }

  /* -- the week view (This week page, home panel) --------------------------------------- */

  function link(href, label) { return href ? el("a", { href: rm.siteUrl(href) }, label) : document.createTextNode(label); }
  function tick(action, id, label) {
    var wrap = el("label", { class: "rm-check" });
    var box = el("input", { type: "checkbox", "data-rm-action": action, "data-rm-id": id });
    box.checked = store.has(action === "topic" ? "topics" : "milestones", id);
    wrap.appendChild(box);
    wrap.appendChild(el("span", { class: "rm-visually-hidden" }, label));
    return wrap;
  }
  function topicRow(data, id, title, extra) {
    var li = el("li", { class: "rm-week__item" });
    li.appendChild(tick("topic", id, "Done: " + title));
    li.appendChild(link(own(data.topics, id) ? data.topics[id] : null, title));
    if (extra) li.appendChild(document.createTextNode(extra));
    if (store.has("topics", id)) li.classList.add("rm-week__item--done");
    return li;
  }
  function dateSpan(from, to) {
    var span = el("span", { class: "rm-week__dates" });
    span.appendChild(dates.timeEl(from));
    span.appendChild(document.createTextNode(" – "));
    span.appendChild(dates.timeEl(to));
    return span;
  }

  /* A project's checklist with its planned weeks and dates; `open`: the list shows at first. */
  function projectBlock(data, p, st, pid, open) {
    var project = data.projects[pid], span = st.track.projects[String(p.hours)][pid];
    var list = deliverables(data, pid), ticked = list.filter(function (d) { return store.has("milestones", d[0]); }).length;
    var box = el("div", { class: "rm-milestone", "data-rm-project": pid });
    var h = el("h3", { class: "rm-milestone__title" }, "Project: ");
    h.appendChild(link(project.url, project.title));
    box.appendChild(h);
    var when = el("p", { class: "rm-milestone__when" }, "Planned for week" + (span[0] === span[1] ? " " + span[0] : "s " + span[0] + "–" + span[1]) + ", ");
    when.appendChild(dateSpan(plans.weekStart(st.start, span[0]), plans.weekStart(st.start, span[1]) + 6 * DAY));
    when.appendChild(document.createTextNode(ticked === list.length ? ". Shipped: every deliverable is ticked." : "."));
    box.appendChild(when);
    var details = el("details", { class: "rm-milestone__details", "data-rm-project-details": pid });
    if (open) details.open = true;
    details.appendChild(el("summary", {}, "Deliverables: " + ticked + " of " + list.length + " ticked"));
    var ul = el("ul", { class: "rm-milestone__list" });
    list.forEach(function (d) {
      var li = el("li");
      var label = el("label", { class: "rm-check" });
      var input = el("input", { type: "checkbox", "data-rm-action": "milestone", "data-rm-id": d[0] });
      input.checked = store.has("milestones", d[0]);
      label.appendChild(input);
      label.appendChild(el("span", {}, d[1]));
      li.appendChild(label);
      ul.appendChild(li);
    });
    details.appendChild(ul);
    box.appendChild(details);
    box.classList.toggle("rm-milestone--shipped", ticked === list.length);
    return box;
  }

  /* Whether the learner left a project's list open (kept across re-renders). */
  function openDetails(root, pid, fallback) {
    var d = root.querySelector("details[data-rm-project-details]");
    return d && d.getAttribute("data-rm-project-details") === pid ? d.open : fallback;
  }

  /* The review due now, from selfcheck.js when the book has it: nothing otherwise. */
  function due() {
    var review = rm.review;
    if (!review || typeof review.due !== "function") return null;
    var list;
    try { list = review.due(); } catch (e) { return null; }
    return Array.isArray(list) ? list : null;
  }

  /* What to do next: the first thing still to do, and the hours left this week. */
  function nextStep(data, st, p) {
    var out = el("p", { class: "rm-week__next", "data-rm-week-next": "" });
    if (st.done) {
      out.textContent = "You have done every week of the plan. Keep the projects in your portfolio and revisit a topic when you need it.";
      return out;
    }
    var week = st.weeks[st.next - 1], item = null;
    week.items.some(function (i) {
      var open = i[0] === "topic" ? !store.has("topics", i[1]) : i[0] === "project" ? !(week.project && shipped(data, week.project)) :
        i[0] === "elective" ? !electives(st.track, week.stage).some(function (id) { return store.has("topics", id); }) : false;
      if (open) item = i;
      return open;
    });
    out.appendChild(el("strong", {}, "Continue with: "));
    if (!item) item = week.items[0];
    if (item[0] === "topic") out.appendChild(link(own(data.topics, item[1]) ? data.topics[item[1]] : null, item[2]));
    else out.appendChild(document.createTextNode(item[0] === "project" ? "the project " + data.projects[week.project].title : item[2]));
    var target = st.calendar >= 1 && st.calendar <= st.total ? st.week.hours * 60 : 0;
    var from = plans.weekStart(st.start, st.calendar);
    var left = target - logged(from, from + 6 * DAY);
    out.appendChild(document.createTextNode(!target ? "." : left > 0 ? ", " + minutesText(left) + " left this week." : "; this week's hours are done."));
    return out;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function paceText(st) {
    var done = logged(st.start, st.day), planned = 0;
    st.weeks.forEach(function (w) { if (w.week <= st.calendar) planned += w.hours; });
    var hours = " You have logged " + minutesText(done) +
      (st.calendar >= 1 ? "; the plan up to the end of this week has " + hoursText(planned) + "." : ".");
    if (st.done) return "You have finished every week of the plan." + hours;
    if (st.calendar < 1) {
      var days = Math.round((st.start - st.day) / DAY);
      return "Your plan starts on " + dates.human(st.start) + ", in " + plural(days, "day") + "." +
        (st.ahead ? " You have already done " + plural(st.ahead, "week") + " of it." : "") + hours;
    }
    if (st.behind) {
      return "You are about " + plural(st.behind, "week") + " behind the plan: the calendar says week " + st.calendar +
        ", and week " + st.next + " is the first with work still to do." + hours;
    }
    if (st.ahead) {
      return "You are about " + plural(st.ahead, "week") + " ahead of the plan: week " + st.next +
        " is the first with work still to do." + hours;
    }
    return (st.next === st.calendar ? "You are on track: week " + st.next + " is the week the calendar says." :
      "You are on track: this week's work is done.") + hours;
  }

  function keepFocus(root, fn) {
    var active = document.activeElement, key = null;
    if (active && root.contains(active)) key = [active.getAttribute("data-rm-action"), active.getAttribute("data-rm-id"), active.getAttribute("data-rm-field")];
    fn();
    if (!key) return;
    var again = Array.prototype.find.call(root.querySelectorAll("[data-rm-action], [data-rm-field]"), function (n) {
      return n.getAttribute("data-rm-action") === key[0] && n.getAttribute("data-rm-id") === key[1] && n.getAttribute("data-rm-field") === key[2];
    });
    if (again) again.focus();
  }

  function fillPaces(select, st, p) {
    var choices = Object.keys(st.track.paces).sort(function (a, b) { return a - b; });
    var keep = select.value || String(p.hours);
    if (select.options.length !== choices.length) {
      select.textContent = "";
      choices.forEach(function (h) { select.appendChild(el("option", { value: h }, h)); });
    }
    select.value = own(st.track.paces, keep) ? keep : String(p.hours);
  }

  function resumePreview(section, data, p) {
    var select = section.querySelector("[data-rm-field='resume-hours']");
    var line = section.querySelector("[data-rm-resume-preview]");
    var next = resumePlan(data, p, dates.today(), select.value);
    line.textContent = "";
    if (!next) return;
    line.appendChild(document.createTextNode("Week " + next.resumed.week + " of " + next.weeks.length + " would start today, and you would finish on "));
    var t = dates.timeEl(next.finish);
    t.setAttribute("data-rm-resume-finish", "");
    line.appendChild(t);
    line.appendChild(document.createTextNode("."));
  }

  function renderWeek(section, data) {
    var p = plans.stored(data);
    section.hidden = false;
    section.querySelector("[data-rm-week-none]").hidden = !!p;
    var body = section.querySelector("[data-rm-week-body]");
    body.hidden = !p;
    if (!p) return;
    var st = status(data, p, dates.today());
    var heading = section.querySelector("[data-rm-week-heading]");
    var n = Math.min(Math.max(st.calendar, 1), st.total);
    heading.textContent = st.calendar < 1 ? "Your first week" : "Week " + n + " of " + st.total;
    var when = section.querySelector("[data-rm-week-when]");
    when.textContent = st.track.title + ", " + p.hours + " h a week · " + st.track.stages[st.week.stage] + " · ";
    when.appendChild(dateSpan(plans.weekStart(st.start, n), plans.weekStart(st.start, n) + 6 * DAY));
    section.querySelector("[data-rm-week-pace]").textContent = paceText(st);
    var resume = section.querySelector("[data-rm-week-resume]");
    resume.hidden = st.done || (!st.behind && !st.ahead) || st.calendar < 1;
    if (!resume.hidden) {
      fillPaces(section.querySelector("[data-rm-field='resume-hours']"), st, p);
      resumePreview(section, data, p);
    }
    keepFocus(body, function () {
      var next = section.querySelector("[data-rm-week-next]");
      next.replaceWith(nextStep(data, st, p));
      var topics = section.querySelector("[data-rm-week-topics]");
      topics.textContent = "";
      st.week.items.forEach(function (item) {
        if (item[0] === "topic") {
          topics.appendChild(topicRow(data, item[1], item[2], " · " + hoursText(item[3])));
        } else if (item[0] === "elective") {
          var li = el("li", { class: "rm-week__item" }, item[2] + " · " + hoursText(item[3]) + " (tick the one you choose)");
          var ul = el("ul");
          electives(st.track, st.week.stage).forEach(function (id) {
            ul.appendChild(topicRow(data, id, own(data.titles || {}, id) ? data.titles[id] : id));
          });
          li.appendChild(ul);
          topics.appendChild(li);
        } else if (item[0] === "project") {
          topics.appendChild(el("li", { class: "rm-week__item" }, "Project time: " + item[2] + " · " + hoursText(item[3])));
        }
      });
      var project = section.querySelector("[data-rm-week-project]");
      var pid = own(st.track.stage_projects, st.week.stage) ? st.track.stage_projects[st.week.stage] : null;
      var open = openDetails(project, pid, section.getAttribute("data-rm-week") === "full");
      project.textContent = "";
      if (pid && own(data.projects, pid)) project.appendChild(projectBlock(data, p, st, pid, open));
    });
    var hours = section.querySelector("[data-rm-week-hours]");
    var from = plans.weekStart(st.start, n);
    hours.textContent = st.calendar < 1 ? "Your plan starts on " + dates.human(st.start) + "; week 1 has " + hoursText(st.week.hours) + " of study." :
      "Logged this week: " + minutesText(logged(from, from + 6 * DAY)) + " of " + hoursText(st.week.hours) + " planned.";
    var review = section.querySelector("[data-rm-week-review]");
    var list = due();
    review.hidden = !list;
    if (list) {
      var ul = review.querySelector("ul");
      ul.textContent = "";
      review.querySelector("p").textContent = list.length ? list.length + " question" + (list.length === 1 ? " is" : "s are") + " due for review." : "No question is due for review today.";
      var topics = {};
      list.forEach(function (q) {
        var id = q && typeof q === "object" ? q.topic || q.topicId : null;
        if (typeof id === "string" && !own(topics, id)) {
          topics[id] = true;
          ul.appendChild(el("li")).appendChild(link(own(data.topics, id) ? data.topics[id] : null, own(data.titles || {}, id) ? data.titles[id] : id));
        }
      });
    }
    var checkin = section.querySelector("[data-rm-week-checkin]");
    if (checkin) {
      var last = st.calendar >= 1 && st.calendar <= st.total && dates.today() === plans.weekStart(st.start, st.calendar) + 6 * DAY;
      checkin.hidden = !(last && !store.has("checkins", dates.iso(plans.weekStart(st.start, st.calendar))));
    }
  }
  /* My plan: every project of the plan's track, with its dates and checklist. */
  function renderProjects(root, data) {
    var p = plans.stored(data), list = root.querySelector("[data-rm-projects-list]");
    root.hidden = false;
    keepFocus(list, function () {
      list.textContent = "";
      if (!p) {
        list.appendChild(el("p", {}, "Choose your plan above to see when each project is due."));
        return;
      }
      var st = status(data, p, dates.today()), seen = {}, wasOpen = {};
      list.querySelectorAll("details[data-rm-project-details]").forEach(function (d) { wasOpen[d.getAttribute("data-rm-project-details")] = d.open; });
      var current = st.done ? null : st.track.stage_projects[st.weeks[st.next - 1].stage];
      st.weeks.forEach(function (w) {
        var pid = st.track.stage_projects[w.stage];
        if (own(seen, pid) || !own(data.projects, pid)) return;
        seen[pid] = true;
        list.appendChild(projectBlock(data, p, st, pid, own(wasOpen, pid) ? wasOpen[pid] : pid === current));
      });
    });
  }

  function render() {
    var data = plans.data();
    if (!data) return;
    document.querySelectorAll("section[data-rm-week]").forEach(function (section) { renderWeek(section, data); });
    document.querySelectorAll("section[data-rm-projects]").forEach(function (root) { renderProjects(root, data); });
  }

  rm.enhance(render);
  store.subscribe(render);

  rm.on("milestone", "change", function (box) {
    var id = box.getAttribute("data-rm-id");
    store.set("milestones", id, box.checked ? (store.get("milestones", id) || new Date().toISOString()) : undefined);
  });

  rm.on("resume-hours", "change", function (select) {
    var data = plans.data(), p = data && plans.stored(data), section = select.closest("section[data-rm-week]");
    if (p && section) resumePreview(section, data, p);
  });

  rm.on("resume", "click", function (button) {
    var data = plans.data(), p = data && plans.stored(data), section = button.closest("section[data-rm-week]");
    if (!p || !section) return;
    var say = section.querySelector("[data-rm-week-status]");
    var next = resumePlan(data, p, dates.today(), section.querySelector("[data-rm-field='resume-hours']").value);
    if (!next) {
      say.textContent = "Every week of the plan is done: there is nothing to continue.";
      return;
    }
    var why = plans.problem(next.startDay, next.weeks.length, true);
    if (why || !plans.save(next.track, next.hours, next.start, next.resumed)) {
      say.textContent = "The plan was not changed: " + (why || "it could not be saved") ;
      return;
    }
    say.textContent = "";
    say.appendChild(document.createTextNode("Your plan continues from week " + next.resumed.week + ", which starts today, at " + next.hours +
      " hours a week; you finish on "));
    say.appendChild(dates.timeEl(next.finish));
    say.appendChild(document.createTextNode(". "));
    say.appendChild(el("button", { type: "button", class: "rm-link-button", "data-rm-action": "resume-ics" }, "Download the new calendar (.ics)"));
  });

  rm.on("resume-ics", "click", function () {
    var data = plans.data(), p = data && plans.stored(data);
    if (p) plans.downloadIcs({ track: p.track, hours: p.hours, start: dates.parseDay(p.start) }, data, p.resumed ? p.resumed.week : 1);
  });

  rm.companion = {
    status: status, resumePlan: resumePlan, firstUnfinished: firstUnfinished, weekDone: weekDone,
    shipped: shipped, deliverables: deliverables, sessions: sessions, logged: logged,
    minutesText: minutesText, hoursText: hoursText, projectBlock: projectBlock, keepFocus: keepFocus
  };
})();
