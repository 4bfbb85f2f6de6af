// action.yml, every workflow file and every yaml snippet of README.md and docs/, through GitHub's own workflow parser:
// a typo fails the suite.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkflow, NoOperationTraceWriter, convertWorkflowTemplate } from '@actions/workflow-parser';
import { parseAction, convertActionTemplate } from '@actions/workflow-parser/actions/index';
import { parse as parseYaml } from 'yaml';
import { DEFAULTS } from '../src/inputs.js';
import { DOC_FILES, ROOT } from './helpers/paths.js';

const workflowsDir = join(ROOT, '.github', 'workflows');
const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const action = parseYaml(actionYml) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, unknown>;
};

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

// Every ```yaml snippet of README.md and docs/*.md: a whole workflow, or steps (parsed inside a one-job workflow).
const snippets = DOC_FILES.flatMap((file) =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```ya?ml\n([^]*?)```/g)].map((m, i) => ({ file, n: i + 1, content: m[1]! })),
);
const isWorkflow = (content: string) => /^jobs:/m.test(content);
const isSteps = (content: string) => /^- /.test(content.replace(/^(?:\s*#.*)?\n/gm, ''));
/** Steps as a workflow the parser can check: one job whose steps are the snippet. */
const asWorkflow = (content: string) =>
  isWorkflow(content) ? content : `on: push\njobs:\n  snippet:\n    runs-on: ubuntu-latest\n    steps:\n${content.replace(/^(?=.)/gm, '      ')}`;
const label = (s: { file: string; n: number }) => `${s.file} snippet ${s.n}`;

describe("the README's workflow examples", () => {
  const blocks = snippets.filter((s) => s.file === 'README.md' && isWorkflow(s.content));
  it('exist', () => expect(blocks.length).toBeGreaterThanOrEqual(2));
  // The README shows the release and preview recipes up front; their pages in docs/ hold the same workflows.
  it.each(blocks.map((b) => [label(b), b.content]))('%s is, word for word, a workflow of a docs page', (_, content) => {
    expect(snippets.filter((s) => s.file.startsWith('docs/') && s.content === content).map(label)).not.toEqual([]);
  });
});

describe("the README's and docs' yaml snippets", () => {
  it('exist in the docs too', () => expect(snippets.filter((s) => s.file.startsWith('docs/')).length).toBeGreaterThanOrEqual(8));
  it.each(snippets.map((s) => [label(s), s.content]))('%s is a workflow or steps', (_, content) => {
    expect(isWorkflow(String(content)) || isSteps(String(content))).toBe(true);
  });
  it('the parser does catch a typo in a steps snippet (so the checks below can fail)', () => {
    const result = parseWorkflow(
      { name: 'typo.yml', content: asWorkflow('- uses: actions/checkout@v5\n  wiht:\n    fetch-depth: 0\n') },
      new NoOperationTraceWriter(),
    );
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0);
  });
  it.each(snippets.map((s) => [label(s), s.content]))('%s parses without errors', async (_, content) => {
    const result = parseWorkflow({ name: 'snippet.yml', content: asWorkflow(String(content)) }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect((await convertWorkflowTemplate(result.context, result.value!)).errors ?? []).toEqual([]);
  });
  it.each(snippets.map((s) => [label(s), s.content]))('%s gives this action only inputs action.yml declares', (_, content) => {
    const declared = Object.keys(action.inputs);
    const workflow = parseYaml(asWorkflow(String(content))) as { jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> };
    const given = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .filter((step) => /\/wasm-oci-publish@/.test(step.uses ?? ''))
      .flatMap((step) => Object.keys(step.with ?? {}));
    expect(given.filter((name) => !declared.includes(name))).toEqual([]);
  });
});

describe('action.yml', () => {
  it('is a valid action manifest that runs dist/index.js on node24', () => {
    const result = parseAction({ name: 'action.yml', content: actionYml }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const action = convertActionTemplate(result.context, result.value!);
    expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares exactly the inputs the code reads, with the same defaults', () => {
    const inputs = action.inputs;
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
    const declared = Object.keys(action.outputs);
    expect(written.sort()).toEqual(declared.sort());
  });
});
