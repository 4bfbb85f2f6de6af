// A token server for the registry's `auth: token` mode (distribution "Token Authentication Specification"):
// checks Basic credentials (GET) or an OAuth2 refresh token (POST, grant_type=refresh_token: docs/spec/auth/
// oauth.md) and answers RS256 JWTs whose x5c certificate the registry trusts through its rootcertbundle.
// Records every request, so tests can see what was sent where.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certPath: string;
  requests: Array<{ method: string; url: string; authorization?: string; form?: Record<string, string> }>;
  /** Tokens issued so far. */
  issued: string[];
  /** Lifetime of the tokens it issues, in seconds. */
  setTokenLifetime(seconds: number): void;
  /** Whether a request without credentials gets a pull-only token, as GHCR answers for a public package. */
  allowAnonymousPull(allowed: boolean): void;
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** The refresh token (a Docker config's `identitytoken`) the token server accepts for TEST credentials' user. */
export const TEST_IDENTITY_TOKEN = 'test-refresh-token-0123456789';

export async function startTokenServer(dir: string, port: number, credentials: { username: string; password: string }): Promise<TokenServer> {
  const keyPath = join(dir, 'token.key');
  const certPath = join(dir, 'token.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=token', '-keyout', keyPath, '-out', certPath, '-days', '2'], {
    stdio: 'ignore',
  });
  const key = createPrivateKey(readFileSync(keyPath));
  const certDer = new X509Certificate(readFileSync(certPath)).raw.toString('base64');
  const service = 'test-registry';
  const issuer = 'test-token-issuer';
  let lifetime = 300;
  let anonymousPull = false;
  const requests: TokenServer['requests'] = [];
  const issued: string[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;

  const issue = (service: string | null, scopes: string[]) => {
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      return type && name && actions ? [{ type, name, actions: actions.split(',') }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [certDer] };
    const claims = { iss: issuer, sub: credentials.username, aud: service, exp: now + lifetime, nbf: now - 10, iat: now, jti: randomUUID(), access };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const token = `${signingInput}.${b64url(sign('sha256', Buffer.from(signingInput), key))}`;
    issued.push(token);
    return token;
  };
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'POST') {
        // OAuth2: a form with grant_type=refresh_token, refresh_token, service, scope (space-separated), client_id.
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        requests.push({ method: 'POST', url: req.url ?? '', authorization: req.headers.authorization, form });
        if (form.grant_type !== 'refresh_token' || form.refresh_token !== TEST_IDENTITY_TOKEN || !form.client_id) {
          return reply(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad refresh token' }] });
        }
        const token = issue(form.service ?? null, (form.scope ?? '').split(' ').filter(Boolean));
        return reply(res, 200, { access_token: token, scope: form.scope, expires_in: lifetime, issued_at: new Date().toISOString() });
      }
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
      if (!req.headers.authorization && anonymousPull) {
        const pullOnly = url.searchParams.getAll('scope').map((s) => s.replace(/:[^:]*$/, (actions) => (actions.includes('pull') ? ':pull' : ':')));
        return reply(res, 200, { token: issue(url.searchParams.get('service'), pullOnly), expires_in: lifetime });
      }
      if (req.headers.authorization !== expected) return reply(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] });
      reply(res, 200, { token: issue(url.searchParams.get('service'), url.searchParams.getAll('scope')), expires_in: lifetime });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath,
    requests,
    issued,
    setTokenLifetime: (seconds) => {
      lifetime = seconds;
    },
    allowAnonymousPull: (allowed) => {
      anonymousPull = allowed;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
