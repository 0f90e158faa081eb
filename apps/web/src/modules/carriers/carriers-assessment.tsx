/** A carrier's yearly assessments (评估/考核) on its page: results for everyone; the office opens and closes rounds; experts score the indicators. */
import { useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ASSESSMENT_GRADE_LABELS, ASSESSMENT_INDICATORS, type Assessment, type AssessmentReviewBody, type Assessments } from '@seedbed/contract';
import { api } from '../../app/api-client';
import { useLang } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, ProblemAlert } from '../../app/ui';

const enc = encodeURIComponent;
const useAssessments = (id: string) => useQuery({ queryKey: ['carriers', 'assessments', id], queryFn: () => api.get<Assessments>(`/carriers/${enc(id)}/assessments`) });

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

const GRADE_COLOR = { excellent: 'red', good: 'blue', pass: 'green', fail: 'default' } as const;

export function AssessmentCard({ carrierId }: { carrierId: string }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const list = useAssessments(carrierId);
  const [year, setYear] = useState(() => dayjs().year());
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm();
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['carriers', 'assessments', carrierId] });
  const act = async (f: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await f();
      message.success(done);
      await refresh();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, []));
    }
  };
  if (!data || (data.items.length === 0 && !data.mayOpen)) return null;
  return (
    <Card
      size="small"
      title={tx('年度考核', 'Yearly assessment')}
      style={{ marginTop: 16 }}
      data-testid="assessments"
      extra={
        data.mayOpen ? (
          <Space wrap>
            <Select size="small" value={year} onChange={setYear} style={{ width: 110 }} aria-label={tx('考核年度', 'Year')} options={Array.from({ length: 4 }, (_, i) => dayjs().year() - i).map((y) => ({ value: y, label: tx(`${y}年度`, `${y}`) }))} />
            <Button size="small" type="primary" data-testid="open-assessment" onClick={() => void act(() => api.post(`/carriers/${enc(carrierId)}/assessments`, { year }), tx('已开启考核', 'Assessment opened'))}>
              {tx('开启考核', 'Open the assessment')}
            </Button>
          </Space>
        ) : null
      }
    >
      <ProblemAlert problem={problem} />
      {data.items.length === 0 ? (
        <EmptyState description={tx('尚未开启年度考核。', 'No assessment yet.')} />
      ) : (
        data.items.map((a) => (
          <div key={a.year} style={{ marginBottom: 16 }} data-testid={`assessment-${a.year}`}>
            <Space wrap>
              <Typography.Text strong>{tx(`${a.year}年度`, `${a.year}`)}</Typography.Text>
              {a.status === 'closed' && a.grade ? (
                <>
                  <Tag color={GRADE_COLOR[a.grade]}>{ASSESSMENT_GRADE_LABELS[a.grade][lang]}</Tag>
                  <Typography.Text>{tx(`得分 ${a.score}`, `Score ${a.score}`)}</Typography.Text>
                </>
              ) : (
                <Tag color="gold">{tx(`评审中：已有 ${a.scored} 位专家评分（至少 ${a.minAssessors} 位）`, `Under review: ${a.scored} of at least ${a.minAssessors} experts have scored`)}</Tag>
              )}
              {a.mayClose ? (
                <Button size="small" type="primary" data-testid="close-assessment" onClick={() => void act(() => api.post(`/carriers/${enc(carrierId)}/assessments/${a.year}/close`, {}), tx('考核已结束', 'Assessment closed'))}>
                  {tx('结束考核，计算得分', 'Close and score')}
                </Button>
              ) : null}
            </Space>
            {a.entries.length > 0 ? <Entries a={a} /> : null}
            {a.mayReview ? <ReviewForm carrierId={carrierId} year={a.year} onDone={refresh} /> : null}
          </div>
        ))
      )}
    </Card>
  );
}

function Entries({ a }: { a: Assessment }) {
  const tx = useTx();
  return (
    <ResponsiveList<Assessment['entries'][number]>
      rows={a.entries}
      rowKey={(e) => `${e.assessorName}${e.mine ? 'me' : ''}${e.total ?? ''}`}
      testId={`assessment-entries-${a.year}`}
      empty={null}
      columns={[
        { key: 'who', title: tx('专家', 'Expert'), primary: true, render: (e) => (e.sealed ? tx('（已评分，评分前不可见）', '(scored; sealed until you score)') : e.assessorName) },
        { key: 'total', title: tx('总分', 'Total'), render: (e) => (e.sealed ? '—' : e.conflict ? tx('声明利益冲突', 'Declared a conflict') : (e.total ?? '—')) },
        { key: 'flag', title: tx('提示', 'Note'), render: (e) => (e.outlier ? <Tag color="orange">{tx('偏离中位数', 'Far from the median')}</Tag> : (e.comment ?? e.conflictNote ?? '')) },
      ]}
    />
  );
}

function ReviewForm({ carrierId, year, onDone }: { carrierId: string; year: number; onDone: () => Promise<unknown> }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ conflict: boolean; conflictNote?: string; comment?: string } & Record<string, number>>();
  const conflict = Form.useWatch('conflict', form);
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    const body: AssessmentReviewBody = v.conflict
      ? { conflict: true, conflictNote: v.conflictNote ?? '' }
      : { conflict: false, scores: Object.fromEntries(ASSESSMENT_INDICATORS.map((c) => [c.id, v[c.id] as number])), ...(v.comment ? { comment: v.comment } : {}) };
    try {
      await api.post(`/carriers/${enc(carrierId)}/assessments/${year}/review`, body);
      message.success(tx('评分已提交', 'Review submitted'));
      await onDone();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['conflictNote'], ['comment'], ...ASSESSMENT_INDICATORS.map((c) => [c.id] as [string])]));
    }
  };
  return (
    <Card size="small" type="inner" title={tx('我的评分', 'My review')} style={{ marginTop: 8 }} data-testid="assessment-review">
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ conflict: false }}>
        <Form.Item name="conflict" valuePropName="checked">
          <Checkbox>{tx('我与该载体存在利益冲突（不评分）', 'I have a conflict of interest with this carrier (no scores)')}</Checkbox>
        </Form.Item>
        {conflict ? (
          <Form.Item name="conflictNote" label={tx('利益冲突说明', 'The conflict of interest')} rules={[{ required: true, message: tx('请说明情况', 'Describe it') }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        ) : (
          <>
            <Space wrap>
              {ASSESSMENT_INDICATORS.map((c) => (
                <Form.Item key={c.id} name={c.id} label={tx(`${c.label.zh}（满分${c.max}）`, `${c.label.en} (out of ${c.max})`)} rules={[{ required: true, message: tx('请评分', 'Score it') }]}>
                  <InputNumber min={0} max={c.max} precision={0} data-testid={`score-${c.id}`} />
                </Form.Item>
              ))}
            </Space>
            <Form.Item name="comment" label={tx('评审意见（可空）', 'Comment (optional)')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
        <Button type="primary" onClick={() => void submit()} data-testid="submit-assessment">
          {tx('提交评分', 'Submit')}
        </Button>
      </Form>
    </Card>
  );
}
