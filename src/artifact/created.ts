// `created` must not come from the clock when the commit is known: the same component at the same commit
// gives the same config and manifest digests on every run (reproducible-builds.org SOURCE_DATE_EPOCH).
import { ActionError } from '../errors.js';

/** RFC 3339 in UTC to the second, the form oci-wasm writes. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function resolveCreated(sourceDateEpoch: string | undefined, commitTime: string | undefined, now: () => Date): string {
  if (sourceDateEpoch !== undefined && sourceDateEpoch.trim() !== '') {
    if (!/^\d+$/.test(sourceDateEpoch.trim())) throw new ActionError('input', `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${sourceDateEpoch}"`);
    return rfc3339(new Date(Number(sourceDateEpoch.trim()) * 1000));
  }
  if (commitTime) {
    const t = new Date(commitTime);
    if (!Number.isNaN(t.getTime())) return rfc3339(t);
  }
  return rfc3339(now());
}
