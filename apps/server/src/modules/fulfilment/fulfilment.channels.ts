/**
 * How each policy item is applied for, as fulfilment decides it (wired as
 * `deps.applicationChannels`): 免申即享 items need no application; an item outside its effective
 * period cannot be applied for (not yet, or no longer); an item for a kind of subject the platform
 * has no profiles for, or whose lead unit has no department here, is not accepted online;
 * otherwise the lead unit's department in the item's region accepts it online. The same tests
 * `submitApplication` makes, so that a page never offers 申请 where submitting would fail.
 */
import { SUBJECT_KINDS } from '@seedbed/contract';
import { applicationChannelsGeneration, type ApplicationChannel, type ApplicationChannelSource } from '../../platform/application-channels.js';
import type { Db, Tx } from '../../platform/database.js';
import * as repo from './fulfilment.repository.js';

/** The kinds of subject that have profiles here (subjects module), and so may apply. */
const APPLICANT_KINDS: ReadonlySet<string> = new Set(SUBJECT_KINDS);

/** Another process may set a department or rename an organisation: read them again at most this often. */
const RECHECK_MS = 5000;
const departmentCache = new WeakMap<Db | Tx, { departments: Promise<Map<string, string>>; checkedAt: number; generation: number }>();

/** Region and lead unit → the accepting organisation's name; kept per root connection (see RECHECK_MS, applicationChannelsChanged). */
function departmentsOf(db: Db | Tx): Promise<Map<string, string>> {
  const read = async () => new Map((await repo.allDepartments(db)).map((d) => [`${d.region_code}\u0001${d.lead_unit}`, d.name]));
  // Inside a transaction: what it sees, never kept.
  if (db.isTransaction) return read();
  const now = Date.now();
  const generation = applicationChannelsGeneration();
  const entry = departmentCache.get(db);
  if (entry && entry.generation === generation && now - entry.checkedAt < RECHECK_MS) return entry.departments;
  const departments = read();
  departmentCache.set(db, { departments, checkedAt: now, generation });
  departments.catch(() => departmentCache.delete(db));
  return departments;
}

/**
 * The channels decided with one read of the departments, by day and item fields: the same
 * (frozen) object each time, so that a caller may keep what it derives from one (the finder its JSON).
 */
const decided = new WeakMap<Map<string, string>, Map<string, ApplicationChannel>>();

export const applicationChannelsOf: ApplicationChannelSource = async (db, items, today) => {
  const departments = await departmentsOf(db);
  let memo = decided.get(departments);
  if (!memo) decided.set(departments, (memo = new Map()));
  else if (memo.size > 20_000) memo.clear();
  const out = new Map<string, ApplicationChannel>();
  for (const item of items) {
    const key = `${today}\u0001${item.id}\u0001${item.mode}\u0001${item.entity}\u0001${item.leadUnit ?? ''}\u0001${item.leadUnit === null ? 1 : 0}\u0001${item.regionCode ?? ''}\u0001${item.regionCode === null ? 1 : 0}\u0001${item.effective.from}\u0001${item.effective.to ?? ''}`;
    const kept = memo.get(key);
    if (kept) {
      out.set(item.id, kept);
      continue;
    }
    const channel = ((): ApplicationChannel => {
      if (item.mode === 'automatic')
        return { status: 'automatic', department: null, reason: { zh: '免申即享：符合条件的主体无需申请，平台自动匹配后兑现', en: 'No application needed: qualifying subjects are matched and paid automatically' } };
      if (item.effective.to !== null && item.effective.to < today)
        return { status: 'ended', department: null, reason: { zh: `已截止：本项政策已于 ${item.effective.to} 到期`, en: `Closed: this policy ended on ${item.effective.to}` } };
      if (item.effective.from > today)
        return { status: 'not_started', department: null, reason: { zh: `尚未开始：${item.effective.from} 起受理`, en: `Not open yet: applications from ${item.effective.from}` } };
      if (!APPLICANT_KINDS.has(item.entity))
        return { status: 'offline', department: null, reason: { zh: '不在线受理：本平台暂不受理此类主体的在线申请，请向主管部门咨询', en: 'Not accepted online: this platform does not take online applications from this kind of applicant yet; ask the responsible department' } };
      const name = item.leadUnit && item.regionCode ? departments.get(`${item.regionCode}\u0001${item.leadUnit}`) : undefined;
      if (!name)
        return {
          status: 'offline',
          department: null,
          reason: {
            zh: `不在线受理：牵头单位（${item.leadUnit ?? '未载明'}）尚未在本平台开通在线受理，请按办理指南向其申请`,
            en: `Not accepted online: the lead unit (${item.leadUnit ?? 'not stated'}) does not take applications on this platform yet; apply to it as the guide says`,
          },
        };
      return { status: 'online', department: name, reason: { zh: `可在线申请，由${name}受理`, en: `Apply online; ${name} handles it` } };
    })();
    Object.freeze(channel.reason);
    memo.set(key, Object.freeze(channel));
    out.set(item.id, channel);
  }
  return out;
};
