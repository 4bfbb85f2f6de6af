// Which conditions make the action slower against skopeo at 0 ms (issue #24, part 3): each variant pushes
// the same 16 MiB and 256 MiB artifacts with the action and with skopeo, interleaved, medians of ROUNDS.
// node bench/reconcile.mjs [variant...]; prints a JSON line per variant and size. run.mjs runs it too.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { mkdtempSync, writeFileSync, openSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildHello } from '../examples/build-component.mjs';
import { writePaddedComponent } from '../examples/pad-component.mjs';
import { node24 } from '../scripts/node24.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = node24();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'reconcile-'));

/**
 * debug: RUNNER_DEBUG=1 (a re-run with debug logging); quiet: without it; fresh-registry: a new registry (empty
 * storage) for every push; tmpfs-storage: the registry's storage in /dev/shm; busy-cpu: one CPU kept busy by
 * another process (a 2-CPU runner doing something else); no-sha-ext: the action's OpenSSL without the SHA
 * extensions (OPENSSL_ia32cap), as on a CPU that lacks them.
 */
export const VARIANTS = {
  debug: { env: { RUNNER_DEBUG: '1' } },
  quiet: { env: {} },
  'fresh-registry': { env: {}, freshRegistry: true },
  'tmpfs-storage': { env: {}, storage: '/dev/shm' },
  'busy-cpu': { env: {}, busy: true },
  'no-sha-ext': { env: { OPENSSL_ia32cap: ':~0x20000000' } },
};

const freePort = () =>
  new Promise((ok) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

async function startRegistry(storageRoot = work) {
  const port = await freePort();
  const dir = mkdtempSync(join(storageRoot, 'registry-'));
  const config = join(dir, 'registry.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', openSync(join(dir, 'log'), 'a'), 'ignore'] });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v2/`)).ok) break;
    } catch {
      /* not yet */
    }
    await sleep(50);
  }
  return {
    host: `127.0.0.1:${port}`,
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const now = () => Number(process.hrtime.bigint() / 1000n) / 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function action(env) {
  const started = now();
  const r = spawnSync(NODE, [join(ROOT, 'dist', 'index.js')], {
    env: { PATH: process.env.PATH, HOME: work, INPUT_SBOM: 'false', INPUT_SIGN: 'false', SOURCE_DATE_EPOCH: '1700000000', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`action failed: ${r.stdout}\n${r.stderr}`);
  return now() - started;
}

function skopeo(layout, ref) {
  for (const dir of ['/var/lib/containers/cache', join(process.env.HOME ?? '/root', '.local/share/containers/cache')]) {
    rmSync(join(dir, 'blob-info-cache-v1.sqlite'), { force: true });
    rmSync(join(dir, 'blob-info-cache-v1.boltdb'), { force: true });
  }
  const started = now();
  execFileSync('skopeo', ['copy', '-q', '--dest-tls-verify=false', `oci:${layout}:t`, `docker://${ref}`], { stdio: 'ignore' });
  return now() - started;
}

export async function reconcile(names = Object.keys(VARIANTS), sizes = [16 * 2 ** 20, 256 * 2 ** 20]) {
  const hello = await buildHello();
  const artifacts = sizes.map((size) => {
    const component = writePaddedComponent(hello, size, join(work, `c-${size}.wasm`));
    const layout = join(work, `layout-${size}`);
    action({ INPUT_COMPONENT: component, INPUT_IMAGE: '127.0.0.1:1/bench/layout', INPUT_TAGS: 't', INPUT_PUSH: 'false', 'INPUT_OCI-LAYOUT': layout });
    return { size, component, layout };
  });
  const rows = [];
  let n = 0;
  try {
    for (const name of names) {
      const v = VARIANTS[name];
      const busy = v.busy ? spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }) : undefined;
      if (v.storage) mkdirSync(v.storage, { recursive: true });
      let shared = v.freshRegistry ? undefined : await startRegistry(v.storage);
      try {
        for (const { size, component, layout } of artifacts) {
          const m = { action: [], skopeo: [] };
          for (let round = 0; round < ROUNDS; round++) {
            for (const tool of ['action', 'skopeo']) {
              const registry = shared ?? (await startRegistry(v.storage));
              const repo = `${registry.host}/bench/r${n++}`;
              m[tool].push(
                tool === 'action' ? action({ ...v.env, INPUT_COMPONENT: component, INPUT_IMAGE: repo, INPUT_TAGS: 't' }) : skopeo(layout, `${repo}:t`),
              );
              if (!shared) registry.stop();
            }
          }
          const row = { variant: name, size, action: median(m.action), skopeo: median(m.skopeo) };
          row.ratio = row.action / row.skopeo;
          rows.push(row);
          console.log(JSON.stringify(row));
        }
      } finally {
        shared?.stop();
        busy?.kill();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await reconcile(process.argv.length > 2 ? process.argv.slice(2) : undefined);
