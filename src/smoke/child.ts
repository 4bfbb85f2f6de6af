// One sandboxed child process of a smoke run: no shell, argument arrays, an environment of only what the
// runtime itself needs (never the step's: no token can reach the component's process), its own process
// group so that a runtime's helpers die with it, a deadline, and only the tail of its output kept.
import { spawn } from 'node:child_process';

/** What is kept of a child's stdout and stderr together: the last 64 KiB (a component may print without end). */
const KEPT_OUTPUT = 64 * 1024;

export interface ChildOutcome {
  /** Exit code; null when killed by a signal (the deadline's included). */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The tail of stdout and stderr, interleaved as they arrived. */
  output: string;
  wallMs: number;
  /** The child could not start at all (ENOENT, EACCES). */
  startError?: Error;
}

export interface RunningChild {
  /** Settles when the child has exited (or was killed at the deadline, or `stop()`ed). */
  done: Promise<ChildOutcome>;
  /** Ends the child's whole process group now. */
  stop(): void;
  exited(): boolean;
}

/** The only variables a runtime gets: a PATH to find its own helpers, a HOME and TMPDIR of its own. */
export function sandboxEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home, TMPDIR: home, LANG: 'C.UTF-8' };
}

export function startChild(command: string, args: string[], { env, cwd, timeoutMs }: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs: number }): RunningChild {
  const started = performance.now();
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true, shell: false });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 2 * KEPT_OUTPUT) output = output.slice(-KEPT_OUTPUT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let timedOut = false;
  let exited = false;
  const killGroup = () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, timeoutMs);
  const done = new Promise<ChildOutcome>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null, startError?: Error) => {
      exited = true;
      clearTimeout(timer);
      resolve({ code, signal, timedOut, output: output.slice(-KEPT_OUTPUT), wallMs: performance.now() - started, startError });
    };
    child.on('error', (err) => finish(null, null, err));
    child.on('close', (code, signal) => finish(code, signal));
  });
  return { done, stop: killGroup, exited: () => exited };
}
