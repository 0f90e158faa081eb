/**
 * Crowd (众包 and 供需对接, source 002 §4–6): an enterprise or a person posts a task whose reward
 * is held in escrow on the ledger (a deposit from the 'deposits' account, the money posters paid
 * in off-platform, into the task's escrow account with floor 0); service providers, enterprises
 * or persons bid (a price at most the reward; the rest goes back to the poster); the poster picks
 * a bid, the winner delivers files, the poster accepts (the escrow is released to the winner's
 * payable account) or disputes, and an officer of a department covering the task's region
 * arbitrates (release or refund). Each task is settled exactly once: one ledger idempotency key
 * per task for either outcome, the escrow's floor, and a status the database enforces. Supply
 * and demand posts are public and searchable (words and pinyin, the policies module's index);
 * people get in touch through the platform in a thread per (post, contact), never by contact
 * details shown in public.
 */
export type { CrowdTables } from './crowd.tables.js';
export { crowdManifest } from './crowd.manifest.js';
export { crowdPostsSearchSource } from './crowd.search-source.js';
