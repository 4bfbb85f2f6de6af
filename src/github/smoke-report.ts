// The smoke run's results in the job summary and the pull-request comment, and in the log. Everything in
// them came from the component (its output, its response body) or its path: escaped like every other
// outside field (markdown.ts), and in the log each output line is indented so that none starts a workflow command.
import { code, plain } from './markdown.js';
import { isSkipped, type SmokeOutcome, type SmokeResult } from '../smoke/outcome.js';

const verdict = (r: SmokeResult) => (r.passed ? 'passed' : 'failed');
const answered = (r: SmokeResult) => (r.status !== undefined ? `status ${r.status}` : r.exitCode !== undefined ? `exit code ${r.exitCode}` : '—');
const ms = (r: SmokeResult) => `${Math.round(r.wallMs)} ms`;

export function smokeSummaryMarkdown(outcomes: SmokeOutcome[]): string {
  if (outcomes.length === 0) return '';
  const lines = ['## Smoke run', '', '| Component | Result | Runtime | Time | Answer |', '|---|---|---|---|---|'];
  for (const o of outcomes) {
    if (isSkipped(o)) lines.push(`| ${code(o.component, true)} | not run: ${plain(o.skipped)} | | | |`);
    else
      lines.push(`| ${code(o.component, true)} | ${verdict(o)}${o.reason ? `: ${plain(o.reason)}` : ''} | ${plain(o.runtime)} | ${ms(o)} | ${answered(o)} |`);
  }
  lines.push('');
  for (const o of outcomes) {
    if (isSkipped(o)) continue;
    const shown = o.passed ? o.firstLines : o.lastLines;
    if (shown.length === 0) continue;
    lines.push(`${o.passed ? 'First' : 'Last'} output lines of ${code(o.component)}:`, '', ...shown.map((l) => `    ${l}`), '');
  }
  return lines.join('\n');
}

/** The comment's line for a component that was run. */
export function smokeCommentLine(r: SmokeResult): string {
  return `Smoke run: ${verdict(r)}${r.reason ? ` (${plain(r.reason)})` : ''} with ${plain(r.runtime)} in ${ms(r)} (${answered(r)})`;
}

export function smokeLogLines(r: SmokeResult): string[] {
  const shown = r.passed ? r.firstLines : r.lastLines;
  return [`smoke run ${verdict(r)} in ${ms(r)} (${answered(r)})${r.reason ? `: ${r.reason}` : ''}`, ...shown.map((l) => `  | ${l}`)];
}
