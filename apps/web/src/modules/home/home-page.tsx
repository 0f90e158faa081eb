/**
 * The home page: search the library, the policies in force worth most, figures computed from the
 * data (GET /public/figures); signed in, the person's own work instead of "register" — an
 * applicant's applications, matches and notices, an official's way to their workbench.
 */
import { AuditOutlined, BankOutlined, FundOutlined, RocketOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Input, Row, Statistic, Steps, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PolicyList, PublicFigures } from '@seedbed/contract';
import { api } from '../../app/api-client';
import { amountText } from '../../app/amount';
import { useMe } from '../../app/auth';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { isApplicant, landingPathFor } from '../../app/landing';
import { LoadError, PageLoading } from '../../app/ui';

// A signed-in applicant's own panels load on demand: their lists (Ant Design's Table on wide
// screens) are not part of the first load of visitors, who see the rest of this page.
const ApplicationsCard = lazy(async () => ({ default: (await import('./applicant-panels')).ApplicationsCard }));
const MatchesCard = lazy(async () => ({ default: (await import('./applicant-panels')).MatchesCard }));
const NoticesCard = lazy(async () => ({ default: (await import('./applicant-panels')).NoticesCard }));

const m = defineMessages({
  zh: {
    pageTitle: '首页',
    heroTitle: '让每一项双创扶持政策，找到该得的人',
    heroBody:
      'Seedbed 是城市“大众创业、万众创新”工作的服务平台：创业者和小微企业建立一份可复用的档案，了解自己符合哪些扶持政策、能得到多少，一次申请、全程跟踪到资金到账；政府部门在线受理、审核、公示和拨付；双创办统筹目标任务、督查考核。',
    register: '免费注册',
    login: '登录',
    profile: '进入我的首页',
    work: '进入我的工作台',
    search: '搜索政策：如“创业担保贷款”“chuangye”',
    searchLabel: '搜索政策库',
    siteSearch: '找企业、产品、供需、服务机构、载体或仪器？全站搜索 →',
    figuresTitle: '平台数据',
    openData: '更多数据：数据开放（按地区和期间，可下载）',
    figuresNote: (year: number, day: string) => `${year} 年截至 ${day}，由平台数据实时计算`,
    itemsInForce: '有效政策事项（项）',
    decided: '本年办结申请（件）',
    paid: '本年拨付资金（元）',
    topTitle: '当前可申请的高额政策',
    upTo: (a: string) => `最高 ${a}`,
    until: (d: string) => `${d} 截止`,
    noEnd: '长期有效',
    automatic: '免申即享',
    more: '更多政策 →',
    mineTitle: '我的办理',
    browse: '浏览政策库',
    policyLinks: '政策服务',
    calculate: '政策计算器：看看能享受什么',
    whoTitle: '为谁服务',
    founders: '创业者与小微企业',
    foundersBody: '一企一档，一次填写、处处复用；查看可享受的政策及金额，了解还差哪些条件，在线申请并跟踪进度。',
    officers: '政府部门',
    officersBody: '经办、审核、财务分级办理；政策发布前测算成本；公示、异议、拨付全程留痕，额度与预算自动把关。',
    office: '双创办与领导小组',
    officeBody: '目标任务分解到牵头和配合单位，工作台账、指标自动计算，简报与督查有据可查。',
    partners: '服务机构与金融机构',
    partnersBody: '众创空间、孵化器、科研仪器、银行与投资机构发布服务与产品，与企业需求精准对接。',
    howTitle: '怎样享受政策',
    step1: '注册账号',
    step1d: '个人或企业',
    step2: '完善档案',
    step2d: '填写或核验企业、个人信息',
    step3: '匹配政策',
    step3d: '逐条说明符合与否',
    step4: '在线申请',
    step4d: '审核、公示、拨付全程可查',
    openTitle: '公开透明',
    openBody: '平台每一项操作都记入防篡改的审计日志；政策文件注明文号、条款和牵头单位；获奖与拨付结果依法公示。',
  },
  en: {
    pageTitle: 'Home',
    heroTitle: 'Every innovation support policy, to the people it is meant for',
    heroBody:
      'Seedbed is the platform a city runs for its entrepreneurship and innovation programme (双创). Founders and small businesses keep one reusable profile, learn which support policies they qualify for and what they are worth, apply once and follow the money to their account. Government departments accept, review, publicise and pay online; the programme office sets targets and supervises the work.',
    register: 'Register free',
    login: 'Log in',
    profile: 'Go to my overview',
    work: 'Go to my workbench',
    search: 'Search policies, e.g. 创业担保贷款 or chuangye',
    searchLabel: 'Search the policy library',
    siteSearch: 'Looking for enterprises, products, supply and demand, providers, carriers or instruments? Search the whole site →',
    figuresTitle: 'Platform figures',
    openData: 'More figures: open statistics (by region and period, downloadable)',
    figuresNote: (year: number, day: string) => `${year} to ${day}, computed from the platform's records`,
    itemsInForce: 'Policy items in force',
    decided: 'Applications decided this year',
    paid: 'Paid out this year (CNY)',
    topTitle: 'Policies in force worth most',
    upTo: (a: string) => `Up to ${a}`,
    until: (d: string) => `closes ${d}`,
    noEnd: 'open-ended',
    automatic: 'No application needed',
    more: 'More policies →',
    mineTitle: 'My work',
    browse: 'Browse the policies',
    policyLinks: 'Policy services',
    calculate: 'Policy calculator: see what you qualify for',
    whoTitle: 'Who it serves',
    founders: 'Founders and small businesses',
    foundersBody: 'One profile, filled once and reused everywhere; see which policies you qualify for and how much, what is still missing, apply online and follow progress.',
    officers: 'Government departments',
    officersBody: 'Staged handling by officers, reviewers and finance; see what a policy would cost before publishing it; publicity, objections and payment on the record, with caps and budgets checked.',
    office: 'Programme office and leadership',
    officeBody: 'Targets broken down to lead and supporting units, a ledger of work and indicators that compute themselves, briefings and supervision on evidence.',
    partners: 'Service providers and financial institutions',
    partnersBody: 'Co-working spaces, incubators, instrument owners, banks and investors list what they offer and are matched with what enterprises need.',
    howTitle: 'How to benefit',
    step1: 'Register',
    step1d: 'as a person or an enterprise',
    step2: 'Complete your profile',
    step2d: 'declared or verified facts',
    step3: 'Match policies',
    step3d: 'each criterion explained',
    step4: 'Apply online',
    step4d: 'review, publicity and payment in view',
    openTitle: 'Open and accountable',
    openBody: 'Every action on the platform goes into a tamper-evident audit log; policies cite their document number, clause and lead unit; awards and payments are published for public scrutiny.',
  },
});

