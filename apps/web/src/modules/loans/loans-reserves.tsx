/**
 * The bad-debt reserves (风险准备金) a user may read, read-only: the guarantee fund's and the finance
 * bureau's regions, and a lending bank's, where it lends under the guarantee — each with its
 * balance, the losses it has covered and its movements (funding by the finance bureau, defaults
 * covered). Shown on the work list; nothing when the user may read none. Funding it is the finance
 * bureau's page (/loans-finance).
 */
import { Card, Col, Row, Statistic, Tag } from 'antd';
import type { ReserveMovement } from '@seedbed/contract';
import { useLang } from '../../app/i18n';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError } from '../../app/ui';
import { showInstant } from '../../app/time';
import { useReserves, type ReserveView } from './loans.api';

const yuanText = (fen: number, lang: 'zh' | 'en') => {
  const yuan = (fen / 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return lang === 'zh' ? `${yuan} 元` : `CNY ${yuan}`;
};

function OneReserve({ reserve }: { reserve: ReserveView }) {
  const { lang } = useLang();
  const tx = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const kindLabel = (m: ReserveMovement) =>
    m.kind === 'funding' ? <Tag color="green">{tx('财政拨入', 'Funded')}</Tag> : m.kind === 'default' ? <Tag color="orange">{tx('违约代偿', 'Default covered')}</Tag> : <Tag>{tx('其他调整', 'Adjustment')}</Tag>;
  return (
    <div data-testid="reserve-view" style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]} style={{ marginBottom: 8 }}>
        <Col xs={24} md={8}>
          <Statistic title={tx('地区', 'Region')} value={reserve.regionName} />
        </Col>
        <Col xs={12} md={8}>
          <Statistic title={tx('当前余额', 'Balance')} value={yuanText(reserve.balanceFen, lang)} valueRender={(v) => <span data-testid="reserve-view-balance">{v}</span>} />
        </Col>
        <Col xs={12} md={8}>
          <Statistic title={tx('累计代偿', 'Defaults covered')} value={yuanText(reserve.lossesFen, lang)} />
        </Col>
      </Row>
      <ResponsiveList<ReserveMovement>
        rows={reserve.movements}
        loading={false}
        rowKey={(m) => `${m.at}:${m.amountFen}`}
        testId="reserve-view-movements"
        empty={<EmptyState description={tx('风险准备金尚无收支记录。', 'No movement of the reserve yet.')} />}
        columns={[
          { key: 'at', title: tx('时间', 'When'), primary: true, render: (m) => showInstant(m.at, lang) },
          { key: 'kind', title: tx('类别', 'Kind'), render: kindLabel },
          { key: 'amount', title: tx('金额', 'Amount'), render: (m) => <span style={{ color: m.amountFen < 0 ? '#d4380d' : undefined }}>{`${m.amountFen > 0 ? '+' : '−'}${yuanText(Math.abs(m.amountFen), lang)}`}</span> },
        ]}
      />
    </div>
  );
}

export function ReservesCard() {
  const { lang } = useLang();
  const reserves = useReserves();
  if (reserves.error) return <LoadError error={reserves.error} onRetry={() => void reserves.refetch()} />;
  if (!reserves.data || reserves.data.length === 0) return null;
  return (
    <Card size="small" title={lang === 'zh' ? '风险准备金（只读）' : 'Bad-debt reserve (read-only)'} style={{ marginTop: 16 }} data-testid="reserves-card">
      {reserves.data.map((r) => (
        <OneReserve key={r.regionCode} reserve={r} />
      ))}
    </Card>
  );
}
