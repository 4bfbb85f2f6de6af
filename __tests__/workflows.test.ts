// action.yml and every workflow file, through GitHub's own workflow parser: a typo fails the suite.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkflow, NoOperationTraceWriter, convertWorkflowTemplate } from '@actions/workflow-parser';
import { parseAction, convertActionTemplate } from '@actions/workflow-parser/actions/index';
import { parse as parseYaml } from 'yaml';
import { DEFAULTS } from '../src/inputs.js';
import { ROOT } from './helpers/paths.js';

const workflowsDir = join(ROOT, '.github', 'workflows');

describe('workflow files', () => {
  const files = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));
  it('exist', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'check-dist.yml', 'e2e.yml', 'release.yml']));
  });
  it('the parser does catch a typo (so the checks below can fail)', () => {
    const content = 'on: push\njobs:\n  t:\n    runs-onn: ubuntu-latest\n    steps:\n      - run: echo\n';
    const result = parseWorkflow({ name: 'typo.yml', content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0);
  });
  it.each(files)('%s parses without errors', async (file) => {
    const content = readFileSync(join(workflowsDir, file), 'utf8');
    const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const template = await convertWorkflowTemplate(result.context, result.value!);
    expect(template.errors ?? []).toEqual([]);
    expect(template.jobs.length).toBeGreaterThan(0);
  });
});

describe("the README's workflow examples", () => {
  const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```yaml\n([^]*?)```/g)].map((m) => m[1]!).filter((b) => /^jobs:/m.test(b));
  it('exist', () => expect(blocks.length).toBeGreaterThanOrEqual(2));
  it.each(blocks.map((b, i) => [i + 1, b]))('example %i parses without errors', async (_, content) => {
    const result = parseWorkflow({ name: 'readme.yml', content: String(content) }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect((await convertWorkflowTemplate(result.context, result.value!)).errors ?? []).toEqual([]);
  });
});

describe('action.yml', () => {
  const content = readFileSync(join(ROOT, 'action.yml'), 'utf8');
  it('is a valid action manifest that runs dist/index.js on node24', () => {
    const result = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const action = convertActionTemplate(result.context, result.value!);
    expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares exactly the inputs the code reads, with the same defaults', () => {
    const inputs = (parseYaml(content) as { inputs: Record<string, { default?: string; required?: boolean }> }).inputs;
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(DEFAULTS).sort());
    for (const [name, spec] of Object.entries(inputs)) {
      expect(spec.default, `default of ${name}`).toBe(DEFAULTS[name as keyof typeof DEFAULTS]);
    }
    expect(Object.values(inputs).every((i) => i.required !== true)).toBe(true); // a crate or a component: nothing is required alone
  });

  it('declares the outputs the code writes', async () => {
    const { reportOutputs } = await import('../src/github/report.js');
    const written = Object.keys(
      reportOutputs({
        image: 'i',
        component: 'c.wasm',
        digest: 'd',
        configDigest: 'c',
        layerDigest: 'l',
        size: 1,
        tags: [],
        pushed: true,
        uploaded: [],
        skipped: [],
        os: 'wasip2',
        imports: [],
        exports: [],
      }),
    );
    const declared = Object.keys((parseYaml(content) as { outputs: Record<string, unknown> }).outputs);
    expect(written.sort()).toEqual(declared.sort());
  });
});
