/**
 * Organisations as a tree (a department under its government, a branch under its bank), with
 * kind and region, and their members with roles. Members are the users the server lists for the
 * organisation; the member picker searches users on the server as the administrator types.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  TreeSelect,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { defineMessages, useLang, useMessages } from '../../app/i18n';
import { applyProblemToForm, problemMessage, type MappedProblem } from '../../app/problem';
import { EmptyState, LoadError, ProblemAlert } from '../../app/ui';
import { useDebounced } from '../../app/use-debounced';
import { RegionCascader } from '../regions';
import {
  useAddMember,
  useCreateOrganisation,
  useOrganisations,
  useRemoveMember,
  useUpdateOrganisation,
  useUsers,
  type Organisation,
  type OrganisationKind,
} from './admin.api';
import { isKind, KIND_COLOURS, KIND_LABELS, ORGANISATION_KIND_LIST, ROLE_LABELS, ROLES_BY_KIND } from './labels';

const m = defineMessages({
  zh: {
    create: '新建机构',
    search: '按名称或信用代码搜索机构',
    filterKind: '按类型筛选',
    allKinds: '全部类型',
    name: '名称',
    kind: '类型',
    region: '所在地区',
    creditCode: '统一社会信用代码',
    members: '成员',
    actions: '操作',
    edit: '编辑',
    manageMembers: '成员',
    empty: '还没有机构。先建立政府部门（如“南宁市科技局”），再为其添加经办、审核、财务等人员。',
    noMatch: '没有符合条件的机构',
    createTitle: '新建机构',
    editTitle: (name: string) => `编辑机构：${name}`,
    parent: '上级机构',
    parentHelp: '例如科技局下属的科室；可不选',
    nameRequired: '请输入机构名称（至少 2 个字）',
    kindRequired: '请选择机构类型',
    regionRequired: '请选择所在地区',
    creditCodeHelp: '可选，18 位',
    save: '保存',
    cancel: '取消',
    created: '机构已创建',
    updated: '机构已更新',
    membersTitle: (name: string) => `${name} 的成员`,
    user: '用户',
    roles: '角色',
    userRequired: '请选择用户',
    rolesRequired: '请至少选择一个角色',
    addMember: '添加或更新成员',
    remove: '移除',
    removeConfirm: '确定将此用户移出机构吗？',
    memberAdded: '成员已保存',
    memberRemoved: '成员已移除',
    noMembers: '暂无成员',
    searchUser: '搜索用户名或姓名',
    noUser: '没有找到用户',
    total: (n: number) => `共 ${n} 个机构`,
    partial: (shown: number, total: number) => `共 ${total} 个机构，此处列出前 ${shown} 个；请按名称或信用代码搜索其余机构`,
  },
  en: {
    create: 'New organisation',
    search: 'Search organisations by name or credit code',
    filterKind: 'Filter by kind',
    allKinds: 'All kinds',
    name: 'Name',
    kind: 'Kind',
    region: 'Region',
    creditCode: 'Credit code',
    members: 'Members',
    actions: 'Actions',
    edit: 'Edit',
    manageMembers: 'Members',
    empty: 'No organisations yet. Create the government departments first (e.g. Nanning Science and Technology Bureau), then add their officers, reviewers and finance staff.',
    noMatch: 'No organisation matches',
    createTitle: 'New organisation',
    editTitle: (name: string) => `Edit organisation: ${name}`,
    parent: 'Parent organisation',
    parentHelp: 'E.g. the bureau a division belongs to; optional',
    nameRequired: 'Enter the name (at least 2 characters)',
    kindRequired: 'Choose the kind',
    regionRequired: 'Choose the region',
    creditCodeHelp: 'Optional, 18 characters',
    save: 'Save',
    cancel: 'Cancel',
    created: 'Organisation created',
    updated: 'Organisation updated',
    membersTitle: (name: string) => `Members of ${name}`,
    user: 'User',
    roles: 'Roles',
    userRequired: 'Choose a user',
    rolesRequired: 'Choose at least one role',
    addMember: 'Add or update member',
    remove: 'Remove',
    removeConfirm: 'Remove this user from the organisation?',
    memberAdded: 'Member saved',
    memberRemoved: 'Member removed',
    noMembers: 'No members yet',
    searchUser: 'Search username or name',
    noUser: 'No user found',
    total: (n: number) => `${n} organisations`,
    partial: (shown: number, total: number) => `${total} organisations; the first ${shown} are listed here: search by name or credit code for the others`,
  },
});

interface OrgNode extends Organisation {
  children?: OrgNode[];
}

/** Nests organisations under their parents; orphans (parent not in the list) stay at the top. */
export function organisationTree(orgs: readonly Organisation[]): OrgNode[] {
  const byId = new Map<string, OrgNode>(orgs.map((o) => [o.id, { ...o }]));
  const roots: OrgNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent && parent !== node) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  // Government first (the departments are what an administrator sets up), then by name.
  const rank = (k: string) => {
    const i = ORGANISATION_KIND_LIST.indexOf(k as OrganisationKind);
    return i < 0 ? ORGANISATION_KIND_LIST.length : i;
  };
  const sort = (nodes: OrgNode[]) => {
    nodes.sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name, 'zh-CN'));
    for (const n of nodes) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

