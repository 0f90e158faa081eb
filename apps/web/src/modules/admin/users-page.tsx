/** Users of the platform, their second factor and lock state, and where they are members. */
import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Checkbox, Flex, Form, Input, Modal, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { defineMessages, useLang, useMessages } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { showInstant, showInstantDate } from '../../app/time';
import { EmptyState, LoadError, ProblemAlert } from '../../app/ui';
import { useDebounced } from '../../app/use-debounced';
import { useCreateUser, useUsers, type AdminUser } from './admin.api';
import { ROLE_LABELS } from './labels';

const PAGE_SIZE = 50;

const m = defineMessages({
  zh: {
    create: '新建用户',
    search: '按用户名或姓名搜索',
    username: '用户名',
    displayName: '姓名',
    status: '状态',
    admin: '平台管理员',
    mfaOn: '已启用双重验证',
    mfaOff: '未启用双重验证',
    locked: (until: string) => `锁定至 ${until}`,
    memberships: '所属机构与角色',
    createdAt: '创建时间',
    none: '—',
    empty: '还没有用户',
    noMatch: '没有符合条件的用户',
    createTitle: '新建用户',
    password: '初始密码',
    passwordHelp: '至少 10 个字符；请通过安全渠道告知本人，并提醒其首次登录后修改',
    passwordShort: '密码至少需要 10 个字符',
    usernameInvalid: '用户名需为 3–64 位字母、数字或 _ . @ + -',
    displayNameRequired: '请输入姓名',
    isPlatformAdmin: '设为平台管理员',
    save: '创建',
    cancel: '取消',
    created: '用户已创建。到“机构”中为其添加角色。',
    total: (n: number) => `共 ${n} 个用户`,
  },
  en: {
    create: 'New user',
    search: 'Search by username or name',
    username: 'Username',
    displayName: 'Name',
    status: 'Status',
    admin: 'Platform administrator',
    mfaOn: 'Two-step verification on',
    mfaOff: 'No two-step verification',
    locked: (until: string) => `Locked until ${until}`,
    memberships: 'Organisations and roles',
    createdAt: 'Created',
    none: '—',
    empty: 'No users yet',
    noMatch: 'No user matches',
    createTitle: 'New user',
    password: 'Initial password',
    passwordHelp: 'At least 10 characters; give it to the person over a safe channel and ask them to change it',
    passwordShort: 'The password needs at least 10 characters',
    usernameInvalid: 'Use 3–64 letters, digits or _ . @ + -',
    displayNameRequired: 'Enter the name',
    isPlatformAdmin: 'Platform administrator',
    save: 'Create',
    cancel: 'Cancel',
    created: 'User created. Give them roles under Organisations.',
    total: (n: number) => `${n} users`,
  },
});

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  isPlatformAdmin?: boolean;
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<UserForm>();
  const create = useCreateUser();
  const [problem, setProblem] = useState<MappedProblem | null>(null);

  const onFinish = async (v: UserForm) => {
    setProblem(null);
    try {
      await create.mutateAsync({ username: v.username.trim(), displayName: v.displayName.trim(), password: v.password, ...(v.isPlatformAdmin ? { isPlatformAdmin: true } : {}) });
      void message.success(t.created);
      onClose();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['username'], ['displayName'], ['password'], ['isPlatformAdmin']]));
    }
  };

  return (
    <Modal
      open={open}
      title={t.createTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) setProblem(null);
      }}
    >
      <ProblemAlert problem={problem} />
      <Form<UserForm> form={form} layout="vertical" preserve={false} onFinish={(v) => void onFinish(v)}>
        <Form.Item label={t.username} name="username" rules={[{ required: true, pattern: /^[A-Za-z0-9_.@+-]{3,64}$/, message: t.usernameInvalid }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t.displayName} name="displayName" rules={[{ required: true, whitespace: true, max: 100, message: t.displayNameRequired }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t.password} name="password" extra={t.passwordHelp} rules={[{ required: true, min: 10, max: 128, message: t.passwordShort }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="isPlatformAdmin" valuePropName="checked">
          <Checkbox>{t.isPlatformAdmin}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const q = useDebounced(search.trim(), 300);
  const users = useUsers({ q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  if (users.isError) return <LoadError error={users.error} onRetry={() => void users.refetch()} />;

  const columns: TableColumnsType<AdminUser> = [
    { title: t.username, dataIndex: 'username', key: 'username', render: (u: string) => <span className="sb-mono">{u}</span> },
    { title: t.displayName, dataIndex: 'displayName', key: 'displayName' },
    {
      title: t.status,
      key: 'status',
      render: (_, u) => (
        <Flex wrap gap={4}>
          {u.isPlatformAdmin ? <Tag color="red">{t.admin}</Tag> : null}
          {u.mfaEnabled ? <Tag color="green">{t.mfaOn}</Tag> : <Tag>{t.mfaOff}</Tag>}
          {u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()) ? <Tag color="orange">{t.locked(showInstant(u.lockedUntil, lang))}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t.memberships,
      key: 'memberships',
      render: (_, u) =>
        u.memberships.length === 0 ? (
          t.none
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 16 }}>
            {u.memberships.map((ms) => (
              <li key={ms.organisationId}>
                {ms.organisationName}
                <Typography.Text type="secondary">：{ms.roles.map((r) => ROLE_LABELS[r]?.[lang] ?? r).join('、')}</Typography.Text>
              </li>
            ))}
          </ul>
        ),
    },
    { title: t.createdAt, dataIndex: 'createdAt', key: 'createdAt', render: (d: string) => showInstantDate(d), responsive: ['lg'] },
  ];

  return (
    <>
      <Flex wrap gap={12} justify="space-between" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t.search}
          aria-label={t.search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          style={{ width: 260 }}
        />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
          {t.create}
        </Button>
      </Flex>
      <Table<AdminUser>
        rowKey="id"
        loading={users.isPending}
        columns={columns}
        dataSource={users.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: users.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t.total(n) }}
        locale={{ emptyText: <EmptyState description={search ? t.noMatch : t.empty} /> }}
        scroll={{ x: 'max-content' }}
      />
      <CreateUserModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}
