/**
 * 工作日历: one year's holiday arrangement (放假调休) that deadlines in working days count on.
 * Anyone reads the list; with calendar.manage (the programme office, platform administrators)
 * the page edits it: rows of date, kind and name plus the notice it comes from, saved as the
 * year's whole list. The server's field errors name the row as the editor numbers it.
 */
import { DeleteOutlined, EditOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, DatePicker, Descriptions, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../app/auth';
import { defineMessages, useLang, useMessages, usePageTitle, type Lang } from '../../app/i18n';
import { normaliseFieldPath, problemMessage, problemOf } from '../../app/problem';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { MAX_YEAR, MIN_YEAR, useCalendarYear, useSaveCalendarYear, type CalendarDay, type CalendarYear } from './calendar.api';
import { fieldLabel, rowField, rowLabel, weekday, type RowPart } from './calendar-fields';

const m = defineMessages({
  zh: {
    title: '工作日历',
    explain: '截止日期按工作日计算：周一至周五为工作日，以下所列放假日除外，调休上班的周末计为工作日。',
    year: '年份',
    yearOption: (y: number) => `${y} 年`,
    previous: (y: number) => `上一年（${y} 年）`,
    next: (y: number) => `下一年（${y} 年）`,
    heading: (y: number) => `${y} 年放假调休安排`,
    day: '日期',
    kind: '类型',
    name: '名称',
    holiday: '放假',
    workday: '调休上班',
    source: '依据',
    updatedAt: '最后更新',
    notEntered: '尚未录入',
    empty: (y: number) => `${y} 年尚未录入放假调休安排，截止日期暂按周一至周五计算。`,
    edit: '编辑',
    enter: '录入',
    editorTitle: (y: number) => `编辑 ${y} 年放假调休安排`,
    editorHelp: '放假日须为周一至周五；调休上班日须为周六或周日。保存时以本列表替换该年全部条目。',
    row: (n: number) => `第${n}行`,
    namePlaceholder: '如：春节',
    addRow: '添加一行',
    remove: '删除',
    removeRow: (n: number) => `删除第${n}行`,
    noRows: '还没有条目。点击“添加一行”录入放假日或调休上班日。',
    sourceLabel: '依据（通知名称）',
    sourcePlaceholder: '如：国务院办公厅关于2027年部分节假日安排的通知',
    save: '保存',
    saving: '正在保存…',
    cancel: '取消',
    saved: (y: number) => `${y} 年工作日历已保存`,
    notSaved: '未能保存',
    pickDay: '请选择日期',
    giveSource: '请填写依据',
    fixBeforeSave: '请先补全以下内容：',
    fixRefused: '未能保存，请更正以下各项：',
  },
  en: {
    title: 'Working calendar',
    explain: 'Deadlines count working days: Monday–Friday, except the holidays listed, plus the weekend days worked in exchange.',
    year: 'Year',
    yearOption: (y: number) => `${y}`,
    previous: (y: number) => `Previous year (${y})`,
    next: (y: number) => `Next year (${y})`,
    heading: (y: number) => `Holiday arrangement ${y}`,
    day: 'Date',
    kind: 'Kind',
    name: 'Name',
    holiday: 'Holiday',
    workday: 'Worked weekend day',
    source: 'Source',
    updatedAt: 'Last updated',
    notEntered: 'Not entered yet',
    empty: (y: number) => `No holiday arrangement has been entered for ${y}; deadlines count Monday to Friday for now.`,
    edit: 'Edit',
    enter: 'Enter',
    editorTitle: (y: number) => `Edit the holiday arrangement ${y}`,
    editorHelp: 'A holiday must be Monday to Friday; a worked day must be Saturday or Sunday. Saving replaces all of the year’s entries with this list.',
    row: (n: number) => `Row ${n}`,
    namePlaceholder: 'e.g. 春节 (Spring Festival)',
    addRow: 'Add a row',
    remove: 'Remove',
    removeRow: (n: number) => `Remove row ${n}`,
    noRows: 'No entries yet. Choose “Add a row” to enter a holiday or a worked weekend day.',
    sourceLabel: 'Source (the notice)',
    sourcePlaceholder: 'e.g. 国务院办公厅关于2027年部分节假日安排的通知',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    saved: (y: number) => `Working calendar ${y} saved`,
    notSaved: 'Not saved',
    pickDay: 'Choose a date',
    giveSource: 'Enter the source',
    fixBeforeSave: 'Complete the following first:',
    fixRefused: 'Not saved; correct the following:',
  },
});

type Kind = CalendarDay['kind'];
type Messages = (typeof m)['zh'];

const KIND_COLOURS: Record<Kind, string> = { holiday: 'red', workday: 'blue' };
const kindLabel = (kind: Kind, t: Messages) => (kind === 'holiday' ? t.holiday : t.workday);

function thisYear(): number {
  return new Date().getFullYear();
}

/** The year in the address (?year=2027), or this year when it is missing or out of range. */
function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= MIN_YEAR && asked <= MAX_YEAR ? asked : thisYear();
  const setYear = (y: number) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('year', String(y));
        return next;
      },
      { replace: false },
    );
  return [year, setYear];
}

