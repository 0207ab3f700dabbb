// Each indicator's series as a line, with the baseline and target as flat lines and the
// straight path between them (data embedded as JSON by the page). Hidden values (null)
// show as gaps.
(function () {
  var source = document.getElementById("goal-charts");
  var names = document.getElementById("goal-chart-labels");
  if (!source || typeof Plotly === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var label = names ? JSON.parse(names.textContent) : {};
  charts.forEach(function (chart) {
    var target = document.getElementById("chart-" + chart.id);
    if (!target) { return; }
    var traces = [
      {type: "scatter", mode: "lines+markers", name: label.value, x: chart.x, y: chart.y},
      {type: "scatter", mode: "lines", name: label.baseline, x: chart.baseline.x,
       y: chart.baseline.y, line: {dash: "dot", color: "#888"}},
      {type: "scatter", mode: "lines", name: label.target, x: chart.target.x,
       y: chart.target.y, line: {dash: "dash", color: "#2a7"}},
      {type: "scatter", mode: "lines", name: label.path, x: chart.path.x, y: chart.path.y,
       line: {dash: "dashdot", color: "#bbb", width: 1}}
    ];
    // On a phone the legend beside the plot left the series a sliver: there it goes below.
    var narrow = target.clientWidth < 600;
    Plotly.newPlot(target, traces, {
      height: narrow ? 340 : 280, margin: {t: 20, r: 10, b: narrow ? 100 : 40, l: 50},
      legend: narrow ? {orientation: "h", yref: "container", y: 0, yanchor: "bottom"} : {},
      yaxis: {title: {text: chart.measure}}, xaxis: {type: "date"}
    }, {displaylogo: false, responsive: true});
  });
})();
