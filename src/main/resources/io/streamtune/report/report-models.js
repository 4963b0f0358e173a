/* The study report: what models fitted to the results say (importance, partial dependence). */
StreamTuneReport.part(function (R, data) {
  'use strict';
  var metric = data.metric, OI = R.OI, BEST = R.BEST, charts = R.charts;
  var fmt = R.fmt, esc = R.esc, status = R.status, empty = R.empty, chart = R.chart;
  var axisName = R.axisName, logToggle = R.logToggle, spread = R.spread;

  // Importance: each parameter's share of the variance, then the share of interactions.
  (function importance() {
    var sur = data.surrogate;
    if (!sur.importance) { empty('chart-importance', sur.note || 'No model was fitted.'); return; }
    var imp = sur.importance;
    R.note('importance-how', ' Method: ' + imp.method + '.');
    var rows = imp.effects.map(function (e) { return [e.name, e.fraction]; });
    rows.push(['interactions', imp.interactions]);
    rows.reverse();
    var el = document.getElementById('chart-importance');
    el.style.height = (34 * rows.length + 70) + 'px';
    chart('chart-importance', function () {
      return {
        grid: { left: 140, right: 70, top: 10, bottom: 40 },
        tooltip: { trigger: 'item', formatter: function (p) {
          return esc(p.name) + ': <b>' + (100 * p.value).toFixed(1) + '%</b> of the variance of ' + esc(metric);
        } },
        xAxis: axisName('Share of the variance of ' + metric, { type: 'value', min: 0, max: 1, nameGap: 26,
          axisLabel: { formatter: function (v) { return Math.round(100 * v) + '%'; } } }),
        yAxis: { type: 'category', data: rows.map(function (r) { return r[0]; }), axisLabel: { fontSize: 13 } },
        series: [{ type: 'bar', barWidth: '60%', data: rows.map(function (r) {
          return { value: r[1], itemStyle: { color: r[0] === 'interactions' ? OI.grey : OI.blue } };
        }), label: { show: true, position: 'right', formatter: function (p) { return (100 * p.value).toFixed(1) + '%'; } } }]
      };
    });
  })();

  // Partial dependence: the GP's prediction along each parameter and over each pair.
  (function dependence() {
    var sur = data.surrogate;
    if (!sur.dependence) { empty('chart-dependence', sur.note || 'No model was fitted.'); return; }
    var dep = sur.dependence;
    R.note('dependence-how', ' Model: ' + sur.dependence_model + '.');
    var d = dep.curves.length;
    var el = document.getElementById('chart-dependence');
    var cell = Math.min(340, Math.floor((el.clientWidth - 100) / d));
    el.style.height = (cell * d + 90) + 'px';
    var grids = [], xs = [], ys = [], series = [], heat = [];
    var bestRow = dep.samples.filter(function (r) { return r[d + 1] === data.points.best; })[0];
    var bestPair = dep.pair_samples.filter(function (r) { return r[d + 1] === data.points.best; })[0];
    var ramp = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
    var surfaces = {};
    dep.surfaces.forEach(function (s) { surfaces[s.y + ',' + s.x] = s; });
    function labels(show) { return { show: show, fontSize: 10, hideOverlap: true }; }
    for (var i = 0; i < d; i++) {
      for (var j = 0; j <= i; j++) {
        var g = grids.length;
        grids.push({ left: 80 + j * cell + 8, top: 30 + i * cell + 8, width: cell - 18, height: cell - 24 });
        if (i === j) {
          var c = dep.curves[i];
          // boundaryGap keeps the k-th of G values at (k + 1/2) / G of the width: its unit coordinate
          xs.push({ gridIndex: g, type: 'category', data: c.xs, name: i === d - 1 ? c.name : '',
            nameLocation: 'middle', nameGap: 25, nameTextStyle: { fontSize: 12, color: '#333' }, axisLabel: labels(i === d - 1) });
          ys.push({ gridIndex: g, type: 'value', position: 'right',
            axisLabel: { fontSize: 10, formatter: fmt, hideOverlap: true, showMinLabel: false, showMaxLabel: false },
            min: dep.curves_min, max: dep.curves_max, splitNumber: 4,
            name: i === 0 ? metric : '', nameLocation: 'end', nameTextStyle: { fontSize: 11, color: '#333' }, splitLine: { show: false } });
          var categorical = data.space[i].type === 'categorical';
          series.push({ type: categorical ? 'scatter' : 'line', symbolSize: 10, xAxisIndex: g, yAxisIndex: g, data: c.values,
            showSymbol: false, name: 'partial dependence',
            lineStyle: { color: OI.blue, width: 2 }, itemStyle: { color: OI.blue },
            markLine: bestRow ? { silent: true, symbol: 'none', lineStyle: { color: BEST, type: 'dashed' }, label: { show: false },
              data: [{ xAxis: bestRow[i] }] } : undefined });
        } else {
          var s = surfaces[i + ',' + j];
          xs.push({ gridIndex: g, type: 'category', data: s.xs, name: i === d - 1 ? dep.curves[j].name : '', nameLocation: 'middle',
            nameGap: 25, nameTextStyle: { fontSize: 12, color: '#333' }, axisLabel: labels(i === d - 1), splitArea: { show: false } });
          ys.push({ gridIndex: g, type: 'category', data: s.ys, name: j === 0 ? dep.curves[i].name : '', nameLocation: 'middle',
            nameGap: 55, nameTextStyle: { fontSize: 12, color: '#333' }, axisLabel: labels(j === 0) });
          heat.push(series.length);
          series.push({ type: 'heatmap', xAxisIndex: g, yAxisIndex: g, data: s.values, name: 'prediction', progressive: 0 });
          series.push({ type: 'scatter', xAxisIndex: g, yAxisIndex: g, symbolSize: 4, name: 'trials', silent: true,
            itemStyle: { color: '#000', opacity: 0.6 }, data: dep.pair_samples.map(function (r) { return [r[j], r[i]]; }) });
          if (bestPair) {
            series.push({ type: 'scatter', xAxisIndex: g, yAxisIndex: g, symbolSize: 14, z: 5, name: 'best trial', silent: true,
              symbol: 'path://M0,-10L2.9,-4L9.5,-3.1L4.8,1.5L5.9,8.1L0,5L-5.9,8.1L-4.8,1.5L-9.5,-3.1L-2.9,-4Z',
              itemStyle: { color: BEST, borderColor: '#fff', borderWidth: 0.5 }, data: [[bestPair[j], bestPair[i]]] });
          }
        }
      }
    }
    var better = data.direction === 'maximize' ? 'max' : 'min';
    chart('chart-dependence', function () {
      return {
        grid: grids, xAxis: xs, yAxis: ys, series: series,
        tooltip: { trigger: 'item', formatter: function (p) {
          if (p.seriesType === 'heatmap') {
            return 'predicted ' + esc(metric) + ': <b>' + fmt(p.data[2]) + '</b>';
          }
          return esc(p.name) + ': predicted ' + esc(metric) + ' <b>' + fmt(p.value) + '</b>';
        } },
        visualMap: heat.length ? { type: 'continuous', min: dep.min, max: dep.max, seriesIndex: heat, calculable: false,
          inRange: { color: better === 'min' ? ramp : ramp.slice().reverse() }, orient: 'horizontal', right: 10, top: 0,
          itemWidth: 12, itemHeight: 160, formatter: fmt,
          text: [better === 'max' ? 'better' : 'worse', 'predicted ' + metric + ': ' + (better === 'max' ? 'worse' : 'better')] } : undefined
      };
    });
  })();

});
