/* The study report: summary, convergence and learning curves. */
StreamTuneReport.part(function (R, data) {
  'use strict';
  var metric = data.metric, OI = R.OI, BEST = R.BEST, charts = R.charts;
  var fmt = R.fmt, esc = R.esc, status = R.status, empty = R.empty, chart = R.chart;
  var axisName = R.axisName, logToggle = R.logToggle, spread = R.spread;

  // Summary: headline cards, then every row.
  (function summary() {
    var cards = [];
    if (data.best) {
      cards.push(['Best ' + metric, fmt(data.best.value), 'trial #' + data.best.number]);
    } else {
      cards.push(['Best ' + metric, '–', 'no final value yet']);
    }
    var rows = {};
    data.summary.forEach(function (r) { rows[r[0]] = r[1]; });
    cards.push(['Trials', (rows.Trials || '').split(' finished')[0], data.state.toLowerCase()]);
    cards.push(['Epochs saved', (rows['Epochs saved by early stopping'] || '0').split(' ')[0],
      'by early stopping (' + data.curves.filter(function (c) { return c.stop; }).length + ' trials stopped)']);
    cards.push(['Wall time', (rows['Wall time'] || '').split(' (')[0], '']);
    document.getElementById('summary-cards').innerHTML = cards.map(function (c) {
      return '<div class="card"><div class="label">' + esc(c[0]) + '</div><div class="value">' + esc(c[1]) +
        '</div><div class="sub">' + esc(c[2]) + '</div></div>';
    }).join('');
    document.querySelector('#summary-table tbody').innerHTML = data.summary.map(function (r) {
      return '<tr><th scope="row">' + esc(r[0]) + '</th><td>' + esc(r[1]) + '</td></tr>';
    }).join('');
  })();

  // Convergence: values, partial values, best so far, the best trial.
  (function convergence() {
    var c = data.convergence;
    if (c.points.length === 0) { empty('chart-convergence', 'No trial has a final value yet.'); return; }
    var values = c.points.map(function (p) { return p[1]; });
    var logOn = c.log_scale_fits && spread(values) > 50;
    var bestPoint = data.best ? [[data.best.number, data.best.value]] : [];
    chart('chart-convergence', function () {
      return {
        color: [OI.sky, OI.orange, OI.blue, BEST],
        legend: { top: 0 },
        grid: { left: 80, right: 30, top: 40, bottom: 55 },
        tooltip: { trigger: 'item', formatter: function (p) {
          var d = p.data;
          if (p.seriesIndex === 2) { return 'after trial #' + d[0] + '<br>best so far: <b>' + fmt(d[1]) + '</b>'; }
          if (p.seriesIndex === 4) {
            return esc(c.baseline.algorithm) + ' search (' + esc(c.baseline.study) + '), after trial #' + d[0] +
              '<br>best so far: <b>' + fmt(d[1]) + '</b>';
          }
          return 'trial #' + d[0] + '<br>' + esc(metric) + ': <b>' + fmt(d[1]) + '</b>' +
            (p.seriesIndex === 1 ? ' (partial)' : '');
        } },
        xAxis: axisName('Trial number', { type: 'value', nameGap: 30, minInterval: 1, min: 0 }),
        yAxis: axisName(metric + (data.direction === 'maximize' ? ' (higher is better)' : ' (lower is better)'),
          { type: logOn ? 'log' : 'value', nameGap: 60, scale: true }),
        series: [
          { name: 'trial value', type: 'scatter', symbolSize: 8, itemStyle: { color: OI.sky }, data: c.points.map(function (p) { return [p[0], p[1]]; }) },
          { name: 'stopped early (partial, not counted)', type: 'scatter', symbol: 'triangle', symbolSize: 9,
            itemStyle: { color: 'rgba(0,0,0,0)', borderColor: OI.orange, borderWidth: 1.5 },
            data: c.partial.map(function (p) { return [p[0], p[1]]; }) },
          { name: 'best so far', type: 'line', step: 'end', showSymbol: false, lineStyle: { width: 2.5, color: OI.blue },
            itemStyle: { color: OI.blue },
            data: c.points.map(function (p) { return [p[0], p[2]]; }) },
          { name: 'best trial', type: 'scatter', symbol: 'diamond', symbolSize: 16, z: 5, data: bestPoint,
            itemStyle: { color: BEST, borderColor: '#fff', borderWidth: 1 },
            label: { show: true, position: 'top', distance: 8, backgroundColor: 'rgba(255,255,255,0.85)', padding: [2, 4],
              formatter: function (p) { return 'best #' + p.data[0]; } } }
        ].concat(c.baseline ? [
          { name: c.baseline.algorithm + ' search: best so far', type: 'line', step: 'end', showSymbol: false,
            lineStyle: { width: 2, type: 'dashed', color: OI.purple }, itemStyle: { color: OI.purple },
            data: c.baseline.points.map(function (p) { return [p[0], p[2]]; }) }
        ] : [])
      };
    });
    var verdict = document.getElementById('convergence-verdict');
    verdict.hidden = true;
    if (c.baseline) {
      verdict.textContent = 'Final bests: ' + c.baseline.verdict;
      verdict.hidden = false;
    }
    logToggle('convergence-log', 'chart-convergence', c.log_scale_fits, logOn, function (on) {
      charts['chart-convergence'].setOption({ yAxis: { type: on ? 'log' : 'value' } });
    });
  })();

  // Learning curves: a line per trial coloured by how it ended, the best on top, stop markers.
  (function curves() {
    var withPoints = data.curves.filter(function (t) { return t.points.length > 0; });
    if (withPoints.length === 0) { empty('chart-curves', 'No trial has reported an epoch yet.'); return; }
    var all = [];
    withPoints.forEach(function (t) { t.points.forEach(function (p) { all.push(p[1]); }); });
    var fits = all.every(function (v) { return v === null || v > 0; });
    var logOn = fits && spread(all) > 50;
    var byNumber = {};
    withPoints.forEach(function (t) { byNumber[t.number] = t; });
    var series = withPoints.map(function (t) {
      var s = status(t.status);
      return {
        id: 'trial-' + t.number, name: t.best ? 'best trial #' + t.number : s.label, type: 'line',
        data: t.points, showSymbol: false, symbolSize: 4, z: t.best ? 4 : 2,
        lineStyle: { width: t.best ? 3 : 1.2, opacity: t.best ? 1 : 0.55, color: t.best ? BEST : s.colour },
        itemStyle: { color: t.best ? BEST : s.colour },
        emphasis: { focus: 'series', lineStyle: { width: 3, opacity: 1 } }
      };
    });
    var stops = withPoints.filter(function (t) { return t.stop && t.stop.value !== null; });
    series.push({
      id: 'stops', name: 'stop decision', type: 'scatter', symbol: 'rect', symbolSize: 9, z: 6,
      itemStyle: { color: '#fff', borderColor: OI.vermillion, borderWidth: 2 },
      data: stops.map(function (t) { return { value: [t.stop.step, t.stop.value], trial: t.number }; })
    });
    var legend = [];
    withPoints.forEach(function (t) {
      var n = t.best ? 'best trial #' + t.number : status(t.status).label;
      if (legend.indexOf(n) < 0) { legend.push(n); }
    });
    if (stops.length) { legend.push('stop decision'); }
    chart('chart-curves', function () {
      return {
        legend: { top: 0, data: legend },
        grid: { left: 80, right: 30, top: 40, bottom: 55 },
        tooltip: { trigger: 'item', confine: true, extraCssText: 'max-width: 420px; white-space: normal;',
          formatter: function (p) {
            if (p.seriesId === 'stops') {
              var t = byNumber[p.data.trial];
              return '<b>trial #' + t.number + ' stopped</b> at epoch ' + t.stop.step + ' by <b>' +
                esc(t.stop.rule) + '</b><br>' + esc(t.stop.reason);
            }
            var tr = byNumber[p.seriesId.substring(6)];
            return 'trial #' + tr.number + ' (' + status(tr.status).label + ')<br>epoch ' + p.data[0] + ': ' +
              esc(metric) + ' <b>' + fmt(p.data[1]) + '</b>';
          } },
        xAxis: axisName('Epoch', { type: 'value', nameGap: 30, minInterval: 1, min: 1, max: 'dataMax' }),
        yAxis: axisName(metric, { type: logOn ? 'log' : 'value', nameGap: 60, scale: true }),
        series: series
      };
    });
    logToggle('curves-log', 'chart-curves', fits, logOn, function (on) {
      charts['chart-curves'].setOption({ yAxis: { type: on ? 'log' : 'value' } });
    });
  })();

});
