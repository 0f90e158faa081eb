import type { BulkIssueJob } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import type { AppDeps } from '../../platform/http.js';
import { enqueueJob, getJob, type JobContext } from '../../platform/jobs.js';
import { conflict, fieldError, notFound } from '../../platform/problems.js';
import type { Db, Tx } from '../../platform/database.js';
import { record, systemActor, type AuditContext } from '../audit/index.js';
import { matchedSubjects } from '../finder/index.js';
import { accountOf, postTransaction, voidHold } from '../ledger/index.js';
import { expiryOf, issueVoucher, LEDGER_SCOPE, requireManager, schemeAvailable, schemeRegion } from './vouchers.service.js';
import * as repo from './vouchers.repository.js';

export interface BulkIssuePayload {
  schemeId: string;
  actorUserId: string | null;
  actor: string | null;
}

export interface BulkIssueCheckpoint {
  index: number;
  issued: number;
  alreadyHeld: number;
  leftOut: number;
  exhausted: boolean;
}

const CHUNK = 200;

/** An officer asks to issue the scheme's voucher to every eligible registered subject: a persisted job (202 with its id). */
export async function requestBulkIssue(trx: Tx, deps: Pick<AppDeps, 'db' | 'clock'>, principal: Principal, ctx: AuditContext, schemeId: string): Promise<string> {
  const scheme = await repo.lockScheme(trx, schemeId);
  if (!scheme) throw notFound({ zh: '该服务券方案', en: 'Voucher scheme' });
  await requireManager(deps.db, trx, principal, scheme);
  if (scheme.status !== 'active') throw conflict('VOUCHER_SCHEME_SUSPENDED', '该服务券方案已暂停，不能发放服务券', 'The voucher scheme is suspended: no voucher can be issued');
  const today = deps.clock.today();
  if (expiryOf(scheme, today) < today) {
    throw conflict('VOUCHER_SCHEME_ENDED', '该服务券方案的有效期已过，不能再发放', "The scheme's validity has ended: no more vouchers can be issued", [fieldError('validUntil', 'expired', '方案截止日期已过', "the scheme's expiry date has passed")]);
  }
  const jobId = await enqueueJob(trx, 'vouchers.bulk_issue', { schemeId, actorUserId: principal.userId, actor: principal.username });
  await record(trx, deps.clock, ctx, { action: 'voucher_scheme.bulk_issue_requested', entityType: 'voucher_scheme', entityId: schemeId, data: { jobId } });
  return jobId;
}

/**
 * Job 'vouchers.bulk_issue': the subjects the finder found eligible for the scheme's item (its
 * latest evaluation of the item's rules over the registered subjects, as for 免申即享) in the
 * scheme's region each receive one voucher, in chunks with a checkpoint. When what is left of
 * the budget is less than one face value the job stops issuing and counts the rest as left out.
 */
export async function bulkIssueJob(deps: AppDeps, ctx: JobContext<BulkIssuePayload, BulkIssueCheckpoint>): Promise<BulkIssueCheckpoint> {
  const scheme = await repo.findScheme(deps.db, ctx.payload.schemeId);
  if (!scheme) return { index: 0, issued: 0, alreadyHeld: 0, leftOut: 0, exhausted: false };
  const region = (await schemeRegion(deps.db, deps.db, scheme)) ?? '000000';
  const eligible = (await matchedSubjects(deps.db, region, scheme.item_id)).filter((s) => s.status === 'eligible').map((s) => s.subjectId).sort();
  let cp: BulkIssueCheckpoint = ctx.checkpoint ?? { index: 0, issued: 0, alreadyHeld: 0, leftOut: 0, exhausted: false };
  const audit: AuditContext = { actorUserId: ctx.payload.actorUserId, actor: ctx.payload.actor, requestId: `job:${ctx.id}`, ip: null };
  while (cp.index < eligible.length) {
    const chunk = eligible.slice(cp.index, cp.index + CHUNK);
    cp = await deps.db.transaction().execute(async (trx) => {
      const locked = (await repo.lockScheme(trx, scheme.id))!;
      const next = { ...cp, index: cp.index + chunk.length };
      if (locked.status !== 'active') return { ...next, leftOut: next.leftOut + chunk.length };
      const held = await repo.holdersAmong(trx, scheme.id, chunk);
      let available = await schemeAvailable(trx, locked);
      for (const subjectId of chunk) {
        if (held.has(subjectId)) {
          next.alreadyHeld += 1;
        } else if (next.exhausted || available < locked.face_value_fen) {
          next.exhausted = true;
          next.leftOut += 1;
        } else {
          const r = await issueVoucher(trx, deps, audit, locked, subjectId, 'bulk');
          if (r.issued) {
            next.issued += 1;
            available -= locked.face_value_fen;
          } else next.alreadyHeld += 1;
        }
      }
      return next;
    });
    await ctx.save(eligible.length ? cp.index / eligible.length : 1, cp);
  }
  return cp;
}

