// Reading pages: show the German, the English working translation, or both.
// The choice is made with native radio buttons (keyboard: Tab, arrow keys) and
// remembered across pages in localStorage.
(function () {
  "use strict";
  var KEY = "companion-reading-lang";
  function apply(value) {
    document.documentElement.setAttribute("data-companion-lang", value);
  }
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (e) { stored = null; }
  if (stored === "de" || stored === "en" || stored === "both") { apply(stored); }
  document.addEventListener("DOMContentLoaded", function () {
    var radios = document.querySelectorAll('input[name="companion-lang"]');
    radios.forEach(function (radio) {
      if (stored && radio.value === stored) { radio.checked = true; }
      radio.addEventListener("change", function () {
        apply(radio.value);
        try { window.localStorage.setItem(KEY, radio.value); } catch (e) { /* private mode */ }
      });
    });
  });
})();
