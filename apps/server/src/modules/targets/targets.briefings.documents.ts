/**
 * A briefing as the documents offices pass round: an editable Word file (.docx) and a PDF, in the
 * layout of government briefings (红头: the masthead in red, 期号 under it, 编发单位 on the left
 * and the date on the right above a red rule; the title; the text; at the foot the distribution
 * between two rules). Both carry the same chart (targets by light, ECharts rendered on the server)
 * and the same tables, from the briefing's figures.
 */
import { AlignmentType, BorderStyle, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TabStopPosition, TabStopType, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import { TARGET_STATUS_COLOURS, TARGET_STATUS_LABELS, type BriefingFigures, type BriefingView, type TargetStatus } from '@seedbed/contract';
import { chartPng, type ChartImage } from '../../platform/chart-image.js';

type Font = { file: string; face?: string };

const RED = 'C00000';

const chineseDate = (day: string) => {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};
const fmt = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);
const countOf = (byStatus: BriefingFigures['byStatus'], ...statuses: TargetStatus[]) => byStatus.filter((b) => statuses.includes(b.status)).reduce((s, b) => s + b.count, 0);

/** The chart of the targets by light: the same counts as the dashboard's chart of that day. */
export function statusChart(f: BriefingFigures, font: Font): ChartImage {
  return chartPng(
    {
      title: { text: `目标任务按状态（截至${chineseDate(f.asOf)}）`, left: 'center', textStyle: { fontSize: 15 } },
      grid: { left: 48, right: 24, top: 56, bottom: 40 },
      xAxis: { type: 'category', data: f.byStatus.map((b) => TARGET_STATUS_LABELS[b.status].zh), axisLabel: { fontSize: 13 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', barMaxWidth: 64, label: { show: true, position: 'top', fontSize: 13 }, data: f.byStatus.map((b) => ({ value: b.count, itemStyle: { color: TARGET_STATUS_COLOURS[b.status] } })) }],
    },
    font,
  );
}

export interface BriefingSection {
  heading: string;
  paragraphs?: string[];
  chart?: boolean;
  table?: { header: string[]; rows: string[][] };
}

/** The body of a briefing, section by section, as both documents print it. */
export function briefingSections(v: BriefingView): BriefingSection[] {
  const f = v.figures;
  const sections: BriefingSection[] = [
    { heading: '一、总体情况', paragraphs: v.summary.split('\n').filter((p) => p.trim() !== ''), chart: f.total > 0 },
  ];
  if (f.units.length > 0) {
    sections.push({
      heading: '二、各责任单位推进情况',
      table: {
        header: ['牵头单位', '目标任务', '正常推进/已达标', '预警', '滞后/未达标', '本期报送', '逾期催报'],
        rows: f.units.map((u) => [u.name, String(u.targets), String(countOf(u.byStatus, 'on_track', 'met')), String(countOf(u.byStatus, 'at_risk')), String(countOf(u.byStatus, 'behind', 'missed')), String(u.reports), String(u.escalated)]),
      },
    });
  }
  sections.push(
    f.attention.length > 0
      ? {
          heading: `${f.units.length > 0 ? '三' : '二'}、需重点关注的目标任务`,
          table: {
            header: ['目标任务', '牵头单位', '目标', '完成', '进度/时间', '状态'],
            rows: f.attention.map((a) => [a.title, a.lead, a.goal, a.figure === null ? '待报' : `${fmt(a.figure)}${a.unit}`, `${pct(a.progress)} / ${pct(a.elapsed)}`, TARGET_STATUS_LABELS[a.status].zh]),
          },
        }
      : { heading: `${f.units.length > 0 ? '三' : '二'}、需重点关注的目标任务`, paragraphs: ['本期没有滞后、预警或未达标的目标任务。'] },
  );
  const next = v.nextSteps.split('\n').filter((p) => p.trim() !== '');
  if (next.length > 0) sections.push({ heading: `${f.units.length > 0 ? '四' : '三'}、下步工作`, paragraphs: next });
  return sections;
}

const numberLine = (v: BriefingView) => (v.number !== null ? `${v.year}年第${v.number}期` : '（草稿 · 未印发）');
const dateOf = (v: BriefingView) => chineseDate(v.issuedOn ?? v.figures.asOf);

// ---------------------------------------------------------------- Word

const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
const HEI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const XIAOBIAOSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };

const cell = (text: string, header = false) =>
  new TableCell({
    children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, font: header ? HEI : SONG, size: 21, bold: header })] })],
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });

