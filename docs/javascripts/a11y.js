/* Notebook code cells and outputs that scroll take keyboard focus, so a
   reader without a mouse can scroll them (WCAG 2.1.1), as Material does for
   its own code blocks. Runs on every page view, instant navigation included. */
(function () {
  var REGIONS = { ".jupyter-wrapper .highlight-ipynb": "Code", ".jupyter-wrapper .jp-OutputArea-output": "Output" };

  function update(el, label) {
    if (el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", label);
    } else if (el.getAttribute("role") === "region") {
      el.removeAttribute("tabindex");
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
    }
  }

  function scan() {
    Object.keys(REGIONS).forEach(function (selector) {
      document.querySelectorAll(selector).forEach(function (el) { update(el, REGIONS[selector]); });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(scan);
  } else {
    document.addEventListener("DOMContentLoaded", scan);
  }
  window.addEventListener("resize", scan);
})();
