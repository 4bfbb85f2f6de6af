// One retry policy for every loop of the client, in the shape of oras-go's retry/policy.go: next(attempt,
// outcome) → a delay, or stop. The transport sends a request again after a transient answer; a blob upload
// restarts or resumes (repository.ts); a referrers index is read again after a lost race (referrers.ts).
// Defaults as oras-go: 5 retries, 250 ms × 2^n ±10 %, at most 3 s, Retry-After honoured.
import { setTimeout as sleep } from 'node:timers/promises';
import { ActionError } from '../errors.js';
import { RegistryError } from './errors.js';

/** What a try ended with: an HTTP answer, or no answer (the connection failed, with the system's code). */
export type Outcome = { status: number; retryAfter?: string } | { network: string };

export interface RetrySettings {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Cap on one Retry-After wait. */
  maxRetryAfterMs: number;
  /** Cap on all the waiting one operation may do: past it, the last error stands. */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 5, baseDelayMs: 250, maxDelayMs: 3000, maxRetryAfterMs: 30_000, maxTotalWaitMs: 60_000 };

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const TRANSIENT_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'PROXY_TUNNEL_CLOSED', // a proxy that dropped one CONNECT (http.ts): tried again, within the policy
]);

/** 408, 429, 5xx but 501, or a broken, refused or timed-out connection: worth another try. */
export function isTransient(outcome: Outcome): boolean {
  return 'status' in outcome ? TRANSIENT_STATUS.has(outcome.status) : TRANSIENT_NETWORK.has(outcome.network);
}

/** The outcome an error stands for: a registry's answer, or a network failure; undefined for anything else. */
export function outcomeOf(err: unknown): Outcome | undefined {
  if (err instanceof RegistryError) return { status: err.status };
  if (err instanceof ActionError && err.kind === 'network') return { network: err.code ?? '' };
  return undefined;
}

export class RetryPolicy {
  constructor(readonly settings: RetrySettings = DEFAULT_RETRY) {}

  /**
   * The wait before try `attempt + 1` (the first try is attempt 0), or undefined to stop: the outcome is not
   * worth another try (by default: not transient; a caller that knows better says so, e.g. a 412 on a
   * conditional write is), the retries are spent, or `waitedMs` reached the cap. Retry-After (seconds or
   * an HTTP date) replaces the backoff, up to its own cap.
   */
  next(attempt: number, outcome: Outcome, waitedMs = 0, retryable = isTransient(outcome)): number | undefined {
    const s = this.settings;
    if (!retryable || attempt >= s.maxRetries || waitedMs >= s.maxTotalWaitMs) return undefined;
    const after = 'status' in outcome ? parseRetryAfter(outcome.retryAfter) : undefined;
    if (after !== undefined) return Math.min(after, s.maxRetryAfterMs);
    return Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** attempt) * (0.9 + Math.random() * 0.2);
  }

  /** The tries of one operation under this policy. */
  start(log?: (line: string) => void): Attempts {
    return new Attempts(this, log);
  }
}

/** One operation's tries: how many so far and how long they waited, so the policy's caps hold across them. */
export class Attempts {
  private count = 0;
  private waited = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly log?: (line: string) => void,
  ) {}

  /** The wait before the next try, counted and logged with `why`; undefined when the policy says stop. */
  next(outcome: Outcome, why: string, retryable = isTransient(outcome)): number | undefined {
    const ms = this.policy.next(this.count, outcome, this.waited, retryable);
    if (ms === undefined) return undefined;
    this.count++;
    this.waited += ms;
    this.log?.(`${why}; retry ${this.count}/${this.policy.settings.maxRetries} in ${Math.round(ms)} ms`);
    return ms;
  }

  /**
   * After a try that threw: waits and returns true when the policy allows another try, false when the
   * error should stand. `retryable` judges the outcome when the caller knows better than "transient".
   */
  async afterError(err: unknown, why: string, retryable: (outcome: Outcome) => boolean = isTransient): Promise<boolean> {
    const outcome = outcomeOf(err);
    const ms = outcome && this.next(outcome, `${why} (${(err as Error).message})`, retryable(outcome));
    if (ms === undefined) return false;
    await sleep(ms);
    return true;
  }
}

export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
