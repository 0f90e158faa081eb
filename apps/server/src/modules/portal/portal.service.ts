import type { PublicFigures } from '@seedbed/contract';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database.js';
import type { ModuleCatalogue } from '../../platform/module.js';
import { ALL_REGIONS } from '../../platform/statistics.js';

export interface PortalDeps {
  db: Db;
  clock: Clock;
  modules: Pick<ModuleCatalogue, 'statistics'>;
}

/** The statistics the home page shows, by the name their modules declare them under. */
export const FIGURES = {
  itemsInForce: 'policies.items_in_force',
  applicationsDecided: 'fulfilment.applications_decided',
  paidFen: 'budgets.paid_fen',
} as const;

/** This year's figures over every region, up to today. */
export async function publicFigures(deps: PortalDeps): Promise<PublicFigures> {
  const today = deps.clock.today();
  const year = Number(today.slice(0, 4));
  const query = { regionCode: ALL_REGIONS, from: `${year}-01-01`, to: today };
  const value = async (name: string): Promise<number> => {
    const statistic = deps.modules.statistics.get(name);
    if (!statistic) throw new Error(`statistic ${name} is not declared by any manifest`);
    return Math.round(await statistic.compute(deps.db, query));
  };
  return {
    asOf: today,
    year,
    itemsInForce: await value(FIGURES.itemsInForce),
    applicationsDecided: await value(FIGURES.applicationsDecided),
    paidFen: await value(FIGURES.paidFen),
  };
}
