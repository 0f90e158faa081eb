import { Type } from '@sinclair/typebox';
import { ContentBody, ContentDesk, ContentPage, ContentQuery, ContentReviewBody, ContentSummary, IdParams } from '@seedbed/contract';
import type { FastifyRequest } from 'fastify';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { notFound } from '../../platform/problems.js';
import { getFile, openFileBytes, sendStoredFile } from '../files/index.js';
import { newsFeed, policiesFeed, sitemap } from './content.feeds.js';
import * as s from './content.service.js';

const tags = ['content'];
const XML = 'application/xml; charset=utf-8';
const RSS = 'application/rss+xml; charset=utf-8';
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export function contentRoutes(app: AppInstance): void {
  const d = app.deps;

  // ------------------------------------------------------------ public
  app.get(
    '/api/v1/public/content',
    { config: { permission: 'public' }, schema: { tags, summary: '资讯 / Published news, notices, policy interpretations and videos (search in Chinese or pinyin; by kind, category, catalogue item)', querystring: ContentQuery, response: { 200: Type.Array(ContentSummary) } } },
    async (request) => s.publicList(d, request.query),
  );
  app.get(
    '/api/v1/content/:id',
    { config: { permission: 'public' }, schema: { tags, summary: '资讯详情 / A content item (public once published; before that its author and reviewers)', params: IdParams, response: { 200: ContentPage } } },
    async (request) => s.contentPage(d, request.principal ?? undefined, request.params.id),
  );
  app.get(
    '/api/v1/content/files/:id',
    { config: { permission: 'public' }, schema: { tags, summary: '资讯的图片与附件 / An image or attachment of a content item (public once the item is)', params: IdParams } },
    async (request, reply) => {
      if (!(await s.mayReadFile(d, request.principal ?? undefined, request.params.id))) throw notFound({ zh: '该文件', en: 'File' });
      const file = await getFile(d.db, request.params.id);
      return sendStoredFile(reply, file, openFileBytes(d.config, file.id));
    },
  );
  app.get('/feeds/news.xml', { config: { permission: 'public' }, schema: { tags, summary: '资讯订阅（RSS 2.0）/ News feed' } }, async (request, reply) =>
    reply.type(RSS).header('cache-control', 'public, max-age=300').send(await newsFeed(d, originOf(request))),
  );
  app.get('/feeds/policies.xml', { config: { permission: 'public' }, schema: { tags, summary: '新发布政策订阅（RSS 2.0）/ Newly published policies feed' } }, async (request, reply) =>
    reply.type(RSS).header('cache-control', 'public, max-age=300').send(await policiesFeed(d, originOf(request))),
  );
  app.get('/sitemap.xml', { config: { permission: 'public' }, schema: { tags, summary: '站点地图 / Sitemap of the public pages' } }, async (request, reply) =>
    reply.type(XML).header('cache-control', 'public, max-age=3600').send(await sitemap(d, originOf(request))),
  );

  // ------------------------------------------------------------ officers
  app.get(
    '/api/v1/content-desk',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '资讯工作台 / My drafts, items awaiting my review, and what is published', response: { 200: ContentDesk } } },
    async (request) => s.desk(d, requirePrincipal(request)),
  );
  app.post(
    '/api/v1/content',
    { config: { permission: 'content.write' }, schema: { tags, summary: '撰写资讯 / Write a content item (a draft; HTML sanitised)', body: ContentBody, response: { 201: ContentPage } } },
    async (request, reply) => reply.code(201).send(await s.createItem(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.put(
    '/api/v1/content/:id',
    { config: { permission: 'content.write' }, schema: { tags, summary: '修改资讯 / Edit a draft or returned item (its author)', params: IdParams, body: ContentBody, response: { 200: ContentPage } } },
    async (request) => s.updateItem(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/content/:id/submit',
    { config: { permission: 'content.write' }, schema: { tags, summary: '提交审核 / Submit for review (its author)', params: IdParams, response: { 200: ContentPage } } },
    async (request) => s.submitItem(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.post(
    '/api/v1/content/:id/review',
    { config: { permission: 'content.publish' }, schema: { tags, summary: '审核发布或退回 / Publish (now or at a time) or return with a reason (another officer than its author)', params: IdParams, body: ContentReviewBody, response: { 200: ContentPage } } },
    async (request) => s.reviewItem(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/content/:id/withdraw',
    { config: { permission: 'content.publish' }, schema: { tags, summary: '撤下 / Withdraw a published item', params: IdParams, response: { 200: ContentPage } } },
    async (request) => s.withdrawItem(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
}
