// The build cache across runs, as GitHub runs a job: each run on a fresh runner (new HOME, no target/), the
// Actions cache service between them (the loopback stand-in). The crate is the Debian-crate workspace of
// the tests (serde with derive, cfg-if, autocfg; offline). Writes BENCH_BUILD_CACHE_OUT (JSON) for run.mjs.
//   run 1: cold, nothing cached; saves
//   run 2: nothing changed; restores, compiles only the workspace's crate, saves nothing (exact key)
//   run 3: a dependency changed (serde's features: its unit is rebuilt, the old one is stale); restores run 1's
//          cache through the fallback key, saves
//   fresh: the run-3 crate on an empty cache, for the size an archive of that build should have
import { it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction, ROOT } from '../__tests__/helpers/action.js';
import { startCacheServer, type CacheServer } from '../__tests__/helpers/cache-server.js';
import { tmp } from '../__tests__/helpers/components.js';

const PATH = `/usr/bin:${process.env.PATH}`;

interface Run {
  name: string;
  totalMs: number;
  restoreMs?: number;
  buildMs: number;
  saveMs?: number;
  archiveBytes?: number;
  compiled: string[];
}

/** Each run on a fresh runner: the same paths as every job has (@actions/cache's version hashes them), emptied. */
const ROOT_DIR = tmp('bench-build-cache');
const HOME = join(ROOT_DIR, 'home');
const WORKSPACE = join(ROOT_DIR, 'ws');

function freshRunner(source: string): string {
  rmSync(HOME, { recursive: true, force: true });
  rmSync(WORKSPACE, { recursive: true, force: true });
  mkdirSync(HOME);
  cpSync(source, WORKSPACE, { recursive: true });
  return WORKSPACE;
}

async function run(name: string, crate: string, cache: CacheServer): Promise<Run> {
  const started = performance.now();
  const r = await runAction({
    inputs: {
      'working-directory': join(crate, 'app'),
      build: 'cargo',
      target: 'wasm32-wasi',
      push: 'false',
      sbom: 'false',
      image: 'registry.example/bench/app',
    },
    env: { PATH, HOME, GITHUB_WORKSPACE: crate, ACTIONS_CACHE_URL: cache.url, SOURCE_DATE_EPOCH: '1700000000' },
  });
  const totalMs = performance.now() - started;
  if (r.code !== 0) throw new Error(`${name}: ${r.stdout}\n${r.stderr}`);
  const ms = (re: RegExp) => (re.exec(r.stdout) ? Number(re.exec(r.stdout)![1]) : undefined);
  const key = /cache saved as (\S+) in/.exec(r.stdout)?.[1];
  return {
    name,
    totalMs,
    restoreMs: ms(/cache (?:restored from \S+|miss) in (\d+) ms/),
    buildMs: ms(/cargo (?:compiled|found everything up to date, compiled nothing) in (\d+) ms/) ?? NaN,
    saveMs: ms(/cache saved as \S+ in (\d+) ms/),
    archiveBytes: key ? cache.archive(key)?.length : undefined,
    compiled: [...r.stdout.matchAll(/Compiling (\S+) v/g)].map((m) => m[1]!),
  };
}

it('build cache', async () => {
  const cache = await startCacheServer();
  const fresh = await startCacheServer();
  try {
    const crate = join(tmp('bench-ws'), 'ws');
    cpSync(join(ROOT, '__tests__', 'fixtures', 'crates', 'sbom-workspace'), crate, { recursive: true });
    const workspace = () => freshRunner(crate);
    const runs = [await run('1: cold', workspace(), cache), await run('2: nothing changed', workspace(), cache)];
    const manifest = join(crate, 'app', 'Cargo.toml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('features = ["derive"]', 'features = ["derive", "rc"]'));
    runs.push(await run('3: serde features changed', workspace(), cache));
    runs.push(await run('fresh build of run 3 (empty cache)', workspace(), fresh));
    writeFileSync(process.env.BENCH_BUILD_CACHE_OUT ?? join(tmp('bench'), 'build-cache.json'), JSON.stringify(runs, null, 2));
    console.log(runs);
  } finally {
    await cache.stop();
    await fresh.stop();
  }
});
