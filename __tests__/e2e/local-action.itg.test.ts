// The action run by GitHub's own local runner, @github/local-action (a devDependency), from an env file of
// inputs, against the loopback registry; what it pushed is read back with skopeo.
// What local-action cannot drive, and why:
// - dist/index.js: local-action imports an entrypoint and calls the run() it exports; the bundle exports
//   nothing and runs on import (as runs.main must). So it runs src/main.ts through tsx: the same steps,
//   without src/index.ts's start-up ordering and V8 flags (bench/ measures those on the bundle).
// - outputs: local-action stubs @actions/core and sets no GITHUB_OUTPUT; this action writes its workflow
//   commands itself (src/github/runner.ts), so its outputs reach local-action's log as ::set-output lines,
//   the runner's fallback without an output file, which this test reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { node24 } from '../../scripts/node24.mjs';
import { ROOT } from '../helpers/action.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { helloComponentFile, tmp } from '../helpers/components.js';
import { rawManifest } from '../helpers/skopeo.js';

const sha256 = (b: string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function localAction(envFile: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    // Node 24 first on PATH, as GitHub runs node24 actions; nothing of this process's own GitHub variables. In the
    // project's directory: local-action runs `npm exec tsx`, which finds the devDependency there, offline.
    const env = { PATH: `${dirname(node24())}:${process.env.PATH ?? ''}`, HOME: tmp('local-action-home') };
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'local-action'), ['run', ROOT, 'src/main.ts', envFile], { env, cwd: ROOT });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

describe('run by @github/local-action', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
  });
  afterAll(() => registry?.stop());

  it('pushes from an env file of inputs, and reports the digest skopeo reads back', async () => {
    const envFile = join(tmp('local-action-env'), '.env');
    const layout = join(tmp('local-action-layout'), 'layout');
    writeFileSync(
      envFile,
      [
        `INPUT_COMPONENT=${await helloComponentFile()}`,
        `INPUT_IMAGE=${registry.host}/acme/local`,
        'INPUT_TAGS=v1',
        'INPUT_SBOM=false',
        `INPUT_OCI-LAYOUT=${layout}`,
        'SOURCE_DATE_EPOCH=1700000000',
        '',
      ].join('\n'),
    );
    const run = await localAction(envFile);
    expect(run.code, run.out).toBe(0);
    const outputs = Object.fromEntries([...run.out.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)].map((m) => [m[1], m[2]]));
    const manifest = await rawManifest(`${registry.host}/acme/local:v1`, registry);
    expect(outputs.digest).toBe(sha256(manifest));
    expect(outputs.ref).toBe(`${registry.host}/acme/local@${sha256(manifest)}`);
    expect(outputs.tags).toBe(`${registry.host}/acme/local:v1`);
    expect(outputs['oci-layout']).toBe(layout);
  }, 120_000);
});
