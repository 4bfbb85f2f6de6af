// npm run bench: the action's push against skopeo's and against the least a push can do, on one machine in
// one run, interleaved over rounds (median reported). Needs docker-registry, skopeo, curl and /usr/bin/time
// (npm test installs all but curl and time: apt-get install -y curl time). Writes bench/results.md.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { createServer, request } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync, openSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildHello } from '../examples/build-component.mjs';
import { writePaddedComponent } from '../examples/pad-component.mjs';
import { node24 } from '../scripts/node24.mjs';
import { startProfile } from './start-profile.mjs';
import { latencyReport } from './latency-report.mjs';
import { reconcile } from './reconcile.mjs';

const ROOT = resolve(import.meta.dirname, '..');
/** The action and the `node -e 0` floor run on the Node GitHub runs the action on (runs.using: node24). */
const NODE = node24();
const NODE_VERSION = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SIZES = [
  ['100 KiB', 100 * 1024],
  ['16 MiB', 16 * 1024 * 1024],
  ['256 MiB', 256 * 1024 * 1024],
];
const work = mkdtempSync(join(tmpdir(), 'bench-'));

const freePort = () =>
  new Promise((ok) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

async function startRegistry() {
  const port = await freePort();
  const config = join(work, 'registry.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(work, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const log = openSync(join(work, 'registry.log'), 'a');
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', log, log] });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v2/`)).ok) return { host: `127.0.0.1:${port}`, child };
    } catch {
      /* not yet */
    }
    await sleep(50);
  }
  throw new Error('registry did not start');
}

/** A real component, padded with a custom section to `size` bytes. */
async function componentOfSize(size) {
  return writePaddedComponent(await buildHello(), size, join(work, `component-${size}.wasm`));
}

const leb = (n) => {
  const out = [];
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
};

/** A component of one import section holding `count` function imports `f0`, `f1`, …: what the names check costs. */
function componentWithImports(count) {
  const entries = [];
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`f${i}`);
    entries.push(0x00, ...leb(name.length), ...name, 0x01, 0x00);
  }
  const body = [...leb(count), ...entries];
  const path = join(work, `imports-${count}.wasm`);
  writeFileSync(path, Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 10, ...leb(body.length), ...body]));
  return path;
}

const now = () => Number(process.hrtime.bigint() / 1000n) / 1000; // ms

