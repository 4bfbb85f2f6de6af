// The fault-injection suite: the bundled action, with debug logging on, pushing through a proxy that breaks
// things in front of the real registry (token auth), and bad input. Transient faults must end with the
// artifact read back byte-identical through skopeo; permanent ones must fail naming the cause with no tag
// pointing at missing content; no secret may appear in any log. The suite writes docs/reliability.md.
import { HOSTILE_CASES } from '../hostile-inputs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { registryForSuite, startRegistry, TEST_CREDENTIALS, type TestRegistry } from '../helpers/registry.js';
import { startProxy, type Fault, type Proxy, type ProxyOptions, type RecordedRequest } from '../helpers/proxy.js';
import { freePort, resolveToLoopback } from '../helpers/ports.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import { errorMessage, runAction, ROOT, visibleOutput, type ActionRun } from '../helpers/action.js';
import { helloComponentFile, tmp, witPackageFile } from '../helpers/components.js';
import { startScriptedServer } from '../helpers/scripted-server.js';
import { copyToLayout, listTags, rawConfig, rawManifest } from '../helpers/skopeo.js';
import { exportSection, importSection, PREAMBLE } from '../helpers/wasm-bytes.js';
import { startGitHubApi } from '../helpers/github-api.js';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { code } from '../../src/github/markdown.js';
import { fetchWitDependencies } from '../../src/wit/fetch-deps.js';
import { parseWkgConfig } from '../../src/wit/wkg-config.js';
import { registryVersions } from '../../src/publish/cleanup.js';
import { parseRepository } from '../../src/oci/reference.js';
import { RepositoryClient } from '../../src/oci/repository.js';
import { RetryPolicy } from '../../src/oci/policy.js';
import { sha256Digest } from '../../src/oci/spec.js';
import { ActionError } from '../../src/errors.js';

interface Row {
  scenario: string;
  expected: 'recovers' | 'fails' | 'continues';
  outcome: string;
}
const rows: Row[] = [];

/** Fires `fault` on the first `times` requests that match. */
function times(n: number, match: (r: RecordedRequest) => boolean, fault: Fault | ((r: RecordedRequest) => Fault)) {
  let left = n;
  return (r: RecordedRequest): Fault | undefined => {
    if (left <= 0 || !match(r)) return undefined;
    left--;
    return typeof fault === 'function' ? fault(r) : fault;
  };
}
const repoFor = (name: string) =>
  `faults/${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`.slice(0, 60);
const STORAGE_SCENARIOS = { location: 'upload Location on another host (absolute URL)', redirect: 'redirect (307) on a blob check to another host' };
const manifestPut = (r: RecordedRequest) => r.method === 'PUT' && /\/manifests\/v1$/.test(r.url);
const blobPut = (r: RecordedRequest) => r.method === 'PUT' && r.url.includes('/blobs/uploads/');
const blobPost = (r: RecordedRequest) => r.method === 'POST' && r.url.includes('/blobs/uploads/');
const blobHead = (r: RecordedRequest) => r.method === 'HEAD' && r.url.includes('/blobs/sha256:');

// After both groups below: the table lists every scenario and bad input.
afterAll(() => {
  const table = [
    '# Reliability',
    '',
    'Written by `__tests__/e2e/faults.itg.test.ts` on every run of the suite: the bundled action against the real',
    'registry (token auth) behind a fault-injecting proxy, with `RUNNER_DEBUG=1`. "Recovers" means the push',
    'succeeded and skopeo read the layer back byte-identical; "fails" means exit code 1 with the message shown, and',
    'any tag in the repository names complete content (skopeo copied it); "continues" means the step succeeds and',
    'says what it could not do. No password or token appeared in any output of any run.',
    '',
    'Still possible: two releases pushing at the same moment can move a floating tag (`1.2`, `1`, `latest`)',
    'backwards if one reads the tag list in the instant between the other reading it and moving its floating',
    'tags (each moves them only after its own version tag has landed, judged by a fresh tag list). A workflow',
    '`concurrency` group for releases (docs/releases.md) rules it out.',
    '',
    '| scenario | expected | outcome |',
    '|---|---|---|',
    // Temporary directories (mkdtemp's random suffix) as $TMP, so that the file changes only when outcomes do.
    // Outcomes quote what the action said, hostile names included: each is one code span (src/github/markdown.ts).
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.expected} | ${code(
          r.outcome.replace(/\/tmp\/[\w.-]+-[A-Za-z0-9]{6}\//g, () => '$TMP/'),
          true,
        )} |`,
    ),
    '',
    '## Hostile inputs',
    '',
    'Input a workflow author does not control, the guard that refuses it, and the test that fails without that guard',
    '(the list is `__tests__/hostile-inputs.ts`; `hostile-inputs.test.ts` checks that each test exists).',
    '',
    '| threat | guard | test |',
    '|---|---|---|',
    ...HOSTILE_CASES.map((c) => `| ${c.threat} | ${c.guard} | \`${c.test[0]}\`: ${c.test[1]} |`),
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'docs', 'reliability.md'), table);
});

