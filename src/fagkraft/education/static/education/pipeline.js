// Expected specialist completions per year as stacked bars (data embedded as JSON by the
// page). Hidden counts (null) show as gaps.
(function () {
  var source = document.getElementById("pipeline-chart");
  var target = document.getElementById("chart-pipeline");
  if (!source || !target || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var traces = data.series.map(function (series) {
    return {type: "bar", name: series.name, x: data.years, y: series.y};
  });
  Plotly.newPlot(target, traces, {
    title: {text: data.title}, separators: data.separators, height: 320, barmode: "stack",
    margin: {t: 40, r: 10, b: 40, l: 40}, xaxis: {type: "category"}
  }, {displaylogo: false, responsive: true});
})();
