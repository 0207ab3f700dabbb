// The unit page's charts (a file, not inline: the Content-Security-Policy runs no inline script).
(function () {
  // Charts from the JSON embedded above; null values (hidden counts) show as gaps.
  var data = JSON.parse(document.getElementById("unit-charts").textContent);
  var config = {displaylogo: false, responsive: true};
  function layout(title, extra) {
    return Object.assign({title: {text: title}, separators: data.separators,
      margin: {t: 40, r: 10, b: 80, l: 50}, height: 300}, extra || {});
  }
  Plotly.newPlot("chart-fte", [{type: "bar", x: data.fte.x, y: data.fte.y}],
    layout(data.fte.title), config);
  Plotly.newPlot("chart-age", [{type: "bar", x: data.age.x, y: data.age.y}],
    layout(data.age.title), config);
  Plotly.newPlot("chart-turnover", [
    {type: "bar", name: data.turnover.left_trust_label, x: data.turnover.x, y: data.turnover.left_trust},
    {type: "bar", name: data.turnover.internal_label, x: data.turnover.x, y: data.turnover.internal}
  ], layout(data.turnover.title, {barmode: "stack", legend: {orientation: "h"}}), config);
})();
