// The smoke run: before anything is pushed, start each component the user chose the way a runtime would, and
// fail the step when it does not start. A `wasi:cli/run` component is run with the given arguments, no stdin
// and a deadline: exit 0 passes. A `wasi:http/incoming-handler` component is served on loopback and sent one
// request: the expected status passes. wasmtime runs it when it is on PATH, else jco (jco.ts); either way the
// component sees no host file, no environment variable and (unless asked) no network.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import type { WasmFacts } from '../wasm/inspect.js';
import { sandboxEnv, startChild, type ChildOutcome } from './child.js';
import { freeLoopbackPort, sendRequest, waitForListener, type HttpAnswer } from './http-check.js';
import { prepareJco, unshimmedImports } from './jco.js';
import type { SmokeSettings } from './settings.js';
import { findWasmtime, wasmtimeRunArgs, wasmtimeServeArgs, wasmtimeVersion } from './wasmtime.js';
import { outputLines } from './output.js';
import type { SmokeOutcome, SmokeResult, SmokeSkipped } from './outcome.js';

export interface SmokeComponent {
  path: string;
  facts: WasmFacts;
  /** The crate it was built from, for `smoke: <crate names>`. */
  crate?: string;
}

export interface SmokeIO {
  info(line: string): void;
  /** Where the runtime's scratch directory goes (RUNNER_TEMP on GitHub). */
  tempDir?: string;
  /** The PATH wasmtime is looked for in. */
  path?: string;
  /** The Node that runs jco's bindings; this one by default (Node 24 on GitHub). */
  nodePath?: string;
}

/** Every chosen component, one after another; the results in the components' order. Throws only on a misconfiguration. */
export async function smokeRunAll(components: SmokeComponent[], settings: SmokeSettings, io: SmokeIO): Promise<SmokeOutcome[]> {
  const { select } = settings;
  if (select.kind === 'none') return [];
  if (select.kind === 'crates') {
    const built = new Set(components.flatMap((c) => (c.crate ? [c.crate] : [])));
    const unknown = select.names.filter((n) => !built.has(n));
    if (unknown.length > 0) {
      throw new ActionError(
        'input',
        `input "smoke" names ${unknown.join(', ')}, which this step did not build (it built ${[...built].join(', ') || 'no crate'})`,
      );
    }
  }
  const outcomes: SmokeOutcome[] = [];
  for (const component of components) {
    if (select.kind === 'crates' && !select.names.includes(component.crate ?? ''))
      outcomes.push({ component: component.path, skipped: 'not named in "smoke"' });
    else outcomes.push(await smokeRun(component, settings, io));
  }
  return outcomes;
}

/** What a component's exports say to do with it. */
export function smokeKind(facts: WasmFacts, path: string): 'cli' | 'http' | SmokeSkipped {
  if (facts.kind === 'wit-package') return { component: path, skipped: 'a WIT package has nothing to run' };
  if (facts.kind === 'module') return { component: path, skipped: 'a core module is not run (the smoke run takes components)' };
  if (facts.exports.some((e) => e.startsWith('wasi:cli/run@'))) return 'cli';
  if (facts.exports.some((e) => e.startsWith('wasi:http/incoming-handler@'))) return 'http';
  throw new ActionError(
    'smoke',
    `cannot smoke-run ${path}: it exports neither wasi:cli/run nor wasi:http/incoming-handler (it exports ${facts.exports.join(', ') || 'nothing'}). ` +
      'Name the crates to run in "smoke", or set it to false',
  );
}