function runAction(env) {
  const started = now();
  const r = spawnSync('/usr/bin/time', ['-v', NODE, join(ROOT, 'dist', 'index.js')], {
    env: { PATH: process.env.PATH, HOME: work, RUNNER_DEBUG: '1', INPUT_SBOM: 'false', INPUT_SIGN: 'false', SOURCE_DATE_EPOCH: '1700000000', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const ms = now() - started;
  if (r.status !== 0) throw new Error(`action failed: ${r.stdout}\n${r.stderr}`);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) * 1024;
  // The action's debug line after reading the component: its peak RSS up to then.
  const readRss = Number(/::debug::read .* peak RSS so far (\d+) MiB/.exec(r.stdout)?.[1]) * 2 ** 20;
  if (!rss || !readRss) throw new Error(`no RSS figures in the action's output:\n${r.stdout}\n${r.stderr}`);
  const readMs = Number(/::debug::read .* in ([\d.]+) ms, peak RSS/.exec(r.stdout)?.[1]);
  return { ms, rss, readRss, readMs };
}

/** skopeo remembers where it saw a blob and mounts it from there instead of uploading: forget, so it uploads. */
function forgetSkopeoBlobs() {
  for (const dir of ['/var/lib/containers/cache', join(process.env.HOME ?? '/root', '.local/share/containers/cache')]) {
    rmSync(join(dir, 'blob-info-cache-v1.sqlite'), { force: true });
    rmSync(join(dir, 'blob-info-cache-v1.boltdb'), { force: true });
  }
}

function timed(cmd, args) {
  if (cmd === 'skopeo') forgetSkopeoBlobs();
  const started = now();
  execFileSync(cmd, args, { stdio: 'ignore' });
  return now() - started;
}

/** sha256sum plus one upload of the file's bytes in one PUT: the least any push of it does. */
function limit(host, repo, path) {
  const started = now();
  const digest = execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0];
  const head = execFileSync('curl', ['-s', '-i', '-X', 'POST', `http://${host}/v2/${repo}/blobs/uploads/`], { encoding: 'utf8' });
  const location = /^location: (.+)$/im.exec(head)[1].trim();
  const url = new URL(location, `http://${host}`);
  url.search += `&digest=sha256:${digest}`;
  execFileSync('curl', ['-s', '-f', '-o', '/dev/null', '-T', path, '-X', 'PUT', '-H', 'Content-Type: application/octet-stream', url.toString()]);
  return now() - started;
}

/**
 * bench/undici-floor.mjs, bundled as the action is: the same requests from a script that does nothing else,
 * on the same Node and undici. What the action takes over it is the action's own.
 */
function bundleFloor() {
  const out = join(work, 'undici-floor');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', join(ROOT, 'bench/undici-floor.mjs'), '-o', out, '-q'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  return join(out, 'index.mjs');
}
const FLOOR = bundleFloor();

function runFloor(host, repo, component) {
  const started = now();
  execFileSync(NODE, [FLOOR, host, repo, component], { stdio: 'ignore' });
  return now() - started;
}

/** Time from spawn to the first request reaching the registry, through a recording proxy: the action's, or the floor script's. */
async function coldStart(registryHost, component, floorScript = false) {
  const port = await freePort();
  let first;
  const proxy = createServer((req, res) => {
    first ??= now();
    const up = request({ host: '127.0.0.1', port: Number(registryHost.split(':')[1]), method: req.method, path: req.url, headers: req.headers }, (u) => {
      res.writeHead(u.statusCode, u.headers);
      u.pipe(res);
    });
    req.pipe(up);
  }).listen(port, '127.0.0.1');
  const started = now();
  await new Promise((ok, fail) => {
    const image = `127.0.0.1:${port}/bench/cold-${Date.now()}`;
    const args = floorScript ? [FLOOR, `127.0.0.1:${port}`, image.split('/').slice(1).join('/'), component] : [join(ROOT, 'dist', 'index.js')];
    const child = spawn(NODE, args, {
      env: {
        PATH: process.env.PATH,
        HOME: work,
        INPUT_COMPONENT: component,
        INPUT_IMAGE: image,
        INPUT_TAGS: 'c',
        INPUT_SBOM: 'false',
        INPUT_SIGN: 'false',
      },
      stdio: 'ignore',
    });
    child.on('close', (code) => (code === 0 ? ok() : fail(new Error(`exit ${code}`))));
  });
  proxy.close();
  return { first: first - started, total: now() - started };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Node's own start and exit, doing nothing: the floor under any run of the action on this machine. */
function nodeFloor() {
  const started = now();
  execFileSync(NODE, ['-e', '0']);
  return now() - started;
}

const registry = await startRegistry();
const rows = [];
try {
  const floor = [];
  for (const [label, size] of SIZES) {
    const component = await componentOfSize(size);
    const layout = join(work, `layout-${size}`);
    runAction({ INPUT_COMPONENT: component, INPUT_IMAGE: `${registry.host}/bench/layout`, INPUT_TAGS: 't', INPUT_PUSH: 'false', 'INPUT_OCI-LAYOUT': layout });
    const m = { action: [], skopeo: [], limit: [], undici: [], repush: [], rss: [], uploadRss: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const repo = `bench/${size}-${round}`;
      const a = runAction({ INPUT_COMPONENT: component, INPUT_IMAGE: `${registry.host}/${repo}-a`, INPUT_TAGS: 't' });
      m.action.push(a.ms);
      m.rss.push(a.rss);
      m.uploadRss.push(a.rss - a.readRss);
      m.skopeo.push(timed('skopeo', ['copy', '-q', '--dest-tls-verify=false', `oci:${layout}:t`, `docker://${registry.host}/${repo}-s:t`]));
      m.limit.push(limit(registry.host, `${repo}-l`, component));
      m.undici.push(runFloor(registry.host, `${repo}-u`, component));
      m.repush.push(runAction({ INPUT_COMPONENT: component, INPUT_IMAGE: `${registry.host}/${repo}-a`, INPUT_TAGS: 't' }).ms);
      floor.push(nodeFloor());
    }
    rows.push({
      label,
      size,
      action: median(m.action),
      skopeo: median(m.skopeo),
      limit: median(m.limit),
      undici: median(m.undici),
      repush: median(m.repush),
      rss: Math.max(...m.rss),
      uploadRss: Math.max(...m.uploadRss),
    });
    console.log(rows.at(-1));
    rmSync(component);
  }
  // Many names: the time to read a component with 60,000 imports against one with a single import.
  const names = { one: [], many: [] };
  const [one, many] = [componentWithImports(1), componentWithImports(60_000)];
  // Three times the rounds, and the read timed to 0.1 ms: one import takes ~3 ms, so a millisecond's rounding or
  // one noisy round moves the ratio by a quarter.
  for (let i = 0; i < 3 * ROUNDS; i++) {
    for (const [key, path] of [
      ['one', one],
      ['many', many],
    ]) {
      names[key].push(runAction({ INPUT_COMPONENT: path, INPUT_IMAGE: `${registry.host}/bench/names`, INPUT_TAGS: 't', INPUT_PUSH: 'false' }).readMs);
    }
  }
  const cold = [];
  const coldFloor = [];
  const small = await componentOfSize(100 * 1024);
  // Three times the rounds: a start is short and the machine's noise is not.
  for (let i = 0; i < 3 * ROUNDS; i++) {
    cold.push(await coldStart(registry.host, small));
    coldFloor.push(await coldStart(registry.host, small, true));
  }
  const firstRequest = median(cold.map((c) => c.first));
  const afterFirst = median(cold.map((c) => c.total - c.first));
  const floorFirstRequest = median(coldFloor.map((c) => c.first));
  const floorAfterFirst = median(coldFloor.map((c) => c.total - c.first));

  const profile = startProfile(ROOT, NODE, {
    PATH: process.env.PATH,
    HOME: work,
    INPUT_COMPONENT: small,
    INPUT_IMAGE: `${registry.host}/bench/profile`,
    INPUT_TAGS: 'p',
    INPUT_SBOM: 'false',
    INPUT_SIGN: 'false',
  });
  // The build cache: bench/build-cache.bench-run.ts, through vitest to use the tests' helpers.
  const cacheOut = join(work, 'build-cache.json');
  execFileSync(join(ROOT, 'node_modules/.bin/vitest'), ['run', '--config', 'bench/vitest.config.ts', 'bench/build-cache.bench-run.ts'], {
    cwd: ROOT,
    env: { ...process.env, BENCH_BUILD_CACHE_OUT: cacheOut },
    stdio: 'ignore',
  });
  const cacheRuns = JSON.parse(readFileSync(cacheOut, 'utf8'));
  // Over a network (issue #24): bench/latency.bench-run.ts, through vitest for the tests' stand-ins.
  const latencyOut = join(work, 'latency.json');
  execFileSync(join(ROOT, 'node_modules/.bin/vitest'), ['run', '--config', 'bench/vitest.config.ts', 'bench/latency.bench-run.ts'], {
    cwd: ROOT,
    env: { ...process.env, BENCH_LATENCY_OUT: latencyOut, BENCH_LATENCY_ROUNDS: String(Math.max(3, Math.ceil(ROUNDS / 2))) },
    stdio: 'ignore',
  });
  const latency = JSON.parse(readFileSync(latencyOut, 'utf8'));
  const reconciled = await reconcile();

  const f = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
  const mib = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const big = rows.at(-1);
  const check = (ok) => (ok ? 'met' : '**not met**');
  const small100 = rows[0];
  const [cold1, warm2, changed3, fresh] = cacheRuns;
  const overhead = (warm2.restoreMs ?? 0) + (warm2.saveMs ?? 0);
  const ownStart = firstRequest - median(floor);
  const targets = [
    `- start: the action's own time before its first registry request, over \`node -e 0\`, ≤ 35 ms: ${f(ownStart)}, ${check(ownStart <= 35)}`,
    `- start: first registry request to exit ≤ skopeo's whole push (${f(small100.skopeo)}): ${f(afterFirst)}, ${check(afterFirst <= small100.skopeo)}`,
    `- 100 KiB: action ≤ 1.6× skopeo: ${(small100.action / small100.skopeo).toFixed(2)}×, ${check(small100.action <= 1.6 * small100.skopeo)}`,
    `  - for scale, the undici floor script (no inputs, no inspection, no report): own start ${f(floorFirstRequest - median(floor))}, ${(small100.undici / small100.skopeo).toFixed(2)}× skopeo`,
    `- 16 MiB: action ≤ 1.4× skopeo: ${(rows[1].action / rows[1].skopeo).toFixed(2)}×, ${check(rows[1].action <= 1.4 * rows[1].skopeo)}`,
    `- 256 MiB: action ≤ 1.1× skopeo: ${(big.action / big.skopeo).toFixed(2)}×, ${check(big.action <= 1.1 * big.skopeo)}`,
    `- 256 MiB: re-push no slower than before (303 ms, the previous results): ${f(big.repush)}, ${check(big.repush <= 303)}`,
    `- build cache, run 2: compiles only the workspace's crate: ${warm2.compiled.join(', ')}, ${check(warm2.compiled.length === 1 && warm2.compiled[0] === 'app')}`,
    `- build cache, run 2: restore + save ≤ 20% of the cold build (${f(cold1.buildMs)}): ${f(overhead)} (${((100 * overhead) / cold1.buildMs).toFixed(1)}%), ${check(overhead <= 0.2 * cold1.buildMs)}`,
    `- build cache, run 3: archive ≤ 1.1× a fresh build's archive of the same crate: ${(changed3.archiveBytes / fresh.archiveBytes).toFixed(4)}×, ${check(changed3.archiveBytes <= 1.1 * fresh.archiveBytes)}`,
    ...rows.map((r) => `- ${r.label}: upload adds < 64 MiB RSS over the reading's peak: ${mib(r.uploadRss)}, ${check(r.uploadRss < 64 * 2 ** 20)}`),
    ...rows.map(
      (r) => `- ${r.label}: peak RSS < 2 × size + 150 MiB (${mib(2 * r.size + 150 * 2 ** 20)}): ${mib(r.rss)}, ${check(r.rss < 2 * r.size + 150 * 2 ** 20)}`,
    ),
    `- 60,000 imports read in < 10× the time of one import (issue #12): ${(median(names.many) / Math.max(1, median(names.one))).toFixed(1)}×, ${check(median(names.many) < 10 * Math.max(1, median(names.one)))}`,
  ];
  const md = [
    '# Benchmark',
    '',
    `One run of \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${NODE_VERSION}, ${ROUNDS} interleaved rounds per size, medians; ${cpus().length} CPUs.`,
    'Each push goes to a fresh repository of a local `docker-registry` (distribution 2.8) on loopback.',
    '',
    '- action: `node dist/index.js` pushing the prebuilt component (whole process: start, one read of the file for digest and imports/exports, push; SBOM and signing off)',
    "- skopeo: `skopeo copy oci:<layout> docker://…` of the same artifact (the action's own `oci-layout` output), its blob-info cache cleared first so that it uploads instead of mounting the blob from an earlier round's repository",
    '- limit: `sha256sum` of the file plus one `curl -T` PUT of it to an upload URL',
    "- undici floor: bench/undici-floor.mjs, bundled with ncc and run on the same Node with the action's V8 flags: the action's requests from a script that does nothing else (one hashing read, then the same HEADs, POSTs and PUTs)",
    '- re-push: the action again, same repository (blobs present)',
    "- peak RSS: the action's, from `/usr/bin/time -v`, largest over the rounds; upload adds: that peak less the peak up to the end of reading the component (the action's debug line), largest over the rounds",
    '',
    '| size | action | skopeo | limit | undici floor | re-push | action/skopeo | action/limit | action/floor | floor/skopeo | peak RSS | upload adds |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${f(r.action)} | ${f(r.skopeo)} | ${f(r.limit)} | ${f(r.undici)} | ${f(r.repush)} | ${(r.action / r.skopeo).toFixed(2)}× | ${(r.action / r.limit).toFixed(2)}× | ${(r.action / r.undici).toFixed(2)}× | ${(r.undici / r.skopeo).toFixed(2)}× | ${mib(r.rss)} | ${mib(r.uploadRss)} |`,
    ),
    '',
    `First registry request after the spawn (100 KiB component): ${f(firstRequest)}; from it to the process's exit: ${f(afterFirst)} (medians of ${cold.length}).`,
    `The undici floor script, the same way: first request ${f(floorFirstRequest)}, then ${f(floorAfterFirst)} to its exit.`,
    `Node doing nothing (\`node -e 0\`) on this machine: ${f(median(floor))} (median of ${floor.length}), the floor under every run of the action.`,
    `Reading a component (the action's debug line; digest, kind and names in one pass): one import ${median(names.one).toFixed(1)} ms, 60,000 imports (${Math.round(statSync(many).size / 1024)} KiB) ${f(median(names.many))} (medians of ${names.one.length}).`,
    '',
    '## Where the start goes',
    '',
    "One push of the 100 KiB component under `--cpu-prof` (bench/start-profile.mjs): self time by package of the bundle, and Node's own work.",
    '',
    '| where | ms |',
    '|---|---|',
    ...profile.map(([k, ms]) => `| ${k} | ${ms.toFixed(1)} |`),
    '',
    '## Build cache',
    '',
    'The tests\' Debian-crate workspace (serde with derive, cfg-if, autocfg; offline) built by the action, each run on a fresh runner (same paths, empty HOME and target/), the Actions cache service stand-in between runs (bench/build-cache.bench-run.ts). Run 3 changes serde\'s features, so its unit is rebuilt and the old one is stale; "fresh" builds that same crate on an empty cache.',
    '',
    '| run | restore | build | save | archive | compiled |',
    '|---|---|---|---|---|---|',
    ...cacheRuns.map(
      (r) =>
        `| ${r.name} | ${r.restoreMs === undefined ? '-' : f(r.restoreMs)} | ${f(r.buildMs)} | ${r.saveMs === undefined ? '(exact key: none)' : f(r.saveMs)} | ${r.archiveBytes === undefined ? '-' : `${(r.archiveBytes / 2 ** 20).toFixed(1)} MiB`} | ${r.compiled.join(', ')} |`,
    ),
    '',
    `Floors on this machine: \`node -e 0\` ${f(median(floor))}; \`sha256sum\` plus one \`curl -T\` PUT, per size, in the limit column above.`,
    '',
    '## Targets (issues #12 and #17), from this run',
    '',
    ...targets,
    '',
    ...latencyReport(latency, reconciled),
  ].join('\n');
  writeFileSync(join(ROOT, 'bench', 'results.md'), md);
  console.log(md);
} finally {
  registry.child.kill();
  rmSync(work, { recursive: true, force: true });
}
