/**
 * The programme office's dashboard (/dashboard): applications by stage and department, budgets
 * committed and paid, working days per stage and overdue work, who qualifies but has not
 * applied; by region and period; each figure drills down to its list and exports to .xlsx.
 */
export { dashboardManifest } from './dashboard.manifest';
