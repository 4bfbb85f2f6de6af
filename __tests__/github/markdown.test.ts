// What the summary and the comment write from outside text, read back by a real GFM parser (marked): a code
// span shows its text and nothing else, a table row keeps its columns, no HTML gets through.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { marked, type Tokens } from 'marked';
import { code, codeList, plain } from '../../src/github/markdown.js';
import { summaryMarkdown, type PublishReport } from '../../src/github/report.js';
import { previewCommentBody, workspaceCommentBody } from '../../src/github/pr-comment-body.js';

const HOSTILE = [
  'greet`](https://evil.example)',
  '``double``',
  '`',
  'a|b|c',
  '<img src=x onerror=alert(1)>',
  '<a href="https://evil.example">click</a>',
  'line\n## Forged heading\n| x | y |',
  '\\`escaped\\`',
  '  spaced  ',
  '[link](javascript:alert(1))',
];

/** The one table row of `| key | <cell> |`, as marked reads it. */
function cells(cell: string): Tokens.TableCell[] {
  const table = marked.lexer(`| k | v |\n|---|---|\n| key | ${cell} |\n`)[0] as Tokens.Table;
  expect(table.type).toBe('table');
  return table.rows[0]!;
}

describe('code', () => {
  it.each(HOSTILE)('%j stays one code span, showing exactly its text on one line', (text) => {
    const paragraph = marked.lexer(code(text))[0] as Tokens.Paragraph;
    expect(paragraph.tokens).toEqual([expect.objectContaining({ type: 'codespan', text: text.replace(/\n/g, ' ') })]);
  });

  it.each(HOSTILE)('%j in a table cell: still two columns, one code span', (text) => {
    const row = cells(code(text, true));
    expect(row).toHaveLength(2);
    expect(row[1]!.tokens).toEqual([expect.objectContaining({ type: 'codespan', text: text.replace(/\n/g, ' ') })]);
  });

  it('any text at all: one code span, two columns, no HTML element made from it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60, unit: 'binary' }), (text) => {
        const row = cells(code(text, true));
        expect(row).toHaveLength(2);
        expect(row[1]!.tokens.map((t) => t.type)).toEqual(['codespan']);
        expect(marked.parse(code(text)) as string).not.toMatch(/<(?!\/?(p|code)>)/);
      }),
    );
  });
});

describe('plain', () => {
  it('makes no emphasis, link, heading, HTML or column of its text', () => {
    const text = '# *bold* [x](y) <b>|</b> _u_ ~s~ `c` !';
    const html = marked.parse(`| k | v |\n|---|---|\n| key | ${plain(text)} |\n`) as string;
    expect(html).toContain('<td># *bold* [x](y) &lt;b&gt;|&lt;/b&gt; _u_ ~s~ `c` !</td>');
  });
});

describe('the summary and the comment', () => {
  // Names the section reader would refuse: the Markdown must hold even where validation did not.
  const report: PublishReport = {
    image: 'ghcr.io/acme/hello',
    component: 'hello.wasm',
    digest: 'sha256:aaa',
    configDigest: 'sha256:ccc',
    layerDigest: 'sha256:lll',
    size: 1,
    tags: ['ghcr.io/acme/hello:1.0.0'],
    pushed: true,
    uploaded: [],
    skipped: [],
    os: 'wasip2',
    imports: HOSTILE,
    exports: HOSTILE,
    ociLayout: '/tmp/`x`|y',
  };

  it('the summary: every table row has two columns, no HTML but its own <br>, one heading', () => {
    const md = summaryMarkdown(report);
    const tokens = marked.lexer(md);
    const table = tokens.find((t): t is Tokens.Table => t.type === 'table')!;
    expect(table.rows.every((row) => row.length === 2)).toBe(true);
    expect(tokens.filter((t) => t.type === 'heading')).toHaveLength(1);
    expect(marked.parse(md) as string).not.toMatch(/<(img|a|script)\b/);
  });

  it('the comment: the same, with a hostile head commit in its heading', () => {
    const md = previewCommentBody({
      image: 'ghcr.io/acme/hello',
      digest: 'sha256:aaa',
      tags: ['ghcr.io/acme/hello:pr-1'],
      exports: HOSTILE,
      imports: [],
      headSha: '<img>\n# x',
    });
    const tokens = marked.lexer(md);
    expect(tokens.filter((t) => t.type === 'heading')).toHaveLength(1);
    expect((tokens.find((t): t is Tokens.Table => t.type === 'table')!.rows ?? []).every((row) => row.length === 2)).toBe(true);
    expect(marked.parse(md) as string).not.toMatch(/<(img|a|script)\b/);
  });

  it("a workspace's comment: one row per component, three columns, one marker naming both images", () => {
    const preview = (name: string) => ({
      image: `ghcr.io/acme/${name}`,
      digest: `sha256:${name}`,
      tags: [`ghcr.io/acme/${name}:pr-1`],
      exports: [],
      imports: [],
      headSha: 'abc1234',
    });
    const md = workspaceCommentBody([preview('alpha'), preview('beta')]);
    expect(md.split('\n')[0]).toBe('<!-- wasm-oci-publish:ghcr.io/acme/alpha,ghcr.io/acme/beta -->');
    const table = marked.lexer(md).find((t): t is Tokens.Table => t.type === 'table')!;
    expect(table.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['`alpha`', '`ghcr.io/acme/alpha@sha256:alpha`', '`ghcr.io/acme/alpha:pr-1`'],
      ['`beta`', '`ghcr.io/acme/beta@sha256:beta`', '`ghcr.io/acme/beta:pr-1`'],
    ]);
    expect(md).toContain('wkg oci pull ghcr.io/acme/beta@sha256:beta -o beta.wasm');
  });

  it('lists at most 100 names of each kind, then counts the rest', () => {
    const many = Array.from({ length: 250 }, (_, i) => `f${i}`);
    expect(codeList(many, ', ')).toMatch(/`f99`, and 150 more$/);
    expect(summaryMarkdown({ ...report, imports: many, exports: [] }).length).toBeLessThan(4000);
  });
});
