/** The completion certificate (结业证书) as a printable A4 PDF, in the repository's one way of making PDFs (pdfkit with the CJK font). */
import PDFDocument from 'pdfkit';
import { COURSE_KIND_LABELS } from '@seedbed/contract';
import { AppError } from '../../platform/problems.js';
import type { CourseRow } from './training.repository.js';

const fontMissing = (): AppError =>
  new AppError(503, 'PDF_FONT_MISSING', {
    zh: '服务器缺少中文字体，无法生成 PDF：请运行 npm ci 安装字体包 @embedpdf/fonts-sc，或用 SEEDBED_CJK_FONT 指定一个存在的字体文件',
    en: 'The server has no Chinese font to print the PDF: run npm ci to install the font package @embedpdf/fonts-sc, or point SEEDBED_CJK_FONT to a font file that exists',
  });

export function certificatePdf(
  c: { trainee: string; course: CourseRow; attendedHours: number; completedOn: string; number: string },
  font: { file: string; face?: string } | null,
): Promise<Buffer> {
  if (!font) throw fontMissing();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 64, info: { Title: `结业证书 ${c.trainee}`, Author: 'Seedbed' } });
    const chunks: Buffer[] = [];
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', font.file, font.face);
    doc.font('cjk');
    doc.rect(40, 40, doc.page.width - 80, doc.page.height - 80).lineWidth(2).stroke('#8a1c1c');
    doc.moveDown(1.5).fontSize(30).fillColor('#8a1c1c').text('结 业 证 书', { align: 'center' });
    doc.fontSize(12).fillColor('#555').text('Certificate of completion', { align: 'center' }).moveDown(1.5);
    doc.fillColor('#000').fontSize(16);
    const [y, m, d] = c.completedOn.split('-');
    doc.text(
      `${c.trainee} 同志参加由${c.course.provider_name}举办的“${c.course.title}”（${COURSE_KIND_LABELS[c.course.kind].zh}），` +
        `于 ${c.course.starts_on} 至 ${c.course.ends_on} 完成培训，出勤 ${c.attendedHours} 学时（共 ${c.course.hours} 学时），经考核合格，准予结业。`,
      { align: 'left', lineGap: 8 },
    );
    doc.moveDown(0.8).fontSize(11).fillColor('#555');
    doc.text(`${c.trainee} attended ${c.attendedHours} of the ${c.course.hours} hours of "${c.course.title}" (${COURSE_KIND_LABELS[c.course.kind].en}) run by ${c.course.provider_name}, and completed it on ${c.completedOn}.`);
    doc.moveDown(2).fillColor('#000').fontSize(13);
    doc.text(c.course.provider_name, { align: 'right' });
    doc.text(`${y}年${Number(m)}月${Number(d)}日`, { align: 'right' });
    doc.moveDown(1.5).fontSize(10).fillColor('#555').text(`证书编号 No. ${c.number}`, { align: 'left' });
    doc.end();
  });
}
