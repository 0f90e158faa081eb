import { idNumberBirthDate, isCalendarDate, maskIdNumber, type FieldError, type SubjectProfile } from '@seedbed/contract';
import { membershipsGranting, type Principal } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import type { EventBus } from '../../platform/events.js';
import './subjects.events.js';
import { decryptText, encryptText, keyedHash } from '../../platform/protect.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import { regionCovers } from '../policies/index.js';
import { knownRegions } from '../regions/index.js';
import { checkFactValue } from './fact-values.js';
import { classifySize, sizeClassLabel } from './size-class.js';
import { factType, isPersonalFact, variableFor, type SubjectVariable } from './subject-variables.js';
import * as repo from './subjects.repository.js';
import type { StoredValue } from './subjects.tables.js';

export interface SubjectDeps {
  db: Db;
  clock: Clock;
  dataKey: Buffer;
  events: EventBus;
}

type Value = string | number | boolean | null;

// ---------------------------------------------------------------- access

type SubjectRow = NonNullable<Awaited<ReturnType<typeof repo.findById>>>;

/** Each kind of profile, as an error message names it. */
const KIND_LABEL: Record<SubjectRow['kind'], { zh: string; en: string }> = {
  enterprise: { zh: '企业', en: 'an enterprise' },
  person: { zh: '个人', en: 'a person' },
  carrier: { zh: '载体', en: 'a carrier' },
  provider: { zh: '服务机构', en: 'a service provider' },
  institution: { zh: '院所', en: 'an institution' },
};

const isOwn = (principal: Principal, subject: SubjectRow): boolean =>
  subject.user_id === principal.userId || principal.memberships.some((m) => m.organisationId === subject.organisation_id);

async function loadForAccess(db: Db | Tx, principal: Principal, id: string, mode: 'read' | 'edit') {
  const subject = await repo.findById(db, id);
  if (!subject) throw notFound({ zh: '该主体档案', en: 'Subject profile' });
  const own = isOwn(principal, subject);
  if (mode === 'edit' && !own) throw forbidden('只有档案所属的企业或本人可以修改', 'Only the enterprise or person the profile belongs to may edit it');
  if (mode === 'read' && !own && !principal.permissions.has('subjects.read_any')) throw forbidden();
  return subject;
}

/** True when one of the principal's departments holding `permission` covers the subject's region (its own region or a district inside it). */
const coversSubject = (principal: Principal, permission: 'subjects.read_any' | 'subjects.verify', subject: SubjectRow): boolean =>
  subject.region_code !== null && membershipsGranting(principal, permission).some((m) => regionCovers(m.regionCode, subject.region_code!));

/**
 * Whether a reader sees a person's personal data (the registry's personal facts and the full name): the person,
 * and officials of a department whose region covers the person's region. Officials elsewhere
 * read the profile without them; a person without a region is covered by nobody.
 */
const seesPersonalData = (principal: Principal, subject: SubjectRow): boolean =>
  subject.kind !== 'person' || isOwn(principal, subject) || coversSubject(principal, 'subjects.read_any', subject);

/** A person's name as others may see it (the convention of published lists): the first character, then one * per character. */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/**
 * Verified facts are written only by an official of a department whose region covers the
 * subject's region; a subject with no region cannot be placed in anyone's region.
 */
function assertMayVerify(principal: Principal, subject: SubjectRow): void {
  if (coversSubject(principal, 'subjects.verify', subject)) return;
  throw new AppError(
    403,
    'REGION_NOT_COVERED',
    subject.region_code
      ? {
          zh: `只有所在地区（${subject.region_code}）在本部门管辖范围内的工作人员可以登记该主体的核验信息`,
          en: `Only officials of a department whose region covers the subject's region (${subject.region_code}) may record its verified facts`,
        }
      : {
          zh: '该主体档案未登记所在地区，无法确定由哪个部门核验，请先补充所在地区',
          en: 'The subject has no region on record, so no department covers it: its region must be recorded first',
        },
  );
}

// ---------------------------------------------------------------- creation (called by workflows)

