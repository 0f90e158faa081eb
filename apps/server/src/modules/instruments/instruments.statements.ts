/**
 * Printable statements (结算单 / 费用清单) of what is not paid by a voucher: a booking's use (or
 * its late-cancellation / no-show fee) and a test service's result, for the user (or an
 * enterprise they act for) and the instrument's owner.
 */
import type { Principal } from '../../platform/access.js';
import { conflict, fieldError, notFound } from '../../platform/problems.js';
import { rangeOut } from '../../platform/time.js';
import { listMine } from '../subjects/index.js';
import type { Statement } from './instruments.pdf.js';
import { yuan } from './instruments.pdf.js';
import * as repo from './instruments.repository.js';
import { bookingViews, manages, type InstrumentsDeps } from './instruments.service.js';
import { testForStatement } from './instruments.testing.js';

const shanghaiText = (instant: string | Date) => new Date(instant).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const numberOf = (prefix: string, id: string, at: string | Date) => `${prefix}${new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '')}-${id.slice(0, 6).toUpperCase()}`;
const nothingDue = () =>
  conflict('NOTHING_DUE', '没有需要结算的费用', 'Nothing is due', [fieldError('billFen', 'amount_due', '只有未由创新券全额支付的费用才有结算单', 'a statement exists only for an amount not fully paid by a voucher')]);

export async function bookingStatement(deps: InstrumentsDeps, principal: Principal, id: string): Promise<Statement> {
  const b = await repo.findBooking(deps.db, id);
  const mine = b && (b.user_id === principal.userId || manages(principal, b.organisation_id) || (b.subject_id !== null && (await listMine(deps.db, principal)).some((s) => s.id === b.subject_id)));
  if (!b || !mine) throw notFound({ zh: '预约', en: 'Booking' });
  const v = (await bookingViews(deps, deps.db, [b], principal))[0]!;
  const during = rangeOut(b.during);
  const lines: Statement['lines'] = [];
  const details: [string, string][] = [['预约时段 Booked:', `${shanghaiText(during.start)} 至 ${shanghaiText(during.end)}`]];
  if (v.billFen !== null && v.actualStart && v.actualEnd) {
    const minutes = Math.round((Date.parse(v.actualEnd) - Date.parse(v.actualStart)) / 60_000);
    details.push(['实际使用 Used:', `${shanghaiText(v.actualStart)} 至 ${shanghaiText(v.actualEnd)}`]);
    lines.push({ item: `${v.instrumentName} 机时${v.external ? '（对外）' : '（校内）'}`, quantity: `${(minutes / 60).toFixed(2)} 小时`, rate: `${yuan(v.rateFen)}/小时`, amountFen: v.billFen });
  } else if (v.feeFen) {
    lines.push({ item: v.status === 'no_show' ? '爽约费 No-show fee' : '逾期取消违约金 Late-cancellation fee', quantity: '1', rate: yuan(v.feeFen), amountFen: v.feeFen });
  }
  const total = lines.reduce((s, l) => s + l.amountFen, 0);
  const voucher = v.billFen !== null ? (v.voucherPaysFen ?? 0) : 0;
  if (total - voucher <= 0) throw nothingDue();
  return { number: numberOf('YQ', b.id, during.start), ownerName: v.ownerName, userName: v.bookedBy, subjectName: v.subjectName, instrumentName: v.instrumentName, details, lines, totalFen: total, voucherPaysFen: voucher, printedAt: shanghaiText(deps.clock.now()) };
}

export async function testStatement(deps: InstrumentsDeps, principal: Principal, id: string): Promise<Statement> {
  const t = await testForStatement(deps, principal, id);
  if (t.status !== 'completed' || t.billFen === null || t.samplesTested === null) throw nothingDue();
  const voucher = t.voucherPaysFen ?? 0;
  if (t.billFen - voucher <= 0) throw nothingDue();
  return {
    number: numberOf('CS', t.id, t.requestedAt),
    ownerName: t.ownerName,
    userName: t.requestedBy,
    subjectName: t.subjectName,
    instrumentName: t.instrumentName,
    details: [
      ['测试项目 Service:', t.serviceName],
      ['申请时间 Requested:', shanghaiText(t.requestedAt)],
      ['送检 / 实测样品 Samples sent / tested:', `${t.samples} / ${t.samplesTested}`],
    ],
    lines: [{ item: `${t.serviceName}${t.external ? '（对外）' : '（校内）'}`, quantity: `${t.samplesTested} 个样品`, rate: `${yuan(t.pricePerSampleFen)}/样品`, amountFen: t.billFen }],
    totalFen: t.billFen,
    voucherPaysFen: voucher,
    printedAt: shanghaiText(deps.clock.now()),
  };
}
