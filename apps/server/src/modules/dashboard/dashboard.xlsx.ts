import type { DashboardTable } from '@seedbed/contract';
import ExcelJS from 'exceljs';

/** 元 with two decimals; the cell holds the number, so a column sums. */
export const YUAN_FORMAT = '#,##0.00"元"';

/**
 * A dashboard table as .xlsx: a title row, bilingual headers, then one row per entry. Money is a
 * number of 元 (fen / 100) formatted as 元, counts and days are numbers, text is Chinese.
 */
export async function tableXlsx(table: DashboardTable, subtitle: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Seedbed';
  const ws = wb.addWorksheet(table.title.zh.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  const n = table.columns.length;
  ws.mergeCells(1, 1, 1, Math.max(n, 1));
  ws.getCell(1, 1).value = table.title.zh;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, Math.max(n, 1));
  ws.getCell(2, 1).value = subtitle;
  ws.getRow(3).values = table.columns.map((c) => `${c.label.zh} ${c.label.en}`);
  ws.getRow(3).font = { bold: true };
  table.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.type === 'text' ? 30 : 18;
    if (c.type === 'money') column.numFmt = YUAN_FORMAT;
    if (c.type === 'days') column.numFmt = '0.0';
    if (c.type === 'number') column.numFmt = '0';
  });
  table.rows.forEach((r, i) => {
    const row = ws.getRow(4 + i);
    table.columns.forEach((c, j) => {
      const v = r.cells[c.key];
      const cell = row.getCell(j + 1);
      if (v === null || v === undefined) cell.value = null;
      else if (typeof v === 'object') cell.value = v.zh;
      else if (c.type === 'money' && typeof v === 'number') cell.value = v / 100;
      else cell.value = v;
    });
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
