/**
 * The open datasets (开放数据集): a registry of the public data the platform already shows, each
 * under a stable name with its metadata and columns, read only through the owning modules'
 * exported public readers (the same functions their public routes call, so a dataset never holds
 * more than the public pages do). Each has a schema version: changing its columns or their
 * meaning adds an entry to DATASET_CHANGES (the changelog) and raises the version.
 */
import { DIRECTORY_PAGE_SIZE, type DatasetCell, type DatasetChange, type DatasetColumn, type DatasetColumnType } from '@seedbed/contract';
import type { AppDeps } from '../../platform/http.js';
import { publicCarriers } from '../carriers/index.js';
import { publicDirectory } from '../directory/index.js';
import { publicityList } from '../fulfilment/index.js';
import { certifiedProviders } from '../marketplace/index.js';
import { canonicalUnit, publicPolicyDocuments, recentlyPublished, rulesSnapshot } from '../policies/index.js';
import { displayed } from './opendata.files.js';
import { openStatistics } from './opendata.service.js';

type Text = { zh: string; en: string };
export type DatasetRow = Record<string, DatasetCell>;

export interface DatasetData {
  rows: DatasetRow[];
  /** When the rows last changed (ISO 8601), null where the data keeps no such time. */
  modified: string | null;
  temporal: { from: string | null; to: string | null };
}

export interface DatasetDefinition {
  name: string;
  title: Text;
  description: Text;
  keywords: Text[];
  theme: Text;
  columns: DatasetColumn[];
  load: (deps: AppDeps) => Promise<DatasetData>;
}

/** Who publishes the data, and under which licence. */
export const PUBLISHER: Text = { zh: 'Seedbed 创业扶持服务平台', en: 'Seedbed entrepreneurship support platform' };
export const LICENCE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };

const col = (name: string, zh: string, en: string, type: DatasetColumnType = 'string'): DatasetColumn => ({ name, title: { zh, en }, type });
const kw = (zh: string, en: string): Text => ({ zh, en });
const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : d instanceof Date ? d.toISOString() : d);
const maxOf = (values: (string | null | undefined)[]): string | null => values.reduce<string | null>((m, v) => (v && (m === null || v > m) ? v : m), null);
const minOf = (values: (string | null | undefined)[]): string | null => values.reduce<string | null>((m, v) => (v && (m === null || v < m) ? v : m), null);
const yuan = (fen: number | null): number | null => (fen === null ? null : Math.round(fen) / 100);

