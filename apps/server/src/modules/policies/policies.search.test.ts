import { describe, expect, it } from 'vitest';
import { indexLexemes, searchQuery } from './policies.search.js';
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

describe('region subtree', () => {
  it('places districts under cities and provinces', () => {
    expect(regionCovers('450100', '450103')).toBe(true);
    expect(regionCovers('450000', '450103')).toBe(true);
    expect(regionCovers('450100', '360111')).toBe(false);
    expect(regionCovers('450103', '450100')).toBe(false);
    expect(regionAncestors('450103')).toEqual(['450103', '450100', '450000']);
  });
});
