/**
 * What the applicant is told when their application changes stage: where it is, the amount
 * (applied for, approved or paid) and what happens next, with the deadline of the stage it waits
 * in. Built from the application row as the change left it (same transaction).
 */
import { formatMoney } from '@seedbed/rules';
import type { ApplicationRow } from './fulfilment.repository.js';
import { STATUS_LABELS, type Status } from './workflow.js';

interface Text {
  zh: string;
  en: string;
}

export interface StageNotice {
  title: Text;
  body: Text;
}

const money = (fen: number | null | undefined): Text | null => (fen === null || fen === undefined ? null : { zh: formatMoney(Number(fen), 'zh'), en: formatMoney(Number(fen), 'en') });

/** The notice for a change of stage, or null for a status without a label. */
export function stageNotice(a: Pick<ApplicationRow, 'item_title' | 'department_name' | 'stage_due_on' | 'amount_fen' | 'approved_fen' | 'publicity_until' | 'origin'>, from: string, to: string, reason: string | null): StageNotice | null {
  const label = STATUS_LABELS[to as Status];
  if (!label) return null;
  const item = a.item_title;
  const dept = a.department_name;
  const due = a.stage_due_on;
  const byZh = due ? `，时限 ${due}` : '';
  const byEn = due ? ` (by ${due})` : '';
  const asked = money(a.amount_fen);
  const approved = money(a.approved_fen);
  const title = { zh: `政策兑现进度：${label.zh}`, en: `Policy fulfilment: ${label.en}` };
  const say = (zh: string, en: string): StageNotice => ({ title, body: { zh, en } });
  switch (to as Status) {
    case 'acceptance':
      return from === 'new' || from === 'returned'
        ? say(
            `您的“${item.zh}”申请已提交${asked ? `（申请金额 ${asked.zh}）` : ''}。下一步：${dept}受理${byZh}。`,
            `Your application for "${item.en}" is submitted${asked ? ` (${asked.en} applied for)` : ''}. Next: ${dept} accepts it${byEn}.`,
          )
        : say(`您的“${item.zh}”申请已回到受理环节。下一步：${dept}受理${byZh}。`, `Your application for "${item.en}" is back at acceptance. Next: ${dept} accepts it${byEn}.`);
    case 'first_review':
      return say(`${dept}已受理您的“${item.zh}”申请。下一步：初审${byZh}。`, `${dept} accepted your application for "${item.en}". Next: first review${byEn}.`);
    case 'expert_review':
      return say(`您的“${item.zh}”申请已通过初审。下一步：专家评审${byZh}。`, `Your application for "${item.en}" passed first review. Next: expert review${byEn}.`);
    case 'approval':
      return say(`您的“${item.zh}”申请已通过审核。下一步：批复金额${byZh}。`, `Your application for "${item.en}" passed review. Next: the amount is approved${byEn}.`);
    case 'publicity':
      return say(
        `您的“${item.zh}”已批复${approved ? ` ${approved.zh}` : ''}，正在公示${a.publicity_until ? `至 ${a.publicity_until}` : ''}。下一步：公示期满无异议后拨付。`,
        `"${item.en}" is approved${approved ? ` for ${approved.en}` : ''} and in publicity${a.publicity_until ? ` until ${a.publicity_until}` : ''}. Next: payment once publicity ends without objection.`,
      );
    case 'payment':
      return say(
        `您的“${item.zh}”公示期满${approved ? `，${approved.zh}` : ''}等待拨付。下一步：财务部门拨付${byZh}。`,
        `Publicity of "${item.en}" has ended${approved ? `; ${approved.en}` : ''} awaits payment. Next: finance pays it${byEn}.`,
      );
    case 'closed':
      return from === 'payment'
        ? {
            title: { zh: '政策兑现进度：已拨付', en: 'Policy fulfilment: paid' },
            body: {
              zh: `“${item.zh}”${approved ? ` ${approved.zh}` : ''}已拨付，请留意账户到账；拨付详情见申请页面。`,
              en: `"${item.en}"${approved ? `: ${approved.en}` : ''} has been paid; watch your account. The application page shows the payment.`,
            },
          }
        : say(`您的“${item.zh}”已办结。`, `"${item.en}" is closed.`);
    case 'returned':
      return say(
        `您的“${item.zh}”申请被退回补正。理由：${reason ?? '见申请页面'}。下一步：按要求补正后在申请页面重新提交。`,
        `Your application for "${item.en}" was returned for amendment. Reason: ${reason ?? 'see the application'}. Next: amend it and resubmit it from the application page.`,
      );
    case 'rejected':
      return say(
        `您的“${item.zh}”申请不予支持。理由：${reason ?? '见申请页面'}。如有异议，可向${dept}咨询。`,
        `Your application for "${item.en}" was not supported. Reason: ${reason ?? 'see the application'}. Ask ${dept} if you disagree.`,
      );
    case 'withdrawn':
      return say(`您已撤回“${item.zh}”申请。`, `You withdrew your application for "${item.en}".`);
  }
}
