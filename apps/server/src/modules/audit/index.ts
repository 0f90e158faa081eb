/**
 * Audit: the append-only, hash-chained log of every state change and authentication event.
 * Other modules call `record` inside their own transaction, so a change and its audit entry
 * commit together; `verifyChain` recomputes the chain and names the first broken record.
 * Signed checkpoints (`writeCheckpoint`, `scheduleCheckpoints`), kept in files outside the
 * database under a key the database does not hold, anchor the chain so that `verifyAudit` also
 * detects a missing tail, a truncation and a re-hashed rewrite (see docs/AUDIT-THREAT-MODEL.md).
 */
export type { AuditTables } from './audit.tables.js';
export { record, verifyChain, canonicalJson, systemActor, type AuditContext, type AuditEvent, type ChainVerification } from './audit.service.js';
export {
  verifyAudit,
  writeCheckpoint,
  scheduleCheckpoints,
  readCheckpoints,
  checkpointFileOf,
  CheckpointRefused,
  type AuditAnchor,
  type AuditVerificationReport,
  type Checkpoint,
  type CheckpointSchedule,
} from './audit.checkpoints.js';
export { loadAuditKey, auditKeyFile, auditKeyId } from './audit.key.js';
export { auditManifest } from './audit.manifest.js';
export { readableLog, auditXlsx, type AuditNameResolver, type ReadableEntry, type ReadableFilter } from './audit.read.js';
export { sentenceOf, AUDIT_KINDS, type AuditNames } from './audit.sentences.js';
