// Allocated against budget by year as grouped bars (data embedded as JSON by the page).
(function () {
  var source = document.getElementById("allocation-chart-data");
  var target = document.getElementById("allocation-chart");
  if (!source || !target || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  Plotly.newPlot(target, [
    {type: "bar", name: data.budget_label, x: data.years, y: data.budget},
    {type: "bar", name: data.allocated_label, x: data.years, y: data.allocated}
  ], {height: 320, barmode: "group", separators: ", ",
      margin: {t: 10, r: 10, b: 40, l: 80}, xaxis: {type: "category"},
      legend: {orientation: "h", x: 0, y: 1.12, yanchor: "bottom"}},
  {displayModeBar: false, responsive: true});
})();
