// GitHub's API answering as an attacker would (issue #25, case 5): a redirect or a pagination Link to another
// host, an endless body, an attestation id holding Markdown. Real HTTP on loopback: the API stand-in on one
// port, "another host" on another (a different origin, as a different host name would be).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fetch } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_BODY, octokit } from '../../src/github/octokit.js';
import { storeAttestation } from '../../src/github/attestations.js';
import { PackageVersions } from '../../src/github/packages.js';
import { MAX_COMMENT_PAGES, upsertPreviewComment } from '../../src/github/pr-comment.js';
import { startGitHubApi } from '../helpers/github-api.js';

const TOKEN = 'ghs_0123456789abcdefSECRET';

interface Seen {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** A loopback server answering with `handle`, recording every request. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body: Buffer.concat(chunks).toString() };
      seen.push(s);
      handle(req, res, s);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** The error of a call that must fail, as text: what a log would show. */
async function failure(call: Promise<unknown>): Promise<string> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the call succeeded').toBeInstanceOf(Error);
  return `${String(err)} ${JSON.stringify(err)}`;
}

describe('a GitHub API answer that points elsewhere', () => {
  it.each([301, 302, 303, 307, 308])(
    'a %i redirect to another host is not followed: the other host gets nothing, the error names it, never the token',
    async (status) => {
      const other = await serve((_req, res) => json(res, 201, { id: 1 }));
      const api = await serve((_req, res) => json(res, status, { message: 'moved' }, { location: `${other.url}/repos/acme/hello/attestations` }));
      const error = await failure(
        octokit(TOKEN, api.url).request('POST /repos/{owner}/{repo}/attestations', { owner: 'acme', repo: 'hello', bundle: { mediaType: 'm' } }),
      );
      expect(other.seen).toEqual([]);
      expect(error).toContain(`redirected to ${other.url}`);
      expect(error).not.toContain(TOKEN);
      expect(api.seen[0]?.authorization).toBe(`token ${TOKEN}`);
    },
  );

  it.each([301, 307])('undici alone follows a %i to another host, without Authorization: the guard above is what keeps the request home', async (status) => {
    // Not a test of the guard: of the second line behind it (Fetch spec, "HTTP-redirect fetch"), which
    // an upgrade of undici could change.
    const other = await serve((_req, res) => json(res, 200, { id: 1 }));
    const api = await serve((_req, res) => json(res, status, {}, { location: `${other.url}/x` }));
    await fetch(`${api.url}/y`, { method: 'POST', body: '{}', headers: { authorization: `token ${TOKEN}` } });
    expect(other.seen.map((s) => s.authorization)).toEqual([undefined]);
  });

  it("a redirect on the API's own host is followed, with the token (GitHub moves a renamed repository's paths so)", async () => {
    const api = await serve((req, res, s) =>
      s.path.startsWith('/repos/old/')
        ? json(res, 307, { message: 'Moved' }, { location: '/repositories/42/attestations' })
        : json(res, 201, { id: 7, got: JSON.parse(s.body) as unknown }),
    );
    const res = await octokit(TOKEN, api.url).request('POST /repos/{owner}/{repo}/attestations', { owner: 'old', repo: 'name', bundle: { mediaType: 'm' } });
    expect(res.data).toEqual({ id: 7, got: { bundle: { mediaType: 'm' } } });
    expect(api.seen.map((s) => [s.method, s.path, s.authorization])).toEqual([
      ['POST', '/repos/old/name/attestations', `token ${TOKEN}`],
      ['POST', '/repositories/42/attestations', `token ${TOKEN}`],
    ]);
  });

  it('a pagination Link to another host is not followed: the token never reaches it', async () => {
    const other = await serve((_req, res) => json(res, 200, [{ id: 2, body: 'b', user: { login: 'x' } }]));
    const api = await serve((_req, res) =>
      json(res, 200, [{ id: 1, body: 'a', user: { login: 'x' } }], { link: `<${other.url}/repos/acme/hello/issues/1/comments?page=2>; rel="next"` }),
    );
    const client = octokit(TOKEN, api.url);
    const error = await failure(client.paginate(client.rest.issues.listComments, { owner: 'acme', repo: 'hello', issue_number: 1, per_page: 1 }));
    expect(other.seen).toEqual([]);
    expect(error).toContain(`refused to send a GitHub API request to ${other.url}`);
    expect(error).not.toContain(TOKEN);
  });

  it('the stand-in API still answers through the guard (GraphQL viewer, comments)', async () => {
    const api = await startGitHubApi();
    try {
      const client = octokit(TOKEN, api.url);
      const { viewer } = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
      expect(viewer.login).toBe('github-actions');
      await client.rest.issues.createComment({ owner: 'acme', repo: 'hello', issue_number: 3, body: 'hi' });
      expect(api.comments.map((c) => c.body)).toEqual(['hi']);
    } finally {
      await api.stop();
    }
  });
});

