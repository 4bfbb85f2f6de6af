// What a smoke run found, as the report and main.ts read it: data only, so that reading it loads none of
// the runtimes (smoke-run.ts is imported only when a smoke run is asked for).

export interface SmokeResult {
  component: string;
  kind: 'cli' | 'http';
  passed: boolean;
  /** What ran it, with its version: `wasmtime 39.0.1 (…)`, `jco (jco-transpile 0.15.0, preview2-shim 0.26.1)`. */
  runtime: string;
  wallMs: number;
  exitCode?: number;
  status?: number;
  /** Why it failed, one line. */
  reason?: string;
  /** Its output (stdout and stderr as they came, and for HTTP the start of the response body): first and last lines. */
  firstLines: string[];
  lastLines: string[];
}

/** Not run, and why (a WIT package; a core module; a crate `smoke` did not name). */
export interface SmokeSkipped {
  component: string;
  skipped: string;
}

export type SmokeOutcome = SmokeResult | SmokeSkipped;

export const isSkipped = (o: SmokeOutcome): o is SmokeSkipped => 'skipped' in o;
