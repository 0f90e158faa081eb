import type { SharingStatistics } from '@seedbed/contract';
import ExcelJS from 'exceljs';

/** The sharing statistics of a year as .xlsx: bilingual headers, one row per instrument and a total; hours and 元 as numbers. */
export async function sharingXlsx(s: SharingStatistics): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Seedbed';
  const ws = wb.addWorksheet(`${s.year}年仪器共享统计`);
  ws.mergeCells(1, 1, 1, 9);
  ws.getCell(1, 1).value = `${s.year}年大型科研仪器开放共享统计 / Sharing statistics of large instruments, ${s.year}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getRow(2).values = ['仪器 Instrument', '所有单位 Owner', '有效机时 Effective hours', '对外服务机时 External hours', '共享率 Sharing rate', '服务收入 Income', '其中测试项目收入 Of it, test services', '测试样品数 Samples tested', '服务用户数 Users served'];
  ws.getRow(2).font = { bold: true };
  [30, 30, 18, 18, 14, 18, 20, 14, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(3).numFmt = '0.00';
  ws.getColumn(4).numFmt = '0.00';
  ws.getColumn(5).numFmt = '0.0%';
  ws.getColumn(6).numFmt = '#,##0.00"元"';
  ws.getColumn(7).numFmt = '#,##0.00"元"';
  const rows = [...s.rows.map((r) => [r.instrumentName, r.ownerName, r.effectiveHours, r.externalHours, r.sharingRate, r.incomeFen / 100, r.testIncomeFen / 100, r.samplesTested, r.usersServed]), ['合计 Total', s.total.ownerName, s.total.effectiveHours, s.total.externalHours, s.total.sharingRate, s.total.incomeFen / 100, s.total.testIncomeFen / 100, s.total.samplesTested, s.total.usersServed]];
  rows.forEach((values, i) => (ws.getRow(3 + i).values = values));
  ws.getRow(3 + rows.length - 1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
