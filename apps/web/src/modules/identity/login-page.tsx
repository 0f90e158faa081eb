/**
 * Sign-in in up to two steps: password, then the second factor when the account has one
 * (officers must), or its enrolment the first time (secret shown as text and as a QR code).
 */
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, QRCode, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe, useSessionChanged } from '../../app/auth';
import { landingPathFor } from '../../app/landing';
import { defineMessages, useLang, useMessages, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { ProblemAlert } from '../../app/ui';
import { login, safeReturnPath, submitMfaCode } from './identity.api';

const m = defineMessages({
  zh: {
    title: '登录',
    subtitle: '登录 Seedbed 双创服务平台',
    username: '用户名',
    password: '密码',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    submit: '登录',
    noAccount: '还没有账号？',
    register: '立即注册',
    stepPassword: '账号密码',
    stepCode: '动态验证码',
    mfaTitle: '输入动态验证码',
    mfaHelp: '请打开身份验证器应用（如 Google Authenticator、Microsoft Authenticator），输入显示的 6 位数字验证码。',
    enrolTitle: '设置双重验证',
    enrolHelp: '您的账号需要启用双重验证。请用身份验证器应用扫描下方二维码，或手动输入密钥，然后输入应用显示的 6 位验证码完成设置。',
    qrLabel: '双重验证设置二维码',
    secret: '密钥（手动输入）',
    otpauthUrl: '设置链接（otpauth）',
    code: '6 位验证码',
    codeRequired: '请输入 6 位数字验证码',
    verify: '验证并登录',
    back: '返回重新输入账号',
    already: (name: string) => `您已以“${name}”的身份登录。`,
    toProfile: '进入我的首页',
  },
  en: {
    title: 'Log in',
    subtitle: 'Log in to the Seedbed innovation platform',
    username: 'Username',
    password: 'Password',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    submit: 'Log in',
    noAccount: 'No account yet?',
    register: 'Register now',
    stepPassword: 'Password',
    stepCode: 'One-time code',
    mfaTitle: 'Enter your one-time code',
    mfaHelp: 'Open your authenticator app (for example Google Authenticator or Microsoft Authenticator) and enter the 6-digit code it shows.',
    enrolTitle: 'Set up two-step verification',
    enrolHelp: 'Your account needs two-step verification. Scan the QR code below with an authenticator app, or type the secret in by hand, then enter the 6-digit code the app shows.',
    qrLabel: 'QR code for setting up two-step verification',
    secret: 'Secret (to type in by hand)',
    otpauthUrl: 'Setup link (otpauth)',
    code: '6-digit code',
    codeRequired: 'Enter the 6-digit code',
    verify: 'Verify and log in',
    back: 'Back to username and password',
    already: (name: string) => `You are logged in as ${name}.`,
    toProfile: 'Go to my start page',
  },
});

type Step =
  | { kind: 'password' }
  | { kind: 'mfa'; ticket: string }
  | { kind: 'enrol'; ticket: string; secret: string; otpauthUrl: string };

export function LoginPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const sessionChanged = useSessionChanged();
  const me = useMe();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [passwordForm] = Form.useForm<{ username: string; password: string }>();
  const [codeForm] = Form.useForm<{ code: string }>();
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step.kind !== 'password') codeInput.current?.focus();
  }, [step.kind]);

  const finish = async () => {
    const fresh = await sessionChanged();
    const target = safeReturnPath(params.get('from')) ?? landingPathFor(fresh);
    void navigate(target, { replace: true });
  };

  const onPassword = async (values: { username: string; password: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await login(values.username.trim(), values.password);
      if (result.status === 'ok') await finish();
      else if (result.status === 'mfa_required') setStep({ kind: 'mfa', ticket: result.ticket });
      else setStep({ kind: 'enrol', ticket: result.ticket, secret: result.secret, otpauthUrl: result.otpauthUrl });
    } catch (e) {
      setProblem(applyProblemToForm(passwordForm, e, lang, [['username'], ['password']]));
    } finally {
      setBusy(false);
    }
  };

  const onCode = async (values: { code: string }) => {
    if (step.kind === 'password') return;
    setBusy(true);
    setProblem(null);
    try {
      await submitMfaCode(step.ticket, values.code.trim());
      await finish();
    } catch (e) {
      setProblem(applyProblemToForm(codeForm, e, lang, [['code']]));
      codeForm.setFieldValue('code', '');
      codeInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const backToPassword = () => {
    setStep({ kind: 'password' });
    setProblem(null);
    codeForm.resetFields();
  };

  return (
    <div className="sb-narrow">
      <Card>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {step.kind === 'password' ? t.title : step.kind === 'mfa' ? t.mfaTitle : t.enrolTitle}
        </Typography.Title>
        <Steps
          size="small"
          current={step.kind === 'password' ? 0 : 1}
          items={[{ title: t.stepPassword }, { title: t.stepCode }]}
          style={{ marginBottom: 24 }}
        />
        <ProblemAlert problem={problem} />
        {me.data && step.kind === 'password' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t.already(me.data.user.displayName)}
            action={<Link to={landingPathFor(me.data)}>{t.toProfile}</Link>}
          />
        ) : null}

        {step.kind === 'password' ? (
          <Form form={passwordForm} layout="vertical" onFinish={(v) => void onPassword(v)} requiredMark={false}>
            <Form.Item label={t.username} name="username" rules={[{ required: true, whitespace: true, message: t.usernameRequired }]}>
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item label={t.password} name="password" rules={[{ required: true, message: t.passwordRequired }]}>
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t.submit}
            </Button>
            <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
              {t.noAccount} <Link to="/register">{t.register}</Link>
            </Typography.Paragraph>
          </Form>
        ) : (
          <>
            {step.kind === 'mfa' ? (
              <Typography.Paragraph>{t.mfaHelp}</Typography.Paragraph>
            ) : (
              <>
                <Alert type="info" showIcon title={t.enrolHelp} style={{ marginBottom: 16 }} />
                <div style={{ display: 'flex', justifyContent: 'center', marginBottom: 16 }}>
                  <div role="img" aria-label={t.qrLabel}>
                    <QRCode value={step.otpauthUrl} size={192} />
                  </div>
                </div>
                <Typography.Paragraph>
                  <Typography.Text strong>{t.secret}：</Typography.Text>
                  <br />
                  <Typography.Text className="sb-mono" copyable data-testid="mfa-secret">
                    {step.secret}
                  </Typography.Text>
                </Typography.Paragraph>
                <Typography.Paragraph>
                  <Typography.Text strong>{t.otpauthUrl}：</Typography.Text>
                  <br />
                  <Typography.Text className="sb-mono" copyable>
                    {step.otpauthUrl}
                  </Typography.Text>
                </Typography.Paragraph>
              </>
            )}
            <Form form={codeForm} layout="vertical" onFinish={(v) => void onCode(v)} requiredMark={false}>
              <Form.Item
                label={t.code}
                name="code"
                rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t.codeRequired }]}
              >
                <Input
                  ref={(el) => {
                    codeInput.current = el?.input ?? null;
                  }}
                  prefix={<SafetyOutlined aria-hidden />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  size="large"
                  style={{ letterSpacing: '0.3em' }}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={busy}>
                {t.verify}
              </Button>
              <Button type="link" block onClick={backToPassword} style={{ marginTop: 8 }}>
                {t.back}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