export const DATASETS: DatasetDefinition[] = [
  {
    name: 'policies',
    title: { zh: '政策事项', en: 'Policy items' },
    description: {
      zh: '政策库中已发布的政策事项（当前版本）：名称、适用对象、扶持方式、地区、牵头单位、有效期与来源文件。',
      en: 'The published policy items of the catalogue (current versions): title, who may benefit, benefit type, region, lead unit, period of effect and source document.',
    },
    keywords: [kw('政策', 'policy'), kw('创业扶持', 'start-up support'), kw('补贴', 'subsidy')],
    theme: { zh: '政策法规', en: 'Policies and regulations' },
    columns: [
      col('key', '事项编码', 'Item key'),
      col('version', '版本', 'Version', 'integer'),
      col('title_zh', '名称', 'Title (Chinese)'),
      col('title_en', '名称（英文）', 'Title (English)'),
      col('entity', '适用对象类型', 'Beneficiary type'),
      col('benefit', '扶持方式', 'Benefit type'),
      col('mode', '兑现方式（申请/免申即享）', 'Mode (apply / automatic)'),
      col('region_code', '地区代码', 'Region code'),
      col('lead_unit', '牵头单位（规范名称）', 'Lead unit (canonical name)'),
      col('effective_from', '生效日期', 'In effect from', 'date'),
      col('effective_to', '失效日期', 'In effect until', 'date'),
      col('document_title_zh', '来源文件', 'Source document'),
      col('document_number', '文号', 'Document number'),
      col('issuer_zh', '发文机关', 'Issuing authority'),
    ],
    load: async (deps) => {
      const views = [...(await rulesSnapshot(deps.db)).views.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      const [latest] = await recentlyPublished(deps.db, 1);
      return {
        rows: views.map((v) => ({
          key: v.id,
          version: v.version,
          title_zh: v.title.zh,
          title_en: v.title.en,
          entity: v.entity,
          benefit: v.benefit,
          mode: v.mode,
          region_code: v.regionCode,
          lead_unit: v.leadUnit === null ? null : canonicalUnit(v.leadUnit),
          effective_from: v.effective.from,
          effective_to: v.effective.to,
          document_title_zh: v.document.title.zh,
          document_number: v.document.number,
          issuer_zh: v.document.issuer.zh,
        })),
        modified: iso(latest?.publishedAt),
        temporal: { from: minOf(views.map((v) => v.effective.from)), to: views.some((v) => v.effective.to === null) ? null : maxOf(views.map((v) => v.effective.to)) },
      };
    },
  },
  {
    name: 'policy-documents',
    title: { zh: '政策文件', en: 'Policy documents' },
    description: { zh: '政策事项所依据的来源文件：标题、文号、地区与发布日期。', en: 'The source documents of the policy items: title, number, region and date of issue.' },
    keywords: [kw('政策文件', 'policy document'), kw('文号', 'document number')],
    theme: { zh: '政策法规', en: 'Policies and regulations' },
    columns: [
      col('key', '文件编码', 'Document key'),
      col('title_zh', '标题', 'Title (Chinese)'),
      col('title_en', '标题（英文）', 'Title (English)'),
      col('number', '文号', 'Document number'),
      col('region', '地区', 'Region'),
      col('issued_on', '发布日期', 'Issued on', 'date'),
    ],
    load: async (deps) => {
      const { items } = await publicPolicyDocuments(deps.db);
      return {
        rows: items.map((d) => ({ key: d.key, title_zh: d.title.zh, title_en: d.title.en, number: d.number, region: d.region, issued_on: d.issuedOn })),
        // The documents keep no time of change (they come with the catalogue).
        modified: null,
        temporal: { from: minOf(items.map((d) => d.issuedOn)), to: maxOf(items.map((d) => d.issuedOn)) },
      };
    },
  },
  {
    name: 'award-publicity',
    title: { zh: '拟奖补对象公示', en: 'Awards in publicity' },
    description: {
      zh: '正在公示的政策兑现拟奖补对象：受理编号、政策事项、对象名称、拟奖补金额、公示期与受理部门；公示期结束即不再列出，与公示页相同。',
      en: 'The awards in publicity now: reference, policy item, the subject’s name, the amount, the publicity period and the department; an award leaves the dataset when its publicity ends, as on the publicity page.',
    },
    keywords: [kw('公示', 'publicity'), kw('政策兑现', 'policy fulfilment'), kw('奖补', 'award')],
    theme: { zh: '政策兑现', en: 'Policy fulfilment' },
    columns: [
      col('reference', '受理编号', 'Reference'),
      col('item_title_zh', '政策事项', 'Policy item'),
      col('item_title_en', '政策事项（英文）', 'Policy item (English)'),
      col('subject_name', '拟奖补对象', 'Subject'),
      col('amount_yuan', '拟奖补金额（元）', 'Amount (yuan)', 'number'),
      col('publicity_from', '公示起', 'Publicity from', 'date'),
      col('publicity_until', '公示止', 'Publicity until', 'date'),
      col('department', '受理部门', 'Department'),
      col('origin', '来源（申请/免申即享）', 'Origin (application / automatic)'),
    ],
    load: async (deps) => {
      const entries = await publicityList(deps);
      return {
        rows: entries.map((e) => ({
          reference: e.reference,
          item_title_zh: e.itemTitle.zh,
          item_title_en: e.itemTitle.en,
          subject_name: e.subjectName,
          amount_yuan: yuan(e.approvedFen),
          publicity_from: e.publicityFrom,
          publicity_until: e.publicityUntil,
          department: e.department,
          origin: e.origin,
        })),
        // An award joins the dataset when its publicity begins.
        modified: maxOf(entries.map((e) => e.publicityFrom)),
        temporal: { from: minOf(entries.map((e) => e.publicityFrom)), to: maxOf(entries.map((e) => e.publicityUntil)) },
      };
    },
  },
  {
    name: 'statistics',
    title: { zh: '公开统计', en: 'Public statistics' },
    description: {
      zh: '各模块声明公开的统计指标，全平台，本年至今与上一年度；与数据开放页的数字相同（金额单位为元）。',
      en: 'The statistics the modules declare public, for the whole platform, this year to date and last year; the same figures as the open-data page (money in yuan).',
    },
    keywords: [kw('统计', 'statistics'), kw('指标', 'indicator')],
    theme: { zh: '统计数据', en: 'Statistics' },
    columns: [
      col('group', '分组', 'Group'),
      col('statistic', '指标编码', 'Statistic key'),
      col('label_zh', '指标', 'Figure'),
      col('label_en', '指标（英文）', 'Figure (English)'),
      col('unit_zh', '单位', 'Unit'),
      col('unit_en', '单位（英文）', 'Unit (English)'),
      col('period', '统计期间', 'Period'),
      col('from', '开始日期', 'From', 'date'),
      col('to', '结束日期', 'To', 'date'),
      col('value', '数值', 'Value', 'number'),
    ],
    load: async (deps) => {
      const today = deps.clock.today();
      const year = Number(today.slice(0, 4));
      const rows: DatasetRow[] = [];
      let from: string | null = null;
      for (const period of [String(year - 1), String(year)]) {
        const view = await openStatistics(deps, { period });
        from ??= view.period.from;
        for (const g of view.groups)
          for (const f of g.figures) {
            const shown = displayed(f);
            rows.push({ group: g.group, statistic: f.name, label_zh: f.label.zh, label_en: f.label.en, unit_zh: shown.unit.zh, unit_en: shown.unit.en, period: view.period.key, from: view.period.from, to: view.period.to, value: shown.value });
          }
      }
      // Computed on request from the modules' own data: current as of today.
      return { rows, modified: today, temporal: { from, to: today } };
    },
  },
  {
    name: 'carriers',
    title: { zh: '双创载体名录', en: 'Carriers registry' },
    description: {
      zh: '众创空间、孵化器、加速器等双创载体：名称、类型、运营机构、地址、地区、面积、服务、最高认定级别与在孵、毕业企业数。',
      en: 'Maker spaces, incubators, accelerators and other carriers: name, kind, operator, address, region, areas, services, highest current recognition, tenants and graduates.',
    },
    keywords: [kw('孵化器', 'incubator'), kw('众创空间', 'maker space'), kw('双创载体', 'carrier')],
    theme: { zh: '创业服务', en: 'Start-up services' },
    columns: [
      col('name', '载体名称', 'Name'),
      col('kind', '类型', 'Kind'),
      col('operator', '运营机构', 'Operator'),
      col('address', '地址', 'Address'),
      col('region_code', '地区代码', 'Region code'),
      col('region_name', '地区', 'Region'),
      col('area_total_m2', '总面积（平方米）', 'Total area (m²)', 'integer'),
      col('area_tenant_m2', '在孵企业用房面积（平方米）', 'Area for tenants (m²)', 'integer'),
      col('area_public_m2', '公共服务面积（平方米）', 'Public service area (m²)', 'integer'),
      col('services', '服务内容', 'Services'),
      col('level', '最高认定级别', 'Highest recognition'),
      col('tenants', '在孵企业数', 'Current tenants', 'integer'),
      col('graduates', '毕业企业数', 'Graduates', 'integer'),
    ],
    load: async (deps) => {
      const carriers = await publicCarriers(deps, {});
      return {
        rows: carriers.map((c) => ({
          name: c.name,
          kind: c.kind,
          operator: c.operatorName,
          address: c.address,
          region_code: c.regionCode,
          region_name: c.regionName,
          area_total_m2: c.areaTotalM2,
          area_tenant_m2: c.areaTenantM2,
          area_public_m2: c.areaPublicM2,
          services: c.services,
          level: c.level,
          tenants: c.tenants,
          graduates: c.graduates,
        })),
        // The public registry keeps no time of change.
        modified: null,
        temporal: { from: null, to: null },
      };
    },
  },
  {
    name: 'enterprise-directory',
    title: { zh: '企业名录', en: 'Enterprise directory' },
    description: {
      zh: '企业自愿公开展示的名录：名称、行业、地区、简介与产品（与企业名录页相同，撤回即移除）。',
      en: 'The enterprises that chose to be listed publicly: name, industry, region, introduction and products (as on the directory page; withdrawn at once when they withdraw).',
    },
    keywords: [kw('企业', 'enterprise'), kw('名录', 'directory'), kw('产品', 'product')],
    theme: { zh: '企业服务', en: 'Enterprise services' },
    columns: [
      col('name', '企业名称', 'Name'),
      col('industry', '行业', 'Industry'),
      col('region_code', '地区代码', 'Region code'),
      col('region_name', '地区', 'Region'),
      col('introduction', '简介', 'Introduction'),
      col('products', '产品（名称：说明；…）', 'Products (name: description; …)'),
      col('listed_at', '公开展示时间', 'Listed at'),
    ],
    load: async (deps) => {
      const items = [];
      for (let page = 1; page <= 1000; page++) {
        const found = await publicDirectory(deps, { page });
        items.push(...found.items);
        if (found.items.length < DIRECTORY_PAGE_SIZE || items.length >= found.total) break;
      }
      return {
        rows: items.map((e) => ({
          name: e.name,
          industry: e.industry,
          region_code: e.regionCode,
          region_name: e.regionName,
          introduction: e.introduction,
          products: e.products.map((p) => (p.description ? `${p.name}：${p.description}` : p.name)).join('；'),
          listed_at: e.listedAt,
        })),
        // The latest listing (edits of a listing's text are not dated publicly).
        modified: maxOf(items.map((e) => e.listedAt)),
        temporal: { from: null, to: null },
      };
    },
  },
  {
    name: 'service-providers',
    title: { zh: '认证服务机构名录', en: 'Certified service providers' },
    description: {
      zh: '服务超市中认证有效的服务机构：名称、地区、服务类别与服务地区、认证有效期、资质、星级、平均评分与完成订单数。',
      en: 'The marketplace’s certified service providers: name, region, service categories and regions served, certification validity, qualifications, star grade, average rating and settled orders.',
    },
    keywords: [kw('服务超市', 'service marketplace'), kw('服务机构', 'service provider'), kw('星级', 'star grade')],
    theme: { zh: '创业服务', en: 'Start-up services' },
    columns: [
      col('name', '机构名称', 'Name'),
      col('region_name', '地区', 'Region'),
      col('categories', '服务类别', 'Service categories'),
      col('regions_served', '服务地区', 'Regions served'),
      col('valid_from', '认证起', 'Certified from', 'date'),
      col('valid_to', '认证止', 'Certified until', 'date'),
      col('qualifications', '资质', 'Qualifications'),
      col('stars', '星级', 'Stars', 'integer'),
      col('average_rating', '平均评分', 'Average rating', 'number'),
      col('settled_orders', '完成订单数', 'Settled orders', 'integer'),
    ],
    load: async (deps) => {
      const providers = await certifiedProviders(deps);
      return {
        rows: providers.map((p) => ({
          name: p.name,
          region_name: p.regionName,
          categories: p.categories.join('；'),
          regions_served: p.regions.map((r) => r.name).join('；'),
          valid_from: p.validFrom,
          valid_to: p.validTo,
          qualifications: p.qualifications,
          stars: p.stars,
          average_rating: p.averageRating,
          settled_orders: p.settledOrders,
        })),
        // The latest certification to begin.
        modified: maxOf(providers.map((p) => p.validFrom)),
        temporal: { from: minOf(providers.map((p) => p.validFrom)), to: maxOf(providers.map((p) => p.validTo)) },
      };
    },
  },
];

/**
 * The changelog of the datasets' schemas, newest first: a dataset's version is the highest
 * version listed for it. Add an entry (and never edit a published one) whenever a dataset's
 * columns or their meaning change; removing or renaming a column is a breaking change and
 * follows docs/API-VERSIONING.md.
 */
export const DATASET_CHANGES: DatasetChange[] = DATASETS.map((d) => ({
  dataset: d.name,
  version: 1,
  date: '2026-12-05',
  change: { zh: `首次发布：${d.columns.length} 列`, en: `First published: ${d.columns.length} columns` },
}));

export const versionOf = (name: string): number => Math.max(1, ...DATASET_CHANGES.filter((c) => c.dataset === name).map((c) => c.version));
