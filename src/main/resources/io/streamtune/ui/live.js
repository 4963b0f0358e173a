/* The live UI's study page: the report's page, redrawn when the event stream says that the study
 * changed. It fetches the study's data (computed on the server, as for the report) and computes
 * nothing itself. */
(function (R) {
  'use strict';
  var FINISHED = { COMPLETED: 1, PRUNED: 1, FAILED: 1 };
  var MIN_GAP_MS = 400;
  var bar = document.getElementById('live-bar');
  var study = bar.getAttribute('data-study');
  var version = Number(bar.getAttribute('data-version'));
  var stateEl = document.getElementById('live-state');
  var fetching = false, again = false, lastDraw = 0;
  // When each trial was first shown finished (ms since the epoch); the browser test reads it.
  var seen = window.streamtuneSeen = {};

  function setState(state, text) {
    stateEl.setAttribute('data-state', state);
    stateEl.textContent = text;
  }
  function mark(data) {
    var now = Date.now();
    data.trials.forEach(function (t) {
      if (FINISHED[t.status] && !(t.number in seen)) { seen[t.number] = now; }
    });
    document.body.setAttribute('data-trials-shown', String(Object.keys(seen).length));
  }
  function live() {
    var d = R.data;
    setState('live', (d.state === 'RUNNING' ? 'live' : d.state.toLowerCase()) + ' · updated ' +
      new Date().toLocaleTimeString());
  }
  function load() {
    if (fetching) { again = true; return; }
    var wait = lastDraw + MIN_GAP_MS - Date.now();
    if (wait > 0) { fetching = true; setTimeout(function () { fetching = false; load(); }, wait); return; }
    fetching = true;
    fetch('/api/studies/' + encodeURIComponent(study) + '/data', { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)); })
      .then(function (d) {
        R.render(d);
        document.getElementById('lede').textContent = d.lede;
        lastDraw = Date.now();
        mark(d);
        live();
      })
      .catch(function (e) { setState('error', 'could not update: ' + e.message); })
      .then(function () {
        fetching = false;
        if (again) { again = false; load(); }
      });
  }

  mark(R.data);
  var events = new EventSource('/api/events');
  events.addEventListener('studies', function (e) {
    var msg = JSON.parse(e.data);
    var row = msg.studies.filter(function (s) { return s.study === study; })[0];
    if (!row) { return; }
    if (row.version !== version) {
      version = row.version;
      load();
    } else {
      live();
    }
  });
  events.onerror = function () { setState('reconnecting', 'reconnecting…'); };
})(StreamTuneReport);