function Audience({ icon, title, body }: { icon: ReactNode; title: string; body: string }) {
  return (
    <Card style={{ height: '100%' }}>
      <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }}>
        <span aria-hidden style={{ color: '#0b57d0', marginInlineEnd: 8 }}>
          {icon}
        </span>
        {title}
      </Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{body}</Typography.Paragraph>
    </Card>
  );
}

function Figures() {
  const t = useMessages(m);
  const { lang } = useLang();
  const figures = useQuery({ queryKey: ['public', 'figures'], queryFn: () => api.get<PublicFigures>('/public/figures'), staleTime: 60_000 });
  if (figures.isError) return <LoadError error={figures.error} onRetry={() => void figures.refetch()} />;
  const f = figures.data;
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  return (
    <section aria-labelledby="home-figures" style={{ marginBottom: 32 }}>
      <Typography.Title level={2} id="home-figures" style={{ fontSize: 22 }}>
        {t.figuresTitle}
      </Typography.Title>
      <Card className="sb-figures" loading={figures.isPending}>
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={8}>
            <Statistic title={t.itemsInForce} value={f?.itemsInForce ?? 0} data-testid="figure-items" data-value={f?.itemsInForce} />
          </Col>
          <Col xs={24} sm={8}>
            <Statistic title={t.decided} value={f?.applicationsDecided ?? 0} data-testid="figure-decided" data-value={f?.applicationsDecided} />
          </Col>
          <Col xs={24} sm={8}>
            <Statistic title={t.paid} value={((f?.paidFen ?? 0) / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} data-testid="figure-paid" data-value={f?.paidFen} />
          </Col>
        </Row>
        {f ? <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>{t.figuresNote(f.year, f.asOf)}</Typography.Paragraph> : null}
        <Link to="/open-data" style={{ display: 'inline-block', marginTop: 8 }} data-testid="home-open-data">
          {t.openData} →
        </Link>
      </Card>
    </section>
  );
}

function TopPolicies() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const top = useQuery({ queryKey: ['policies', 'list', 'top-by-amount'], queryFn: () => api.get<PolicyList>('/policies?open=true&sort=amount&pageSize=6'), staleTime: 60_000 });
  if (top.isError) return <LoadError error={top.error} onRetry={() => void top.refetch()} />;
  return (
    <section aria-labelledby="home-top" style={{ marginBottom: 32 }}>
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Title level={2} id="home-top" style={{ fontSize: 22 }}>
          {t.topTitle}
        </Typography.Title>
        <Link to="/policies?open=true">{t.more}</Link>
      </Flex>
      <Row gutter={[16, 16]}>
        {(top.data?.items ?? []).map((p) => (
          <Col xs={24} sm={12} lg={8} key={p.id}>
            <Card size="small" style={{ height: '100%' }} data-testid="home-top-policy">
              <Flex vertical gap={6}>
                <Link to={`/policies/${p.id}`} style={{ fontWeight: 600 }}>
                  {l(p.title)}
                </Link>
                <Flex gap={8} wrap align="center">
                  {p.maxAmountFen !== null ? <Typography.Text strong style={{ color: '#ad4e00' }}>{t.upTo(amountText(p.maxAmountFen, lang))}</Typography.Text> : null}
                  {p.mode === 'automatic' ? <Tag color="purple">{t.automatic}</Tag> : null}
                </Flex>
                <Typography.Text type="secondary">
                  {p.leadUnitName ?? l(p.document.issuer)} · {p.effective.to ? t.until(p.effective.to) : t.noEnd}
                </Typography.Text>
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
    </section>
  );
}

export function HomePage() {
  const t = useMessages(m);
  usePageTitle(t.pageTitle);
  const me = useMe();
  const navigate = useNavigate();

  return (
    <>
      <section className="sb-hero" aria-labelledby="home-hero-title">
        <h1 id="home-hero-title">{t.heroTitle}</h1>
        <Typography.Paragraph style={{ fontSize: 16, maxWidth: 760 }}>{t.heroBody}</Typography.Paragraph>
        <Input.Search
          aria-label={t.searchLabel}
          placeholder={t.search}
          enterButton
          size="large"
          allowClear
          style={{ maxWidth: 640, marginBottom: 16 }}
          data-testid="home-search"
          onSearch={(v) => void navigate(v.trim() ? `/policies?q=${encodeURIComponent(v.trim())}` : '/policies')}
        />
        <div style={{ marginBottom: 16 }}>
          <Link to="/search" data-testid="home-site-search">
            {t.siteSearch}
          </Link>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          {me.data ? (
            // Signed in: the way to one's own work, never "register".
            <Link to={landingPathFor(me.data)} className="sb-link-button sb-link-button-primary sb-link-button-lg" data-testid="home-my-work">
              {isApplicant(me.data) ? t.profile : t.work}
            </Link>
          ) : me.isPending ? null : (
            <>
              <Link to="/register" className="sb-link-button sb-link-button-primary sb-link-button-lg">
                {t.register}
              </Link>
              <Link to="/login" className="sb-link-button sb-link-button-lg" style={{ border: '1px solid #8c8c8c' }}>
                {t.login}
              </Link>
            </>
          )}
        </div>
        <nav aria-label={t.policyLinks} style={{ marginTop: 16, display: 'flex', gap: 24, flexWrap: 'wrap', fontSize: 16 }}>
          <Link to="/calculator">{t.calculate} →</Link>
          <Link to="/policies">{t.browse} →</Link>
        </nav>
      </section>

      {isApplicant(me.data) ? (
        <section aria-labelledby="home-mine" style={{ marginBottom: 32 }} data-testid="home-mine">
          <Typography.Title level={2} id="home-mine" style={{ fontSize: 22 }}>
            {t.mineTitle}
          </Typography.Title>
          <Suspense fallback={<PageLoading />}>
            <Flex vertical gap={16}>
              <ApplicationsCard limit={3} />
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={14}>
                  <MatchesCard limit={3} />
                </Col>
                <Col xs={24} lg={10}>
                  <NoticesCard limit={3} />
                </Col>
              </Row>
            </Flex>
          </Suspense>
        </section>
      ) : null}

      <TopPolicies />
      <Figures />

      <section aria-labelledby="home-who" style={{ marginBottom: 32 }}>
        <Typography.Title level={2} id="home-who" style={{ fontSize: 22 }}>
          {t.whoTitle}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={12} lg={6}>
            <Audience icon={<RocketOutlined />} title={t.founders} body={t.foundersBody} />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Audience icon={<BankOutlined />} title={t.officers} body={t.officersBody} />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Audience icon={<TeamOutlined />} title={t.office} body={t.officeBody} />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Audience icon={<FundOutlined />} title={t.partners} body={t.partnersBody} />
          </Col>
        </Row>
      </section>

      <section aria-labelledby="home-how" style={{ marginBottom: 32 }}>
        <Typography.Title level={2} id="home-how" style={{ fontSize: 22 }}>
          {t.howTitle}
        </Typography.Title>
        <Card>
          <Steps
            className="sb-steps"
            responsive
            current={-1}
            items={[
              { title: t.step1, content: t.step1d },
              { title: t.step2, content: t.step2d },
              { title: t.step3, content: t.step3d },
              { title: t.step4, content: t.step4d },
            ]}
          />
        </Card>
      </section>

      <section aria-labelledby="home-open">
        <Typography.Title level={2} id="home-open" style={{ fontSize: 22 }}>
          <AuditOutlined aria-hidden style={{ color: '#0b57d0', marginInlineEnd: 8 }} />
          {t.openTitle}
        </Typography.Title>
        <Typography.Paragraph style={{ maxWidth: 760 }}>{t.openBody}</Typography.Paragraph>
      </section>
    </>
  );
}