export async function createEnterpriseSubject(
  trx: Tx,
  deps: SubjectDeps,
  ctx: AuditContext,
  input: { organisationId: string; name: string; creditCode: string; regionCode: string },
): Promise<string> {
  if (await repo.findByCreditCode(trx, input.creditCode)) {
    throw conflict('CREDIT_CODE_TAKEN', '该统一社会信用代码已登记', 'An enterprise with this credit code is already registered', [
      fieldError('enterprise.creditCode', 'unique', '该统一社会信用代码已登记', 'is already registered'),
    ]);
  }
  const id = await repo.insertSubject(trx, {
    kind: 'enterprise',
    name: input.name,
    region_code: input.regionCode,
    organisation_id: input.organisationId,
    credit_code: input.creditCode,
  });
  const now = deps.clock.now();
  const facts: [string, Value][] = [
    ['credit_code', input.creditCode],
    ['enterprise_name', input.name],
    ['region', input.regionCode],
  ];
  await repo.insertFacts(
    trx,
    facts.map(([variable, value]) => ({
      subject_id: id, variable, value, source: 'declared', verified: false, as_of: deps.clock.today(), recorded_at: now, recorded_by: ctx.actorUserId,
    })),
  );
  await record(trx, deps.clock, ctx, { action: 'subject.created', entityType: 'subject', entityId: id, data: { kind: 'enterprise', creditCode: input.creditCode } });
  return id;
}

export async function createPersonSubject(trx: Tx, deps: SubjectDeps, ctx: AuditContext, input: { userId: string; name: string }): Promise<string> {
  const id = await repo.insertSubject(trx, { kind: 'person', name: input.name, user_id: input.userId });
  await repo.insertFacts(trx, [
    { subject_id: id, variable: 'person_name', value: input.name, source: 'declared', verified: false, as_of: deps.clock.today(), recorded_at: deps.clock.now(), recorded_by: ctx.actorUserId },
  ]);
  await record(trx, deps.clock, ctx, { action: 'subject.created', entityType: 'subject', entityId: id, data: { kind: 'person' } });
  return id;
}

/**
 * A carrier's profile (载体), made when its operator registers it: named as the carrier, in its
 * district, held by the operator organisation (whose members read and act for it).
 */
export async function createCarrierSubject(
  trx: Tx,
  deps: SubjectDeps,
  ctx: AuditContext,
  input: { carrierId: string; organisationId: string; name: string; regionCode: string },
): Promise<string> {
  const id = await repo.insertSubject(trx, { kind: 'carrier', name: input.name, region_code: input.regionCode, organisation_id: input.organisationId, carrier_id: input.carrierId });
  await repo.insertFacts(trx, [
    { subject_id: id, variable: 'region', value: input.regionCode, source: 'declared', verified: false, as_of: deps.clock.today(), recorded_at: deps.clock.now(), recorded_by: ctx.actorUserId },
  ]);
  await record(trx, deps.clock, ctx, { action: 'subject.created', entityType: 'subject', entityId: id, data: { kind: 'carrier', carrierId: input.carrierId } });
  return id;
}

/** Which profile an organisation of each kind gets: service providers and instrument owners are 服务机构, financial institutions 金融机构 (院所). */
export const PROFILE_OF_ORGANISATION: Readonly<Record<string, 'provider' | 'institution'>> = {
  service_provider: 'provider',
  instrument_owner: 'provider',
  financial_institution: 'institution',
};

/** The profile of a provider or an institution, made with its organisation (registration). */
export async function createOrganisationSubject(
  trx: Tx,
  deps: SubjectDeps,
  ctx: AuditContext,
  input: { organisationId: string; organisationKind: string; name: string; regionCode: string },
): Promise<string | null> {
  const kind = PROFILE_OF_ORGANISATION[input.organisationKind];
  if (!kind) return null;
  const id = await repo.insertSubject(trx, { kind, name: input.name, region_code: input.regionCode, organisation_id: input.organisationId });
  await repo.insertFacts(trx, [
    { subject_id: id, variable: 'region', value: input.regionCode, source: 'declared', verified: false, as_of: deps.clock.today(), recorded_at: deps.clock.now(), recorded_by: ctx.actorUserId },
  ]);
  await record(trx, deps.clock, ctx, { action: 'subject.created', entityType: 'subject', entityId: id, data: { kind } });
  return id;
}

/** A carrier's profile, by the carrier (what the carriers module writes facts to and awards go to). */
export async function carrierSubjectId(db: Db | Tx, carrierId: string): Promise<string | null> {
  return (await repo.findByCarrier(db, carrierId))?.id ?? null;
}

