/**
 * Content's use cases: officers write news, notices, policy interpretations and videos; a
 * second officer (a reviewer covering the author's department, never the author) publishes
 * them, at once or at a set time, or returns them with a reason; the public reads what is
 * published and due, searched in Chinese words and pinyin. The HTML is sanitised here, before
 * anything is stored; the images it shows and the attachments are files the writer uploaded.
 */
import {
  CONTENT_KIND_LABELS,
  CONTENT_CATEGORY_LABELS,
  type ContentBody,
  type ContentDesk,
  type ContentPage,
  type ContentQuery,
  type ContentReviewBody,
  type ContentSummary,
  type FieldError,
} from '@seedbed/contract';
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantIn, nullableInstantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { indexLexemes, itemTitles, searchQuery } from '../policies/index.js';
import * as repo from './content.repository.js';
import { CONTENT_FILE_PATH, imageFileIds, plainText, sanitiseHtml } from './content.sanitise.js';

export type ContentDeps = Pick<AppDeps, 'db' | 'clock'>;

const ITEM = { zh: '该资讯', en: 'Content item' };

// ---------------------------------------------------------------- shapes

const summaryOf = (r: repo.ContentRow): ContentSummary => ({
  id: r.id,
  kind: r.kind,
  category: r.category,
  title: r.title,
  summary: r.summary,
  department: r.department,
  publishAt: nullableInstantOut(r.publish_at),
  status: r.status,
});

const isPublic = (r: repo.ContentRow, now: Date) => r.status === 'published' && r.publish_at !== null && r.publish_at <= now;
const mayReview = (p: Principal | undefined, r: repo.ContentRow) => p !== undefined && p.userId !== r.author_id && mayAccess(p, 'content.publish', { regionCode: r.region_code });
const mayWrite = (p: Principal | undefined, r: repo.ContentRow) => p !== undefined && p.userId === r.author_id && mayAccess(p, 'content.write');
const mayReadDraft = (p: Principal | undefined, r: repo.ContentRow) => mayWrite(p, r) || mayReview(p, r);

async function pageOf(deps: ContentDeps, principal: Principal | undefined, r: repo.ContentRow): Promise<ContentPage> {
  const [links, attachments] = await Promise.all([repo.policyLinksOf(deps.db, r.id), repo.attachmentsOf(deps.db, r.id)]);
  const titles = await itemTitles(deps.db, links);
  const policies = links.flatMap((id) => {
    const t = titles.get(id);
    return t ? [{ id, title_zh: t.zh, title_en: t.en }] : [];
  });
  return {
    ...summaryOf(r),
    bodyHtml: r.body_html,
    videoUrl: r.video_url,
    policies: policies.map((p) => ({ id: p.id, title: p.title_zh, titleEn: p.title_en })),
    attachments: attachments.map((a) => ({ id: a.id, name: a.name, size: a.size, href: `${CONTENT_FILE_PATH}${a.id}` })),
    author: r.author_name,
    reviewer: r.reviewer_name,
    returnReason: r.return_reason,
    mayEdit: mayWrite(principal, r) && (r.status === 'draft' || r.status === 'returned'),
    mayReview: mayReview(principal, r) && r.status === 'submitted',
    mayWithdraw: mayReview(principal, r) && r.status === 'published',
  };
}

// ---------------------------------------------------------------- public

/** Published items that are due, newest first; words and pinyin, kind, category, the policy item they explain. */
export async function publicList(deps: ContentDeps, q: ContentQuery): Promise<ContentSummary[]> {
  const tsquery = q.q ? searchQuery(q.q) : null;
  if (q.q && q.q.trim() && tsquery === null) return [];
  const rows = await repo.findContent(deps.db, { publicAt: deps.clock.now(), tsquery, kind: q.kind ?? null, category: q.category ?? null, policyItem: q.policyItem ?? null, limit: 200 });
  return rows.map(summaryOf);
}

