import { BOOKING_STATUS_LABELS, type BookingStatus } from '@seedbed/contract';
import { Tag } from 'antd';
import { amountText } from '../../app/amount';
import { useLang } from '../../app/i18n';

export function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}
export function Money({ fen }: { fen: number }) {
  const { lang } = useLang();
  return <span>{amountText(fen, lang)}</span>;
}
const COLOURS: Record<BookingStatus, string> = { requested: 'gold', confirmed: 'blue', completed: 'green', no_show: 'red', cancelled: 'default', rejected: 'default' };
export function StatusTag({ status }: { status: BookingStatus }) {
  const { lang } = useLang();
  return <Tag color={COLOURS[status]}>{BOOKING_STATUS_LABELS[status][lang]}</Tag>;
}
/** 08:30 from minutes after midnight. */
export const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
export const WEEKDAY_NAMES = { zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'], en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };
