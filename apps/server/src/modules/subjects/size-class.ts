/**
 * Enterprise size class (大型/中型/小型/微型) per 《中小企业划型标准规定》,
 * 工信部联企业〔2011〕300号 (2011-06-18). Each industry has thresholds on employees (从业人员),
 * revenue (营业收入) and/or total assets (资产总额). Within an industry, an enterprise is
 * medium/small when it meets BOTH lower bounds of that class ("同时满足"), micro when it falls
 * below either bound of "small", and large when it is not an SME at all. Industries are read
 * from GB/T 4754 codes; the notice used GB/T 4754-2011, whose divisions coincide with 2017's for
 * every row below (the notice's 仓储业 is read as division 59, its 交通运输业 as 53–58).
 *
 * Money is fen; the notice states 万元, so every threshold below is written as 万元 × 1,000,000.
 */
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';

/**
 * The revision of the classification's code: raise it when sizeClassOf would answer differently
 * for the same inputs and thresholds (stored size classes, such as the finder's column blocks,
 * are computed again). A change to SECTOR_RULES is noticed on its own.
 */
export const SIZE_CLASS_REVISION = 1;

const WAN = 1_000_000; // fen in 1 万元

type Measure = 'employees' | 'revenue' | 'total_assets';
interface Band {
  /** Lower bounds to be "medium"; all must hold. */
  medium: Partial<Record<Measure, number>>;
  /** Lower bounds to be "small"; all must hold (else micro). */
  small: Partial<Record<Measure, number>>;
  /** SME ceiling: an enterprise is an SME when below ANY of these. */
  smeBelow: Partial<Record<Measure, number>>;
}

interface SectorRule {
  id: string;
  name: { zh: string; en: string };
  band: Band;
}

const rule = (id: string, zh: string, en: string, band: Band): SectorRule => ({ id, name: { zh, en }, band });

export const SECTOR_RULES: SectorRule[] = [
  rule('agriculture', '农、林、牧、渔业', 'Agriculture, forestry, animal husbandry, fishery', {
    smeBelow: { revenue: 20000 * WAN }, medium: { revenue: 500 * WAN }, small: { revenue: 50 * WAN } }),
  rule('industry', '工业', 'Industry', {
    smeBelow: { employees: 1000, revenue: 40000 * WAN }, medium: { employees: 300, revenue: 2000 * WAN }, small: { employees: 20, revenue: 300 * WAN } }),
  rule('construction', '建筑业', 'Construction', {
    smeBelow: { revenue: 80000 * WAN, total_assets: 80000 * WAN }, medium: { revenue: 6000 * WAN, total_assets: 5000 * WAN }, small: { revenue: 300 * WAN, total_assets: 300 * WAN } }),
  rule('wholesale', '批发业', 'Wholesale', {
    smeBelow: { employees: 200, revenue: 40000 * WAN }, medium: { employees: 20, revenue: 5000 * WAN }, small: { employees: 5, revenue: 1000 * WAN } }),
  rule('retail', '零售业', 'Retail', {
    smeBelow: { employees: 300, revenue: 20000 * WAN }, medium: { employees: 50, revenue: 500 * WAN }, small: { employees: 10, revenue: 100 * WAN } }),
  rule('transport', '交通运输业', 'Transport', {
    smeBelow: { employees: 1000, revenue: 30000 * WAN }, medium: { employees: 300, revenue: 3000 * WAN }, small: { employees: 20, revenue: 200 * WAN } }),
  rule('warehousing', '仓储业', 'Warehousing', {
    smeBelow: { employees: 200, revenue: 30000 * WAN }, medium: { employees: 100, revenue: 1000 * WAN }, small: { employees: 20, revenue: 100 * WAN } }),
  rule('postal', '邮政业', 'Postal services', {
    smeBelow: { employees: 1000, revenue: 30000 * WAN }, medium: { employees: 300, revenue: 2000 * WAN }, small: { employees: 20, revenue: 100 * WAN } }),
  rule('accommodation', '住宿业', 'Accommodation', {
    smeBelow: { employees: 300, revenue: 10000 * WAN }, medium: { employees: 100, revenue: 2000 * WAN }, small: { employees: 10, revenue: 100 * WAN } }),
  rule('catering', '餐饮业', 'Catering', {
    smeBelow: { employees: 300, revenue: 10000 * WAN }, medium: { employees: 100, revenue: 2000 * WAN }, small: { employees: 10, revenue: 100 * WAN } }),
  rule('information_transmission', '信息传输业', 'Information transmission', {
    smeBelow: { employees: 2000, revenue: 100000 * WAN }, medium: { employees: 100, revenue: 1000 * WAN }, small: { employees: 10, revenue: 100 * WAN } }),
  rule('software', '软件和信息技术服务业', 'Software and IT services', {
    smeBelow: { employees: 300, revenue: 10000 * WAN }, medium: { employees: 100, revenue: 1000 * WAN }, small: { employees: 10, revenue: 50 * WAN } }),
  rule('real_estate_development', '房地产开发经营', 'Real-estate development', {
    smeBelow: { revenue: 200000 * WAN, total_assets: 10000 * WAN }, medium: { revenue: 1000 * WAN, total_assets: 5000 * WAN }, small: { revenue: 100 * WAN, total_assets: 2000 * WAN } }),
  rule('property_management', '物业管理', 'Property management', {
    smeBelow: { employees: 1000, revenue: 5000 * WAN }, medium: { employees: 300, revenue: 1000 * WAN }, small: { employees: 100, revenue: 500 * WAN } }),
  rule('leasing_business', '租赁和商务服务业', 'Leasing and business services', {
    smeBelow: { employees: 300, total_assets: 120000 * WAN }, medium: { employees: 100, total_assets: 8000 * WAN }, small: { employees: 10, total_assets: 100 * WAN } }),
  rule('other', '其他未列明行业', 'Other industries', {
    smeBelow: { employees: 300 }, medium: { employees: 100 }, small: { employees: 10 } }),
];

