import type { Db, Tx } from './database.js';

/**
 * What a subject has already received, item by item: the rules engine needs it for caps
 * ("at most 200,000 a year", "once per product"). Fulfilment owns the ledger that knows;
 * the finder only needs this function, wired in app construction, so neither module imports
 * the other.
 */
export interface BenefitHistoryEntry {
  item: string;
  /** YYYY-MM-DD the amount was granted (approved) */
  date: string;
  /** fen */
  amount: number;
  product?: string;
}

export type BenefitHistorySource = (db: Db | Tx, subjectId: string) => Promise<BenefitHistoryEntry[]>;

export const noBenefitHistory: BenefitHistorySource = async () => [];
