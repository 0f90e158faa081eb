import { Type, type Static } from '@sinclair/typebox';

/**
 * The service categories of the marketplace: what a provider is certified for, what a listing
 * offers and what a voucher scheme pays for. The list follows the professional services the
 * source documents name (000 四(二)8–11: 企业管理、财务咨询、市场营销、人力资源、法律顾问、知识产权、
 * 检验检测、现代物流; 四(二)11: 社会培训、管理咨询、检验检测、软件开发、研发设计; 003: 知识产权、现代物流).
 */
export const SERVICE_CATEGORIES = [
  'management',
  'finance',
  'marketing',
  'hr',
  'legal',
  'ip',
  'testing',
  'logistics',
  'design',
  'software',
  'training',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, { zh: string; en: string }> = {
  management: { zh: '企业管理', en: 'Business management' },
  finance: { zh: '财务咨询', en: 'Financial advice' },
  marketing: { zh: '市场营销', en: 'Marketing' },
  hr: { zh: '人力资源', en: 'Human resources' },
  legal: { zh: '法律顾问', en: 'Legal counsel' },
  ip: { zh: '知识产权', en: 'Intellectual property' },
  testing: { zh: '检验检测', en: 'Testing and inspection' },
  logistics: { zh: '现代物流', en: 'Logistics' },
  design: { zh: '研发设计', en: 'R&D and design' },
  software: { zh: '软件开发', en: 'Software development' },
  training: { zh: '培训', en: 'Training' },
};

/**
 * The categories as a union of literals written out: a union mapped from the array would widen
 * to `never` through the routes' type provider. The check below keeps the two lists the same.
 */
export const ServiceCategorySchema = Type.Union(
  [
    Type.Literal('management'),
    Type.Literal('finance'),
    Type.Literal('marketing'),
    Type.Literal('hr'),
    Type.Literal('legal'),
    Type.Literal('ip'),
    Type.Literal('testing'),
    Type.Literal('logistics'),
    Type.Literal('design'),
    Type.Literal('software'),
    Type.Literal('training'),
  ],
  { description: `A service category: ${SERVICE_CATEGORIES.join(', ')}` },
);
/** Compile-time: the schema's union is exactly SERVICE_CATEGORIES. */
export const serviceCategoriesMatch: [Static<typeof ServiceCategorySchema>] extends [ServiceCategory]
  ? [ServiceCategory] extends [Static<typeof ServiceCategorySchema>]
    ? true
    : never
  : never = true;