/** A profile's name (for records that keep it, such as an award's subject name). */
export async function subjectName(db: Db | Tx, subjectId: string): Promise<string | null> {
  return (await repo.findById(db, subjectId))?.name ?? null;
}

/**
 * Who may hold the bank account an award to the subject is paid into: the subject itself, and for
 * a carrier (not a legal person) the organisation that runs it.
 */
export async function accountHolders(db: Db | Tx, subjectId: string): Promise<string[]> {
  const subject = await repo.findById(db, subjectId);
  if (!subject) return [];
  const operator = subject.kind === 'carrier' && subject.organisation_id ? await repo.organisationName(db, subject.organisation_id) : null;
  return operator ? [subject.name, operator] : [subject.name];
}

// ---------------------------------------------------------------- reading

function shownValue(deps: SubjectDeps, variable: SubjectVariable | undefined, stored: StoredValue): Value {
  if (stored !== null && typeof stored === 'object') {
    const plain = decryptText(deps.dataKey, stored.enc);
    return variable?.format === 'id_number' ? maskIdNumber(plain) : '***';
  }
  return stored;
}

/**
 * A profile as this reader may see it: a person's personal data only for the person and the
 * officials covering their region. `requirePersonalData` is for reads that make no sense
 * without it (what a person qualifies for is worked out from it): anyone else gets a 403.
 */
export async function getProfile(deps: SubjectDeps, principal: Principal, id: string, options: { requirePersonalData?: boolean } = {}): Promise<SubjectProfile> {
  const subject = await loadForAccess(deps.db, principal, id, 'read');
  const personal = seesPersonalData(principal, subject);
  if (!personal && options.requirePersonalData) {
    throw new AppError(403, 'PERSONAL_DATA_OUT_OF_REGION', {
      zh: '该个人不在本部门管辖地区内：其个人信息及据此得出的结果只对本人和所在地区的工作人员开放',
      en: "This person lives outside your department's region: their personal data, and what is worked out from it, are open only to them and to officials of their region",
    });
  }
  return profileOf(deps, subject, personal);
}

async function profileOf(deps: SubjectDeps, subject: SubjectRow, personal: boolean): Promise<SubjectProfile> {
  const rows = await repo.currentFacts(deps.db, subject.id);
  const facts: SubjectProfile['facts'] = {};
  for (const row of rows) {
    if (!personal && isPersonalFact(row.variable)) continue;
    const variable = variableFor(subject.kind, row.variable);
    facts[row.variable] = {
      value: shownValue(deps, variable, row.value),
      source: row.source,
      verified: row.verified,
      asOf: row.as_of,
      recordedAt: row.recorded_at.toISOString(),
      label: variable?.label ?? { zh: row.variable, en: row.variable },
      type: variable ? factType(variable) : 'string',
    };
  }
  const computed: SubjectProfile['computed'] = {};
  if (subject.kind === 'enterprise') {
    const plain = (name: string) => (facts[name]?.value ?? null) as never;
    const verdict = classifySize({ industry: plain('industry'), employees: plain('employees'), revenue: plain('revenue'), total_assets: plain('total_assets') });
    computed.sizeClass = {
      value: verdict.value,
      label: verdict.value ? sizeClassLabel(verdict.value) : { zh: '暂无法划型', en: 'Not yet classifiable' },
      reason: verdict.reason,
      rule: '工信部联企业〔2011〕300号',
    };
  }
  return { id: subject.id, kind: subject.kind, name: personal ? subject.name : maskPersonName(subject.name), regionCode: subject.region_code, facts, computed };
}

/**
 * The facts of a subject as rule inputs: plain values (identifiers decrypted, never shown),
 * with the computed size class added. What the finder evaluates.
 */
/** A subject's current facts as the rules read them, through `db` (the caller's transaction, if any). */
export async function factsForRules(deps: Pick<SubjectDeps, 'dataKey'>, db: Db | Tx, subjectId: string): Promise<Record<string, Value>> {
  const subject = await repo.findById(db, subjectId);
  if (!subject) throw notFound({ zh: '该主体档案', en: 'Subject profile' });
  const out: Record<string, Value> = {};
  for (const row of await repo.currentFacts(db, subjectId)) {
    out[row.variable] = row.value !== null && typeof row.value === 'object' ? decryptText(deps.dataKey, row.value.enc) : row.value;
  }
  if (subject.kind === 'enterprise') {
    out.size_class = classifySize({
      industry: out.industry as string | undefined,
      employees: out.employees as number | undefined,
      revenue: out.revenue as number | undefined,
      total_assets: out.total_assets as number | undefined,
    }).value;
  }
  return out;
}

