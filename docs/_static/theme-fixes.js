/* Theme fix: the sidebar toggle buttons that readers can see do nothing.
 *
 * pydata-sphinx-theme (and sphinx-book-theme on top of it) bind their click
 * handlers to the first .primary-toggle and .secondary-toggle on the page,
 * which sphinx-book-theme hides; the visible ones in the article header are
 * left unbound (pydata-sphinx-theme#2451, sphinx-book-theme#988). Forward
 * clicks on every other toggle to the bound one, so the table of contents
 * opens on phones and the sidebar collapses on desktops.
 */
(function () {
  "use strict";
  function forward() {
    [".primary-toggle", ".secondary-toggle"].forEach(function (selector) {
      var toggles = Array.prototype.slice.call(document.querySelectorAll(selector));
      var bound = toggles.shift();
      if (!bound) return;
      toggles.forEach(function (toggle) {
        toggle.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          toggle.blur();
          bound.click();
        });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", forward);
  else forward();
})();
