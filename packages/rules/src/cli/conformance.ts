/** `npm run conformance`: prints the JSON Logic conformance report; exits 1 if a supported case fails. */
import { formatConformanceReport, runConformance } from '../conformance.js';

const report = runConformance();
process.stdout.write(formatConformanceReport(report) + '\n');
process.exitCode = report.totals.failed > 0 ? 1 : 0;
