/**
 * Phones and desktops. `useIsPhone()` is true below 768 px (the header folds into a menu, tables
 * become cards); it reads the media query on the first render, so a phone never flashes a table.
 *
 * `ResponsiveList` is the shared pattern for lists of records: a Table on wide screens and a
 * stack of cards on phones, from one set of columns. One column is `primary` (the card's title:
 * usually the link to the record); the others show as "label: value" lines. Use it for any list
 * a person may read on a phone:
 *
 *   <ResponsiveList rows={items} rowKey={(r) => r.id} testId="publicity"
 *     columns={[{ key: 'name', title: t.name, primary: true, render: (r) => <Link …/> },
 *               { key: 'amount', title: t.amount, align: 'right', render: (r) => <Money fen={r.fen} /> }]} />
 *
 * Each card carries `data-testid="<testId>-card"`, each table row `data-testid="<testId>-row"`.
 */
import { Card, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useIsPhone } from './use-is-phone';

export { useIsPhone };

export interface ResponsiveColumn<T> {
  key: string;
  title: ReactNode;
  render: (row: T) => ReactNode;
  /** The card's title on phones (one column). */
  primary?: boolean;
  align?: 'left' | 'right' | 'center';
  width?: number | string;
  /** Left out of the cards (e.g. a column that repeats the title). */
  desktopOnly?: boolean;
}

export function ResponsiveList<T>({
  rows,
  columns,
  rowKey,
  testId,
  empty,
  caption,
  loading,
}: {
  rows: readonly T[];
  columns: readonly ResponsiveColumn<T>[];
  rowKey: (row: T) => string;
  testId: string;
  empty?: ReactNode;
  /** An accessible name for the table (screen readers). */
  caption?: string;
  loading?: boolean;
}) {
  const phone = useIsPhone();
  if (phone) {
    if (rows.length === 0) return <div data-testid={`${testId}-empty`}>{empty}</div>;
    const primary = columns.find((c) => c.primary);
    return (
      <div role="list" aria-label={caption} data-testid={`${testId}-cards`} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {rows.map((row) => (
          <Card key={rowKey(row)} size="small" role="listitem" data-testid={`${testId}-card`} title={primary ? <span style={{ whiteSpace: 'normal' }}>{primary.render(row)}</span> : undefined}>
            <dl className="sb-card-fields">
              {columns
                .filter((c) => !c.primary && !c.desktopOnly)
                .map((c) => (
                  <div key={c.key} className="sb-card-field">
                    <dt>
                      <Typography.Text type="secondary">{c.title}</Typography.Text>
                    </dt>
                    <dd>{c.render(row)}</dd>
                  </div>
                ))}
            </dl>
          </Card>
        ))}
      </div>
    );
  }
  return (
    <Table<T>
      data-testid={`${testId}-table`}
      aria-label={caption}
      loading={loading}
      rowKey={rowKey}
      dataSource={rows as T[]}
      pagination={false}
      locale={empty ? { emptyText: empty } : undefined}
      onRow={() => ({ 'data-testid': `${testId}-row` }) as React.HTMLAttributes<HTMLElement>}
      columns={columns.map((c) => ({ key: c.key, title: c.title, align: c.align, width: c.width, render: (_: unknown, row: T) => c.render(row) }))}
    />
  );
}