/** An item's page: public once published and due; before that only its author and its reviewers see it. */
export async function contentPage(deps: ContentDeps, principal: Principal | undefined, id: string): Promise<ContentPage> {
  const [r] = await repo.findContent(deps.db, { ids: [id] });
  if (!r || !(isPublic(r, deps.clock.now()) || mayReadDraft(principal, r))) throw notFound(ITEM);
  return pageOf(deps, principal, r);
}

/** A file an item uses: anyone may read it once the item is public; officers who write or review content meanwhile; the uploader always. */
export async function mayReadFile(deps: ContentDeps, principal: Principal | undefined, fileId: string): Promise<boolean> {
  const use = await repo.fileUse(deps.db, fileId, deps.clock.now());
  if (use.public) return true;
  if (!principal) return false;
  const [file] = await repo.filesByIds(deps.db, [fileId]);
  if (!file) return false;
  if (file.owner_user_id === principal.userId) return true;
  return use.used && (mayAccess(principal, 'content.write') || mayAccess(principal, 'content.publish'));
}

// ---------------------------------------------------------------- writing

async function checkBody(deps: ContentDeps, principal: Principal, body: ContentBody): Promise<{ html: string; images: string[]; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const title = body.title.trim();
  if (title.length < 2) errors.push(fieldError('title', 'required', '应填写标题（至少 2 个字）', 'must give a title (at least 2 characters)'));
  const html = sanitiseHtml(body.bodyHtml);
  if (plainText(html).length === 0 && body.kind !== 'video') errors.push(fieldError('bodyHtml', 'required', '应填写正文', 'must have a text'));
  if (body.kind === 'video') {
    if (body.videoUrl === null || !/^https?:\/\/[^\s<>"]+$/.test(body.videoUrl.trim()))
      errors.push(fieldError('videoUrl', 'url', '视频应填写官方视频页面的网址（http 或 https）', 'a video must link to its official page (an http or https address)'));
  } else if (body.videoUrl !== null) errors.push(fieldError('videoUrl', 'video_only', '只有视频才填写视频网址', 'only a video has a video address'));
  if (body.kind === 'interpretation' && body.policyItemIds.length === 0)
    errors.push(fieldError('policyItemIds', 'required', '政策解读应关联它所解读的政策事项', 'a policy interpretation must link the catalogue items it explains'));
  if (body.kind !== 'interpretation' && body.policyItemIds.length > 0)
    errors.push(fieldError('policyItemIds', 'interpretation_only', '只有政策解读关联政策事项', 'only a policy interpretation links catalogue items'));
  const known = await itemTitles(deps.db, body.policyItemIds);
  if (body.policyItemIds.some((p) => !known.has(p))) errors.push(fieldError('policyItemIds', 'known_item', '关联的政策事项不存在', 'names a catalogue item that does not exist'));
  const images = imageFileIds(html);
  const files = await repo.filesByIds(deps.db, [...images, ...body.attachmentIds]);
  const byId = new Map(files.map((f) => [f.id, f]));
  if (images.some((id) => !byId.get(id)?.content_type.startsWith('image/')))
    errors.push(fieldError('bodyHtml', 'own_images', '正文中的图片应为本平台上传的图片', 'images must be pictures uploaded to the platform'));
  for (const id of body.attachmentIds) {
    const f = byId.get(id);
    if (!f || f.content_type !== 'application/pdf') {
      errors.push(fieldError('attachmentIds', 'pdf', '附件应为已上传的 PDF 文件', 'attachments must be uploaded PDF files'));
      break;
    }
    if (f.owner_user_id !== principal.userId) {
      errors.push(fieldError('attachmentIds', 'own_upload', '附件应为本人上传的文件', 'attachments must be files you uploaded'));
      break;
    }
  }
  return { html, images, errors };
}

const lexemesOf = (body: ContentBody, html: string, department: string) =>
  indexLexemes(`${body.title} ${body.summary} ${plainText(html)} ${CONTENT_KIND_LABELS[body.kind].zh} ${CONTENT_CATEGORY_LABELS[body.category].zh} ${department}`);

const summaryText = (body: ContentBody, html: string) => (body.summary.trim() || plainText(html).slice(0, 120)).slice(0, 300);

/** A new draft in the writer's department. */
export async function createItem(deps: ContentDeps, principal: Principal, ctx: AuditContext, body: ContentBody): Promise<ContentPage> {
  const dept = membershipsGranting(principal, 'content.write')[0];
  if (!dept) throw forbidden('只有政府部门的经办人员可以撰写资讯', 'Only officers of a department may write content');
  const { html, images, errors } = await checkBody(deps, principal, body);
  if (errors.length > 0) throw invalid(errors);
  const id = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const id = await repo.insertItem(
      trx,
      {
        kind: body.kind,
        category: body.category,
        title: body.title.trim(),
        summary: summaryText(body, html),
        body_html: html,
        video_url: body.videoUrl?.trim() ?? null,
        organisation_id: dept.organisationId,
        author_id: principal.userId,
        created_at: now,
        updated_at: now,
      },
      lexemesOf(body, html, dept.organisationName),
    );
    await repo.setPolicies(trx, id, [...new Set(body.policyItemIds)]);
    await repo.setFiles(trx, id, images, [...new Set(body.attachmentIds)]);
    await record(trx, deps.clock, ctx, { action: 'content.drafted', entityType: 'content', entityId: id, data: { kind: body.kind, title: body.title.trim() } });
    return id;
  });
  return contentPage(deps, principal, id);
}

