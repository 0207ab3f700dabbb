// Projected against actual headcount (data embedded as JSON by the page); hidden years
// (null) show as gaps.
(function () {
  var source = document.getElementById("backtest-chart");
  var target = document.getElementById("chart-backtest");
  if (!source || !target || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  Plotly.newPlot(target, [
    {type: "scatter", mode: "lines+markers", name: data.projected_label, x: data.years,
     y: data.projected, line: {dash: "dash"}},
    {type: "scatter", mode: "lines+markers", name: data.actual_label, x: data.years,
     y: data.actual}
  ], {title: {text: data.title}, separators: data.separators, height: 320,
      margin: {t: 40, r: 10, b: 40, l: 50}, legend: {orientation: "h"},
      xaxis: {type: "category"}}, {displaylogo: false, responsive: true});
})();
