/**
 * The work ledger (工作台账) as .xlsx, the way offices keep it: a 总表 sheet of every target, then one
 * sheet per unit with the targets it leads or supports and its latest report on each. Figures are
 * numbers (the unit of measure in its own column), progress and time elapsed are percentages.
 */
import ExcelJS from 'exceljs';
import { TARGET_COMPARISON_LABELS, TARGET_STATUS_LABELS, type TargetReportView, type TargetView } from '@seedbed/contract';

const HEAD = [
  ['目标任务', 'Target'],
  ['指标', 'Indicator'],
  ['要求', 'Requirement'],
  ['目标值', 'Goal'],
  ['计量单位', 'Unit'],
  ['当前值', 'Figure now'],
  ['数据来源', 'Figure from'],
  ['进度', 'Progress'],
  ['时间进度', 'Time gone'],
  ['状态', 'Status'],
  ['起始日期', 'From'],
  ['截止日期', 'To'],
  ['牵头单位', 'Lead unit'],
  ['配合单位', 'Supporting units'],
  ['依据', 'Source'],
] as const;

/** An Excel sheet name: at most 31 characters, none of \ / ? * [ ] :, unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31) || '单位';
  let out = base;
  for (let i = 2; taken.has(out); i++) out = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
  taken.add(out);
  return out;
}

const figureFrom = (v: TargetView) => (v.figureSource === 'parts' ? '分解目标汇总' : v.figureSource === 'statistic' ? `平台统计：${v.statistic?.label.zh ?? ''}` : v.figureSource === 'reports' ? '牵头单位报送' : '—');

function targetRow(v: TargetView): (string | number | null)[] {
  return [
    v.title.zh,
    v.indicator.zh,
    TARGET_COMPARISON_LABELS[v.comparison].zh,
    v.value,
    v.comparison === 'increase_by' ? '%' : v.unit,
    v.figure,
    figureFrom(v),
    v.progress,
    v.elapsed,
    TARGET_STATUS_LABELS[v.status].zh,
    v.periodFrom,
    v.periodTo,
    v.lead?.name ?? (v.leadUnitName ? `未指派（文件：${v.leadUnitName}）` : '未指派'),
    v.supporting.map((s) => s.name).join('、'),
    v.source ? `《${v.source.documentTitle}》${v.source.clause ? `（${v.source.clause}）` : ''}` : '本地目标',
  ];
}

function addSheet(wb: ExcelJS.Workbook, name: string, title: string, subtitle: string, extra: readonly (readonly [string, string])[], rows: (string | number | null)[][]): void {
  const ws = wb.addWorksheet(name);
  const head = [...HEAD, ...extra];
  ws.mergeCells(1, 1, 1, head.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, head.length);
  ws.getCell(2, 1).value = subtitle;
  ws.getRow(3).values = head.map(([zh, en]) => `${zh} ${en}`);
  ws.getRow(3).font = { bold: true };
  head.forEach((_, i) => (ws.getColumn(i + 1).width = i === 0 || i === 1 || i >= 12 ? 30 : 12));
  ws.getColumn(8).numFmt = '0.0%';
  ws.getColumn(9).numFmt = '0.0%';
  rows.forEach((r, i) => (ws.getRow(4 + i).values = r));
}

export async function ledgerXlsx(input: { regionName: string; asOf: string; targets: readonly TargetView[]; latestReports: ReadonlyMap<string, TargetReportView[]> }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Seedbed';
  const subtitle = `${input.regionName} · 数据截至 ${input.asOf} / Figures as of ${input.asOf}`;
  const taken = new Set<string>();
  addSheet(wb, sheetName('总表', taken), '目标任务工作台账（总表）', subtitle, [], input.targets.map(targetRow));
  // One sheet per unit that leads or supports something, in the order of the units' names.
  const units = new Map<string, string>();
  for (const v of input.targets) for (const u of [...(v.lead ? [v.lead] : []), ...v.supporting]) units.set(u.organisationId, u.name);
  for (const [id, name] of [...units].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'))) {
    const mine = input.targets.filter((v) => v.lead?.organisationId === id || v.supporting.some((s) => s.organisationId === id));
    const rows = mine.map((v) => {
      const last = (input.latestReports.get(v.id) ?? []).find((r) => r.organisation.organisationId === id);
      return [...targetRow(v), v.lead?.organisationId === id ? '牵头' : '配合', last?.period ?? '未报送', last?.value ?? null, last?.progress ?? ''];
    });
    addSheet(wb, sheetName(name, taken), `${name} 目标任务工作台账`, subtitle, [['本单位', 'Role'], ['最近报送期', 'Last reported'], ['报送数值', 'Reported figure'], ['工作进展', 'Progress']], rows);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
