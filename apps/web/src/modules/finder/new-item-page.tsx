/**
 * Officers: create a new policy item from one of the source documents, as an unpublished draft
 * version 1 (the rule as JSON, checked by the rules engine; the quote checked against the
 * document's text). The item is then simulated and published on its manage page. Below the
 * form, the open drafts with links to their manage pages.
 */
import { Alert, Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api-client';
import { hasPermission, useMe } from '../../app/auth';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle, type Localised } from '../../app/i18n';
import { problemMessage, problemOf } from '../../app/problem';
import { shanghaiToday, showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import type { PolicyDocument, VersionView } from './finder.api';

const m = defineMessages({
  zh: {
    title: '新建政策事项',
    subtitle: '从政策文件中的一条措施新建事项：先保存为未发布的草稿（第 1 版），模拟测算后再发布。',
    library: '返回政策库',
    document: '政策文件',
    documentRequired: '请选择政策文件',
    spec: '事项规则（JSON）',
    specHelp: '按规则格式填写：事项编号 id（如 nn.demo-new-subsidy，以文件前缀开头）、名称 title、申请条件 criteria 和金额 amount（单位：分）。',
    specRequired: '请填写事项规则',
    reset: '按所选文件重新生成模板',
    clause: '条款（可选）',
    clauseHelp: '如 三(二)9',
    quote: '原文摘录',
    quoteHelp: '政策文件中的原句（整句照录），用于核对依据。',
    quoteRequired: '请填写原文摘录',
    leadUnit: '牵头单位（可选）',
    note: '说明',
    noteHelp: '为什么新建这一事项（最多 500 字）',
    noteRequired: '请填写说明',
    submit: '创建草稿',
    errors: '未能创建：',
    json: (msg: string) => `JSON 语法错误：${msg}`,
    drafts: '待发布的草稿',
    noDrafts: '暂无待发布的草稿',
    isNew: '新政策',
    version: (v: number) => `第 ${v} 版草稿`,
    manage: '打开管理页',
    notAllowed: '只有具有政策管理权限的经办人员和双创办可以新建政策事项。',
    awaiting: '待审批',
  },
  en: {
    title: 'New policy item',
    subtitle: 'Create an item from a measure of a policy document: it is saved as an unpublished draft (version 1), then simulated and published.',
    library: 'Back to the library',
    document: 'Policy document',
    documentRequired: 'Choose a policy document',
    spec: 'Item rule (JSON)',
    specHelp: 'In the rule format: the item id (e.g. nn.demo-new-subsidy, starting with the document prefix), the title, the criteria and the amount (in fen).',
    specRequired: 'Enter the item rule',
    reset: 'Regenerate the template for the chosen document',
    clause: 'Clause (optional)',
    clauseHelp: 'e.g. 三(二)9',
    quote: 'Quote from the source',
    quoteHelp: 'The sentence of the policy document, copied whole, that the item is based on.',
    quoteRequired: 'Enter the quote',
    leadUnit: 'Lead unit (optional)',
    note: 'Note',
    noteHelp: 'Why this item is created (up to 500 characters)',
    noteRequired: 'Enter a note',
    submit: 'Create draft',
    errors: 'Not created: ',
    json: (msg: string) => `JSON syntax error: ${msg}`,
    drafts: 'Drafts awaiting publication',
    noDrafts: 'No drafts awaiting publication',
    isNew: 'New policy',
    version: (v: number) => `Draft of version ${v}`,
    manage: 'Open its manage page',
    notAllowed: 'Only officers with the policy-management permission and the programme office can create policy items.',
    awaiting: 'Awaiting approval',
  },
});

type FieldName = 'documentKey' | 'spec' | 'clause' | 'quote' | 'leadUnit' | 'note';
const FORM_FIELD: Record<FieldName, (string | number)[]> = {
  documentKey: ['documentKey'],
  spec: ['spec'],
  clause: ['meta', 'clause'],
  quote: ['meta', 'quote'],
  leadUnit: ['meta', 'leadUnit'],
  note: ['note'],
};

/** The form field a server field path belongs to (`spec.criteria.x` → the rule editor). */
function fieldOf(path: string): FieldName | null {
  const p = path.replace(/^\//, '').replace(/\//g, '.').replace(/^body\./, '');
  if (p === 'documentKey') return 'documentKey';
  if (p === 'spec' || p.startsWith('spec.') || p.startsWith('spec[') || p === 'parameters' || p.startsWith('parameters.')) return 'spec';
  if (p === 'meta.clause') return 'clause';
  if (p === 'meta.quote') return 'quote';
  if (p === 'meta.leadUnit' || p.startsWith('meta.supportingUnits')) return 'leadUnit';
  if (p === 'note') return 'note';
  return null;
}

/** The first segment of a document key is its items' id prefix (nn-2016-34 → nn). */
const prefixOf = (doc: PolicyDocument) => doc.key.split('-')[0] ?? doc.key;

/**
 * A starting point for a new item of the document: its region and date filled in, the id, the
 * title, the example criterion's label and the amount left for the officer (the engine refuses
 * the empty texts and the bare prefix until they are filled).
 */
export function itemTemplate(doc: PolicyDocument): string {
  const spec = {
    id: `${prefixOf(doc)}.`,
    title: { zh: '', en: '' },
    entity: 'enterprise',
    benefit: 'subsidy',
    mode: 'apply',
    region: doc.region,
    effective: { from: doc.issuedOn ?? shanghaiToday(), to: null },
    criteria: [{ id: 'criterion_1', label: { zh: '', en: '' }, rule: { '>=': [{ var: 'employees' }, 1] } }],
    amount: { formula: 0 },
  };
  return JSON.stringify(spec, null, 2);
}

interface FormValues {
  documentKey?: string;
  spec?: string;
  meta?: { clause?: string; quote?: string; leadUnit?: string };
  note?: string;
}

interface CreateBody {
  documentKey: string;
  spec: unknown;
  note: string;
  meta: { clause: string | null; quote: string; leadUnit: string | null };
}

/** A problem to show in the alert: the general message and each field named by its label. */
interface ShownProblem {
  message: string;
  fields: { field: string; label: string | null; message: string }[];
}

const titleOf = (spec: unknown): Localised | null => {
  const t = (spec as { title?: unknown } | null)?.title as Partial<Localised> | undefined;
  return t && typeof t.zh === 'string' ? { zh: t.zh, en: typeof t.en === 'string' ? t.en : t.zh } : null;
};

function DraftList() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const drafts = useQuery({ queryKey: ['policies', 'drafts'], queryFn: () => api.get<{ items: VersionView[] }>('/policy-drafts') });
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t.drafts}</Typography.Title>} data-testid="drafts">
      {drafts.isError ? <LoadError error={drafts.error} onRetry={() => void drafts.refetch()} /> : !drafts.data ? <PageLoading /> : (
        <List
          dataSource={drafts.data.items}
          locale={{ emptyText: <EmptyState description={t.noDrafts} /> }}
          renderItem={(d) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/policies/${d.itemId}/manage`} aria-label={`${t.manage}：${l(titleOf(d.spec), d.itemId)}`}>{l(titleOf(d.spec), d.itemId)}</Link>}
                description={
                  <Space wrap size={6}>
                    {d.version === 1 ? <Tag color="orange">{t.isNew}</Tag> : null}
                    <Tag>{t.version(d.version)}</Tag>
                    {d.status === 'awaiting_approval' ? <Tag color="gold">{t.awaiting}</Tag> : null}
                    <span>{d.note}</span>
                    <span>{showInstant(d.createdAt, lang)}</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function NewItemPage() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe();
  usePageTitle(t.title);
  const [form] = Form.useForm<FormValues>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  // The template last put in the editor: while the text is still exactly that, choosing another
  // document replaces it; once the officer has edited it, it stays.
  const [template, setTemplate] = useState<string | null>(null);
  const documents = useQuery({ queryKey: ['policies', 'documents'], queryFn: () => api.get<{ items: PolicyDocument[] }>('/policy-documents'), staleTime: 5 * 60_000 });
  const labels: Record<FieldName, string> = { documentKey: t.document, spec: t.spec, clause: t.clause, quote: t.quote, leadUnit: t.leadUnit, note: t.note };

  const create = useMutation({
    mutationFn: (body: CreateBody) => api.post<VersionView>('/policies', body),
    onSuccess: async (created) => {
      await qc.invalidateQueries({ queryKey: ['policies'] });
      void navigate(`/policies/${created.itemId}/manage`);
    },
    onError: (e) => {
      const errors = problemOf(e)?.errors ?? [];
      const fields = errors.map((x) => {
        const name = fieldOf(x.field);
        return { field: x.field, label: name ? labels[name] : null, message: x.message[lang] || x.message.zh, name };
      });
      const byField = new Map<FieldName, string[]>();
      for (const f of fields) if (f.name) byField.set(f.name, [...(byField.get(f.name) ?? []), f.message]);
      form.setFields([...byField].map(([name, errs]) => ({ name: FORM_FIELD[name] as never, errors: errs })));
      setProblem({ message: problemMessage(e, lang), fields: fields.map(({ field, label, message }) => ({ field, label, message })) });
    },
  });

  if (me.isPending || documents.isPending) return <PageLoading />;
  if (documents.isError) return <LoadError error={documents.error} onRetry={() => void documents.refetch()} />;
  const heading = <PageHeading title={t.title} subtitle={t.subtitle} extra={<Link to="/policies">{t.library}</Link>} />;
  if (!hasPermission(me.data, 'policies.manage')) return <>{heading}<Alert type="warning" showIcon title={t.notAllowed} /></>;
  const docs = documents.data.items;

  const chooseDocument = (key: string) => {
    const doc = docs.find((d) => d.key === key);
    if (!doc) return;
    const current = form.getFieldValue('spec') as string | undefined;
    if (!current || current === template) {
      const next = itemTemplate(doc);
      form.setFieldValue('spec', next);
      setTemplate(next);
    }
  };
  const resetTemplate = () => {
    const doc = docs.find((d) => d.key === form.getFieldValue('documentKey'));
    if (!doc) return;
    const next = itemTemplate(doc);
    form.setFields([{ name: 'spec', value: next, errors: [] }]);
    setTemplate(next);
  };

  const submit = (values: FormValues) => {
    setProblem(null);
    let spec: unknown;
    try {
      spec = JSON.parse(values.spec ?? '');
    } catch (e) {
      const message = t.json((e as Error).message);
      form.setFields([{ name: 'spec', errors: [message] }]);
      setProblem({ message, fields: [{ field: 'spec', label: t.spec, message }] });
      return;
    }
    const text = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
    create.mutate({
      documentKey: values.documentKey!,
      spec,
      note: values.note!.trim(),
      meta: { clause: text(values.meta?.clause), quote: values.meta!.quote!.trim(), leadUnit: text(values.meta?.leadUnit) },
    });
  };

  return (
    <>
      {heading}
      {problem ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${t.errors}${problem.message}`}
          data-testid="new-item-error"
          description={
            problem.fields.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problem.fields.map((f) => (
                  <li key={`${f.field}:${f.message}`}>
                    {f.label ? <strong>{f.label}</strong> : null} <code>{f.field}</code>：{f.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" onFinish={submit} data-testid="new-item-form">
          <Form.Item name="documentKey" label={t.document} rules={[{ required: true, message: t.documentRequired }]}>
            <Select
              onChange={chooseDocument}
              options={docs.map((d) => ({ value: d.key, label: `${d.number ? `${d.number} ` : ''}${l(d.title)}` }))}
              optionRender={(o) => <span style={{ whiteSpace: 'normal' }}>{o.label}</span>}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="spec" label={t.spec} extra={t.specHelp} rules={[{ required: true, message: t.specRequired }]}>
            <Input.TextArea data-testid="new-spec-json" autoSize={{ minRows: 12, maxRows: 30 }} spellCheck={false} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.documentKey !== b.documentKey}>
            {() => (form.getFieldValue('documentKey') ? <Button size="small" onClick={resetTemplate} style={{ marginBottom: 16 }}>{t.reset}</Button> : null)}
          </Form.Item>
          <Form.Item name={['meta', 'clause']} label={t.clause} extra={t.clauseHelp}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name={['meta', 'quote']} label={t.quote} extra={t.quoteHelp} rules={[{ required: true, whitespace: true, message: t.quoteRequired }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
          <Form.Item name={['meta', 'leadUnit']} label={t.leadUnit}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="note" label={t.note} extra={t.noteHelp} rules={[{ required: true, whitespace: true, message: t.noteRequired }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>{t.submit}</Button>
        </Form>
      </Card>
      <DraftList />
    </>
  );
}