describe('faults between the action and the registry', () => {
  let registry: TestRegistry;
  let component: string;
  let storage: Proxy;
  let bearer = '';
  const secrets = () => [TEST_CREDENTIALS.password, ...registry.tokenServer!.issued];

  beforeAll(async () => {
    registry = await startRegistry('token');
    component = await helloComponentFile();
    // A storage host for redirects and foreign upload locations: it authorizes requests by itself.
    bearer = await tokenFor(repoFor(STORAGE_SCENARIOS.location), repoFor(STORAGE_SCENARIOS.redirect));
    storage = await startProxy({ target: registry.host, addHeaders: { authorization: `Bearer ${bearer}` } });
  });
  /** A token for `repos` from the real token server, for a proxy that stands in as their authority. */
  async function tokenFor(...repos: string[]): Promise<string> {
    const scopes = repos.map((repo) => `scope=repository:${repo}:pull,push`).join('&');
    const res = await fetch(`${registry.tokenServer!.realm}?service=${registry.tokenServer!.service}&${scopes}`, {
      headers: { authorization: `Basic ${Buffer.from(`${TEST_CREDENTIALS.username}:${TEST_CREDENTIALS.password}`).toString('base64')}` },
    });
    return ((await res.json()) as { token: string }).token;
  }
  afterAll(async () => {
    await storage.stop();
    await registry.stop();
  });

  async function scenario(
    name: string,
    expected: Row['expected'],
    fault: (r: RecordedRequest) => Fault | undefined,
    check?: (run: ActionRun, proxy: Proxy) => void,
    rewrite?: Parameters<typeof startProxy>[0]['rewriteResponseHeaders'],
  ) {
    const repo = repoFor(name);
    const proxy = await startProxy({ target: registry.host, fault, rewriteResponseHeaders: rewrite });
    try {
      const run = await runAction({
        inputs: {
          component,
          image: `${proxy.host}/${repo}`,
          tags: 'v1',
          username: TEST_CREDENTIALS.username,
          password: TEST_CREDENTIALS.password,
          sbom: 'false',
        },
        // A fixed `created`: the manifest digest, and so docs/reliability.md, is the same on every run.
        env: { RUNNER_DEBUG: '1', SOURCE_DATE_EPOCH: '1700000000', WASM_OCI_PUBLISH_RETRY_BASE_MS: '20', WASM_OCI_PUBLISH_TIMEOUT_MS: '1500' },
      });
      const seen = visibleOutput(run);
      for (const secret of secrets()) expect(seen, `secret in the output of "${name}"`).not.toContain(secret);
      if (expected === 'recovers') {
        expect(run.code, `${name}: ${errorMessage(run)}`).toBe(0);
        const layout = tmp('fault-readback');
        await copyToLayout(`${registry.host}/${repo}:v1`, layout, registry);
        const layer = readFileSync(join(layout, 'blobs', 'sha256', (run.outputs['layer-digest'] ?? '').slice(7)));
        expect(layer.equals(readFileSync(component))).toBe(true);
        rows.push({ scenario: name, expected, outcome: 'recovered; read back byte-identical' });
      } else {
        expect(run.code).toBe(1);
        // Whatever tag exists must name complete content: skopeo copies every blob it refers to.
        const tags = await listTags(`${registry.host}/${repo}`, registry).catch(() => []);
        for (const tag of tags) await copyToLayout(`${registry.host}/${repo}:${tag}`, tmp('fault-tagged'), registry);
        rows.push({ scenario: name, expected, outcome: `failed (${tags.length ? 'tag complete' : 'nothing tagged'}): ${errorMessage(run).slice(0, 160)}` });
      }
      check?.(run, proxy);
      return run;
    } finally {
      await proxy.stop();
    }
  }

  it('500 on the manifest push', () => scenario('HTTP 500 on the manifest push', 'recovers', times(1, manifestPut, { status: 500 })));
  it('502 on the upload start', () => scenario('HTTP 502 on the upload start', 'recovers', times(1, blobPost, { status: 502 })));
  it('503 with Retry-After', () =>
    scenario('HTTP 503 with Retry-After: 1 on a blob check', 'recovers', times(1, blobHead, { status: 503, headers: { 'retry-after': '1' } })));
  it('503 without Retry-After', () => scenario('HTTP 503 (no Retry-After) twice on blob uploads', 'recovers', times(2, blobPut, { status: 503 })));
  it('429', () => scenario('HTTP 429 on the manifest push', 'recovers', times(1, manifestPut, { status: 429, headers: { 'retry-after': '0' } })));
  it('408', () => scenario('HTTP 408 on the upload start', 'recovers', times(1, blobPost, { status: 408 })));
  it('reset during an upload body', () =>
    scenario('connection reset in the middle of a blob upload body', 'recovers', times(1, blobPut, { reset: 'request' }), (_, proxy) => {
      // A new upload session, not the same location again.
      expect(proxy.requests.filter(blobPost).length).toBeGreaterThanOrEqual(3);
    }));
  it('reset during a response body', () =>
    scenario(
      'connection reset in the middle of a response body',
      'recovers',
      times(1, (r) => r.method === 'GET' && r.url.includes('/referrers/'), { reset: 'response' }),
      undefined,
    ));
  it('stall past the timeout', () => scenario('no answer past the client timeout (1.5 s) on a blob check', 'recovers', times(1, blobHead, { stallMs: 4000 })));
  it('token expired mid-push', async () => {
    const before = registry.tokenServer!.issued.length;
    await scenario(
      'token expired mid-push (401 on the manifest push)',
      'recovers',
      times(1, manifestPut, (r) => ({
        status: 401,
        headers: {
          'www-authenticate': `Bearer realm="${registry.tokenServer!.realm}",service="${registry.tokenServer!.service}",scope="repository:${r.url.split('/v2/')[1]!.split('/manifests/')[0]}:pull,push"`,
        },
        body: '{"errors":[{"code":"UNAUTHORIZED","message":"token expired"}]}',
      })),
    );
    // The first token, then one more after the 401: the push went on with it.
    expect(registry.tokenServer!.issued.length - before).toBeGreaterThanOrEqual(2);
  });
  it('odd WWW-Authenticate quoting', () =>
    scenario(
      'WWW-Authenticate with odd spacing, case and quoting',
      'recovers',
      () => undefined,
      undefined,
      (_, headers) =>
        headers['www-authenticate']
          ? {
              ...headers,
              'www-authenticate': String(headers['www-authenticate']).replace('Bearer ', 'bearer   ').replace(/,/g, ' , ').replace('service=', 'Service = '),
            }
          : headers,
    ));
  it('upload Location on another host', () =>
    scenario(
      STORAGE_SCENARIOS.location,
      'recovers',
      () => undefined,
      () => {
        expect(storage.requests.filter((r) => r.method === 'PUT').length).toBeGreaterThan(0);
        expect(storage.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
        storage.requests.length = 0;
      },
      (req, headers) =>
        req.method === 'POST' && headers.location
          ? {
              ...headers,
              location: `http://${storage.host}${new URL(String(headers.location), 'http://x').pathname}${new URL(String(headers.location), 'http://x').search}`,
            }
          : headers,
    ));
  it('redirect on a blob check', () =>
    scenario(
      STORAGE_SCENARIOS.redirect,
      'recovers',
      times(2, blobHead, (r) => ({ status: 307, headers: { location: `http://${storage.host}${r.url}` } })),
      () => {
        expect(storage.requests.some((r) => r.method === 'HEAD')).toBe(true);
        expect(storage.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
        storage.requests.length = 0;
      },
    ));
  it('wrong Docker-Content-Digest', () =>
    scenario(
      'wrong Docker-Content-Digest on the manifest push',
      'fails',
      () => undefined,
      (run) => expect(errorMessage(run)).toMatch(/reports digest sha256:0+, expected/),
      (req, headers) => (manifestPut(req) ? { ...headers, 'docker-content-digest': `sha256:${'0'.repeat(64)}` } : headers),
    ));
  it('a registry that ignores the upload', () =>
    scenario(
      'registry answers 201 to the final PUT but stores nothing',
      'fails',
      (r) => (blobPut(r) ? { status: 201 } : undefined),
      (run) => expect(errorMessage(run)).toMatch(/accepted the upload but has no blob under that digest/),
    ));
  it('persistent 500', () =>
    scenario(
      'HTTP 500 on every blob upload',
      'fails',
      (r) => (blobPut(r) ? { status: 500, body: '{"errors":[{"code":"UNKNOWN","message":"storage down"}]}' } : undefined),
      (run) => expect(errorMessage(run)).toMatch(/HTTP 500 \(UNKNOWN: storage down\)/),
    ));
  it('a 10 MiB error page', () =>
    scenario(
      'a 10 MiB error body that is not JSON',
      'fails',
      (r) => (blobPost(r) ? { status: 400, body: `<html>${'x'.repeat(10 * 1024 * 1024)}</html>` } : undefined),
      (run) => expect(errorMessage(run).length).toBeLessThan(600),
    ));
  it('credentials refused', async () => {
    const proxy = await startProxy({ target: registry.host });
    const run = await runAction({
      inputs: { component, image: `${proxy.host}/faults/denied`, tags: 'v1', username: 'ci-user', password: 'not-the-password' },
      env: { RUNNER_DEBUG: '1' },
    });
    await proxy.stop();
    expect(run.code).toBe(1);
    expect(visibleOutput(run)).not.toContain('not-the-password');
    // Config and layer are checked in parallel: either may meet the refusal first, so the digest is left out.
    const said = errorMessage(run).replace(/blob sha256:[0-9a-f]{64}/, 'blob sha256:…');
    rows.push({ scenario: 'wrong password', expected: 'fails', outcome: `failed (nothing tagged): ${said.slice(0, 160)}` });
  });

  /** A token for `repo` from the real token server, as the proxy's stand-in authority. */
  it('two releases at once', async () => {
    const name = 'two releases at once: v1.0.0 is held after its first manifest PUT while v1.1.0 publishes';
    const repo = repoFor('two releases at once');
    let newerDone!: () => void;
    const held = new Promise<void>((resolve) => (newerDone = resolve));
    const proxy = await startProxy({
      target: registry.host,
      fault: (r) => (r.method === 'PUT' && r.url.endsWith('/manifests/1.0.0') ? { holdUntil: held } : undefined),
    });
    const release = (version: string) =>
      runAction({
        inputs: { component, image: `${proxy.host}/${repo}`, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password, sbom: 'false' },
        env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: `refs/tags/v${version}`, GITHUB_REPOSITORY: 'acme/hello', SOURCE_DATE_EPOCH: '1700000000' },
      });
    try {
      const older = release('1.0.0');
      for (let i = 0; i < 200 && !proxy.requests.some((r) => r.method === 'PUT' && r.url.endsWith('/manifests/1.0.0')); i++) await sleep(50);
      const newer = await release('1.1.0');
      expect(newer.code, errorMessage(newer)).toBe(0);
      newerDone();
      const olderRun = await older;
      expect(olderRun.code, errorMessage(olderRun)).toBe(0);
      const digestOf = async (tag: string) => sha256Digest(Buffer.from(await rawManifest(`${registry.host}/${repo}:${tag}`, registry)));
      expect(await digestOf('latest')).toBe(newer.outputs.digest);
      expect(await digestOf('1')).toBe(newer.outputs.digest);
      expect(await digestOf('1.0')).toBe(olderRun.outputs.digest);
      expect(olderRun.outputs.tags?.split('\n')).toEqual([`${proxy.host}/${repo}:1.0.0`, `${proxy.host}/${repo}:1.0`]);
      rows.push({ scenario: name, expected: 'recovers', outcome: 'latest and 1 stay on 1.1.0, 1.0 goes to 1.0.0' });
    } finally {
      newerDone();
      await proxy.stop();
    }
  });

  it('a one-character token', async () => {
    const name = 'a one-character token from the token endpoint';
    const repo = repoFor(name);
    const real = await tokenFor(repo);
    // The proxy plays a registry whose token endpoint hands out `e`; it swaps in a real token on the way on.
    let host = '';
    const proxy = await startProxy({
      target: registry.host,
      addHeaders: { authorization: `Bearer ${real}` },
      fault: (r) => {
        if (r.url.startsWith('/token')) return { status: 200, body: '{"token":"e"}' };
        if (!r.headers.authorization) return { status: 401, headers: { 'www-authenticate': `Bearer realm="http://${host}/token",service="faults"` } };
        return undefined;
      },
    });
    host = proxy.host;
    try {
      const run = await runAction({
        inputs: { component, image: `${proxy.host}/${repo}`, tags: 'v1', sbom: 'false' },
        env: { RUNNER_DEBUG: '1', SOURCE_DATE_EPOCH: '1700000000' },
      });
      expect(run.code, errorMessage(run)).toBe(0);
      expect(proxy.requests.some((r) => r.headers.authorization === 'Bearer e')).toBe(true);
      expect(run.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'))).not.toContainEqual('::add-mask::e');
      rows.push({ scenario: name, expected: 'recovers', outcome: 'recovered; the token was used and not masked (masking "e" would hide every e in the log)' });
    } finally {
      await proxy.stop();
    }
  });

  it.each([
    [
      'a tag list whose Link always names a new page',
      (page: number) => `?n=1000&last=p${page}`,
      /listing of tags failed: the registry had more than 1000 pages of tags/,
    ],
    [
      'a tag list whose Link names the same page again',
      () => '?n=1000&last=again',
      /listing of tags failed: the registry named the page .* twice in its Link headers/,
    ],
  ])('%s', async (name, next, message) => {
    const repo = repoFor(name);
    let pages = 0;
    const proxy = await startProxy({
      target: registry.host,
      fault: (r) =>
        r.method === 'GET' && r.url.includes('/tags/list')
          ? { status: 200, headers: { link: `</v2/${repo}/tags/list${next(++pages)}>; rel="next"` }, body: JSON.stringify({ name: repo, tags: ['0.9.0'] }) }
          : undefined,
    });
    try {
      // A release: the floating tags need the tags the registry already has.
      const run = await runAction({
        inputs: { component, image: `${proxy.host}/${repo}`, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password, sbom: 'false' },
        env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v1.0.0', GITHUB_REPOSITORY: 'acme/hello', SOURCE_DATE_EPOCH: '1700000000' },
      });
      expect(run.code).toBe(1);
      expect(errorMessage(run)).toMatch(message);
      expect(pages).toBeLessThanOrEqual(1001);
      // The release's own tag went up first (complete: skopeo copies it); no floating tag moved.
      expect(await listTags(`${registry.host}/${repo}`, registry)).toEqual(['1.0.0']);
      await copyToLayout(`${registry.host}/${repo}:1.0.0`, tmp('fault-tagged'), registry);
      rows.push({
        scenario: name,
        expected: 'fails',
        outcome: `failed (1.0.0 complete, no floating tag) after ${pages} pages: ${errorMessage(run).slice(0, 160)}`,
      });
    } finally {
      await proxy.stop();
    }
  });
});

describe('hostile input that is valid', () => {
  const anonymous = registryForSuite('anonymous');

  it("a pull-request comment by someone else carrying the action's marker", async () => {
    const api = await startGitHubApi();
    try {
      const image = `${anonymous.host}/faults/squatted`;
      api.comments.push({ id: 1, issue: 5, body: `<!-- wasm-oci-publish:${image} -->\n[Download the preview](https://evil.example)`, user: 'mallory' });
      const run = await runAction({
        inputs: { component: await helloComponentFile(), image, 'github-token': 'ghs_faultsuitetoken0123456789abcdefghij', sbom: 'false' },
        env: {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_REF: 'refs/pull/5/merge',
          GITHUB_REPOSITORY: 'acme/hello',
          GITHUB_API_URL: api.url,
          SOURCE_DATE_EPOCH: '1700000000',
        },
        payload: {
          number: 5,
          pull_request: { number: 5, head: { sha: 'a'.repeat(40), repo: { full_name: 'acme/hello' } }, base: { repo: { full_name: 'acme/hello' } } },
        },
      });
      expect(run.code, errorMessage(run)).toBe(0);
      expect(api.comments.map((c) => c.user)).toEqual(['mallory', 'github-actions[bot]']);
      expect(api.comments[0]!.body).toContain('evil.example');
      rows.push({
        scenario: "a PR comment by someone else carrying the action's marker",
        expected: 'recovers',
        outcome: 'left alone; the action wrote its own comment',
      });
    } finally {
      await api.stop();
    }
  });

  it('a component with 60,000 imports', async () => {
    const dir = tmp('many-imports');
    const imports = Array.from({ length: 60_000 }, (_, i): [string, 'func'] => [`f${i}`, 'func']);
    writeFileSync(join(dir, 'many.wasm'), Buffer.from([...PREAMBLE, ...importSection(imports)]));
    const run = await runAction({
      inputs: { component: join(dir, 'many.wasm'), image: `${anonymous.host}/faults/many-imports`, tags: 'v1', sbom: 'false' },
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(run.code, errorMessage(run)).toBe(0);
    const config = JSON.parse(await rawConfig(`${anonymous.host}/faults/many-imports:v1`));
    expect(config.component.imports).toHaveLength(60_000);
    expect(run.summary).toMatch(/`f99`, and 59900 more/);
    rows.push({
      scenario: 'a component with 60,000 imports',
      expected: 'recovers',
      outcome: 'published; the summary lists 100 and counts the rest (bench/ times the read)',
    });
  });
});

describe('an OCI layout an earlier run left broken', () => {
  const layoutRun = (component: string, layout: string) =>
    runAction({
      inputs: { component, image: '127.0.0.1:1/acme/layout', tags: 'v1', push: 'false', 'oci-layout': layout },
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });

  it('a truncated layer blob (a run killed mid-copy) is written again', async () => {
    const component = await helloComponentFile();
    const layout = tmp('layout-truncated');
    const first = await layoutRun(component, layout);
    const blob = join(layout, 'blobs', 'sha256', (first.outputs['layer-digest'] ?? '').slice(7));
    writeFileSync(blob, readFileSync(blob).subarray(0, 100));
    const second = await layoutRun(component, layout);
    expect(second.code, errorMessage(second)).toBe(0);
    expect(readFileSync(blob).equals(readFileSync(component))).toBe(true);
    rows.push({
      scenario: 'OCI layout: a truncated layer blob left by an interrupted run',
      expected: 'recovers',
      outcome: 'blob written again, verified by its digest',
    });
  });

  it('a truncated index.json fails the step and is kept', async () => {
    const component = await helloComponentFile();
    const layout = tmp('layout-index');
    await layoutRun(component, layout);
    writeFileSync(join(layout, 'index.json'), readFileSync(join(layout, 'index.json')).subarray(0, 40));
    const run = await layoutRun(component, layout);
    expect(run.code).toBe(1);
    expect(errorMessage(run)).toMatch(/index\.json is not an OCI image index/);
    rows.push({
      scenario: 'OCI layout: a truncated index.json',
      expected: 'fails',
      outcome: `failed, the file kept: ${errorMessage(run)
        .replace(/\/tmp\/[\w.-]+-[A-Za-z0-9]{6}\//g, '$TMP/')
        .slice(0, 160)}`,
    });
  });
});

describe('hostile registries: WIT dependencies and cleanup', () => {
  it('a WIT dependency whose blob is not what its digest says', async () => {
    const bytes = readFileSync(await witPackageFile('acme-greeter'));
    const manifest = JSON.stringify({ schemaVersion: 2, layers: [{ mediaType: 'application/wasm', digest: sha256Digest(bytes), size: bytes.length }] });
    const hostile = await startScriptedServer((req, res) => {
      if (req.url.includes('/manifests/')) return void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
      if (req.url.includes('/blobs/')) return void res.writeHead(200).end(Buffer.concat([bytes, Buffer.from([0])]));
      res.writeHead(404).end();
    });
    try {
      const witDir = join(tmp('hostile-wit'), 'wit');
      mkdirSync(witDir);
      writeFileSync(join(witDir, 'world.wit'), 'package acme:app;\nworld app { import acme:greeter/greet@1.2.0; }\n');
      const config = parseWkgConfig(`[namespace_registries]\nacme = { registry = "h", metadata = { oci = { registry = "${hostile.host}" } } }`, 'c.toml');
      const open = (registry: string, repository: string) =>
        Promise.resolve(new RepositoryClient(parseRepository(`${registry}/${repository}`), { plainHttp: true }));
      const err = await fetchWitDependencies(
        { witDir, mode: 'auto', config, overrides: {}, lock: undefined, locked: false },
        { open, metadata: () => Promise.resolve(undefined), info: () => undefined },
      ).then(
        () => new Error('fetched'),
        (e: Error) => e,
      );
      expect(err.message).toMatch(/the registry sent bytes whose digest is sha256:/);
      expect(readdirSync(witDir)).toEqual(['world.wit']); // nothing written into wit/deps
      rows.push({
        scenario: 'a WIT dependency whose blob is not what its digest says',
        expected: 'fails',
        outcome: `refused, wit/deps untouched: ${err.message
          .replace(/127\.0\.0\.1:\d+/g, '<registry>')
          .replace(/sha256:\w+/g, 'sha256:…')
          .slice(0, 160)}`,
      });
    } finally {
      await hostile.stop();
    }
  });

  it('a registry that refuses deletes: the closed pull request leaves its previews, with a warning', async () => {
    const readOnly = await startRegistry('anonymous', { deletes: false });
    try {
      const payload = {
        pull_request: { number: 7, head: { sha: 'a'.repeat(40), repo: { full_name: 'acme/app' } }, base: { repo: { full_name: 'acme/app' } } },
      };
      const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge', GITHUB_REPOSITORY: 'acme/app', SOURCE_DATE_EPOCH: '1700000000' };
      const image = `${readOnly.host}/acme/kept`;
      expect((await runAction({ inputs: { component: await helloComponentFile(), image, 'pr-comment': 'false', sign: 'false' }, env, payload })).code).toBe(0);
      const run = await runAction({ inputs: { component: 'unused.wasm', image }, env, payload: { ...payload, action: 'closed' } });
      expect(run.code).toBe(0);
      expect(await listTags(image)).toContain('pr-7');
      const said = /::warning::(.*)/.exec(run.stdout)?.[1] ?? '';
      expect(said).toMatch(/does not delete manifests/);
      rows.push({
        scenario: 'a registry that refuses deletes, on the closed event',
        expected: 'continues',
        outcome: `previews kept, warned: ${said
          .replace(/127\.0\.0\.1:\d+/g, '<registry>')
          .replace(/sha256:\w+/g, 'sha256:…')
          .slice(0, 160)}`,
      });
    } finally {
      await readOnly.stop();
    }
  });

  it('a registry that answers a DELETE by tag with an error other than UNSUPPORTED', async () => {
    const server = await startScriptedServer(
      (_, res) => void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'DIGEST_INVALID' }] })),
    );
    const client = new RepositoryClient(parseRepository(`${server.host}/acme/app`), { plainHttp: true });
    try {
      expect(await registryVersions(client).untag('pr-7')).toBe(false);
      rows.push({
        scenario: 'a DELETE of a preview tag refused with 400 DIGEST_INVALID (cleanup of a shared version)',
        expected: 'continues',
        outcome: 'the tag stays, the version is kept, the cleanup goes on',
      });
    } finally {
      await client.close();
      await server.stop();
    }
  });
});

