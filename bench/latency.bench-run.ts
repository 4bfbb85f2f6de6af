// Publish time over a network (issue #24): the action (dist/index.js on Node 24) and `skopeo copy` push the
// same artifact through bench/latency-net.ts's delay proxies (one-way 0, 10 and 30 ms) in front of the real
// registry, the token server, the Sigstore stand-ins and the GitHub API stand-in. Per scenario: wall times
// (medians of interleaved rounds), requests, and round trips in series from the recorders' logs. Writes
// BENCH_LATENCY_OUT (JSON) for run.mjs.
import { it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer, type Server } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHello } from '../examples/build-component.mjs';
import { writePaddedComponent } from '../examples/pad-component.mjs';
import { runAction } from '../__tests__/helpers/action.js';
import { tmp } from '../__tests__/helpers/components.js';
import { freePort } from '../__tests__/helpers/ports.js';
import { startRegistry, TEST_CREDENTIALS, type TestRegistry } from '../__tests__/helpers/registry.js';
import { startSigstoreServices, testOidcToken, type SigstoreServices } from '../__tests__/helpers/sigstore-services.js';
import { startGitHubApi, type GitHubApi } from '../__tests__/helpers/github-api.js';
import { roundsInSeries, seriesRounds, startFront, type Exchange, type Front } from '../__tests__/helpers/latency-net.js';

const DELAYS = [0, 10, 30];
const ROUNDS = Number(process.env.BENCH_LATENCY_ROUNDS ?? 3);
const work = tmp('bench-latency');

type RegistryKind = 'plain' | 'api' | 'token';
interface Scenario {
  key: string;
  label: string;
  size: number;
  registry: RegistryKind;
  sign: boolean;
  /** Push once, unmeasured, before the measured push to the same repository. */
  repush: boolean;
}
const SCENARIOS: Scenario[] = [
  { key: 'first-100k', label: 'first push, 100 KiB, two tags', size: 100 * 1024, registry: 'plain', sign: false, repush: false },
  { key: 'first-16m', label: 'first push, 16 MiB, two tags', size: 16 * 2 ** 20, registry: 'plain', sign: false, repush: false },
  { key: 'repush', label: 're-push, 100 KiB (blobs present)', size: 100 * 1024, registry: 'plain', sign: false, repush: true },
  { key: 'signed-api', label: 'SBOM + signature, registry with the referrers API', size: 100 * 1024, registry: 'api', sign: true, repush: false },
  { key: 'signed-fallback', label: 'SBOM + signature, no referrers API (fallback tag)', size: 100 * 1024, registry: 'plain', sign: true, repush: false },
  { key: 'token', label: 'token flow (401 Bearer challenge), 100 KiB first push', size: 100 * 1024, registry: 'token', sign: false, repush: false },
];

interface Measured {
  action: number[];
  skopeo: number[];
  /** Per delay over 0: the action's and skopeo's requests and round trips in series, from the first round. */
  counts: Record<number, { action: Counts; skopeo: Counts }>;
}
export interface Counts {
  requests: number;
  rounds: number;
  shape: string[];
}

const now = () => performance.now();

/** skopeo remembers where it saw a blob and mounts it from there instead of uploading: forget, so it uploads. */
function forgetSkopeoBlobs() {
  for (const dir of ['/var/lib/containers/cache', join(process.env.HOME ?? '/root', '.local/share/containers/cache')]) {
    rmSync(join(dir, 'blob-info-cache-v1.sqlite'), { force: true });
    rmSync(join(dir, 'blob-info-cache-v1.boltdb'), { force: true });
  }
}

/** The exchanges of a log in arrival order, one line each with its round: what results.md shows. */
function shape(log: Exchange[], delayMs: number): string[] {
  return seriesRounds(log, delayMs).map((e) => {
    const path = e.path.replace(/sha256[:-][0-9a-f]{64}/g, '<digest>').replace(/uploads\/[^/]+$/, 'uploads/<id>');
    return `${e.round} ${e.service} ${e.method} ${path} ${e.status}`;
  });
}

