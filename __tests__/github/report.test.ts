import { describe, expect, it } from 'vitest';
import { marked } from 'marked';
import { publishReport, reportOutputs, summaryMarkdown, type PublishReport, type RunResult } from '../../src/github/report.js';
import { permissionHint, privatePackageNotice } from '../../src/github/hints.js';
import { previewCommentBody } from '../../src/github/pr-comment-body.js';

const report: PublishReport = {
  image: 'ghcr.io/acme/hello',
  component: 'target/hello.wasm',
  digest: 'sha256:aaa',
  configDigest: 'sha256:ccc',
  layerDigest: 'sha256:lll',
  size: 1717,
  tags: ['ghcr.io/acme/hello:1.0.0', 'ghcr.io/acme/hello:latest'],
  pushed: true,
  uploaded: ['sha256:lll'],
  skipped: ['sha256:ccc'],
  os: 'wasip2',
  imports: ['wasi:cli/environment@0.2.0'],
  exports: ['wasi:http/incoming-handler@0.2.0'],
};

describe('report', () => {
  it('outputs: digest, ref, tags one per line, and all of it as JSON', () => {
    const out = reportOutputs(report);
    expect(out).toMatchObject({
      digest: 'sha256:aaa',
      ref: 'ghcr.io/acme/hello@sha256:aaa',
      tags: 'ghcr.io/acme/hello:1.0.0\nghcr.io/acme/hello:latest',
      size: '1717',
    });
    expect(JSON.parse(out.metadata!)).toMatchObject({ digest: 'sha256:aaa', tags: report.tags, size: 1717, 'config-digest': 'sha256:ccc' });
  });
  it('summary: a table of what was pushed and the pull command', () => {
    const md = summaryMarkdown(report);
    expect(md).toContain('| Digest | `sha256:aaa` |');
    expect(md).toContain('`ghcr.io/acme/hello:latest`');
    expect(md).toContain('1 uploaded, 1 already present');
    expect(md).toContain('wkg oci pull ghcr.io/acme/hello@sha256:aaa');
  });
});

describe('publishReport', () => {
  const run: RunResult = {
    images: ['ghcr.io/acme/hello'],
    pushedImages: ['ghcr.io/acme/hello'],
    references: ['ghcr.io/acme/hello:1.0.0', 'ghcr.io/acme/hello:latest'],
    component: 'target/hello.wasm',
    facts: { kind: 'component', imports: ['wasi:cli/environment@0.2.0'], exports: ['wasi:http/incoming-handler@0.2.0'], target: null },
    manifestDigest: 'sha256:aaa',
    configDigest: 'sha256:ccc',
    layer: { digest: 'sha256:lll', size: 1717 },
    pushed: { uploaded: ['sha256:lll'], skipped: ['sha256:ccc'] },
    referrers: [],
  };
  it('a pushed component: full references, its names, what was sent', () => {
    expect(publishReport(run)).toEqual({ ...report, images: ['ghcr.io/acme/hello'], referrers: [] });
  });
  it('nothing pushed: no references, the reason; a core module is wasip1 with no names', () => {
    const r = publishReport({
      ...run,
      facts: { kind: 'module' },
      pushed: undefined,
      pushedImages: [],
      references: [],
      skippedBecause: 'this pull request comes from a fork',
      ociLayout: '/tmp/l',
    });
    expect(r).toMatchObject({
      tags: [],
      pushed: false,
      uploaded: [],
      skipped: [],
      os: 'wasip1',
      imports: [],
      exports: [],
      skippedBecause: 'this pull request comes from a fork',
      ociLayout: '/tmp/l',
    });
  });
  it('a WIT package: wasip2, its exports, its name, interfaces and worlds in the summary; no run line in the comment', () => {
    const facts = {
      kind: 'wit-package' as const,
      name: 'acme:greeter',
      version: '1.2.0',
      interfaces: ['acme:greeter/types@1.2.0'],
      worlds: ['acme:greeter/greeter@1.2.0'],
      exports: ['acme:greeter/greeter@1.2.0', 'acme:greeter/types@1.2.0', 'wasi:http/incoming-handler@0.2.0'],
      uses: [],
    };
    const r = publishReport({ ...run, facts });
    expect(r).toMatchObject({
      os: 'wasip2',
      imports: [],
      exports: facts.exports,
      package: { name: 'acme:greeter@1.2.0', interfaces: facts.interfaces, worlds: facts.worlds },
    });
    const md = summaryMarkdown(r);
    expect(md).toContain('## WIT package published');
    expect(md).toContain('| Kind | WIT package `acme:greeter@1.2.0` |');
    expect(md).toContain('Interfaces: `acme:greeter/types@1.2.0`  \nWorlds: `acme:greeter/greeter@1.2.0`');
    expect(md).toContain('-o package.wasm');
    const comment = previewCommentBody(r);
    expect(comment).toContain('### WIT package preview');
    expect(comment).toContain('| Package | `acme:greeter@1.2.0` |');
    expect(comment).not.toContain('wasmtime'); // it exports wasi:http/incoming-handler as an interface, not as a component that serves
    expect(previewCommentBody(publishReport(run))).toContain('wasmtime serve');
  });
});

describe('permissionHint', () => {
  it('names the permission GHCR needs on 401/403, and nothing elsewhere', () => {
    expect(permissionHint(403, 'ghcr.io')).toMatch(/permissions: packages: write/);
    expect(permissionHint(401, 'ghcr.io')).toMatch(/packages: write/);
    expect(permissionHint(500, 'ghcr.io')).toBeUndefined();
    expect(permissionHint(403, 'quay.io')).toBeUndefined();
  });
});

describe('a package nobody can pull anonymously', () => {
  it("names GHCR's settings page, for an organization's or a user's package, nested names encoded", () => {
    expect(privatePackageNotice('ghcr.io/acme/app', 'https://github.com', true)).toContain('https://github.com/orgs/acme/packages/container/app/settings');
    expect(privatePackageNotice('ghcr.io/ada/acme/greeter', 'https://github.com', false)).toContain(
      'https://github.com/users/ada/packages/container/acme%2Fgreeter/settings',
    );
    expect(privatePackageNotice('registry.example/acme/app', 'https://github.com', true)).toBe(
      'Anonymous clients cannot pull registry.example/acme/app: pulling it needs credentials for registry.example.',
    );
  });

  it('the preview comment says to log in first; a public one says nothing', () => {
    const facts = { image: 'ghcr.io/acme/app', digest: 'sha256:aaa', tags: [], exports: [], imports: [] };
    expect(previewCommentBody({ ...facts, public: false })).toContain('> Private: log in first (`docker login ghcr.io`');
    expect(previewCommentBody({ ...facts, public: true })).not.toContain('Private');
  });
});

describe('an attestation URL holding Markdown or HTML', () => {
  it.each([
    'https://github.com/acme/hello/attestations/1) <img src=x onerror=alert(1)> [x](https://evil.example/t',
    'https://github.com/acme/hello/attestations/1>\n## injected | cell',
    'javascript:alert(1)//https://github.com/acme/hello/attestations/1',
  ])('the summary links only to its https URL, read back by marked: %j', (url) => {
    const html = marked.parse(summaryMarkdown({ ...report, attestations: { owner: 'acme', provenance: { id: '1', url } } }), { async: false });
    expect(html).not.toMatch(/<img|<h2[^>]*>injected/);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    for (const href of hrefs) expect(new URL(href).origin).toBe('https://github.com');
    expect(html).toContain('Build provenance');
  });
});