describe('bad input', () => {
  const dir = tmp('bad-input-table');
  const file = (name: string, content: Buffer | string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  const cases: Array<[string, () => Promise<Record<string, string>> | Record<string, string>]> = [
    ['an empty file', () => ({ component: file('empty.wasm', '') })],
    ['a truncated component', async () => ({ component: file('half.wasm', readFileSync(await helloComponentFile()).subarray(0, 800)) })],
    ['a file that is not Wasm', () => ({ component: file('text.wasm', 'not wasm at all') })],
    [
      'a directory',
      () => {
        mkdirSync(join(dir, 'd.wasm'), { recursive: true });
        return { component: join(dir, 'd.wasm') };
      },
    ],
    ['an empty path with build: none', () => ({ component: '', build: 'none' })],
    [
      'a FIFO',
      () => {
        execFileSync('mkfifo', [join(dir, 'fifo.wasm')]);
        return { component: join(dir, 'fifo.wasm') };
      },
    ],
    ['a device file', () => ({ component: '/dev/zero' })],
    [
      'a symlink loop',
      () => {
        symlinkSync(join(dir, 'b.wasm'), join(dir, 'a.wasm'));
        symlinkSync(join(dir, 'a.wasm'), join(dir, 'b.wasm'));
        return { component: join(dir, 'a.wasm') };
      },
    ],
    [
      'a component whose export name holds Markdown and HTML (for the summary and the PR comment)',
      () => ({
        component: file('hostile.wasm', Buffer.from([...PREAMBLE, ...exportSection([['greet`](https://evil.example)<img src=x onerror=alert(1)>', 'func']])])),
      }),
    ],
    [
      'a component of types that only looks like a WIT package (items of two packages)',
      async () => {
        const iface = (name: string) => `(type (component (type (instance)) (export "${name}" (instance (type 0)))))`;
        return {
          component: file(
            'two-packages.wasm',
            Buffer.from(await parse(`(component ${iface('a:b/x@1.0.0')} (export "x" (type 0)) ${iface('a:c/y@1.0.0')} (export "y" (type 2)))`)),
          ),
        };
      },
    ],
    ['an image with upper case', () => ({ image: '127.0.0.1:1/Acme/x' })],
    ['an image with a scheme', () => ({ image: 'https://127.0.0.1:1/acme/x' })],
    ['an image with spaces', () => ({ image: '127.0.0.1:1/acme/x y' })],
    ['a tag that breaks the grammar', () => ({ tags: '-bad' })],
    ['a 129-character tag', () => ({ tags: 'a'.repeat(129) })],
    ['an annotation line without =', () => ({ annotations: 'no-equals' })],
    ['control characters in an annotation value', () => ({ annotations: 'org.example.x=a\u001b[31mred' })],
  ];
  it.each(cases)('%s: exit 1, a message naming the cause, nothing sent', async (name, make) => {
    const component = await helloComponentFile();
    const run = await runAction({ inputs: { component, image: '127.0.0.1:1/acme/never', tags: 'v1', ...(await make()) } });
    expect(run.code).toBe(1);
    expect(errorMessage(run)).not.toMatch(/cannot reach/); // it failed on the input, before any request
    rows.push({ scenario: `bad input: ${name}`, expected: 'fails', outcome: `failed before any request: ${errorMessage(run).slice(0, 160)}` });
  });
});

// Credentials and TLS, through the client itself: the real registry (htpasswd) sits behind a TLS-terminating
// proxy, reached by a name (registry.test, which the client's own resolver sends to loopback; its certificate
// made here), so to the client it is a remote registry. That proxy, configured as people often do, forgets
// X-Forwarded-Proto, and the registry then writes http:// upload locations; a hostile one redirects to plain
// HTTP or sends the token request to an internal address. Credentials must never leave TLS or the registry's origin.
describe('a registry behind TLS', () => {
  const registry = registryForSuite('htpasswd');
  const NAME = 'registry.test';
  const blob = Buffer.from('a layer that must only ever travel over TLS');
  const desc = { mediaType: 'application/wasm', digest: sha256Digest(blob), size: blob.length };

  let tls: { key: Buffer; cert: Buffer };
  /** A plain-HTTP server at the same name: anything that reaches it left TLS. */
  let plain: { port: number; seen: Array<{ url: string; authorization?: string }>; server: Server };
  let front: Proxy | undefined;

  beforeAll(async () => {
    const dir = tmp('tls');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        `/CN=${NAME}`,
        '-addext',
        `subjectAltName=DNS:${NAME}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
    const seen: Array<{ url: string; authorization?: string }> = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      res.writeHead(404).end();
    });
    const port = await freePort();
    await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
    plain = { port, seen, server };
  });
  afterAll(async () => {
    await front?.stop();
    await new Promise<void>((ok) => plain.server.close(() => ok()));
  });

  async function clientBehind(options: Omit<ProxyOptions, 'target' | 'tls'>, proxyEnv?: Record<string, string>): Promise<RepositoryClient> {
    await front?.stop();
    front = await startProxy({ ...options, target: registry.host, tls });
    const port = front.host.split(':')[1];
    return new RepositoryClient(
      { registry: `${NAME}:${port}`, name: 'tls/app' },
      {
        plainHttp: false,
        credentials: TEST_CREDENTIALS,
        retry: new RetryPolicy({ ...new RetryPolicy().settings, maxRetries: 0 }),
        connect: { ca: tls.cert, lookup: resolveToLoopback },
        proxyEnv,
      },
    );
  }

  async function failure(promise: Promise<unknown>): Promise<ActionError> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ActionError);
    return err as ActionError;
  }

  it('pushes over TLS when the proxy tells the registry its scheme (X-Forwarded-Proto)', async () => {
    const client = await clientBehind({ addHeaders: { 'x-forwarded-proto': 'https' } });
    try {
      expect(await client.pushBlob(desc, { bytes: blob })).toBe(true);
      expect(front!.requests.some((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
      rows.push({
        scenario: 'TLS proxy in front of the registry, with X-Forwarded-Proto (reached by name over https)',
        expected: 'recovers',
        outcome: 'pushed over TLS',
      });
    } finally {
      await client.close();
    }
  });

  it('refuses the http:// upload Location of a proxy without X-Forwarded-Proto, naming the cause', async () => {
    const client = await clientBehind({});
    try {
      const err = await failure(client.pushBlob({ ...desc, digest: sha256Digest(Buffer.from('x')) }, { bytes: Buffer.from('x') }));
      expect(err.kind).toBe('registry-protocol');
      expect(err.message).toMatch(
        new RegExp(`sent the client to http://${NAME}:\\d+/v2/tls/app/blobs/uploads/.*refusing to leave TLS.*X-Forwarded-Proto: https`),
      );
      expect(front!.requests.map((r) => r.method)).toEqual(['HEAD', 'HEAD', 'POST']); // 401, then with credentials; no PUT anywhere
      // Port and upload session change from run to run; the table should not.
      const said = err.message
        .replace(/sha256:\w+/, 'sha256:…')
        .replace(/registry\.test:\d+/g, 'registry.test:<port>')
        .replace(/uploads\/[0-9a-f-]+/, 'uploads/<session>');
      rows.push({
        scenario: 'TLS proxy without X-Forwarded-Proto: the registry writes an http:// upload Location',
        expected: 'fails',
        outcome: `refused, nothing sent over HTTP: ${said}`,
      });
    } finally {
      await client.close();
    }
  });

  it.each([
    ['an upload Location', (r: { method: string }) => r.method === 'POST'],
    ['a redirect of a blob check', (r: { method: string }) => r.method === 'HEAD'],
  ])('refuses %s to plain HTTP on the same name: nothing, and no credentials, reach it', async (what, which) => {
    plain.seen.length = 0;
    const client = await clientBehind({
      addHeaders: { 'x-forwarded-proto': 'https' },
      fault: (r) =>
        which(r) && r.headers.authorization
          ? { status: r.method === 'POST' ? 202 : 307, headers: { location: `http://${NAME}:${plain.port}/v2/tls/app/x` } }
          : undefined,
    });
    try {
      const err = await failure(client.pushBlob({ ...desc, digest: sha256Digest(Buffer.from('y')) }, { bytes: Buffer.from('y') }));
      expect(err.message).toMatch(/refusing to leave TLS/);
      expect(plain.seen).toEqual([]);
      rows.push({
        scenario: `a TLS registry sends ${what} to http:// on its own name`,
        expected: 'fails',
        outcome: 'refused; nothing, and no credentials, reached plain HTTP',
      });
    } finally {
      await client.close();
    }
  });

  it('refuses a token realm at an internal address: the credentials are not sent there', async () => {
    plain.seen.length = 0;
    const client = await clientBehind({
      fault: () => ({ status: 401, headers: { 'www-authenticate': `Bearer realm="http://127.0.0.1:${plain.port}/token",service="registry"` } }),
    });
    try {
      const err = await failure(client.blobExists(desc.digest));
      expect(err.kind).toBe('credentials');
      expect(err.message).toMatch(/sent its token request to http:\/\/127\.0\.0\.1:\d+, an internal address: refusing to send credentials there/);
      expect(plain.seen).toEqual([]);
      rows.push({
        scenario: 'a TLS registry sends its token request to an internal address (127.0.0.1)',
        expected: 'fails',
        outcome: 'refused; the credentials were not sent there',
      });
    } finally {
      await client.close();
    }
  });

  it.each([
    ['HTTPS_PROXY: the push goes through the proxy, tunnelled', {}, true],
    ['HTTPS_PROXY with NO_PROXY naming the registry: it goes direct', { NO_PROXY: `x.example,${NAME}` }, false],
  ])('%s', async (name, extra, tunnelled) => {
    const proxy = await startConnectProxy();
    const client = await clientBehind({ addHeaders: { 'x-forwarded-proto': 'https' } }, { HTTPS_PROXY: proxy.url, ...extra });
    try {
      const bytes = Buffer.from(name);
      expect(await client.pushBlob({ ...desc, digest: sha256Digest(bytes), size: bytes.length }, { bytes })).toBe(true);
      const port = front!.host.split(':')[1];
      expect([...new Set(proxy.tunnels.map((t) => t.target))]).toEqual(tunnelled ? [`${NAME}:${port}`] : []);
      rows.push({
        scenario: name,
        expected: 'recovers',
        outcome: tunnelled ? `pushed through CONNECT tunnels to ${NAME}` : 'pushed directly; the proxy saw nothing',
      });
    } finally {
      await client.close();
      await proxy.stop();
    }
  });

  it.each([
    [
      'a proxy that answers CONNECT with 407',
      'require-auth',
      /cannot reach registry\.test:\d+ through the proxy 127\.0\.0\.1:\d+: it answered 407 Proxy Authentication Required: give its credentials in the proxy URL/,
      'fails, naming the proxy and what it wants',
    ],
    [
      'a proxy that closes the connection on CONNECT',
      'drop',
      /cannot reach registry\.test:\d+ through the proxy 127\.0\.0\.1:\d+: the proxy closed the connection instead of opening a tunnel/,
      'fails after the retry policy, with no storm of CONNECTs',
    ],
  ] as const)('HTTPS_PROXY: %s', async (scenario, mode, message, outcome) => {
    const proxy = await startConnectProxy(mode);
    const client = await clientBehind({ addHeaders: { 'x-forwarded-proto': 'https' } }, { HTTPS_PROXY: proxy.url });
    try {
      const err = await failure(client.blobExists(desc.digest));
      expect(err.message).toMatch(message);
      // One CONNECT per try (maxRetries 0 here): undici alone reconnects at once, for ever, on a dropped CONNECT.
      await new Promise((ok) => setTimeout(ok, 200));
      expect(proxy.tunnels.length).toBe(1);
      rows.push({ scenario: `HTTPS_PROXY: ${scenario}`, expected: 'fails', outcome: `${outcome}: ${err.message}` });
    } finally {
      await client.close();
      await proxy.stop();
    }
  });

  it('the action itself, behind an authenticating proxy named in HTTPS_PROXY', async () => {
    const proxy = await startConnectProxy();
    await front?.stop();
    front = await startProxy({ target: registry.host, tls, addHeaders: { 'x-forwarded-proto': 'https' } });
    const ca = join(tmp('tls-ca'), 'ca.pem');
    writeFileSync(ca, tls.cert);
    const proxyUrl = proxy.url.replace('http://', 'http://runner:proxy-Secret-9@');
    const component = await helloComponentFile();
    try {
      const run = await runAction({
        inputs: {
          component,
          image: `${NAME}:${front.host.split(':')[1]}/tls/action`,
          tags: 'v1',
          username: TEST_CREDENTIALS.username,
          password: TEST_CREDENTIALS.password,
          sbom: 'false',
        },
        env: { HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: ca, RUNNER_DEBUG: '1', SOURCE_DATE_EPOCH: '1700000000' },
      });
      expect(run.code, errorMessage(run)).toBe(0);
      expect(proxy.tunnels.length).toBeGreaterThan(0);
      expect(proxy.tunnels.every((t) => t.authorization === `Basic ${Buffer.from('runner:proxy-Secret-9').toString('base64')}`)).toBe(true);
      expect(visibleOutput(run)).not.toContain('proxy-Secret-9');
      expect(run.stdout).toMatch(new RegExp(`::debug::PUT ${NAME}:\\d+/v2/tls/action/manifests/v1 via 127\\.0\\.0\\.1:\\d+: 201`));
      rows.push({
        scenario: 'the action with HTTPS_PROXY (proxy credentials in the URL)',
        expected: 'recovers',
        outcome: 'pushed through the proxy; its password masked',
      });
    } finally {
      await proxy.stop();
    }
  });
});
