// The smoke run through the bundled action (dist/index.js on Node 24): real components written by hand
// (helpers/smoke-components.ts), run by jco always and by wasmtime where it is on PATH, against the real
// registry, whose access log shows that a component that does not start makes the action send nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { errorMessage, runAction, visibleOutput, type ActionRun } from '../helpers/action.js';
import { tmp, witPackageFile } from '../helpers/components.js';
import { cliComponentFile, httpComponentFile } from '../helpers/smoke-components.js';
import { listTags } from '../helpers/skopeo.js';
import { findWasmtime } from '../../src/smoke/wasmtime.js';

const EPOCH = '1700000000';
const wasmtime = findWasmtime();
// jco always; wasmtime where the machine has it (GitHub's e2e workflow installs it; Debian has no package).
const runtimes = ['jco', ...(wasmtime ? ['wasmtime'] : [])] as const;
if (!wasmtime) console.warn('wasmtime is not on PATH: the smoke tests run with jco only');

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry('anonymous');
});
afterAll(() => registry.stop());

/** The registry's access-log lines for /v2/ requests written since `from` (a byte offset). */
function registryRequests(from: number): string[] {
  return readFileSync(join(registry.dir, 'registry.log'), 'utf8')
    .slice(from)
    .split('\n')
    .filter((l) => /"(GET|HEAD|POST|PUT|PATCH|DELETE) \/v2\//.test(l));
}
const logSize = () => readFileSync(join(registry.dir, 'registry.log')).length;

async function publish(component: string, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun & { requests: string[] }> {
  const from = logSize();
  const run = await runAction({
    inputs: { component, image: `${registry.host}/acme/smoke`, tags: inputs.tags ?? 'v1', smoke: 'true', ...inputs },
    env: { SOURCE_DATE_EPOCH: EPOCH, GITHUB_REPOSITORY: 'acme/smoke', ...env },
  });
  return { ...run, requests: registryRequests(from) };
}

describe.each(runtimes)('smoke run with %s', (runtime) => {
  it('runs a CLI component with its arguments, then publishes it', async () => {
    const run = await publish(await cliComponentFile('args'), { 'smoke-args': 'hello "big world"', 'smoke-runtime': runtime, tags: `cli-${runtime}` });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`smoke run of .*cli-args.wasm \\(wasi:cli/run\\) with ${runtime === 'jco' ? 'jco \\(jco-transpile' : 'wasmtime'}`));
    expect(run.stdout).toContain('  | hello\n');
    expect(run.stdout).toContain('  | big world\n');
    expect(run.summary).toMatch(/## Smoke run[^]*\| passed \| .+ \| \d+ ms \| exit code 0 \|/);
    expect(run.requests.length).toBeGreaterThan(0);
    expect(await listTags(`${registry.host}/acme/smoke`)).toContain(`cli-${runtime}`);
  });

  it('serves an HTTP component, sends the request, expects the status, then publishes it', async () => {
    const run = await publish(await httpComponentFile(200, 'hello from wasm\n'), {
      'smoke-runtime': runtime,
      'smoke-request': 'GET /hello',
      tags: `http-${runtime}`,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('smoke run passed');
    expect(run.stdout).toContain('(status 200)');
    expect(run.stdout).toContain('  | hello from wasm');
    expect(run.summary).toContain('| status 200 |');
    expect(await listTags(`${registry.host}/acme/smoke`)).toContain(`http-${runtime}`);
  });

  it.each<[string, () => Promise<string>, Record<string, string>, RegExp]>([
    ['exits 1', () => cliComponentFile('fail'), {}, /exited with code 1; its last output: .*failing on purpose/],
    ['traps', () => cliComponentFile('trap'), {}, /trapped \(exit code 134\); its last output: .*about to trap!.*unreachable/],
    ['loops forever', () => cliComponentFile('loop'), { 'smoke-timeout': '2' }, /did not finish within 2 s/],
    ['answers 500', () => httpComponentFile(500, 'broken\n'), {}, /GET \/ answered 500, expected 2xx; its last output: .*broken/],
    ['answers 200 where 204 is expected', () => httpComponentFile(200, 'ok\n'), { 'smoke-expect': '204' }, /GET \/ answered 200, expected 204/],
    [
      'imports an interface no runtime provides',
      () => cliComponentFile('missing'),
      {},
      runtime === 'jco'
        ? /imports acme:missing\/thing@1\.0\.0, which jco's WASI 0\.2 shim does not provide/
        : /exited with code \d+; its last output: .*acme:missing\/thing/,
    ],
  ])('fails the step when the component %s, and the registry gets no request at all', async (_what, fixture, inputs, message) => {
    const run = await publish(await fixture(), { 'smoke-runtime': runtime, ...inputs });
    expect(run.code).not.toBe(0);
    expect(errorMessage(run)).toMatch(/^smoke run of .+ failed: it /);
    expect(errorMessage(run)).toMatch(message);
    expect(errorMessage(run)).toContain('Nothing was pushed');
    expect(run.summary).toMatch(/## Smoke run[^]*\| failed: /);
    expect(run.requests).toEqual([]);
  });

  it('gives the component no host file and no environment variable', async () => {
    const secret = 'ghp_smokeTestSecretValue123';
    const run = await publish(
      await cliComponentFile('probe'),
      { 'smoke-runtime': runtime, tags: `probe-${runtime}` },
      { GITHUB_TOKEN: secret, INPUT_PASSWORD: secret, ACTIONS_RUNTIME_TOKEN: secret, HOME: '/root' },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // The probe prints every environment variable it sees as NAME=value and every preopened directory.
    const shown = run.stdout.split('\n').filter((l) => l.startsWith('  | '));
    expect(shown.filter((l) => /=|preopen/.test(l))).toEqual([]);
    expect(visibleOutput(run)).not.toContain(secret);
  });
});

describe('smoke run settings', () => {
  it('runs with push: false and an OCI layout too, so a fork still learns that its component does not start', async () => {
    const layout = join(tmp('smoke-layout'), 'layout');
    const run = await publish(await cliComponentFile('fail'), { push: 'false', 'oci-layout': layout, 'smoke-runtime': 'jco' });
    expect(run.code).not.toBe(0);
    expect(errorMessage(run)).toContain('exited with code 1');
    expect(existsSync(layout)).toBe(false);
  });

  it('passes with push: false and writes the layout', async () => {
    const layout = join(tmp('smoke-layout'), 'layout');
    const run = await publish(await cliComponentFile('args'), { push: 'false', 'oci-layout': layout, 'smoke-runtime': 'jco' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.summary).toContain('| passed |');
    expect(existsSync(join(layout, 'index.json'))).toBe(true);
    expect(run.requests).toEqual([]);
  });

  it('never runs a WIT package, and says so', async () => {
    const run = await publish(await witPackageFile(), { tags: 'wit' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.summary).toContain('not run: a WIT package has nothing to run');
  });

  it('is off by default: a component that would fail is published', async () => {
    const run = await publish(await cliComponentFile('fail'), { smoke: '', tags: 'unsmoked' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.summary).not.toContain('Smoke run');
  });

  it('refuses wasmtime when it is not on PATH, before any request', async () => {
    const run = await publish(await cliComponentFile('args'), { 'smoke-runtime': 'wasmtime' }, { PATH: '/usr/bin:/bin' });
    if (findWasmtime('/usr/bin:/bin')) return expect(run.code).toBe(0);
    expect(errorMessage(run)).toContain('input "smoke-runtime" is wasmtime, but wasmtime is not on PATH');
    expect(run.requests).toEqual([]);
  });
});
