// Share compliant per requirement as a bar chart (data embedded as JSON by the page).
// Null values (hidden counts) show as gaps.
(function () {
  var source = document.getElementById("share-chart");
  var target = document.getElementById("chart-share");
  if (!source || !target || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  Plotly.newPlot(target, [{
    type: "bar", x: data.x, y: data.y, text: data.names, textposition: "none", hovertemplate: "%{x} (%{text}): %{y}<extra></extra>",
    marker: {color: data.y.map(function (v) { return v === null ? "#ccc" : v >= 90 ? "#2e7d32" : v >= 70 ? "#b26a00" : "#b3261e"; })}
  }], {
    title: {text: data.title}, separators: data.separators, height: 300,
    margin: {t: 40, r: 10, b: 80, l: 50}, yaxis: {range: [0, 100]}
  }, {displaylogo: false, responsive: true});
})();
