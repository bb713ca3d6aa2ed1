// 上传页：每个文件单独 POST /api/reports（multipart，字段 file），各有进度条和结果。
// Files go two at a time: the server parses each on arrival, and a long queue should not stall the page.
const zone = document.getElementById('drop-zone');
const input = document.getElementById('file-input');
const list = document.getElementById('upload-list');
const body = list.querySelector('tbody');
const maxFiles = Number(zone.dataset.maxFiles);
const maxBytes = Number(zone.dataset.maxBytes);
const parallel = 2;
const queue = [];
let running = 0;

const outcomes = {
  imported: ['已导入', 'ok'],
  importedWithFindings: ['已导入（有问题）', 'warning'],
  alreadyPresent: ['已存在（同一文件）', 'info'],
  notAReport: ['不是年度报告', 'error'],
  failed: ['读取失败', 'error'],
  refused: ['拒收（不是您可以上传的报告）', 'error'],
};

function size(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}

function addFiles(files) {
  list.hidden = false;
  let n = 0;
  for (const file of files) {
    const progress = el('progress', { max: 100, value: 0 });
    const outcome = el('td', { className: 'outcome' }, '等待中');
    const row = el('tr', {}, el('td', { className: 'file' }, file.name), el('td', { className: 'num' }, size(file.size)),
      el('td', {}, progress), outcome);
    row.dataset.file = file.name;
    body.append(row);
    if (++n > maxFiles) { finish(row, outcome, 'error', '超出每次上传的文件数上限（' + maxFiles + ' 个）'); continue; }
    if (file.size > maxBytes) { finish(row, outcome, 'error', '文件过大（上限 ' + size(maxBytes) + '）'); continue; }
    queue.push({ file, row, progress, outcome });
  }
  pump();
}

function finish(row, cell, kind, text, link) {
  row.dataset.state = kind;
  cell.replaceChildren(el('span', { className: 'badge ' + kind }, text));
  if (link) cell.append(' ', link);
  const progress = row.querySelector('progress');
  if (progress) progress.value = 100;
}

function pump() {
  while (running < parallel && queue.length > 0) {
    running++;
    send(queue.shift()).finally(() => { running--; pump(); });
  }
}

function send({ file, row, progress, outcome }) {
  return new Promise(resolve => {
    const form = new FormData();
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/reports');
    xhr.responseType = 'json';
    outcome.textContent = '上传中';
    xhr.upload.onprogress = e => { if (e.lengthComputable) progress.value = Math.round(90 * e.loaded / e.total); };
    xhr.upload.onload = () => { progress.value = 90; outcome.textContent = '读取中'; };
    xhr.onload = () => {
      const data = xhr.response;
      if (xhr.status === 200 && Array.isArray(data) && data.length === 1) {
        const r = data[0];
        const [label, kind] = outcomes[r.outcome] || [r.outcome, 'info'];
        const link = r.reportId ? el('a', { href: '/reports/' + encodeURIComponent(r.reportId), textContent: '查看' }) : null;
        finish(row, outcome, kind, label, link);
        if (r.reason) outcome.append(el('div', { className: 'reason' }, r.reason));
        if (r.report) outcome.append(el('div', { className: 'muted' },
          (r.report.agency || r.report.agencyPrinted || '（未识别机关）') + ' · ' + (r.report.year ?? '年度不明') +
          ' · 错误 ' + r.report.errors + ' · 警告 ' + r.report.warnings));
      } else {
        const title = data && data.title ? data.title : 'HTTP ' + xhr.status;
        finish(row, outcome, 'error', title);
        if (data && data.detail) outcome.append(el('div', { className: 'reason' }, data.detail));
      }
      resolve();
    };
    xhr.onerror = () => { finish(row, outcome, 'error', '网络错误，未能上传'); resolve(); };
    xhr.send(form);
  });
}

zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('over'); });
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', e => {
  e.preventDefault();
  zone.classList.remove('over');
  if (e.dataTransfer && e.dataTransfer.files.length > 0) addFiles(e.dataTransfer.files);
});
input.addEventListener('change', () => { addFiles(input.files); input.value = ''; });
zone.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