export async function listMine(db: Db | Tx, principal: Principal) {
  const rows = await repo.listFor(db, principal.userId, principal.memberships.map((m) => m.organisationId));
  return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, regionCode: r.region_code }));
}

// ---------------------------------------------------------------- changing facts

interface FactChange {
  facts: Record<string, Value>;
  asOf?: string | undefined;
}

async function validateChange(deps: SubjectDeps, trx: Tx, kind: string, change: FactChange): Promise<Map<string, SubjectVariable>> {
  const errors: FieldError[] = [];
  const known = new Map<string, SubjectVariable>();
  const today = deps.clock.today();
  const regionKnown = await knownRegions(trx, Object.entries(change.facts).filter(([name]) => variableFor(kind, name)?.type === 'region').map(([, v]) => v));
  for (const [name, value] of Object.entries(change.facts)) {
    const variable = variableFor(kind, name);
    if (!variable) {
      const label = KIND_LABEL[kind as SubjectRow['kind']] ?? KIND_LABEL.enterprise;
      errors.push(fieldError(`facts.${name}`, 'known_variable', `不是${label.zh}档案的字段`, `is not a field of ${label.en} profile`));
      continue;
    }
    known.set(name, variable);
    const error = checkFactValue(`facts.${name}`, variable, value, { today, regionKnown });
    if (error) errors.push(error);
  }
  if (change.asOf !== undefined && (!isCalendarDate(change.asOf) || change.asOf > today)) {
    errors.push(fieldError('asOf', 'range:date', '截至日期应为不晚于今天的有效日期', 'must be a real date not after today'));
  }
  if (errors.length > 0) throw invalid(errors);
  return known;
}

async function applyFacts(
  trx: Tx,
  deps: SubjectDeps,
  ctx: AuditContext,
  subject: SubjectRow,
  change: FactChange,
  source: { source: string; verified: boolean },
): Promise<void> {
  const names = Object.keys(change.facts);
  const current = await repo.lockCurrentFacts(trx, subject.id, names);
  if (!source.verified) {
    const locked = current.filter((f) => f.verified).map((f) => f.variable);
    if (locked.length > 0) {
      throw conflict(
        'FACT_VERIFIED',
        `以下信息已由登记机关核验，不能自行修改：${locked.join('、')}`,
        `These facts were verified by a registry and cannot be changed by the subject: ${locked.join(', ')}`,
        locked.map((name) => fieldError(`facts.${name}`, 'verified', '已核验，不能修改', 'verified: read-only')),
      );
    }
  }
  const now = deps.clock.now();
  const patch: { name?: string; region_code?: string | null; credit_code?: string; id_number_hash?: string | null } = {};
  const rows: Parameters<typeof repo.insertFacts>[1] = [];
  const derived: Record<string, Value> = {};
  for (const [name, value] of Object.entries(change.facts)) {
    let stored: StoredValue = value;
    if (name === 'credit_code' && typeof value === 'string' && value !== subject.credit_code) {
      const other = await repo.findByCreditCode(trx, value);
      if (other && other.id !== subject.id) throw conflict('CREDIT_CODE_TAKEN', '该统一社会信用代码已登记', 'An enterprise with this credit code is already registered', [fieldError('facts.credit_code', 'unique', '已被其他企业使用', 'is used by another enterprise')]);
      patch.credit_code = value;
    }
    if (name === 'id_number') {
      if (typeof value === 'string') {
        const upper = value.toUpperCase();
        const hash = keyedHash(deps.dataKey, upper);
        const other = await repo.findByIdNumberHash(trx, hash);
        if (other && other.id !== subject.id) throw conflict('ID_NUMBER_TAKEN', '该身份证号码已被其他账户使用', 'This ID number belongs to another account', [fieldError('facts.id_number', 'unique', '已被其他账户使用', 'is used by another account')]);
        stored = { enc: encryptText(deps.dataKey, upper) };
        patch.id_number_hash = hash;
        if (!('birth_date' in change.facts)) derived.birth_date = idNumberBirthDate(upper);
      } else {
        patch.id_number_hash = null;
      }
    }
    if ((name === 'enterprise_name' || name === 'person_name') && typeof value === 'string') patch.name = value;
    if (name === 'region') patch.region_code = typeof value === 'string' ? value : null;
    if (value !== null) rows.push({ subject_id: subject.id, variable: name, value: stored, source: source.source, verified: source.verified, as_of: change.asOf ?? deps.clock.today(), recorded_at: now, recorded_by: ctx.actorUserId });
  }
  const derivedNames = Object.keys(derived);
  const supersededDerived = derivedNames.length ? await repo.lockCurrentFacts(trx, subject.id, derivedNames) : [];
  for (const [name, value] of Object.entries(derived)) {
    rows.push({ subject_id: subject.id, variable: name, value, source: source.source, verified: source.verified, as_of: change.asOf ?? deps.clock.today(), recorded_at: now, recorded_by: ctx.actorUserId });
  }
  await repo.supersede(trx, [...current, ...supersededDerived.filter((f) => !f.verified)].map((f) => f.id), now);
  await repo.insertFacts(trx, rows);
  await repo.updateSubject(trx, subject.id, { ...patch, updated_at: now });
  // Personal data never enters the audit log in clear (its readers include every city's
  // programme office): ID numbers are masked, other personal facts kept as a keyed digest.
  const logged = Object.fromEntries(Object.entries(change.facts).map(([k, v]) => [k, auditedValue(deps.dataKey, k, v)]));
  await record(trx, deps.clock, ctx, {
    action: source.verified ? 'subject.facts_verified' : 'subject.facts_declared',
    entityType: 'subject',
    entityId: subject.id,
    data: { facts: logged, asOf: change.asOf ?? null, source: source.source },
  });
  await deps.events.emit(trx, 'subject.facts_changed', {
    subjectId: subject.id,
    kind: subject.kind,
    variables: [...Object.keys(change.facts), ...derivedNames],
  });
}

