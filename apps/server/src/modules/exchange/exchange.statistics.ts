import type { StatisticDefinition } from '../../platform/module.js';
import { INDICATORS, statisticName } from './exchange.indicators.js';
import { indicatorTotal } from './exchange.reports.js';

/**
 * One statistic per reported indicator: the sum of the districts' latest reported versions over
 * the region subtree and the periods within the range (targets bind to them; the open statistics
 * break them down by child region, i.e. each district's share). Aggregates of the districts'
 * own published figures: public.
 */
export const exchangeStatistics: StatisticDefinition[] = INDICATORS.map((def) => ({
  name: statisticName(def.name),
  public: true,
  label: { zh: `区县报送：${def.label.zh}`, en: `District reports: ${def.label.en}` },
  unit: def.unit,
  compute: (db, q) => indicatorTotal(db, def, q),
}));
