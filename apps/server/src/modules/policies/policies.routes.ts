import { Type } from '@sinclair/typebox';
import { auditContextOf, publicReader, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { PolicyDiffQuery, PolicyDocumentList, PolicyPublishImpact, PolicyReturnBody, PolicyPreviewBody, PolicyRulePreview, PolicyRuleVocabulary, PolicyDraftBody, PolicyItemParams, NewPolicyItemBody, PolicyDetail, PolicyFacets, PolicyList, PolicyQuery, PolicyVersionDiff, PolicyVersionParams, PolicyVersionView } from '@seedbed/contract';
import { approveDraft, publishImpactOf, returnDraft } from './policies.service.js';
import { previewDraft, ruleVocabulary } from './policies.preview.js';
import { createItem, diffVersions, discardDraft, listDocuments, getPolicyDetail, getVersion, listDrafts, listPolicies, listVersions, mayManage, policyFacets, publishDraft, saveDraft } from './policies.service.js';

export function policyRoutes(app: AppInstance): void {
  const deps = () => app.deps;

  app.get(
    '/api/v1/policies',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['policies'],
        summary: '政策库检索 / Search the policy library (Chinese words, pinyin, initials; filters by region, department, subject type, benefit type, open/closed)',
        querystring: PolicyQuery,
        response: { 200: PolicyList },
      },
    },
    async (request) => listPolicies(publicReader(app, request), request.query),
  );

  app.get(
    '/api/v1/policies/facets',
    { config: { permission: 'public' }, schema: { tags: ['policies'], summary: '政策库筛选项 / Filter values of the policy library', response: { 200: PolicyFacets } } },
    async (request) => policyFacets(publicReader(app, request).db),
  );

  app.get(
    '/api/v1/policies/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['policies'],
        summary: '政策详情 / A policy: source sentence, criteria, amount rule, responsible department, how to apply, version history',
        params: PolicyItemParams,
        response: { 200: PolicyDetail },
      },
    },
    async (request) => ({ ...(await getPolicyDetail(publicReader(app, request), request.params.id)), canManage: await mayManage(app.deps.db, request.principal, request.params.id) }),
  );

  app.get(
    '/api/v1/policies/:id/versions',
    {
      config: { permission: 'policies.manage' },
      schema: { tags: ['policies'], summary: '政策版本（含草稿）/ All versions of a policy, drafts included (officers)', params: PolicyItemParams, response: { 200: Type.Object({ items: Type.Array(PolicyVersionView) }) } },
    },
    async (request) => ({ items: await listVersions(app.deps.db, request.params.id) }),
  );

  app.get(
    '/api/v1/policies/:id/versions/:version',
    { config: { permission: 'policies.manage' }, schema: { tags: ['policies'], summary: '一个政策版本 / One version of a policy (officers)', params: PolicyVersionParams, response: { 200: PolicyVersionView } } },
    async (request) => getVersion(app.deps.db, request.params.id, request.params.version),
  );

  app.get(
    '/api/v1/policies/:id/diff',
    {
      config: { permission: 'policies.manage' },
      schema: { tags: ['policies'], summary: '版本差异 / Diff of two versions: rules, amounts, parameters (officers)', params: PolicyItemParams, querystring: PolicyDiffQuery, response: { 200: PolicyVersionDiff } },
    },
    async (request) => diffVersions(app.deps.db, request.params.id, request.query.from, request.query.to),
  );

  app.put(
    '/api/v1/policies/:id/draft',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['policies'],
        summary: '保存草稿版本 / Save the draft of a new version (rule JSON checked by the rules engine; errors name the path)',
        params: PolicyItemParams,
        body: PolicyDraftBody,
        response: { 200: PolicyVersionView },
      },
    },
    async (request) => saveDraft(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/policies/:id/versions/:version/publish',
    {
      config: { permission: 'policies.manage' },
      schema: { tags: ['policies'], summary: '发布草稿 / Publish a draft version (the finder then re-matches every registered subject); above the thresholds of affected subjects or cost it awaits a second officer\'s approval instead', params: PolicyVersionParams, response: { 200: PolicyVersionView } },
    },
    async (request) => publishDraft(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.params.version),
  );

  app.get(
    '/api/v1/policies/:id/versions/:version/impact',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['policies'],
        summary: '发布影响 / What publishing the draft changes over the registered subjects, and whether a second officer must approve it (officers)',
        params: PolicyVersionParams,
        response: { 200: PolicyPublishImpact },
      },
    },
    async (request) => publishImpactOf(deps(), requirePrincipal(request), request.params.id, request.params.version),
  );

  app.post(
    '/api/v1/policies/:id/versions/:version/approve',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['policies'],
        summary: '审批并发布 / A second officer of the same department approves a draft awaiting approval; it is published (never its author)',
        params: PolicyVersionParams,
        response: { 200: PolicyVersionView },
      },
    },
    async (request) => approveDraft(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.params.version),
  );

  app.post(
    '/api/v1/policies/:id/versions/:version/return',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['policies'],
        summary: '退回 / A second officer sends a draft awaiting approval back to its author',
        params: PolicyVersionParams,
        body: PolicyReturnBody,
        response: { 200: PolicyVersionView },
      },
    },
    async (request) => returnDraft(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.params.version, request.body.reason),
  );

  app.delete(
    '/api/v1/policies/:id/versions/:version',
    { config: { permission: 'policies.manage' }, schema: { tags: ['policies'], summary: '撤销草稿 / Discard a draft version', params: PolicyVersionParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await discardDraft(deps(), requirePrincipal(request), auditContextOf(request), request.params.id, request.params.version);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/policies',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['policies'],
        summary: '新建政策事项 / Create a new policy item from a source document, as an unpublished draft version 1 (then simulate and publish it)',
        description:
          'The quote must be a passage of the document\'s source text; the rule is checked by the rules engine (errors name the path); the id must be new (409 otherwise). ' +
          'Until it is published the item is not in the library, the calculator or the finder.',
        body: NewPolicyItemBody,
        response: { 200: PolicyVersionView },
      },
    },
    async (request) => createItem(deps(), requirePrincipal(request), auditContextOf(request), request.body),
  );

  app.get(
    '/api/v1/policy-documents',
    { config: { permission: 'public' }, schema: { tags: ['policies'], summary: '政策文件 / The source documents of the catalogue', response: { 200: PolicyDocumentList } } },
    async (request) => listDocuments(publicReader(app, request).db),
  );

  app.get(
    '/api/v1/policy-rule-vocabulary',
    {
      config: { permission: 'policies.manage' },
      schema: { tags: ['policies'], summary: '规则构建器词汇 / Variables (grouped, labelled, typed) and parameters the visual rule builder offers (officers)', response: { 200: PolicyRuleVocabulary } },
    },
    async () => ruleVocabulary(app.deps.clock.today()),
  );

  app.post(
    '/api/v1/policies/:id/preview',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['policies'],
        summary: '规则预览 / The edited rule in the engine\'s plain words, or its problems each naming the criterion (officers; nothing is saved)',
        params: PolicyItemParams,
        body: PolicyPreviewBody,
        response: { 200: PolicyRulePreview },
      },
    },
    async (request) => previewDraft(app.deps, requirePrincipal(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/policy-drafts',
    { config: { permission: 'policies.manage' }, schema: { tags: ['policies'], summary: '待发布的草稿 / Open drafts (officers)', response: { 200: Type.Object({ items: Type.Array(PolicyVersionView) }) } } },
    async () => ({ items: await listDrafts(app.deps.db) }),
  );
}
