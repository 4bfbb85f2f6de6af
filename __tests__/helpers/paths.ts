import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository's root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Files the tests read: crates, events, WIT packages. */
export const FIXTURES = resolve(ROOT, '__tests__', 'fixtures');

/** The pages users read, from the repository's root: README.md and every docs/*.md. */
export const DOC_FILES = [
  'README.md',
  ...readdirSync(resolve(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
