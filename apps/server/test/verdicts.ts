import type { Verdict } from '@seedbed/rules';

/**
 * An eligible verdict of the shape the engine gives for a no-application (免申即享) item, for
 * tests that create pending awards directly rather than through a catalogue match.
 */
export function eligibleVerdict(item: string, fen: number): Verdict {
  return {
    item,
    title: { zh: '测试事项', en: 'Test item' },
    mode: 'automatic',
    status: 'eligible',
    criteria: [
      {
        id: 'registered',
        label: { zh: '已登记', en: 'Registered' },
        status: 'pass',
        values: { registered: true },
        sentence: { zh: '主体已登记', en: 'The subject is registered' },
        missing: [],
      },
    ],
    missing: [],
    amount: { status: 'known', fen, upTo: false, missing: [], steps: [{ zh: `定额 ${fen / 100} 元`, en: `Fixed amount ${fen / 100} yuan` }] },
    conflicts: [],
  };
}
