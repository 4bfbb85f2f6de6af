import { resolve } from 'node:path';

/** The repository's root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Files the tests read: crates, events, WIT packages. */
export const FIXTURES = resolve(ROOT, '__tests__', 'fixtures');
