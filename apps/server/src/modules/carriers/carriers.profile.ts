/**
 * A carrier's own profile (一企一档 of kind `carrier`, held by its operator): made with the carrier,
 * and given the facts the catalogue's carrier items read. What the registry knows becomes a fact
 * of the variable each document names it by: the carrier's kind (declared by its operator when
 * registering) and its current recognitions (recorded by the departments, so verified, source
 * `registry:carriers`). Levels and kinds are mapped here once; which items they satisfy, in which
 * city and year, stays the items' rules.
 */
import type { CarrierKind, RecognitionLevel } from '@seedbed/contract';
import type { Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import type { AuditContext } from '../audit/index.js';
import { carrierSubjectId, createCarrierSubject, recordFacts } from '../subjects/index.js';
import * as repo from './carriers.repository.js';

type CarriersDeps = Pick<AppDeps, 'db' | 'clock' | 'dataKey' | 'events'>;

const VERIFIED = { source: 'registry:carriers', verified: true };

/** The carrier's profile, made on first need (carriers registered before profiles existed got theirs by migration). */
export async function carrierProfile(trx: Tx, deps: CarriersDeps, ctx: AuditContext, carrierId: string): Promise<string> {
  const found = await carrierSubjectId(trx, carrierId);
  if (found) return found;
  const carrier = await repo.carrierById(trx, carrierId);
  if (!carrier) throw new Error(`carrier ${carrierId} vanished inside its own transaction`);
  return createCarrierSubject(trx, deps, ctx, { carrierId, organisationId: carrier.organisation_id, name: carrier.name, regionCode: carrier.region_code });
}

/** What a carrier of each kind is, in the documents' words (declared by the operator with the carrier). */
export function kindFacts(kind: CarrierKind): Record<string, boolean> {
  return {
    yt_is_maker_space: kind === 'maker_space',
    yt_is_ecommerce_base: kind === 'ecommerce_base',
    yx_is_new_type_incubator: kind === 'maker_space' || kind === 'accelerator',
  };
}

const isCurrent = (x: repo.RecognitionRow, today: string) => x.recognised_on <= today && (x.valid_until === null || x.valid_until >= today);

/**
 * What the carrier's current recognitions make it, in the documents' words: a recognised
 * (plaque-awarded) incubation base since its earliest current recognition; a city-level maker
 * space; a maker space or incubator listed at national or provincial level; a provincial youth
 * (student) park; its highest designation at city level or above.
 */
export function recognitionFacts(kind: CarrierKind, recognitions: readonly repo.RecognitionRow[], today: string): Record<string, string | boolean | null> {
  const current = recognitions.filter((x) => isCurrent(x, today));
  const at = (level: RecognitionLevel) => current.some((x) => x.level === level);
  const makerSpace = kind === 'maker_space';
  const earliest = current.reduce<string | null>((min, x) => (min === null || x.recognised_on < min ? x.recognised_on : min), null);
  return {
    nn_is_recognised_incubation_base: current.length > 0,
    nn_base_awarded_on: earliest,
    yt_is_city_maker_space: makerSpace && at('city'),
    yt_listed_national_maker_space: (makerSpace || kind === 'incubator') && at('national'),
    yt_listed_provincial_maker_space: (makerSpace || kind === 'incubator') && at('provincial'),
    yx_is_recognised_provincial_youth_park: kind === 'student_base' && at('provincial'),
    yuetang_carrier_designation_level: at('national') ? 'national' : at('provincial') ? 'provincial' : at('city') ? 'city' : 'none',
  };
}

/** Makes the profile of a newly registered carrier, with its kind's facts as the operator declared them. */
export async function createProfileOf(trx: Tx, deps: CarriersDeps, ctx: AuditContext, carrier: { id: string; organisationId: string; name: string; regionCode: string; kind: CarrierKind }): Promise<string> {
  const id = await createCarrierSubject(trx, deps, ctx, { carrierId: carrier.id, organisationId: carrier.organisationId, name: carrier.name, regionCode: carrier.regionCode });
  await recordFacts(trx, deps, ctx, id, { facts: kindFacts(carrier.kind) });
  return id;
}

/** Writes the carrier's recognitions as verified facts of its profile (inside the recognition's transaction). */
export async function refreshRecognitionFacts(trx: Tx, deps: CarriersDeps, ctx: AuditContext, carrierId: string): Promise<void> {
  const carrier = await repo.carrierById(trx, carrierId);
  if (!carrier) return;
  const subjectId = await carrierProfile(trx, deps, ctx, carrierId);
  const facts = recognitionFacts(carrier.kind, await repo.recognitionsOf(trx, [carrierId]), deps.clock.today());
  await recordFacts(trx, deps, ctx, subjectId, { facts }, VERIFIED);
}
