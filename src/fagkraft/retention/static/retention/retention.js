// The retention page's charts (a file, not inline: the Content-Security-Policy runs no
// inline script): one step curve per group with its 95 % band, and the causes of leaving.
(function () {
  var source = document.getElementById("retention-charts");
  if (!source || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var config = {displaylogo: false, responsive: true};
  var palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
                 "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  function layout(title) {
    return {title: {text: title}, separators: data.separators, height: 360,
      // The legend sits under the axis title, not on it; days as whole numbers ("2 000",
      // not Plotly's SI "2k").
      margin: {t: 40, r: 10, b: 50, l: 50}, legend: {orientation: "h", y: -0.22, yanchor: "top"},
      xaxis: {title: {text: data.days_label}, tickformat: ",d"},
      yaxis: {range: [0, 1.02], tickformat: ".0%"}};
  }
  var traces = [];
  data.curves.forEach(function (curve, index) {
    var colour = palette[index % palette.length];
    traces.push({type: "scatter", mode: "lines", line: {shape: "hv", width: 0}, x: curve.days,
      y: curve.upper, showlegend: false, hoverinfo: "skip", legendgroup: curve.name});
    traces.push({type: "scatter", mode: "lines", line: {shape: "hv", width: 0}, x: curve.days,
      y: curve.lower, fill: "tonexty", fillcolor: colour + "33", name: data.band_label,
      showlegend: false, hoverinfo: "skip", legendgroup: curve.name});
    traces.push({type: "scatter", mode: "lines", line: {shape: "hv", color: colour},
      x: curve.days, y: curve.retention, name: curve.name, legendgroup: curve.name});
  });
  var chart = document.getElementById("chart-retention");
  if (chart) { Plotly.newPlot(chart, traces, layout(data.curve_title), config); }
  var causes = document.getElementById("chart-causes");
  if (causes) {
    Plotly.newPlot(causes, data.causes.map(function (cause, index) {
      return {type: "scatter", mode: "lines", line: {shape: "hv", color: palette[index]},
        x: cause.days, y: cause.incidence, name: cause.name};
    }), layout(data.causes_title), config);
  }
})();
