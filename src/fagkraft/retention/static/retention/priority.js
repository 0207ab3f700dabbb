// Growth per service and year against somatic care (data embedded as JSON by the page,
// the same figures as its verdict table); years without a growth (null) show as gaps.
(function () {
  var source = document.getElementById("priority-chart");
  var target = document.getElementById("chart-priority");
  if (!source || !target || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var traces = data.services.map(function (service) {
    return {type: "bar", name: service.name, x: data.years, y: service.growth};
  });
  traces.push({type: "scatter", mode: "lines+markers", name: data.somatic.name,
               x: data.years, y: data.somatic.growth, line: {dash: "dash", color: "#444"}});
  Plotly.newPlot(target, traces, {
    title: {text: data.title, font: {size: 14}}, separators: data.separators, height: 340,
    barmode: "group", margin: {t: 40, r: 10, b: 40, l: 45}, legend: {orientation: "h"},
    xaxis: {type: "category"}, yaxis: {ticksuffix: " %", zeroline: true}
  }, {displaylogo: false, responsive: true});
})();
