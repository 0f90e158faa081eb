import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { Config } from '../../platform/config.js';
import { AppError } from '../../platform/problems.js';
import type { ApplicationRow } from './fulfilment.repository.js';
import type { ApplicationView, PublicityEntry } from './fulfilment.views.js';
import { STATUS_LABELS } from './workflow.js';

/** Money for officials' sheets and print: 元 with two decimals, from integer fen without floating point. */
export function yuan(fen: number | null): string {
  if (fen === null) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * What a column holds, so that a sheet officials sum and sort works: money as numbers of 元 with
 * two decimals and the 元 format (summable), dates as dates, instants as dates with the time in
 * Asia/Shanghai, the rest as text.
 */
type ColumnKind = 'text' | 'int' | 'yuan' | 'date' | 'instant';

const MONEY_FORMAT = '#,##0.00"元"';

/** Fen to a number of 元 for a cell (fen / 100: every fen amount up to 2^53 has an exact two-decimal rendering). */
const yuanCell = (fen: number | null): number | null => (fen === null ? null : fen / 100);

/** A `YYYY-MM-DD` date as the cell's date (midnight UTC: Excel dates carry no time zone). */
const dateCell = (d: string | null): Date | null => (d ? new Date(`${d}T00:00:00Z`) : null);

/** An instant as the wall-clock time in Asia/Shanghai (UTC+8, no daylight saving), for a date-time cell. */
const instantCell = (iso: string | null): Date | null => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000) : null);

const FORMATS: Partial<Record<ColumnKind, string>> = {
  int: '0',
  yuan: MONEY_FORMAT,
  date: 'yyyy-mm-dd',
  instant: 'yyyy-mm-dd hh:mm',
};

