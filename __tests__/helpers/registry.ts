// Starts the real registry (Debian's docker-registry, CNCF distribution 2.8) on a free loopback port,
// anonymous, with htpasswd Basic auth, or with token auth backed by the tests' token server.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from './ports.js';
import { startTokenServer, type TokenServer } from './token-server.js';

export type AuthMode = 'anonymous' | 'htpasswd' | 'token';

export interface TestRegistry {
  /** 127.0.0.1:PORT */
  host: string;
  dir: string;
  credentials?: { username: string; password: string };
  tokenServer?: TokenServer;
  stop(): Promise<void>;
}

export const TEST_CREDENTIALS = { username: 'ci-user', password: 's3cret-Pa55-word' };

/**
 * `deletes: false`: the package's default, where DELETE answers 405 UNSUPPORTED. `realm`: the token realm the
 * registry names, given the token server's own (the bench puts a network in front of it).
 */
export async function startRegistry(
  mode: AuthMode = 'anonymous',
  { deletes = true, realm }: { deletes?: boolean; realm?: (own: string) => Promise<string> } = {},
): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), `registry-${mode}-`));
  const port = await freePort();
  let auth = '';
  let tokenServer: TokenServer | undefined;
  if (mode === 'htpasswd') {
    const line = execFileSync('htpasswd', ['-Bbn', TEST_CREDENTIALS.username, TEST_CREDENTIALS.password], { encoding: 'utf8' });
    writeFileSync(join(dir, 'htpasswd'), line);
    auth = `auth:\n  htpasswd:\n    realm: basic-realm\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (mode === 'token') {
    tokenServer = await startTokenServer(dir, await freePort(), TEST_CREDENTIALS);
    const named = realm ? await realm(tokenServer.realm) : tokenServer.realm;
    auth = `auth:\n  token:\n    realm: ${named}\n    service: ${tokenServer.service}\n    issuer: ${tokenServer.issuer}\n    rootcertbundle: ${tokenServer.certPath}\n`;
  }
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: ${deletes}\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const logFd = openSync(join(dir, 'registry.log'), 'a');
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: ['ignore', logFd, logFd] });
  const host = `127.0.0.1:${port}`;
  await waitForRegistry(host, child);
  return {
    host,
    dir,
    credentials: mode === 'anonymous' ? undefined : TEST_CREDENTIALS,
    tokenServer,
    async stop() {
      child.kill('SIGTERM');
      await tokenServer?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A registry for the enclosing describe block: started before its tests, stopped after; filled in by beforeAll. */
export function registryForSuite(mode: AuthMode): TestRegistry {
  const registry = {} as TestRegistry;
  beforeAll(async () => {
    Object.assign(registry, await startRegistry(mode));
  });
  afterAll(() => registry.stop());
  return registry;
}

async function waitForRegistry(host: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://${host}/v2/`);
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`docker-registry did not answer on ${host}`);
}
