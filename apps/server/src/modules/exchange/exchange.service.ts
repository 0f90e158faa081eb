/**
 * Subjects with consent: an enterprise's member grants (and revokes) a named platform consent to
 * read its verified profile; the platform reads it by credit code (public data only without a live
 * consent), every read is recorded and shown to the enterprise; a district imports the verified
 * facts into its own profile of the firm, so the firm fills nothing twice.
 */
import type { DataSharing, ExchangedFact, ExchangedProfile, ImportSubjectResult } from '@seedbed/contract';
import { mayAccess, type Principal } from '../../platform/access.js';
import type { AppDeps } from '../../platform/http.js';
import { AppError, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { getProfile, recordFacts, variableFor } from '../subjects/index.js';
import { callUpstream, clientsWithScope, listUpstreams, UpstreamUnavailable, type ApiClient } from './exchange.interconnect.js';
import * as repo from './exchange.repository.js';

/** What a consent covers: the verified facts of the profile (its declared facts are never given). */
export const CONSENT_SCOPE = 'verified_profile';

const PROFILE = { zh: '该企业档案', en: 'Enterprise profile' };

/** The enterprise whose profile this is, for one of its members; anyone else: 403. */
async function ownEnterprise(deps: AppDeps, principal: Principal, subjectId: string) {
  const subject = await repo.enterpriseById(deps.db, subjectId);
  if (!subject || subject.kind !== 'enterprise') throw notFound(PROFILE);
  if (!subject.organisation_id || !principal.memberships.some((m) => m.organisationId === subject.organisation_id)) {
    throw forbidden('只有企业本身的成员可以管理数据共享授权', "Only the enterprise's own members may manage its data-sharing consent");
  }
  return subject;
}

type ConsentRow = Awaited<ReturnType<typeof repo.consentEvents>>[number];
const eventOut = (e: ConsentRow) => ({
  action: e.action,
  clientId: e.client_id,
  platformName: e.platform_name,
  organisationName: e.organisation_name,
  scope: e.scope,
  by: e.by_name,
  at: instantOut(e.at),
});

/** The enterprise's data sharing: the platforms it may grant, the consents in force, their history and who read the profile. */
export async function dataSharing(deps: AppDeps, principal: Principal, subjectId: string): Promise<DataSharing> {
  await ownEnterprise(deps, principal, subjectId);
  const [platforms, events, reads] = await Promise.all([clientsWithScope(deps.db, 'subjects:exchange'), repo.consentEvents(deps.db, subjectId), repo.reads(deps.db, subjectId, 200)]);
  const latest = new Map<string, ConsentRow>();
  for (const e of events) if (!latest.has(e.client_id)) latest.set(e.client_id, e);
  return {
    subjectId,
    platforms: platforms.map((p) => ({ clientId: p.clientId, name: p.name, organisationName: p.organisationName, regionCode: p.regionCode })),
    live: [...latest.values()].filter((e) => e.action === 'granted').map(eventOut),
    history: events.map(eventOut),
    reads: reads.map((r) => ({ platformName: r.platform_name, organisationName: r.organisation_name, withConsent: r.with_consent, at: instantOut(r.at) })),
  };
}

/** Grants (`granted`) or revokes (`revoked`) a platform's consent; doing what is already so changes nothing. */
export async function changeConsent(deps: AppDeps, principal: Principal, ctx: AuditContext, subjectId: string, clientId: string, action: 'granted' | 'revoked'): Promise<DataSharing> {
  await ownEnterprise(deps, principal, subjectId);
  const platform = (await clientsWithScope(deps.db, 'subjects:exchange')).find((p) => p.clientId === clientId);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockSubject(trx, subjectId);
    const latest = await repo.latestConsent(trx, subjectId, clientId);
    if ((latest?.action ?? 'revoked') === action) return;
    // A revoked platform may still be revoked from (its history names it); a grant needs a live one.
    if (!platform && action === 'granted') {
      throw invalid([fieldError('clientId', 'platform', '不是可授权的平台（须为已登记且可交换主体档案的平台）', 'is not a platform that may be granted consent (a registered client with scope subjects:exchange)')]);
    }
    await repo.insertConsentEvent(trx, {
      subject_id: subjectId,
      client_id: clientId,
      platform_name: platform?.name ?? latest!.platform_name,
      organisation_name: platform?.organisationName ?? latest!.organisation_name,
      action,
      scope: CONSENT_SCOPE,
      by_user_id: principal.userId,
      by_name: principal.displayName,
      at: deps.clock.now(),
    });
    await record(trx, deps.clock, ctx, {
      action: action === 'granted' ? 'exchange.consent_granted' : 'exchange.consent_revoked',
      entityType: 'subject',
      entityId: subjectId,
      data: { clientId, platform: platform?.name ?? latest!.platform_name, scope: CONSENT_SCOPE },
    });
  });
  return dataSharing(deps, principal, subjectId);
}

