// dist/ is what GitHub runs. It must be the bundle of the current src/ (rebuilt and compared, like the
// check-dist workflow), and it must run on its own, without this repository's node_modules: the jco
// bundling trap (TOOLCHAIN.md) only shows on the bundle.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, parseOutputFile } from './helpers/action.js';
import { node24, RUNTIME_MAJOR } from '../scripts/node24.mjs';
import { tmp } from './helpers/components.js';

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

describe('dist/', () => {
  it('is current: a fresh bundle of src/ is byte-identical to the committed one', () => {
    const fresh = tmp('dist-fresh');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), fresh], { cwd: ROOT, stdio: 'pipe' });
    const committed = join(ROOT, 'dist');
    expect(files(committed)).toEqual(files(fresh));
    const stale = files(fresh).filter((f) => !readFileSync(join(fresh, f)).equals(readFileSync(join(committed, f))));
    expect(stale, 'dist/ is stale: run npm run build and commit dist/').toEqual([]);
  });

  it('runs on the Node that action.yml names, as every end-to-end test and the bench run it', () => {
    const using = /^\s*using:\s*['"]?node(\d+)/m.exec(readFileSync(join(ROOT, 'action.yml'), 'utf8'))?.[1];
    expect(Number(using)).toBe(RUNTIME_MAJOR);
    expect(execFileSync(node24(), ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0]).toBe(String(RUNTIME_MAJOR));
  });

  it('runs on its own, outside this repository, and decodes a component with jco', () => {
    const place = tmp('dist-alone');
    cpSync(join(ROOT, 'dist'), join(place, 'dist'), { recursive: true });
    const output = join(place, 'outputs');
    writeFileSync(output, '');
    const run = spawnSync(node24(), [join(place, 'dist', 'index.js')], {
      cwd: place,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        GITHUB_OUTPUT: output,
        INPUT_COMPONENT: join(ROOT, 'examples', 'hello', 'hello.wasm'),
        INPUT_IMAGE: 'ghcr.io/acme/hello',
        INPUT_PUSH: 'false',
        'INPUT_OCI-LAYOUT': join(place, 'layout'),
        INPUT_TAGS: 'dev',
        SOURCE_DATE_EPOCH: '0',
      },
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const outputs = parseOutputFile(readFileSync(output, 'utf8'));
    const layout = join(place, 'layout', 'blobs', 'sha256', (outputs['config-digest'] ?? '').slice(7));
    const config = JSON.parse(readFileSync(layout, 'utf8'));
    expect(config.component).toEqual({ exports: ['add', 'acme:hello/greet@0.1.0'], imports: ['wasi:cli/environment@0.2.0'], target: null });
  });
});

describe('examples/hello/hello.wasm', () => {
  it('is what examples/build-component.mjs builds from its WAT and WIT', async () => {
    const { buildHello } = await import('../examples/build-component.mjs');
    expect((await buildHello()).equals(readFileSync(join(ROOT, 'examples', 'hello', 'hello.wasm')))).toBe(true);
  });
});
