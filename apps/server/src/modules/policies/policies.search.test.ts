import { describe, expect, it } from 'vitest';
import { indexLexemes, markRanges, searchQuery } from './policies.search.js';
import { canonicalUnit, namesOfUnit } from './policies.departments.js';
import { regionAncestors, regionCovers } from './regions.js';

describe('search lexemes', () => {
  it('indexes words, pinyin and initials of runs of words', () => {
    const lx = indexLexemes('创业担保贷款');
    expect(lx).toEqual(expect.arrayContaining(['创业', '担保', '贷款', 'chuangye', 'chuangyedanbao', 'cy', 'cydb', 'cydbdk']));
    expect(indexLexemes('开创业务')).not.toContain('创业');
    expect(indexLexemes('Guaranteed start-up loan')).toEqual(expect.arrayContaining(['guaranteed', 'start', 'up', 'loan']));
  });

  it('builds a tsquery: Chinese words exact, Latin as prefixes, quotes escaped', () => {
    expect(searchQuery('创业')).toBe("'创业'");
    expect(searchQuery('cydb')).toBe("'cydb':*");
    expect(searchQuery('danbao daikuan')).toBe("('danbao':* & 'daikuan':* | 'danbaodaikuan':*)");
    expect(searchQuery("o'brien")).toBe("('o':* & 'brien':* | 'obrien':*)");
    expect(searchQuery('  ')).toBeNull();
    expect(searchQuery('、，。')).toBeNull();
  });
});

describe('highlighting', () => {
  const marked = (text: string, q: string) => markRanges(text, q).map(([a, b]) => text.slice(a, b));
  it('marks Chinese words, pinyin, initials and English words where they match', () => {
    expect(marked('南宁市创业担保贷款贴息', '创业')).toEqual(['创业']);
    expect(marked('南宁市创业担保贷款贴息', 'chuangye')).toEqual(['创业']);
    expect(marked('南宁市创业担保贷款贴息', 'cydb')).toEqual(['创业担保']);
    expect(marked('南宁市创业担保贷款贴息', 'danbao daikuan')).toEqual(['担保贷款']);
    expect(marked('Guaranteed start-up loan', 'loan')).toEqual(['loan']);
    expect(marked('南宁市创业担保贷款贴息', 'xyz')).toEqual([]);
  });
});

describe('department names', () => {
  it('folds the aliases of one unit to its canonical name and back', () => {
    expect(new Set(['市人社局', '市人力资源和社会保障局', '市人力资源社会保障局'].map(canonicalUnit))).toEqual(new Set(['市人力资源和社会保障局']));
    expect(namesOfUnit('市人社局')).toEqual(expect.arrayContaining(['市人社局', '市人力资源社会保障局', '市人力资源和社会保障局']));
    expect(canonicalUnit('市财政局')).toBe('市财政局');
    expect(namesOfUnit('市财政局')).toEqual(['市财政局']);
  });
});

describe('region subtree', () => {
  it('places districts under cities and provinces', () => {
    expect(regionCovers('450100', '450103')).toBe(true);
    expect(regionCovers('450000', '450103')).toBe(true);
    expect(regionCovers('450100', '360111')).toBe(false);
    expect(regionCovers('450103', '450100')).toBe(false);
    expect(regionAncestors('450103')).toEqual(['450103', '450100', '450000']);
  });
});
