/** The items fulfilment serves: an item with its compiled rules and workflow, its lead department, the stages that wait for an official. */
import { type Catalog, type CompiledItem } from '@seedbed/rules';
import type { AccessPolicy } from '../../platform/access.js';
import type { FactBasisSource } from '../../platform/fact-basis.js';
import type { NotifyDeps } from '../notifications/index.js';
import type { BenefitHistorySource } from '../../platform/benefit-history.js';
import { type Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Db, Tx } from '../../platform/database.js';
import type { EventBus } from '../../platform/events.js';
import { AppError, notFound } from '../../platform/problems.js';
import './fulfilment.events.js';
import * as repo from './fulfilment.repository.js';
import type { ApplicationRow } from './fulfilment.repository.js';
import { databasePolicySource, type PolicyItemView, type PolicySource } from './policy-source.js';
import { workflowFor, type Status, type WorkflowDefinition } from './workflow.js';

export interface FulfilmentDeps {
  db: Db;
  clock: Clock;
  config: Config;
  dataKey: Buffer;
  events: EventBus;
  benefitHistory: BenefitHistorySource;
  modules: NotifyDeps['modules'] & AccessPolicy & { factBases?: readonly FactBasisSource[] };
  /** Where items and rules come from: the policies module unless a test passes another. */
  policies?: PolicySource;
}


export const policiesOf = (deps: FulfilmentDeps): PolicySource => deps.policies ?? databasePolicySource;

// ---------------------------------------------------------------- items

export interface LoadedItem {
  item: PolicyItemView;
  compiled: CompiledItem;
  catalog: Catalog;
  workflow: WorkflowDefinition;
}

export async function loadItem(deps: FulfilmentDeps, db: Db | Tx, itemId: string): Promise<LoadedItem> {
  const source = policiesOf(deps);
  const item = await source.getPolicyItem(db, itemId).catch(() => null);
  const catalog = await source.currentRules(db);
  const compiled = catalog.items.get(itemId);
  if (!item || !compiled) throw notFound({ zh: '该政策事项', en: 'Policy item' });
  const stored = (await repo.storedWorkflow(db, itemId)) as Partial<WorkflowDefinition> | null;
  return { item, compiled, catalog, workflow: workflowFor(item.mode, stored) };
}

/**
 * The item of an application, read before a transaction opens: the policies module reads (and
 * caches) through the root connection, which must not be used inside a transaction on PGlite.
 */
export async function preloadApplication(deps: FulfilmentDeps, id: string): Promise<LoadedItem> {
  const row = await repo.findApplication(deps.db, id);
  if (!row) throw notFound({ zh: '该申请', en: 'Application' });
  return loadItem(deps, deps.db, row.item_id);
}

/** The material an outcome's evidence is filed under on a pending award (see `award.pending`'s `outcome`). */
export const OUTCOME_EVIDENCE = { id: 'outcome_evidence', label: { zh: '成果证明材料', en: 'Evidence of the outcome' } };

export async function departmentOf(db: Db | Tx, item: PolicyItemView) {
  if (!item.leadUnit || !item.regionCode) return undefined;
  return repo.findDepartment(db, item.leadUnit, item.regionCode);
}

export const noDepartment = (item: PolicyItemView) =>
  new AppError(422, 'NO_DEPARTMENT', {
    zh: `该事项的牵头单位（${item.leadUnit ?? '未载明'}）尚未在本平台配置受理部门，暂不能在线申请`,
    en: `The item's lead unit (${item.leadUnit ?? 'not stated'}) has no department on this platform yet: it cannot be applied for online`,
  });

/** The stages at which an application waits for an official (and can become overdue). */
export const ACTIVE_STAGES: Status[] = ['acceptance', 'first_review', 'expert_review', 'approval', 'payment'];

/** An application's workflow: its item's, or the default of its origin when the item cannot be loaded. */
export async function workflowOfApplication(
  deps: FulfilmentDeps,
  a: ApplicationRow,
): Promise<WorkflowDefinition> {
  const loaded = await loadItem(deps, deps.db, a.item_id).catch(() => null);
  return loaded?.workflow ?? workflowFor(a.origin === 'automatic' ? 'automatic' : 'apply', null);
}
