// A containerd daemon of the test's own (its root, state and socket in a temporary directory), for `ctr`:
// containerd's resolver and fetcher are what runwasi pulls Wasm components with. The daemon needs root; the
// plugins that need more than a directory (CRI, btrfs, zfs, devmapper, aufs) are off.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmp } from './components.js';

export interface Containerd {
  /** Runs `ctr --address <socket> -n wasm <args>`: its stdout as bytes; throws with its stderr on failure. */
  ctr(args: string[]): Buffer;
  stop(): Promise<void>;
}

/** Why containerd cannot run here, or undefined when it can. */
export function containerdMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'the containerd daemon needs root';
  for (const tool of ['containerd', 'ctr']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) return `${tool} is not on PATH (apt-get install containerd)`;
  }
  return undefined;
}

export async function startContainerd(): Promise<Containerd> {
  const dir = tmp('containerd');
  const socket = join(dir, 'containerd.sock');
  const config = join(dir, 'config.toml');
  writeFileSync(
    config,
    [
      'version = 2',
      `root = "${join(dir, 'root')}"`,
      `state = "${join(dir, 'state')}"`,
      'disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs"]',
      '[grpc]',
      `  address = "${socket}"`,
      '[ttrpc]',
      `  address = "${socket}.ttrpc"`,
      '',
    ].join('\n'),
  );
  const daemon: ChildProcess = spawn('containerd', ['--config', config], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await sleep(50);
  if (!existsSync(socket)) {
    daemon.kill();
    throw new Error('containerd did not open its socket within 5 s');
  }
  return {
    ctr(args) {
      const r = spawnSync('ctr', ['--address', socket, '-n', 'wasm', ...args], { maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`ctr ${args.join(' ')}: ${r.stderr.toString('utf8')}`);
      return r.stdout;
    },
    async stop() {
      daemon.kill();
      await new Promise((ok) => (daemon.exitCode !== null ? ok(undefined) : daemon.once('exit', ok)));
    },
  };
}
