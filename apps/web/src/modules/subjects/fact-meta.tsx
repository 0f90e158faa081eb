/** Where a fact came from and how sure we are of it: source, verification and as-of date. */
import { EditOutlined, FunctionOutlined, LockOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { defineMessages, useLang, useMessages, type Lang } from '../../app/i18n';
import type { Fact } from './subjects.api';

const REGISTRIES: Record<string, { zh: string; en: string }> = {
  market_regulation: { zh: '市场监管部门', en: 'market regulation' },
  tax: { zh: '税务部门', en: 'tax authority' },
  human_resources: { zh: '人力资源和社会保障部门', en: 'human resources and social security' },
  science_technology: { zh: '科技部门', en: 'science and technology' },
  carriers: { zh: '双创载体运营机构', en: 'the carrier (maker space, incubator) operator' },
  credit: { zh: '信用信息（来源部门的记录）', en: 'credit records of the source departments' },
  public_security: { zh: '公安部门', en: 'public security' },
  civil_affairs: { zh: '民政部门', en: 'civil affairs' },
  veterans_affairs: { zh: '退役军人事务部门', en: 'veterans affairs' },
  disabled_persons_federation: { zh: '残疾人联合会', en: "disabled persons' federation" },
};

const m = defineMessages({
  zh: {
    declared: '本人申报',
    computed: '系统计算',
    registry: (name: string) => `来自登记机关（${name}）`,
    other: (source: string) => `来源：${source}`,
    verified: '已核验，不可修改',
    unverified: '未核验',
    asOf: (date: string) => `截至 ${date}`,
    missing: '未填写',
  },
  en: {
    declared: 'Declared',
    computed: 'Computed',
    registry: (name: string) => `From a registry (${name})`,
    other: (source: string) => `Source: ${source}`,
    verified: 'Verified, read-only',
    unverified: 'Not verified',
    asOf: (date: string) => `As of ${date}`,
    missing: 'Not filled in',
  },
});

/** A registry's name; a fact imported from an upstream platform (`<registry>_via_<platform host>`, modules/exchange) says so. */
const registryName = (key: string, lang: Lang): string => {
  const [own = key, via] = key.split('_via_');
  const name = REGISTRIES[own]?.[lang] ?? own;
  return via === undefined ? name : lang === 'zh' ? `${name}，经上级平台共享` : `${name}, shared by the upstream platform`;
};

/** `quietWhenMissing`: the control already says "not filled in" (the tri-state yes/no). */
export function FactMeta({ fact, quietWhenMissing = false }: { fact: Fact | undefined; quietWhenMissing?: boolean }) {
  const t = useMessages(m);
  const { lang } = useLang();
  if (!fact || fact.value === null) {
    if (quietWhenMissing) return null;
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.missing}
      </Typography.Text>
    );
  }
  const source = fact.source;
  const sourceTag =
    source === 'declared' ? (
      <Tag icon={<EditOutlined aria-hidden />}>{t.declared}</Tag>
    ) : source === 'computed' ? (
      <Tag icon={<FunctionOutlined aria-hidden />}>{t.computed}</Tag>
    ) : source.startsWith('registry:') ? (
      <Tag color="blue">{t.registry(registryName(source.slice('registry:'.length), lang))}</Tag>
    ) : (
      <Tag>{t.other(source)}</Tag>
    );
  return (
    <Space size={4} wrap style={{ marginTop: 4 }} data-testid="fact-meta">
      {sourceTag}
      {fact.verified ? (
        <Tag color="green" icon={<LockOutlined aria-hidden />}>
          {t.verified}
        </Tag>
      ) : null}
      {fact.asOf ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t.asOf(fact.asOf)}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
