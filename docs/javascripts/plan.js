/* The ML Roadmap, learner tools: the learner's plan, shared by the planner and the companion.
 *
 * rmLearner.dates  whole days as UTC milliseconds (no time zone or DST shift
 *                  moves them): parseDay, iso, human, today, timeEl, DAY.
 * rmLearner.plan   the schedule the build computed (roadmap/pages/companion.py,
 *                  embedded as JSON in template[data-rm-plan-data]), the plan
 *                  the learner chose (store section "plan", entry "current":
 *                  {track, hours, start, changed, resumed?: {week, on}}), the
 *                  week arithmetic (week n runs from start + 7(n - 1) days to
 *                  start + 7n - 1 days) and the iCalendar writer (RFC 5545).
 * The browser only picks a track and a pace and lays dates on their weeks.
 */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm) return;
  var own = rm.own, el = rm.el;

  var DAY = 86400000;
  var FIRST_DAY = Date.UTC(1970, 0, 1);
  var LAST_DAY = Date.UTC(9999, 11, 31); // the last a DATE value (four-digit year) can say
  var OLD_PREFS = rm.storageKey("planner"); // where the planner kept its choices before the store had a plan
  var TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

  /* "2027-03-01" -> its UTC midnight, or null. setUTCFullYear takes the year as
     written (Date.UTC reads 0050 as 1950). */
  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === "string" ? text : "");
    if (!m) return null;
    var d = new Date(0);
    d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? d.getTime() : null;
  }
  function iso(t) {
    var d = new Date(t), y = String(d.getUTCFullYear());
    while (y.length < 4) y = "0" + y;
    return y + "-" + String(d.getUTCMonth() + 1).padStart(2, "0") + "-" + String(d.getUTCDate()).padStart(2, "0");
  }
  function human(t) {
    return new Date(t).toLocaleDateString(undefined, { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
  }
  function timeEl(t) { return el("time", { datetime: iso(t) }, human(t)); }
  /* Today in the learner's own calendar, as a whole day. */
  function today() {
    var d = new Date();
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  }
  function inRange(t) { return t !== null && t >= FIRST_DAY && t <= LAST_DAY; }

  rm.dates = { DAY: DAY, FIRST_DAY: FIRST_DAY, LAST_DAY: LAST_DAY, parseDay: parseDay, iso: iso, human: human,
    timeEl: timeEl, today: today };

  /* -- the plan section ------------------------------------------------------------ */

  function validPlan(id, p) {
    if (id !== "current") return "the plan is kept under \"current\"";
    if (p === null || typeof p !== "object" || Array.isArray(p)) return "not a plan";
    if (typeof p.track !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(p.track) || p.track.length > 60) return "no track";
    if (typeof p.hours !== "number" || Math.floor(p.hours) !== p.hours || p.hours < 1 || p.hours > 80) return "no weekly hours";
    if (!inRange(parseDay(p.start))) return "no start date between 1970 and 9999";
    if (typeof p.changed !== "string" || !TIME.test(p.changed) || isNaN(Date.parse(p.changed))) return "no date of change";
    if (own(p, "resumed")) {
      var r = p.resumed;
      if (r === null || typeof r !== "object" || typeof r.week !== "number" || Math.floor(r.week) !== r.week ||
          r.week < 1 || r.week > 10000 || !inRange(parseDay(r.on))) return "a bad point to continue from";
    }
    return true;
  }
  // The same plan on two devices: the one changed last wins.
  rm.store.section("plan", {
    validateEntry: validPlan,
    merge: function (mine, theirs) { return Date.parse(theirs.changed) > Date.parse(mine.changed) ? theirs : mine; }
  });

  /* The page's schedule data, read once per element (instant navigation brings new ones). */
  function pageData() {
    var holder = document.querySelector("template[data-rm-plan-data]");
    var script = holder && holder.content.querySelector("script[type='application/json']");
    if (!script) return null;
    if (!script._rmData) script._rmData = JSON.parse(script.textContent);
    return script._rmData;
  }

  /* The stored plan, if it names a track and pace of `data` (else null). */
  function stored(data) {
    var p = rm.store.get("plan", "current");
    if (!p || !data || !own(data.tracks, p.track) || !own(data.tracks[p.track].paces, String(p.hours))) return null;
    return p;
  }

  /* What a plan form starts from: the stored plan, or the planner's choices of
     an earlier release, or the default track at its own pace from today. */
  function choices(data) {
    var p = stored(data);
    if (p) return { track: p.track, hours: String(p.hours), start: p.start };
    var old = null;
    try { old = JSON.parse(localStorage.getItem(OLD_PREFS)); } catch (e) { old = null; }
    var get = function (key) { return own(old, key) && typeof old[key] === "string" ? old[key] : ""; };
    var track = own(data.tracks, get("track")) ? get("track") : data["default"].track;
    var hours = own(data.tracks[track].paces, get("hours")) ? get("hours") : String(data.tracks[track].hours_per_week);
    var start = inRange(parseDay(get("start"))) ? get("start") : iso(today());
    return { track: track, hours: hours, start: start };
  }

  /* Save a plan; `resumed` only when continuing from where the learner is. */
  function save(track, hours, start, resumed) {
    var p = { track: track, hours: Number(hours), start: start, changed: new Date().toISOString() };
    if (resumed) p.resumed = resumed;
    return rm.store.set("plan", "current", p);
  }

  function weeksOf(data, p) { return data.tracks[p.track].paces[String(p.hours)]; }
  function weekStart(start, n) { return start + 7 * (n - 1) * DAY; }
  /* The plan week a day falls in (0 or less: before the start). */
  function weekNumber(start, day) { return Math.floor(Math.round((day - start) / DAY) / 7) + 1; }
  function finish(start, count) { return start + (7 * count - 1) * DAY; }

  /* Why a plan cannot be laid on the calendar, or "" when it can. */
  function problem(start, count, typed) {
    if (start === null) return typed ? "That is not a date: choose a start date." : "Choose a start date to see your calendar.";
    if (start < FIRST_DAY || start > LAST_DAY) return "Choose a start date between the years 1970 and 9999.";
    var latest = LAST_DAY - 7 * count * DAY;
    if (start > latest) return "This plan would end after 31 December 9999: choose a start date on or before " + human(latest) + ".";
    return "";
  }

  /* -- iCalendar (RFC 5545) -------------------------------------------------- */

  function hoursText(h) { return String(Math.round(h * 100) / 100); }
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

  /* The calendar of a plan {track, hours, start (day)}: one all-day event per
     week, from week `from` (default 1: the weeks before it are done). */
  function ics(p, data, from) {
    var track = data.tracks[p.track];
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var host = location.hostname || "ml-roadmap";
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//The ML Roadmap//Pacing planner//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText("ML Roadmap: " + track.title + ", " + p.hours + " h/week")
    ];
    weeksOf(data, p).forEach(function (week) {
      if (week.week < (from || 1)) return;
      var begins = weekStart(p.start, week.week);
      var what = week.items.map(function (i) { return i[2] + " (" + hoursText(i[3]) + " h)"; });
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + plain(["rm", p.track, p.hours, icsDay(p.start), "w" + week.week].join("-") + "@" + host),
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + icsDay(begins),
        "DTEND;VALUE=DATE:" + icsDay(begins + 7 * DAY),
        "SUMMARY:" + icsText("Week " + week.week + ": " + track.stages[week.stage]),
        "DESCRIPTION:" + icsText(what),
        "TRANSP:TRANSPARENT",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function downloadIcs(p, data, from) {
    rm.download("ml-roadmap-" + p.track + "-" + p.hours + "h-" + iso(p.start) + ".ics", "text/calendar", ics(p, data, from));
  }

  rm.plan = {
    data: pageData, stored: stored, choices: choices, save: save, weeks: weeksOf,
    weekStart: weekStart, weekNumber: weekNumber, finish: finish, problem: problem,
    hoursText: hoursText, ics: ics, downloadIcs: downloadIcs
  };
})();