function YearSelector({ year, onChange, disabled }: { year: number; onChange: (y: number) => void; disabled: boolean }) {
  const t = useMessages(m);
  const now = thisYear();
  const years = new Set<number>([year]);
  for (let y = now - 2; y <= now + 2; y++) if (y >= MIN_YEAR && y <= MAX_YEAR) years.add(y);
  return (
    <Flex role="group" aria-label={t.year} align="center" gap={8} wrap style={{ marginBottom: 16 }}>
      <Button icon={<LeftOutlined aria-hidden />} aria-label={t.previous(year - 1)} disabled={disabled || year <= MIN_YEAR} onClick={() => onChange(year - 1)}>
        {year - 1}
      </Button>
      <label htmlFor="calendar-year" className="sb-visually-hidden">
        {t.year}
      </label>
      <Select
        id="calendar-year"
        data-testid="calendar-year"
        value={year}
        onChange={onChange}
        disabled={disabled}
        style={{ minWidth: 120 }}
        options={[...years].sort((a, b) => a - b).map((y) => ({ value: y, label: t.yearOption(y) }))}
      />
      <Button aria-label={t.next(year + 1)} disabled={disabled || year >= MAX_YEAR} onClick={() => onChange(year + 1)}>
        {year + 1} <RightOutlined aria-hidden />
      </Button>
    </Flex>
  );
}

function formatTime(iso: string | null, lang: Lang): string | null {
  return iso ? showInstant(iso, lang) : null;
}

function YearTable({ data }: { data: CalendarYear }) {
  const t = useMessages(m);
  const { lang } = useLang();
  return (
    <Table<CalendarDay>
      data-testid="calendar-table"
      size="small"
      rowKey="day"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={data.days}
      locale={{ emptyText: <EmptyState description={t.empty(data.year)} /> }}
      columns={[
        {
          title: t.day,
          dataIndex: 'day',
          render: (day: string) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              {day} <Typography.Text type="secondary">{weekday(day, lang)}</Typography.Text>
            </span>
          ),
        },
        { title: t.kind, dataIndex: 'kind', render: (kind: Kind) => <Tag color={KIND_COLOURS[kind]}>{kindLabel(kind, t)}</Tag> },
        { title: t.name, dataIndex: 'name' },
      ]}
    />
  );
}

interface Row {
  key: number;
  day: string;
  kind: Kind;
  name: string;
}

/** A problem to show: the general message and each field's, with the field as the server named it. */
interface ShownProblem {
  title: string;
  items: { field: string; message: string }[];
  /** The row keys in the order they were sent, so a row's fields stay marked after others are removed. */
  sentKeys: number[];
}

