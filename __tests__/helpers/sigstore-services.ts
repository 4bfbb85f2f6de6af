// Fulcio, Rekor and a timestamp authority on loopback: @sigstore/mock's request handlers (its CA, logs
// and TSA with ephemeral keys) served by a real HTTP server, not its nock interception. Also the trust
// material to verify what they issued, and a test OIDC token.
import { createServer, type Server } from 'node:http';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { fulcioHandler, initializeCA, initializeCTLog, initializeTLog, initializeTSA, rekorHandler, tsaHandler, type HandlerFn } from '@sigstore/mock';
import { X509Certificate } from '@sigstore/core';
import type { TrustMaterial } from '@sigstore/verify';
import { freePort } from './ports.js';

export interface SigstoreServices {
  url: string;
  trustMaterial: TrustMaterial;
  requests: string[];
  stop(): Promise<void>;
}

const bytes = (v: ArrayBufferView<ArrayBuffer>) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const forever = { start: new Date(0), end: new Date('2100-01-01') };

export async function startSigstoreServices(): Promise<SigstoreServices> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const ctLog = await initializeCTLog(keyPair());
  const ca = await initializeCA(keyPair(), ctLog);
  const tlog = await initializeTLog(url, keyPair());
  const tsa = await initializeTSA(keyPair());
  const handlers = [fulcioHandler(ca, { subjectClaim: 'sub' }), rekorHandler(tlog), tsaHandler(tsa)];
  const routes = new Map<string, HandlerFn>(handlers.map((h) => [h.path, h.fn]));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      const fn = req.method === 'POST' ? routes.get(req.url ?? '') : undefined;
      if (!fn) {
        res.writeHead(404).end();
        return;
      }
      const body = Buffer.concat(chunks).toString();
      void fn(req.url === '/api/v1/log/entries' ? canonicalRekorEntry(body) : body).then(({ statusCode, response, contentType }) => {
        res.writeHead(statusCode, { 'content-type': contentType ?? 'application/json' });
        res.end(typeof response === 'string' ? response : Buffer.from(response.buffer, response.byteOffset, response.byteLength));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  const logId = (publicKey: Buffer) => createHash('sha256').update(publicKey).digest();
  const trustMaterial: TrustMaterial = {
    certificateAuthorities: [{ certChain: [X509Certificate.parse(bytes(ca.rootCertificate))], validFor: forever }],
    timestampAuthorities: [
      { certChain: [X509Certificate.parse(bytes(tsa.intCertificate)), X509Certificate.parse(bytes(tsa.rootCertificate))], validFor: forever },
    ],
    tlogs: [{ logID: logId(tlog.publicKey), baseURL: url, publicKey: await importSpki(tlog.publicKey), validFor: forever }],
    ctlogs: [{ logID: bytes(ctLog.logID), baseURL: url, publicKey: await importSpki(ctLog.publicKey), validFor: forever }],
    publicKey: () => {
      throw new Error('no public keys: keyless only');
    },
  };
  return {
    url,
    trustMaterial,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function importSpki(der: Buffer) {
  const { createPublicKey } = await import('node:crypto');
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

/** An OIDC token shaped like GitHub's (Fulcio's mock reads its claims, it does not check a signature). */
export function testOidcToken(claims: Record<string, unknown> = {}): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:acme/hello:ref:refs/tags/v1.0.0',
    aud: 'sigstore',
    iat: now,
    exp: now + 300,
    ...claims,
  })}.c2lnbmF0dXJl`;
}

/**
 * Rekor stores a dsse entry in canonical form: the envelope's signatures and the payload's hash, not the
 * proposed envelope (rekor pkg/types/dsse/v0.0.1). @sigstore/mock logs what it is given, so this stand-in
 * does the canonicalization Rekor does before handing the entry to the mock's log.
 */
function canonicalRekorEntry(body: string): string {
  const proposed = JSON.parse(body) as { kind?: string; spec?: { proposedContent?: { envelope: string; verifiers: string[] } } };
  const content = proposed.spec?.proposedContent;
  if (proposed.kind !== 'dsse' || !content) return body;
  const envelope = JSON.parse(content.envelope) as { payload: string; signatures: Array<{ sig: string }> };
  const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
  return JSON.stringify({
    kind: 'dsse',
    apiVersion: '0.0.1',
    spec: {
      signatures: envelope.signatures.map((s) => ({ signature: s.sig, verifier: content.verifiers[0] })),
      payloadHash: { algorithm: 'sha256', value: sha256(Buffer.from(envelope.payload, 'base64')) },
      envelopeHash: { algorithm: 'sha256', value: sha256(content.envelope) },
    },
  });
}