async function workbook(
  sheetName: string,
  title: string,
  columns: { header: string; key: string; width: number; kind?: ColumnKind }[],
  rows: Record<string, unknown>[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Seedbed';
  const ws = wb.addWorksheet(sheetName, {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getRow(2).values = columns.map((c) => c.header);
  ws.getRow(2).font = { bold: true };
  columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width;
    const format = FORMATS[c.kind ?? 'text'];
    if (format) column.numFmt = format;
  });
  rows.forEach((r, i) => (ws.getRow(3 + i).values = columns.map((c) => r[c.key] as ExcelJS.CellValue)));
  // A total under each money column (a formula, with its value for readers that do not compute).
  const money = columns.flatMap((c, i) => (c.kind === 'yuan' ? [i + 1] : []));
  if (money.length && rows.length) {
    const totalRow = ws.getRow(3 + rows.length);
    totalRow.getCell(1).value = '合计 Total';
    totalRow.font = { bold: true };
    for (const col of money) {
      const key = columns[col - 1]!.key;
      const sumFen = rows.reduce((sum, r) => sum + Math.round(((r[key] as number | null) ?? 0) * 100), 0);
      const letter = ws.getColumn(col).letter;
      totalRow.getCell(col).value = { formula: `SUM(${letter}3:${letter}${2 + rows.length})`, result: sumFen / 100 };
      totalRow.getCell(col).numFmt = MONEY_FORMAT;
    }
  }
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A payment as the award list shows it: when it was paid, and to which account (masked). */
export interface AwardPaymentCells {
  paidAt: string | null;
  payeeAccount: string | null;
}

/** 奖补名单 / award list: every approved award with its amount, stage and payment. */
export async function awardListXlsx(rows: ApplicationRow[], payments: Map<string, AwardPaymentCells>): Promise<Buffer> {
  return workbook(
    '奖补名单',
    '政策兑现奖补名单 / Award list',
    [
      { header: '序号 No.', key: 'n', width: 6, kind: 'int' },
      { header: '受理编号 Reference', key: 'reference', width: 18 },
      { header: '政策事项 Item', key: 'item', width: 36 },
      { header: '申请主体 Subject', key: 'subject', width: 30 },
      { header: '批复金额（元）Approved (CNY)', key: 'amount', width: 18, kind: 'yuan' },
      { header: '批复日期 Approved on', key: 'approvedOn', width: 14, kind: 'date' },
      { header: '公示起 Publicity from', key: 'publicityFrom', width: 14, kind: 'date' },
      { header: '公示止 Publicity until', key: 'publicityUntil', width: 14, kind: 'date' },
      { header: '状态 Status', key: 'status', width: 12 },
      { header: '拨付时间 Paid at', key: 'paidAt', width: 18, kind: 'instant' },
      { header: '收款账户 Paid to', key: 'payee', width: 22 },
      { header: '受理部门 Department', key: 'department', width: 24 },
      { header: '方式 Origin', key: 'origin', width: 12 },
    ],
    rows.map((a, i) => ({
      n: i + 1,
      reference: a.reference,
      item: a.item_title.zh,
      subject: a.subject_name,
      amount: yuanCell(a.approved_fen),
      approvedOn: dateCell(a.approved_on),
      publicityFrom: dateCell(a.publicity_from),
      publicityUntil: dateCell(a.publicity_until),
      status: STATUS_LABELS[a.status].zh,
      paidAt: instantCell(payments.get(a.id)?.paidAt ?? null),
      payee: payments.get(a.id)?.payeeAccount ?? '',
      department: a.department_name,
      origin: a.origin === 'automatic' ? '免申即享' : '依申请',
    })),
  );
}

/** 公示名单 / publicity list, as published. */
export async function publicityListXlsx(entries: PublicityEntry[]): Promise<Buffer> {
  return workbook(
    '公示名单',
    '政策兑现拟奖补对象公示名单 / Awards in publicity',
    [
      { header: '序号 No.', key: 'n', width: 6, kind: 'int' },
      { header: '受理编号 Reference', key: 'reference', width: 18 },
      { header: '政策事项 Item', key: 'item', width: 36 },
      { header: '拟奖补对象 Subject', key: 'subject', width: 30 },
      { header: '拟奖补金额（元）Amount (CNY)', key: 'amount', width: 18, kind: 'yuan' },
      { header: '公示起 From', key: 'from', width: 12, kind: 'date' },
      { header: '公示止 Until', key: 'until', width: 12, kind: 'date' },
      { header: '受理部门 Department', key: 'department', width: 24 },
    ],
    entries.map((e, i) => ({
      n: i + 1,
      reference: e.reference,
      item: e.itemTitle.zh,
      subject: e.subjectName,
      amount: yuanCell(e.approvedFen),
      from: dateCell(e.publicityFrom),
      until: dateCell(e.publicityUntil),
      department: e.department,
    })),
  );
}

/**
 * The Chinese font of printable PDFs, when its file exists: the configured one (SEEDBED_CJK_FONT),
 * else Noto Sans SC from the npm package @embedpdf/fonts-sc (config.ts).
 */
export function cjkFont(configured: Config['cjkFont']): { file: string; face?: string } | null {
  return configured && existsSync(configured.file) ? configured : null;
}

export const fontMissing = (): AppError =>
  new AppError(503, 'PDF_FONT_MISSING', {
    zh: '服务器缺少中文字体，无法生成 PDF：请运行 npm ci 安装字体包 @embedpdf/fonts-sc，或用 SEEDBED_CJK_FONT 指定一个存在的字体文件',
    en: 'The server has no Chinese font to print the PDF: run npm ci to install the font package @embedpdf/fonts-sc, or point SEEDBED_CJK_FONT to a font file that exists',
  });

/** The application as a printable A4 document (申请表), with its timeline. */
export function applicationPdf(
  a: ApplicationView,
  printedAt: string,
  font: { file: string; face?: string } | null,
): Promise<Buffer> {
  if (!font) throw fontMissing();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: `${a.reference} ${a.itemTitle.zh}`, Author: 'Seedbed' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', font.file, font.face);
    doc.font('cjk');
    doc.fontSize(18).text('政策兑现申请表', { align: 'center' });
    doc.fontSize(10).fillColor('#555').text('Policy fulfilment application', { align: 'center' }).moveDown(1);
    doc.fillColor('#000').fontSize(11);
    const row = (label: string, value: string) => {
      doc.font('cjk').fillColor('#555').text(label, { continued: true }).fillColor('#000').text(`  ${value}`);
    };
    row('受理编号 Reference:', a.reference);
    row('政策事项 Item:', `${a.itemTitle.zh}（${a.itemId}）`);
    row('申请主体 Subject:', a.subjectName);
    row('受理部门 Department:', a.department.name);
    row(
      '办理方式 Origin:',
      a.origin === 'automatic' ? '免申即享 No application needed' : '依申请 On application',
    );
    row('当前环节 Status:', `${a.statusLabel.zh} ${a.statusLabel.en}`);
    row('测算金额（元）Computed:', yuan(a.amountFen));
    row('批复金额（元）Approved:', yuan(a.approvedFen));
    if (a.publicity) row('公示期 Publicity:', `${a.publicity.from} 至 ${a.publicity.until}`);
    if (a.productKey) row('产品 Product:', a.productKey);
    doc.moveDown(0.8).fontSize(13).text('申报信息 Answers');
    doc.fontSize(10);
    const answers = Object.entries(a.answers);
    if (answers.length === 0) doc.text('（无 none）');
    for (const [k, v] of answers)
      doc.text(`${a.answerLabels[k]?.zh ?? k}（${a.answerLabels[k]?.en ?? k}）：${String(v)}`);
    doc.moveDown(0.8).fontSize(13).text('申报材料 Materials');
    doc.fontSize(10);
    if (a.materials.length === 0) doc.text('（无 none）');
    for (const m of a.materials)
      doc.text(
        `${m.label.zh}：${m.file ? `${m.file.name}（${m.file.contentType}，${m.file.size} 字节，SHA-256 ${m.file.sha256.slice(0, 16)}…）` : '—'}`,
      );
    doc.moveDown(0.8).fontSize(13).text('办理过程 Timeline');
    doc.fontSize(10);
    for (const t of a.timeline) {
      const when = new Date(t.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
      doc.text(
        `${when}  ${t.stageLabel?.zh ?? t.action}${t.to && t.from ? ` → ${STATUS_LABELS[t.to as keyof typeof STATUS_LABELS]?.zh ?? t.to}` : ''}  ${t.department ?? ''}${t.reason ? `  理由：${t.reason}` : ''}`,
      );
    }
    doc
      .moveDown(1.5)
      .fontSize(9)
      .fillColor('#555')
      .text(`打印时间 Printed ${printedAt} · Seedbed 双创服务平台`, { align: 'right' });
    doc.end();
  });
}
