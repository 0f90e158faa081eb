/**
 * Audit: the append-only, hash-chained log of every state change and authentication event.
 * Other modules call `record` inside their own transaction, so a change and its audit entry
 * commit together; `verifyChain` recomputes the chain and names the first broken record.
 */
export type { AuditTables } from './audit.tables.js';
export { record, verifyChain, canonicalJson, systemActor, type AuditContext, type AuditEvent, type ChainVerification } from './audit.service.js';
export { auditRoutes } from './audit.routes.js';
