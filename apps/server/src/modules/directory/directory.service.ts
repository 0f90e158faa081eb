/**
 * The enterprise directory's use cases: a member of an enterprise lists it publicly (公开展示)
 * with an introduction and a few products, changes or withdraws it; anyone reads the directory
 * and an enterprise's page. Public: the organisation's name, its district, its profile's
 * industry, and what the enterprise wrote here — never its credit code, people or other facts.
 */
import type { FieldError, DirectoryEnterprise, DirectoryList, DirectoryListingBody, DirectoryQuery, MyDirectoryListing } from '@seedbed/contract';
import { DIRECTORY_PAGE_SIZE } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import { fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { indexLexemes, regionPrefix, searchQuery } from '../policies/index.js';
import { INDUSTRIES, regionDisplayName, regionExists } from '../regions/index.js';
import * as repo from './directory.repository.js';

export interface DirectoryDeps {
  db: Db;
  clock: Clock;
}

const INDUSTRY_NAMES = new Map(INDUSTRIES.map((i) => [i.code, i.name]));

/** The industry's name (GB/T 4754 division) from a profile's code, or null when none is declared. */
export function industryName(code: string | null): string | null {
  if (!code) return null;
  return INDUSTRY_NAMES.get(code.slice(0, 3)) ?? null;
}

const regionName = (code: string) => regionDisplayName(code) ?? code;

/** Words, pinyin and initials of what the directory shows of an enterprise. */
export function enterpriseLexemes(row: { name: string; industry: string | null; region_code: string; introduction: string }): string[] {
  return indexLexemes([row.name, industryName(row.industry) ?? '', regionName(row.region_code), row.introduction].join(' '));
}

function view(row: repo.ListedRow, products: repo.ProductRow[]): DirectoryEnterprise {
  return {
    organisationId: row.organisation_id,
    name: row.name,
    industry: industryName(row.industry),
    regionCode: row.region_code,
    regionName: regionName(row.region_code),
    introduction: row.introduction,
    products: products.filter((p) => p.organisation_id === row.organisation_id).map((p) => ({ name: p.name, description: p.description })),
    listedAt: instantOut(row.listed_at),
  };
}

// ---------------------------------------------------------------- public

export async function publicList(deps: DirectoryDeps, q: DirectoryQuery): Promise<DirectoryList> {
  if (q.region && !(await regionExists(deps.db, q.region))) throw invalid([fieldError('region', 'known_region', '不是已知的行政区划', 'is not a known region')]);
  const tsquery = q.q?.trim() ? searchQuery(q.q) : null;
  if (q.q?.trim() && !tsquery) return { items: [], total: 0 };
  const page = q.page ?? 1;
  const found = await repo.listed(deps.db, { tsquery, regionPrefix: q.region ? regionPrefix(q.region) : null, limit: DIRECTORY_PAGE_SIZE, offset: (page - 1) * DIRECTORY_PAGE_SIZE });
  const products = await repo.productsOf(deps.db, found.rows.map((r) => r.organisation_id));
  return { total: found.total, items: found.rows.map((r) => view(r, products)) };
}

export async function publicEnterprise(deps: DirectoryDeps, organisationId: string): Promise<DirectoryEnterprise> {
  const [row] = (await repo.listed(deps.db, { ids: [organisationId], limit: 1, offset: 0 })).rows;
  if (!row) throw notFound({ zh: '该公开展示的企业', en: 'Listed enterprise' });
  return view(row, await repo.productsOf(deps.db, [organisationId]));
}

// ---------------------------------------------------------------- the enterprise's own

const enterpriseIdsOf = (principal: Principal) => principal.memberships.filter((m) => m.organisationKind === 'enterprise').map((m) => m.organisationId);

export async function myListings(deps: DirectoryDeps, principal: Principal): Promise<MyDirectoryListing[]> {
  const rows = await repo.enterprisesOf(deps.db, enterpriseIdsOf(principal));
  const products = await repo.productsOf(deps.db, rows.filter((r) => r.introduction !== null).map((r) => r.organisation_id));
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    subjectId: r.subject_id,
    name: r.name,
    industry: industryName(r.industry),
    regionName: regionName(r.region_code),
    listed: r.introduction !== null,
    introduction: r.introduction ?? '',
    products: products.filter((p) => p.organisation_id === r.organisation_id).map((p) => ({ name: p.name, description: p.description })),
  }));
}

