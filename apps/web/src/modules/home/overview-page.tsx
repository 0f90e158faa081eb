/**
 * 我的首页 (/me): where an applicant lands after login — profile completeness, matches with
 * amounts, applications with their next steps, unread notices. Officials and administrators who
 * come here are sent to their own work (app/landing.ts).
 */
import { Navigate } from 'react-router';
import { useMe } from '../../app/auth';
import { defineMessages, useMessages, usePageTitle } from '../../app/i18n';
import { isApplicant, landingPathFor } from '../../app/landing';
import { PageHeading } from '../../app/ui';
import { ApplicantPanels } from './applicant-panels';

const m = defineMessages({
  zh: { title: '我的首页', hello: (name: string) => `${name}，您好` },
  en: { title: 'Overview', hello: (name: string) => `Welcome, ${name}` },
});

export function OverviewPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const me = useMe();
  if (!me.data) return null;
  if (!isApplicant(me.data)) return <Navigate to={landingPathFor(me.data)} replace />;
  return (
    <>
      <PageHeading title={t.title} subtitle={t.hello(me.data.user.displayName)} />
      <ApplicantPanels />
    </>
  );
}
