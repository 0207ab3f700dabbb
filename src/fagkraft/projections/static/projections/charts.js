// Projection charts (data embedded as JSON by the page): demand and supply with their
// 10th-90th percentile bands, the gap with its band and with the intake that closes it,
// the tornado chart, and the comparison of scenarios. Redrawn after an HTMX swap.
(function () {
  var CONFIG = {displaylogo: false, responsive: true};
  var COLORS = {demand: "#1f5f8b", supply: "#2e7d32", gap: "#b3261e", intake: "#b26a00"};

  function band(x, low, high, color, name) {
    return [
      {x: x, y: high, type: "scatter", mode: "lines", line: {width: 0}, showlegend: false, hoverinfo: "skip"},
      {x: x, y: low, type: "scatter", mode: "lines", line: {width: 0}, fill: "tonexty",
       fillcolor: color + "33", name: name, hoverinfo: "skip"}
    ];
  }

  function line(x, y, color, name, dash) {
    return {x: x, y: y, type: "scatter", mode: "lines+markers", name: name,
            line: {color: color, dash: dash || "solid"}, marker: {size: 4}};
  }

  function hasBand(series) { return series.p10 && series.p10.some(function (v) { return v !== null; }); }

  function layout(data, title) {
    return {title: {text: title}, separators: data.separators, height: 340,
            margin: {t: 40, r: 10, b: 40, l: 50}, legend: {orientation: "h"},
            yaxis: {title: {text: data.labels.fte}}};
  }

  function drawProfession(data, p) {
    var L = data.labels, x = p.years, traces = [];
    ["demand", "supply"].forEach(function (name) {
      var s = p.series[name];
      if (hasBand(s)) { traces = traces.concat(band(x, s.p10, s.p90, COLORS[name], L[name] + " " + L.band)); }
      traces.push(line(x, s.fte, COLORS[name], L[name]));
    });
    Plotly.react("chart-" + p.key + "-lines", traces, layout(data, L.demand + " / " + L.supply), CONFIG);

    var gap = p.series.gap, gapTraces = [];
    if (hasBand(gap)) { gapTraces = gapTraces.concat(band(x, gap.p10, gap.p90, COLORS.gap, L.band)); }
    gapTraces.push(line(x, gap.fte, COLORS.gap, L.gap));  // the central projection, as the KPI and tornado
    if (p.intake && p.intake.with && p.intake.with.some(function (v) { return v !== null; })) {
      gapTraces.push(line(p.intake.years, p.intake.with, COLORS.intake, L.with_intake, "dash"));
    }
    var gapLayout = layout(data, L.gap);
    gapLayout.shapes = [{type: "line", xref: "paper", x0: 0, x1: 1, y0: 0, y1: 0, line: {color: "#888", width: 1}}];
    Plotly.react("chart-" + p.key + "-gap", gapTraces, gapLayout, CONFIG);

    var rows = (p.tornado.rows || []).slice().reverse();
    var base = p.tornado.base_gap || 0;
    var names = rows.map(function (r) { return r.label; });
    Plotly.react("chart-" + p.key + "-tornado", [
      {type: "bar", orientation: "h", y: names, x: rows.map(function (r) { return r.gap_low - base; }), base: base,
       name: L.low, text: rows.map(function (r) { return r.low_value; }), marker: {color: "#7aa6c2"},
       hovertemplate: "%{text}: %{x:.1f}<extra></extra>"},
      {type: "bar", orientation: "h", y: names, x: rows.map(function (r) { return r.gap_high - base; }), base: base,
       name: L.high, text: rows.map(function (r) { return r.high_value; }), marker: {color: "#c2827a"},
       hovertemplate: "%{text}: %{x:.1f}<extra></extra>"}
    ], {title: {text: L.gap_in}, separators: data.separators, barmode: "overlay", height: 340,
        margin: {t: 40, r: 10, b: 40, l: 10}, yaxis: {automargin: true},
        legend: {orientation: "h"}}, CONFIG);
  }

  function drawAll() {
    if (typeof Plotly === "undefined") { return; }
    var source = document.getElementById("projection-charts");
    if (source) {
      var data = JSON.parse(source.textContent);
      if (data) { data.professions.forEach(function (p) { drawProfession(data, p); }); }
    }
    var compare = document.getElementById("compare-chart");
    if (compare) {
      var c = JSON.parse(compare.textContent);
      Plotly.react("chart-compare", c.lines.map(function (l) { return line(l.years, l.gap, undefined, l.name); }),
        {title: {text: c.title}, separators: c.separators, height: 380, margin: {t: 40, r: 10, b: 40, l: 50},
         legend: {orientation: "h"}}, CONFIG);
    }
  }

  drawAll();
  document.body.addEventListener("htmx:afterSwap", drawAll);
})();
