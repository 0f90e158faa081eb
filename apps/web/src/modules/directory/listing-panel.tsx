/**
 * 公开展示 on an enterprise's profile: its members choose whether the enterprise appears in the
 * public directory and the site-wide search, with a short introduction and a few products. What
 * the public sees is said beside the switch (name, industry, district, and what is written
 * here: never the credit code, people or other facts); withdrawing removes it at once.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Flex, Form, Input, Popconfirm, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { DIRECTORY_MAX_PRODUCTS, type DirectoryListingBody } from '@seedbed/contract';
import { defineMessages, useLang, useMessages } from '../../app/i18n';
import { applyProblemToForm, type FieldPath, type MappedProblem } from '../../app/problem';
import { ProblemAlert } from '../../app/ui';
import { removeListing, saveListing, useMyListings, type MyDirectoryListing } from './directory.api';

const m = defineMessages({
  zh: {
    title: '公开展示（企业名录）',
    listed: '已公开展示',
    notListed: '未公开展示',
    explain: (name: string, industry: string, region: string) =>
      `选择公开展示后，任何人可在企业名录和全站搜索中看到：企业名称“${name}”、所属行业（${industry}）、所在区县（${region}），以及下面填写的简介和产品。统一社会信用代码、人员和档案中的其他信息不会公开。`,
    noIndustry: '未填写',
    intro: '企业简介',
    introHelp: '10–500 字，介绍主营业务。只写愿意公开的内容（如需公开联系方式，请写在这里）。',
    products: '产品（最多 8 项）',
    productName: '产品名称',
    productDescription: '一句话介绍（可不填）',
    addProduct: '添加产品',
    removeProduct: '删除此产品',
    save: '公开展示',
    update: '保存修改',
    withdraw: '取消公开展示',
    withdrawConfirm: '取消后企业将立即从企业名录和搜索结果中移除。确定吗？',
    saved: '已公开展示，企业名录中立即可见',
    updated: '已保存',
    withdrawn: '已取消公开展示',
    view: '查看公开页面',
    yes: '确定',
    no: '再想想',
  },
  en: {
    title: 'Public listing (enterprise directory)',
    listed: 'Listed',
    notListed: 'Not listed',
    explain: (name: string, industry: string, region: string) =>
      `Once listed, anyone can see in the directory and the site search: the name “${name}”, the industry (${industry}), the district (${region}), and the introduction and products below. The credit code, people and other profile facts are never shown.`,
    noIndustry: 'not given',
    intro: 'Introduction',
    introHelp: '10–500 characters about the business. Write only what may be public (contacts too, if you want them shown).',
    products: 'Products (up to 8)',
    productName: 'Product',
    productDescription: 'One line about it (optional)',
    addProduct: 'Add a product',
    removeProduct: 'Remove this product',
    save: 'List publicly',
    update: 'Save changes',
    withdraw: 'Stop listing',
    withdrawConfirm: 'The enterprise disappears from the directory and the search at once. Go ahead?',
    saved: 'Listed: it shows in the directory now',
    updated: 'Saved',
    withdrawn: 'No longer listed',
    view: 'See the public page',
    yes: 'Yes',
    no: 'Not now',
  },
});

type Values = DirectoryListingBody;

function ListingForm({ listing }: { listing: MyDirectoryListing }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const fields: FieldPath[] = [['introduction'], ...Array.from({ length: DIRECTORY_MAX_PRODUCTS }, (_, i) => [['products', i, 'name'] as FieldPath, ['products', i, 'description'] as FieldPath]).flat()];

  const refresh = () => qc.invalidateQueries({ queryKey: ['directory'] }).then(() => qc.invalidateQueries({ queryKey: ['search'] }));
  const submit = async (values: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      await saveListing(listing.organisationId, { introduction: values.introduction ?? '', products: (values.products ?? []).map((p) => ({ name: p?.name ?? '', description: p?.description ?? '' })) });
      void message.success(listing.listed ? t.updated : t.saved);
      await refresh();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, fields));
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    setBusy(true);
    try {
      await removeListing(listing.organisationId);
      void message.success(t.withdrawn);
      await refresh();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, fields));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      initialValues={{ introduction: listing.introduction, products: listing.products.length > 0 ? listing.products : [{ name: '', description: '' }] }}
      data-testid="listing-form"
    >
      <ProblemAlert problem={problem} />
      <Form.Item name="introduction" label={t.intro} extra={t.introHelp} rules={[{ required: true, min: 10, max: 500, message: t.introHelp }]}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="listing-introduction" />
      </Form.Item>
      <Typography.Text strong>{t.products}</Typography.Text>
      <Form.List name="products">
        {(items, { add, remove }) => (
          <Flex vertical gap={8} style={{ marginTop: 8, marginBottom: 16 }}>
            {items.map((item, i) => (
              <Flex key={item.key} wrap gap={8} align="flex-start">
                <Form.Item name={[item.name, 'name']} style={{ flex: '1 1 180px', margin: 0 }} rules={[{ required: true, min: 2, max: 40, message: t.productName }]}>
                  <Input placeholder={t.productName} aria-label={`${t.productName} ${i + 1}`} maxLength={40} data-testid={`listing-product-name-${i}`} />
                </Form.Item>
                <Form.Item name={[item.name, 'description']} style={{ flex: '2 1 240px', margin: 0 }}>
                  <Input placeholder={t.productDescription} aria-label={`${t.productDescription} ${i + 1}`} maxLength={200} data-testid={`listing-product-description-${i}`} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label={t.removeProduct} onClick={() => remove(item.name)} />
              </Flex>
            ))}
            {items.length < DIRECTORY_MAX_PRODUCTS ? (
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', description: '' })} style={{ alignSelf: 'flex-start' }} data-testid="listing-add-product">
                {t.addProduct}
              </Button>
            ) : null}
          </Flex>
        )}
      </Form.List>
      <Flex wrap gap={8}>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="listing-save">
          {listing.listed ? t.update : t.save}
        </Button>
        {listing.listed ? (
          <Popconfirm title={t.withdrawConfirm} okText={t.yes} cancelText={t.no} onConfirm={() => void withdraw()}>
            <Button danger disabled={busy} data-testid="listing-withdraw">
              {t.withdraw}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
    </Form>
  );
}

/** The listing card of the enterprise whose profile this is (nothing for other profiles or non-members). */
export function DirectoryListingPanel({ subjectId }: { subjectId: string }) {
  const t = useMessages(m);
  const mine = useMyListings();
  const listing = mine.data?.find((l) => l.subjectId === subjectId);
  if (!listing) return null;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="listing-panel"
      title={
        <Flex gap={8} align="center" wrap>
          {t.title}
          <Tag color={listing.listed ? 'green' : 'default'} data-testid="listing-status">
            {listing.listed ? t.listed : t.notListed}
          </Tag>
        </Flex>
      }
      extra={listing.listed ? <Link to={`/enterprises/${listing.organisationId}`}>{t.view}</Link> : null}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t.explain(listing.name, listing.industry ?? t.noIndustry, listing.regionName)} />
      <ListingForm key={`${listing.listed}:${listing.introduction}:${listing.products.length}`} listing={listing} />
    </Card>
  );
}
