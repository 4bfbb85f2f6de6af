// The smoke inputs' parsers, and what is shown of a component's output: tables of cases, no process started.
import { describe, expect, it } from 'vitest';
import { parseSmokeRequest, parseStatusExpectation } from '../../src/smoke/settings.js';
import { outputLines } from '../../src/smoke/output.js';
import { smokeKind, smokeRunAll } from '../../src/smoke/smoke-run.js';
import { smokeLogLines, smokeSummaryMarkdown } from '../../src/github/smoke-report.js';
import type { SmokeResult } from '../../src/smoke/outcome.js';

describe('smoke-expect', () => {
  it.each<[string, number[], number[]]>([
    ['2xx', [200, 204, 299], [199, 300, 500]],
    ['200', [200], [201, 204]],
    ['200,204', [200, 204], [201]],
    [' 2XX , 301 ', [250, 301], [302]],
  ])('%s', (text, pass, fail) => {
    const expect_ = parseStatusExpectation(text);
    for (const s of pass) expect(expect_.matches(s), `${s}`).toBe(true);
    for (const s of fail) expect(expect_.matches(s), `${s}`).toBe(false);
  });

  it.each(['', 'ok', '600', '2x', '20', '2xx;rm'])('refuses %j', (text) => {
    expect(() => parseStatusExpectation(text)).toThrow(/expected statuses/);
  });
});

describe('smoke-request', () => {
  it.each<[string, unknown]>([
    ['GET /', { method: 'GET', path: '/' }],
    ['post /echo hello  world', { method: 'POST', path: '/echo', body: 'hello  world' }],
    ['DELETE /items/1?force=true', { method: 'DELETE', path: '/items/1?force=true' }],
    // Only ever a path: it is sent to 127.0.0.1, with Host 127.0.0.1, whatever it looks like.
    ['GET //evil.example/x', { method: 'GET', path: '//evil.example/x' }],
  ])('%j', (text, request) => expect(parseSmokeRequest(text)).toEqual(request));

  // Never a full URL: the request goes to the loopback server the run started.
  it.each(['/', 'GET', 'GET http://evil.example/', 'G3T /', 'GET \u0000/'])('refuses %j', (text) => {
    expect(() => parseSmokeRequest(text)).toThrow(/METHOD \/path/);
  });
});

describe('what is run', () => {
  it.each<[Parameters<typeof smokeKind>[0], string]>([
    [{ kind: 'component', imports: [], exports: ['wasi:cli/run@0.2.3'], target: null }, 'cli'],
    [{ kind: 'component', imports: [], exports: ['wasi:http/incoming-handler@0.2.0'], target: null }, 'http'],
  ])('%j', (facts, kind) => expect(smokeKind(facts, 'x.wasm')).toBe(kind));

  it('never a WIT package, nor a core module', () => {
    expect(smokeKind({ kind: 'wit-package', name: 'a:b', interfaces: [], worlds: [], exports: [] } as never, 'p.wasm')).toMatchObject({
      skipped: /WIT package/,
    });
    expect(smokeKind({ kind: 'module' }, 'm.wasm')).toMatchObject({ skipped: /core module/ });
  });

  it('refuses a component that exports neither, naming what it exports', () => {
    expect(() => smokeKind({ kind: 'component', imports: [], exports: ['add'], target: null }, 'lib.wasm')).toThrow(
      /cannot smoke-run lib.wasm: it exports neither wasi:cli\/run nor wasi:http\/incoming-handler \(it exports add\)/,
    );
  });
});

describe('a workspace', () => {
  const settings = {
    args: [],
    request: { method: 'GET', path: '/' },
    expect: parseStatusExpectation('2xx'),
    timeoutMs: 1000,
    runtime: 'jco' as const,
    network: false,
  };
  const components = ['api', 'cli'].map((crate) => ({
    path: `${crate}.wasm`,
    crate,
    facts: { kind: 'component' as const, imports: [], exports: ['add'], target: null },
  }));
  const io = { info: () => undefined };

  it('runs only the crates "smoke" names (here none of those built is named, so nothing starts)', async () => {
    await expect(smokeRunAll(components, { ...settings, select: { kind: 'crates', names: [] } }, io)).resolves.toEqual([
      { component: 'api.wasm', skipped: 'not named in "smoke"' },
      { component: 'cli.wasm', skipped: 'not named in "smoke"' },
    ]);
  });

  it('refuses a crate name the step did not build', async () => {
    await expect(smokeRunAll(components, { ...settings, select: { kind: 'crates', names: ['web'] } }, io)).rejects.toThrow(
      'input "smoke" names web, which this step did not build (it built api, cli)',
    );
  });

  it('fails on a named crate that cannot run, before starting anything', async () => {
    await expect(smokeRunAll(components, { ...settings, select: { kind: 'crates', names: ['cli'] } }, io)).rejects.toThrow(/cannot smoke-run cli.wasm/);
  });
});

describe("a component's output", () => {
  const hostile = '\u001b[31mred\u001b[0m\n::add-mask::x\n| a | b |\n`code` <script>alert(1)</script>\n\r\n' + 'y'.repeat(500) + '\n\u0007bell';
  const result = (passed: boolean): SmokeResult => ({
    component: 'c.wasm',
    kind: 'cli',
    passed,
    runtime: 'jco (x)',
    wallMs: 12.3,
    exitCode: passed ? 0 : 1,
    ...(passed ? {} : { reason: 'exited with code 1' }),
    ...outputLines(hostile),
  });

  it('loses escape sequences and control characters, blank lines, and the end of long lines', () => {
    const { firstLines } = outputLines(hostile);
    expect(firstLines[0]).toBe('red');
    expect(firstLines).toHaveLength(6);
    expect(firstLines[4]).toHaveLength(201);
    expect(firstLines[5]).toBe('bell');
  });

  it('keeps the first and the last ten lines', () => {
    const many = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    expect(outputLines(many).firstLines.at(-1)).toBe('line 9');
    expect(outputLines(many).lastLines[0]).toBe('line 20');
  });

  it('never starts a log line, so it cannot be a workflow command', () => {
    for (const line of smokeLogLines(result(true)).slice(1)) expect(line.startsWith('  | ')).toBe(true);
  });

  it('stays text in the summary: in an indented code block, and the table holds its columns', () => {
    const md = smokeSummaryMarkdown([result(false), { component: 'p|ipe`.wasm', skipped: 'a WIT package has nothing to run' }]);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Component'));
    for (const row of rows) expect(row.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(6);
    const block = md.split('\n').filter((l) => l.startsWith('    '));
    expect(block).toContain('    ::add-mask::x');
    expect(block).toContain('    `code` <script>alert(1)</script>');
    expect(md.split('\n').filter((l) => l.includes('<script>') && !l.startsWith('    '))).toEqual([]);
  });
});
