/** Tenants' outcomes (成果) on a carrier's page: the operator records them with evidence; each shows the rewards it triggered (pending awards in fulfilment) or why not. */
import { useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Form, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { COMPETITION_LEVELS, COMPETITION_LEVEL_LABELS, OUTCOME_KINDS, OUTCOME_KIND_LABELS, type CompetitionLevel, type OutcomeKind } from '@seedbed/contract';
import { Link } from 'react-router';
import { amountText } from '../../app/amount';
import { useLang } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, ProblemAlert } from '../../app/ui';
import { RegionCascader } from '../regions';
import { recordOutcome, uploadEvidence, useOutcomes, type Outcome, type Tenancy } from './carriers.api';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

function Awards({ o, mayManage }: { o: Outcome; mayManage: boolean }) {
  const tx = useTx();
  const { lang } = useLang();
  if (o.awards.length === 0) return <Typography.Text type="secondary">{tx('本地区暂无与此成果对应的奖励政策', 'No policy here rewards this outcome')}</Typography.Text>;
  return (
    <Space direction="vertical" size={4}>
      {o.awards.map((a) => (
        <div key={a.itemTitle.zh} data-testid="outcome-award">
          {a.status === 'eligible' ? (
            <Tag color="green">{tx('已进入兑现流程，待主管部门核定', 'Pending award: the department confirms it')}</Tag>
          ) : (
            <Tag>{tx('暂不符合', 'Not eligible yet')}</Tag>
          )}
          <span>{a.itemTitle[lang]}</span>
          {a.status === 'eligible' && a.amountFen !== null ? <strong style={{ marginLeft: 8 }}>{amountText(a.amountFen, lang)}</strong> : null}
          {a.status === 'eligible' && mayManage ? (
            <Link to="/fulfilment/mine" style={{ marginLeft: 8 }}>
              {tx('查看兑现进度', 'Follow it in fulfilment')}
            </Link>
          ) : null}
          {a.reasons.map((r) => (
            <div key={r.zh}>
              <Typography.Text type="secondary">{r[lang]}</Typography.Text>
            </div>
          ))}
        </div>
      ))}
    </Space>
  );
}

/** The carrier's outcomes and what they triggered: for its operator (who records them) and the departments covering it. */
export function OutcomesCard({ carrierId, mayManage, tenancies }: { carrierId: string; mayManage: boolean; tenancies: Tenancy[] }) {
  const tx = useTx();
  const { lang } = useLang();
  const outcomes = useOutcomes(carrierId);
  return (
    <Card
      size="small"
      title={tx('在孵企业成果与奖励', "Tenants' outcomes and rewards")}
      style={{ marginTop: 16 }}
      extra={mayManage && tenancies.length > 0 ? <RecordOutcomeButton carrierId={carrierId} tenancies={tenancies} /> : null}
      data-testid="outcomes"
    >
      {outcomes.error ? (
        <LoadError error={outcomes.error} onRetry={() => void outcomes.refetch()} />
      ) : (
        <ResponsiveList<Outcome>
          rows={outcomes.data ?? []}
          loading={outcomes.isLoading}
          rowKey={(o) => o.id}
          testId="outcome-list"
          empty={<EmptyState description={tx('尚未登记成果。在孵或毕业企业挂牌新三板、入规上户或大赛获奖后，在此登记并上传证明材料。', 'No outcome yet. When a tenant or graduate lists on the NEEQ, becomes above-scale or wins a prize, record it here with the evidence.')} />}
          columns={[
            { key: 'firm', title: tx('企业', 'Firm'), primary: true, render: (o) => o.tenantName },
            {
              key: 'what',
              title: tx('成果', 'Outcome'),
              render: (o) =>
                `${OUTCOME_KIND_LABELS[o.kind][lang]}${o.competitionLevel ? `（${COMPETITION_LEVEL_LABELS[o.competitionLevel][lang]}）` : ''}${o.regionName ? `（${o.regionName}）` : ''}`,
            },
            { key: 'on', title: tx('日期', 'Date'), render: (o) => o.achievedOn },
            { key: 'evidence', title: tx('证明材料', 'Evidence'), render: (o) => o.evidenceName },
            { key: 'awards', title: tx('奖励', 'Rewards'), render: (o) => <Awards o={o} mayManage={mayManage} /> },
          ]}
        />
      )}
    </Card>
  );
}

