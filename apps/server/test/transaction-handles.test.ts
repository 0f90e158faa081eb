import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tablesOf, type AnyTables, type Db, type Tx } from '../src/platform/database.js';
import type { Principal } from '../src/platform/access.js';
import type { FulfilmentDeps } from '../src/modules/fulfilment/index.js';
import { notify } from '../src/modules/notifications/index.js';
import { factsForRules, listMine } from '../src/modules/subjects/index.js';

/**
 * The root connection and a transaction are different types in both directions (the `Db` brand,
 * platform/database.ts). The checks below are compile-time: `tsc -p apps/server` (part of
 * `npm test`) fails when a `@ts-expect-error` line compiles, i.e. when the brand is gone. The
 * function is never called; vitest runs only the lint test at the end.
 */
export async function compileTimeChecks(db: Db, deps: FulfilmentDeps, principal: Principal): Promise<void> {
  const insideATransaction = (_trx: Tx): void => undefined;
  const opensItsOwnTransaction = (_db: Db): void => undefined;
  const reads = (_db: Db | Tx): void => undefined;

  // @ts-expect-error a root connection is not a transaction: code that must run inside one takes Tx
  insideATransaction(db);
  // @ts-expect-error notify writes inside the caller's transaction, never through the root connection
  await notify(db, deps, { userId: principal.userId, kind: 'policy.match', title: { zh: '', en: '' }, body: { zh: '', en: '' } });
  opensItsOwnTransaction(db);
  reads(db);

  await db.transaction().execute(async (trx) => {
    // @ts-expect-error a transaction is not the root connection
    opensItsOwnTransaction(trx);
    // @ts-expect-error services whose deps carry the root connection cannot be handed the transaction as it
    const _asDeps: FulfilmentDeps = { ...deps, db: trx };
    // @ts-expect-error viewing the transaction through the table types does not make it the root either
    opensItsOwnTransaction(tablesOf<AnyTables>(trx));
    insideATransaction(trx);
    reads(trx);
    // Reads inside the transaction take the transaction.
    await listMine(trx, principal);
    await factsForRules(deps, trx, 'subject-id');
    await notify(trx, deps, { userId: principal.userId, kind: 'policy.match', title: { zh: '', en: '' }, body: { zh: '', en: '' } });
  });
}

describe('transaction handles', () => {
  it('casting to Db is a lint error in the server, whatever the spelling', async () => {
    const eslint = new ESLint({ cwd: fileURLToPath(new URL('../../..', import.meta.url)) });
    const code = [
      "import type { Db, Tx } from '../platform/database.js';",
      'export const a = (trx: Tx): Db => trx as unknown as Db;',
      'export const b = (trx: Tx): Db => <Db>(<unknown>trx);',
      'export const c = (trx: Tx): Db | Tx => trx as Db | Tx;',
      '',
    ].join('\n');
    const [result] = await eslint.lintText(code, { filePath: 'apps/server/src/modules/example.ts' });
    const restricted = result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax');
    expect(restricted.map((m) => m.line)).toEqual([2, 3]);
    expect(restricted[0]!.message).toContain('Do not cast to Db');
  });
});