function CalendarEditor({ data, onClose }: { data: CalendarYear; onClose: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const year = data.year;
  const nextKey = useRef(0);
  const [rows, setRows] = useState<Row[]>(() => data.days.map((d) => ({ key: nextKey.current++, ...d })));
  const [source, setSource] = useState(data.source);
  const [shown, setShown] = useState<ShownProblem | null>(null);
  // The server's error is kept as it came, so that switching the language shows it in the other one.
  const [serverError, setServerError] = useState<{ error: unknown; sentKeys: number[] } | null>(null);
  const save = useSaveCalendarYear(year);

  const problem: ShownProblem | null = serverError
    ? {
        // With field errors listed by row, the server's summary (which repeats their paths) gives way to a plain heading.
        title: problemOf(serverError.error)?.errors?.length ? t.fixRefused : problemMessage(serverError.error, lang),
        items: (problemOf(serverError.error)?.errors ?? []).map((e) => ({ field: e.field, message: e.message[lang] || e.message.zh })),
        sentKeys: serverError.sentKeys,
      }
    : shown;

  /** The status of one row's field: an error when the shown problem names it. */
  const fieldStatus = (key: number, part: RowPart): 'error' | undefined =>
    problem?.items.some((i) => {
      const r = rowField(i.field);
      return r !== null && problem.sentKeys[r.index] === key && (r.part === part || r.part === null);
    })
      ? 'error'
      : undefined;
  const sourceStatus = problem?.items.some((i) => normaliseFieldPath(i.field) === 'source') ? 'error' : undefined;

  const update = (key: number, change: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const addRow = () => {
    const key = nextKey.current++;
    setRows((rs) => [...rs, { key, day: '', kind: 'holiday', name: '' }]);
    // Straight on to the new row's date, for keyboard users too.
    requestAnimationFrame(() => document.getElementById(`calendar-row-${key}-day`)?.focus());
  };
  const removeRow = (key: number) => setRows((rs) => rs.filter((r) => r.key !== key));

  const submit = () => {
    const sentKeys = rows.map((r) => r.key);
    const missing = [
      ...rows.flatMap((r, i) => (r.day ? [] : [{ field: `days.${i}.day`, message: t.pickDay }])),
      ...(source.trim() ? [] : [{ field: 'source', message: t.giveSource }]),
    ];
    setServerError(null);
    if (missing.length > 0) {
      setShown({ title: t.fixBeforeSave, items: missing, sentKeys });
      return;
    }
    setShown(null);
    save.mutate(
      { days: rows.map((r) => ({ day: r.day, kind: r.kind, name: r.name.trim() })), source: source.trim() },
      {
        onSuccess: () => {
          void message.success(t.saved(year));
          onClose();
        },
        // The edits stay as they are, for the person to correct.
        onError: (error) => setServerError({ error, sentKeys }),
      },
    );
  };

  const first = dayjs(`${year}-01-01`);
  const last = dayjs(`${year}-12-31`);

  return (
    <section aria-labelledby="calendar-editor-title" data-testid="calendar-editor">
      <Typography.Title level={3} id="calendar-editor-title" style={{ fontSize: 18 }}>
        {t.editorTitle(year)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.editorHelp}</Typography.Paragraph>
      {problem ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="calendar-error"
          style={{ marginBottom: 16 }}
          title={problem.title || t.notSaved}
          description={
            problem.items.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problem.items.map((i) => (
                  <li key={`${i.field}:${i.message}`}>
                    <strong>{fieldLabel(i.field, lang)}</strong>：{i.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      {rows.length === 0 ? <Typography.Paragraph type="secondary">{t.noRows}</Typography.Paragraph> : null}
      {rows.map((row, index) => {
        const id = (part: RowPart) => `calendar-row-${row.key}-${part}`;
        // Each label carries the row, so the inputs' names say which row they belong to.
        const label = (part: RowPart, text: string) => (
          <label htmlFor={id(part)}>
            <span className="sb-visually-hidden">{t.row(index + 1)} </span>
            {text}
          </label>
        );
        return (
          <fieldset key={row.key} data-testid="calendar-row" style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px 12px', margin: '0 0 12px', minWidth: 0 }}>
            <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>{rowLabel(index, null, lang)}</legend>
            <Flex wrap gap={12} align="flex-end">
              <Flex vertical gap={4}>
                {label('day', t.day)}
                <Space size={8}>
                  <DatePicker
                    id={id('day')}
                    value={row.day ? dayjs(row.day) : null}
                    onChange={(d) => update(row.key, { day: d ? d.format('YYYY-MM-DD') : '' })}
                    minDate={first}
                    maxDate={last}
                    defaultPickerValue={row.day ? undefined : first}
                    format="YYYY-MM-DD"
                    status={fieldStatus(row.key, 'day')}
                    style={{ width: 150 }}
                  />
                  <Typography.Text type="secondary" style={{ minWidth: 32, display: 'inline-block' }} aria-hidden={!row.day}>
                    {weekday(row.day, lang)}
                  </Typography.Text>
                </Space>
              </Flex>
              <Flex vertical gap={4}>
                {label('kind', t.kind)}
                <Select<Kind>
                  id={id('kind')}
                  value={row.kind}
                  onChange={(kind) => update(row.key, { kind })}
                  status={fieldStatus(row.key, 'kind')}
                  style={{ width: 160 }}
                  options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: kindLabel(k, t) }))}
                />
              </Flex>
              <Flex vertical gap={4} style={{ flex: '1 1 160px', minWidth: 0 }}>
                {label('name', t.name)}
                <Input
                  id={id('name')}
                  value={row.name}
                  maxLength={40}
                  placeholder={t.namePlaceholder}
                  status={fieldStatus(row.key, 'name')}
                  onChange={(e) => update(row.key, { name: e.target.value })}
                />
              </Flex>
              <Button danger icon={<DeleteOutlined aria-hidden />} aria-label={t.removeRow(index + 1)} onClick={() => removeRow(row.key)}>
                {t.remove}
              </Button>
            </Flex>
          </fieldset>
        );
      })}
      <Button icon={<PlusOutlined aria-hidden />} onClick={addRow} disabled={rows.length >= 120} style={{ marginBottom: 16 }}>
        {t.addRow}
      </Button>
      <Flex vertical gap={4} style={{ marginBottom: 16 }}>
        <label htmlFor="calendar-source">{t.sourceLabel}</label>
        <Input.TextArea
          id="calendar-source"
          value={source}
          maxLength={300}
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={t.sourcePlaceholder}
          status={sourceStatus}
          onChange={(e) => setSource(e.target.value)}
        />
      </Flex>
      <Space wrap>
        {/* No `loading` spinner: its icon lingers in the button's name ("loading 保存") until its leave motion ends. */}
        <Button type="primary" onClick={submit} disabled={save.isPending}>
          {save.isPending ? t.saving : t.save}
        </Button>
        <Button onClick={onClose} disabled={save.isPending}>
          {t.cancel}
        </Button>
      </Space>
    </section>
  );
}

export function CalendarPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const me = useMe();
  const canManage = hasPermission(me.data, 'calendar.manage');
  const [year, setYear] = useYear();
  const calendar = useCalendarYear(year);
  const [editing, setEditing] = useState<number | null>(null);
  const isEditing = canManage && editing === year && !!calendar.data;

  return (
    <>
      <PageHeading title={t.title} subtitle={t.explain} />
      <YearSelector year={year} onChange={setYear} disabled={isEditing} />
      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
        {t.heading(year)}
      </Typography.Title>
      {calendar.isPending ? (
        <PageLoading />
      ) : calendar.isError ? (
        <LoadError error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : (
        <>
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'source', label: t.source, children: <span data-testid="calendar-source">{calendar.data.source || t.notEntered}</span> },
              { key: 'updated', label: t.updatedAt, children: formatTime(calendar.data.updatedAt, lang) ?? '—' },
            ]}
          />
          {isEditing ? (
            <CalendarEditor key={year} data={calendar.data} onClose={() => setEditing(null)} />
          ) : (
            <>
              {canManage ? (
                <Button icon={<EditOutlined aria-hidden />} data-testid="calendar-edit" onClick={() => setEditing(year)} style={{ marginBottom: 12 }}>
                  {calendar.data.updatedAt ? t.edit : t.enter}
                </Button>
              ) : null}
              <YearTable data={calendar.data} />
            </>
          )}
        </>
      )}
    </>
  );
}
