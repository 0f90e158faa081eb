import { describe, expect, it } from 'vitest';
import { classifySize } from './size-class.js';

const WAN = 1_000_000;

describe('size class per 工信部联企业〔2011〕300号', () => {
  it('industry: small needs ≥20 employees AND ≥300万 revenue; micro below either', () => {
    expect(classifySize({ industry: 'C39', employees: 20, revenue: 300 * WAN }).value).toBe('small');
    expect(classifySize({ industry: 'C39', employees: 19, revenue: 300 * WAN }).value).toBe('micro');
    expect(classifySize({ industry: 'C39', employees: 500, revenue: 299 * WAN }).value).toBe('micro');
    expect(classifySize({ industry: 'C39', employees: 300, revenue: 2000 * WAN }).value).toBe('medium');
  });
  it('industry: large only when at or above both ceilings (1000 people and 4亿)', () => {
    expect(classifySize({ industry: 'C39', employees: 1000, revenue: 40000 * WAN }).value).toBe('large');
    expect(classifySize({ industry: 'C39', employees: 1000, revenue: 39999 * WAN }).value).toBe('medium');
  });
  it('software: small from 10 people and 50万', () => {
    expect(classifySize({ industry: 'I65', employees: 10, revenue: 50 * WAN }).value).toBe('small');
    expect(classifySize({ industry: 'I65', employees: 10, revenue: 50 * WAN - 1 }).value).toBe('micro');
  });
  it('retail uses employees and revenue; leasing uses employees and assets', () => {
    expect(classifySize({ industry: 'F52', employees: 10, revenue: 100 * WAN }).value).toBe('small');
    expect(classifySize({ industry: 'L72', employees: 10, total_assets: 100 * WAN }).value).toBe('small');
    expect(classifySize({ industry: 'L72', employees: 10, total_assets: 99 * WAN }).value).toBe('micro');
  });
  it('agriculture uses revenue only', () => {
    expect(classifySize({ industry: 'A01', revenue: 49 * WAN }).value).toBe('micro');
    expect(classifySize({ industry: 'A01', revenue: 500 * WAN }).value).toBe('medium');
  });
  it('property management (K7020) differs from real-estate development (K70)', () => {
    expect(classifySize({ industry: 'K7020', employees: 100, revenue: 500 * WAN }).value).toBe('small');
    expect(classifySize({ industry: 'K70', revenue: 100 * WAN, total_assets: 2000 * WAN }).value).toBe('small');
  });
  it('says what is missing instead of guessing', () => {
    const verdict = classifySize({ industry: 'C39', employees: 5 });
    expect(verdict.value).toBeNull();
    expect(verdict.missing).toEqual(['revenue']);
    expect(classifySize({ employees: 5 }).missing).toEqual(['industry']);
  });
});
