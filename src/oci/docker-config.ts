// Credentials that `docker login`, docker/login-action and the cloud logins leave, looked up as docker's CLI
// does (docker/cli cli/config: configfile/file.go, credentials/*): DOCKER_AUTH_CONFIG first, then
// $DOCKER_CONFIG/config.json (else ~/.docker/config.json): `credHelpers[registry]`, else `credsStore`, else
// `auths`. A credential helper is run as `docker-credential-<name> get` with the server URL on stdin, no shell.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { ActionError } from '../errors.js';
import type { Credentials } from './auth.js';
import { DOCKER_HUB } from './reference.js';

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** Runs `docker-credential-<name> get` with `serverUrl` on stdin: its exit code and what it printed. */
export type HelperRunner = (name: string, serverUrl: string, env: NodeJS.ProcessEnv, timeoutMs?: number) => Promise<{ code: number; stdout: string }>;

/** A helper that asks a locked keychain can wait for ever; docker has no limit, a CI step must. */
export const HELPER_TIMEOUT_MS = 30_000;

/**
 * What a helper is given of the environment: where to find itself and its files, the proxy, the locale, and
 * the variables of the clouds' helpers (ecr-login: AWS_*; gcr and gcloud: GOOGLE_*, CLOUDSDK_*; acr-env:
 * AZURE_*). Not the runner's tokens (GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_*) nor the
 * action's inputs (INPUT_PASSWORD …): a helper is a program named by a config file, and needs none of them.
 */
const HELPER_ENV =
  /^(PATH|HOME|USER|LOGNAME|TMPDIR|TMP|TEMP|LANG|LC_[A-Z]+|TZ|SSL_CERT_FILE|SSL_CERT_DIR|DOCKER_[A-Z0-9_]+|XDG_[A-Z_]+|DBUS_SESSION_BUS_ADDRESS|(?:https?|no)_proxy|(?:HTTPS?|NO)_PROXY|AWS_[A-Z0-9_]+|ECR_[A-Z0-9_]+|GOOGLE_[A-Z0-9_]+|CLOUDSDK_[A-Z0-9_]+|AZURE_[A-Z0-9_]+)$/;

export function helperEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => HELPER_ENV.test(name)));
}

/** The key Docker files a registry under: the bare host, Docker Hub's historical URL. */
function configKey(registry: string): string {
  return registry === DOCKER_HUB ? 'https://index.docker.io/v1/' : registry.toLowerCase();
}

/** Docker keys its auths by host, sometimes with a scheme or path; compare bare hosts (ConvertToHostname; wasm-pkg-tools#176). */
function bareHost(key: string): string {
  const host = key
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]!
    .toLowerCase();
  return host === 'index.docker.io' || host === 'docker.io' ? DOCKER_HUB : host;
}

export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
}

export async function credentialsFromDockerConfig(
  registry: string,
  env: NodeJS.ProcessEnv,
  runHelper: HelperRunner = runCredentialHelper,
): Promise<Credentials | undefined> {
  const fromEnv = parseConfig(env.DOCKER_AUTH_CONFIG);
  const found = fromEnv?.auths && fromAuths(fromEnv.auths, registry);
  if (found) return found;
  let config: DockerConfig | undefined;
  try {
    config = parseConfig(readFileSync(dockerConfigPath(env), 'utf8'));
  } catch {
    config = undefined; // no config or unreadable: anonymous
  }
  if (!config) return undefined;
  const key = configKey(registry);
  const helper = config.credHelpers?.[key] ?? config.credHelpers?.[registry] ?? config.credsStore;
  if (helper) {
    const fromHelper = await helperCredentials(helper, key, registry, (name, url) => runHelper(name, url, env));
    if (fromHelper) return fromHelper;
  }
  return config.auths ? fromAuths(config.auths, registry) : undefined;
}

function parseConfig(text: string | undefined): DockerConfig | undefined {
  if (!text?.trim()) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The `auths` entry for the registry: the exact key first, then any key that names the same host. */
function fromAuths(auths: Record<string, AuthEntry>, registry: string): Credentials | undefined {
  const exact = auths[configKey(registry)];
  const entries = [...(exact ? [exact] : []), ...Object.entries(auths).flatMap(([k, e]) => (bareHost(k) === registry.toLowerCase() ? [e] : []))];
  for (const entry of entries) {
    if (entry.registrytoken) return { registryToken: entry.registrytoken };
    if (entry.identitytoken) return { identityToken: entry.identitytoken };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  }
  return undefined;
}

/** The credential helper protocol (docker/docker-credential-helpers credentials/credentials.go). */
async function helperCredentials(
  name: string,
  serverUrl: string,
  registry: string,
  runHelper: (name: string, serverUrl: string) => ReturnType<HelperRunner>,
): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new ActionError('credentials', `the Docker config names the credential helper "${name}" for ${registry}: not a helper name`);
  }
  const { code, stdout } = await runHelper(name, serverUrl);
  if (code !== 0) {
    // The exact text every helper prints when it has nothing for this server: not an error.
    if (stdout.trim() === 'credentials not found in native keychain') return undefined;
    throw new ActionError('credentials', `docker-credential-${name} could not give credentials for ${registry}: ${failureText(stdout, code)}`);
  }
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
  } catch {
    throw new ActionError('credentials', `docker-credential-${name} answered for ${registry} with something other than JSON`);
  }
  if (typeof answer.Secret !== 'string' || answer.Secret === '') return undefined;
  // The user `<token>` means the secret is an identity token (native_store.go).
  if (answer.Username === '<token>') return { identityToken: answer.Secret };
  return { username: typeof answer.Username === 'string' ? answer.Username : '', password: answer.Secret };
}

/**
 * What a failing helper said, for the error: its first line, unless that looks like an answer (JSON, which
 * holds the secret when a helper prints it and then exits non-zero). Its stderr is never read: helpers write
 * debug output there, tokens included.
 */
function failureText(stdout: string, code: number): string {
  const line = stdout.trim().split('\n')[0]!.trim();
  return line === '' || /^[[{"]/.test(line) ? `exit code ${code}` : line.slice(0, 200);
}

/** Helper output past this is not an answer: a helper's JSON is a few hundred bytes. */
const HELPER_OUTPUT_LIMIT = 64 * 1024;

export const runCredentialHelper: HelperRunner = (name, serverUrl, env, timeoutMs = HELPER_TIMEOUT_MS) =>
  new Promise((resolve, reject) => {
    // No shell: the name is checked, the argument fixed, the server URL goes on stdin.
    const child = spawn(`docker-credential-${name}`, ['get'], { stdio: ['pipe', 'pipe', 'ignore'], env: helperEnv(env) });
    let stdout = '';
    let refusal: string | undefined;
    const stop = (why: string) => {
      refusal ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(`did not answer within ${timeoutMs / 1000} s (a keychain waiting for a password?)`), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (stdout.length > HELPER_OUTPUT_LIMIT) stop(`printed more than ${HELPER_OUTPUT_LIMIT / 1024} KiB: not an answer`);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        err.code === 'ENOENT'
          ? new ActionError('credentials', `the Docker config names the credential helper "${name}", but docker-credential-${name} is not on PATH`)
          : new ActionError('credentials', `docker-credential-${name} could not run: ${err.message}`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (refusal) reject(new ActionError('credentials', `docker-credential-${name} ${refusal}`));
      else resolve({ code: code ?? 1, stdout });
    });
    child.stdin.on('error', () => undefined); // a helper that exits without reading stdin: its exit code tells
    child.stdin.end(serverUrl);
  });
