// What the user asked the smoke run to do (the `smoke*` inputs): the types, and the parsers inputs.ts calls.
import { ActionError } from '../errors.js';

/** Statuses an HTTP smoke request may answer: `200`, `2xx`, `200,204`, `2xx,301`. */
export interface StatusExpectation {
  /** As the user wrote it, for messages. */
  text: string;
  matches: (status: number) => boolean;
}

export interface SmokeRequest {
  method: string;
  /** Starts with `/`: always sent to the loopback server the smoke run starts. */
  path: string;
  body?: string;
}

export type SmokeRuntimeChoice = 'auto' | 'wasmtime' | 'jco';

export interface SmokeSettings {
  /** none: no smoke run; all: every component of the step; crates: only these crates of a workspace. */
  select: { kind: 'none' } | { kind: 'all' } | { kind: 'crates'; names: string[] };
  /** Arguments of a `wasi:cli/run` component (after its name, argv[0]). */
  args: string[];
  request: SmokeRequest;
  expect: StatusExpectation;
  timeoutMs: number;
  runtime: SmokeRuntimeChoice;
  /** A CLI run may open sockets and look names up (off: it has no network at all). */
  network: boolean;
}

/** `200`, `2xx`, `200,204`, `2xx,301`: each a status or a class. */
export function parseStatusExpectation(text: string): StatusExpectation {
  const parts = text.split(',').map((p) => p.trim().toLowerCase());
  if (parts.some((p) => !/^[1-5](\d\d|xx)$/.test(p))) throw new ActionError('input', `expected statuses such as 200, 2xx or 200,204, got "${text}"`);
  return {
    text: parts.join(','),
    matches: (status) => parts.some((p) => (p.endsWith('xx') ? Math.floor(status / 100) === Number(p[0]) : status === Number(p))),
  };
}

/** `GET /`, `POST /echo some body`: a method, a path from the root, and the rest of the line as the body. */
export function parseSmokeRequest(text: string): SmokeRequest {
  const m = /^([A-Za-z]+)\s+(\/\S*)(?:\s+([^]*))?$/.exec(text.trim());
  // eslint-disable-next-line no-control-regex
  if (!m || /[\u0000-\u001f\u007f]/.test(m[2]!))
    throw new ActionError('input', `expected METHOD /path [body], such as "GET /" or "POST /echo hello", got "${text}"`);
  return { method: m[1]!.toUpperCase(), path: m[2]!, ...(m[3] ? { body: m[3] } : {}) };
}