/** The author edits a draft or a returned item. */
export async function updateItem(deps: ContentDeps, principal: Principal, ctx: AuditContext, id: string, body: ContentBody): Promise<ContentPage> {
  const [r] = await repo.findContent(deps.db, { ids: [id] });
  if (!r || !mayReadDraft(principal, r)) throw notFound(ITEM);
  if (!mayWrite(principal, r)) throw forbidden('只有作者可以修改', 'Only its author may edit it');
  const { html, images, errors } = await checkBody(deps, principal, body);
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockItem(trx, id);
    if (!locked || (locked.status !== 'draft' && locked.status !== 'returned'))
      throw conflict('CONTENT_NOT_EDITABLE', '已提交或已发布的资讯不能修改', 'Submitted or published content cannot be edited', [fieldError('status', 'editable', '只有草稿或已退回的资讯可以修改', 'only drafts and returned items can be edited')]);
    await repo.updateItem(
      trx,
      id,
      { kind: body.kind, category: body.category, title: body.title.trim(), summary: summaryText(body, html), body_html: html, video_url: body.videoUrl?.trim() ?? null, updated_at: deps.clock.now() },
      lexemesOf(body, html, r.department),
    );
    await repo.setPolicies(trx, id, [...new Set(body.policyItemIds)]);
    await repo.setFiles(trx, id, images, [...new Set(body.attachmentIds)]);
    await record(trx, deps.clock, ctx, { action: 'content.edited', entityType: 'content', entityId: id, data: { title: body.title.trim() } });
  });
  return contentPage(deps, principal, id);
}

/** The author submits it for review. */
export async function submitItem(deps: ContentDeps, principal: Principal, ctx: AuditContext, id: string): Promise<ContentPage> {
  const [r] = await repo.findContent(deps.db, { ids: [id] });
  if (!r || !mayReadDraft(principal, r)) throw notFound(ITEM);
  if (!mayWrite(principal, r)) throw forbidden('只有作者可以提交审核', 'Only its author may submit it');
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockItem(trx, id);
    if (!locked || (locked.status !== 'draft' && locked.status !== 'returned'))
      throw conflict('CONTENT_NOT_SUBMITTABLE', '该资讯已提交或已发布', 'This item is already submitted or published', [fieldError('status', 'submittable', '只有草稿或已退回的资讯可以提交', 'only drafts and returned items can be submitted')]);
    await repo.updateItem(trx, id, { status: 'submitted', return_reason: null, updated_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'content.submitted', entityType: 'content', entityId: id, data: {} });
  });
  return contentPage(deps, principal, id);
}

