/**
 * Carriers' use cases: the public registry and search, a carrier's page, an operator registering
 * its carrier and recording tenants entering, leaving and graduating, and officials recording
 * recognitions. Tenancies and recognitions become verified facts on the tenant's profile, and
 * recognitions on the carrier's own profile (source `registry:carriers`), through the subjects
 * module, in the same transaction.
 */
import {
  CARRIER_KIND_LABELS,
  RECOGNITION_LEVELS,
  creditCodeProblem,
  isCalendarDate,
  type CarrierBody,
  type CarrierPage,
  type CarrierQuery,
  type CarrierSummary,
  type FieldError,
  type Recognition,
  type RecognitionBody,
  type RecognitionLevel,
  type Tenancy,
  type TenancyBody,
  type TenancyExitBody,
} from '@seedbed/contract';
import { inRegionSubtree } from '@seedbed/rules/regions';
import { mayAccess, requireAccess, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { indexLexemes, regionPrefix, searchQuery } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { creditCodeError, recordFacts } from '../subjects/index.js';
import * as repo from './carriers.repository.js';
import { reevaluateTenancy } from './carriers.outcomes.js';
import { createProfileOf, refreshRecognitionFacts } from './carriers.profile.js';

export type CarriersDeps = Pick<AppDeps, 'db' | 'clock' | 'dataKey' | 'events' | 'benefitHistory' | 'modules'>;

const SOURCE = { source: 'registry:carriers', verified: true };
const CARRIER = { zh: '该双创载体', en: 'Carrier' };
const RANK: Record<RecognitionLevel, number> = { national: 4, provincial: 3, city: 2, district: 1 };
/** The region level (1 province, 2 city, 3 district) that grants each level; national has no region. */
const LEVEL_OF_REGION: Record<number, RecognitionLevel> = { 1: 'provincial', 2: 'city', 3: 'district' };

// ---------------------------------------------------------------- who acts

const operatorMemberships = (principal: Principal) => principal.memberships.filter((m) => m.organisationKind === 'carrier_operator');

function requireOperator(principal: Principal, organisationId: string): void {
  if (!operatorMemberships(principal).some((m) => m.organisationId === organisationId))
    throw forbidden('只有该载体的运营机构人员可以办理此事项', "Only the carrier's operator may do this");
}

export const mayRecognise = (principal: Principal | undefined, regionCode: string) => principal !== undefined && mayAccess(principal, 'carriers.recognise', { regionCode });

// ---------------------------------------------------------------- registry (public)

function summaries(rows: repo.CarrierRow[], recognitions: repo.RecognitionRow[], today: string): CarrierSummary[] {
  return rows.map((r) => {
    const current = recognitions.filter((x) => x.carrier_id === r.id && isCurrent(x, today));
    const level = current.reduce<RecognitionLevel | null>((best, x) => (best === null || RANK[x.level] > RANK[best] ? x.level : best), null);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      operatorName: r.operator_name,
      address: r.address,
      regionCode: r.region_code,
      regionName: regionDisplayName(r.region_code) ?? r.region_code,
      areaTotalM2: r.area_total_m2,
      areaTenantM2: r.area_tenant_m2,
      areaPublicM2: r.area_public_m2,
      services: r.services,
      level,
      tenants: r.tenants,
      graduates: r.graduates,
    };
  });
}

const isCurrent = (x: repo.RecognitionRow, today: string) => x.recognised_on <= today && (x.valid_until === null || x.valid_until >= today);

/** The registry, by district then name; searched in Chinese words and pinyin. */
export async function searchCarriers(deps: CarriersDeps, q: CarrierQuery): Promise<CarrierSummary[]> {
  const today = deps.clock.today();
  const rows = await repo.searchCarriers(deps.db, { tsquery: q.q ? searchQuery(q.q) : null, regionPrefix: q.region ? regionPrefix(q.region) : null, kind: q.kind ?? null, today });
  return summaries(rows, await repo.recognitionsOf(deps.db, rows.map((r) => r.id)), today);
}

