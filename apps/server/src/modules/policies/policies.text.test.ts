import { loadCatalog, renderingProblems, vocabularyOf } from '@seedbed/catalog';
import { compileCatalog, parseRuleFile } from '@seedbed/rules';
import { describe, expect, it } from 'vitest';
import { amountRule, exprText } from './policies.text.js';

const { rules } = loadCatalog();

describe('the policy page’s amount rule', () => {
  it('reads as a person writes it for every item of the catalogue, on the first day and today', () => {
    const vocab = vocabularyOf(rules);
    const problems: string[] = [];
    for (const item of rules.items.values())
      for (const today of [item.spec.effective.from, '2026-12-04']) {
        const r = amountRule(item.spec, rules, today);
        for (const t of [r.formula, ...r.caps]) if (t) for (const lang of ['zh', 'en'] as const) for (const p of renderingProblems(t[lang], lang, vocab)) problems.push(`${item.id} [${lang}] ${p}: ${t[lang]}`);
      }
    expect(problems).toEqual([]);
  });
  it('shows money in 元, rates as percentages, a conditional as 若…，则…；否则…', () => {
    const catalog = compileCatalog([
      parseRuleFile(
        JSON.stringify({
          variables: {
            t_hires: { entity: 'enterprise', type: 'integer', unit: '人', period: 'year', label: { zh: '招用人数', en: 'Hires' } },
            t_retention: { entity: 'enterprise', type: 'number', unit: '%', period: 'year', label: { zh: '留用率', en: 'Retention' } },
            t_fee: { entity: 'enterprise', type: 'money', period: 'year', label: { zh: '费用', en: 'Fee' } },
          },
          parameters: { t_rate: { unit: 'ratio', label: { zh: '补助比例', en: 'Rate' }, values: [{ from: '2016-01-01', value: 0.7, reference: { source: 't' } }] } },
        }),
        't.yaml',
      ),
    ]);
    const perHire = { '*': [{ var: 't_hires' }, { if: [{ '>=': [{ var: 't_retention' }, 50] }, 120000, 90000] }] };
    expect(exprText(perHire, catalog, 'zh', '2026-01-01')).toBe('招用人数 × （若留用率 ≥ 50%，则1,200 元；否则900 元）');
    expect(exprText(perHire, catalog, 'en', '2026-01-01')).toBe('Hires × (if Retention ≥ 50%, ¥1,200; otherwise ¥900)');
    const share = { min: [{ '*': [{ var: 't_fee' }, { param: 't_rate' }] }, 5000000] };
    expect(exprText(share, catalog, 'zh', '2026-01-01')).toBe('（费用 × 补助比例（70%））、5 万元中较小者');
  });
});
