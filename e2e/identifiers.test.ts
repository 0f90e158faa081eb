import { describe, expect, it } from 'vitest';
import { identifiersIn } from './identifiers.js';

const vocabulary = ['certificate', 'first_review', 'nn.new-product-subsidy', 'graduation_date'];

describe('identifiersIn', () => {
  it('finds item ids, variable names, status codes, region codes and UUIDs', () => {
    const text = '状态 first_review；条件 graduation_date。见 nn.new-product-subsidy. 地区 450102 编号 aa9d3398-079a-43c9-9f8f-4276034f5983';
    expect(identifiersIn(text, vocabulary)).toEqual([
      'UUID aa9d3398-079a-43c9-9f8f-4276034f5983',
      'region code 450102',
      'first_review',
      'nn.new-product-subsidy',
      'graduation_date',
    ]);
  });

  it('leaves people’s text alone: file names, amounts, dates, longer words', () => {
    const text = '附件 certificate.pdf，金额 100,000 元（¥1,000,000.00），日期 2024-06-30 10:00:00，电话 0771-5551234，certificates';
    expect(identifiersIn(text, vocabulary)).toEqual([]);
  });
});
