// The console's only script: htmx for partial updates, live refresh from the server's event stream, and the KPI
// charts (ECharts, loaded only on the KPI page). Both libraries come from Maven Central (mvnpm); no Node.js build.
import htmx from 'htmx.org';

window.htmx = htmx;

/** Elements marked data-live re-fetch themselves (hx-trigger="live") when the server says a case changed. */
function startLive() {
  if (!document.querySelector('[data-live]') || !window.EventSource) {
    return;
  }
  const source = new EventSource('/events');
  source.onmessage = (message) => {
    let change;
    try {
      change = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    document.querySelectorAll('[data-live]').forEach((el) => {
      const only = el.getAttribute('data-live-case');
      // Never replace a part while the person is typing in it; the next change refreshes it.
      const typing = el.contains(document.activeElement)
        && ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName);
      if ((!only || only === change.incidentId) && !typing) {
        htmx.trigger(el, 'live');
      }
    });
    document.body.setAttribute('data-live-last', change.type || 'change');
  };
}

function hours(seconds) {
  return seconds == null ? null : Math.round((seconds / 3600) * 10) / 10;
}

async function startCharts() {
  const box = document.getElementById('kpi-charts');
  if (!box) {
    return;
  }
  const kpis = JSON.parse(box.dataset.kpis || '{}');
  const months = (kpis.months || []).map((m) => m.month);
  const echarts = await import('echarts');
  const steps = new Set();
  (kpis.months || []).forEach((m) => Object.keys(m.ackTime || {}).forEach((s) => steps.add(s)));
  const ackSeries = [];
  steps.forEach((step) => {
    ackSeries.push({ name: step + ' ' + box.dataset.labelMedian, type: 'bar',
      data: (kpis.months || []).map((m) => hours(((m.ackTime || {})[step] || {}).medianSeconds)) });
    ackSeries.push({ name: step + ' ' + box.dataset.labelP90, type: 'line',
      data: (kpis.months || []).map((m) => hours(((m.ackTime || {})[step] || {}).p90Seconds)) });
  });
  const common = (title, series) => ({
    title: { text: title, textStyle: { fontSize: 14, color: '#1f2937' } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { top: 50, left: 50, right: 20, bottom: 60 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: box.dataset.labelHours },
    series,
    animation: false,
  });
  echarts.init(document.getElementById('chart-ack')).setOption(common(box.dataset.labelAck, ackSeries));
  const flat = (key) => [
    { name: box.dataset.labelMedian, type: 'bar', data: (kpis.months || []).map((m) => hours((m[key] || {}).medianSeconds)) },
    { name: box.dataset.labelP90, type: 'line', data: (kpis.months || []).map((m) => hours((m[key] || {}).p90Seconds)) },
  ];
  echarts.init(document.getElementById('chart-contain')).setOption(common(
    box.dataset.labelContain + ' / ' + box.dataset.labelClose,
    flat('timeToContain').concat(flat('timeToClose').map((s) => ({ ...s, name: box.dataset.labelClose + ' ' + s.name })))));
}

/**
 * Idle log-off (第58条(3)): the server ends the session after data-idle-timeout seconds without a request of the
 * person; this timer warns data-idle-warning seconds before (Japanese first, then English) and then opens /logout.
 * Before warning or logging off it asks the server how long is really left, so a person working in another tab is
 * not logged off by this one.
 */
function startIdleTimer() {
  const box = document.getElementById('idle-warning');
  if (!box) {
    return;
  }
  const timeout = Number(box.dataset.idleTimeout);
  const warning = Number(box.dataset.idleWarning);
  let timer;
  const logOff = () => {
    window.location.href = '/logout';
  };
  const check = () => fetch('/session/remaining', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
    .then((answer) => schedule(answer.seconds))
    .catch(logOff);
  const schedule = (left) => {
    clearTimeout(timer);
    if (left <= 0) {
      logOff();
    } else if (left <= warning) {
      box.hidden = false;
      document.body.setAttribute('data-idle-warned', 'true');
      timer = setTimeout(check, left * 1000);
    } else {
      box.hidden = true;
      timer = setTimeout(check, (left - warning) * 1000);
    }
  };
  document.getElementById('idle-continue').addEventListener('click', () => {
    fetch('/session/keepalive', { credentials: 'same-origin' }).then(() => schedule(timeout)).catch(logOff);
  });
  // Every htmx request is the person's doing and renewed the session on the server.
  document.body.addEventListener('htmx:afterRequest', () => schedule(timeout));
  schedule(timeout);
}

document.addEventListener('DOMContentLoaded', () => {
  startLive();
  startCharts();
  startIdleTimer();
});