/** A second officer publishes (now or at a set time) or returns it with a reason. */
export async function reviewItem(deps: ContentDeps, principal: Principal, ctx: AuditContext, id: string, body: ContentReviewBody): Promise<ContentPage> {
  const [r] = await repo.findContent(deps.db, { ids: [id] });
  if (!r || !mayReadDraft(principal, r)) throw notFound(ITEM);
  if (r.author_id === principal.userId) throw forbidden('资讯须由作者以外的另一位工作人员审核发布', 'Another officer than its author must review and publish it');
  if (!mayReview(principal, r)) throw forbidden('只有主管该部门的审核人员可以发布', "Only a reviewer covering the author's department may publish it");
  const now = deps.clock.now();
  const errors: FieldError[] = [];
  let publishAt = now;
  if (body.decision === 'publish') {
    if (body.publishAt !== null) {
      publishAt = instantIn(body.publishAt);
      if (publishAt < now) publishAt = now;
    }
    if (body.reason !== null) errors.push(fieldError('reason', 'return_only', '发布时不填写退回原因', 'a reason is given only when returning'));
  } else {
    if (!body.reason || body.reason.trim().length === 0) errors.push(fieldError('reason', 'required', '退回时应说明原因', 'must say why it is returned'));
    if (body.publishAt !== null) errors.push(fieldError('publishAt', 'publish_only', '退回时不设发布时间', 'a publication time is set only when publishing'));
  }
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockItem(trx, id);
    if (!locked || locked.status !== 'submitted')
      throw conflict('CONTENT_NOT_SUBMITTED', '该资讯不在待审核状态', 'This item is not awaiting review', [fieldError('status', 'submitted', '只有待审核的资讯可以发布或退回', 'only items awaiting review can be published or returned')]);
    if (body.decision === 'publish') await repo.updateItem(trx, id, { status: 'published', publish_at: publishAt, reviewer_id: principal.userId, reviewed_at: now, updated_at: now });
    else await repo.updateItem(trx, id, { status: 'returned', return_reason: body.reason!.trim(), reviewer_id: principal.userId, reviewed_at: now, updated_at: now });
    await record(trx, deps.clock, ctx, {
      action: body.decision === 'publish' ? 'content.published' : 'content.returned',
      entityType: 'content',
      entityId: id,
      data: body.decision === 'publish' ? { publishAt: publishAt.toISOString() } : { reason: body.reason!.trim() },
    });
  });
  return contentPage(deps, principal, id);
}

/** A reviewer takes a published item down. */
export async function withdrawItem(deps: ContentDeps, principal: Principal, ctx: AuditContext, id: string): Promise<ContentPage> {
  const [r] = await repo.findContent(deps.db, { ids: [id] });
  if (!r || !(isPublic(r, deps.clock.now()) || mayReadDraft(principal, r))) throw notFound(ITEM);
  if (!mayAccess(principal, 'content.publish', { regionCode: r.region_code })) throw forbidden('只有主管该部门的审核人员可以撤下', "Only a reviewer covering the author's department may withdraw it");
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockItem(trx, id);
    if (!locked || locked.status !== 'published') throw conflict('CONTENT_NOT_PUBLISHED', '该资讯未发布', 'This item is not published', [fieldError('status', 'published', '只有已发布的资讯可以撤下', 'only published items can be withdrawn')]);
    await repo.updateItem(trx, id, { status: 'withdrawn', updated_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'content.withdrawn', entityType: 'content', entityId: id, data: {} });
  });
  return contentPage(deps, principal, id);
}

/** An officer's desk: their own items, those awaiting their review, and what is published (scheduled ones included). */
export async function desk(deps: ContentDeps, principal: Principal): Promise<ContentDesk> {
  const mine = mayAccess(principal, 'content.write') ? await repo.findContent(deps.db, { authorId: principal.userId, statuses: ['draft', 'submitted', 'returned'] }) : [];
  const submitted = mayAccess(principal, 'content.publish') ? await repo.findContent(deps.db, { statuses: ['submitted'] }) : [];
  const published = await repo.findContent(deps.db, { statuses: ['published'], limit: 100 });
  return {
    mine: mine.map(summaryOf),
    toReview: submitted.filter((r) => mayReview(principal, r)).map(summaryOf),
    published: published.filter((r) => r.author_id === principal.userId || mayAccess(principal, 'content.publish', { regionCode: r.region_code })).map(summaryOf),
  };
}
