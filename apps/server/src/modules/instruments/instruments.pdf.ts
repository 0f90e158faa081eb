import PDFDocument from 'pdfkit';
import { AppError } from '../../platform/problems.js';

/** One line of a statement: what was used or tested, how much, at what rate, for how much (fen). */
export interface StatementLine {
  item: string;
  quantity: string;
  rate: string;
  amountFen: number;
}

/** A printable statement (结算单 / 费用清单) of a booking's use or a test service. */
export interface Statement {
  /** Printed in the header: the booking's or the request's number (not an internal id). */
  number: string;
  ownerName: string;
  userName: string;
  subjectName: string | null;
  instrumentName: string;
  details: [string, string][];
  lines: StatementLine[];
  totalFen: number;
  voucherPaysFen: number;
  printedAt: string;
}

export const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

const fontMissing = (): AppError =>
  new AppError(503, 'PDF_FONT_MISSING', {
    zh: '服务器缺少中文字体，无法生成 PDF：请运行 npm ci 安装字体包 @embedpdf/fonts-sc，或用 SEEDBED_CJK_FONT 指定一个存在的字体文件',
    en: 'The server has no Chinese font to print the PDF: run npm ci to install the font package @embedpdf/fonts-sc, or point SEEDBED_CJK_FONT to a font file that exists',
  });

/** The statement as an A4 PDF, in Chinese with English beside (the Chinese font is the platform's, as the printable applications use). */
export function statementPdf(s: Statement, font: { file: string; face?: string } | null): Promise<Buffer> {
  if (!font) throw fontMissing();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `仪器共享服务结算单 ${s.number}`, Author: 'Seedbed' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', font.file, font.face);
    doc.font('cjk');
    doc.fontSize(18).text('大型科研仪器共享服务结算单', { align: 'center' });
    doc.fontSize(10).fillColor('#555').text('Statement of shared instrument services', { align: 'center' }).moveDown(1);
    doc.fillColor('#000').fontSize(11);
    const row = (label: string, value: string) => doc.fillColor('#555').text(label, { continued: true }).fillColor('#000').text(`  ${value}`);
    row('结算单号 Number:', s.number);
    row('服务单位 Provider:', s.ownerName);
    row('用户 User:', s.subjectName ? `${s.subjectName}（经办人 ${s.userName}）` : s.userName);
    row('仪器 Instrument:', s.instrumentName);
    for (const [label, value] of s.details) row(label, value);
    doc.moveDown(0.8).fontSize(13).text('费用明细 Charges');
    doc.fontSize(10);
    const x = [56, 250, 340, 450];
    const head = doc.y + 4;
    doc.fillColor('#555');
    ['项目 Item', '数量 Quantity', '单价 Rate', '金额 Amount'].forEach((h, i) => doc.text(h, x[i], head, { width: (x[i + 1] ?? 540) - x[i]! - 6 }));
    doc.fillColor('#000');
    let y = head + 18;
    for (const l of s.lines) {
      const h = Math.max(doc.heightOfString(l.item, { width: 188 }), 14);
      doc.text(l.item, x[0], y, { width: 188 });
      doc.text(l.quantity, x[1], y, { width: 84 });
      doc.text(l.rate, x[2], y, { width: 104 });
      doc.text(yuan(l.amountFen), x[3], y, { width: 90 });
      y += h + 6;
    }
    doc.moveTo(56, y).lineTo(540, y).strokeColor('#999').stroke();
    doc.x = 56;
    doc.y = y + 8;
    doc.fontSize(11);
    row('合计 Total:', yuan(s.totalFen));
    row('创新券支付 Paid by innovation voucher:', yuan(s.voucherPaysFen));
    doc.fontSize(13).text(`应付金额 Amount due:  ${yuan(s.totalFen - s.voucherPaysFen)}`);
    doc.moveDown(0.5).fontSize(9).fillColor('#555').text('应付金额请按服务单位开具的发票支付。The amount due is paid against the provider’s invoice.');
    doc.moveDown(1.5).fontSize(9).text(`打印时间 Printed ${s.printedAt} · Seedbed 双创服务平台`, { align: 'right' });
    doc.end();
  });
}
