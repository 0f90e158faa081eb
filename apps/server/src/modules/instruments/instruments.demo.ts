/**
 * Demo data of the instruments module (never in production): 南宁市科技创新公共实验室 (lab.nanning,
 * a fictional public laboratory in 青秀区) with four instruments and past bookings with their
 * recorded use (internal and by Nanning's demo enterprises), and 玉溪市检验检测公共实验室
 * (lab.yuxi) whose GC-MS is operated by its staff and bookable with Yuxi's 创新券 (the demo
 * scheme pays `testing`; ent.yuxi holds a voucher). ent.yuxi booked the GC-MS two days ago
 * (three when that was a Sunday), 09:00–11:00 Beijing time, confirmed and paid in part with its
 * 创新券 (held through the voucher seam, as at booking); the lab has not yet recorded the use: the
 * owner's work to do. Same demo password as every account.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { creditCodeCheckCharacter, type InstrumentBody } from '@seedbed/contract';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import { indexLexemes } from '../policies/index.js';
import * as repo from './instruments.repository.js';
import { priceOf, voucherOrderId } from './instruments.service.js';
import { INSTRUMENT_CATEGORY_LABELS } from '@seedbed/contract';

const DEMO_PASSWORD = 'Seedbed-demo-2026';
const WEEK: InstrumentBody['openingHours'] = [...Array(5).fill({ open: 510, close: 1050 }), { open: 540, close: 720 }, null];

const base = {
  services: [] as InstrumentBody['services'],
  openingHours: WEEK,
  minMinutes: 30,
  maxMinutes: 480,
  cancelCutoffHours: 24,
  cancelFeeFen: 10_000,
  noShowFeeFen: 10_000,
  maxFutureBookings: 3,
};

export const DEMO_LABS: { username: string; owner: string; name: string; region: string; serial: string; instruments: InstrumentBody[] }[] = [
  {
    username: 'lab.nanning',
    owner: '韦实验',
    name: '南宁市科技创新公共实验室',
    region: '450103',
    serial: '5LB0201',
    instruments: [
      {
        ...base,
        name: '场发射扫描电子显微镜',
        model: 'SU8010',
        maker: '日立高新技术',
        category: 'analytical',
        location: '南宁市青秀区科园大道公共实验楼 2 层 203 室',
        regionCode: '450103',
        originalValueFen: 380_000_000,
        specifications: '二次电子分辨率 1.0 nm（15 kV）；放大倍数 20–800,000；配能谱仪（EDS）。',
        services: [{ name: '形貌观察', sampleRequirements: '固体样品，尺寸不超过 10 mm，干燥、无磁性', pricePerSampleFen: 30_000, internalPricePerSampleFen: 15_000 }],
        internalRateFen: 20_000,
        externalRateFen: 40_000,
        approvalRequired: true,
        operation: 'self',
        qualification: '持本实验室扫描电镜上机培训合格证，或同类设备一年以上操作经历。',
      },
      {
        ...base,
        name: '高效液相色谱仪',
        model: '1260 Infinity II',
        maker: '安捷伦科技',
        category: 'analytical',
        location: '南宁市青秀区科园大道公共实验楼 3 层 305 室',
        regionCode: '450103',
        originalValueFen: 60_000_000,
        specifications: '四元泵；二极管阵列检测器；自动进样器 120 位。',
        services: [{ name: '含量测定', sampleRequirements: '液体或可溶固体，每样不少于 5 mL，注明成分', pricePerSampleFen: 20_000, internalPricePerSampleFen: 10_000 }],
        internalRateFen: 8_000,
        externalRateFen: 15_000,
        approvalRequired: false,
        operation: 'staff',
        qualification: '',
      },
      {
        ...base,
        name: '电子万能材料试验机',
        model: '5982',
        maker: '英斯特朗',
        category: 'physical',
        location: '南宁市青秀区科园大道公共实验楼 1 层 106 室',
        regionCode: '450103',
        originalValueFen: 120_000_000,
        specifications: '最大载荷 100 kN；拉伸、压缩、弯曲试验；高低温环境箱 −70–350 ℃。',
        internalRateFen: 10_000,
        externalRateFen: 18_000,
        approvalRequired: false,
        operation: 'staff',
        qualification: '',
      },
      {
        ...base,
        name: 'X射线衍射仪',
        model: 'D8 Advance',
        maker: '布鲁克',
        category: 'analytical',
        location: '南宁市青秀区科园大道公共实验楼 2 层 208 室',
        regionCode: '450103',
        originalValueFen: 150_000_000,
        specifications: 'Cu 靶；测角仪半径 250 mm；LynxEye 阵列探测器；物相定性与定量分析。',
        internalRateFen: 12_000,
        externalRateFen: 25_000,
        approvalRequired: false,
        operation: 'staff',
        qualification: '',
      },
    ],
  },
  {
    username: 'lab.yuxi',
    owner: '杨检测',
    name: '玉溪市检验检测公共实验室',
    region: '530402',
    serial: '6LB0202',
    instruments: [
      {
        ...base,
        name: '气相色谱-质谱联用仪',
        model: '8890-5977B',
        maker: '安捷伦科技',
        category: 'analytical',
        location: '玉溪市红塔区玉溪大道检验检测中心 4 层',
        regionCode: '530402',
        originalValueFen: 90_000_000,
        specifications: '电子轰击离子源；质量范围 1.6–1050 u；适用于食品、烟草、生物制品挥发性成分分析。',
        services: [{ name: '挥发性成分分析', sampleRequirements: '液体样品不少于 10 mL 或固体不少于 20 g，密封避光', pricePerSampleFen: 50_000, internalPricePerSampleFen: 25_000 }],
        internalRateFen: 15_000,
        externalRateFen: 30_000,
        approvalRequired: false,
        operation: 'staff',
        qualification: '',
      },
    ],
  },
];

const creditCode = (region: string, serial: string) => {
  const first17 = `91${region}MA${serial}`;
  const check = creditCodeCheckCharacter(first17);
  if (check === null) throw new Error(`demo credit code ${first17}: characters outside the code's alphabet`);
  return first17 + check;
};

/** Past uses of lab.nanning's instruments: instrument index, who (a demo account and its enterprise, or the lab itself), days ago, Shanghai start hour, hours. */
const PAST: { instrument: number; who: string; subject: string | null; daysAgo: number; hour: number; hours: number }[] = [
  { instrument: 0, who: 'ent.nanning', subject: '南宁青禾智能科技有限公司', daysAgo: 40, hour: 9, hours: 2 },
  { instrument: 0, who: 'lab.nanning', subject: null, daysAgo: 33, hour: 14, hours: 3 },
  { instrument: 1, who: 'ent.nanning', subject: '南宁青禾智能科技有限公司', daysAgo: 26, hour: 9, hours: 4 },
  { instrument: 2, who: 'ent.nanning', subject: '南宁青禾智能科技有限公司', daysAgo: 19, hour: 10, hours: 2 },
  { instrument: 3, who: 'lab.nanning', subject: null, daysAgo: 12, hour: 9, hours: 1 },
  { instrument: 1, who: 'ent.nanning', subject: '南宁青禾智能科技有限公司', daysAgo: 5, hour: 13, hours: 3 },
];

