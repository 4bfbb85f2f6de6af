// The few GitHub endpoints the pull-request comment uses (GraphQL's viewer; REST: list, create and update
// issue comments), on loopback, recording each request. Point GITHUB_API_URL at it. As on github.com, the
// GITHUB_TOKEN's viewer is `github-actions` and its comments are written by `github-actions[bot]`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './ports.js';

export interface GitHubApi {
  url: string;
  comments: Array<{ id: number; issue: number; body: string; user: string }>;
  requests: Array<{ method: string; path: string; authorization?: string }>;
  /** Answer every request with this status instead (e.g. 403 for a token without pull-requests: write). */
  failWith?: number;
  /** Stored attestations (POST /repos/{owner}/{repo}/attestations), each `{bundle}` as GitHub's REST docs give it. */
  attestations: Array<{ repository: string; bundle: { mediaType?: string } & Record<string, unknown> }>;
  /** Statuses to answer attestation requests with, one per request, before storing them (403, 404, 500…). */
  attestationAnswers: number[];
  /** Storage records (POST /orgs/{org}/artifacts/metadata/storage-record). */
  storageRecords: Array<{ org: string; body: Record<string, unknown> }>;
  /**
   * A container package whose versions live in a real registry (GHCR's Packages API in front of its
   * registry): the versions are the digests `track`ed plus whatever the registry's tags point at, each with
   * those tags, while the registry still has it; DELETE deletes the manifest from the registry.
   */
  package?: { owner: string; name: string; registry: string; repository: string; track: Set<string>; deleteAnswers: number[]; deletedWhole?: boolean };
  stop(): Promise<void>;
}