export async function briefingDocx(v: BriefingView, font: Font): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: v.masthead, font: XIAOBIAOSONG, size: 72, color: RED, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: numberLine(v), font: SONG, size: 32 })] }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TabStopPosition.MAX }],
      border: { bottom: { color: RED, space: 4, style: BorderStyle.SINGLE, size: 24 } },
      spacing: { after: 360 },
      children: [new TextRun({ text: v.issuer, font: SONG, size: 28 }), new TextRun({ text: `\t${dateOf(v)}`, font: SONG, size: 28 })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: v.title, font: XIAOBIAOSONG, size: 40, bold: true })] }),
  ];
  const chart = v.figures.total > 0 ? statusChart(v.figures, font) : null;
  for (const s of briefingSections(v)) {
    children.push(new Paragraph({ spacing: { before: 200, after: 120 }, indent: { firstLine: 640 }, children: [new TextRun({ text: s.heading, font: HEI, size: 32 })] }));
    for (const p of s.paragraphs ?? []) children.push(new Paragraph({ spacing: { line: 560 }, indent: { firstLine: 640 }, children: [new TextRun({ text: p, font: SONG, size: 32 })] }));
    if (s.chart && chart) {
      children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 }, children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: 560, height: 280 }, altText: { name: '目标任务按状态', title: '目标任务按状态', description: v.figures.byStatus.map((b) => `${TARGET_STATUS_LABELS[b.status].zh}${b.count}项`).join('，') } })] }));
    }
    if (s.table) {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [new TableRow({ tableHeader: true, children: s.table.header.map((h) => cell(h, true)) }), ...s.table.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) }))],
        }),
      );
    }
  }
  const lines = v.distribution.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > 0) {
    children.push(new Paragraph({ spacing: { before: 600 }, border: { top: { color: '000000', space: 4, style: BorderStyle.SINGLE, size: 6 } }, children: [] }));
    for (const l of lines) children.push(new Paragraph({ children: [new TextRun({ text: l, font: SONG, size: 28 })] }));
    children.push(new Paragraph({ border: { bottom: { color: '000000', space: 4, style: BorderStyle.SINGLE, size: 6 } }, children: [] }));
  }
  const doc = new Document({
    creator: 'Seedbed',
    title: `${v.masthead} ${numberLine(v)}`,
    description: v.title,
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}

// ---------------------------------------------------------------- PDF

export function briefingPdf(v: BriefingView, font: Font): Promise<Buffer> {
  const chart = v.figures.total > 0 ? statusChart(v.figures, font) : null;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 64, left: 72, right: 64 }, info: { Title: `${v.masthead} ${numberLine(v)}`, Subject: v.title, Author: 'Seedbed' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', font.file, font.face);
    doc.font('cjk');
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.fillColor(`#${RED}`).fontSize(36).text(v.masthead, { align: 'center' });
    doc.fillColor('#000').fontSize(15).moveDown(0.3).text(numberLine(v), { align: 'center' }).moveDown(0.8);
    const y = doc.y;
    doc.fontSize(13).text(v.issuer, left, y, { width, align: 'left' });
    doc.text(dateOf(v), left, y, { width, align: 'right' });
    doc.moveTo(left, doc.y + 6).lineTo(left + width, doc.y + 6).lineWidth(2).strokeColor(`#${RED}`).stroke();
    doc.x = left;
    doc.moveDown(1.5).fontSize(19).text(v.title, { align: 'center', width }).moveDown(1);
    for (const s of briefingSections(v)) {
      // A heading does not stay alone at the foot of a page.
      if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
      doc.fontSize(15).fillColor('#000').text(s.heading, left, doc.y, { width, indent: 30 }).moveDown(0.3);
      for (const p of s.paragraphs ?? []) doc.fontSize(13).text(p, left, doc.y, { width, indent: 26, lineGap: 6 }).moveDown(0.3);
      if (s.chart && chart) {
        const w = Math.min(width, 440);
        const h = (w * chart.height) / chart.width;
        if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
        doc.image(chart.png, left + (width - w) / 2, doc.y, { width: w, height: h });
        doc.y += h + 8;
      }
      if (s.table) pdfTable(doc, s.table, left, width);
      doc.moveDown(0.6);
    }
    const lines = v.distribution.split('\n').filter((l) => l.trim() !== '');
    if (lines.length > 0) {
      doc.moveDown(1);
      if (doc.y + 20 * (lines.length + 1) > doc.page.height - doc.page.margins.bottom) doc.addPage();
      doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.8).strokeColor('#000').stroke();
      doc.moveDown(0.3).fontSize(12);
      for (const l of lines) doc.text(l, left, doc.y, { width });
      doc.moveTo(left, doc.y + 4).lineTo(left + width, doc.y + 4).lineWidth(0.8).stroke();
    }
    doc.end();
  });
}

function pdfTable(doc: PDFKit.PDFDocument, table: { header: string[]; rows: string[][] }, left: number, width: number): void {
  const n = table.header.length;
  // The first column (a name) takes the room it needs; the figures share the rest.
  const first = n > 5 ? width * 0.3 : width / n;
  const widths = [first, ...Array.from({ length: n - 1 }, () => (width - first) / (n - 1))];
  const row = (cells: string[], header: boolean) => {
    doc.fontSize(header ? 10.5 : 10);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 8 }));
    const h = Math.max(...heights) + 8;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      if (header) doc.rect(x, top, widths[i]!, h).fillAndStroke('#f2f2f2', '#999');
      else doc.rect(x, top, widths[i]!, h).lineWidth(0.5).stroke('#999');
      doc.fillColor('#000').text(c, x + 4, top + 4, { width: widths[i]! - 8, align: header || i > 0 ? 'center' : 'left' });
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = top + h;
  };
  row(table.header, true);
  for (const r of table.rows) row(r, false);
}
