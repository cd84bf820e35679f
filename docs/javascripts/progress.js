/* The ML Roadmap, learner tools (2/4): ticks and progress bars.
 *
 * Adds a "done" checkbox to every topic (section.rm-topic[data-topic]) and turns
 * each phase's readiness signals (ul.rm-readiness li[data-signal]) into a saved
 * checklist. Fills the progress placeholders the templates leave
 * (.rm-progress[data-topics], home's a.rm-phase-card[data-topics], the visual
 * roadmap's .rm-timeline__stage[data-topics]) and runs the save / restore /
 * undo / start-over tools ([data-rm-progress-tools]) and the home page's
 * warnings (set-aside progress, progress from a newer release). Data text only
 * ever goes in through textContent.
 */
(function () {
  "use strict";
  var rm = window.rmLearner;
  if (!rm) return;
  var store = rm.store;
  var el = rm.el;

  function ids(node) {
    return (node.getAttribute("data-topics") || "").split(/\s+/).filter(Boolean);
  }

  function counts(topicIds) {
    var done = topicIds.filter(function (id) { return store.has("topics", id); }).length;
    return { done: done, total: topicIds.length, pct: topicIds.length ? Math.round((100 * done) / topicIds.length) : 0 };
  }

  function checkbox(action, id, labelText, hiddenText) {
    var label = el("label", { class: "rm-check" });
    var box = el("input", { type: "checkbox", "data-rm-action": action, "data-rm-id": id });
    label.appendChild(box);
    label.appendChild(el("span", {}, labelText));
    if (hiddenText) label.appendChild(el("span", { class: "rm-visually-hidden" }, hiddenText));
    return label;
  }

  /* A bar and its words: "3 of 7 topics done (43%)". */
  function bar(name) {
    var wrap = el("div", { class: "rm-bar" });
    var track = el("div", { class: "rm-bar__track", role: "progressbar", "aria-label": name, "aria-valuemin": "0" });
    track.appendChild(el("div", { class: "rm-bar__fill" }));
    wrap.appendChild(track);
    wrap.appendChild(el("p", { class: "rm-bar__text" }));
    return wrap;
  }

  function setBar(wrap, topicIds) {
    var c = counts(topicIds);
    var track = wrap.querySelector(".rm-bar__track");
    track.setAttribute("aria-valuemax", String(c.total));
    track.setAttribute("aria-valuenow", String(c.done));
    track.setAttribute("aria-valuetext", c.done + " of " + c.total + " topics done");
    wrap.querySelector(".rm-bar__fill").style.width = c.pct + "%";
    wrap.querySelector(".rm-bar__text").textContent = c.done + " of " + c.total + " topics done (" + c.pct + "%)";
    wrap.classList.toggle("rm-bar--complete", c.total > 0 && c.done === c.total);
  }

  function build(root) {
    root.querySelectorAll("section.rm-topic[data-topic]").forEach(function (section) {
      if (section.querySelector(":scope > .rm-done")) return;
      var id = section.getAttribute("data-topic");
      var heading = section.querySelector("h3");
      var title = heading ? heading.textContent.replace(/\u00b6$/, "").trim() : id;
      var p = el("p", { class: "rm-done" });
      p.appendChild(checkbox("topic", id, "Done", ": " + title));
      var meta = section.querySelector(".rm-topic__meta") || heading;
      if (meta) meta.after(p);
      else section.prepend(p);
    });
    root.querySelectorAll("ul.rm-readiness li[data-signal]").forEach(function (li) {
      if (li.querySelector(".rm-check")) return;
      var label = el("label", { class: "rm-check rm-check--signal" });
      label.appendChild(el("input", { type: "checkbox", "data-rm-action": "signal", "data-rm-id": li.getAttribute("data-signal") }));
      var text = el("span");
      // The signal's text goes in the label; its check or model answer (a
      // disclosure from the self-checks, selfcheck.js) stays under it.
      while (li.firstChild && !(li.firstChild.nodeName === "DETAILS")) text.appendChild(li.firstChild);
      label.appendChild(text);
      li.insertBefore(label, li.firstChild);
      li.closest("ul").classList.add("rm-readiness--checklist");
    });
    root.querySelectorAll(".rm-progress[data-topics]").forEach(function (node) {
      if (node.querySelector(".rm-bar")) return;
      var overall = node.classList.contains("rm-progress--overall");
      node.appendChild(bar(overall ? "Your progress through the whole book" : "Your progress in this phase"));
    });
    root.querySelectorAll("a.rm-phase-card[data-topics]").forEach(function (link) {
      var holder = link.closest("li") || link.parentElement;
      if (holder.querySelector(".rm-bar")) return;
      var b = bar("Your progress in " + link.textContent.trim());
      b.classList.add("rm-bar--card");
      b.setAttribute("data-topics", link.getAttribute("data-topics"));
      var after = link.closest("p") || link;
      after.after(b);
    });
    root.querySelectorAll("[data-rm-progress-tools]").forEach(function (tools) { tools.hidden = false; });
  }

  function update(root) {
    root.querySelectorAll("input[data-rm-action='topic']").forEach(function (box) {
      var done = store.has("topics", box.getAttribute("data-rm-id"));
      box.checked = done;
      var section = box.closest("section.rm-topic");
      if (section) section.classList.toggle("rm-topic--done", done);
    });
    root.querySelectorAll("input[data-rm-action='signal']").forEach(function (box) {
      box.checked = store.has("signals", box.getAttribute("data-rm-id"));
    });
    root.querySelectorAll(".rm-progress[data-topics]").forEach(function (node) {
      setBar(node.querySelector(".rm-bar"), ids(node));
    });
    root.querySelectorAll(".rm-bar--card[data-topics]").forEach(function (b) { setBar(b, ids(b)); });
    root.querySelectorAll("[data-rm-set-aside]").forEach(function (p) { p.hidden = !store.setAside().length; });
    root.querySelectorAll("[data-rm-read-only]").forEach(function (p) { p.hidden = !store.newer(); });
    root.querySelectorAll("button[data-rm-action='undo']").forEach(function (button) {
      var info = store.undoInfo();
      button.hidden = !info;
      button.textContent = info && info.what === "start over" ? "Undo start over" : "Undo restore";
    });
    root.querySelectorAll(".rm-timeline__stage[data-topics]").forEach(function (stage) {
      var c = counts(ids(stage));
      var fill = stage.querySelector(".rm-timeline__fill");
      if (fill) fill.style.width = c.pct + "%";
      var words = stage.querySelector("[data-rm-stage-progress]");
      if (words) words.textContent = c.done ? "· " + c.done + " of " + c.total + " topics done" : "";
      stage.classList.toggle("rm-timeline__stage--started", c.done > 0);
      stage.classList.toggle("rm-timeline__stage--complete", c.total > 0 && c.done === c.total);
    });
  }

  rm.enhance(function (root) { build(root); update(root); });
  store.subscribe(function () { update(document); });

  rm.on("topic", "change", function (box) { store.set("topics", box.getAttribute("data-rm-id"), box.checked); });
  rm.on("signal", "change", function (box) { store.set("signals", box.getAttribute("data-rm-id"), box.checked); });

  /* The tools' status line, and the buttons offered after it (the choice). */
  function say(message, isError, choices) {
    var tools = document.querySelector("[data-rm-progress-tools]");
    var status = tools && tools.querySelector("[data-rm-progress-status]");
    var choice = tools && tools.querySelector("[data-rm-progress-choice]");
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("rm-status--error", !!isError);
    choice.textContent = "";
    (choices || []).forEach(function (c) {
      choice.appendChild(el("button", { type: "button", class: "md-button", "data-rm-action": c[0] }, c[1]));
    });
    choice.hidden = !choice.firstChild;
  }

  function marks(n) { return n === 1 ? "1 mark" : n + " marks"; }

  rm.on("export", "click", function () {
    var day = new Date().toISOString().slice(0, 10);
    var copies = store.setAside().length;
    rm.download("ml-roadmap-progress-" + day + ".json", "application/json", store.serialise());
    say("Saved " + store.ids("topics").length + " topic ticks and " + store.ids("signals").length +
      " readiness ticks to a file" + (copies ? ", with " + copies + " set-aside copies of progress this page could not read." : "."));
  });

  /* Restoring merges at once; "replace" is a second step that first says how
     many marks it removes; "Undo restore" brings back the progress from before. */
  var restored = null; // {file, name}: the file just merged, for "replace instead"

  rm.on("import", "change", function (input) {
    var file = input.files && input.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var data;
      try {
        data = store.parse(text);
      } catch (e) {
        say("“" + file.name + "” was not restored: " + e.message + ". Your progress is unchanged.", true);
        return;
      }
      var counts = store.preview(data);
      var result = store.restore(data, "merge");
      if (!result.ok) {
        say("“" + file.name + "” was not restored: " + result.reason + ". Your progress is unchanged.", true);
        return;
      }
      restored = { file: data, name: file.name };
      say("Restored “" + file.name + "”: " + marks(counts.added) + " added" +
        (counts.already ? ", " + marks(counts.already) + " already here (the earlier tick of each is kept)" : "") + ".",
        false, [["replace-ask", "Replace my progress with this file instead…"]]);
    }).catch(function () {
      say("“" + file.name + "” could not be read. Your progress is unchanged.", true);
    }).finally(function () {
      input.value = "";
    });
  });

  rm.on("replace-ask", "click", function () {
    if (!restored) return;
    var removed = store.preview(restored.file).removed;
    say("Replacing your progress with “" + restored.name + "” removes " + marks(removed) +
      " that this browser has and the file does not" + (removed ? "." : "; it keeps the file's dates."), true,
      [["replace-confirm", removed ? "Remove " + marks(removed) + " and replace" : "Replace"], ["replace-cancel", "Keep the merge"]]);
    var confirm = document.querySelector("[data-rm-action='replace-confirm']");
    if (confirm) confirm.focus();
  });

  rm.on("replace-confirm", "click", function () {
    if (!restored) return;
    var removed = store.preview(restored.file).removed;
    var result = store.restore(restored.file, "replace", true);
    if (!result.ok) {
      say("“" + restored.name + "” did not replace your progress: " + result.reason + ". The merge stays.", true);
      return;
    }
    say("Replaced your progress with “" + restored.name + "”: " + marks(removed) + " removed. " +
      "“Undo restore” brings back your progress as it was before.");
    restored = null;
  });

  rm.on("replace-cancel", "click", function () {
    if (!restored) return;
    say("Kept the merge of “" + restored.name + "” and your progress.");
    restored = null;
  });

  rm.on("undo", "click", function () {
    var info = store.undoInfo();
    var result = store.undo();
    restored = null;
    if (!result.ok) {
      say("Not undone: " + result.reason + ". Your progress is unchanged.", true);
      return;
    }
    say("Undone: your progress is back as it was before the " + (info && info.what === "start over" ? "start over" : "restore") + ".");
  });

  /* Start over asks first: the first click arms the button, a second click
     within a few seconds erases; otherwise it disarms itself. */
  rm.on("reset", "click", function (button) {
    if (button.getAttribute("data-rm-armed") === "yes") {
      clearTimeout(Number(button.getAttribute("data-rm-timer")));
      button.removeAttribute("data-rm-armed");
      button.textContent = button.getAttribute("data-rm-label");
      var result = store.reset();
      restored = null;
      if (result.ok) say("Every tick, your plan, your study log and your check-ins were erased. “Undo start over” brings them back.");
      else say("Nothing was erased: " + result.reason + ".", true);
      return;
    }
    button.setAttribute("data-rm-label", button.textContent);
    button.setAttribute("data-rm-armed", "yes");
    button.textContent = button.getAttribute("data-rm-confirm") || "Click again to confirm";
    say("This erases every tick, your plan, your study log and your check-ins in this browser. Click the button again to confirm.", true);
    var timer = setTimeout(function () {
      if (!button.isConnected) return;
      button.removeAttribute("data-rm-armed");
      button.textContent = button.getAttribute("data-rm-label");
      say("");
    }, 8000);
    button.setAttribute("data-rm-timer", String(timer));
  });
})();
