/**
 * The source departments' files: the template (.xlsx, headers in Chinese and English and a sheet of
 * instructions) and the reading of a filled-in file, .xlsx or UTF-8 .csv, into rows of text by
 * column, whatever the cells' types (a date typed in Excel becomes YYYY-MM-DD). Checking the rows
 * is the service's (credit.service.ts).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CREDIT_RECORD_KIND_LABELS, CREDIT_SEVERITY_LABELS, type CreditRecordKind, type CreditSeverity } from '@seedbed/contract';

export const COLUMNS = [
  { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', width: 24, note: '18 位，按 GB 32100-2015 校验 / 18 characters, checked per GB 32100-2015' },
  { key: 'subjectName', zh: '主体名称', en: 'Name', width: 30, note: '企业登记名称 / the registered name' },
  { key: 'kind', zh: '信用信息类别', en: 'Kind', width: 18, note: Object.values(CREDIT_RECORD_KIND_LABELS).map((l) => l.zh).join('、') },
  { key: 'severity', zh: '失信程度', en: 'Severity', width: 12, note: '轻微、一般、严重；表彰及良好记录留空 / minor, ordinary, serious; empty for honours' },
  { key: 'decisionNumber', zh: '决定文书号', en: 'Decision number', width: 26, note: '同一部门内唯一；重复导入同一文书号不会重复登记 / unique per department; re-importing it records nothing twice' },
  { key: 'decidedOn', zh: '决定日期', en: 'Decided on', width: 14, note: 'YYYY-MM-DD，公示期自该日起算 / the publication window counts from this day' },
  { key: 'legalBasis', zh: '法律依据', en: 'Legal basis', width: 36, note: '' },
  { key: 'content', zh: '事由及内容', en: 'Facts and decision', width: 50, note: '' },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];
export type ImportRow = { row: number; cells: Record<ColumnKey, string> };

export const KIND_BY_LABEL = new Map<string, CreditRecordKind>(Object.entries(CREDIT_RECORD_KIND_LABELS).flatMap(([k, l]) => [[l.zh, k as CreditRecordKind], [l.en.toLowerCase(), k as CreditRecordKind], [k, k as CreditRecordKind]]));
export const SEVERITY_BY_LABEL = new Map<string, CreditSeverity>(Object.entries(CREDIT_SEVERITY_LABELS).flatMap(([k, l]) => [[l.zh, k as CreditSeverity], [l.en.toLowerCase(), k as CreditSeverity], [k, k as CreditSeverity]]));

export class ImportFileError extends Error {}

export async function templateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Seedbed';
  const ws = wb.addWorksheet('信用信息');
  ws.getRow(1).values = COLUMNS.map((c) => `${c.zh} ${c.en}`);
  ws.getRow(1).font = { bold: true };
  COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  ws.getRow(2).values = ['91450100MA5XXXXXX0', '（示例）南宁某某科技有限公司', '行政处罚', '一般', '南市监处罚〔2026〕1号', '2026-06-01', '《中华人民共和国广告法》第五十五条', '（示例行，导入前请删除）发布虚假广告，罚款五万元'];
  ws.getRow(2).font = { italic: true, color: { argb: 'FF888888' } };
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 30;
  help.getColumn(2).width = 90;
  help.addRow(['列 Column', '说明 Notes']).font = { bold: true };
  for (const c of COLUMNS) help.addRow([`${c.zh} ${c.en}`, c.note]);
  help.addRow([]);
  help.addRow(['公示期 Publication', '轻微：不予公示；一般：最短3个月、最长1年；严重：最短1年、最长3年，自决定日期起算。最短公示期满后可申请信用修复。']);
  help.addRow(['', 'Minor: not published; ordinary: 3 months to 1 year; serious: 1 to 3 years, from the decision. Repair may be applied for after the shortest window.']);
  help.addRow(['文件 File', '第一个工作表，第一行为表头，每行一条记录；也可另存为 UTF-8 编码的 CSV。 / First sheet, headers in row 1, one record per row; or CSV in UTF-8.']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/** The header cell names a column by its Chinese or English name (or both, as the template does). */
function columnOf(header: string): ColumnKey | undefined {
  const h = header.trim().toLowerCase();
  return COLUMNS.find((c) => h === c.zh || h === c.en.toLowerCase() || h === `${c.zh} ${c.en}`.toLowerCase() || h.startsWith(c.zh))?.key;
}

export async function readImportFile(fileName: string, bytes: Buffer): Promise<ImportRow[]> {
  const wb = new ExcelJS.Workbook();
  const lower = fileName.toLowerCase();
  try {
    if (lower.endsWith('.xlsx')) await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    else if (lower.endsWith('.csv')) {
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      // Keep every value as text: a credit code or a date must not become a number or a Date.
      await wb.csv.read(Readable.from([text]), { map: (v: unknown) => v } as never);
    } else throw new ImportFileError('type');
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError('unreadable');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ImportFileError('empty');
  const headers = new Map<number, ColumnKey>();
  ws.getRow(1).eachCell((cell, col) => {
    const key = columnOf(cellText(cell.value));
    if (key) headers.set(col, key);
  });
  const missing = COLUMNS.filter((c) => ![...headers.values()].includes(c.key));
  if (missing.length > 0) throw new ImportFileError(`columns:${missing.map((c) => c.zh).join('、')}`);
  const rows: ImportRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const cells = Object.fromEntries(COLUMNS.map((c) => [c.key, ''])) as Record<ColumnKey, string>;
    for (const [col, key] of headers) cells[key] = cellText(ws.getRow(r).getCell(col).value).trim();
    if (Object.values(cells).every((v) => v === '')) continue;
    rows.push({ row: r, cells });
  }
  return rows;
}