/** Reads a profile as the platform itself does (any profile, never for a person: exchange only serves enterprises). */
const exchangeReader: Principal = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'exchange',
  displayName: '互联互通 / Exchange',
  isPlatformAdmin: false,
  mfaEnabled: false,
  memberships: [],
  permissions: new Set(['subjects.read_any']),
  sessionTokenHash: '',
};

const isVerifiedSource = (source: string): boolean => source.startsWith('registry:') || source === 'verified';

/**
 * An enterprise's profile for a machine client: with a live consent for that client, its verified
 * facts (value, source, date); without, only public data and `consent: 'missing'`. Every read is
 * recorded (the enterprise sees it) and audited.
 */
export async function profileForClient(deps: AppDeps, client: ApiClient, ctx: AuditContext, creditCode: string): Promise<ExchangedProfile> {
  const subject = await repo.enterpriseByCreditCode(deps.db, creditCode);
  if (!subject) throw notFound({ zh: '该统一社会信用代码的企业档案', en: 'An enterprise profile with this credit code' });
  const consent = await repo.latestConsent(deps.db, subject.id, client.clientId);
  const granted = consent?.action === 'granted';
  const profile = await getProfile(deps, exchangeReader, subject.id);
  const verifiedFacts: ExchangedFact[] = granted
    ? Object.entries(profile.facts)
        .filter(([, f]) => f.verified && isVerifiedSource(f.source))
        .map(([variable, f]) => ({ variable, label: f.label, value: f.value, source: f.source, asOf: f.asOf }))
    : [];
  const listing = subject.organisation_id ? await repo.directoryListing(deps.db, subject.organisation_id) : null;
  const industry = profile.facts.industry?.value;
  const organisationName = (await clientsWithScope(deps.db, 'subjects:exchange')).find((c) => c.clientId === client.clientId)?.organisationName ?? '';
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertRead(trx, { subject_id: subject.id, client_id: client.clientId, platform_name: client.name, organisation_name: organisationName, with_consent: granted, at: deps.clock.now() });
    await record(trx, deps.clock, { ...ctx, actor: `client:${client.name}` }, {
      action: 'exchange.profile_read',
      entityType: 'subject',
      entityId: subject.id,
      data: { clientId: client.clientId, platform: client.name, creditCode, withConsent: granted },
    });
  });
  return {
    name: subject.name,
    creditCode,
    regionCode: subject.region_code,
    consent: granted ? 'granted' : 'missing',
    verifiedFacts,
    directory: listing ? { industry: typeof industry === 'string' ? industry : null, introduction: listing.introduction, products: listing.products } : null,
    platform: 'Seedbed',
  };
}

const upstreamUnavailable = (name: string) =>
  new AppError(502, 'UPSTREAM_UNAVAILABLE', { zh: `暂时无法连接上级平台（${name}），请稍后再试`, en: `The upstream platform (${name}) cannot be reached just now; please try again later` });

/** The upstream named in a request, or a 400 naming the field. */
export async function upstreamOf(deps: AppDeps, upstreamId: string) {
  const upstream = (await listUpstreams(deps.db)).find((u) => u.id === upstreamId);
  if (!upstream) throw invalid([fieldError('upstreamId', 'upstream', '不是本平台登记的上级平台', 'is not an upstream platform registered here')]);
  return upstream;
}

/** A name as a fact's source may hold it (lower-case letters, digits and underscores, from a letter). */
const slug = (text: string): string => {
  const s = text.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(s) ? s : `x_${s}`;
};

