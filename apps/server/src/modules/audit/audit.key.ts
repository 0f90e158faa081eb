import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../../platform/config.js';

/** The smallest audit key accepted: 32 bytes (256 bits) for HMAC-SHA256. */
export const AUDIT_KEY_MIN_BYTES = 32;

/** Where Seedbed keeps a generated audit key outside production: beside the data folder, never in the database. */
export const auditKeyFile = (config: Pick<Config, 'dataDir'>): string => join(dirname(config.dataDir), 'seedbed-audit.key');

function decode(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length < AUDIT_KEY_MIN_BYTES) {
    throw new Error(
      `${source} 必须是 base64 编码、至少 ${AUDIT_KEY_MIN_BYTES} 字节的密钥 / ${source} must be a key of at least ${AUDIT_KEY_MIN_BYTES} bytes, base64-encoded ` +
        `(e.g. openssl rand -base64 32)`,
    );
  }
  return key;
}

/**
 * The key signing the audit chain's checkpoints. In production it must come from the environment
 * (SEEDBED_AUDIT_KEY) and should be held by someone other than the database administrators;
 * elsewhere Seedbed generates one beside its data folder (mode 0600) so a restart signs with the
 * same key.
 */
export function loadAuditKey(config: Pick<Config, 'auditKey' | 'production' | 'dataDir'>): Buffer {
  if (config.auditKey) return decode(config.auditKey, 'SEEDBED_AUDIT_KEY');
  if (config.production) {
    throw new Error(
      '生产环境必须设置 SEEDBED_AUDIT_KEY（审计检查点签名密钥，base64，至少 32 字节，不得存放在数据库中）/ ' +
        'SEEDBED_AUDIT_KEY (the key signing audit checkpoints, base64, at least 32 bytes, never kept in the database) is required in production',
    );
  }
  const file = auditKeyFile(config);
  if (existsSync(file)) return decode(readFileSync(file, 'utf8'), file);
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

/** A short public name of a key (not the key): tells which key signed a checkpoint. */
export const auditKeyId = (key: Buffer): string => createHash('sha256').update('seedbed-audit-key-id\n').update(key).digest('hex').slice(0, 16);
