/* The study report's page: maps the report's data (computed in Java) onto ECharts charts and the
 * trial table. It computes no statistic of its own. */
var StreamTuneReport = (function () {
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
  var charts = {};
  var parts = [];
  // Log-scale boxes the reader changed: a live update keeps the reader's choice.
  var chosen = {};

  function fmt(v) {
    if (v === null || v === undefined) { return '–'; }
    if (typeof v !== 'number') { return String(v); }
    if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) { return v.toExponential(3).replace(/\.?0+e/, 'e'); }
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
    el.classList.add('is-empty');
    el.innerHTML = '<div class="empty">' + esc(text) + '</div>';
  }
  function chart(id, build) {
    try {
      var option = build();
      if (!option) { return; }
      var el = document.getElementById(id);
      if (el.classList.contains('is-empty')) {
        el.classList.remove('is-empty');
        el.innerHTML = '';
      }
      var c = echarts.init(el, null, { renderer: 'canvas' });
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
    el.disabled = false;
    el.parentNode.title = '';
    var on = chosen[box] ? el.checked : onByDefault;
    el.checked = on;
    if (on !== onByDefault) { apply(on); }
    el.onchange = function () { chosen[box] = true; apply(el.checked); };
  }
  // A paragraph's text as the page first had it, plus a note: a redraw does not add it twice.
  function note(id, text) {
    var el = document.getElementById(id);
    if (el.getAttribute('data-text') === null) { el.setAttribute('data-text', el.textContent); }
    el.textContent = el.getAttribute('data-text') + text;
  }
  function spread(values) {
    var pos = values.filter(function (v) { return v !== null && v > 0; });
    if (pos.length < 2) { return 1; }
    return Math.max.apply(null, pos) / Math.min.apply(null, pos);
  }

  function valueRange() {
    var vs = R.data.points.rows.map(function (r) { return r[r.length - 2]; });
    return [Math.min.apply(null, vs), Math.max.apply(null, vs)];
  }

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  });

  // What drew: for each chart, how many of its canvas pixels are painted. The browser test reads it.
  function finish() {
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
  }

  function run(part) {
    try {
      part(R, R.data);
    } catch (e) {
      fail(e.message);
    }
  }
  // A part of the page draws itself from the data now, and again at every render.
  function part(draw) {
    parts.push(draw);
    run(draw);
  }
  // Draws the whole page again from new data (the live UI's updates).
  function render(next) {
    R.data = next;
    Object.keys(charts).forEach(function (k) { charts[k].dispose(); delete charts[k]; });
    errors.length = 0;
    document.getElementById('errors').hidden = true;
    document.body.removeAttribute('data-errors');
    parts.forEach(run);
    finish();
  }

  var R = { data: data, OI: OI, BEST: BEST, ORDER_RAMP: ORDER_RAMP, charts: charts, fmt: fmt,
    esc: esc, status: status, empty: empty, chart: chart, axisName: axisName, logToggle: logToggle,
    note: note, spread: spread, valueRange: valueRange, finish: finish, fail: fail, part: part,
    render: render, state: {} };
  return R;
})();
