/**
 * Registration of a person, an enterprise or a service provider account. An enterprise (and a
 * service provider, which then applies for certification in the marketplace) gives its unified social
 * credit code, name and region; the server checks the code's check character and answers with
 * field errors that land under the fields here.
 */
import { Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { landingPathFor } from '../../app/landing';
import { useMe, useSessionChanged } from '../../app/auth';
import { defineMessages, useLang, useMessages, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, type FieldPath, type MappedProblem } from '../../app/problem';
import { ProblemAlert } from '../../app/ui';
import { RegionCascader } from '../regions';
import { register, type RegisterBody } from './identity.api';

/** Where each kind of account starts its work after registering. */
const AFTER_REGISTERING: Record<RegisterBody['accountType'], string> = {
  person: '/profile',
  enterprise: '/profile',
  service_provider: '/provider',
  instrument_owner: '/instruments/manage',
  carrier_operator: '/carriers-mine',
  investor: '/investors/desk',
};

const m = defineMessages({
  zh: {
    title: '注册账号',
    subtitle: '注册后即可建立档案，查看可享受的扶持政策。',
    accountType: '账号类型',
    person: '个人（创业者）',
    enterprise: '企业',
    provider: '服务机构',
    providerSection: '服务机构信息（注册后申请认证）',
    providerName: '机构名称',
    instrumentOwner: '仪器共享单位',
    instrumentOwnerSection: '仪器共享单位信息（注册后发布仪器）',
    carrierOperator: '载体运营机构',
    carrierOperatorSection: '载体运营机构信息（注册后登记载体）',
    investor: '投资机构',
    investorSection: '投资机构信息（天使、创投、基金；注册后填写名录信息，经金融办核实后公开）',
    username: '用户名',
    usernameHelp: '3–64 位字母、数字或 _ . @ + -，用于登录',
    usernameInvalid: '用户名需为 3–64 位字母、数字或 _ . @ + -',
    displayName: '姓名 / 称呼',
    displayNameRequired: '请输入姓名或称呼',
    password: '密码',
    passwordHelp: '至少 10 个字符',
    passwordShort: '密码至少需要 10 个字符',
    confirm: '确认密码',
    confirmMismatch: '两次输入的密码不一致',
    enterpriseSection: '企业信息',
    creditCode: '统一社会信用代码',
    creditCodeHelp: '18 位，见营业执照',
    creditCodeInvalid: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）',
    enterpriseName: '企业名称',
    enterpriseNameRequired: '请输入企业名称（至少 2 个字）',
    region: '注册地',
    regionRequired: '请选择企业注册地',
    submit: '注册',
    haveAccount: '已有账号？',
    login: '去登录',
  },
  en: {
    title: 'Create an account',
    subtitle: 'Register to build your profile and see the support policies you qualify for.',
    accountType: 'Account type',
    person: 'Person (founder)',
    enterprise: 'Enterprise',
    provider: 'Service provider',
    providerSection: 'Service provider (apply for certification after registering)',
    providerName: 'Provider name',
    instrumentOwner: 'Instrument owner',
    instrumentOwnerSection: 'Instrument owner (list instruments after registering)',
    carrierOperator: 'Carrier operator',
    carrierOperatorSection: 'Carrier operator (register your carriers after registering)',
    investor: 'Investor',
    investorSection: 'Investor (angel, venture capital, fund; write your directory entry after registering: it is public once the finance office verifies it)',
    username: 'Username',
    usernameHelp: '3–64 letters, digits or _ . @ + -, used to log in',
    usernameInvalid: 'Use 3–64 letters, digits or _ . @ + -',
    displayName: 'Name',
    displayNameRequired: 'Enter your name',
    password: 'Password',
    passwordHelp: 'At least 10 characters',
    passwordShort: 'The password needs at least 10 characters',
    confirm: 'Confirm password',
    confirmMismatch: 'The two passwords differ',
    enterpriseSection: 'Enterprise',
    creditCode: 'Unified social credit code',
    creditCodeHelp: '18 characters, on the business licence',
    creditCodeInvalid: 'A unified social credit code is 18 digits or capital letters (no I, O, S, V, Z)',
    enterpriseName: 'Enterprise name',
    enterpriseNameRequired: 'Enter the enterprise name (at least 2 characters)',
    region: 'Registered in',
    regionRequired: 'Choose where the enterprise is registered',
    submit: 'Register',
    haveAccount: 'Already registered?',
    login: 'Log in',
  },
});

interface RegisterForm {
  accountType: RegisterBody['accountType'];
  username: string;
  displayName: string;
  password: string;
  confirm: string;
  enterprise?: { creditCode: string; name: string; regionCode: string | null };
}

const FIELDS: FieldPath[] = [
  ['accountType'],
  ['username'],
  ['displayName'],
  ['password'],
  ['enterprise', 'creditCode'],
  ['enterprise', 'name'],
  ['enterprise', 'regionCode'],
];

// Shape only; the check character is the server's to judge (one implementation of GB 32100).
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export function RegisterPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const [form] = Form.useForm<RegisterForm>();
  const accountType = Form.useWatch('accountType', form) ?? 'enterprise';
  const navigate = useNavigate();
  const sessionChanged = useSessionChanged();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const me = useMe();

  const onFinish = async (v: RegisterForm) => {
    setBusy(true);
    setProblem(null);
    const body: RegisterBody = {
      accountType: v.accountType,
      username: v.username.trim(),
      password: v.password,
      displayName: v.displayName.trim(),
      ...(v.accountType !== 'person' && v.enterprise
        ? {
            enterprise: {
              creditCode: v.enterprise.creditCode.trim().toUpperCase(),
              name: v.enterprise.name.trim(),
              regionCode: v.enterprise.regionCode ?? '',
            },
          }
        : {}),
    };
    try {
      await register(body);
      // A new account's first step is its profile (the overview would only say it is empty).
      await sessionChanged();
      // Stays busy on the way out: the redirect below is for those who arrive signed in.
      void navigate(AFTER_REGISTERING[v.accountType], { replace: true });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, FIELDS));
      setBusy(false);
    }
  };

  // Signed in already (not in the middle of this form's own registration): this page is for others.
  if (me.data && !busy) return <Navigate to={landingPathFor(me.data)} replace />;

  return (
    <div className="sb-narrow">
      <Card>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
        <ProblemAlert problem={problem} />
        <Form<RegisterForm>
          form={form}
          layout="vertical"
          initialValues={{ accountType: 'enterprise' }}
          onFinish={(v) => void onFinish(v)}
          scrollToFirstError={{ block: 'center', focus: true }}
        >
          <Form.Item label={t.accountType} name="accountType">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'enterprise', label: t.enterprise },
                { value: 'person', label: t.person },
                { value: 'service_provider', label: t.provider },
                { value: 'instrument_owner', label: t.instrumentOwner },
                { value: 'carrier_operator', label: t.carrierOperator },
                { value: 'investor', label: t.investor },
              ]}
            />
          </Form.Item>
          <Form.Item
            label={t.username}
            name="username"
            extra={t.usernameHelp}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_.@+-]{3,64}$/, message: t.usernameInvalid }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item label={t.displayName} name="displayName" rules={[{ required: true, whitespace: true, max: 100, message: t.displayNameRequired }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item label={t.password} name="password" extra={t.passwordHelp} rules={[{ required: true, min: 10, max: 128, message: t.passwordShort }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t.confirm}
            name="confirm"
            dependencies={['password']}
            rules={[
              { required: true, message: t.confirmMismatch },
              ({ getFieldValue }) => ({
                validator: (_, value) => (value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t.confirmMismatch))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>

          {accountType !== 'person' ? (
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontSize: 16, fontWeight: 600, marginBottom: 12 }}>
                {{ enterprise: t.enterpriseSection, service_provider: t.providerSection, instrument_owner: t.instrumentOwnerSection, carrier_operator: t.carrierOperatorSection, investor: t.investorSection }[accountType]}
              </legend>
              <Form.Item
                label={t.creditCode}
                name={['enterprise', 'creditCode']}
                extra={t.creditCodeHelp}
                normalize={(v: string | undefined) => (v ?? '').toUpperCase().replace(/\s/g, '')}
                rules={[{ required: true, pattern: CREDIT_CODE_SHAPE, message: t.creditCodeInvalid }]}
              >
                <Input maxLength={18} className="sb-mono" autoComplete="off" spellCheck={false} />
              </Form.Item>
              <Form.Item
                label={accountType === 'enterprise' ? t.enterpriseName : t.providerName}
                name={['enterprise', 'name']}
                rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t.enterpriseNameRequired }]}
              >
                <Input autoComplete="organization" />
              </Form.Item>
              <Form.Item label={t.region} name={['enterprise', 'regionCode']} rules={[{ required: true, message: t.regionRequired }]}>
                <RegionCascader />
              </Form.Item>
            </fieldset>
          ) : null}

          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t.submit}
          </Button>
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
            {t.haveAccount} <Link to="/login">{t.login}</Link>
          </Typography.Paragraph>
        </Form>
      </Card>
    </div>
  );
}
