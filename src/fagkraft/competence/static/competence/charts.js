// Share compliant per requirement as a bar chart (data embedded as JSON by the page).
// Null values (hidden counts) show as gaps.
(function () {
  var source = document.getElementById("share-chart");
  var target = document.getElementById("chart-share");
  if (!source || !target || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  // Requirement names are long: rotated, they were cut off under the axis. Each label is
  // wrapped at word boundaries into at most three short lines (an ellipsis beyond); the
  // whole name and its code stay in the hover text.
  function wrap(name) {
    var lines = [], line = "";
    name.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > 16) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    if (lines.length > 3) { lines = lines.slice(0, 3); lines[2] += "…"; }
    return lines.join("<br>");
  }
  // Where a bar is narrower than a long word ("Legemiddelhåndtering", ~130 px), the
  // wrapped names overlap: there (on a phone) the axis shows the codes, slanted.
  var narrow = target.clientWidth / Math.max(data.x.length, 1) < 130;
  Plotly.newPlot(target, [{
    type: "bar", x: data.x, y: data.y, text: data.names, textposition: "none", hovertemplate: "%{x} (%{text}): %{y}<extra></extra>",
    marker: {color: data.y.map(function (v) { return v === null ? "#ccc" : v >= 90 ? "#2e7d32" : v >= 70 ? "#b26a00" : "#b3261e"; })}
  }], {
    title: {text: data.title}, separators: data.separators, height: 340,
    margin: {t: 40, r: 10, b: 20, l: 50}, yaxis: {range: [0, 100]},
    xaxis: {tickmode: "array", tickvals: data.x, ticktext: narrow ? data.names : data.x.map(wrap),
            tickangle: narrow ? -45 : 0,
            tickfont: {size: 11}, automargin: true}
  }, {displaylogo: false, responsive: true});
})();
