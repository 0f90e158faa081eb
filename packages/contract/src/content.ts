/**
 * Content (资讯): news, notices, policy interpretations (政策解读) and videos written by officers
 * in the rich-text editor, reviewed by a second officer, published at once or at a set time.
 * The body is HTML that the server sanitises before storing it; images come only from the
 * content file address, attachments are PDFs uploaded through the files module.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';
import { Instant } from './time.js';

export const CONTENT_KINDS = ['news', 'notice', 'interpretation', 'video'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
export const CONTENT_KIND_LABELS: Record<ContentKind, { zh: string; en: string }> = {
  news: { zh: '新闻', en: 'News' },
  notice: { zh: '通知公告', en: 'Notice' },
  interpretation: { zh: '政策解读', en: 'Policy interpretation' },
  video: { zh: '视频', en: 'Video' },
};

export const CONTENT_CATEGORIES = ['programme', 'policy', 'enterprise', 'training', 'notice', 'story'] as const;
export type ContentCategory = (typeof CONTENT_CATEGORIES)[number];
export const CONTENT_CATEGORY_LABELS: Record<ContentCategory, { zh: string; en: string }> = {
  programme: { zh: '双创动态', en: 'Programme news' },
  policy: { zh: '政策动态', en: 'Policy news' },
  enterprise: { zh: '企业风采', en: 'Enterprises' },
  training: { zh: '培训活动', en: 'Training and events' },
  notice: { zh: '公示公告', en: 'Announcements' },
  story: { zh: '创业故事', en: 'Founders’ stories' },
};

export const CONTENT_STATUSES = ['draft', 'submitted', 'returned', 'published', 'withdrawn'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];
export const CONTENT_STATUS_LABELS: Record<ContentStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Awaiting review' },
  returned: { zh: '已退回', en: 'Returned' },
  published: { zh: '已发布', en: 'Published' },
  withdrawn: { zh: '已撤下', en: 'Withdrawn' },
};

const ContentKindSchema = Type.Union([Type.Literal('news'), Type.Literal('notice'), Type.Literal('interpretation'), Type.Literal('video')]);
const ContentCategorySchema = Type.Union([Type.Literal('programme'), Type.Literal('policy'), Type.Literal('enterprise'), Type.Literal('training'), Type.Literal('notice'), Type.Literal('story')]);
const ContentStatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('returned'), Type.Literal('published'), Type.Literal('withdrawn')]);

export const ContentBody = Type.Object(
  {
    kind: ContentKindSchema,
    category: ContentCategorySchema,
    title: Type.String({ maxLength: 120 }),
    summary: Type.String({ maxLength: 300 }),
    bodyHtml: Type.String({ maxLength: 200000, description: 'HTML from the editor; sanitised on the server' }),
    videoUrl: Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'a video: the official video page (http or https)' }),
    policyItemIds: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20, description: 'a policy interpretation: the catalogue items it explains' }),
    attachmentIds: Type.Array(Uuid, { maxItems: 10, description: 'PDF attachments uploaded through POST /files' }),
  },
  { additionalProperties: false },
);
export type ContentBody = Static<typeof ContentBody>;

export const ContentReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('publish'), Type.Literal('return')]),
    publishAt: Type.Union([Instant, Type.Null()], { description: 'publish: when it becomes public (null: at once)' }),
    reason: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()], { description: 'return: why' }),
  },
  { additionalProperties: false },
);
export type ContentReviewBody = Static<typeof ContentReviewBody>;

export const ContentAttachment = Type.Object({ id: Uuid, name: Type.String(), size: Type.Integer(), href: Type.String() });
export type ContentAttachment = Static<typeof ContentAttachment>;

export const ContentPolicyLink = Type.Object({ id: Type.String(), title: Type.String(), titleEn: Type.String() });
export type ContentPolicyLink = Static<typeof ContentPolicyLink>;

export const ContentSummary = Type.Object({
  id: Uuid,
  kind: ContentKindSchema,
  category: ContentCategorySchema,
  title: Type.String(),
  summary: Type.String(),
  department: Type.String(),
  publishAt: Type.Union([Instant, Type.Null()]),
  status: ContentStatusSchema,
});
export type ContentSummary = Static<typeof ContentSummary>;

export const ContentPage = Type.Composite([
  ContentSummary,
  Type.Object({
    bodyHtml: Type.String(),
    videoUrl: Type.Union([Type.String(), Type.Null()]),
    policies: Type.Array(ContentPolicyLink),
    attachments: Type.Array(ContentAttachment),
    author: Type.String(),
    reviewer: Type.Union([Type.String(), Type.Null()]),
    returnReason: Type.Union([Type.String(), Type.Null()]),
    /** the principal may edit it (its author, while a draft or returned) */
    mayEdit: Type.Boolean(),
    /** the principal may publish or return it (a reviewer who is not its author, while submitted) */
    mayReview: Type.Boolean(),
    mayWithdraw: Type.Boolean(),
  }),
]);
export type ContentPage = Static<typeof ContentPage>;

export const ContentQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(ContentKindSchema),
    category: Type.Optional(ContentCategorySchema),
    policyItem: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ContentQuery = Static<typeof ContentQuery>;

export const ContentDesk = Type.Object({
  mine: Type.Array(ContentSummary),
  toReview: Type.Array(ContentSummary),
  published: Type.Array(ContentSummary),
});
export type ContentDesk = Static<typeof ContentDesk>;
