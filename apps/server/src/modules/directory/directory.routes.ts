import { Type } from '@sinclair/typebox';
import { DirectoryEnterprise, DirectoryList, DirectoryListingBody, DirectoryQuery, IdParams, MyDirectoryListing } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import * as s from './directory.service.js';

const tags = ['directory'];

export function directoryRoutes(app: AppInstance): void {
  const d = app.deps;
  app.get(
    '/api/v1/directory/enterprises',
    { config: { permission: 'public' }, schema: { tags, summary: '企业名录 / Enterprises listed publicly (search in Chinese or pinyin; by district)', querystring: DirectoryQuery, response: { 200: DirectoryList } } },
    async (request) => s.publicList(d, request.query),
  );
  app.get(
    '/api/v1/directory/enterprises/:id',
    { config: { permission: 'public' }, schema: { tags, summary: '企业展示页 / A listed enterprise: name, industry, district, introduction, products', params: IdParams, response: { 200: DirectoryEnterprise } } },
    async (request) => s.publicEnterprise(d, request.params.id),
  );
  app.get(
    '/api/v1/directory/mine',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '我的企业展示 / The enterprises I act for and how each is listed', response: { 200: Type.Array(MyDirectoryListing) } } },
    async (request) => s.myListings(d, requirePrincipal(request)),
  );
  app.put(
    '/api/v1/directory/enterprises/:id',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '公开展示 / List the enterprise publicly, or change its introduction and products (its members)', params: IdParams, body: DirectoryListingBody, response: { 200: MyDirectoryListing } } },
    async (request) => s.saveListing(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/directory/enterprises/:id',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '取消公开展示 / Withdraw the enterprise from the directory at once (its members)', params: IdParams, response: { 200: MyDirectoryListing } } },
    async (request) => s.removeListing(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
}
