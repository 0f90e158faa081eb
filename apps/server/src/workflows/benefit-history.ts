import type { BenefitHistorySource } from '../platform/benefit-history.js';
import { benefitHistoryOf } from '../modules/budgets/index.js';
import { grantsWithoutAmountHistory } from '../modules/fulfilment/index.js';

/**
 * What a subject has received, for the rules engine's caps and once-per rules: the budget's live
 * grants (with their amounts) and fulfilment's awards approved without money (amount 0). Wired as
 * `deps.benefitHistory` by the start command and the tests.
 */
export const benefitHistory: BenefitHistorySource = async (db, subjectId) => [...(await benefitHistoryOf(db, subjectId)), ...(await grantsWithoutAmountHistory(db, subjectId))];
