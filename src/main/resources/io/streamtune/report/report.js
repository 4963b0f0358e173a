/* The study report's page: maps the report's data (computed in Java) onto ECharts charts and the
 * trial table. It computes no statistic of its own. */
(function () {
  'use strict';
  var errors = [];
  function fail(message) {
    errors.push(String(message));
    var box = document.getElementById('errors');
    box.hidden = false;
    box.textContent = 'Part of this report could not be drawn: ' + errors.join('; ');
    document.body.setAttribute('data-errors', JSON.stringify(errors));
  }
  window.addEventListener('error', function (e) { fail(e.message); });

  // Okabe & Ito (2008), a palette that colour-blind readers can tell apart.
  var OI = { orange: '#E69F00', sky: '#56B4E9', green: '#009E73', yellow: '#F0E442',
    blue: '#0072B2', vermillion: '#D55E00', purple: '#CC79A7', black: '#000000', grey: '#8C8C8C' };
  var STATUS = {
    COMPLETED: { colour: OI.blue, label: 'completed' },
    PRUNED: { colour: OI.orange, label: 'stopped early' },
    FAILED: { colour: OI.black, label: 'failed' },
    CANCELLED: { colour: OI.grey, label: 'cancelled' },
    RUNNING: { colour: OI.green, label: 'running' },
    WAITING: { colour: OI.grey, label: 'waiting' }
  };
  var BEST = OI.vermillion;
  var ORDER_RAMP = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];
  var TEXT = { fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif', fontSize: 12 };

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var metric = data.metric;
  var charts = {};

  function fmt(v) {
    if (v === null || v === undefined) { return '–'; }
    if (typeof v !== 'number') { return String(v); }
    if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) { return v.toExponential(3); }
    return String(parseFloat(v.toPrecision(5)));
  }
  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
    });
  }
  function status(s) { return STATUS[s] || { colour: OI.grey, label: s.toLowerCase() }; }
  function empty(id, text) {
    var el = document.getElementById(id);
    el.style.height = 'auto';
    el.innerHTML = '<div class="empty">' + esc(text) + '</div>';
  }
  function chart(id, build) {
    try {
      var option = build();
      if (!option) { return; }
      var c = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
      option.animation = false;
      option.textStyle = TEXT;
      c.setOption(option);
      charts[id] = c;
    } catch (e) {
      fail(id + ': ' + e.message);
    }
  }
  function axisName(name, extra) {
    return Object.assign({ name: name, nameLocation: 'middle', nameTextStyle: { fontSize: 13, color: '#333' } }, extra);
  }
  function logToggle(box, id, fits, onByDefault, apply) {
    var el = document.getElementById(box);
    if (!fits) {
      el.disabled = true;
      el.parentNode.title = 'some values are 0 or negative: no log scale';
      return;
    }
    el.checked = onByDefault;
    el.addEventListener('change', function () { apply(el.checked); });
  }
  function spread(values) {
    var pos = values.filter(function (v) { return v !== null && v > 0; });
    if (pos.length < 2) { return 1; }
    return Math.max.apply(null, pos) / Math.min.apply(null, pos);
  }

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
            label: { show: true, position: 'right', formatter: function (p) { return 'best #' + p.data[0]; } } }
        ]
      };
    });
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

  function valueRange() {
    var vs = data.points.rows.map(function (r) { return r[r.length - 2]; });
    return [Math.min.apply(null, vs), Math.max.apply(null, vs)];
  }

  // Parallel coordinates: parameters, then the value; colour by value, the best in vermillion.
  (function parallel() {
    var rows = data.points.rows;
    if (rows.length === 0 || data.space.length === 0) { empty('chart-parallel', 'No trial has a final value yet.'); return; }
    var d = data.space.length;
    var axes = data.space.map(function (dim, i) {
      var a = { dim: i, name: dim.name, nameTextStyle: { fontSize: 13, color: '#333' } };
      if (dim.type === 'categorical') { return Object.assign(a, { type: 'category', data: dim.categories }); }
      return Object.assign(a, { type: dim.log ? 'log' : 'value', min: dim.low, max: dim.high });
    });
    axes.push({ dim: d, name: metric, type: 'value', scale: true, nameTextStyle: { fontSize: 13, fontWeight: 'bold', color: '#333' } });
    var range = valueRange();
    var good = [OI.blue, '#9fc6df', '#f2d49b', OI.orange];
    var best = rows.filter(function (r) { return r[d + 1] === data.points.best; });
    chart('chart-parallel', function () {
      return {
        parallel: { left: 60, right: 150, top: 50, bottom: 40 },
        parallelAxis: axes,
        visualMap: { type: 'continuous', dimension: d, min: range[0], max: range[1], seriesIndex: 0,
          inRange: { color: data.direction === 'maximize' ? good.slice().reverse() : good },
          orient: 'vertical', right: 10, top: 'middle', itemHeight: 180, calculable: true, formatter: fmt,
          text: [data.direction === 'maximize' ? 'better' : 'worse', data.direction === 'maximize' ? 'worse' : 'better'] },
        tooltip: { trigger: 'item', formatter: function (p) {
          return 'trial #' + p.data[d + 1] + '<br>' + esc(metric) + ': <b>' + fmt(p.data[d]) + '</b>';
        } },
        series: [
          { name: 'trials', type: 'parallel', data: rows, lineStyle: { width: 1.5, opacity: 0.7 } },
          { name: 'best trial', type: 'parallel', data: best, z: 5, lineStyle: { width: 4, color: BEST, opacity: 1 } }
        ]
      };
    });
  })();

  // Evaluations: histograms on the diagonal, pairwise samples below, coloured by trial order.
  (function evaluations() {
    var rows = data.points.rows;
    var d = data.space.length;
    if (rows.length === 0 || d === 0) { empty('chart-evaluations', 'No trial has a final value yet.'); return; }
    var el = document.getElementById('chart-evaluations');
    var width = el.clientWidth;
    var cell = Math.min(340, Math.floor((width - 100) / d));
    el.style.height = (cell * d + 90) + 'px';
    var grids = [], xs = [], ys = [], series = [];
    var numbers = rows.map(function (r) { return r[d + 1]; });
    var order = [Math.min.apply(null, numbers), Math.max.apply(null, numbers)];
    function axis(dim, gridIndex, showName, nameLoc, isY) {
      var a = { gridIndex: gridIndex, name: showName ? dim.name : '', nameLocation: 'middle',
        nameGap: isY ? 55 : 25, nameTextStyle: { fontSize: 12, color: '#333' },
        axisLabel: { show: showName, fontSize: 10, hideOverlap: true, formatter: dim.type === 'categorical' ? null : fmt },
        splitLine: { show: false } };
      if (dim.type === 'categorical') { return Object.assign(a, { type: 'category', data: dim.categories }); }
      return Object.assign(a, { type: dim.log ? 'log' : 'value', min: dim.low, max: dim.high });
    }
    for (var i = 0; i < d; i++) {
      for (var j = 0; j <= i; j++) {
        var g = grids.length;
        grids.push({ left: 80 + j * cell + 8, top: 30 + i * cell + 8, width: cell - 18, height: cell - 24 });
        if (i === j) {
          var h = data.histograms[i];
          xs.push({ gridIndex: g, type: 'category', data: h.labels, name: i === d - 1 ? h.name : '', nameLocation: 'middle',
            nameGap: 25, nameTextStyle: { fontSize: 12, color: '#333' },
            axisLabel: { show: i === d - 1, fontSize: 10, hideOverlap: true } });
          ys.push({ gridIndex: g, type: 'value', minInterval: 1, axisLabel: { show: j === 0, fontSize: 10 }, name: j === 0 ? 'trials' : '',
            nameLocation: 'middle', nameGap: 55, splitLine: { show: false } });
          series.push({ type: 'bar', xAxisIndex: g, yAxisIndex: g, data: h.counts, barCategoryGap: '10%',
            itemStyle: { color: OI.sky }, name: 'samples of ' + h.name });
        } else {
          xs.push(axis(data.space[j], g, i === d - 1, 'middle', false));
          ys.push(axis(data.space[i], g, j === 0, 'middle', true));
          series.push({ type: 'scatter', xAxisIndex: g, yAxisIndex: g, symbolSize: 6,
            data: rows.map(function (r) { return [r[j], r[i], r[d + 1], r[d]]; }), name: 'samples' });
          if (data.best) {
            series.push({ type: 'scatter', xAxisIndex: g, yAxisIndex: g, symbol: 'path://M0,-10L2.9,-4L9.5,-3.1L4.8,1.5L5.9,8.1L0,5L-5.9,8.1L-4.8,1.5L-9.5,-3.1L-2.9,-4Z',
              symbolSize: 14, z: 5, itemStyle: { color: BEST, borderColor: '#fff', borderWidth: 0.5 }, name: 'best trial',
              data: rows.filter(function (r) { return r[d + 1] === data.points.best; }).map(function (r) { return [r[j], r[i], r[d + 1], r[d]]; }) });
          }
        }
      }
    }
    var scatterIndexes = [];
    series.forEach(function (s, k) { if (s.name === 'samples') { scatterIndexes.push(k); } });
    chart('chart-evaluations', function () {
      return {
        grid: grids, xAxis: xs, yAxis: ys, series: series,
        tooltip: { trigger: 'item', formatter: function (p) {
          if (p.seriesType === 'bar') { return esc(p.seriesName) + '<br>from ' + esc(p.name) + ': <b>' + p.value + '</b> trials'; }
          return 'trial #' + p.data[2] + '<br>' + esc(metric) + ': <b>' + fmt(p.data[3]) + '</b>';
        } },
        visualMap: { type: 'continuous', dimension: 2, min: order[0], max: Math.max(order[1], order[0] + 1),
          seriesIndex: scatterIndexes, inRange: { color: ORDER_RAMP }, orient: 'horizontal',
          right: 10, top: 0, itemWidth: 12, itemHeight: 140, text: ['late', 'trial order: early'], calculable: false }
      };
    });
  })();

  // The trial table: sortable by any column, filtered by text and status.
  (function table() {
    var dims = data.space.map(function (s) { return s.name; });
    var extras = [];
    data.trials.forEach(function (t) { Object.keys(t.extra_metrics).forEach(function (k) { if (extras.indexOf(k) < 0) { extras.push(k); } }); });
    var cols = [
      { t: '#', v: function (r) { return r.number; }, num: true },
      { t: 'Status', v: function (r) { return r.status; }, html: function (r) {
        var s = status(r.status);
        return '<span class="status" style="background:' + s.colour + '">' + esc(s.label) + '</span>';
      } },
      { t: metric, v: function (r) { return r.value; }, num: true, show: function (r) { return fmt(r.value) + (r.partial ? '*' : ''); } },
      { t: 'Epochs', v: function (r) { return r.epochs; }, num: true, show: function (r) { return r.epochs + '/' + r.max_epochs; } },
      { t: 'Duration (s)', v: function (r) { return r.duration; }, num: true, show: function (r) { return fmt(r.duration); } }
    ];
    dims.forEach(function (n) { cols.push({ t: n, v: function (r) { return r.params[n]; }, num: true, show: function (r) { return fmt(r.params[n]); } }); });
    extras.forEach(function (n) { cols.push({ t: n, v: function (r) { return r.extra_metrics[n]; }, num: true, show: function (r) { return fmt(r.extra_metrics[n]); } }); });
    cols.push({ t: 'Try', v: function (r) { return r.attempt; }, num: true });
    cols.push({ t: 'Worker', v: function (r) { return r.worker; } });
    cols.push({ t: 'Stopped by', v: function (r) { return r.stop; }, cls: 'reason' });
    var sortCol = 0, sortDir = 1;
    var thead = document.querySelector('#trial-table thead');
    var tbody = document.querySelector('#trial-table tbody');
    var filter = document.getElementById('trial-filter');
    var select = document.getElementById('trial-status');
    Object.keys(data.trials.reduce(function (m, r) { m[r.status] = 1; return m; }, {})).forEach(function (s) {
      var o = document.createElement('option'); o.value = s; o.textContent = status(s).label; select.appendChild(o);
    });
    function cellText(c, r) { return c.show ? c.show(r) : (c.v(r) === null || c.v(r) === undefined ? '' : String(c.v(r))); }
    function render() {
      thead.innerHTML = '<tr>' + cols.map(function (c, i) {
        return '<th data-col="' + i + '"' + (i === sortCol ? ' aria-sort="' + (sortDir > 0 ? 'ascending' : 'descending') + '"' : '') +
          '>' + esc(c.t) + '</th>';
      }).join('') + '</tr>';
      var q = filter.value.trim().toLowerCase();
      var rows = data.trials.filter(function (r) {
        if (select.value && r.status !== select.value) { return false; }
        return !q || cols.some(function (c) { return cellText(c, r).toLowerCase().indexOf(q) >= 0; });
      });
      var c = cols[sortCol];
      rows.sort(function (a, b) {
        var x = c.v(a), y = c.v(b);
        if (x === y) { return a.number - b.number; }
        if (x === null || x === undefined) { return 1; }
        if (y === null || y === undefined) { return -1; }
        return (x < y ? -1 : 1) * sortDir;
      });
      tbody.innerHTML = rows.map(function (r) {
        return '<tr' + (r.best ? ' class="best" title="the best trial"' : '') + '>' + cols.map(function (col) {
          var cls = col.cls || (col.num ? 'num' : '');
          return '<td' + (cls ? ' class="' + cls + '"' : '') + '>' + (col.html ? col.html(r) : esc(cellText(col, r))) + '</td>';
        }).join('') + '</tr>';
      }).join('');
      document.getElementById('trial-count').textContent = rows.length + ' of ' + data.trials.length + ' trials';
    }
    thead.addEventListener('click', function (e) {
      var i = e.target.getAttribute('data-col');
      if (i === null) { return; }
      i = Number(i);
      sortDir = i === sortCol ? -sortDir : 1;
      sortCol = i;
      render();
    });
    filter.addEventListener('input', render);
    select.addEventListener('change', render);
    render();
  })();

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  });

  // What drew: for each chart, how many of its canvas pixels are painted. The browser test reads it.
  var drawn = {};
  Object.keys(charts).forEach(function (id) {
    var canvas = document.querySelector('#' + id + ' canvas');
    var painted = 0;
    if (canvas) {
      var px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (var i = 3; i < px.length; i += 4 * 16) { if (px[i] > 0) { painted++; } }
    }
    drawn[id] = painted;
  });
  document.body.setAttribute('data-drawn', JSON.stringify(drawn));
  document.body.setAttribute('data-render', errors.length ? 'error' : 'done');
})();
