// Every relative link of README.md and docs/*.md leads somewhere: the file exists, and a `#anchor` (on the same page
// or another) is a heading of its target, slugged as GitHub slugs headings. A moved section fails the suite here
// rather than leaving a reader on the top of a page.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DOC_FILES, ROOT } from './helpers/paths.js';

/** The text outside fenced code blocks (``` or ~~~), line for line, with fenced lines blanked. */
function outsideFences(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === undefined && open) {
      fence = open[1]!;
      return '';
    }
    if (fence !== undefined) {
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(line)) fence = undefined;
      return '';
    }
    return line;
  });
}

/** GitHub's heading anchor (github-slugger): lowercased, punctuation and symbols dropped but - and _, each space a -. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link or image: its text
    .replace(/<[^>]+>/g, ''); // inline HTML
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page has: its headings' slugs (repeats numbered -1, -2, as GitHub does) and explicit HTML ids. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const line of outsideFences(markdown)) {
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading) {
      const base = slug(heading[1]!);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      found.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s[^>]*(?:name|id)="([^"]+)"/g)) found.add(m[1]!);
  }
  return found;
}

/** The link targets of a page, outside code: inline links and images, and reference definitions. */
function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const raw of outsideFences(markdown)) {
    const line = raw.replace(/(`+)[^`](?:.*?[^`])?\1(?!`)/g, ''); // code spans, `x` and ``x`y``
    for (const m of line.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+["'(][^)]*)?\)/g)) targets.push(m[1]!);
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$/.exec(line);
    if (definition) targets.push(definition[1]!);
  }
  return targets;
}

/** What is wrong with each relative link of `file` (a path from the repository's root), given its text. */
function deadLinks(file: string, markdown: string): string[] {
  const dead: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // https:, mailto:, …: not ours
    if (target.startsWith('/')) {
      dead.push(`${target}: an absolute path (GitHub resolves it against github.com): make it relative`);
      continue;
    }
    const hash = target.indexOf('#');
    const path = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const resolved = path === '' ? join(ROOT, file) : join(ROOT, dirname(file), path);
    if (relative(ROOT, resolved).startsWith('..')) {
      dead.push(`${target}: leads outside the repository`);
      continue;
    }
    if (path !== '' && !existsSync(resolved)) {
      dead.push(`${target}: no file ${relative(ROOT, resolved)}`);
      continue;
    }
    if (anchor === undefined) continue;
    if (path !== '' && (statSync(resolved).isDirectory() || !resolved.endsWith('.md'))) {
      if (!/^L\d+(?:-L\d+)?$/.test(anchor)) dead.push(`${target}: #${anchor} on a file that is not Markdown (only #L<line> works there)`);
      continue;
    }
    const have = anchors(path === '' ? markdown : readFileSync(resolved, 'utf8'));
    if (!have.has(anchor)) dead.push(`${target}: ${relative(ROOT, resolved)} has no heading #${anchor} (it has ${[...have].map((a) => `#${a}`).join(', ')})`);
  }
  return dead;
}

describe('GitHub heading anchors', () => {
  it.each([
    ['Publish releases', 'publish-releases'],
    ['Start it before publishing it (smoke run)', 'start-it-before-publishing-it-smoke-run'],
    ['Use with docker/metadata-action', 'use-with-dockermetadata-action'],
    ['Referrers: SBOM and signature', 'referrers-sbom-and-signature'],
    ['`oci-layout` and snake_case, 2.0', 'oci-layout-and-snake_case-20'],
    ['Tags [from the event](x.md) — all', 'tags-from-the-event--all'],
  ])('%s → #%s', (heading, anchor) => expect(slug(heading)).toBe(anchor));

  it('number repeated headings and skip code blocks', () => {
    const page = '# Use\n\n## Use\n\n```sh\n# not a heading\n```\n\n### Use #\n';
    expect([...anchors(page)]).toEqual(['use', 'use-1', 'use-2']);
  });
});

describe('the link check', () => {
  it('finds a missing file, a missing anchor on another page and on the same page (so the checks below can fail)', () => {
    const page = [
      '# Page',
      '[ok](#page) [ok too](releases.md#publish-releases) [dir](../bench) [web](https://example.com/#nope)',
      '[gone](no-such-page.md) [moved](releases.md#no-such-heading) [here](#nowhere)',
      '`[in code](nowhere.md)` and a fence:',
      '```md',
      '[in a fence](nowhere.md)',
      '```',
    ].join('\n');
    expect(deadLinks('docs/page.md', page)).toEqual([
      'no-such-page.md: no file docs/no-such-page.md',
      expect.stringMatching(/^releases\.md#no-such-heading: docs\/releases\.md has no heading #no-such-heading/),
      expect.stringMatching(/^#nowhere: docs\/page\.md has no heading #nowhere/),
    ]);
  });
});

describe("the README's and docs' relative links", () => {
  it('cover the docs pages', () => expect(DOC_FILES.length).toBeGreaterThan(5));
  it.each(DOC_FILES)('%s has no dead link', (file) => {
    expect(deadLinks(file, readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
  });
  it('reach every page of docs/ from docs/README.md', () => {
    const index = new Set(linkTargets(readFileSync(join(ROOT, 'docs', 'README.md'), 'utf8')).map((t) => t.split('#')[0]));
    const pages = DOC_FILES.filter((f) => f.startsWith('docs/') && f !== 'docs/README.md').map((f) => f.slice('docs/'.length));
    expect(pages.filter((p) => !index.has(p))).toEqual([]);
  });
  it('reach docs/README.md from the README', () => {
    expect(linkTargets(readFileSync(join(ROOT, 'README.md'), 'utf8'))).toContain('docs/README.md');
  });
});
