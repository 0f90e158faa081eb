/** /profile: opens the person's own profile (the enterprise first, when there is one). */
import { Navigate } from 'react-router';
import { defineMessages, useMessages, usePageTitle } from '../../app/i18n';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { useMySubjects } from './subjects.api';

const m = defineMessages({
  zh: { title: '我的档案', empty: '您还没有档案。注册企业账号时会自动建立企业档案。' },
  en: { title: 'My profile', empty: 'You have no profile yet. Registering an enterprise account creates one.' },
});

export function ProfileIndexPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const mine = useMySubjects();
  if (mine.isPending) return <PageLoading />;
  if (mine.isError) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  const first = mine.data.find((s) => s.kind === 'enterprise') ?? mine.data[0];
  if (first) return <Navigate to={`/profile/${first.id}`} replace />;
  return (
    <>
      <PageHeading title={t.title} />
      <EmptyState description={t.empty} />
    </>
  );
}
