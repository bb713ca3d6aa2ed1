// 采集页：运行中的采集每秒读一次 GET /api/harvests/{id}，重画计数和每个网址的结果（只用 textContent，不插入标记）。
// When the run ends the page is loaded again, so the list of runs and the closing tally come from the server.
const section = document.getElementById('harvest-run');
const labels = JSON.parse(document.getElementById('outcome-labels')?.textContent || '{}');
const label = code => labels[code] || code;

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}

function draw(run) {
  document.getElementById('harvest-count').textContent = String(run.urls);
  const tally = document.getElementById('harvest-tally');
  tally.querySelectorAll('.tally-item').forEach(e => e.remove());
  for (const [code, count] of Object.entries(run.tally)) {
    const item = el('span', { className: 'tally-item' }, `${label(code)} ${count}`);
    item.dataset.outcome = code;
    tally.append(item);
  }
  const body = document.querySelector('#harvest-outcomes tbody');
  body.replaceChildren(...run.outcomes.map(o => {
    const outcome = o.reportId ? el('a', { href: '/reports/' + encodeURIComponent(o.reportId) }, label(o.outcome)) : label(o.outcome);
    const row = el('tr', {},
      el('td', { className: 'reason' }, o.url),
      el('td', {}, outcome),
      el('td', { className: 'reason' }, o.detail ?? ''),
      el('td', {}, o.title ?? ''),
      el('td', {}, o.fetchedAt ?? ''));
    row.dataset.outcome = o.outcome;
    return row;
  }));
}

async function poll() {
  try {
    const response = await fetch(section.dataset.api, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.ok) {
      const run = await response.json();
      draw(run);
      if (run.status !== 'running') { location.reload(); return; }
    }
  } catch {
    // A missed reading (server busy, network blip) is retried at the next tick.
  }
  setTimeout(poll, 1000);
}

if (section && section.dataset.status === 'running') setTimeout(poll, 1000);
