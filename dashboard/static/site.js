// Dasbor Citra: draws each chart from the JSON in its page (no request for data) with the local
// plotly.js, once the bundled font is ready so the labels are measured with it.
(function () {
  "use strict";
  function draw() {
    if (typeof Plotly === "undefined") { return; }
    Plotly.register({
      moduleType: "locale",
      name: "id",
      dictionary: { "Download plot as a png": "Unduh grafik (PNG)", "Download plot": "Unduh grafik" },
      format: { decimal: ",", thousands: "." }
    });
    document.querySelectorAll(".chart[data-figure]").forEach(function (el) {
      var spec = JSON.parse(document.getElementById(el.dataset.figure).textContent);
      var name = (document.title.split(" · ")[0] || "grafik").toLowerCase().replace(/[^a-z0-9]+/g, "-");
      Plotly.newPlot(el, spec.data, spec.layout, {
        responsive: true,
        displaylogo: false,
        locale: "id",
        modeBarButtons: [["toImage"]],
        toImageButtonOptions: { filename: name + "-" + el.dataset.figure.replace("fig-", "") }
      }).then(function () { el.setAttribute("data-drawn", "1"); });
    });
  }
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(draw); } else { draw(); }
})();
