/**
 * Indicator roll-up: districts report their indicators for a period to the city (signed: the
 * bearer token names the district, a digest of the body guards its content), idempotent per
 * client, period and version; the city's statistics sum the latest versions over the region
 * subtree; the city sees per period which expected district reported, late or not at all.
 */
import { createHash } from 'node:crypto';
import type { DistrictReports, IndicatorReceipt, IndicatorReportBody, PushIndicatorsBody, PushIndicatorsResult } from '@seedbed/contract';
import { inRegionSubtree } from '@seedbed/rules/regions';
import type { FieldError } from '@seedbed/contract';
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import type { StatisticQuery } from '../../platform/module.js';
import { AppError, conflict, fieldError, forbidden, invalid } from '../../platform/problems.js';
import { ALL_REGIONS } from '../../platform/statistics.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { regionDisplayName } from '../regions/index.js';
import { callUpstream, clientsWithScope, UpstreamUnavailable, type ApiClient } from './exchange.interconnect.js';
import { DEADLINE_RULE, deadlineEnd, INDICATORS, indicatorByName, periodDeadline, periodRange, type IndicatorDefinition } from './exchange.indicators.js';
import * as repo from './exchange.repository.js';
import { enqueueWebhookEvent } from '../webhooks/index.js';
import { upstreamOf } from './exchange.service.js';

// ---------------------------------------------------------------- digests

/** sha-256 of the bytes, base64. */
export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('base64');

/**
 * The sha-256 a request declares of its body: `Content-Digest: sha-256=:<base64>:` (RFC 9530) or
 * `Digest: SHA-256=<base64>` (RFC 3230); null when neither names one.
 */
export function declaredDigest(headers: Record<string, string | string[] | undefined>): string | null {
  for (const name of ['content-digest', 'digest']) {
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    if (!value) continue;
    for (const part of value.split(',')) {
      const m = /^\s*sha-256\s*=\s*:?([A-Za-z0-9+/=]+):?\s*$/i.exec(part);
      if (m) return m[1]!;
    }
  }
  return null;
}

export function checkDigest(declared: string | null, computed: string): void {
  if (declared === null) {
    throw new AppError(400, 'DIGEST_REQUIRED', { zh: '请求须带 Content-Digest（sha-256）头，为请求体的摘要', en: 'The request must carry a Content-Digest (sha-256) header of its body' }, [
      fieldError('Content-Digest', 'required', '缺少请求体的 sha-256 摘要', 'the sha-256 digest of the body is missing'),
    ]);
  }
  if (declared !== computed) {
    throw new AppError(400, 'DIGEST_MISMATCH', { zh: '请求体与其 Content-Digest 摘要不符，已拒收', en: 'The body does not match its Content-Digest: refused' }, [
      fieldError('Content-Digest', 'match', '与请求体的 sha-256 摘要不符', 'does not match the sha-256 of the body'),
    ]);
  }
}

// ---------------------------------------------------------------- receiving (city side)

type ReportRow = repo.ReportRow;

function receiptOf(row: ReportRow): IndicatorReceipt {
  return { receiptId: row.id, period: row.period, version: row.version, regionCode: row.region_code, digest: row.digest, receivedAt: instantOut(row.received_at), late: row.late };
}

function checkReport(body: IndicatorReportBody, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (periodRange(body.period).from > today) errors.push(fieldError('period', 'begun', '报告期尚未开始', 'has not begun yet'));
  const seen = new Set<string>();
  body.indicators.forEach((item, i) => {
    const def = indicatorByName(item.name);
    if (!def) {
      errors.push(fieldError(`indicators.${i}.name`, 'known_indicator', `不是约定的报送指标（${INDICATORS.map((d) => d.name).join('、')}）`, `is not an agreed indicator (${INDICATORS.map((d) => d.name).join(', ')})`));
      return;
    }
    if (seen.has(item.name)) errors.push(fieldError(`indicators.${i}.name`, 'unique', '同一指标只能报一次', 'is reported more than once'));
    seen.add(item.name);
    if (item.unit !== def.unit.zh && item.unit !== def.unit.en) errors.push(fieldError(`indicators.${i}.unit`, 'unit', `单位应为“${def.unit.zh}”`, `must be "${def.unit.en}" (${def.unit.zh})`));
    if (!Number.isFinite(item.value) || (def.unit.zh !== '万元' && !Number.isInteger(item.value))) errors.push(fieldError(`indicators.${i}.value`, 'integer', '应为非负整数', 'must be a whole number, not negative'));
  });
  return errors;
}

/**
 * A district's report as received: the latest version again answers the stored receipt (200); a
 * higher version supersedes (201); a version lower than the latest received, or the same version
 * with other content, is 409.
 */
