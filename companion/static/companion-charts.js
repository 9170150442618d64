/* Draws every chart of the page with the Vega libraries the book serves itself.
 * Each <figure class="companion-chart"> holds its Vega-Lite spec in a
 * <script type="application/json"> element; see companion/sphinx_ext.py. */
(function () {
  "use strict";
  function drawAll() {
    document.querySelectorAll("figure.companion-chart").forEach(function (fig) {
      var specEl = fig.querySelector("script.companion-chart-spec");
      var target = fig.querySelector(".companion-chart-canvas");
      if (!specEl || !target) { return; }
      var spec = JSON.parse(specEl.textContent);
      vegaEmbed(target, spec, {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false }
      }).then(function () {
        fig.setAttribute("data-rendered", "true");
      }).catch(function (err) {
        fig.setAttribute("data-rendered", "error");
        target.textContent = "This chart could not be drawn: " + err;
        console.error("companion chart " + target.id + ": " + err);
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