export async function bulkIssueStatus(db: Db, principal: Principal, jobId: string): Promise<BulkIssueJob> {
  const job = await getJob(db, jobId);
  if (!job || job.kind !== 'vouchers.bulk_issue') throw notFound({ zh: '该发放任务', en: 'Issuing job' });
  const payload = job.payload as BulkIssuePayload;
  const scheme = await repo.findScheme(db, payload.schemeId);
  if (!scheme) throw notFound({ zh: '该发放任务', en: 'Issuing job' });
  await requireManager(db, db, principal, scheme);
  const figures = ((job.result ?? job.checkpoint) as BulkIssueCheckpoint | null) ?? { index: 0, issued: 0, alreadyHeld: 0, leftOut: 0, exhausted: false };
  return {
    status: job.status,
    progress: job.status === 'done' ? 1 : Number(job.progress),
    issued: figures.issued,
    alreadyHeld: figures.alreadyHeld,
    leftOut: figures.leftOut,
    budgetExhausted: figures.exhausted,
  };
}

/**
 * Job 'vouchers.expire' (daily): each voucher past its last valid day stops: its open uses are
 * released (their holds voided) and what is left returns to the scheme's account, then the
 * voucher is marked expired. One voucher per transaction; a retry finds the work done.
 */
export async function expireVouchers(deps: AppDeps, day: string): Promise<{ expired: number; returnedFen: number }> {
  let expired = 0;
  let returnedFen = 0;
  for (;;) {
    const due = await repo.dueVouchers(deps.db, day, 100);
    if (due.length === 0) break;
    for (const v of due) {
      returnedFen += await deps.db.transaction().execute(async (trx) => {
        const voucher = await repo.lockVoucher(trx, v.id);
        if (!voucher || voucher.status !== 'active') return 0;
        const scheme = (await repo.findScheme(trx, voucher.scheme_id))!;
        for (const use of await repo.heldUsesOfVoucher(trx, voucher.id)) {
          await voidHold(trx, deps.clock, use.hold_id);
          await repo.setUseStatus(trx, use.order_id, { status: 'released', released_at: deps.clock.now() });
        }
        const account = (await accountOf(trx, voucher.account_id))!;
        if (account.balance > 0) {
          await postTransaction(trx, deps.clock, {
            scope: LEDGER_SCOPE,
            idempotencyKey: `expire:${voucher.id}`,
            memo: 'voucher expired',
            reference: `voucher:${voucher.id}`,
            postings: [
              { accountId: voucher.account_id, amount: -account.balance },
              { accountId: scheme.account_id, amount: account.balance },
            ],
          });
        }
        await repo.expireVoucher(trx, voucher.id, deps.clock.now());
        await record(trx, deps.clock, systemActor('vouchers.expire'), { action: 'voucher.expired', entityType: 'voucher', entityId: voucher.id, data: { returnedFen: account.balance } });
        return account.balance;
      });
      expired += 1;
    }
  }
  return { expired, returnedFen };
}