function mayActFor(principal: Principal, organisationId: string): void {
  if (!enterpriseIdsOf(principal).includes(organisationId)) throw forbidden('只有本企业的成员可以设置企业的公开展示', 'Only members of the enterprise may choose how it is listed');
}

// An ID number (18 characters, the last a digit or X) never goes public by mistake.
const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/;

function validate(body: DirectoryListingBody): { introduction: string; products: { name: string; description: string }[] } {
  const errors: FieldError[] = [];
  const introduction = body.introduction.trim();
  if (introduction.length < 10) errors.push(fieldError('introduction', 'minLength', '简介至少 10 个字', 'must be at least 10 characters'));
  if (ID_NUMBER.test(introduction)) errors.push(fieldError('introduction', 'no_id_number', '请勿公开身份证号码', 'must not contain an ID number'));
  const seen = new Set<string>();
  const products = body.products.map((p, i) => {
    const name = p.name.trim();
    const description = p.description.trim();
    if (name.length < 2) errors.push(fieldError(`products.${i}.name`, 'minLength', '产品名称至少 2 个字', 'must be at least 2 characters'));
    if (seen.has(name)) errors.push(fieldError(`products.${i}.name`, 'unique', '与前面的产品重名', 'repeats an earlier product'));
    seen.add(name);
    for (const [field, text] of [['name', name], ['description', description]] as const) {
      if (ID_NUMBER.test(text)) errors.push(fieldError(`products.${i}.${field}`, 'no_id_number', '请勿公开身份证号码', 'must not contain an ID number'));
    }
    return { name, description };
  });
  if (errors.length > 0) throw invalid(errors);
  return { introduction, products };
}

/** Lists the enterprise publicly, or changes what is shown; one transaction, recorded in the audit log. */
export async function saveListing(deps: DirectoryDeps, principal: Principal, ctx: AuditContext, organisationId: string, body: DirectoryListingBody): Promise<MyDirectoryListing> {
  mayActFor(principal, organisationId);
  const clean = validate(body);
  await deps.db.transaction().execute(async (trx) => {
    const org = await repo.lockOrganisation(trx, organisationId);
    if (!org || org.kind !== 'enterprise') throw notFound({ zh: '该企业', en: 'Enterprise' });
    const [current] = await repo.enterprisesOf(trx, [organisationId]);
    const lexemes = enterpriseLexemes({ name: current!.name, industry: current!.industry, region_code: current!.region_code, introduction: clean.introduction });
    await repo.upsertListing(trx, { organisationId, introduction: clean.introduction, by: principal.userId, at: deps.clock.now() }, lexemes);
    await repo.replaceProducts(trx, organisationId, clean.products.map((p) => ({ ...p, lexemes: indexLexemes(`${p.name} ${p.description}`) })));
    await record(trx, deps.clock, ctx, { action: current!.introduction === null ? 'directory.listed' : 'directory.updated', entityType: 'organisation', entityId: organisationId, data: { products: clean.products.length } });
  });
  return (await myListings(deps, principal)).find((l) => l.organisationId === organisationId)!;
}

/** Withdraws the enterprise from the directory at once (its products with it). */
export async function removeListing(deps: DirectoryDeps, principal: Principal, ctx: AuditContext, organisationId: string): Promise<MyDirectoryListing> {
  mayActFor(principal, organisationId);
  await deps.db.transaction().execute(async (trx) => {
    if (await repo.deleteListing(trx, organisationId)) await record(trx, deps.clock, ctx, { action: 'directory.unlisted', entityType: 'organisation', entityId: organisationId });
  });
  return (await myListings(deps, principal)).find((l) => l.organisationId === organisationId)!;
}

/** A listed enterprise's profile changed (its industry): its search words follow. */
export async function reindexSubject(trx: Tx, subjectId: string): Promise<void> {
  const organisationId = await repo.organisationOfSubject(trx, subjectId);
  if (!organisationId) return;
  const [row] = await repo.enterprisesOf(trx, [organisationId]);
  if (!row || row.introduction === null) return;
  await repo.reindexListing(trx, organisationId, enterpriseLexemes({ ...row, introduction: row.introduction }));
}