export async function startGitHubApi(): Promise<GitHubApi> {
  const port = await freePort();
  const api: GitHubApi = {
    url: `http://127.0.0.1:${port}`,
    comments: [],
    requests: [],
    attestations: [],
    attestationAnswers: [],
    storageRecords: [],
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  let nextId = 1000;
  const server: Server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', api.url);
    api.requests.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization });
    const reply = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (api.failWith) return reply(api.failWith, { message: 'Resource not accessible by integration' });
    if (url.pathname === '/graphql' && req.method === 'POST') return reply(200, { data: { viewer: { login: 'github-actions' } } });
    const attestation = /^\/repos\/([^/]+\/[^/]+)\/attestations$/.exec(url.pathname);
    if (attestation && req.method === 'POST') {
      const status = api.attestationAnswers.shift();
      if (status !== undefined) return reply(status, { message: status === 403 ? 'Resource not accessible by integration' : 'no' });
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { bundle?: unknown };
      // The REST docs: a JSON body with `bundle`, a Sigstore bundle object.
      const bundle = body.bundle as { mediaType?: unknown } | undefined;
      if (typeof bundle !== 'object' || bundle === null || typeof bundle.mediaType !== 'string' || Object.keys(body).length !== 1) {
        return reply(422, { message: 'Invalid request: bundle is required' });
      }
      api.attestations.push({ repository: attestation[1]!, bundle: body.bundle as GitHubApi['attestations'][number]['bundle'] });
      return reply(201, { id: 5000 + api.attestations.length });
    }
    const storage = /^\/orgs\/([^/]+)\/artifacts\/metadata\/storage-record$/.exec(url.pathname);
    if (storage && req.method === 'POST') {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
      const required = ['name', 'digest', 'registry_url'].every((k) => typeof body[k] === 'string') && /^sha256:[0-9a-f]{64}$/.test(String(body.digest));
      if (!required) return reply(422, { message: 'Invalid request' });
      api.storageRecords.push({ org: storage[1]!, body });
      return reply(200, { storage_records: [{ id: 700 + api.storageRecords.length }] });
    }
    const user = /^\/users\/([^/]+)$/.exec(url.pathname);
    if (user && req.method === 'GET') return reply(200, { login: user[1], type: user[1] === api.package?.owner ? 'Organization' : 'User' });
    const whole = /^\/(orgs|users)\/([^/]+)\/packages\/container\/([^/]+)$/.exec(url.pathname);
    if (whole && req.method === 'DELETE' && pkg0(api, whole[2]!, whole[3]!)) {
      const p = api.package!;
      for (const v of await packageVersions(p)) await fetch(`http://${p.registry}/v2/${p.repository}/manifests/${v.name}`, { method: 'DELETE' });
      p.deletedWhole = true;
      res.writeHead(204).end();
      return;
    }
    const versions = /^\/(orgs|users)\/([^/]+)\/packages\/container\/([^/]+)\/versions(?:\/(\d+))?$/.exec(url.pathname);
    const pkg = api.package;
    if (versions && pkg && versions[2] === pkg.owner && decodeURIComponent(versions[3]!) === pkg.name) {
      const all = await packageVersions(pkg);
      if (req.method === 'GET' && !versions[4]) {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        return reply(200, all.slice((page - 1) * perPage, page * perPage));
      }
      const version = all.find((v) => v.id === Number(versions[4]));
      if (req.method === 'DELETE' && version) {
        const status = pkg.deleteAnswers.shift();
        if (status !== undefined) return reply(status, { message: status === 403 ? 'Resource not accessible by integration' : 'Package not found' });
        // As GitHub: the last version goes only with the package.
        if (all.length === 1) return reply(400, { message: 'You cannot delete the last version of a package. You must delete the package instead.' });
        await fetch(`http://${pkg.registry}/v2/${pkg.repository}/manifests/${version.name}`, { method: 'DELETE' });
        res.writeHead(204).end();
        return;
      }
      return reply(404, { message: 'Package not found' });
    }
    const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && req.method === 'GET')
      return reply(
        200,
        api.comments.filter((c) => c.issue === Number(list[1])).map(({ id, body, user }) => ({ id, body, user: { login: user } })),
      );
    if (list && req.method === 'POST') {
      const comment = {
        id: nextId++,
        issue: Number(list[1]),
        body: (JSON.parse(Buffer.concat(chunks).toString()) as { body: string }).body,
        user: 'github-actions[bot]',
      };
      api.comments.push(comment);
      return reply(201, { id: comment.id, body: comment.body });
    }
    const existing = one ? api.comments.find((c) => c.id === Number(one[1])) : undefined;
    if (existing && req.method === 'PATCH') {
      existing.body = (JSON.parse(Buffer.concat(chunks).toString()) as { body: string }).body;
      return reply(200, { id: existing.id, body: existing.body });
    }
    reply(404, { message: 'Not Found' });
  }
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return api;
}

const ACCEPT = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json';

const pkg0 = (api: GitHubApi, owner: string, name: string) => api.package?.owner === owner && api.package.name === decodeURIComponent(name);

/** GitHub's version objects for the package: id from the digest, `metadata.container.tags` from the registry. */
async function packageVersions(
  pkg: NonNullable<GitHubApi['package']>,
): Promise<Array<{ id: number; name: string; metadata: { container: { tags: string[] } } }>> {
  const base = `http://${pkg.registry}/v2/${pkg.repository}`;
  const tagList = (await (await fetch(`${base}/tags/list`)).json()) as { tags?: string[] | null };
  const tags = new Map<string, string[]>();
  for (const tag of tagList.tags ?? []) {
    const digest = (await fetch(`${base}/manifests/${tag}`, { method: 'HEAD', headers: { accept: ACCEPT } })).headers.get('docker-content-digest')!;
    tags.set(digest, [...(tags.get(digest) ?? []), tag]);
  }
  const digests = [...new Set([...pkg.track, ...tags.keys()])].sort();
  const present = await Promise.all(digests.map(async (d) => (await fetch(`${base}/manifests/${d}`, { method: 'HEAD', headers: { accept: ACCEPT } })).ok));
  return digests.filter((_, i) => present[i]).map((d) => ({ id: parseInt(d.slice(7, 15), 16), name: d, metadata: { container: { tags: tags.get(d) ?? [] } } }));
}
