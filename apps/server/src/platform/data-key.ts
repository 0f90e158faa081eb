import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from './config.js';

/**
 * The key that protects personal identifiers. In production it must come from the environment
 * (SEEDBED_DATA_KEY); elsewhere Seedbed keeps one beside its data folder so a restart can still
 * read what it wrote.
 */
export function loadDataKey(config: Config): Buffer {
  if (config.dataKey) {
    const key = Buffer.from(config.dataKey, 'base64');
    if (key.length !== 32) throw new Error('SEEDBED_DATA_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  const file = join(dirname(config.dataDir), 'seedbed-data.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}