export async function receiveReport(deps: AppDeps, client: ApiClient, ctx: AuditContext, body: IndicatorReportBody, digest: string): Promise<{ status: 200 | 201; receipt: IndicatorReceipt }> {
  const errors = checkReport(body, deps.clock.today());
  if (errors.length > 0) throw invalid(errors);
  return deps.db.transaction().execute(async (trx) => {
    // One report per client at a time: the versions so far, locked.
    await repo.lockClientReports(trx, client.clientId);
    const versions = await repo.reportVersions(trx, client.clientId, body.period);
    const highest = versions[0];
    if (highest && highest.version > body.version) {
      throw conflict('VERSION_SUPERSEDED', `该报告期已收到第${highest.version}版，不接受更低的第${body.version}版`, `Version ${highest.version} of this period was already received; the lower version ${body.version} is refused`, [
        fieldError('version', 'minimum', `应不低于已收到的第${highest.version}版`, `must not be lower than the version received (${highest.version})`),
      ]);
    }
    const same = versions.find((v) => v.version === body.version);
    if (same) {
      if (same.digest !== digest) {
        throw conflict('VERSION_REUSED', `第${body.version}版已报送且内容不同：更正请报送更高版本`, `Version ${body.version} was already reported with other content: send a higher version to correct it`, [
          fieldError('version', 'unique', '该版本已报送，内容不同', 'was already reported with other content'),
        ]);
      }
      return { status: 200 as const, receipt: receiptOf(same) };
    }
    const now = deps.clock.now();
    const first = versions[versions.length - 1];
    const late = first ? first.late : now.getTime() > deadlineEnd(body.period).getTime();
    const { from, to } = periodRange(body.period);
    const row = await repo.insertReport(trx, {
      client_id: client.clientId,
      platform_name: client.name,
      organisation_id: client.organisationId,
      region_code: client.regionCode,
      period: body.period,
      period_from: from,
      period_to: to,
      version: body.version,
      indicators: body.indicators,
      digest,
      late,
      received_at: now,
    });
    await record(trx, deps.clock, { ...ctx, actor: `client:${client.name}` }, {
      action: 'exchange.indicators_received',
      entityType: 'exchange_report',
      entityId: row.id,
      data: { clientId: client.clientId, regionCode: client.regionCode, period: body.period, version: body.version, digest, late },
    });
    // Systems subscribed to indicator updates (webhooks) learn of it, in the same transaction.
    await enqueueWebhookEvent(trx, 'indicator.updated', { platform: client.name, regionCode: client.regionCode, period: body.period, version: body.version, indicators: body.indicators, late }, now);
    return { status: 201 as const, receipt: receiptOf(row) };
  });
}

// ---------------------------------------------------------------- the sums (statistics)

const prefixOf = (code: string): string | null =>
  code === ALL_REGIONS ? null : code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;

/**
 * An indicator over a region subtree and a range of days: the latest version of each report whose
 * period lies within the range. A flow sums each client's months, and its quarters not covered by
 * monthly reports; a stock takes each client's latest period (a month before a quarter ending the same day).
 */
export async function indicatorTotal(db: Db | Tx, indicator: IndicatorDefinition, q: StatisticQuery): Promise<number> {
  if (q.to < q.from) return 0;
  const rows = await repo.latestReportsWithin(db, q.from, q.to, prefixOf(q.regionCode));
  const valueOf = (r: (typeof rows)[number]): number => Number(r.indicators.find((i) => i.name === indicator.name)?.value ?? 0);
  const byClient = new Map<string, typeof rows>();
  for (const r of rows) byClient.set(r.client_id, [...(byClient.get(r.client_id) ?? []), r]);
  let total = 0;
  for (const reports of byClient.values()) {
    const months = reports.filter((r) => !r.period.includes('Q'));
    if (indicator.kind === 'stock') {
      const latest = [...reports].sort((a, b) => (a.period_to === b.period_to ? (a.period.includes('Q') ? 1 : -1) : a.period_to < b.period_to ? 1 : -1))[0];
      total += latest ? valueOf(latest) : 0;
      continue;
    }
    for (const r of reports) {
      if (r.period.includes('Q') && months.some((m) => m.period_from >= r.period_from && m.period_to <= r.period_to)) continue;
      total += valueOf(r);
    }
  }
  return total;
}

// ---------------------------------------------------------------- pushing (district side)

/** The region a principal reports for: the first department in whose name they may report. */
function reportingRegion(principal: Principal): string {
  const m = membershipsGranting(principal, 'exchange.report')[0];
  if (!m) throw forbidden();
  return m.regionCode;
}

/**
 * Pushes the district's indicators for a period to the city: the values typed in the form, else
 * read from the district's own statistics where one maps to the indicator; the next version after
 * the last one the city accepted.
 */
