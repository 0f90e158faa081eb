/**
 * 信用查询 (public): look an enterprise up by name or unified social credit code and read what may
 * be published about it today: its adverse records within their publication window (not minor,
 * not repaired) and its honours. Ten enterprises a page. A signed-in officer's lookup is recorded
 * and the enterprise sees which organisation looked.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { CREDIT_RECORD_KIND_LABELS, CREDIT_SEVERITY_LABELS } from '@seedbed/contract';
import { useLang, usePageTitle } from '../../app/i18n';
import { mapProblem } from '../../app/problem';
import { EmptyState, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { useCreditInquiry } from './credit.api';

export function CreditInquiryPage() {
  const { lang } = useLang();
  const tx = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  usePageTitle(tx('信用查询', 'Credit inquiry'));
  const [form] = Form.useForm<{ q?: string }>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const result = useCreditInquiry(q, page);
  // The server's refusal (e.g. a credit code whose check character is wrong) under the field.
  const problem = result.error ? mapProblem(result.error, lang, [['q']]) : null;
  const fieldProblem = problem?.placed[0]?.message;
  return (
    <div>
      <PageHeading
        title={tx('信用查询', 'Credit inquiry')}
        subtitle={tx(
          '按企业名称或统一社会信用代码查询依法公示的信用信息：公示期内的行政处罚、失信名单等记录和表彰记录。轻微失信、已信用修复或公示期满的记录不予显示。',
          'Look an enterprise up by name or credit code: the records published today (penalties and lists within their window, honours). Minor, repaired and expired records are not shown.',
        )}
      />
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setPage(1);
          setQ((v.q ?? '').trim());
        }}
      >
        <Form.Item
          name="q"
          style={{ flex: '1 1 280px', maxWidth: 520 }}
          {...(fieldProblem ? { validateStatus: 'error' as const, help: fieldProblem } : {})}
          rules={[
            { required: true, whitespace: true, message: tx('请输入企业名称或统一社会信用代码', 'Give a name or a credit code') },
            { min: 2, message: tx('企业名称至少输入2个字', 'At least two characters of the name') },
          ]}
        >
          <Input allowClear maxLength={100} placeholder={tx('企业名称或18位统一社会信用代码', 'Name, or the 18-character credit code')} data-testid="inquiry-q" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="inquiry-submit">
          {tx('查询', 'Search')}
        </Button>
      </Form>
      {problem && problem.placed.length === 0 ? <ProblemAlert problem={problem} /> : null}
      {q === '' ? null : result.isLoading ? (
        <PageLoading />
      ) : result.data ? (
        result.data.subjects.length === 0 ? (
          <EmptyState description={tx('未查到该企业。请核对名称或统一社会信用代码。', 'No enterprise found: check the name or the code.')} />
        ) : (
          <div data-testid="inquiry-results">
            {result.data.subjects.map((s) => (
              <Card key={s.creditCode} size="small" style={{ marginBottom: 12 }} data-testid="inquiry-subject" title={<span style={{ whiteSpace: 'normal' }}>{s.name}</span>}>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {tx(`统一社会信用代码：${s.creditCode}`, `Credit code: ${s.creditCode}`)}
                </Typography.Paragraph>
                {s.records.length === 0 ? (
                  <Alert type="success" showIcon title={tx('暂无依法公示的信用记录', 'No record published')} />
                ) : (
                  s.records.map((r) => (
                    <div key={`${r.sourceName}${r.decisionNumber}`} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8, marginTop: 8 }} data-testid="inquiry-record">
                      <Space size={4} wrap>
                        <Tag color={r.severity === null ? 'green' : undefined}>{CREDIT_RECORD_KIND_LABELS[r.kind][lang]}</Tag>
                        {r.severity ? <Tag color={r.severity === 'serious' ? 'red' : 'gold'}>{CREDIT_SEVERITY_LABELS[r.severity][lang]}</Tag> : null}
                      </Space>
                      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} style={{ marginTop: 8 }}>
                        <Descriptions.Item label={tx('决定文书号', 'Decision')}>{r.decisionNumber}</Descriptions.Item>
                        <Descriptions.Item label={tx('决定机关', 'Decided by')}>{r.sourceName}</Descriptions.Item>
                        <Descriptions.Item label={tx('决定日期', 'Decided on')}>{r.decidedOn}</Descriptions.Item>
                        <Descriptions.Item label={tx('公示截止', 'Published until')}>{r.publishedUntil ?? tx('长期', 'No end')}</Descriptions.Item>
                        <Descriptions.Item label={tx('法律依据', 'Legal basis')}>{r.legalBasis}</Descriptions.Item>
                        <Descriptions.Item label={tx('事由及内容', 'Facts and decision')} span={2}>
                          {r.content}
                        </Descriptions.Item>
                      </Descriptions>
                    </div>
                  ))
                )}
              </Card>
            ))}
            <Space>
              <Button disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                {tx('上一页', 'Previous')}
              </Button>
              <Typography.Text type="secondary">{tx(`第 ${page} 页`, `Page ${page}`)}</Typography.Text>
              <Button disabled={!result.data.hasMore} onClick={() => setPage((p) => p + 1)} data-testid="inquiry-next">
                {tx('下一页', 'Next')}
              </Button>
            </Space>
          </div>
        )
      ) : null}
    </div>
  );
}
