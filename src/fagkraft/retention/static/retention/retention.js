// The retention page's charts (a file, not inline: the Content-Security-Policy runs no
// inline script): one step curve per group with its 95 % band, and the causes of leaving.
(function () {
  var source = document.getElementById("retention-charts");
  if (!source || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var config = {displaylogo: false, responsive: true};
  var palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
                 "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  function layout(title, element, entries) {
    // The legend sits in a bottom margin sized for its rows, under the axis title, not
    // on it (on a phone a legend of 13 groups is 7 rows, which Plotly otherwise squeezed
    // into a scrolling box over the title); days as whole numbers ("2 000", not "2k").
    var phone = element.clientWidth < 500;  // there Plotly puts one entry on each row
    var perRow = phone ? 1 : Math.floor(element.clientWidth / 190);
    var bottom = 60 + (phone ? 30 : 22) * Math.ceil(entries / perRow);
    return {title: {text: title}, separators: data.separators, height: 310 + bottom,
      margin: {t: 40, r: 10, b: bottom, l: 50},
      legend: {orientation: "h", yref: "container", y: 0, yanchor: "bottom"},
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
  if (chart) {
    Plotly.newPlot(chart, traces, layout(data.curve_title, chart, data.curves.length), config);
  }
  var causes = document.getElementById("chart-causes");
  if (causes) {
    Plotly.newPlot(causes, data.causes.map(function (cause, index) {
      return {type: "scatter", mode: "lines", line: {shape: "hv", color: palette[index]},
        x: cause.days, y: cause.incidence, name: cause.name};
    }), layout(data.causes_title, causes, data.causes.length), config);
  }
})();