function KindTag({ kind }: { kind: string }) {
  const { lang } = useLang();
  if (!isKind(kind)) return <Tag>{kind}</Tag>;
  return <Tag color={KIND_COLOURS[kind]}>{KIND_LABELS[kind][lang]}</Tag>;
}

interface OrgForm {
  name: string;
  kind: OrganisationKind;
  regionCode: string | null;
  parentId?: string | null;
  creditCode?: string;
}

function OrganisationModal({ open, editing, orgs, onClose }: { open: boolean; editing: Organisation | null; orgs: Organisation[]; onClose: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OrgForm>();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const parentTree = useMemo(() => {
    interface ParentOption {
      value: string;
      title: string;
      disabled: boolean;
      children?: ParentOption[];
    }
    const toNode = (o: OrgNode): ParentOption => ({
      value: o.id,
      title: o.name,
      disabled: o.id === editing?.id,
      ...(o.children ? { children: o.children.map(toNode) } : {}),
    });
    return organisationTree(orgs).map(toNode);
  }, [orgs, editing]);

  const onFinish = async (v: OrgForm) => {
    setProblem(null);
    try {
      if (editing) {
        await update.mutateAsync({ id: editing.id, body: { name: v.name.trim(), regionCode: v.regionCode ?? '', parentId: v.parentId ?? null } });
        void message.success(t.updated);
      } else {
        await create.mutateAsync({
          name: v.name.trim(),
          kind: v.kind,
          regionCode: v.regionCode ?? '',
          ...(v.parentId ? { parentId: v.parentId } : {}),
          ...(v.creditCode ? { creditCode: v.creditCode.trim().toUpperCase() } : {}),
        });
        void message.success(t.created);
      }
      onClose();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['name'], ['kind'], ['regionCode'], ['parentId'], ['creditCode']]));
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t.editTitle(editing.name) : t.createTitle}
      onCancel={onClose}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) {
          form.resetFields();
          setProblem(null);
        }
      }}
    >
      <ProblemAlert problem={problem} />
      <Form<OrgForm>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => void onFinish(v)}
        initialValues={
          editing
            ? { name: editing.name, kind: editing.kind as OrganisationKind, regionCode: editing.regionCode, parentId: editing.parentId }
            : { kind: 'government' }
        }
      >
        <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t.nameRequired }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t.kind} name="kind" rules={[{ required: true, message: t.kindRequired }]}>
          <Select disabled={!!editing} options={ORGANISATION_KIND_LIST.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))} />
        </Form.Item>
        <Form.Item label={t.region} name="regionCode" rules={[{ required: true, message: t.regionRequired }]}>
          <RegionCascader />
        </Form.Item>
        <Form.Item label={t.parent} name="parentId" extra={t.parentHelp}>
          <TreeSelect treeData={parentTree} allowClear showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll />
        </Form.Item>
        {!editing ? (
          <Form.Item
            label={t.creditCode}
            name="creditCode"
            extra={t.creditCodeHelp}
            normalize={(v: string | undefined) => (v ?? '').toUpperCase().replace(/\s/g, '')}
          >
            <Input maxLength={18} className="sb-mono" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function MembersDrawer({ org, onClose }: { org: Organisation | null; onClose: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ userId: string; roles: string[] }>();
  const add = useAddMember();
  const remove = useRemoveMember();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const roles = org && isKind(org.kind) ? ROLES_BY_KIND[org.kind] : ['owner', 'member'];
  const roleLabel = (r: string) => ROLE_LABELS[r]?.[lang] ?? r;
  // The organisation's members (asked of the server, not picked out of a page of every user),
  // and the people the picker finds as the administrator types.
  const memberUsers = useUsers({ organisationId: org?.id ?? '', limit: 500 }, !!org);
  const [userSearch, setUserSearch] = useState('');
  const userQuery = useDebounced(userSearch.trim(), 250);
  const candidates = useUsers({ q: userQuery, limit: 20 }, !!org);
  const members = org
    ? (memberUsers.data?.items ?? []).flatMap((u) => {
        const ms = u.memberships.find((x) => x.organisationId === org.id);
        return ms ? [{ user: u, roles: ms.roles }] : [];
      })
    : [];

  const onAdd = async (v: { userId: string; roles: string[] }) => {
    if (!org) return;
    setProblem(null);
    try {
      await add.mutateAsync({ organisationId: org.id, body: { userId: v.userId, roles: v.roles } });
      void message.success(t.memberAdded);
      form.resetFields();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['userId'], ['roles']]));
    }
  };

  const onRemove = async (userId: string) => {
    if (!org) return;
    try {
      await remove.mutateAsync({ organisationId: org.id, userId });
      void message.success(t.memberRemoved);
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };

  return (
    <Drawer open={!!org} onClose={onClose} title={org ? t.membersTitle(org.name) : ''} size={560} destroyOnHidden>
      <Table
        size="small"
        rowKey={(r) => r.user.id}
        dataSource={members}
        loading={memberUsers.isPending && !!org}
        pagination={false}
        locale={{ emptyText: t.noMembers }}
        columns={[
          {
            title: t.user,
            key: 'user',
            render: (_, r) => (
              <>
                {r.user.displayName} <Typography.Text type="secondary">({r.user.username})</Typography.Text>
              </>
            ),
          },
          { title: t.roles, key: 'roles', render: (_, r) => r.roles.map((x) => <Tag key={x}>{roleLabel(x)}</Tag>) },
          {
            title: t.actions,
            key: 'actions',
            render: (_, r) => (
              <Popconfirm title={t.removeConfirm} onConfirm={() => void onRemove(r.user.id)} okText={t.remove} cancelText={t.cancel}>
                <Button danger size="small" icon={<DeleteOutlined aria-hidden />} aria-label={`${t.remove} ${r.user.displayName}`}>
                  {t.remove}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
        {t.addMember}
      </Typography.Title>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void onAdd(v)}>
        <Form.Item label={t.user} name="userId" rules={[{ required: true, message: t.userRequired }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setUserSearch }}
            placeholder={t.searchUser}
            loading={candidates.isFetching}
            notFoundContent={candidates.isFetching ? <Spin size="small" /> : t.noUser}
            options={(candidates.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          />
        </Form.Item>
        <Form.Item label={t.roles} name="roles" rules={[{ required: true, type: 'array', min: 1, message: t.rolesRequired }]}>
          <Select mode="multiple" options={roles.map((r) => ({ value: r, label: roleLabel(r) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending} icon={<PlusOutlined aria-hidden />}>
          {t.addMember}
        </Button>
      </Form>
    </Drawer>
  );
}

export function OrganisationsPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<string>('');
  const q = useDebounced(search.trim(), 250);
  const filtering = q !== '' || kind !== '';
  // The tree of every organisation (the parent picker's too), and the server's matches while searching.
  const everything = useOrganisations();
  const matches = useOrganisations({ q: q || undefined, kind: kind || undefined });
  const orgs = filtering ? matches : everything;
  const [modal, setModal] = useState<{ open: boolean; editing: Organisation | null }>({ open: false, editing: null });
  const [membersOf, setMembersOf] = useState<Organisation | null>(null);
  // Every branch is open unless the person closed it, including branches created later.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());

  const all = useMemo(() => everything.data?.items ?? [], [everything.data]);
  // A flat list while filtering, so that a match deep in the tree is not hidden under its parent.
  const rows = useMemo(() => (filtering ? (matches.data?.items ?? []) : organisationTree(all)), [all, filtering, matches.data]);
  const shown = orgs.data?.items.length ?? 0;
  const total = orgs.data?.total ?? 0;

  if (orgs.isError) return <LoadError error={orgs.error} onRetry={() => void orgs.refetch()} />;

  const columns: TableColumnsType<OrgNode> = [
    { title: t.name, dataIndex: 'name', key: 'name' },
    { title: t.kind, dataIndex: 'kind', key: 'kind', render: (k: string) => <KindTag kind={k} /> },
    { title: t.region, key: 'region', render: (_, o) => o.regionName ?? o.regionCode, responsive: ['md'] },
    { title: t.creditCode, dataIndex: 'creditCode', key: 'creditCode', render: (c: string | null) => (c ? <span className="sb-mono">{c}</span> : '—'), responsive: ['lg'] },
    { title: t.members, dataIndex: 'memberCount', key: 'memberCount', align: 'right' },
    {
      title: t.actions,
      key: 'actions',
      render: (_, o) => (
        <Space>
          <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setModal({ open: true, editing: o })} aria-label={`${t.edit} ${o.name}`}>
            {t.edit}
          </Button>
          <Button size="small" icon={<TeamOutlined aria-hidden />} onClick={() => setMembersOf(o)} aria-label={`${t.manageMembers} ${o.name}`}>
            {t.manageMembers}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex wrap gap={12} justify="space-between" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <Input.Search allowClear placeholder={t.search} aria-label={t.search} onChange={(e) => setSearch(e.target.value)} style={{ width: 260 }} />
          <Select
            aria-label={t.filterKind}
            value={kind}
            onChange={setKind}
            style={{ width: 200 }}
            options={[{ value: '', label: t.allKinds }, ...ORGANISATION_KIND_LIST.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))]}
          />
        </Flex>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setModal({ open: true, editing: null })}>
          {t.create}
        </Button>
      </Flex>
      {total > shown ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t.partial(shown, total)} /> : null}
      <Table<OrgNode>
        rowKey="id"
        loading={orgs.isPending}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t.total(n) }}
        expandable={{
          expandedRowKeys: all.filter((o) => o.parentId && !collapsed.has(o.parentId)).map((o) => o.parentId!),
          onExpand: (open, o) =>
            setCollapsed((prev) => {
              const next = new Set(prev);
              if (open) next.delete(o.id);
              else next.add(o.id);
              return next;
            }),
        }}
        locale={{ emptyText: <EmptyState description={filtering ? t.noMatch : t.empty} /> }}
        scroll={{ x: 'max-content' }}
      />
      <OrganisationModal open={modal.open} editing={modal.editing} orgs={all} onClose={() => setModal({ open: false, editing: null })} />
      <MembersDrawer org={membersOf} onClose={() => setMembersOf(null)} />
    </>
  );
}
