/**
 * Dashboard: the programme office's figures (applications by stage and department, budgets
 * committed and paid, working days per stage and overdue work, who qualifies but has not
 * applied) over a region it covers and a period, each with the list behind it and an .xlsx
 * export. It owns no tables: the SQL is in the owning modules' `*.statistics.ts`.
 */
export { dashboardManifest } from './dashboard.manifest.js';
export { dashboard, dashboardTable, scopeOf } from './dashboard.service.js';
export { tableXlsx } from './dashboard.xlsx.js';
