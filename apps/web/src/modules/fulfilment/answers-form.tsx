/**
 * The answers an item's rules need and the materials it requires, with uploads checked by the
 * server. Used to apply and to amend a returned application.
 */
import { RegionName } from '../regions';
import { VALUE_LIMITS } from '@seedbed/rules/values';
import { CheckCircleTwoTone } from '@ant-design/icons';
import { Alert, Descriptions, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { defineMessages, useLang, useLocalise, useMessages } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { amountText } from '../../app/amount';
import { uploadFile, type Question, type StoredFile } from './fulfilment.api';
import type { Localised } from '../../app/i18n';

const m = defineMessages({
  zh: {
    answers: '申报信息',
    fromProfile: '以下信息来自企业档案（如需修改请到“我的档案”）',
    yes: '是',
    no: '否',
    materials: '申报材料',
    uploadHint: '仅接受 PDF、JPEG、PNG，单个文件不超过 10 MB',
    uploading: '正在上传…',
    uploaded: '已上传',
    keep: '（不重新上传则沿用原材料）',
    yuan: '元',
  },
  en: {
    answers: 'Answers',
    fromProfile: 'From the profile (change them in My profile)',
    yes: 'Yes',
    no: 'No',
    materials: 'Materials',
    uploadHint: 'PDF, JPEG or PNG only, at most 10 MB each',
    uploading: 'Uploading…',
    uploaded: 'Uploaded',
    keep: '(keeps the earlier file unless you upload a new one)',
    yuan: 'CNY',
  },
});

export type Answers = Record<string, unknown>;

/** Answer value from a form field: money is typed in 元 and sent in fen. */
export function toAnswers(questions: Question[], values: Record<string, unknown>): Answers {
  const out: Answers = {};
  for (const q of questions) {
    if (q.fromProfile) continue;
    const v = values[q.variable];
    if (v === undefined || v === null || v === '') continue;
    out[q.variable] = q.type === 'money' && typeof v === 'number' ? Math.round(v * 100) : q.type === 'boolean' ? v === 'true' : v;
  }
  return out;
}

export function fromAnswers(questions: Question[], answers: Answers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of questions) {
    const v = answers[q.variable];
    if (v === undefined) continue;
    out[q.variable] = q.type === 'money' && typeof v === 'number' ? v / 100 : q.type === 'boolean' ? String(v) : v;
  }
  return out;
}

function Field({ q }: { q: Question }) {
  const t = useMessages(m);
  const l = useLocalise();
  const label = l(q.question);
  switch (q.type) {
    case 'boolean':
      return (
        <Form.Item name={q.variable} label={label} rules={[{ required: true }]}>
          <Select options={[{ value: 'true', label: t.yes }, { value: 'false', label: t.no }]} aria-label={label} />
        </Form.Item>
      );
    case 'integer':
      return (
        <Form.Item name={q.variable} label={label} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} style={{ width: 200 }} aria-label={label} addonAfter={q.unit ?? undefined} />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item name={q.variable} label={label} rules={[{ required: true }]}>
          <InputNumber style={{ width: 200 }} aria-label={label} addonAfter={q.unit ?? undefined} />
        </Form.Item>
      );
    case 'money':
      return (
        <Form.Item name={q.variable} label={label} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} style={{ width: 240 }} aria-label={label} addonAfter={t.yuan} />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item name={q.variable} label={label} rules={[{ required: true }]}>
          <Select options={(q.values ?? []).map((v) => ({ value: v.value, label: l(v.label) }))} aria-label={label} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item name={q.variable} label={label} rules={[{ required: true }]}>
          <Input type="date" style={{ width: 200 }} aria-label={label} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item name={q.variable} label={label} rules={[{ required: true }]}>
          <Input maxLength={VALUE_LIMITS.textLength} aria-label={label} />
        </Form.Item>
      );
  }
}

export function QuestionFields({ questions }: { questions: Question[] }) {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const asked = questions.filter((q) => !q.fromProfile);
  const profile = questions.filter((q) => q.fromProfile && q.value !== null);
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t.answers}
      </Typography.Title>
      {asked.map((q) => (
        <Field key={q.variable} q={q} />
      ))}
      {profile.length > 0 ? (
        <Descriptions size="small" column={1} title={<span style={{ fontSize: 14, fontWeight: 'normal' }}>{t.fromProfile}</span>} style={{ marginBottom: 16 }}>
          {profile.map((q) => (
            <Descriptions.Item key={q.variable} label={l(q.label)}>
              {typeof q.value === 'boolean' ? (q.value ? t.yes : t.no) : q.type === 'region' && typeof q.value === 'string' ? <RegionName code={q.value} /> : q.type === 'money' && typeof q.value === 'number' ? amountText(q.value, lang) : q.values?.find((v) => v.value === q.value) ? l(q.values.find((v) => v.value === q.value)!.label) : String(q.value)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : null}
    </>
  );
}

/** One upload per required material: the server detects the type from the bytes. */
export function MaterialUploads({
  materials,
  value,
  onChange,
  existing,
}: {
  materials: { id: string; label: Localised }[];
  value: Record<string, StoredFile>;
  onChange: (next: Record<string, StoredFile>) => void;
  existing?: Record<string, string>;
}) {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (materials.length === 0) return null;
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t.materials}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.uploadHint}</Typography.Paragraph>
      {materials.map((mat) => {
        const id = `material-${mat.id}`;
        const done = value[mat.id];
        return (
          <div key={mat.id} style={{ marginBottom: 16 }}>
            <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
              {l(mat.label)} {existing?.[mat.id] && !done ? <Typography.Text type="secondary">{t.keep}</Typography.Text> : null}
            </label>
            <Space>
              <input
                id={id}
                type="file"
                accept="application/pdf,image/jpeg,image/png"
                aria-invalid={errors[mat.id] ? true : undefined}
                aria-describedby={errors[mat.id] ? `${id}-error` : undefined}
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  if (!file) return;
                  setBusy(mat.id);
                  setErrors((x) => ({ ...x, [mat.id]: '' }));
                  try {
                    const stored = await uploadFile(file);
                    onChange({ ...value, [mat.id]: stored });
                  } catch (err) {
                    setErrors((x) => ({ ...x, [mat.id]: problemMessage(err, lang) }));
                    const next = { ...value };
                    delete next[mat.id];
                    onChange(next);
                  } finally {
                    setBusy(null);
                  }
                }}
              />
              {busy === mat.id ? <span role="status">{t.uploading}</span> : null}
              {done ? (
                <span data-testid={`uploaded-${mat.id}`}>
                  <CheckCircleTwoTone twoToneColor="#52c41a" aria-hidden /> {t.uploaded}：{done.name}
                </span>
              ) : null}
            </Space>
            {errors[mat.id] ? <Alert id={`${id}-error`} type="error" showIcon title={errors[mat.id]} style={{ marginTop: 8 }} role="alert" /> : null}
          </div>
        );
      })}
    </>
  );
}
