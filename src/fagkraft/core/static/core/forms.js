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
