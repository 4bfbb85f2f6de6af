// A token server for the registry's `auth: token` mode (distribution "Token Authentication Specification"):
// checks Basic credentials and answers RS256 JWTs whose x5c certificate the registry trusts through its
// rootcertbundle. Records every request, so tests can see what was sent where.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certPath: string;
  requests: Array<{ url: string; authorization?: string }>;
  /** Tokens issued so far. */
  issued: string[];
  /** Lifetime of the tokens it issues, in seconds. */
  setTokenLifetime(seconds: number): void;
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

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
  const requests: TokenServer['requests'] = [];
  const issued: string[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;

  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const access = url.searchParams.getAll('scope').flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      return type && name && actions ? [{ type, name, actions: actions.split(',') }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [certDer] };
    const claims = {
      iss: issuer,
      sub: credentials.username,
      aud: url.searchParams.get('service'),
      exp: now + lifetime,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const token = `${signingInput}.${b64url(sign('sha256', Buffer.from(signingInput), key))}`;
    issued.push(token);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token, expires_in: lifetime }));
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
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
