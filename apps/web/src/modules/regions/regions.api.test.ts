import { describe, expect, it } from 'vitest';
import { regionCodePath } from './regions.api';

describe('regionCodePath', () => {
  it('walks a district up to its province', () => {
    expect(regionCodePath('430304')).toEqual(['430000', '430300', '430304']);
  });
  it('stops at the level of the code itself', () => {
    expect(regionCodePath('450100')).toEqual(['450000', '450100']);
    expect(regionCodePath('360000')).toEqual(['360000']);
  });
  it('rejects what is not a region code', () => {
    expect(regionCodePath('45010')).toEqual([]);
  });
});