describe('an enormous GitHub API answer', () => {
  const HUGE = 200 * 1024 * 1024;

  /** An API whose every answer is a 200 MiB JSON-looking body, streamed without a length as fast as it is read. */
  const hugeApi = () =>
    serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const more = () => {
        while (sent < HUGE && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.write('["');
      more();
    });

  it.each(['REST', 'GraphQL'])(
    '%s: a 200 MiB body is cut at 16 MiB: the call rejects saying so, and memory grows by less than 100 MiB',
    async (kind) => {
      const api = await hugeApi();
      const client = octokit(TOKEN, api.url);
      // Warmed up first (modules loaded, a body read), so the growth measured is the answer's.
      const small = await serve((_req, res) => json(res, 200, { data: { viewer: { login: 'x' } }, login: 'x' }));
      const warm = octokit(TOKEN, small.url);
      await (kind === 'REST' ? warm.request('GET /users/{username}', { username: 'acme' }) : warm.graphql('query { viewer { login } }'));
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      try {
        const call = kind === 'REST' ? client.request('GET /users/{username}', { username: 'acme' }) : client.graphql('query { viewer { login } }');
        const error = await failure(call);
        expect(error).toContain(`larger than ${MAX_BODY / 1024 / 1024} MiB`);
        expect(error).not.toContain(TOKEN);
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      expect((peak - before) / 1024 / 1024).toBeLessThan(100);
    },
    60_000,
  );
});

describe('fields of an API answer that reach the summary', () => {
  it.each(['1) ![x](https://evil.example/t.png', '5001<img src=x onerror=alert(1)>', '5001\n## injected'])(
    'an attestation id that is not a number (%j) is not believed: no id, no URL, a warning',
    async (id) => {
      const api = await serve((_req, res) => json(res, 201, { id }));
      // storeAttestation reaches GitHub where a job's does: GITHUB_API_URL.
      vi.stubEnv('GITHUB_API_URL', api.url);
      const warnings: string[] = [];
      const stored = await storeAttestation(TOKEN, 'acme/hello', 'https://github.com', { mediaType: 'x' }, 'provenance', {
        warning: (m) => warnings.push(m),
        debug: () => undefined,
      });
      expect(api.seen).toHaveLength(1);
      expect(stored).toBeUndefined();
      expect(warnings.join('\n')).toContain('without an attestation id');
    },
  );

  it('a package version whose name is not a digest (Markdown, HTML, a path) is not listed, so never reported or deleted', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const api = await serve((_req, res) =>
      json(res, 200, [
        { id: 1, name: digest, metadata: { container: { tags: ['pr-1'] } } },
        { id: 2, name: '[x](https://evil.example) <img src=x>', metadata: { container: { tags: ['pr-1'] } } },
        { id: 3, name: `${digest}\n## injected`, metadata: { container: { tags: [] } } },
        { id: 4, name: '../../../../user', metadata: { container: { tags: [] } } },
      ]),
    );
    const versions = await new PackageVersions(TOKEN, api.url, { owner: 'acme', ownerIsOrganization: true, name: 'hello' }).list();
    expect(versions).toEqual([{ id: 1, digest, tags: ['pr-1'] }]);
  });
});

describe('comment pages without end', () => {
  it('a Link that always names another page ends the listing at the cap: no comment added, a warning', async () => {
    const api = await serve((req, res) => {
      if (req.url === '/graphql') return json(res, 200, { data: { viewer: { login: 'github-actions' } } });
      const page = Number(new URL(req.url ?? '', 'http://x').searchParams.get('page') ?? 1);
      if (req.method === 'GET')
        return json(res, 200, [], { link: `<http://${req.headers.host}/repos/acme/app/issues/7/comments?per_page=100&page=${page + 1}>; rel="next"` });
      json(res, 201, { id: 1 });
    });
    vi.stubEnv('GITHUB_API_URL', api.url);
    let printed = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await upsertPreviewComment(TOKEN, 'acme/app', 7, [
        { image: '127.0.0.1:1/acme/app', digest: `sha256:${'a'.repeat(64)}`, tags: ['127.0.0.1:1/acme/app:pr-7'], exports: [], imports: [] },
      ]);
      printed = out.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      out.mockRestore();
    }
    expect(api.seen.filter((r) => r.method === 'GET')).toHaveLength(MAX_COMMENT_PAGES);
    expect(api.seen.filter((r) => r.method === 'POST' && r.path.includes('/comments'))).toEqual([]);
    expect(printed).toMatch(/::warning::Could not comment on pull request #7: the pull request lists more than 10000 comments/);
  });
});
