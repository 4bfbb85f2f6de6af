// Retry and timeout settings from the `retries` input and, for tests and unusual networks, environment
// variables: WASM_OCI_PUBLISH_RETRY_BASE_MS (first backoff), WASM_OCI_PUBLISH_TIMEOUT_MS (connect and
// response-header timeout).
import { DEFAULT_RETRY, type RetryPolicy, type TransportOptions } from './transport.js';

const positive = (value: string | undefined): number | undefined => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined);

export function retryPolicy(retries: number, env: NodeJS.ProcessEnv): RetryPolicy {
  const base = positive(env.WASM_OCI_PUBLISH_RETRY_BASE_MS);
  return {
    ...DEFAULT_RETRY,
    maxRetries: retries,
    ...(base ? { baseDelayMs: base, maxDelayMs: Math.max(base, Math.min(DEFAULT_RETRY.maxDelayMs, base * 8)) } : {}),
  };
}

export function timeoutsFromEnv(env: NodeJS.ProcessEnv): TransportOptions['timeouts'] {
  const ms = positive(env.WASM_OCI_PUBLISH_TIMEOUT_MS);
  return ms ? { connectMs: ms, headersMs: ms, bodyMs: ms } : undefined;
}
