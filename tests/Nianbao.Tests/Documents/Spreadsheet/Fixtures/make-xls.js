// Writes table4.xls (BIFF8, the legacy Excel format) with SheetJS from the numbers below, so the
// .xls path of SpreadsheetReader is tested on a file a real writer made. Regenerate with:
//   npm install xlsx@0.18.5 && node make-xls.js
// The test (XlsReaderTests) holds the same numbers; change both together.
const XLSX = require('xlsx');

const labels = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
// Table 四: 行政复议, 未经复议直接起诉, 复议后起诉; the middle group's total deliberately does not add up.
const values = [3, 1, 0, 2, 6, 4, 2, 1, 0, 8, 1, 0, 0, 1, 2];

const rows = [
  ['四、政府信息公开行政复议、行政诉讼情况'],
  ['行政复议', null, null, null, null, '行政诉讼'],
  [...labels, '未经复议直接起诉', null, null, null, null, '复议后起诉'],
  [null, null, null, null, null, ...labels, ...labels],
  values,
  [],
  ['收费金额（万元）', 0.1 + 0.2, 12.5 * 3, 1234567, null, 1.0000000002 - 0.0000000002],
];
const sheet = XLSX.utils.aoa_to_sheet(rows);
sheet['!merges'] = [
  { s: { r: 0, c: 0 }, e: { r: 0, c: 14 } },
  { s: { r: 1, c: 0 }, e: { r: 1, c: 4 } },
  { s: { r: 1, c: 5 }, e: { r: 1, c: 14 } },
  ...[0, 1, 2, 3, 4].map(c => ({ s: { r: 2, c }, e: { r: 3, c } })),
  { s: { r: 2, c: 5 }, e: { r: 2, c: 9 } },
  { s: { r: 2, c: 10 }, e: { r: 2, c: 14 } },
];
sheet['C7'].z = '0.00';
sheet['D7'].z = '#,##0';

const hidden = XLSX.utils.aoa_to_sheet([['隐藏', 999]]);
const workbook = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(workbook, sheet, '表四');
XLSX.utils.book_append_sheet(workbook, hidden, '隐藏');
workbook.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
XLSX.writeFile(workbook, 'table4.xls', { bookType: 'biff8' });
