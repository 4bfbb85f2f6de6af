// The README's inputs and outputs tables are action.yml's, as scripts/action-tables.mjs renders them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { README, readmeWithTables } from '../scripts/action-tables.mjs';
import { ROOT } from './helpers/paths.js';

const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8');

describe("the README's inputs and outputs tables", () => {
  it('are the ones action.yml gives (run node scripts/action-tables.mjs after changing action.yml)', async () => {
    const readme = readFileSync(README, 'utf8');
    expect(await readmeWithTables(readme, actionYml)).toBe(readme);
  });
  it('change when an input is added, removed or described otherwise', async () => {
    const readme = readFileSync(README, 'utf8');
    const edited = actionYml.replace(/^inputs:\n/m, "inputs:\n  new-one:\n    description: 'A | new <input>'\n    default: x\n");
    const rendered = await readmeWithTables(readme, edited);
    expect(rendered).not.toBe(readme);
    expect(rendered).toMatch(/^\| `new-one` +\| `x` +\| A \\\| new &lt;input> +\|$/m);
  });
});