export async function carrierPage(deps: CarriersDeps, principal: Principal | undefined, id: string): Promise<CarrierPage> {
  const today = deps.clock.today();
  const [row] = await repo.searchCarriers(deps.db, { ids: [id], today });
  if (!row) throw notFound(CARRIER);
  const recognitions = await repo.recognitionsOf(deps.db, [id]);
  const [summary] = summaries([row], recognitions, today);
  return {
    ...summary!,
    recognitions: recognitions.map((x): Recognition => ({ id: x.id, level: x.level, issuer: x.issuer, recognisedOn: x.recognised_on, validUntil: x.valid_until, current: isCurrent(x, today) })),
    mayManage: principal !== undefined && operatorMemberships(principal).some((m) => m.organisationId === row.organisation_id),
    mayRecognise: mayRecognise(principal, row.region_code),
  };
}

/** The carriers the principal's operator organisations run. */
export async function myCarriers(deps: CarriersDeps, principal: Principal): Promise<CarrierSummary[]> {
  const mine = new Set(operatorMemberships(principal).map((m) => m.organisationId));
  if (mine.size === 0) return [];
  const today = deps.clock.today();
  const rows = (await repo.searchCarriers(deps.db, { today })).filter((r) => mine.has(r.organisation_id));
  return summaries(rows, await repo.recognitionsOf(deps.db, rows.map((r) => r.id)), today);
}

// ---------------------------------------------------------------- registering a carrier (its operator)

export async function createCarrier(deps: CarriersDeps, principal: Principal, ctx: AuditContext, body: CarrierBody): Promise<CarrierPage> {
  const operator = operatorMemberships(principal)[0];
  if (!operator) throw forbidden('只有双创载体运营机构可以登记载体', 'Only a carrier operator may register a carrier');
  const name = body.name.trim();
  const errors: FieldError[] = [];
  if (name.length < 2) errors.push(fieldError('name', 'required', '应填写载体名称', 'must name the carrier'));
  if (body.address.trim().length < 2) errors.push(fieldError('address', 'required', '应填写地址', 'must give the address'));
  if (body.areaTenantM2 + body.areaPublicM2 > body.areaTotalM2)
    errors.push(fieldError('areaTenantM2', 'within_total', '在孵企业用房面积与公共服务面积之和不能超过总面积', 'the area for tenants plus the public service area must not exceed the total area'));
  const regionLevel = await repo.regionLevel(deps.db, body.regionCode);
  if (regionLevel === undefined) errors.push(fieldError('regionCode', 'known_region', '不是有效的行政区划', 'is not a current region'));
  else if (regionLevel !== 3) errors.push(fieldError('regionCode', 'district', '应选择载体所在的区县', 'must be the district the carrier is in'));
  if (errors.length > 0) throw invalid(errors);
  const id = await deps.db.transaction().execute(async (trx) => {
    if (await repo.carrierNamed(trx, body.regionCode, name))
      throw conflict('CARRIER_NAME_TAKEN', '本区县已有同名载体', 'A carrier of this name is already registered in the district', [fieldError('name', 'unique', '本区县已有同名载体', 'is already registered in this district')]);
    const label = CARRIER_KIND_LABELS[body.kind];
    const id = await repo.insertCarrier(
      trx,
      {
        organisation_id: operator.organisationId,
        name,
        kind: body.kind,
        address: body.address.trim(),
        region_code: body.regionCode,
        area_total_m2: body.areaTotalM2,
        area_tenant_m2: body.areaTenantM2,
        area_public_m2: body.areaPublicM2,
        services: body.services.trim(),
        created_by: principal.userId,
        created_at: deps.clock.now(),
      },
      indexLexemes(`${name} ${label.zh} ${label.en} ${operator.organisationName} ${body.address} ${regionDisplayName(body.regionCode) ?? ''} ${body.services}`),
    );
    await record(trx, deps.clock, ctx, { action: 'carrier.registered', entityType: 'carrier', entityId: id, data: { name, kind: body.kind, regionCode: body.regionCode } });
    // Its own profile (载体档案), held by the operator: what the carrier items are evaluated against.
    await createProfileOf(trx, deps, ctx, { id, organisationId: operator.organisationId, name, regionCode: body.regionCode, kind: body.kind });
    return id;
  });
  return carrierPage(deps, principal, id);
}

