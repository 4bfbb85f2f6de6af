// What the action's start costs, by package: one push of a small component run with --cpu-prof, each
// sample's self time given to the bundle module it ran in (the `/***/ <id>:` markers ncc writes), each
// module to its package (ncc's --stats-out of the same sources: webpack's module ids are deterministic), and
// Node's own work (module compiling, bootstrap, idle waiting on the registry) under its own names.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nccBuildArgs } from '../scripts/ncc-args.mjs';

/** Markers of every module in every bundle file: [file, line, id] sorted by line, per file. */
function moduleLines(dist) {
  const byFile = new Map();
  for (const file of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
    const lines = readFileSync(join(dist, file), 'utf8').split('\n');
    const marks = [];
    lines.forEach((l, i) => {
      const m = /^\/\*\*\*\/ (\d+):$/.exec(l);
      if (m) marks.push([i, m[1]]);
    });
    byFile.set(file, marks);
  }
  return byFile;
}

function packageOf(name) {
  if (!name) return '(bundle runtime)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(name);
  return m ? m[1] : 'wasm-oci-publish (src/)';
}

/** Self time (ms) per package and per Node activity, for one run of `env` through `node dist/index.js`. */
export function startProfile(root, node, env) {
  const work = mkdtempSync(join(tmpdir(), 'start-profile-'));
  const stats = join(work, 'stats.json');
  execFileSync(process.execPath, nccBuildArgs(root, join(work, 'out'), ['--stats-out', stats]), { stdio: 'ignore', cwd: root });
  const names = new Map(JSON.parse(readFileSync(stats, 'utf8')).modules.map((m) => [String(m.id), m.name]));
  const r = spawnSync(node, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', work, join(root, 'dist', 'index.js')], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`profiled run failed: ${r.stdout}\n${r.stderr}`);
  const profile = JSON.parse(
    readFileSync(
      join(
        work,
        readdirSync(work).find((f) => f.endsWith('.cpuprofile')),
      ),
      'utf8',
    ),
  );
  const marks = moduleLines(join(root, 'dist'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const cost = new Map();
  profile.samples.forEach((id, i) => {
    const { url, lineNumber, functionName } = byId.get(id).callFrame;
    let key;
    const file = url.split('/').pop();
    if (url.includes('/dist/') && marks.has(file)) {
      const list = marks.get(file);
      let mod;
      for (const [line, mid] of list) if (line <= lineNumber) mod = mid;
      key = packageOf(names.get(mod));
    } else if (functionName === '(idle)') key = 'waiting (the registry, the disk)';
    else if (url.startsWith('node:internal/modules') || functionName === '(program)') key = 'Node: loading and compiling modules';
    else if (functionName === '(garbage collector)') key = 'Node: garbage collection';
    else key = 'Node: built-ins (net, streams, fs, crypto)';
    cost.set(key, (cost.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  return [...cost].sort((a, b) => b[1] - a[1]);
}