/**
 * A fact's value as the audit log keeps it. A personal fact (name, birth date, gender,
 * disability) is a keyed digest: whoever holds the data key can confirm what was recorded, and
 * nobody reading the log learns it. ID numbers are masked as everywhere else.
 */
function auditedValue(dataKey: Buffer, name: string, value: Value): unknown {
  if (value === null) return null;
  if (name === 'id_number') return maskIdNumber(String(value));
  if (isPersonalFact(name)) return { digest: keyedHash(dataKey, `${name}\u0000${JSON.stringify(value)}`).slice(0, 32) };
  return value;
}

export async function declareFacts(deps: SubjectDeps, principal: Principal, ctx: AuditContext, id: string, change: FactChange): Promise<SubjectProfile> {
  await deps.db.transaction().execute(async (trx) => {
    const subject = await loadForAccess(trx, principal, id, 'edit');
    await validateChange(deps, trx, subject.kind, change);
    await applyFacts(trx, deps, ctx, subject, change, { source: 'declared', verified: false });
  });
  return getProfile(deps, principal, id);
}

/** An officer records facts confirmed by a named registry; the subject can no longer edit them. */
export async function verifyFacts(
  deps: SubjectDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
  change: FactChange & { registry: string },
): Promise<SubjectProfile> {
  if (!principal.permissions.has('subjects.verify')) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    // Locked: a region changed meanwhile cannot slip the subject out of the check.
    const subject = await repo.lockById(trx, id);
    if (!subject) throw notFound({ zh: '该主体档案', en: 'Subject profile' });
    assertMayVerify(principal, subject);
    await validateChange(deps, trx, subject.kind, change);
    await applyFacts(trx, deps, ctx, subject, change, { source: `registry:${change.registry}`, verified: true });
  });
  return getProfile(deps, principal, id);
}


/**
 * Records facts for a subject outside a user's request (demo data, registry imports), inside
 * the caller's transaction, with the same validation and history as any other change.
 */
export async function recordFacts(
  trx: Tx,
  deps: SubjectDeps,
  ctx: AuditContext,
  subjectId: string,
  change: FactChange,
  source: { source: string; verified: boolean } = { source: 'declared', verified: false },
): Promise<void> {
  const subject = await repo.findById(trx, subjectId);
  if (!subject) throw notFound({ zh: '该主体档案', en: 'Subject profile' });
  await validateChange(deps, trx, subject.kind, change);
  await applyFacts(trx, deps, ctx, subject, change, source);
}