// ---------------------------------------------------------------- recognitions (officials covering the region)

export async function addRecognition(deps: CarriersDeps, principal: Principal, ctx: AuditContext, carrierId: string, body: RecognitionBody): Promise<CarrierPage> {
  const carrier = await repo.carrierById(deps.db, carrierId);
  if (!carrier) throw notFound(CARRIER);
  requireAccess(
    { principal, permission: 'carriers.recognise', regionCode: carrier.region_code },
    { zh: '只有主管该载体所在地区的部门可以登记认定', en: "Only a department covering the carrier's region may record its recognitions" },
  );
  const today = deps.clock.today();
  const errors: FieldError[] = [];
  if (!RECOGNITION_LEVELS.includes(body.level)) errors.push(fieldError('level', 'enum', '认定级别无效', 'is not a recognition level'));
  if (body.level === 'national') {
    if (body.issuerRegionCode !== null) errors.push(fieldError('issuerRegionCode', 'national_issuer', '国家级认定由国家部门作出，不应选择地区', 'a national recognition comes from a national authority, which has no region'));
  } else if (body.issuerRegionCode === null) {
    errors.push(fieldError('issuerRegionCode', 'required', '应选择认定部门所在地区', "must give the issuing authority's region"));
  } else {
    const level = await repo.regionLevel(deps.db, body.issuerRegionCode);
    if (level === undefined) errors.push(fieldError('issuerRegionCode', 'known_region', '不是有效的行政区划', 'is not a current region'));
    else if (LEVEL_OF_REGION[level] !== body.level) {
      const granted = LEVEL_OF_REGION[level]!;
      errors.push(
        fieldError(
          'level',
          'issuer_grants_level',
          `认定级别应与认定部门的层级一致：${levelZh(granted)}部门只能作出${levelZh(granted)}认定`,
          `the level must be the issuing authority's own: a ${granted} authority grants ${granted} recognition only`,
        ),
      );
    } else if (!inRegionSubtree(carrier.region_code, body.issuerRegionCode))
      errors.push(fieldError('issuerRegionCode', 'covers_carrier', '认定部门的辖区应包含载体所在地', "the issuing authority's region must contain the carrier"));
  }
  if (body.recognisedOn > today) errors.push(fieldError('recognisedOn', 'not_future', '认定日期不能晚于今天', 'must not lie after today'));
  if (!isCalendarDate(body.recognisedOn)) errors.push(fieldError('recognisedOn', 'format:date', '应为有效日期', 'must be a real date'));
  if (body.validUntil !== null && body.validUntil < body.recognisedOn) errors.push(fieldError('validUntil', 'after_recognised', '有效期至不能早于认定日期', 'must not lie before the recognition date'));
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCarrier(trx, carrierId);
    const existing = await repo.recognitionsOf(trx, [carrierId]);
    if (existing.some((x) => x.level === body.level && x.recognised_on === body.recognisedOn))
      throw conflict('RECOGNITION_EXISTS', '该载体同一天同级别的认定已登记', 'This recognition is already recorded', [fieldError('recognisedOn', 'unique', '同一级别同一天的认定已登记', 'a recognition of this level on this date is already recorded')]);
    const id = await repo.insertRecognition(trx, {
      carrier_id: carrierId,
      level: body.level,
      issuer: body.issuer.trim(),
      issuer_region_code: body.issuerRegionCode,
      recognised_on: body.recognisedOn,
      valid_until: body.validUntil,
      recorded_by: principal.userId,
      recorded_at: deps.clock.now(),
    });
    // The carrier's own profile now holds the recognition (verified), and its current tenants stay in a recognised base.
    await refreshRecognitionFacts(trx, deps, ctx, carrierId);
    for (const subjectId of await repo.currentTenants(trx, carrierId, today)) await refreshTenantFacts(trx, deps, ctx, subjectId);
    await record(trx, deps.clock, ctx, { action: 'carrier.recognised', entityType: 'carrier', entityId: carrierId, data: { recognitionId: id, level: body.level, issuer: body.issuer.trim(), recognisedOn: body.recognisedOn, validUntil: body.validUntil } });
  });
  return carrierPage(deps, principal, carrierId);
}

