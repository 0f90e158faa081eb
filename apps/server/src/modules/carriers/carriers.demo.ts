/**
 * Demo data of the carriers (never in production): carrier.yingtan runs a 众创空间 in Yingtan
 * recognised by the province, with ent.yingtan as a tenant; carrier.nanning runs a 创业孵化基地
 * (an incubator) in Nanning recognised by the city, with ent.nanning as a tenant. The tenants'
 * profiles then hold the verified facts. Operators are not officials: no second factor.
 */
import { sql } from 'kysely';
import { CARRIER_KIND_LABELS, creditCodeCheckCharacter, type CarrierKind, type RecognitionLevel } from '@seedbed/contract';
import { addDays } from '../../platform/clock.js';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import { indexLexemes } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { recordFacts } from '../subjects/index.js';
import { createProfileOf, refreshRecognitionFacts } from './carriers.profile.js';
import * as repo from './carriers.repository.js';

const DEMO_PASSWORD = 'Seedbed-demo-2026';

interface DemoCarrier {
  username: string;
  owner: string;
  operator: string;
  serial: string;
  name: string;
  kind: CarrierKind;
  region: string;
  address: string;
  areas: [number, number, number];
  services: string;
  recognition: { level: RecognitionLevel; issuer: string; issuerRegion: string; daysAgo: number; years: number };
  tenant: { enterprise: string; lease: string; area: number; daysAgo: number };
}

export const DEMO_CARRIERS: DemoCarrier[] = [
  {
    username: 'carrier.yingtan',
    owner: '徐创新',
    operator: '鹰潭信江众创空间运营管理有限公司',
    serial: '3CA0201',
    name: '鹰潭信江众创空间',
    kind: 'maker_space',
    region: '360602',
    address: '鹰潭市月湖区站江路88号创业大厦3—5层',
    areas: [3200, 2100, 600],
    services: '开放式工位、创业辅导、投融资对接、知识产权代办、路演活动',
    recognition: { level: 'provincial', issuer: '江西省科学技术厅', issuerRegion: '360000', daysAgo: 400, years: 3 },
    tenant: { enterprise: '鹰潭铜创电子商务有限公司', lease: '租赁合同 XJ-2026-017', area: 120, daysAgo: 200 },
  },
  {
    username: 'carrier.nanning',
    owner: '黄育成',
    operator: '南宁青秀创业孵化基地管理有限公司',
    serial: '5CA0202',
    name: '南宁青秀创业孵化基地',
    kind: 'incubator',
    region: '450103',
    address: '南宁市青秀区民族大道136号孵化楼A座',
    areas: [8000, 5600, 1200],
    services: '办公场地、政策申报辅导、人力资源招聘、财税代理、宽带网络',
    recognition: { level: 'city', issuer: '南宁市人力资源和社会保障局', issuerRegion: '450100', daysAgo: 500, years: 5 },
    tenant: { enterprise: '南宁青禾智能科技有限公司', lease: '入驻协议 QX-2026-042', area: 260, daysAgo: 150 },
  },
];

const creditCode = (region: string, serial: string) => {
  const first17 = `91${region}MA${serial}`;
  const check = creditCodeCheckCharacter(first17);
  if (check === null) throw new Error(`demo credit code ${first17}: characters outside the code's alphabet`);
  return first17 + check;
};

export async function seedCarriersDemo(deps: AppDeps): Promise<boolean> {
  const exists = await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'carrier.yingtan'`.execute(deps.db);
  if (exists.rows.length > 0) return false;
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = deps.clock.today();
  const now = deps.clock.now();
  const office = (await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'office.nanning'`.execute(deps.db)).rows[0];
  await deps.db.transaction().execute(async (trx) => {
    for (const c of DEMO_CARRIERS) {
      const uid = await createUser(trx, deps, ctx, { username: c.username, displayName: c.owner, password: DEMO_PASSWORD, passwordHash });
      const organisationId = await createOrganisation(trx, deps, ctx, { name: c.operator, kind: 'carrier_operator', regionCode: c.region, creditCode: creditCode(c.region, c.serial) });
      await setMembership(trx, deps, ctx, organisationId, uid, ['owner']);
      const label = CARRIER_KIND_LABELS[c.kind];
      const carrierId = await repo.insertCarrier(
        trx,
        {
          organisation_id: organisationId,
          name: c.name,
          kind: c.kind,
          address: c.address,
          region_code: c.region,
          area_total_m2: c.areas[0],
          area_tenant_m2: c.areas[1],
          area_public_m2: c.areas[2],
          services: c.services,
          created_by: uid,
          created_at: new Date(now.getTime() - (c.recognition.daysAgo + 30) * 86_400_000),
        },
        indexLexemes(`${c.name} ${label.zh} ${label.en} ${c.operator} ${c.address} ${regionDisplayName(c.region) ?? ''} ${c.services}`),
      );
      const recognisedOn = addDays(today, -c.recognition.daysAgo);
      await repo.insertRecognition(trx, {
        carrier_id: carrierId,
        level: c.recognition.level,
        issuer: c.recognition.issuer,
        issuer_region_code: c.recognition.issuerRegion,
        recognised_on: recognisedOn,
        valid_until: addDays(recognisedOn, 365 * c.recognition.years),
        recorded_by: office?.id ?? uid,
        recorded_at: new Date(now.getTime() - c.recognition.daysAgo * 86_400_000),
      });
      // The carrier's own profile (载体档案), with its kind as declared and its recognition verified.
      await createProfileOf(trx, deps, ctx, { id: carrierId, organisationId, name: c.name, regionCode: c.region, kind: c.kind });
      await refreshRecognitionFacts(trx, deps, ctx, carrierId);
      const subject = (await sql<{ id: string }>`SELECT id FROM subjects WHERE kind = 'enterprise' AND name = ${c.tenant.enterprise}`.execute(trx)).rows[0];
      if (!subject) continue;
      const enteredOn = addDays(today, -c.tenant.daysAgo);
      await repo.insertTenancy(trx, {
        carrier_id: carrierId,
        subject_id: subject.id,
        lease: c.tenant.lease,
        area_m2: c.tenant.area,
        entered_on: enteredOn,
        left_on: null,
        exit: null,
        graduation_reason: null,
        recorded_by: uid,
        created_at: new Date(now.getTime() - c.tenant.daysAgo * 86_400_000),
      });
      await recordFacts(trx, deps, ctx, subject.id, { facts: { is_incubated_in_base: true, entered_base_on: enteredOn } }, { source: 'registry:carriers', verified: true });
    }
  });
  return true;
}
