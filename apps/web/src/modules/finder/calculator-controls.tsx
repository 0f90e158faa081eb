/**
 * The calculator's input controls, loaded once a visitor has said who they are (see
 * calculator-page.tsx): the question being asked — a yes/no, a number or an amount in yuan, a date,
 * a choice, a region or text — and the officers' "as of" date. Ant Design's DatePicker, Cascader,
 * Select, InputNumber and Form are not part of the calculator's first load.
 */
import { Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { defineMessages, useLocalise, useMessages } from '../../app/i18n';
import { RegionCascader } from '../regions';
import type { Question } from './finder.api';

const m = defineMessages({
  zh: {
    answer: '确定',
    skip: '跳过',
    yes: '是',
    no: '否',
    yuanUnit: '元',
    asOf: '按历史日期评估（仅限经办人员）',
    asOfHelp: '留空即按今天评估。',
  },
  en: {
    answer: 'OK',
    skip: 'Skip',
    yes: 'Yes',
    no: 'No',
    yuanUnit: 'CNY',
    asOf: 'Evaluate as of another date (officers only)',
    asOfHelp: 'Leave empty to evaluate on today.',
  },
});

export function QuestionForm({ question, onAnswer, onSkip }: { question: Question; onAnswer: (value: unknown) => void; onSkip: () => void }) {
  const t = useMessages(m);
  const l = useLocalise();
  const [value, setValue] = useState<unknown>(undefined);
  const id = `q-${question.variable}`;
  let input;
  switch (question.type) {
    case 'boolean':
      input = (
        <Radio.Group id={id} aria-labelledby={`${id}-label`} value={value} onChange={(e) => setValue(e.target.value)}>
          <Radio.Button value={true}>{t.yes}</Radio.Button>
          <Radio.Button value={false}>{t.no}</Radio.Button>
        </Radio.Group>
      );
      break;
    case 'integer':
    case 'number':
      input = <InputNumber id={id} style={{ width: 200 }} value={value as number | undefined} onChange={(v) => setValue(v ?? undefined)} addonAfter={question.unit ?? undefined} />;
      break;
    case 'money':
      input = <InputNumber id={id} style={{ width: 240 }} min={0} value={value === undefined ? undefined : (value as number) / 100} onChange={(v) => setValue(v === null || v === undefined ? undefined : Math.round(Number(v) * 100))} addonAfter={t.yuanUnit} />;
      break;
    case 'date':
      input = <DatePicker id={id} value={value ? dayjs(value as string) : null} onChange={(d) => setValue(d ? d.format('YYYY-MM-DD') : undefined)} />;
      break;
    case 'enum':
      input = <Select id={id} style={{ minWidth: 220 }} value={value as string | undefined} onChange={setValue} options={(question.values ?? []).map((o) => ({ value: o.value, label: l(o.label) }))} />;
      break;
    case 'region':
      input = <RegionCascader id={id} value={(value as string) ?? null} onChange={(c) => setValue(c ?? undefined)} />;
      break;
    default:
      input = <Input id={id} style={{ maxWidth: 320 }} value={(value as string) ?? ''} onChange={(e) => setValue(e.target.value || undefined)} />;
  }
  return (
    <Card className="sb-no-print" style={{ marginBottom: 16 }} data-testid="question">
      <Form layout="vertical" onFinish={() => value !== undefined && onAnswer(value)}>
        <Form.Item label={<span id={`${id}-label`}>{l(question.question)}</span>} htmlFor={id} extra={l(question.label)}>
          {input}
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" disabled={value === undefined}>{t.answer}</Button>
          <Button onClick={onSkip}>{t.skip}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** Officers only: evaluate as of another day (`date`, YYYY-MM-DD); empty is today. */
export function AsOfDate({ value, onChange }: { value: string | undefined; onChange: (day: string | undefined) => void }) {
  const t = useMessages(m);
  return (
    <Card size="small" className="sb-no-print" style={{ marginBottom: 16 }} data-testid="as-of">
      <Form layout="inline">
        <Form.Item label={t.asOf} htmlFor="as-of-date" extra={t.asOfHelp}>
          <DatePicker id="as-of-date" value={value ? dayjs(value) : null} onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)} />
        </Form.Item>
      </Form>
    </Card>
  );
}