const levelZh = (l: RecognitionLevel) => ({ national: '国家级', provincial: '省级', city: '市级', district: '区县级' })[l];

// ---------------------------------------------------------------- tenancy (the operator)

/**
 * Writes the tenant's verified facts from its stays today: in a recognised base or not, since when
 * (its earliest current stay, in a recognised base first), and when it last graduated from a
 * carrier. Months in the base follow from `entered_base_on` and the day (the rules' months_between),
 * so they are not stored to go stale.
 */
async function refreshTenantFacts(trx: Tx, deps: CarriersDeps, ctx: AuditContext, subjectId: string): Promise<void> {
  const stays = await repo.staysOn(trx, subjectId, deps.clock.today());
  const recognised = stays.filter((s) => s.recognised);
  const since = (recognised.length > 0 ? recognised : stays)[0]?.entered_on ?? null;
  const graduated = await repo.lastGraduation(trx, subjectId);
  await recordFacts(trx, deps, ctx, subjectId, { facts: { is_incubated_in_base: recognised.length > 0, entered_base_on: since, graduated_from_base_on: graduated } }, SOURCE);
}

async function carrierForOperator(db: Db | Tx, principal: Principal, carrierId: string) {
  const carrier = await repo.carrierById(db, carrierId);
  if (!carrier) throw notFound(CARRIER);
  requireOperator(principal, carrier.organisation_id);
  return carrier;
}

const tenancyOut = (r: repo.TenancyRow): Tenancy => ({
  id: r.id,
  tenantName: r.tenant_name,
  lease: r.lease,
  areaM2: r.area_m2,
  enteredOn: r.entered_on,
  leftOn: r.left_on,
  exit: r.exit,
  graduationReason: r.graduation_reason,
  recordedAt: instantOut(r.created_at),
});

/** The carrier's tenants: for its operator, and officials covering its region. */
export async function listTenancies(deps: CarriersDeps, principal: Principal, carrierId: string): Promise<Tenancy[]> {
  const carrier = await repo.carrierById(deps.db, carrierId);
  if (!carrier) throw notFound(CARRIER);
  const operator = operatorMemberships(principal).some((m) => m.organisationId === carrier.organisation_id);
  if (!operator && !mayRecognise(principal, carrier.region_code)) throw forbidden('只有载体运营机构和主管部门可以查看在孵企业', "Only the carrier's operator and the departments covering it may see its tenants");
  return (await repo.tenanciesOf(deps.db, carrierId)).map(tenancyOut);
}

const overlapError = () =>
  conflict('TENANCY_OVERLAPS', '该企业在本载体的入驻期间与已登记的期间重叠', "The firm's stay in this carrier overlaps one already recorded", [
    fieldError('enteredOn', 'no_overlap', '同一企业在同一载体的入驻期间不能重叠', "one firm's stays in one carrier must not overlap"),
  ]);

