// Form behaviour the Content-Security-Policy would block as inline handlers:
// <select data-autosubmit> submits its form when changed; <form data-confirm="..."> asks
// before it submits. Delegated from the document, so HTMX-swapped rows work too.
(function () {
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
})();

// The phone layout's menu button opens and closes the menu; a "More" dropdown closes when
// the user clicks elsewhere.
(function () {
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest(".menu-toggle");
    if (toggle) {
      var menu = document.getElementById(toggle.getAttribute("aria-controls"));
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (menu) { menu.classList.toggle("open", open); }
      return;
    }
    document.querySelectorAll("details.dropdown[open]").forEach(function (dropdown) {
      if (!dropdown.contains(event.target)) { dropdown.removeAttribute("open"); }
    });
  });
})();

// Printing: <button data-print> opens the browser's print dialogue; while print media
// applies (the dialogue, or print emulation) every Plotly chart is redrawn at the A4 text
// width (186 mm = 703 px at 96 dpi), and at the screen's width again afterwards.
(function () {
  var PRINT_WIDTH = 703;
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });
  function charts() {
    return typeof Plotly === "undefined" ? [] : document.querySelectorAll(".js-plotly-plot");
  }
  function toPrint() {
    charts().forEach(function (chart) { Plotly.relayout(chart, {width: PRINT_WIDTH}); });
  }
  function toScreen() {
    charts().forEach(function (chart) {
      Plotly.relayout(chart, {width: null, autosize: true}).then(function () {
        Plotly.Plots.resize(chart);
      });
    });
  }
  var media = window.matchMedia ? window.matchMedia("print") : null;
  if (media && media.addEventListener) {
    media.addEventListener("change", function (event) { (event.matches ? toPrint : toScreen)(); });
  }
  window.addEventListener("beforeprint", toPrint);
  window.addEventListener("afterprint", toScreen);
})();
