/* Material's search dialog (role="dialog") gets an accessible name, so a
   screen reader announces what opened; the header is never swapped by instant
   navigation, so once is enough. The search itself needs JavaScript anyway.

   Notebook code cells that scroll sideways take keyboard focus, so a reader
   without a mouse can scroll them (WCAG 2.1.1), as Material does for its own
   code blocks. (Output areas are made focusable at build time by
   mkdocs_roadmap/hooks/notebook_pages.py.) Runs on every page view, instant navigation
   included, and again when the window is resized. */
(function () {
  var MARK = "data-rm-scroll-focus";

  function update(el) {
    var scrolls = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
    if (scrolls && !el.hasAttribute("tabindex")) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", "Code");
      el.setAttribute(MARK, "");
    } else if (!scrolls && el.hasAttribute(MARK)) {
      ["tabindex", "role", "aria-label", MARK].forEach(function (name) { el.removeAttribute(name); });
    }
  }

  function scan() {
    document.querySelectorAll(".highlight-ipynb, .highlight-ipynb > pre").forEach(update);
  }

  function nameSearch() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    var input = dialog && dialog.querySelector(".md-search__input");
    if (dialog && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
    }
  }
  nameSearch();

  if (typeof document$ !== "undefined") {
    document$.subscribe(scan);
  } else {
    document.addEventListener("DOMContentLoaded", scan);
  }
  window.addEventListener("resize", scan);
})();
