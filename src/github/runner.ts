// The runner's side of a step, written as @actions/core writes it: inputs from INPUT_* variables, workflow
// commands on stdout (`::warning file=…,line=…::message`, escaped as core's command.ts escapes them), outputs
// through the GITHUB_OUTPUT file (name<<delimiter blocks, file-command.ts), the job summary appended to
// GITHUB_STEP_SUMMARY. Why not @actions/core itself on this path: its entry imports its OIDC client, which
// loads @actions/http-client and all of undici (1.3 MB of the bundle): measured with --cpu-prof, that was
// ~60 ms of a 100 KiB push's ~155. @actions/core is still what signing uses (getIDToken), loaded then, and
// __tests__/github/runner.test.ts checks this file writes byte for byte what core writes.
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';

/** `getInput` as core has it: INPUT_<NAME> (spaces as `_`, upper case), trimmed; '' when unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (file) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`an output holds the delimiter ${delimiter}`);
    appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
    return;
  }
  process.stdout.write(EOL);
  command('set-output', { name }, value);
}

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

export const info = (message: string): void => void process.stdout.write(message + EOL);
export const debug = (message: string): void => command('debug', {}, message);
export const notice = (message: string, at: AnnotationProperties = {}): void => command('notice', annotation(at), message);
export const warning = (message: string, at: AnnotationProperties = {}): void => command('warning', annotation(at), message);
export const error = (message: string, at: AnnotationProperties = {}): void => command('error', annotation(at), message);
export const setSecret = (secret: string): void => command('add-mask', {}, secret);

export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  command('group', {}, name);
  try {
    return await fn();
  } finally {
    command('endgroup', {}, '');
  }
}

/** Appends to the job summary; outside a runner (no summary file) the Markdown is printed instead. */
export function appendSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown + EOL, 'utf8');
  else info(markdown);
}

/** core's toCommandProperties: the annotation's fields under the command's own names. */
function annotation(at: AnnotationProperties): Record<string, string | number | undefined> {
  return { title: at.title, file: at.file, line: at.startLine, col: at.startColumn };
}

function command(name: string, properties: Record<string, string | number | undefined>, message: string): void {
  const props = Object.entries(properties)
    .filter(([, v]) => v) // core leaves out every falsy property
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`);
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