/**
 * The source of an imported fact: the registry that verified it, and the platform it came through
 * (by its host), e.g. `registry:market_regulation_via_nanning_seedbed_gov_cn`.
 */
export function importedSource(origin: string, baseUrl: string): string {
  const registry = origin.startsWith('registry:') ? origin.slice('registry:'.length) : origin;
  return `registry:${slug(registry)}_via_${new URL(baseUrl).host.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}`;
}

/**
 * Imports an enterprise's verified profile from an upstream platform into this platform's profile
 * of the same firm (by credit code): its member, or an officer who may verify facts in its region.
 * Each fact keeps its date; its source names the registry and the platform it came through.
 */
export async function importSubject(deps: AppDeps, principal: Principal, ctx: AuditContext, body: { upstreamId: string; creditCode: string }): Promise<ImportSubjectResult> {
  const subject = await repo.enterpriseByCreditCode(deps.db, body.creditCode);
  if (!subject) throw invalid([fieldError('creditCode', 'registered_here', '本平台尚无该统一社会信用代码的企业档案', 'no enterprise with this credit code is registered on this platform')]);
  const member = subject.organisation_id !== null && principal.memberships.some((m) => m.organisationId === subject.organisation_id);
  if (!member && !mayAccess(principal, 'subjects.verify', { regionCode: subject.region_code })) {
    throw forbidden('只有企业本身的成员或其所在地区负责核验的工作人员可以导入档案', "Only the enterprise's own members or officials who verify facts in its region may import its profile");
  }
  const upstream = await upstreamOf(deps, body.upstreamId);
  let answer: { status: number; json: unknown };
  try {
    answer = await callUpstream(deps, upstream.id, { method: 'GET', path: `/api/v1/exchange/subjects/${encodeURIComponent(body.creditCode)}` });
  } catch (error) {
    if (error instanceof UpstreamUnavailable) throw upstreamUnavailable(upstream.name);
    throw error;
  }
  if (answer.status === 404) throw notFound({ zh: `上级平台（${upstream.name}）上该企业的档案`, en: `The enterprise's profile on the upstream platform (${upstream.name})` });
  if (answer.status !== 200) {
    throw new AppError(502, 'UPSTREAM_REFUSED', { zh: `上级平台（${upstream.name}）拒绝了读取（${answer.status}）`, en: `The upstream platform (${upstream.name}) refused the read (${answer.status})` });
  }
  const profile = answer.json as ExchangedProfile;
  if (profile.consent !== 'granted') {
    throw new AppError(409, 'CONSENT_MISSING', {
      zh: `该企业尚未授权本平台读取其在${upstream.name}的核验档案：请企业在${upstream.name}的档案页“数据共享授权”中授权`,
      en: `The enterprise has not consented to this platform reading its verified profile on ${upstream.name}: it grants consent under "Data-sharing consent" on its profile there`,
    });
  }
  // Grouped by date and source: each group is one change with its own date and source.
  const groups = new Map<string, { asOf: string | undefined; source: string; facts: Record<string, string | number | boolean | null> }>();
  const today = deps.clock.today();
  for (const f of profile.verifiedFacts) {
    if (f.variable === 'credit_code' || f.value === null || !variableFor('enterprise', f.variable)) continue;
    const source = importedSource(f.source, upstream.baseUrl);
    const asOf = f.asOf && f.asOf <= today ? f.asOf : undefined;
    const key = `${asOf ?? ''}\u0000${source}`;
    const group = groups.get(key) ?? { asOf, source, facts: {} };
    group.facts[f.variable] = f.value;
    groups.set(key, group);
  }
  const imported = [...groups.values()].flatMap((g) => Object.keys(g.facts)).sort();
  await deps.db.transaction().execute(async (trx) => {
    for (const g of groups.values()) await recordFacts(trx, deps, ctx, subject.id, { facts: g.facts, asOf: g.asOf }, { source: g.source, verified: true });
    await record(trx, deps.clock, ctx, {
      action: 'exchange.subject_imported',
      entityType: 'subject',
      entityId: subject.id,
      data: { upstream: upstream.name, creditCode: body.creditCode, variables: imported },
    });
  });
  return { subjectId: subject.id, imported, source: upstream.name };
}