export async function smokeRun(component: SmokeComponent, settings: SmokeSettings, io: SmokeIO): Promise<SmokeOutcome> {
  const kind = smokeKind(component.facts, component.path);
  if (typeof kind !== 'string') return kind;
  const imports = component.facts.kind === 'component' ? component.facts.imports : [];
  const wasmtime = settings.runtime === 'jco' ? undefined : findWasmtime(io.path ?? process.env.PATH);
  if (settings.runtime === 'wasmtime' && !wasmtime) {
    throw new ActionError(
      'input',
      'input "smoke-runtime" is wasmtime, but wasmtime is not on PATH: install it in an earlier step, or set smoke-runtime to auto',
    );
  }
  const home = await mkdtemp(join(io.tempDir ?? tmpdir(), 'wasm-smoke-'));
  try {
    const env = sandboxEnv(home);
    const port = kind === 'http' ? await freeLoopbackPort() : 0;
    let command: string;
    let args: string[];
    let runtime: string;
    if (wasmtime) {
      runtime = await wasmtimeVersion(wasmtime, env);
      command = wasmtime;
      args = kind === 'cli' ? wasmtimeRunArgs(component.path, settings.args, settings.network) : wasmtimeServeArgs(component.path, port, imports);
    } else {
      const missing = unshimmedImports(imports);
      if (missing.length > 0) {
        return failed(component.path, kind, 'jco', 0, `it imports ${missing.join(', ')}, which jco's WASI 0.2 shim does not provide`, '');
      }
      const mode = kind === 'cli' ? { kind, args: settings.args, network: settings.network } : { kind, port, network: settings.network };
      const prepared = await prepareJco(component.path, mode, join(home, 'jco'), io.nodePath ?? process.execPath);
      ({ command, args } = prepared);
      runtime = `jco (${prepared.version})`;
    }
    io.info(`smoke run of ${component.path} (${kind === 'cli' ? 'wasi:cli/run' : 'wasi:http/incoming-handler'}) with ${runtime}`);
    const result = kind === 'cli' ? await runCli(command, args, env, home, settings) : await serveOnce(command, args, env, home, port, settings);
    return { component: component.path, kind, runtime, ...result };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

type Verdict = Omit<SmokeResult, 'component' | 'kind' | 'runtime'>;

async function runCli(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, settings: SmokeSettings): Promise<Verdict> {
  const out = await startChild(command, args, { env, cwd, timeoutMs: settings.timeoutMs }).done;
  const reason = out.code === 0 && !out.timedOut ? undefined : whyStopped(out, settings.timeoutMs);
  return { passed: reason === undefined, wallMs: out.wallMs, ...(out.code !== null ? { exitCode: out.code } : {}), reason, ...outputLines(out.output) };
}

async function serveOnce(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, port: number, settings: SmokeSettings): Promise<Verdict> {
  const started = performance.now();
  const left = () => settings.timeoutMs - (performance.now() - started);
  const child = startChild(command, args, { env, cwd, timeoutMs: settings.timeoutMs });
  let answer: HttpAnswer | undefined;
  let reason: string | undefined;
  if (await waitForListener(port, () => child.exited() || left() <= 0)) {
    const { method, path } = settings.request;
    try {
      answer = await sendRequest(port, settings.request, Math.max(1, left()));
      if (!settings.expect.matches(answer.status)) reason = `${method} ${path} answered ${answer.status}, expected ${settings.expect.text}`;
    } catch (err) {
      reason = `${method} ${path} got no answer: ${(err as Error).message}`;
    }
  }
  const exitedEarly = child.exited();
  child.stop();
  const out = await child.done;
  if (!answer && reason === undefined)
    reason = exitedEarly
      ? `${whyStopped(out, settings.timeoutMs)} before it listened`
      : `did not listen on 127.0.0.1:${port} within ${seconds(settings.timeoutMs)}`;
  const output = answer?.body ? `${out.output}${out.output.endsWith('\n') || out.output === '' ? '' : '\n'}${answer.body}` : out.output;
  return {
    passed: reason === undefined,
    wallMs: performance.now() - started,
    ...(answer ? { status: answer.status } : exitedEarly && out.code !== null ? { exitCode: out.code } : {}),
    reason,
    ...outputLines(output),
  };
}

function whyStopped(out: ChildOutcome, timeoutMs: number): string {
  if (out.startError) return `the runtime could not start: ${out.startError.message}`;
  if (out.timedOut) return `did not finish within ${seconds(timeoutMs)}`;
  if (out.code === 134) return 'trapped (exit code 134)';
  if (out.code === 70) return 'could not be instantiated (exit code 70)';
  if (out.code !== null) return `exited with code ${out.code}`;
  return `was ended by ${out.signal ?? 'a signal'}`;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function failed(component: string, kind: 'cli' | 'http', runtime: string, wallMs: number, reason: string, output: string): SmokeResult {
  return { component, kind, runtime, passed: false, wallMs, reason, ...outputLines(output) };
}

/** One line per failed run, its reason and its last output lines: the step's error. */
export function smokeFailureMessage(results: SmokeResult[]): string {
  return results
    .map((r) => {
      const tail = r.lastLines.length > 0 ? `; its last output: ${r.lastLines.slice(-5).join(' | ')}` : '';
      return `smoke run of ${r.component} with ${r.runtime} failed: it ${r.reason ?? 'failed'}${tail}`;
    })
    .join('\n');
}
