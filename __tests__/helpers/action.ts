// Runs the bundled action (`node dist/index.js`, on Node 24 as `runs.using: node24` does) as the runner does:
// inputs as INPUT_* variables, outputs and summary through the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node24 } from '../../scripts/node24.mjs';
import { ROOT } from './paths.js';

export { ROOT };

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionOptions {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** Event payload written to GITHUB_EVENT_PATH. */
  payload?: unknown;
  /** Another build of the action than dist/index.js (the bench compares one with another). */
  entry?: string;
}

export async function runAction({ inputs, env = {}, payload, entry = join(ROOT, 'dist', 'index.js') }: ActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'action-run-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload ?? {}));
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir, // no docker config unless a test writes one
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: dir, // not a git checkout: `created` comes from SOURCE_DATE_EPOCH or the payload
    ...env,
  };
  for (const [name, value] of Object.entries(inputs)) childEnv[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(node24(), [entry], { env: childEnv, cwd: dir });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? -1)));
  return { code, stdout, stderr, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') };
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks (@actions/core file commands). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    outputs[m[1]!] = value.join('\n');
  }
  return outputs;
}

/** What a user sees of a run: the runner consumes `::add-mask::` commands and never prints them. */
export function visibleOutput(run: ActionRun): string {
  const strip = (s: string) =>
    s
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
  return [strip(run.stdout), strip(run.stderr), run.summary, JSON.stringify(run.outputs)].join('\n');
}

/** The message of the run's first `::error::` line (core.setFailed), without the command. */
export function errorMessage(run: ActionRun): string {
  return (
    run.stdout
      .split('\n')
      .find((l) => l.startsWith('::error::'))
      ?.slice('::error::'.length) ?? ''
  );
}
