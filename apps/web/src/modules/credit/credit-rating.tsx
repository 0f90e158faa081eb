/**
 * The credit rating as the enterprise and the officers see it: the grade and the score, then each
 * indicator's value, weight and contribution in points with its explanation (a table), and the
 * contributions as a bar chart. Shared by 我的信用 and 信用信息.
 */
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { CREDIT_GRADE_LABELS } from '@seedbed/contract';
import { Chart } from '../../app/chart';
import { useLang } from '../../app/i18n';
import type { CreditRatingView } from './credit.api';

const GRADE_COLOR = { A: 'green', B: 'blue', C: 'gold', D: 'red' } as const;
const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? '0' : `−${-n}`);

export function RatingCard({ rating, title }: { rating: CreditRatingView; title?: string }) {
  const { lang } = useLang();
  const tx = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="credit-rating" title={title ?? tx('信用评级', 'Credit rating')}>
      <Space align="center" wrap style={{ marginBottom: 8 }}>
        <Tag color={GRADE_COLOR[rating.grade]} style={{ fontSize: 18, padding: '4px 12px' }} data-testid="credit-grade">
          {CREDIT_GRADE_LABELS[rating.grade][lang]}
        </Tag>
        <Typography.Text data-testid="credit-score">
          {tx(`得分 ${rating.score}（基础分 ${rating.baseline}，满分 100）`, `Score ${rating.score} (baseline ${rating.baseline}, out of 100)`)}
        </Typography.Text>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {tx(
          '评级规则：基础分 70，各项指标加减分后得分；85 分及以上为 A 级，70–84 分为 B 级，50–69 分为 C 级，50 分以下为 D 级。严重失信记录公示期间一律为 D 级。评级按当日数据实时计算。',
          'Baseline 70, plus or minus each indicator; 85 or more is A, 70–84 B, 50–69 C, below 50 D. While a serious record is published the grade is D. Computed from today\'s data.',
        )}
      </Typography.Paragraph>
      {rating.cappedBySeriousViolation ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="credit-rating-capped"
          title={tx('存在公示中的严重失信记录，评级为 D 级；信用修复获准或公示期满后重新计算。', 'A serious record is published: the grade is D until it is repaired or its window ends.')}
        />
      ) : null}
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rating.indicators}
        scroll={{ x: 'max-content' }}
        data-testid="credit-indicators"
        columns={[
          { title: tx('指标', 'Indicator'), render: (_, i) => i.label[lang] },
          { title: tx('取值', 'Value'), render: (_, i) => i.valueText[lang] },
          { title: tx('计分规则', 'Weight'), responsive: ['md'], render: (_, i) => i.weight[lang] },
          {
            title: tx('得分', 'Points'),
            align: 'right',
            render: (_, i) => <Typography.Text type={i.points < 0 ? 'danger' : i.points > 0 ? 'success' : 'secondary'}>{signed(i.points)}</Typography.Text>,
          },
          { title: tx('说明', 'Why'), responsive: ['lg'], render: (_, i) => <Typography.Text type="secondary">{i.explanation[lang]}</Typography.Text> },
        ]}
      />
      <div style={{ marginTop: 12 }}>
        <Chart
          title={tx('各项指标得分', 'Points by indicator')}
          type="horizontal"
          height={240}
          categories={rating.indicators.map((i) => i.label[lang])}
          series={[
            { name: tx('加分', 'Adds'), values: rating.indicators.map((i) => Math.max(0, i.points)), color: '#52c41a', stack: 'points' },
            { name: tx('扣分', 'Takes away'), values: rating.indicators.map((i) => Math.min(0, i.points)), color: '#ff4d4f', stack: 'points' },
          ]}
          format={(v) => signed(v)}
          testId="credit-rating-chart"
        />
      </div>
    </Card>
  );
}
