/**
 * `npm run catalog` — lists documents, measures, items, targets and tasks with counts per document
 * and per responsible unit, then lints the whole catalogue. Exit code 1 when there is any problem.
 * Options: --list (also print every measure with what encodes it), --dir <catalog folder>.
 */
import { readCatalog } from './load.js';
import { lintCatalog } from './lint.js';
import { buildReport } from './report.js';
import { compileRules, runAllCases } from './engine.js';

function pad(s: string | number, n: number): string {
  const str = String(s);
  const width = [...str].reduce((w, ch) => w + (/[\u2e80-\uffff]/u.test(ch) ? 2 : 1), 0);
  return str + ' '.repeat(Math.max(0, n - width));
}

function main(argv: string[]): number {
  const dirIdx = argv.indexOf('--dir');
  const dir = dirIdx >= 0 ? argv[dirIdx + 1] : undefined;
  const data = readCatalog(dir);
  const report = buildReport(data);
  const out: string[] = [];
  out.push('政策目录 / Policy catalogue');
  out.push('');
  out.push(`${pad('文件 document', 22)}${pad('措施 measures', 18)}${pad('事项 items', 12)}${pad('目标 targets', 14)}${pad('任务 tasks', 12)}${pad('用例 cases', 12)}未归类 unaccounted`);
  for (const d of report.documents) {
    out.push(
      `${pad(d.key, 22)}${pad(`${d.measures} (${d.byKind.item}/${d.byKind.target}/${d.byKind.task}/${d.byKind.context})`, 18)}${pad(d.items, 12)}${pad(d.targets, 14)}${pad(d.tasks, 12)}${pad(d.cases, 12)}${d.unaccounted.length}`,
    );
    out.push(`  ${d.title}`);
    for (const u of d.unaccounted) out.push(`  ! 未归类 / not accounted for: ${u}`);
  }
  const t = report.totals;
  out.push(`${pad('合计 total', 22)}${pad(t.measures, 18)}${pad(t.items, 12)}${pad(t.targets, 14)}${pad(t.tasks, 12)}${pad(t.cases, 12)}${t.unaccounted}`);
  out.push('  (措施按主类 by principal kind: 事项/目标/任务/背景 item/target/task/context)');
  out.push('');
  out.push('责任单位 / Responsible units');
  out.push(`${pad('单位 unit', 34)}${pad('牵头 leads', 12)}${pad('共同牵头 co-leads', 19)}${pad('配合 supports', 15)}${pad('事项 items', 12)}${pad('目标 targets', 14)}任务 tasks`);
  let current = '';
  for (const u of report.units) {
    if (u.document !== current) out.push(`[${(current = u.document)}]`);
    out.push(`${pad('  ' + u.unit, 34)}${pad(u.leads, 12)}${pad(u.coLeads, 19)}${pad(u.supports, 15)}${pad(u.items, 12)}${pad(u.targets, 14)}${u.tasks}`);
  }

  if (argv.includes('--list')) {
    out.push('');
    for (const d of data.documents) {
      if (!d.data) continue;
      out.push(`== ${d.key} ${d.data.document.title.zh}`);
      for (const m of d.data.measures) {
        const enc = [...m.items, ...m.targets, ...m.tasks].join(', ') || (m.context_note ? `(背景 context: ${m.context_note.zh})` : '—');
        out.push(`  ${pad(m.clause, 16)}${pad(m.kind, 8)}${pad(m.lead_unit ?? '—', 26)}${m.title.zh} → ${enc}`);
      }
    }
  }

  const compiled = compileRules(data);
  const problems = [...lintCatalog(data), ...compiled.problems];
  out.push('');
  let failed = 0;
  if (!argv.includes('--no-cases')) {
    const run = runAllCases(data, compiled);
    if (run.available) {
      failed = run.failures.length;
      out.push(`用例 / cases: ${run.passed} 通过 passed, ${failed} 失败 failed (两个求值器 both evaluators)`);
      for (const f of run.failures) out.push(`  ✗ ${f}`);
    } else {
      out.push(`用例 / cases: 未运行 not run — ${run.reason}`);
    }
  }
  if (problems.length === 0) out.push('检查通过 / lint passed: 0 problems');
  else {
    out.push(`检查问题 / lint problems: ${problems.length}`);
    for (const p of problems) out.push(`  ${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return problems.length > 0 || failed > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 2;
}