it('latency', async () => {
  const log: Exchange[] = [];
  const fronts: Front[] = [];
  const front = async (target: string, service: string, referrersApi = false) => {
    const f = await startFront(target, 0, log, { service, referrersApi });
    fronts.push(f);
    return f;
  };
  const anonymous = await startRegistry('anonymous');
  let tokenFront: Front | undefined;
  const token: TestRegistry = await startRegistry('token', {
    realm: async (own) => {
      const url = new URL(own);
      tokenFront = await front(url.host, 'token');
      return `http://${tokenFront.host}${url.pathname}`;
    },
  });
  // A public package (GHCR's usual case for open source): the action's check that anyone can pull it succeeds.
  token.tokenServer!.allowAnonymousPull(true);
  const sigstore: SigstoreServices = await startSigstoreServices();
  const api: GitHubApi = await startGitHubApi();
  const idToken = testOidcToken({
    repository: 'acme/hello',
    ref: 'refs/tags/v1.0.0',
    sha: 'b'.repeat(40),
    event_name: 'push',
    workflow_ref: 'acme/hello/.github/workflows/release.yml@refs/tags/v1.0.0',
    job_workflow_ref: 'acme/hello/.github/workflows/release.yml@refs/tags/v1.0.0',
    repository_id: '11',
    repository_owner_id: '22',
    runner_environment: 'github-hosted',
    run_id: '1',
    run_attempt: '1',
  });
  const oidcPort = await freePort();
  const oidc: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: idToken })));
  await new Promise<void>((ok) => oidc.listen(oidcPort, '127.0.0.1', ok));

  const registries: Record<RegistryKind, Front> = {
    plain: await front(anonymous.host, 'registry'),
    api: await front(anonymous.host, 'registry', true),
    token: await front(token.host, 'registry'),
  };
  const sigstoreFront = await front(new URL(sigstore.url).host, 'sigstore');
  const githubFront = await front(new URL(api.url).host, 'github');
  const oidcFront = await front(`127.0.0.1:${oidcPort}`, 'oidc');

  const hello = await buildHello();
  const components = new Map<number, { path: string; layout: string }>();
  for (const size of new Set(SCENARIOS.map((s) => s.size))) {
    const path = writePaddedComponent(hello, size, join(work, `component-${size}.wasm`));
    const layout = join(work, `layout-${size}`);
    const made = await runAction({
      inputs: { component: path, image: `${anonymous.host}/bench/layout`, tags: 't', push: 'false', 'oci-layout': layout, sbom: 'false', sign: 'false' },
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    if (made.code !== 0) throw new Error(made.stdout + made.stderr);
    components.set(size, { path, layout });
  }

  let serial = 0;
  const skopeoFailures: string[] = [];
  const pushAction = async (s: Scenario, repo: string) => {
    const { path } = components.get(s.size)!;
    const registry = registries[s.registry];
    const inputs: Record<string, string> = {
      component: path,
      image: `${registry.host}/${repo}`,
      tags: 'v1.0.0,edge',
      sbom: s.sign ? 'auto' : 'false',
      sign: s.sign ? 'true' : 'false',
      ...(s.registry === 'token' ? { username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password } : {}),
      ...(s.sign
        ? {
            'fulcio-url': `http://${sigstoreFront.host}`,
            'rekor-url': `http://${sigstoreFront.host}`,
            'github-token': 'ghs_benchtoken0123456789abcdefghijklmnop',
          }
        : {}),
    };
    const env: Record<string, string> = {
      SOURCE_DATE_EPOCH: '1700000000',
      GITHUB_REPOSITORY: 'acme/hello',
      GITHUB_SHA: 'b'.repeat(40),
      GITHUB_REF: 'refs/tags/v1.0.0',
      GITHUB_RUN_ID: '1',
      GITHUB_WORKFLOW_REF: 'acme/hello/.github/workflows/release.yml@refs/tags/v1.0.0',
      GITHUB_API_URL: `http://${githubFront.host}`,
      ...(s.sign
        ? { ACTIONS_ID_TOKEN_REQUEST_URL: `http://${oidcFront.host}/token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bench-request-token' }
        : {}),
    };
    const started = now();
    const run = await runAction({
      inputs,
      env,
      payload: { repository: { private: false, owner: { type: 'Organization' } } },
      entry: process.env.BENCH_ACTION_ENTRY,
    });
    const ms = now() - started;
    if (run.code !== 0) throw new Error(`action failed: ${run.stdout}\n${run.stderr}`);
    return ms;
  };
  // Never a synchronous spawn: the proxies and recorders run in this process.
  const pushSkopeo = async (s: Scenario, repo: string): Promise<number> => {
    const { layout } = components.get(s.size)!;
    const registry = registries[s.registry];
    const creds = s.registry === 'token' ? ['--dest-creds', `${TEST_CREDENTIALS.username}:${TEST_CREDENTIALS.password}`] : [];
    forgetSkopeoBlobs();
    const started = now();
    // Two tags: two copies of the layout, as a skopeo user pushes them (the second finds the blobs there).
    try {
      for (const tag of ['v1.0.0', 'edge']) {
        await promisify(execFile)('skopeo', ['copy', '-q', '--dest-tls-verify=false', ...creds, `oci:${layout}:t`, `docker://${registry.host}/${repo}:${tag}`]);
      }
    } catch (err) {
      // Now and then (2 in ~100 copies) skopeo's PATCH meets EOF through the proxy; not reproduced in 20 copies
      // alone. The sample is taken again, to a new repository, and the failure counted in results.md.
      skopeoFailures.push(String((err as { stderr?: string }).stderr ?? err).slice(-300));
      log.length = 0;
      return pushSkopeo(s, `${repo}-again`);
    }
    return now() - started;
  };

  const results: Record<string, Record<number, Measured>> = {};
  try {
    for (const s of SCENARIOS) {
      results[s.key] = {};
      for (const delay of DELAYS) {
        for (const f of fronts) f.setDelay(delay);
        const m: Measured = { action: [], skopeo: [], counts: {} };
        for (let round = 0; round < ROUNDS; round++) {
          for (const tool of ['action', 'skopeo'] as const) {
            const repo = `bench/${s.key}-${delay}-${round}-${tool}-${serial++}`;
            const push = () => (tool === 'action' ? pushAction(s, repo) : pushSkopeo(s, repo));
            if (s.repush) await push();
            log.length = 0;
            m[tool].push(await push());
            if (round === 0 && delay > 0) {
              const counted = { requests: log.length, rounds: roundsInSeries(log, delay), shape: shape(log, delay) };
              m.counts[delay] = { ...(m.counts[delay] ?? ({} as Measured['counts'][number])), [tool]: counted };
            }
          }
        }
        results[s.key]![delay] = m;
        console.log(s.key, delay, m.action, m.skopeo, m.counts[delay]?.action.rounds, m.counts[delay]?.skopeo.rounds);
      }
    }
  } finally {
    for (const f of fronts) await f.stop();
    await new Promise((ok) => oidc.close(ok));
    await Promise.all([anonymous.stop(), token.stop(), sigstore.stop(), api.stop()]);
  }
  const out = process.env.BENCH_LATENCY_OUT ?? join(work, 'latency.json');
  writeFileSync(out, JSON.stringify({ delays: DELAYS, rounds: ROUNDS, scenarios: SCENARIOS, results, skopeoFailures }, null, 1));
  console.log(`latency results: ${out}`);
});
