/* Theme fix: the colour-mode button keeps the keyboard's focus.
 *
 * sphinx-book-theme blurs .theme-switch-button on every click, so that its
 * tooltip does not linger after a mouse click. A key (Enter or Space) clicks
 * too, so the menu of modes opened with the focus on the page's body: Tab went
 * back to the top of the page, and Escape no longer closed the menu. A click a
 * key made (event.detail is 0; a mouse's is 1 or more) gives the focus back to
 * the button, after the theme's blur, which listens in the capture phase. A
 * mode picked from the menu with a key returns the focus to the button too, as
 * the menu closes under it.
 */
(function () {
  "use strict";
  function keep() {
    document.querySelectorAll(".theme-switch-container").forEach(function (container) {
      var button = container.querySelector(".theme-switch-button");
      if (!button) return;
      container.addEventListener("click", function (event) {
        if (event.detail !== 0) return;
        if (event.target.closest(".theme-switch-button, .theme-change-button")) button.focus();
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", keep);
  else keep();
})();

/* Theme fix: the sidebar toggle keeps the keyboard's focus on a desktop.
 *
 * sphinx-book-theme blurs the first .primary-toggle on every click, as it
 * blurs the colour-mode button. On a phone the toggle opens the contents in a
 * dialog, which takes the focus; on a desktop (the theme's 992 px) it only
 * hides or shows the sidebar, and the focus fell to the page's body, so Tab
 * started again from the top. A click a key made gives the focus back. The
 * theme's desktop handler stops the click on the toggle itself, so this one
 * listens on the document, before it, and gives the focus back once it is done.
 */
(function () {
  "use strict";
  document.addEventListener(
    "click",
    function (event) {
      var toggle = event.target.closest && event.target.closest(".primary-toggle");
      if (!toggle || event.detail !== 0 || !window.matchMedia("(min-width: 992px)").matches) return;
      setTimeout(function () {
        toggle.focus();
      });
    },
    true
  );
})();

/* Sphinx fix: a search result that points at an index entry throws
 * "Failed to execute 'appendChild' on 'Node'". Sphinx 9.0's searchtools.js
 * appends Search.makeSearchSummary(page, words, anchor) to each result, and that
 * returns null when the anchored element has no text, as the empty
 * <span id="index-N"> of an {index} entry has none. Such results get a summary
 * of the whole page instead, as results without an anchor do. This file loads
 * before searchtools.js, so the patch waits for the DOMContentLoaded event,
 * on which searchtools.js starts the search after this listener has run.
 */
(function () {
  "use strict";
  function patch() {
    if (typeof Search === "undefined" || typeof Search.makeSearchSummary !== "function") return;
    var summarise = Search.makeSearchSummary;
    Search.makeSearchSummary = function (htmlText, keywords, anchor) {
      return summarise(htmlText, keywords, anchor) || summarise(htmlText, keywords, "") || document.createTextNode("");
    };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", patch);
  else patch();
})();

/* Sphinx fix: a search result's excerpt quotes the page's text, not its
 * navigation. Sphinx 9.0's searchtools.js cuts the excerpt from the text of the
 * page's [role="main"] element, which in this theme also holds the article's
 * header buttons, the page's table of contents (twice: on screen, and in a
 * header printed pages get) and the next-page links: the
 * excerpt for "bone" read "…Radiation therapy One session or several? Precise,
 * high-dose radiation Surgery Protecting the bones Palliative care…", the
 * contents of the page rather than a sentence of it. What a reader does not see
 * as text is left out too: exercise controls, points and drop-down lists, and the
 * answers and feedback the page keeps hidden until an exercise is tried. Runs of
 * white space are one space, as the excerpt shows them, so that its 240
 * characters are text: a page whose words come after the title quoted the title.
 */
(function () {
  "use strict";
  var NOT_TEXT = [
    "nav",
    ".bd-header-article",
    ".onlyprint",
    ".bd-sidebar-secondary",
    ".prev-next-footer",
    ".bd-footer-content",
    ".toctree-wrapper",
    ".checks-summary",
    ".checks-meta",
    ".checks-controls",
    "select",
    "[hidden]",
  ].join(", ");
  function patch() {
    if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
    var toText = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      var page = new DOMParser().parseFromString(htmlString, "text/html");
      page.querySelectorAll(NOT_TEXT).forEach(function (element) {
        element.remove();
      });
      return toText(page.documentElement.outerHTML, anchor).replace(/\s+/g, " ").trim();
    };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", patch);
  else patch();
})();

/* Theme fix: the "Back to top" button never hides what has the keyboard's focus.
 *
 * Below 1200 px, as on a laptop at 200% zoom, the theme shows its "Back to top"
 * button over the page, centred at nine tenths of its height, whenever the
 * reader scrolls up. An exercise's radio button, or its Check button at that
 * zoom, could lie wholly under it while it had the focus (WCAG 2.4.11). The
 * button hides when the focus comes to something under it, and stays hidden
 * when the theme would show it over what has the focus; it shows again on the
 * next scroll up that leaves the focus clear of it.
 */
(function () {
  "use strict";
  function covers(button, element) {
    if (!element || element === button || element === document.body || !element.getBoundingClientRect) return false;
    var a = button.getBoundingClientRect();
    var b = element.getBoundingClientRect();
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function guard() {
    var button = document.getElementById("pst-back-to-top");
    if (!button) return;
    function clear() {
      if (button.style.display !== "none" && covers(button, document.activeElement)) button.style.display = "none";
    }
    document.addEventListener("focusin", clear);
    // The theme shows the button by setting its style; whatever order the two scripts listen in, this sees it.
    new MutationObserver(clear).observe(button, { attributes: true, attributeFilter: ["style"] });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", guard);
  else guard();
})();
