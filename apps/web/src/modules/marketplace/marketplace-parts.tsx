/** Pieces the marketplace's pages share: the bilingual text helper, money in 元, stars, statuses, the grade explained. */
import { Rate, Table, Tag, Typography } from 'antd';
import { CERTIFICATION_STATUS_LABELS, ORDER_STATUS_LABELS, SERVICE_CATEGORY_LABELS, type CertificationStatus, type Grade, type OrderStatus, type ServiceCategory } from '@seedbed/contract';
import { amountText } from '../../app/amount';
import { Chart } from '../../app/chart';
import { useLang } from '../../app/i18n';

/** Chinese first; in English the English text. */
export function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

export function Money({ fen }: { fen: number }) {
  const { lang } = useLang();
  return <span>{amountText(fen, lang)}</span>;
}

export function PriceRange({ min, max }: { min: number; max: number }) {
  return min === max ? <Money fen={min} /> : (
    <span>
      <Money fen={min} /> – <Money fen={max} />
    </span>
  );
}

export function CategoryTag({ category }: { category: ServiceCategory }) {
  const { lang } = useLang();
  return <Tag color="blue">{SERVICE_CATEGORY_LABELS[category][lang]}</Tag>;
}

export function Stars({ n, testId }: { n: number; testId?: string }) {
  return (
    <span data-testid={testId} aria-label={`${n}星 / ${n} stars`}>
      <Rate disabled count={5} value={n} style={{ fontSize: 14 }} />
    </span>
  );
}

export function CertificationStatusTag({ status }: { status: CertificationStatus }) {
  const { lang } = useLang();
  const color = { pending: 'gold', certified: 'green', rejected: 'default', suspended: 'orange', revoked: 'red' }[status];
  return <Tag color={color}>{CERTIFICATION_STATUS_LABELS[status][lang]}</Tag>;
}

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { lang } = useLang();
  const color = { quote_requested: 'gold', quoted: 'gold', placed: 'gold', confirmed: 'blue', delivered: 'cyan', accepted: 'green', disputed: 'red', cancelled: 'default' }[status];
  return <Tag color={color}>{ORDER_STATUS_LABELS[status][lang]}</Tag>;
}

/** A grade with each term's value and points, and a chart of the points by term. */
export function GradeExplained({ grade }: { grade: Grade }) {
  const { lang } = useLang();
  const tx = useTx();
  return (
    <div data-testid="grade">
      <Typography.Paragraph>
        <Stars n={grade.stars} testId="grade-stars" />{' '}
        <Typography.Text strong data-testid="grade-points">
          {tx(`${grade.points} 分（满分100）`, `${grade.points} points of 100`)}
        </Typography.Text>{' '}
        {grade.provisional ? <Tag>{tx(`${grade.year}年至今（随评价变动）`, `${grade.year} so far (moves with each rating)`)}</Tag> : <Tag color="green">{tx(`${grade.year}年度评定`, `${grade.year} annual grade`)}</Tag>}
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="term"
        dataSource={grade.terms}
        data-testid="grade-terms"
        columns={[
          { key: 'label', title: tx('评分项', 'Term'), render: (_: unknown, t: Grade['terms'][number]) => t.label[lang] },
          { key: 'value', title: tx('取值', 'Value'), render: (_: unknown, t: Grade['terms'][number]) => t.value },
          { key: 'points', title: tx('得分', 'Points'), align: 'right', render: (_: unknown, t: Grade['terms'][number]) => (t.max > 0 ? `${t.points} / ${t.max}` : String(t.points)) },
        ]}
      />
      <Chart title={tx('各项得分', 'Points by term')} categories={grade.terms.map((t) => t.label[lang])} series={[{ name: tx('得分', 'Points'), values: grade.terms.map((t) => t.points) }]} height={220} testId="grade-chart" />
    </div>
  );
}
