// The README's inputs and outputs tables, generated from action.yml so that they cannot drift from it:
//   node scripts/action-tables.mjs          rewrite them in README.md
//   node scripts/action-tables.mjs --check  exit 1 when README.md differs from action.yml
// Each table sits between a start and an end marker; the text around them is the README's own.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { format } from 'prettier';

const ROOT = resolve(import.meta.dirname, '..');
export const README = join(ROOT, 'README.md');
const marker = (table) => [
  `<!-- ${table} table: generated from action.yml by scripts/action-tables.mjs, edit action.yml -->`,
  `<!-- end of ${table} table -->`,
];

/** A description as one Markdown table cell: `|` escaped, `<…>` shown as text rather than taken for HTML. */
const cell = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;');

export async function renderTables(actionYml) {
  const action = parse(actionYml);
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, i]) => `| \`${name}\` | ${i.default === undefined || i.default === '' ? '' : `\`${i.default}\``} | ${cell(i.description)} |`,
  );
  const outputs = Object.entries(action.outputs ?? {}).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`);
  const table = (head, rows) => format([head, head.replace(/[^|]+/g, ' --- '), ...rows].join('\n'), { parser: 'markdown' });
  return {
    inputs: (await table('| input | default | meaning |', inputs)).trimEnd(),
    outputs: (await table('| output | meaning |', outputs)).trimEnd(),
  };
}

/** README.md with each table replaced by the one action.yml gives. */
export async function readmeWithTables(readme, actionYml) {
  const tables = await renderTables(actionYml);
  let text = readme;
  for (const [name, table] of Object.entries(tables)) {
    const [start, end] = marker(name);
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no ${name} table markers: ${start} … ${end}`);
    text = `${text.slice(0, from)}${start}\n\n${table}\n\n${text.slice(to)}`;
  }
  return text;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync(README, 'utf8');
  const wanted = await readmeWithTables(readme, readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  if (wanted !== readme && process.argv.includes('--check')) {
    console.error('README.md: the inputs or outputs table differs from action.yml: run node scripts/action-tables.mjs');
    process.exit(1);
  }
  if (wanted !== readme) {
    writeFileSync(README, wanted);
    console.log('README.md: tables rewritten from action.yml');
  }
}