export async function seedInstrumentsDemo(deps: AppDeps): Promise<boolean> {
  const exists = await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'lab.nanning'`.execute(deps.db);
  if (exists.rows.length > 0) return false;
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = deps.clock.now();
  const made = new Map<string, { userId: string; organisationId: string; instruments: string[] }>();
  await deps.db.transaction().execute(async (trx) => {
    for (const lab of DEMO_LABS) {
      const userId = await createUser(trx, deps, ctx, { username: lab.username, displayName: lab.owner, password: DEMO_PASSWORD, passwordHash });
      const organisationId = await createOrganisation(trx, deps, ctx, { name: lab.name, kind: 'instrument_owner', regionCode: lab.region, creditCode: creditCode(lab.region, lab.serial) });
      await setMembership(trx, deps, ctx, organisationId, userId, ['owner']);
      const ids: string[] = [];
      for (const b of lab.instruments) {
        const label = INSTRUMENT_CATEGORY_LABELS[b.category];
        ids.push(
          await repo.insertInstrument(
            trx,
            {
              organisation_id: organisationId,
              name: b.name,
              model: b.model,
              maker: b.maker,
              category: b.category,
              location: b.location,
              region_code: b.regionCode,
              original_value_fen: b.originalValueFen,
              specifications: b.specifications,
              services: b.services,
              internal_rate_fen: b.internalRateFen,
              external_rate_fen: b.externalRateFen,
              opening_hours: b.openingHours,
              min_minutes: b.minMinutes,
              max_minutes: b.maxMinutes,
              cancel_cutoff_hours: b.cancelCutoffHours,
              cancel_fee_fen: b.cancelFeeFen,
              no_show_fee_fen: b.noShowFeeFen,
              max_future_bookings: b.maxFutureBookings,
              approval_required: b.approvalRequired,
              operation: b.operation,
              qualification: b.qualification,
            },
            indexLexemes(`${b.name} ${b.model} ${b.maker} ${label.zh} ${label.en} ${b.specifications} ${b.services.map((s) => s.name).join(' ')}`),
            new Date(now.getTime() - 120 * 86_400_000),
          ),
        );
      }
      made.set(lab.username, { userId, organisationId, instruments: ids });
    }
    // A closure ahead on the electron microscope (annual maintenance).
    const sem = made.get('lab.nanning')!.instruments[0]!;
    const day = (n: number) => new Date(now.getTime() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await repo.replaceClosures(trx, sem, [{ from: day(20), to: day(22), reason: '年度维护保养' }]);

    const lab = made.get('lab.nanning')!;
    const users = (await sql<{ id: string; username: string }>`SELECT id, username FROM identity_users WHERE username = ANY(${PAST.map((p) => p.who)}::text[])`.execute(trx)).rows;
    const subjects = (await sql<{ id: string; name: string }>`SELECT id, name FROM subjects WHERE kind = 'enterprise' AND name = ANY(${PAST.flatMap((p) => (p.subject ? [p.subject] : []))}::text[])`.execute(trx)).rows;
    for (const p of PAST) {
      const userId = users.find((u) => u.username === p.who)?.id;
      if (!userId) continue;
      const instrument = DEMO_LABS[0]!.instruments[p.instrument]!;
      const external = p.who !== 'lab.nanning';
      const rate = external ? instrument.externalRateFen : instrument.internalRateFen;
      const dayText = new Date(now.getTime() - p.daysAgo * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
      const start = new Date(`${dayText}T${String(p.hour).padStart(2, '0')}:00:00+08:00`);
      const end = new Date(start.getTime() + p.hours * 3_600_000);
      const id = randomUUID();
      await repo.insertBooking(
        trx,
        {
          id,
          instrument_id: lab.instruments[p.instrument]!,
          user_id: userId,
          subject_id: subjects.find((s) => s.name === p.subject)?.id ?? null,
          during: { start: start.toISOString(), end: end.toISOString() },
          status: 'confirmed',
          external,
          rate_fen: rate,
          estimate_fen: priceOf(rate, p.hours * 60),
          purpose: '样品测试',
          voucher_id: null,
          voucher_order_id: null,
        },
        new Date(start.getTime() - 5 * 86_400_000),
      );
      await repo.updateBooking(trx, id, { status: 'completed', at: end, actual_start: start, actual_end: end, bill_fen: priceOf(rate, p.hours * 60) });
    }

    // ent.yuxi's past booking of lab.yuxi's GC-MS, paid in part with its 创新券, use not yet
    // recorded. Written directly (booking by people refuses the past); the voucher's hold goes
    // through the seam in this transaction, as the service does at booking.
    const yuxi = made.get('lab.yuxi')!;
    const entYuxi = (
      await sql<{ user_id: string; subject_id: string; voucher_id: string }>`
        SELECT u.id AS user_id, s.id AS subject_id, v.id AS voucher_id
          FROM identity_users u, subjects s JOIN vouchers v ON v.subject_id = s.id AND v.status = 'active'
         WHERE u.username = 'ent.yuxi' AND s.kind = 'enterprise' AND s.name = '玉溪滇云生物科技有限公司'
         ORDER BY v.issued_on LIMIT 1`.execute(trx)
    ).rows[0];
    if (entYuxi) {
      const gcms = DEMO_LABS[1]!.instruments[0]!;
      // Two days ago, or three when that was a Sunday (the lab is closed on Sundays).
      let daysAgo = 2;
      if (new Date(now.getTime() - daysAgo * 86_400_000 + 8 * 3_600_000).getUTCDay() === 0) daysAgo = 3;
      const dayText = new Date(now.getTime() - daysAgo * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
      const start = new Date(`${dayText}T09:00:00+08:00`);
      const end = new Date(start.getTime() + 2 * 3_600_000);
      const estimate = priceOf(gcms.externalRateFen, 120);
      const id = randomUUID();
      const orderId = voucherOrderId(id);
      await repo.insertBooking(
        trx,
        {
          id,
          instrument_id: yuxi.instruments[0]!,
          user_id: entYuxi.user_id,
          subject_id: entYuxi.subject_id,
          during: { start: start.toISOString(), end: end.toISOString() },
          status: 'confirmed',
          external: true,
          rate_fen: gcms.externalRateFen,
          estimate_fen: estimate,
          purpose: '烟叶挥发性成分分析',
          voucher_id: entYuxi.voucher_id,
          voucher_order_id: orderId,
        },
        new Date(start.getTime() - 5 * 86_400_000),
      );
      // (The demo voucher is issued today: it is held as of today.)
      await deps.voucherPayments.hold(
        trx,
        { voucherId: entYuxi.voucher_id, holderSubjectId: entYuxi.subject_id, providerOrganisationId: yuxi.organisationId, category: 'testing', priceFen: estimate, orderId },
        deps.clock.today(),
      );
    }
  });
  return true;
}
