/** 仪器共享: the shared instruments, searched in Chinese or pinyin, by class, district, rate and a day they are free. */
import { Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { INSTRUMENT_CATEGORIES, INSTRUMENT_CATEGORY_LABELS } from '@seedbed/contract';
import { useState } from 'react';
import { Link } from 'react-router';
import { useLang, usePageTitle } from '../../app/i18n';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading } from '../../app/ui';
import { RegionCascader } from '../regions';
import { useInstruments, type Instrument, type InstrumentFilter } from './instruments.api';
import { Money, useTx } from './parts';

export function InstrumentsPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('仪器共享', 'Shared instruments'));
  const [draft, setDraft] = useState<InstrumentFilter>({});
  const [filter, setFilter] = useState<InstrumentFilter>({});
  const list = useInstruments(filter);
  return (
    <div>
      <PageHeading title={tx('仪器共享', 'Shared instruments')} subtitle={tx('本市高校、院所和企业开放共享的大型科研仪器；可用中文或拼音搜索，查看空闲时段并在线预约。', "Large research instruments the city's universities, institutes and firms share: search in Chinese or pinyin, see free times and book online.")} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" onFinish={() => setFilter({ ...draft, q: draft.q?.trim() || undefined })}>
          <Flex wrap gap={12} align="end">
            <Form.Item label={tx('关键词', 'Search')} style={{ minWidth: 220, flex: 1, marginBottom: 0 }}>
              <Input data-testid="instruments-q" allowClear placeholder={tx('如：色谱、zhipu、电镜', 'e.g. 色谱, zhipu, microscope')} value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
            </Form.Item>
            <Form.Item label={tx('仪器类别', 'Class')} style={{ minWidth: 170, marginBottom: 0 }}>
              <Select allowClear value={draft.category} onChange={(v) => setDraft({ ...draft, category: v })} options={INSTRUMENT_CATEGORIES.map((c) => ({ value: c, label: INSTRUMENT_CATEGORY_LABELS[c][lang] }))} />
            </Form.Item>
            <Form.Item label={tx('所在地区', 'District')} style={{ minWidth: 200, marginBottom: 0 }}>
              <RegionCascader value={draft.region ?? null} onChange={(v) => setDraft({ ...draft, region: v ?? undefined })} />
            </Form.Item>
            <Form.Item label={tx('对外收费不高于（元/小时）', 'External rate at most (yuan/h)')} style={{ marginBottom: 0 }}>
              <InputNumber min={0} value={draft.maxRateFen === undefined ? null : draft.maxRateFen / 100} onChange={(v) => setDraft({ ...draft, maxRateFen: v === null ? undefined : Math.round(v * 100) })} />
            </Form.Item>
            <Form.Item label={tx('某日有空', 'Free on')} style={{ marginBottom: 0 }}>
              <DatePicker onChange={(d) => setDraft({ ...draft, freeOn: d ? d.format('YYYY-MM-DD') : undefined })} />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="instruments-search">
              {tx('搜索', 'Search')}
            </Button>
          </Flex>
        </Form>
      </Card>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<Instrument>
          rows={list.data ?? []}
          loading={list.isLoading}
          rowKey={(i) => i.id}
          testId="instruments"
          caption={tx('仪器列表', 'Instruments')}
          empty={<EmptyState description={tx('没有符合条件的仪器，请换个关键词或放宽筛选条件。', 'No instrument matches: try other words or fewer filters.')} />}
          columns={[
            {
              key: 'name',
              title: tx('仪器', 'Instrument'),
              primary: true,
              render: (i) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/instruments/${i.id}`}>
                    <Typography.Text strong>{i.name}</Typography.Text>
                  </Link>
                  <Typography.Text type="secondary">{[i.maker, i.model].filter(Boolean).join(' ')}</Typography.Text>
                </Space>
              ),
            },
            { key: 'category', title: tx('类别', 'Class'), render: (i) => i.categoryLabel[lang] },
            { key: 'owner', title: tx('所有单位', 'Owner'), render: (i) => `${i.ownerName}（${i.regionName}）` },
            { key: 'rate', title: tx('对外收费', 'External rate'), render: (i) => <span><Money fen={i.externalRateFen} />{tx('/小时', '/h')}</span> },
            { key: 'operation', title: tx('操作方式', 'Operation'), render: (i) => (i.operation === 'staff' ? tx('由本单位人员操作', 'Operated by staff') : tx('培训合格后自行操作', 'Self-operated when qualified')) },
          ]}
        />
      )}
    </div>
  );
}
