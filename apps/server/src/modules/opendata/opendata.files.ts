/**
 * A group of open statistics as a download: CSV (UTF-8 with a byte-order mark, so that Excel
 * reads the Chinese; RFC 4180 quoting; CRLF) or .xlsx (ExcelJS, as the dashboard's exports).
 * Money declared in fen is given in 元 (two decimals); other values in their declared unit.
 */
import ExcelJS from 'exceljs';
import type { OpenFigure } from '@seedbed/contract';
import type { OpenExport } from './opendata.service.js';

export const BOM = '\uFEFF';

const HEADERS = ['指标 Figure', '指标（英文） Figure (English)', '单位 Unit', '地区 Region', '开始日期 From', '结束日期 To', '数值 Value'];

/** A value in the unit people read: fen become 元. */
export function displayed(figure: OpenFigure): { value: number; unit: { zh: string; en: string } } {
  if (figure.unit.en === 'fen') return { value: Math.round(figure.value) / 100, unit: { zh: '元', en: 'yuan' } };
  return { value: figure.value, unit: figure.unit };
}

/**
 * One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled). Text that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe.
 */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function rowsOf(e: OpenExport): (string | number)[][] {
  return e.rows.map(({ figure, region }) => {
    const shown = displayed(figure);
    return [figure.label.zh, figure.label.en, `${shown.unit.zh} ${shown.unit.en}`, region.name, e.period.from, e.period.to, shown.value];
  });
}

export function exportCsv(e: OpenExport): string {
  return BOM + [HEADERS, ...rowsOf(e)].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export async function exportXlsx(e: OpenExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Seedbed';
  const ws = wb.addWorksheet(e.title.zh.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  ws.mergeCells(1, 1, 1, HEADERS.length);
  ws.getCell(1, 1).value = `${e.title.zh}（${e.region.name}，${e.period.label.zh}）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, HEADERS.length);
  ws.getCell(2, 1).value = `统计期间 ${e.period.from} 至 ${e.period.to} / Period ${e.period.from} to ${e.period.to}`;
  ws.getRow(3).values = HEADERS;
  ws.getRow(3).font = { bold: true };
  [30, 40, 14, 24, 12, 12, 16].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  rowsOf(e).forEach((r, i) => {
    const row = ws.getRow(4 + i);
    r.forEach((v, j) => (row.getCell(j + 1).value = v));
    row.getCell(7).numFmt = Number.isInteger(r[6]) ? '#,##0' : '#,##0.00';
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The download's file name: the group, region and period. */
export const exportFileName = (e: OpenExport, ext: 'csv' | 'xlsx'): string =>
  `${e.title.zh}-${e.region.name}-${e.period.key}.${ext}`.replace(/[\\/:*?"<>|]/g, '');
