// Credentials saved by `docker login` / docker/login-action in ~/.docker/config.json ("auths").
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import type { Credentials } from './auth.js';
import { DOCKER_HUB } from './reference.js';

/** Docker keys its auths by host, sometimes with a scheme or path; compare bare hosts (wasm-pkg-tools#176). */
function bareHost(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]!
    .toLowerCase();
}

export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
}

export function credentialsFromDockerConfig(registry: string, env: NodeJS.ProcessEnv): Credentials | undefined {
  let config: { auths?: Record<string, { auth?: string; username?: string; password?: string }> };
  try {
    config = JSON.parse(readFileSync(dockerConfigPath(env), 'utf8')) as typeof config;
  } catch {
    return undefined; // no config or unreadable: anonymous
  }
  const wanted = registry === DOCKER_HUB ? ['index.docker.io', 'docker.io', DOCKER_HUB] : [registry.toLowerCase()];
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (!wanted.includes(bareHost(key))) continue;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  }
  return undefined;
}
