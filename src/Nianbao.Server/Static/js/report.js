// 报告页：点击表中的数字 → 右侧原文中标出它的位置（文本片段、原文表格的单元格、PDF 页面上的方框）。
// Offsets are UTF-16 indexes into the document's normalized text, as JavaScript strings count them.
const body = document.querySelector('.report-body');
const reportId = body.dataset.report;
const pane = document.getElementById('source-pane');
const info = document.getElementById('source-info');
const pdfView = document.getElementById('pdf-view');
const pdfPage = document.getElementById('pdf-page');
const pdfBox = document.getElementById('pdf-box');
const cells = [...document.querySelectorAll('#source-text .src-cell')]
  .map(el => ({ el, start: Number(el.dataset.start), length: Number(el.dataset.length) }))
  .sort((a, b) => a.start - b.start);

function clear() {
  for (const m of document.querySelectorAll('#source-text mark.source-mark')) m.replaceWith(...m.childNodes);
  for (const el of document.querySelectorAll('.selected, .src-hit')) el.classList.remove('selected', 'src-hit');
  document.getElementById('source-text').normalize();
}

// The source cell whose text holds [start, start + length): the last cell starting at or before start.
function cellAt(start, length) {
  let lo = 0, hi = cells.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cells[mid].start <= start) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (found < 0) return null;
  const c = cells[found];
  return start + length <= c.start + c.length ? c : null;
}

function scrollInto(container, el) {
  const r = el.getBoundingClientRect(), p = container.getBoundingClientRect();
  container.scrollTop += r.top - p.top - container.clientHeight / 3;
}

function markText(start, length) {
  const c = cellAt(start, length);
  if (!c) return null;
  c.el.classList.add('src-hit');
  const text = c.el.firstChild;
  if (!text || text.nodeType !== Node.TEXT_NODE) return c.el;
  const range = document.createRange();
  range.setStart(text, start - c.start);
  range.setEnd(text, start - c.start + length);
  const mark = document.createElement('mark');
  mark.className = 'source-mark';
  range.surroundContents(mark);
  return mark;
}

function showBox(page, box) {
  pdfView.hidden = false;
  pdfBox.hidden = true;
  const [left, bottom, right, top] = box.split(',').map(Number);
  const draw = () => {
    // pdftoppm draws a PDF point as dpi/72 pixels; the image may be shown smaller than drawn.
    const k = Number(pdfView.dataset.dpi) / 72 * (pdfPage.clientWidth / pdfPage.naturalWidth);
    const pageTop = pdfPage.naturalHeight * (pdfPage.clientWidth / pdfPage.naturalWidth);
    const pad = 2;
    Object.assign(pdfBox.style, {
      left: (left * k - pad) + 'px', top: (pageTop - top * k - pad) + 'px',
      width: ((right - left) * k + 2 * pad) + 'px', height: ((top - bottom) * k + 2 * pad) + 'px',
    });
    pdfBox.hidden = false;
    pdfBox.dataset.page = page;
    scrollInto(pdfView, pdfBox);
  };
  const src = '/reports/' + encodeURIComponent(reportId) + '?handler=page&n=' + page;
  if (pdfPage.getAttribute('src') === src && pdfPage.complete && pdfPage.naturalWidth > 0) { draw(); return; }
  pdfPage.onload = draw;
  pdfPage.onerror = () => { info.append(' （PDF 页面无法显示）'); };
  pdfPage.setAttribute('src', src);
}

function show(td) {
  clear();
  td.classList.add('selected');
  const d = td.dataset;
  const label = td.title || d.path;
  if (d.start === undefined) {
    info.textContent = label + '：没有记录它在原文中的位置。';
    return;
  }
  const where = [];
  if (d.page) where.push('第 ' + d.page + ' 页');
  if (d.srcTable) where.push('原文第 ' + (Number(d.srcTable) + 1) + ' 个表格第 ' + (Number(d.srcRow) + 1) + ' 行' + (d.srcColumn ? '第 ' + (Number(d.srcColumn) + 1) + ' 列' : ''));
  where.push('字符 ' + d.start + '–' + (Number(d.start) + Number(d.length)));
  info.replaceChildren(
    Object.assign(document.createElement('strong'), { textContent: label }), ' = ',
    Object.assign(document.createElement('code'), { textContent: d.text }), '，' + where.join('，') + '；' + d.confidence + '。');
  const mark = markText(Number(d.start), Number(d.length));
  if (mark) scrollInto(document.getElementById('source-text'), mark);
  else info.append(' （原文已变化，找不到这个位置）');
  if (d.page && d.box && pdfView) showBox(d.page, d.box);
}

document.querySelectorAll('table.national td.value').forEach(td => {
  td.addEventListener('click', () => show(td));
});
document.querySelectorAll('a.cell-link').forEach(a => {
  a.addEventListener('click', e => {
    const td = document.getElementById('cell-' + a.dataset.cell);
    if (!td) return;
    e.preventDefault();
    td.scrollIntoView({ block: 'center' });
    show(td);
  });
});
