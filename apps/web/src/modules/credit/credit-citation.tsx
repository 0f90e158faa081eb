/**
 * Where a policy item refuses an enterprise because it is on the serious-violation list (a failing
 * criterion that read `on_serious_violation_list`), the record that put it there: the deciding
 * authority, the decision number and date, and where to apply for repair. Shown under the
 * criterion by the application form (fulfilment's verdict).
 */
import { Typography } from 'antd';
import { Link } from 'react-router';
import { useLang } from '../../app/i18n';
import { useMyCredit } from './credit.api';
import { gatingCitations } from './credit-citation-logic';

export function SeriousViolationCitation() {
  const { lang } = useLang();
  const tx = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const q = useMyCredit();
  const citations = gatingCitations(q.data);
  if (citations.length === 0) return null;
  const several = new Set(citations.map((c) => c.subjectName)).size > 1;
  return (
    <div data-testid="credit-citation" style={{ marginTop: 4 }}>
      {citations.map((r) => (
        <Typography.Text key={r.key} type="secondary" style={{ display: 'block' }}>
          {tx(
            `${several ? `${r.subjectName}：` : ''}依据 ${r.sourceName} ${r.decidedOn} 作出的 ${r.decisionNumber}（严重失信，公示至 ${r.publishedUntil ?? ''} 前）。`,
            `${several ? `${r.subjectName}: ` : ''}Because of ${r.decisionNumber} by ${r.sourceName}, decided ${r.decidedOn} (serious, published until ${r.publishedUntil ?? ''}).`,
          )}
          {r.mayApplyForRepair ? tx('现可申请信用修复：', 'Repair may be applied for now: ') : ''}
          <Link to="/credit">{tx('查看我的信用', 'See my credit')}</Link>
        </Typography.Text>
      ))}
    </div>
  );
}
