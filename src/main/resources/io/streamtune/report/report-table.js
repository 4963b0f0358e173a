/* The study report: the trial table, then the check of what drew. */
StreamTuneReport.part(function (R, data) {
  'use strict';
  var metric = data.metric, OI = R.OI, BEST = R.BEST, charts = R.charts;
  var fmt = R.fmt, esc = R.esc, status = R.status, empty = R.empty, chart = R.chart;
  var axisName = R.axisName, logToggle = R.logToggle, spread = R.spread;

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
    // Sort and filter survive a live redraw
    var st = R.state.table = R.state.table || { col: 0, dir: 1 };
    var thead = document.querySelector('#trial-table thead');
    var tbody = document.querySelector('#trial-table tbody');
    var filter = document.getElementById('trial-filter');
    var select = document.getElementById('trial-status');
    var chosenStatus = select.value;
    while (select.options.length > 1) { select.remove(1); }
    Object.keys(data.trials.reduce(function (m, r) { m[r.status] = 1; return m; }, {})).forEach(function (s) {
      var o = document.createElement('option'); o.value = s; o.textContent = status(s).label; select.appendChild(o);
    });
    select.value = chosenStatus;
    if (select.value !== chosenStatus) { select.value = ''; }
    function cellText(c, r) { return c.show ? c.show(r) : (c.v(r) === null || c.v(r) === undefined ? '' : String(c.v(r))); }
    function render() {
      thead.innerHTML = '<tr>' + cols.map(function (c, i) {
        return '<th data-col="' + i + '"' + (i === st.col ? ' aria-sort="' + (st.dir > 0 ? 'ascending' : 'descending') + '"' : '') +
          '>' + esc(c.t) + '</th>';
      }).join('') + '</tr>';
      var q = filter.value.trim().toLowerCase();
      var rows = data.trials.filter(function (r) {
        if (select.value && r.status !== select.value) { return false; }
        return !q || cols.some(function (c) { return cellText(c, r).toLowerCase().indexOf(q) >= 0; });
      });
      var c = cols[Math.min(st.col, cols.length - 1)];
      rows.sort(function (a, b) {
        var x = c.v(a), y = c.v(b);
        if (x === y) { return a.number - b.number; }
        if (x === null || x === undefined) { return 1; }
        if (y === null || y === undefined) { return -1; }
        return (x < y ? -1 : 1) * st.dir;
      });
      tbody.innerHTML = rows.map(function (r) {
        return '<tr' + (r.best ? ' class="best" title="the best trial"' : '') + '>' + cols.map(function (col) {
          var cls = col.cls || (col.num ? 'num' : '');
          return '<td' + (cls ? ' class="' + cls + '"' : '') + '>' + (col.html ? col.html(r) : esc(cellText(col, r))) + '</td>';
        }).join('') + '</tr>';
      }).join('');
      document.getElementById('trial-count').textContent = rows.length + ' of ' + data.trials.length + ' trials';
    }
    thead.onclick = function (e) {
      var i = e.target.getAttribute('data-col');
      if (i === null) { return; }
      i = Number(i);
      st.dir = i === st.col ? -st.dir : 1;
      st.col = i;
      render();
    };
    filter.oninput = render;
    select.onchange = render;
    render();
  })();
});
