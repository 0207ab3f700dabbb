// Required and existing staff per category as grouped bars (data embedded as JSON by the
// page). Redrawn after HTMX swaps the study body, so an edit updates the chart too.
(function () {
  function draw() {
    var source = document.getElementById("wisn-chart-data");
    var target = document.getElementById("wisn-chart");
    if (!source || !target || typeof Plotly === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var traces = data.series.map(function (series) {
      return {type: "bar", name: series.name, x: data.categories, y: series.y,
              hovertemplate: "%{x}: %{y}<extra>" + series.name + "</extra>"};
    });
    Plotly.newPlot(target, traces, {
      separators: data.separators, height: 360, barmode: "group",
      margin: {t: 10, r: 10, b: 40, l: 50}, legend: {orientation: "h", x: 0, y: 1.12,
                                                     yanchor: "bottom"}
    }, {displayModeBar: false, responsive: true});
  }
  draw();
  document.body.addEventListener("htmx:afterSwap", draw);
})();
