// Runs the bundled action on this machine the way a runner would: inputs as INPUT_* variables, outputs and
// summary in files. By default it packages examples/hello/hello.wasm into an OCI layout at out/layout and
// pushes nothing. Any INPUT_* variable you set wins, e.g.:
//   INPUT_COMPONENT=my.wasm INPUT_IMAGE=127.0.0.1:5000/me/my INPUT_PUSH=true npm run local
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { node24 } from './node24.mjs';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'out');
mkdirSync(out, { recursive: true });
const files = { GITHUB_OUTPUT: join(out, 'outputs.txt'), GITHUB_STEP_SUMMARY: join(out, 'summary.md') };
for (const f of Object.values(files)) writeFileSync(f, '');

const defaults = {
  INPUT_COMPONENT: join(root, 'examples', 'hello', 'hello.wasm'),
  INPUT_IMAGE: 'ghcr.io/example/hello',
  INPUT_TAGS: 'dev',
  INPUT_PUSH: 'false',
  'INPUT_OCI-LAYOUT': join(out, 'layout'),
};
const env = { ...defaults, ...process.env, ...files };
const run = spawnSync(node24(), [join(root, 'dist', 'index.js')], { env, stdio: 'inherit' });
console.log(`\n--- outputs (${files.GITHUB_OUTPUT}) ---\n${readFileSync(files.GITHUB_OUTPUT, 'utf8')}`);
console.log(`--- job summary (${files.GITHUB_STEP_SUMMARY}) ---\n${readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')}`);
if (env['INPUT_OCI-LAYOUT']) {
  console.log(`Inspect the layout:  skopeo inspect --raw oci:${env['INPUT_OCI-LAYOUT']}:${env.INPUT_TAGS.split(/[,\n]/)[0].trim()}`);
}
process.exit(run.status ?? 1);
