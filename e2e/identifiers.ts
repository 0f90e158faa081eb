/**
 * Pages are for people: no internal identifier may appear as text on a page a browser test
 * visits. `expectNoIdentifiers(page, where)` reads the page's visible text and fails naming
 * what it found: a catalogue item id (`nn.new-product-subsidy`), a registry variable name or enum
 * code (`graduation_date`, `micro`), a workflow status or action code (`first_review`), a
 * 6-digit region code, or a UUID. The vocabulary comes from the catalogue files and the running
 * server, so a new item or variable is covered without touching the tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Status and action codes of the fulfilment workflow (its migration's seed rows). */
const WORKFLOW_CODES = [
  'acceptance',
  'first_review',
  'expert_review',
  'approval',
  'publicity',
  'payment',
  'returned',
  'withdrawn',
  'rejected',
  'closed',
  'resubmit',
  'withdraw',
];

function catalogueItemIds(): string[] {
  const dir = join(REPO_ROOT, 'catalog/documents');
  const ids: string[] = [];
  for (const doc of readdirSync(dir)) {
    let text: string;
    try {
      text = readFileSync(join(dir, doc, 'items.yaml'), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(/^\s*- id:\s*([\w.-]+)\s*$/gm)) ids.push(m[1]!);
  }
  return ids;
}

const cache = new Map<string, Promise<string[]>>();

/** Every identifier a page must not show: catalogue item ids, variable names and enum codes, workflow codes. */
export function internalIdentifiers(baseUrl: string): Promise<string[]> {
  let found = cache.get(baseUrl);
  if (!found) {
    found = (async () => {
      const res = await fetch(`${baseUrl}/api/v1/eligibility/variables`);
      const body = (await res.json()) as { items: { name: string; values?: { value: string }[] }[] };
      const names = body.items.flatMap((v) => [v.name, ...(v.values ?? []).map((x) => x.value)]);
      // Short codes ("yes", "no", "A") are ordinary words or letters; only codes of more than
      // three characters, or with an underscore or a dot, are unmistakably identifiers.
      return [...new Set([...catalogueItemIds(), ...names, ...WORKFLOW_CODES])].filter((x) => x.length > 3 || /[_.]/.test(x));
    })();
    cache.set(baseUrl, found);
  }
  return found;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What of `text` is an internal identifier (empty when the text is for people). */
export function identifiersIn(text: string, identifiers: readonly string[]): string[] {
  const found: string[] = [];
  for (const m of text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []) found.push(`UUID ${m}`);
  // Six digits standing alone: a region code (amounts have separators or units; dates have dashes).
  for (const m of text.match(/(?<![\d.,:\-/])\d{6}(?![\d.,:\-/])/g) ?? []) found.push(`region code ${m}`);
  for (const id of identifiers) {
    // Not part of a longer word or a file name (`certificate.pdf` is a name a person gave a file).
    if (new RegExp(`(?<![A-Za-z0-9_.-])${escape(id)}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`).test(text)) found.push(id);
  }
  return found;
}

/**
 * Fails when the visible text of the page (the whole body, header and footer included) shows an
 * internal identifier. Call it on every page a test opens, once the page has drawn its data.
 */
export async function expectNoIdentifiers(page: Page, where: string): Promise<void> {
  const baseUrl = new URL(page.url()).origin;
  const identifiers = await internalIdentifiers(baseUrl);
  const text = await page.locator('body').innerText();
  expect(identifiersIn(text, identifiers), `${where} (${new URL(page.url()).pathname}) shows internal identifiers`).toEqual([]);
}
