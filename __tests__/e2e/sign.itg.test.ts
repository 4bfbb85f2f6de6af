// One run of the bundled action publishes the component, its SBOM and its signature; skopeo reads all three
// back, the fallback index lists both referrers, and the bundle verifies (and fails when tampered with).
// Fulcio and Rekor are @sigstore/mock's on loopback; the OIDC token comes from a loopback stand-in of the
// runner's token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Verifier, toSignedEntity } from '@sigstore/verify';
import { bundleFromJSON } from '@sigstore/bundle';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { startSigstoreServices, testOidcToken, type SigstoreServices } from '../helpers/sigstore-services.js';
import { freePort } from '../helpers/ports.js';
import { runAction, visibleOutput } from '../helpers/action.js';
import { helloComponentFile, tmp } from '../helpers/components.js';
import { copyToLayout, rawManifest } from '../helpers/skopeo.js';

describe('signing', () => {
  let registry: TestRegistry;
  let sigstore: SigstoreServices;
  let oidc: Server;
  let oidcUrl: string;
  const idToken = testOidcToken({ sub: 'repo:acme/hello:ref:refs/heads/main' });
  const requestToken = 'runtime-request-token-123';
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
    sigstore = await startSigstoreServices();
    const port = await freePort();
    oidc = createServer((req, res) => {
      const ok = req.headers.authorization === `Bearer ${requestToken}` && req.url?.includes('audience=sigstore');
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { value: idToken } : { message: 'no' }));
    });
    await new Promise<void>((resolve) => oidc.listen(port, '127.0.0.1', resolve));
    oidcUrl = `http://127.0.0.1:${port}/token?api-version=2.0`;
  });
  afterAll(async () => {
    await new Promise((resolve) => oidc.close(resolve));
    await sigstore.stop();
    await registry.stop();
  });

  const env = () => ({
    ACTIONS_ID_TOKEN_REQUEST_URL: oidcUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    GITHUB_REPOSITORY: 'acme/hello',
    GITHUB_SHA: 'b'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '77',
    SOURCE_DATE_EPOCH: '1700000000',
  });

  it('publishes component, SBOM and signature; the bundle verifies and tampering fails', async () => {
    const run = await runAction({
      inputs: {
        component: await helloComponentFile(),
        image: `${registry.host}/acme/signed`,
        tags: 'v1',
        'fulcio-url': sigstore.url,
        'rekor-url': sigstore.url,
      },
      env: env(),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { digest } = run.outputs;
    const signature = run.outputs['signature-digest'] ?? '';
    expect(signature).toMatch(/^sha256:/);
    expect(run.outputs['sbom-digest']).toMatch(/^sha256:/);
    expect(run.stdout).toContain(`::add-mask::${idToken}`);
    expect(visibleOutput(run)).not.toContain(idToken);

    const index = JSON.parse(await rawManifest(`${registry.host}/acme/signed:${(digest ?? '').replace(':', '-')}`));
    expect(index.manifests.map((m: { artifactType: string }) => m.artifactType)).toEqual([
      'application/vnd.cyclonedx+json',
      'application/vnd.dev.sigstore.bundle.v0.3+json',
    ]);
    expect(index.manifests[1]).toMatchObject({
      digest: signature,
      annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope', 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' },
    });

    const referrer = JSON.parse(await rawManifest(`${registry.host}/acme/signed@${signature}`));
    expect(referrer).toMatchObject({
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json' },
      subject: { digest },
    });
    const layout = tmp('signature-readback');
    await copyToLayout(`${registry.host}/acme/signed@${signature}`, layout);
    const bundle = JSON.parse(readFileSync(join(layout, 'blobs', 'sha256', referrer.layers[0].digest.slice(7)), 'utf8'));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    expect(statement.subject).toEqual([{ name: `${registry.host}/acme/signed`, digest: { sha256: (digest ?? '').slice(7) } }]);

    const verifier = new Verifier(sigstore.trustMaterial, { tlogThreshold: 1, ctlogThreshold: 1 });
    expect(verifier.verify(toSignedEntity(bundleFromJSON(bundle))).identity?.subjectAlternativeName).toBe('repo:acme/hello:ref:refs/heads/main');
    const tampered = structuredClone(bundle);
    tampered.dsseEnvelope.payload = Buffer.from(
      JSON.stringify({ ...statement, subject: [{ name: statement.subject[0].name, digest: { sha256: 'f'.repeat(64) } }] }),
    ).toString('base64');
    expect(() => verifier.verify(toSignedEntity(bundleFromJSON(tampered)))).toThrow();
    expect(run.summary).toContain('| signature |');
  });

  it('sign: true without id-token permission fails with the line to add, before pushing', async () => {
    const run = await runAction({ inputs: { component: await helloComponentFile(), image: `${registry.host}/acme/unsigned`, tags: 'v1', sign: 'true' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::"sign: true" needs an OIDC token: add "id-token: write" under "permissions:"/);
    await expect(rawManifest(`${registry.host}/acme/unsigned:v1`)).rejects.toThrow();
  });

  it('sign: auto without the permission publishes unsigned; the output is empty', async () => {
    const run = await runAction({ inputs: { component: await helloComponentFile(), image: `${registry.host}/acme/auto`, tags: 'v1' } });
    expect(run.code).toBe(0);
    expect(run.outputs['signature-digest']).toBe('');
  });
});