export async function pushIndicators(deps: AppDeps, principal: Principal, ctx: AuditContext, body: PushIndicatorsBody): Promise<PushIndicatorsResult> {
  const regionCode = reportingRegion(principal);
  const upstream = await upstreamOf(deps, body.upstreamId);
  const errors: FieldError[] = [];
  (body.indicators ?? []).forEach((item, i) => {
    if (!indicatorByName(item.name)) errors.push(fieldError(`indicators.${i}.name`, 'known_indicator', '不是约定的报送指标', 'is not an agreed indicator'));
  });
  const { from, to } = periodRange(body.period);
  if (from > deps.clock.today()) errors.push(fieldError('period', 'begun', '报告期尚未开始', 'has not begun yet'));
  if (errors.length > 0) throw invalid(errors);
  const sent: PushIndicatorsResult['sent'] = [];
  for (const def of INDICATORS) {
    const typed = body.indicators?.find((i) => i.name === def.name);
    if (typed) {
      sent.push({ name: def.name, value: typed.value, unit: def.unit.zh, from: 'form' });
      continue;
    }
    const statistic = def.local ? deps.modules.statistics.get(def.local) : undefined;
    if (statistic) sent.push({ name: def.name, value: await statistic.compute(deps.db, { regionCode, from, to }), unit: def.unit.zh, from: 'statistic' });
  }
  if (sent.length === 0) throw invalid([fieldError('indicators', 'required', '没有可报送的指标：请填写', 'there is nothing to report: fill in the values')]);
  const version = (await repo.lastPushedVersion(deps.db, upstream.id, body.period)) + 1;
  const payload = { period: body.period, version, indicators: sent.map(({ name, value, unit }) => ({ name, value, unit })) };
  const digest = sha256(JSON.stringify(payload));
  let answer: { status: number; json: unknown };
  try {
    answer = await callUpstream(deps, upstream.id, { method: 'POST', path: '/api/v1/exchange/indicators', body: payload, headers: { 'content-digest': `sha-256=:${digest}:` } });
  } catch (error) {
    if (error instanceof UpstreamUnavailable) throw new AppError(502, 'UPSTREAM_UNAVAILABLE', { zh: `暂时无法连接上级平台（${upstream.name}），请稍后再试`, en: `The upstream platform (${upstream.name}) cannot be reached just now; please try again later` });
    throw error;
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertPush(trx, { upstream_id: upstream.id, period: body.period, version, indicators: payload.indicators, status: answer.status, pushed_by: principal.userId, at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'exchange.indicators_pushed', entityType: 'exchange_push', entityId: `${upstream.id}:${body.period}:${version}`, data: { upstream: upstream.name, period: body.period, version, status: answer.status } });
  });
  const ok = answer.status === 200 || answer.status === 201;
  return { status: answer.status, receipt: ok ? (answer.json as IndicatorReceipt) : null, sent, version };
}

// ---------------------------------------------------------------- who reported (city side)

/**
 * Per period, each expected district (a machine client holding `reports:push`, registered by an
 * organisation of a district inside the region) with received / late / missing (not due before
 * the deadline), and each indicator's sum with each district's share.
 */
export async function districtReports(deps: AppDeps, principal: Principal, query: { period: string; regionCode?: string | undefined }): Promise<DistrictReports> {
  const regionCode = query.regionCode ?? membershipsGranting(principal, 'exchange.oversee')[0]?.regionCode;
  if (!regionCode || !mayAccess(principal, 'exchange.oversee', { regionCode })) {
    throw forbidden('只有该地区的主管部门可以查看区县报送情况', "Only the region's departments may see its districts' reports");
  }
  const expected = (await clientsWithScope(deps.db, 'reports:push')).filter((c) => c.regionCode !== regionCode && inRegionSubtree(c.regionCode, regionCode));
  const summary = new Map((await repo.periodSummary(deps.db, query.period)).map((s) => [s.client_id, s]));
  const overdue = deps.clock.now().getTime() > deadlineEnd(query.period).getTime();
  const districts = expected.map((c) => {
    const s = summary.get(c.clientId);
    return {
      platformName: c.name,
      organisationName: c.organisationName,
      regionCode: c.regionCode,
      regionName: regionDisplayName(c.regionCode) ?? c.regionCode,
      status: s ? (s.late ? ('late' as const) : ('received' as const)) : overdue ? ('missing' as const) : ('not_due' as const),
      version: s ? Number(s.version) : null,
      firstReceivedAt: s ? instantOut(s.first_at) : null,
      receivedAt: s ? instantOut(s.last_at) : null,
    };
  });
  const { from, to } = periodRange(query.period);
  const regions = [...new Set(expected.map((c) => c.regionCode))].sort();
  const indicators = [];
  for (const def of INDICATORS) {
    const shares = [];
    for (const code of regions) shares.push({ regionCode: code, regionName: regionDisplayName(code) ?? code, value: await indicatorTotal(deps.db, def, { regionCode: code, from, to }) });
    indicators.push({ name: def.name, label: def.label, unit: def.unit, total: await indicatorTotal(deps.db, def, { regionCode, from, to }), shares });
  }
  return { period: query.period, regionCode, deadline: periodDeadline(query.period), rule: DEADLINE_RULE, districts, indicators };
}