export async function enterTenancy(deps: CarriersDeps, principal: Principal, ctx: AuditContext, carrierId: string, body: TenancyBody): Promise<Tenancy[]> {
  await carrierForOperator(deps.db, principal, carrierId);
  const today = deps.clock.today();
  const leftOn = body.leftOn ?? null;
  const errors: FieldError[] = [];
  const code = body.creditCode.trim().toUpperCase();
  const problem = creditCodeProblem(code);
  if (problem) errors.push(creditCodeError('creditCode', problem));
  if (!isCalendarDate(body.enteredOn)) errors.push(fieldError('enteredOn', 'format:date', '应为有效日期', 'must be a real date'));
  else if (body.enteredOn > today) errors.push(fieldError('enteredOn', 'not_future', '入驻日期不能晚于今天', 'must not lie after today'));
  if (leftOn !== null && leftOn <= body.enteredOn) errors.push(fieldError('leftOn', 'after_entered', '离开日期应晚于入驻日期', 'must lie after the date of entering'));
  if (leftOn !== null && leftOn > today) errors.push(fieldError('leftOn', 'not_future', '离开日期不能晚于今天', 'must not lie after today'));
  if (errors.length > 0) throw invalid(errors);
  const subject = await repo.enterpriseByCreditCode(deps.db, code);
  if (!subject) throw invalid([fieldError('creditCode', 'registered', '该统一社会信用代码尚无企业档案，请企业先在平台注册', 'no enterprise profile has this credit code: the firm registers on the platform first')]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCarrier(trx, carrierId);
    if (await repo.overlapping(trx, carrierId, subject.id, body.enteredOn, leftOn)) throw overlapError();
    const id = await repo.insertTenancy(trx, {
      carrier_id: carrierId,
      subject_id: subject.id,
      lease: body.lease.trim(),
      area_m2: body.areaM2,
      entered_on: body.enteredOn,
      left_on: leftOn,
      exit: leftOn === null ? null : 'left',
      graduation_reason: null,
      recorded_by: principal.userId,
      created_at: deps.clock.now(),
    });
    await refreshTenantFacts(trx, deps, ctx, subject.id);
    await record(trx, deps.clock, ctx, { action: 'carrier.tenant_entered', entityType: 'carrier', entityId: carrierId, data: { tenancyId: id, subjectId: subject.id, enteredOn: body.enteredOn, leftOn, areaM2: body.areaM2 } });
  });
  return listTenancies(deps, principal, carrierId);
}

export async function exitTenancy(deps: CarriersDeps, principal: Principal, ctx: AuditContext, carrierId: string, tenancyId: string, body: TenancyExitBody): Promise<Tenancy[]> {
  await carrierForOperator(deps.db, principal, carrierId);
  const today = deps.clock.today();
  const errors: FieldError[] = [];
  if (body.leftOn > today) errors.push(fieldError('leftOn', 'not_future', '离开日期不能晚于今天', 'must not lie after today'));
  if (body.exit === 'graduated' && body.graduationReason === null) errors.push(fieldError('graduationReason', 'required', '毕业应注明原因', 'a graduation must give its reason'));
  if (body.exit === 'left' && body.graduationReason !== null) errors.push(fieldError('graduationReason', 'graduates_only', '只有毕业才填写毕业原因', 'only a graduation has a reason'));
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCarrier(trx, carrierId);
    const tenancy = await repo.tenancyById(trx, carrierId, tenancyId);
    if (!tenancy) throw notFound({ zh: '该入驻记录', en: 'Tenancy' });
    if (tenancy.left_on !== null) throw conflict('TENANCY_CLOSED', '该企业已离开本载体', 'The firm has already left', [fieldError('leftOn', 'open_tenancy', '该入驻记录已结束', 'the stay has already ended')]);
    if (body.leftOn <= tenancy.entered_on) throw invalid([fieldError('leftOn', 'after_entered', '离开日期应晚于入驻日期', 'must lie after the date of entering')]);
    await repo.closeTenancy(trx, tenancyId, body.leftOn, body.exit, body.graduationReason);
    await refreshTenantFacts(trx, deps, ctx, tenancy.subject_id);
    // A graduation makes the firm "successfully incubated": outcomes recorded while it stayed may now earn their reward.
    await reevaluateTenancy(trx, deps, ctx, tenancyId);
    await record(trx, deps.clock, ctx, { action: body.exit === 'graduated' ? 'carrier.tenant_graduated' : 'carrier.tenant_left', entityType: 'carrier', entityId: carrierId, data: { tenancyId, subjectId: tenancy.subject_id, leftOn: body.leftOn, reason: body.graduationReason } });
  });
  return listTenancies(deps, principal, carrierId);
}
