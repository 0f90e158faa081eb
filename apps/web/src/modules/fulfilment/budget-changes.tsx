/**
 * Budget changes under the two-person rule: a finance officer's change of a budget's amount,
 * second-approval threshold or finance department waits here until a different finance officer
 * (of the department that will hold the budget) approves it; its proposer can withdraw it and
 * another officer can reject it.
 */
import { useQuery } from '@tanstack/react-query';
import type { BudgetChange, BudgetChangeDecision } from '@seedbed/contract';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api-client';
import { defineMessages, useLang, useMessages } from '../../app/i18n';
import { mapProblem, type MappedProblem } from '../../app/problem';
import { EmptyState, LoadError, PageLoading, ProblemAlert } from '../../app/ui';
import { useFulfilmentMutation } from './fulfilment.api';
import { Money } from './fulfilment-parts';
import { PolicyItemName } from '../policies';

export type { BudgetChange };

const enc = encodeURIComponent;

export const useBudgetChanges = (enabled: boolean) =>
  useQuery({
    queryKey: ['fulfilment', 'budget-changes'],
    queryFn: async () => (await api.get<{ items: BudgetChange[] }>('/budgets/changes?status=pending')).items,
    enabled,
  });

export const approveBudgetChange = (id: string) => api.post<BudgetChangeDecision>(`/budgets/changes/${enc(id)}/approve`);
export const rejectBudgetChange = (id: string) => api.post<BudgetChange>(`/budgets/changes/${enc(id)}/reject`);

/** A change the server answered with (202) instead of a budget: it waits for a second officer. */
export const isBudgetChange = (x: unknown): x is BudgetChange => typeof x === 'object' && x !== null && 'budgetId' in x && 'status' in x;

const m = defineMessages({
  zh: {
    title: '待批准的预算调整',
    hint: '预算金额、复核门槛或所属财政部门的调整，须由另一名财务人员批准后才生效。',
    none: '暂无待批准的调整',
    item: '政策事项',
    year: '年度',
    amount: '预算金额',
    threshold: '复核门槛',
    owner: '所属财政部门',
    moves: '移交其他部门',
    unchanged: '不变',
    approve: '批准',
    reject: '驳回',
    withdraw: '撤回',
    yours: '您提出的调整须由另一名财务人员批准',
  },
  en: {
    title: 'Budget changes awaiting approval',
    hint: "A change of a budget's amount, second-approval threshold or finance department takes effect only when a second finance officer approves it.",
    none: 'No changes await approval',
    item: 'Item',
    year: 'Year',
    amount: 'Amount',
    threshold: 'Second approval above',
    owner: 'Finance department',
    moves: 'moves to another department',
    unchanged: 'unchanged',
    approve: 'Approve',
    reject: 'Reject',
    withdraw: 'Withdraw',
    yours: 'A change you proposed is approved by another finance officer',
  },
});

function FromTo({ from, to }: { from: number; to: number }) {
  if (from === to) return <Money fen={to} />;
  return (
    <span>
      <Typography.Text delete type="secondary">
        <Money fen={from} />
      </Typography.Text>{' '}
      → <Money fen={to} />
    </span>
  );
}

export function BudgetChangesCard({ myUserId }: { myUserId: string }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const changes = useBudgetChanges(true);
  const approve = useFulfilmentMutation(approveBudgetChange);
  const reject = useFulfilmentMutation(rejectBudgetChange);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const run = async (work: Promise<unknown>) => {
    setProblem(null);
    try {
      await work;
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t.title}</Typography.Title>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t.hint}</Typography.Paragraph>
      <ProblemAlert problem={problem} />
      {changes.isPending ? (
        <PageLoading />
      ) : changes.isError ? (
        <LoadError error={changes.error} />
      ) : changes.data.length === 0 ? (
        <EmptyState description={t.none} />
      ) : (
        <Table
          data-testid="budget-changes"
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={changes.data}
          columns={[
            { title: t.item, dataIndex: 'itemId', render: (id: string) => <PolicyItemName id={id} /> },
            { title: t.year, dataIndex: 'year' },
            { title: t.amount, key: 'a', render: (_: unknown, c: BudgetChange) => <FromTo from={c.fromAmountFen} to={c.amountFen} /> },
            { title: t.threshold, key: 't', render: (_: unknown, c: BudgetChange) => <FromTo from={c.fromSecondApprovalThresholdFen} to={c.secondApprovalThresholdFen} /> },
            {
              title: t.owner,
              key: 'o',
              render: (_: unknown, c: BudgetChange) => (c.fromFinanceDepartmentId === c.financeDepartmentId ? t.unchanged : <Tag color="orange">{t.moves}</Tag>),
            },
            {
              title: '',
              key: 'act',
              render: (_: unknown, c: BudgetChange) => {
                const mine = c.proposedBy === myUserId;
                return (
                  <Space>
                    <Tooltip title={mine ? t.yours : undefined}>
                      <Button type="primary" size="small" disabled={mine} loading={approve.isPending} onClick={() => void run(approve.mutateAsync(c.id))}>
                        {t.approve}
                      </Button>
                    </Tooltip>
                    <Button size="small" loading={reject.isPending} onClick={() => void run(reject.mutateAsync(c.id))}>
                      {mine ? t.withdraw : t.reject}
                    </Button>
                  </Space>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
