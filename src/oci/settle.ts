// Waiting for requests that run together: none may still be running when the caller goes on or reports.

/** Every promise's value, in order; the first failure, once all have settled. */
export async function allSettledOrThrow<T>(promises: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** A read ahead that may not be needed: its failure is kept, not left unhandled, and thrown where it is used (`unsettle`). */
export function settle<T>(p: Promise<T>): Promise<PromiseSettledResult<T>> {
  return Promise.allSettled([p]).then((all) => all[0]);
}

export function unsettle<T>(r: Promise<PromiseSettledResult<T>>): Promise<T> {
  return r.then((s) => (s.status === 'fulfilled' ? s.value : Promise.reject(s.reason as Error)));
}
