/**
 * One name per unit. The source documents name the same kind of department in different ways:
 * an official abbreviation (市人社局), the name of the 2008 reform without 和 (市人力资源社会保障局),
 * and the full statutory name (市人力资源和社会保障局). The library's facet and its filter must
 * show and find one unit, not three. Each canonical name below is the unit's full name as the
 * State Council's organisation of departments gives it; an alias is listed only where a source
 * document uses it, with the reason it is the same unit. Kept as data: a new document that
 * names a unit differently adds one alias here.
 *
 * The lead unit as the document wrote it stays on the item (the policy page quotes the
 * document); only the facet, the filter and `leadUnitName` use the canonical name.
 */
export interface UnitAliases {
  canonical: string;
  aliases: readonly string[];
  why: string;
}

export const UNIT_ALIASES: readonly UnitAliases[] = [
  {
    canonical: '市人力资源和社会保障局',
    aliases: ['市人社局', '市人力资源社会保障局'],
    why: '人社局 is the usual abbreviation of 人力资源和社会保障局; 人力资源社会保障局 (without 和) is the same bureau as some cities write it since the 2008 merger of 人事局 and 劳动和社会保障局.',
  },
  {
    canonical: '区人力资源和社会保障局',
    aliases: ['区人社局'],
    why: 'The district bureau, abbreviated as the city one.',
  },
  {
    canonical: '市工业和信息化委员会',
    aliases: ['市工信委', '市工业和信息化委'],
    why: '工信委 abbreviates 工业和信息化委员会; 工业和信息化委 drops only 员会.',
  },
  {
    canonical: '市发展和改革委员会',
    aliases: ['市发改委', '市发展改革委'],
    why: '发改委 and 发展改革委 are the standard abbreviations of 发展和改革委员会.',
  },
  {
    canonical: '市科学技术局',
    aliases: ['市科技局'],
    why: '科技局 abbreviates 科学技术局.',
  },
  {
    canonical: '市质量技术监督局',
    aliases: ['市质监局'],
    why: '质监局 abbreviates 质量技术监督局 (a different unit from the later merged 市场和质量监督管理局, which keeps its own name).',
  },
];

const CANONICAL = new Map<string, string>(UNIT_ALIASES.flatMap((u) => [[u.canonical, u.canonical] as const, ...u.aliases.map((a) => [a, u.canonical] as const)]));

/** The unit's canonical name (itself when it has no alias). */
export const canonicalUnit = (name: string): string => CANONICAL.get(name.trim()) ?? name.trim();

/** Every name a unit goes by: its canonical name and its aliases (the name alone when it has none). */
export function namesOfUnit(name: string): string[] {
  const canonical = canonicalUnit(name);
  const entry = UNIT_ALIASES.find((u) => u.canonical === canonical);
  return entry ? [entry.canonical, ...entry.aliases] : [canonical];
}
