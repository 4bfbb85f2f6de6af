// A stand-in for the GitHub Actions cache service (the v1 REST protocol @actions/cache speaks when
// ACTIONS_CACHE_URL is set: GET cache?keys=&version=, POST caches, PATCH caches/<id> with Content-Range,
// POST caches/<id>), on loopback, with archives kept in memory. GitHub's service cannot be reached here.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './ports.js';

interface Entry {
  id: number;
  key: string;
  version: string;
  chunks: Array<{ start: number; data: Buffer }>;
  archive?: Buffer;
}

export interface CacheServer {
  /** For ACTIONS_CACHE_URL. */
  url: string;
  /** Keys of committed caches. */
  saved(): string[];
  /** Keys handed out on lookups. */
  restored: string[];
  /** A committed cache's archive, as @actions/cache uploaded it (a zstd- or gzip-compressed tar). */
  archive(key: string): Buffer | undefined;
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startCacheServer(): Promise<CacheServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const entries: Entry[] = [];
  const restored: string[] = [];
  const json = (res: ServerResponse, status: number, value?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(value === undefined ? '' : JSON.stringify(value));
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const data = await body(req);
    const path = url.pathname.replace(/^\/_apis\/artifactcache\//, '');
    if (req.method === 'GET' && path === 'cache') {
      // @actions/cache encodes the key list before the URL encodes it again: decode twice.
      const keys = decodeURIComponent(url.searchParams.get('keys') ?? '').split(',');
      const version = url.searchParams.get('version');
      const done = entries.filter((e) => e.archive && e.version === version).reverse(); // newest first
      for (const key of keys) {
        const hit = done.find((e) => e.key === key) ?? done.find((e) => e.key.startsWith(key));
        if (hit) {
          restored.push(hit.key);
          return json(res, 200, { cacheKey: hit.key, scope: 'refs/heads/main', archiveLocation: `${base}archive/${hit.id}` });
        }
      }
      return json(res, 204);
    }
    if (req.method === 'POST' && path === 'caches') {
      const { key, version } = JSON.parse(data.toString()) as { key: string; version: string };
      if (entries.some((e) => e.key === key && e.version === version)) return json(res, 409, { message: `cache ${key} exists` });
      const entry = { id: entries.length + 1, key, version, chunks: [] };
      entries.push(entry);
      return json(res, 201, { cacheId: entry.id });
    }
    const idMatch = /^caches\/(\d+)$/.exec(path);
    const entry = idMatch ? entries.find((e) => e.id === Number(idMatch[1])) : undefined;
    if (entry && req.method === 'PATCH') {
      const start = Number(/bytes (\d+)-/.exec(req.headers['content-range'] ?? '')?.[1]);
      entry.chunks.push({ start, data });
      return json(res, 204);
    }
    if (entry && req.method === 'POST') {
      const { size } = JSON.parse(data.toString()) as { size: number };
      const archive = Buffer.alloc(size);
      for (const c of entry.chunks) c.data.copy(archive, c.start);
      entry.archive = archive;
      return json(res, 204);
    }
    const archiveMatch = /^\/archive\/(\d+)$/.exec(url.pathname);
    const archived = archiveMatch ? entries.find((e) => e.id === Number(archiveMatch[1]))?.archive : undefined;
    if (req.method === 'GET' && archived) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': archived.length });
      res.end(archived);
      return;
    }
    json(res, 404, { message: 'not found' });
  }
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: base,
    saved: () => entries.filter((e) => e.archive).map((e) => e.key),
    archive: (key) => entries.find((e) => e.key === key && e.archive)?.archive,
    restored,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
