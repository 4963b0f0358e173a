/* The study report: where the optimizer sampled (parallel coordinates, evaluations). */
StreamTuneReport.part(function (R, data) {
  'use strict';
  var metric = data.metric, OI = R.OI, BEST = R.BEST, charts = R.charts;
  var fmt = R.fmt, esc = R.esc, status = R.status, empty = R.empty, chart = R.chart;
  var valueRange = R.valueRange, ORDER_RAMP = R.ORDER_RAMP, axisName = R.axisName, logToggle = R.logToggle, spread = R.spread;

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

});
