// Every row of the hostile-input table (docs/reliability.md) names a test that exists.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTILE_CASES } from './hostile-inputs.js';

describe('the hostile-input table', () => {
  it.each(HOSTILE_CASES.map((c) => [c.test[0], c.test[1]]))('%s has a test "%s"', (file, name) => {
    const text = readFileSync(join(import.meta.dirname, file), 'utf8');
    expect(text).toMatch(new RegExp(`it(?:\\.each\\([^]*?\\))?\\(\\s*['"\`]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