function RecordOutcomeButton({ carrierId, tenancies }: { carrierId: string; tenancies: Tenancy[] }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ tenancyId: string; kind: OutcomeKind; achievedOn: Dayjs; competitionLevel?: CompetitionLevel; regionCode?: string }>();
  const kind = Form.useWatch('kind', form);
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    if (!file) {
      setProblem({ message: tx('请上传证明材料（PDF或图片）', 'Upload the evidence (a PDF or an image)'), unplaced: [], placed: [], code: 'EVIDENCE_REQUIRED' });
      return;
    }
    setBusy(true);
    try {
      const stored = await uploadEvidence(file);
      const rows = await recordOutcome(carrierId, {
        tenancyId: v.tenancyId,
        kind: v.kind,
        achievedOn: v.achievedOn.format('YYYY-MM-DD'),
        competitionLevel: v.kind === 'competition' ? (v.competitionLevel ?? null) : null,
        regionCode: v.kind === 'above_scale' ? (v.regionCode ?? null) : null,
        evidenceFileId: stored.id,
      });
      const triggered = rows.some((o) => o.awards.some((a) => a.status === 'eligible'));
      message.success(triggered ? tx('成果已登记，奖励已进入兑现流程', 'Outcome recorded; the reward has entered fulfilment') : tx('成果已登记', 'Outcome recorded'));
      setOpen(false);
      setFile(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['carriers'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['tenancyId'], ['kind'], ['achievedOn'], ['competitionLevel'], ['regionCode'], ['evidenceFileId']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" size="small" onClick={() => setOpen(true)} data-testid="record-outcome">
        {tx('登记成果', 'Record an outcome')}
      </Button>
      <Modal open={open} title={tx('登记在孵企业成果', "Record a tenant's outcome")} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('登记', 'Record')} cancelText={tx('取消', 'Cancel')} okButtonProps={{ loading: busy }} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={{ kind: 'neeq_listed' }}>
          <Form.Item name="tenancyId" label={tx('企业', 'Firm')} rules={[{ required: true, message: tx('请选择企业', 'Choose the firm') }]}>
            <Select
              data-testid="outcome-tenant"
              options={tenancies.map((x) => ({ value: x.id, label: `${x.tenantName}（${x.enteredOn} ${tx('入驻', 'entered')}${x.leftOn ? `，${x.leftOn} ${x.exit === 'graduated' ? tx('毕业', 'graduated') : tx('离开', 'left')}` : ''}）` }))}
            />
          </Form.Item>
          <Form.Item name="kind" label={tx('成果', 'Outcome')} rules={[{ required: true }]}>
            <Select data-testid="outcome-kind" options={OUTCOME_KINDS.map((k) => ({ value: k, label: OUTCOME_KIND_LABELS[k][lang] }))} />
          </Form.Item>
          {kind === 'competition' && (
            <Form.Item name="competitionLevel" label={tx('大赛级别', 'Level of the competition')} rules={[{ required: true, message: tx('请选择大赛级别', 'Choose the level') }]}>
              <Select options={COMPETITION_LEVELS.map((l) => ({ value: l, label: COMPETITION_LEVEL_LABELS[l][lang] }))} />
            </Form.Item>
          )}
          {kind === 'above_scale' && (
            <Form.Item name="regionCode" label={tx('纳入规模以上统计的地区', 'Where it entered the above-scale statistics')} rules={[{ required: true, message: tx('请选择地区', 'Choose the region') }]}>
              <RegionCascader />
            </Form.Item>
          )}
          <Form.Item name="achievedOn" label={tx('日期（挂牌、入规或获奖之日）', 'Date (of listing, entering the statistics or the prize)')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="outcome-on" />
          </Form.Item>
          <Form.Item label={tx('证明材料（PDF或图片，如挂牌公告、获奖证书）', 'Evidence (PDF or image, e.g. the listing notice or the certificate)')} required>
            <Upload
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              maxCount={1}
              accept=".pdf,.jpg,.jpeg,.png"
              showUploadList={false}
            >
              <Button data-testid="outcome-evidence">{tx('选择文件', 'Choose a file')}</Button>
            </Upload>
            {file ? <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{file.name}</Typography.Text> : null}
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
