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