const byId = new Map(SECTOR_RULES.map((r) => [r.id, r]));

/** Which row of the notice an industry code falls under. */
export function sectorOf(industry: string): SectorRule | undefined {
  const m = /^([A-T])(\d{2})(\d{0,2})$/.exec(industry);
  if (!m) return undefined;
  const division = Number(m[2]);
  const klass = m[2]! + (m[3] ?? '');
  const pick = (id: string) => byId.get(id);
  if (division <= 5) return pick('agriculture');
  if (division <= 46) return pick('industry'); // 采矿业, 制造业, 电力热力燃气及水
  if (division <= 50) return pick('construction');
  if (division === 51) return pick('wholesale');
  if (division === 52) return pick('retail');
  if (division <= 58) return pick('transport');
  if (division === 59) return pick('warehousing');
  if (division === 60) return pick('postal');
  if (division === 61) return pick('accommodation');
  if (division === 62) return pick('catering');
  if (division <= 64) return pick('information_transmission');
  if (division === 65) return pick('software');
  if (division === 70) return klass.startsWith('702') ? pick('property_management') : pick('real_estate_development');
  if (division === 71 || division === 72) return pick('leasing_business');
  return pick('other');
}

export interface SizeInputs {
  industry?: string | null | undefined;
  employees?: number | null | undefined;
  revenue?: number | null | undefined;
  total_assets?: number | null | undefined;
}

export interface SizeVerdict {
  value: SizeClass | null;
  /** Inputs the notice needs for this industry and that are missing. */
  missing: string[];
  sector: string | null;
  reason: { zh: string; en: string };
}

const LABEL: Record<SizeClass, { zh: string; en: string }> = {
  large: { zh: '大型', en: 'large' },
  medium: { zh: '中型', en: 'medium' },
  small: { zh: '小型', en: 'small' },
  micro: { zh: '微型', en: 'micro' },
};
export const sizeClassLabel = (c: SizeClass) => LABEL[c];

interface Thresholds {
  needed: Measure[];
  smeBelow: [Measure, number][];
  medium: [Measure, number][];
  small: [Measure, number][];
}
const thresholds = new Map<string, Thresholds>();
function thresholdsOf(sector: SectorRule): Thresholds {
  let t = thresholds.get(sector.id);
  if (!t) {
    const { smeBelow, medium, small } = sector.band;
    const entries = (b: Partial<Record<Measure, number>>) => Object.entries(b) as [Measure, number][];
    t = { needed: [...new Set([smeBelow, medium, small].flatMap((b) => Object.keys(b) as Measure[]))], smeBelow: entries(smeBelow), medium: entries(medium), small: entries(small) };
    thresholds.set(sector.id, t);
  }
  return t;
}

/** The class of an enterprise whose inputs are all there: large unless below a ceiling, else the highest class whose bounds all hold. */
function classIn(t: Thresholds, inputs: SizeInputs): SizeClass {
  const v = (m: Measure) => inputs[m] as number;
  if (!t.smeBelow.some(([m, max]) => v(m) < max)) return 'large';
  if (t.medium.every(([m, min]) => v(m) >= min)) return 'medium';
  if (t.small.every(([m, min]) => v(m) >= min)) return 'small';
  return 'micro';
}

const sectors = new Map<unknown, SectorRule | undefined>();
/**
 * The size class alone, as `classifySize(inputs).value` (null when the industry or an input is
 * missing), without building the explanation: population jobs compute it for every subject.
 */
export function sizeClassOf(inputs: SizeInputs): SizeClass | null {
  const industry = inputs.industry;
  if (!industry) return null;
  let sector = sectors.get(industry);
  if (sector === undefined && !sectors.has(industry)) {
    sector = sectorOf(industry);
    if (sectors.size < 10_000) sectors.set(industry, sector);
  }
  if (!sector) return null;
  const t = thresholdsOf(sector);
  for (const m of t.needed) if (inputs[m] === null || inputs[m] === undefined) return null;
  return classIn(t, inputs);
}

export function classifySize(inputs: SizeInputs): SizeVerdict {
  const sector = inputs.industry ? sectorOf(inputs.industry) : undefined;
  if (!sector) {
    return {
      value: null,
      missing: ['industry'],
      sector: null,
      reason: { zh: '需要所属行业（国民经济行业分类代码）才能划型', en: 'The industry (GB/T 4754 code) is needed to classify size' },
    };
  }
  const missing = thresholdsOf(sector).needed.filter((m) => inputs[m] === null || inputs[m] === undefined);
  if (missing.length > 0) {
    return {
      value: null,
      missing,
      sector: sector.id,
      reason: {
        zh: `${sector.name.zh}划型还需要：${missing.join('、')}`,
        en: `Classifying ${sector.name.en} also needs: ${missing.join(', ')}`,
      },
    };
  }
  const value = classIn(thresholdsOf(sector), inputs);
  return {
    value,
    missing: [],
    sector: sector.id,
    reason: {
      zh: `按工信部联企业〔2011〕300号${sector.name.zh}标准划为${LABEL[value].zh}企业`,
      en: `A ${LABEL[value].en} enterprise under the ${sector.name.en} thresholds of MIIT notice [2011] No. 300`,
    },
  };
}
