/**
 * The module manifests (src/manifests.ts, platform/module.ts): the app builds from them, and
 * refuses to start when they contradict each other or the code — a route whose permission no
 * manifest declares, an undeclared event or notification kind, a job kind without handler,
 * a name declared twice. The statistics they offer are computed on the demo database.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationFolders } from '../src/platform/migrator.js';
import { buildApp } from '../src/app.js';
import { MODULES } from '../src/manifests.js';
import { EventBus } from '../src/platform/events.js';
import { enqueueAnyJob, getJob } from '../src/platform/jobs.js';
import { assembleModules, ManifestError, on, type ModuleManifest } from '../src/platform/module.js';
import { finderManifest } from '../src/modules/finder/index.js';
import { notify } from '../src/modules/notifications/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(async () => t?.close());

const modules = assembleModules(MODULES);
const buildWith = (manifests: readonly ModuleManifest[]) => {
  const catalogue = assembleModules(manifests);
  return buildApp({ ...t.deps, modules: catalogue, events: new EventBus(catalogue.events) });
};
const label = { zh: '测试', en: 'test' };

describe('the modules and the workflows', () => {
  it('are each one manifest', () => {
    expect(MODULES.map((m) => m.name)).toEqual([
      'regions',
      'identity',
      'interconnect',
      'subjects',
      'calendar',
      'audit',
      'policies',
      'finder',
      'notifications',
      'files',
      'review',
      'fulfilment',
      'ledger',
      'budgets',
      'dashboard',
      'portal',
      'workflows',
      'crowd',
      'vouchers',
      'marketplace',
      'carriers',
      'instruments',
      'competitions',
      'content',
      'lists',
      'training',
      'mentors',
      'projects',
      'opendata',
      'directory',
      'search',
      'finance',
      'loans',
      'ipo',
      'credit',
      'investors',
      'exchange',
      'feeds',
      'webhooks',
      'targets',
    ]);
  });

  it('gather the search sources of the public directories, in tab order, each kind once', () => {
    expect(modules.searchSources.map((s) => s.kind)).toEqual(['enterprises', 'products', 'posts', 'providers', 'services', 'carriers', 'investors', 'instruments', 'news', 'policies']);
    for (const s of modules.searchSources) expect(s.label.zh && s.label.en, s.kind).toBeTruthy();
  });

  it('declare exactly the migrations folders the migrator applies, each module its own', () => {
    const declared = MODULES.flatMap((m) =>
      'migrations' in m && m.migrations ? [fileURLToPath(m.migrations)] : [],
    ).map((folder) => resolve(folder));
    for (const folder of declared) expect(existsSync(folder), folder).toBe(true);
    const applied = migrationFolders().map((folder) => resolve(folder));
    // The platform's own folder (core tables, jobs) belongs to no module.
    expect(applied[0]).toMatch(/platform[/\\]migrations$/);
    expect(declared.sort()).toEqual(applied.slice(1).sort());
    for (const m of MODULES)
      if ('migrations' in m && m.migrations)
        expect(fileURLToPath(m.migrations)).toContain(`/modules/${m.name}/`);
  });

  it('give every route a permission some manifest declares, and every declared permission to some role', () => {
    expect(t.app.apiRoutes.length).toBeGreaterThan(50);
    for (const r of t.app.apiRoutes)
      expect(modules.permissions.has(r.permission), `${r.method} ${r.url}: ${r.permission}`).toBe(true);
    const held = new Set([...modules.rolePermissions.values()].flat().concat(modules.administration, modules.machine));
    for (const p of modules.permissions)
      if (p !== 'public' && p !== 'authenticated') expect(held.has(p), `${p} is held`).toBe(true);
  });

  it("give each government role and platform administration what they bring (a stage's role acts by the permission it stands for)", () => {
    const sorted = (role: Parameters<typeof modules.rolePermissions.get>[0]) =>
      [...(modules.rolePermissions.get(role) ?? [])].sort();
    expect(sorted('officer')).toEqual([
      'carriers.recognise',
      'content.write',
      'credit.record',
      'credit.repair',
      'crowd.arbitrate',
      'fulfilment.export',
      'fulfilment.handle',
      'fulfilment.review',
      'fulfilment.work',
      'lists.manage',
      'marketplace.certify',
      'policies.manage',
      'projects.admit',
      'subjects.read_any',
      'subjects.verify',
      'training.oversee',
      'vouchers.manage',
    ]);
    // Reviewers decide; experts score (separation of duties in the roles themselves).
    expect(sorted('reviewer')).toEqual([
      'content.publish',
      'credit.repair',
      'fulfilment.decide',
      'fulfilment.export',
      'fulfilment.review',
      'fulfilment.work',
      'loans.review',
      'marketplace.certify',
      'projects.admit',
      'subjects.read_any',
      'subjects.verify',
    ]);
    expect(sorted('expert')).toEqual(['carriers.assess', 'competitions.judge', 'fulfilment.assess', 'fulfilment.work']);
    expect(sorted('finance')).toEqual(['fulfilment.export', 'fulfilment.pay', 'fulfilment.work', 'loans.fund', 'loans.guarantee', 'subjects.read_any', 'vouchers.settle']);
    expect(sorted('programme_office')).toEqual([
      'admin.audit',
      'calendar.manage',
      'carriers.assessment',
      'carriers.recognise',
      'competitions.manage',
      'content.publish',
      'content.write',
      'exchange.oversee',
      'exchange.report',
      'fulfilment.export',
      'fulfilment.supervise',
      'interconnect.manage',
      'marketplace.grade',
      'mentors.manage',
      'policies.manage',
      'subjects.read_any',
      'targets.manage',
      'training.oversee',
    ]);
    expect(sorted('dept_admin')).toEqual(['interconnect.manage', 'lists.manage', 'subjects.read_any']);
    expect([...modules.machine]).toEqual(['interconnect.client']);
    expect([...modules.administration].sort()).toEqual(['admin.audit', 'admin.organisations', 'admin.users']);
  });

  it('give every job kind a handler the app runner claims it with, and queue the daily ones', async () => {
    expect(new Set(t.app.jobs.registeredKinds())).toEqual(new Set(modules.jobKinds));
    expect([...modules.jobKinds].sort()).toEqual([
      'credit.publication_windows',
      'feeds.tick',
      'finance.escalate_overdue',
      'finder.match_item',
      'finder.refresh_blocks',
      'finder.simulate',
      'fulfilment.overdue_reminders',
      'loans.quarter_subsidies',
      'targets.daily',
      'training.follow_ups',
      'vouchers.bulk_issue',
      'vouchers.expire',
      'webhooks.deliver',
      'webhooks.tick',
    ]);
    const id = await enqueueAnyJob(t.deps.db, 'fulfilment.overdue_reminders', { date: t.deps.clock.today() });
    await t.app.jobs.drain();
    expect(await getJob(t.deps.db, id)).toMatchObject({ status: 'done', attempts: 1 });
    // A kind no manifest declares has no handler: the runner never claims it.
    const stray = await enqueueAnyJob(t.deps.db, 'nobody.handles_this', {});
    await t.app.jobs.drain();
    expect(await getJob(t.deps.db, stray)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('lets the event bus carry only declared events', async () => {
    expect([...modules.events].sort()).toEqual([
      'application.stage_changed',
      'award.approved',
      'award.paid',
      'award.pending',
      'policy.published',
      'subject.facts_changed',
    ]);
    const narrow = new EventBus(['policy.published']);
    await t.deps.db.transaction().execute(async (trx) => {
      await narrow.emit(trx, 'policy.published', {
        itemId: 'x.y',
        version: 2,
        previousVersion: 1,
        publishedBy: null,
      });
      await expect(
        narrow.emit(trx, 'award.paid', { applicationId: 'a', itemId: 'x.y', subjectId: 's', amountFen: 1, productKey: null }),
      ).rejects.toThrow(/"award\.paid" is not declared/);
    });
    expect(() => narrow.on('subject.facts_changed', async () => undefined)).toThrow(/not declared/);
  });

  it('declares every notification kind, application.stage included, and refuses an undeclared one at send time', async () => {
    expect(modules.notificationKinds.map((k) => k.kind)).toEqual([
      'policy.approval_requested',
      'policy.match',
      'profile.eligible',
      'award.pending',
      'application.stage',
      'fulfilment.overdue',
      'fulfilment.objection',
      'crowd.task',
      'crowd.message',
      'voucher.issued',
      'marketplace.order',
      'marketplace.certification',
      'instruments.booking',
      'competitions.judging',
      'competitions.result',
      'projects.progress',
      'finance.request',
      'finance.overdue',
      'ipo.progress',
      'investors.contact',
      'targets.report_due',
      'targets.report_escalated',
      'targets.supervision_issued',
      'targets.supervision_answered',
      'targets.supervision_overdue',
      'targets.supervision_escalated',
    ]);
    const founder = new TestClient(t.app);
    await founder.loginDemo('founder', t.clock);
    const prefs = await founder.get('/api/v1/notifications/preferences');
    expect(prefs.json().items.map((i: { kind: string }) => i.kind)).toEqual(
      modules.notificationKinds.map((k) => k.kind),
    );
    const off = await founder.request('PUT', '/api/v1/notifications/preferences', {
      preferences: { 'application.stage': false },
    });
    expect(off.statusCode).toBe(200);
    const userId = (await founder.get('/api/v1/auth/me')).json().user.id as string;
    await t.deps.db.transaction().execute(async (trx) => {
      const withoutKinds = { clock: t.deps.clock, modules: { notificationKinds: [] } };
      await expect(
        notify(trx, withoutKinds, { userId, kind: 'policy.match', title: label, body: label }),
      ).rejects.toThrow(/"policy\.match" is not declared/);
      expect(await notify(trx, t.deps, { userId, kind: 'policy.match', title: label, body: label })).toBe(1);
    });
  });
});

describe('a contradiction in the manifests stops the start', () => {
  const fake = (over: Partial<ModuleManifest>): ModuleManifest => ({ name: 'fake', label, ...over });

  it('a name declared twice', () => {
    expect(() => assembleModules([...MODULES, fake({ name: 'calendar' })])).toThrow(
      /module "calendar" is declared by calendar twice/,
    );
    expect(() =>
      assembleModules([
        ...MODULES,
        fake({ permissions: [{ name: 'calendar.manage', label, roles: ['officer'] }] }),
      ]),
    ).toThrow(/permission "calendar.manage" is declared by both calendar and fake/);
    expect(() => assembleModules([...MODULES, fake({ events: { emits: ['policy.published'] } })])).toThrow(
      /emitted event "policy.published" is declared by both policies and fake/,
    );
    expect(() =>
      assembleModules([
        ...MODULES,
        fake({ notificationKinds: [{ kind: 'award.pending', label, description: label }] }),
      ]),
    ).toThrow(/notification kind "award.pending"/);
    expect(() => assembleModules([...MODULES, fake({ jobs: finderManifest.jobs })])).toThrow(
      /job kind "finder.match_item" is declared by both finder and fake/,
    );
    const source = { kind: 'carriers', label, order: 1, search: async () => ({ total: 0, hits: [] }) };
    expect(() => assembleModules([...MODULES, fake({ searchSources: [source] })])).toThrow(/search source "carriers" is declared by both carriers and fake/);
  });

  it('a permission no role holds (an unknown role does not compile: GovernmentRole)', () => {
    expect(() =>
      assembleModules([
        ...MODULES.filter((m) => m.name !== 'calendar'),
        fake({ permissions: [{ name: 'calendar.manage', label, roles: [] }] }),
      ]),
    ).toThrow(/held by no role/);
  });

  it('a handler of an event nobody emits, and a daily job without handler', () => {
    const withoutPolicies = MODULES.filter((m) => m.name !== 'policies');
    expect(() => assembleModules(withoutPolicies)).toThrow(
      /finder handles "policy.published", which no module declares that it emits/,
    );
    const withoutJobs = MODULES.map((m): ModuleManifest =>
      m.name === 'fulfilment' ? { ...m, jobs: [] } : m,
    );
    expect(() => assembleModules(withoutJobs)).toThrow(
      /daily job "fulfilment.overdue_reminders", which has no handler/,
    );
    expect(() =>
      assembleModules([...MODULES, fake({ events: { handles: [on('award.paid', async () => undefined)] } })]),
    ).not.toThrow();
  });

  it('a route without a permission, or with one no manifest declares', async () => {
    const noPermission = fake({ routes: (app) => void app.get('/api/v1/fake', async () => ({})) });
    await expect(buildWith([...MODULES, noPermission])).rejects.toThrow(
      /GET \/api\/v1\/fake must declare a config.permission/,
    );
    const calendarWithoutPermissions = MODULES.map((m): ModuleManifest =>
      m.name === 'calendar' ? { ...m, permissions: [] } : m,
    );
    await expect(buildWith(calendarWithoutPermissions)).rejects.toThrow(
      /PUT \/api\/v1\/calendar\/:year needs the permission "calendar.manage", which no module manifest declares/,
    );
  });

  it('errors are instances of ManifestError with the message in both languages', () => {
    expect(() => assembleModules([...MODULES, fake({ name: 'files' })])).toThrow(ManifestError);
    expect(() => assembleModules([...MODULES, fake({ name: 'files' })])).toThrow(
      /^模块清单有误 \/ Module manifests: /,
    );
  });
});

describe('statistics', () => {
  const WHOLE = { from: '2000-01-01', to: '2100-12-31' };
  const stat = (name: string, q: { regionCode: string; from: string; to: string }) =>
    modules.statistics.get(name)!.compute(t.deps.db, q);

  it('each has a name of its module, a label and a unit in both languages', () => {
    expect(modules.statistics.size).toBeGreaterThanOrEqual(8);
    for (const [name, s] of modules.statistics) {
      expect(MODULES.some((m) => name.startsWith(`${m.name}.`))).toBe(true);
      expect(s.label.zh && s.label.en && s.unit.zh && s.unit.en).toBeTruthy();
    }
  });

  it('count the demo profiles and enterprises by region', async () => {
    // Demo enterprises: Nanning 450103, Nanchang 360111, Yingtan 360602, Yuxi 530402, Yuetang 430304; the founder's profile in Nanning.
    expect(await stat('identity.enterprises_registered', { regionCode: '360000', ...WHOLE })).toBe(2);
    expect(await stat('identity.enterprises_registered', { regionCode: '360100', ...WHOLE })).toBe(1);
    expect(await stat('identity.enterprises_registered', { regionCode: '110000', ...WHOLE })).toBe(0);
    // Jiangxi: the two enterprises' profiles, the demo carrier 鹰潭信江众创空间's own (载体档案), and the
    // project library's posters in Yingtan: 鹰潭市铜产业技术服务中心 (服务机构档案) and the person 程思远.
    expect(await stat('subjects.profiles_created', { regionCode: '360000', ...WHOLE })).toBe(5);
    expect(await stat('subjects.profiles_created', { regionCode: '530400', ...WHOLE })).toBe(1);
    expect(
      await stat('subjects.profiles_created', { regionCode: '360000', from: '2000-01-01', to: '2000-12-31' }),
    ).toBe(0);
    // The catalogue shipped in catalog/ is imported, not published by anyone; the demo's Nanning
    // programme office publishes the five renewals (policies.demo.ts), and no one else publishes.
    expect(await stat('policies.versions_published', { regionCode: '450000', ...WHOLE })).toBe(5);
    expect(await stat('policies.versions_published', { regionCode: '360000', ...WHOLE })).toBe(0);
  });

  it('count working days on the holiday arrangement', async () => {
    // 2026-11-16 (Monday) to 2026-11-29 (Sunday): two weeks of five working days.
    expect(
      await stat('calendar.working_days', { regionCode: '450100', from: '2026-11-16', to: '2026-11-29' }),
    ).toBe(10);
    expect(
      await stat('calendar.working_days', { regionCode: '450100', from: '2026-11-21', to: '2026-11-22' }),
    ).toBe(0);
  });

  it('count an application submitted in the region and day it was, and the notification its applicant got', async () => {
    const day = { from: t.deps.clock.today(), to: t.deps.clock.today() };
    const before = await stat('fulfilment.applications_submitted', { regionCode: '450100', ...day });
    const notifiedBefore = await stat('notifications.sent_to_subjects', { regionCode: '450100', ...day });
    const ent = new TestClient(t.app);
    await ent.loginDemo('ent.nanning', t.clock);
    const subjectId = (await ent.get('/api/v1/subjects/mine'))
      .json()
      .items.find((s: { kind: string }) => s.kind === 'enterprise').id as string;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const boundary = '----seedbedtest';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const certificate = (
      await ent.request('POST', '/api/v1/files', body, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      })
    ).json().id as string;
    const r = await ent.post('/api/v1/fulfilment/applications', {
      itemId: 'nn.new-product-subsidy',
      subjectId,
      answers: { nn_new_products_certified: 3 },
      materials: { new_product_certificate: certificate },
    });
    expect(r.statusCode).toBe(201);
    expect(await stat('fulfilment.applications_submitted', { regionCode: '450100', ...day })).toBe(
      before + 1,
    );
    expect(await stat('fulfilment.applications_submitted', { regionCode: '450000', ...day })).toBe(
      before + 1,
    );
    expect(await stat('fulfilment.applications_submitted', { regionCode: '360000', ...day })).toBe(0);
    // Its records (a target's drill-down) are the applications it counts, newest first, by reference and title.
    const records = await t.deps.modules.statistics.get('fulfilment.applications_submitted')!.records!(t.deps.db, { regionCode: '450100', ...day }, 50);
    expect(records).toHaveLength(before + 1);
    expect(records[0]).toMatchObject({ label: `${r.json<{ reference: string }>().reference} 工业新产品补助`, date: day.from, link: null });
    expect(
      await stat('fulfilment.applications_submitted', {
        regionCode: '450100',
        from: '2026-01-01',
        to: '2026-11-19',
      }),
    ).toBe(0);
    // The stage change told the enterprise's owner (kind application.stage).
    expect(await stat('notifications.sent_to_subjects', { regionCode: '450100', ...day })).toBe(
      notifiedBefore + 1,
    );
    expect(await stat('budgets.paid_fen', { regionCode: '450100', ...day })).toBe(0);
  });
});
