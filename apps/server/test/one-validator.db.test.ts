/**
 * One validator (issue #11): a bad value gets the same verdict — the same rule and the same
 * message, under the field of the request it came in — from the profile (PATCH
 * /subjects/:id/facts), the anonymous eligibility check (POST /eligibility/check) and an
 * application's answers (POST /fulfilment/verdict and /fulfilment/applications).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testApp, type TestContext } from './test-app.js';

interface Err {
  field: string;
  rule: string;
  message: { zh: string; en: string };
}

let t: TestContext;
let owner: TestClient;
let anonymous: TestClient;
let subjectId: string;
const ITEM = 'nn.new-product-subsidy';

beforeAll(async () => {
  t = await testApp({ demo: true });
  owner = new TestClient(t.app);
  await owner.loginDemo('ent.nanning', t.clock);
  anonymous = new TestClient(t.app);
  subjectId = (await owner.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
});
afterAll(async () => t?.close());

/** The errors by variable name, with the request's prefix (facts., profile., answers.) taken off. */
const byVariable = (errors: Err[], prefix: string): Map<string, Omit<Err, 'field'>> => {
  const out = new Map<string, Omit<Err, 'field'>>();
  for (const { field, ...rest } of errors) if (field.startsWith(prefix)) out.set(field.slice(prefix.length), rest);
  return out;
};

const BAD_PROFILE = {
  founded_on: '2023-02-30',
  employees: 12.5,
  registered_capital: -100,
  region: '45010',
  industry: 'Z99',
  credit_code: '91450100MA5L000000',
  is_high_tech_enterprise: 'yes',
  size_class: 'giant',
};

const EXPECTED_RULES = {
  founded_on: 'format:date',
  employees: 'type:integer',
  registered_capital: 'type:money',
  region: 'format:region',
  industry: 'format:industry',
  credit_code: 'check_character',
  is_high_tech_enterprise: 'type:boolean',
};

describe('one validator for profile, check and application', () => {
  it('the profile and the eligibility check refuse the same values with the same rule and message', async () => {
    const { size_class: _computed, ...profileFacts } = BAD_PROFILE;
    const profile = await owner.patch(`/api/v1/subjects/${subjectId}/facts`, { facts: profileFacts });
    expect(profile.statusCode).toBe(400);
    const check = await anonymous.post('/api/v1/eligibility/check', { profile: BAD_PROFILE, entity: 'enterprise' });
    expect(check.statusCode).toBe(400);
    const fromProfile = byVariable(profile.json().errors, 'facts.');
    const fromCheck = byVariable(check.json().errors, 'profile.');
    for (const [name, rule] of Object.entries(EXPECTED_RULES)) {
      expect(fromProfile.get(name)?.rule, `profile ${name}`).toBe(rule);
      expect(fromCheck.get(name), `check ${name}`).toEqual(fromProfile.get(name));
    }
    // The enum of a computed fact is checked by the check alone (the profile does not take it).
    expect(fromCheck.get('size_class')?.rule).toBe('enum');
  });

  it('a date after today is refused by the profile, naming the bound; the check, a "what if" on any date, takes it', async () => {
    const today = t.clock.today();
    const profile = await owner.patch(`/api/v1/subjects/${subjectId}/facts`, { facts: { founded_on: '2099-01-01' } });
    expect(byVariable(profile.json().errors, 'facts.').get('founded_on')).toMatchObject({ rule: 'range:date', message: { en: `must lie between 1900-01-01 and ${today}` } });
    const check = await anonymous.post('/api/v1/eligibility/check', { profile: { founded_on: '2099-01-01' }, entity: 'enterprise' });
    expect(check.statusCode).toBe(200);
    // Outside the registry's fixed range both refuse alike.
    const early = await owner.patch(`/api/v1/subjects/${subjectId}/facts`, { facts: { founded_on: '1899-12-31' } });
    const earlyCheck = await anonymous.post('/api/v1/eligibility/check', { profile: { founded_on: '1899-12-31' }, entity: 'enterprise' });
    const p = byVariable(early.json().errors, 'facts.').get('founded_on');
    expect(p?.rule).toBe('range:date');
    expect(byVariable(earlyCheck.json().errors, 'profile.').get('founded_on')).toMatchObject({ rule: 'range:date' });
  });

  it('an application refuses a bad answer as the check refuses the same value of the same variable', async () => {
    for (const bad of ['three', -1, 2.5, true]) {
      const check = await anonymous.post('/api/v1/eligibility/check', { profile: { nn_new_products_certified: bad }, entity: 'enterprise' });
      expect(check.statusCode).toBe(400);
      const expected = byVariable(check.json().errors, 'profile.').get('nn_new_products_certified');
      expect(expected?.rule).toBe('type:integer');
      const answers = { nn_new_products_certified: bad };
      const requests = [
        ['/api/v1/fulfilment/verdict', { itemId: ITEM, subjectId, answers }],
        ['/api/v1/fulfilment/applications', { itemId: ITEM, subjectId, answers, materials: {} }],
      ] as const;
      for (const [url, body] of requests) {
        const r = await owner.post(url, body);
        expect(r.statusCode, `${url} ${String(bad)}`).toBe(400);
        expect(byVariable(r.json().errors, 'answers.').get('nn_new_products_certified'), `${url} ${String(bad)}`).toEqual(expected);
      }
    }
  });
});
