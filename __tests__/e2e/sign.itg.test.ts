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
import { startGitHubApi, type GitHubApi } from '../helpers/github-api.js';

describe('signing', () => {
  let registry: TestRegistry;
  let sigstore: SigstoreServices;
  let oidc: Server;
  let oidcUrl: string;
  // A job in a reusable workflow: the token's job_workflow_ref names it, GITHUB_WORKFLOW_REF the caller.
  const claims = {
    sub: 'repo:acme/hello:ref:refs/heads/main',
    repository: 'acme/hello',
    ref: 'refs/heads/main',
    sha: 'b'.repeat(40),
    event_name: 'push',
    workflow_ref: 'acme/hello/.github/workflows/release.yml@refs/heads/main',
    job_workflow_ref: 'acme/shared/.github/workflows/publish.yml@refs/tags/v2',
    repository_id: '11',
    repository_owner_id: '22',
    runner_environment: 'github-hosted',
    run_id: '77',
    run_attempt: '1',
  };
  const idToken = testOidcToken(claims);
  let api: GitHubApi;
  const requestToken = 'runtime-request-token-123';
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
    sigstore = await startSigstoreServices();
    api = await startGitHubApi();
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
    await api.stop();
  });

  const env = () => ({
    ACTIONS_ID_TOKEN_REQUEST_URL: oidcUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    GITHUB_REPOSITORY: 'acme/hello',
    GITHUB_SHA: 'b'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '77',
    GITHUB_WORKFLOW_REF: 'acme/hello/.github/workflows/release.yml@refs/heads/main',
    GITHUB_API_URL: api.url,
    SOURCE_DATE_EPOCH: '1700000000',
  });
  const inputs = (name: string) => ({
    component: '',
    image: `${registry.host}/acme/${name}`,
    tags: 'v1',
    'fulcio-url': sigstore.url,
    'rekor-url': sigstore.url,
    'github-token': 'ghs_signingtesttoken0123456789abcdefghij',
  });

  it('publishes component, SBOM, signed provenance and signed SBOM; stores both attestations in GitHub; they verify, tampering fails', async () => {
    api.attestations.length = 0;
    const run = await runAction({
      inputs: { ...inputs('signed'), component: await helloComponentFile() },
      env: env(),
      payload: { repository: { private: false, owner: { type: 'Organization' } } },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { digest } = run.outputs;
    const signature = run.outputs['signature-digest'] ?? '';
    expect(signature).toMatch(/^sha256:/);
    expect(run.outputs['sbom-digest']).toMatch(/^sha256:/);
    expect(run.stdout).toContain(`::add-mask::${idToken}`);
    expect(visibleOutput(run)).not.toContain(idToken);

    // The registry: SBOM, signed provenance and signed SBOM, all referrers of the manifest.
    const index = JSON.parse(await rawManifest(`${registry.host}/acme/signed:${(digest ?? '').replace(':', '-')}`));
    expect(
      index.manifests.map((m: { artifactType: string; annotations: Record<string, string> }) => [
        m.artifactType,
        m.annotations['dev.sigstore.bundle.predicateType'],
      ]),
    ).toEqual([
      ['application/vnd.cyclonedx+json', undefined],
      ['application/vnd.dev.sigstore.bundle.v0.3+json', 'https://slsa.dev/provenance/v1'],
      ['application/vnd.dev.sigstore.bundle.v0.3+json', 'https://cyclonedx.org/bom'],
    ]);
    expect(index.manifests[1]).toMatchObject({ digest: signature, annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope' } });
    const referrer = JSON.parse(await rawManifest(`${registry.host}/acme/signed@${signature}`));
    expect(referrer).toMatchObject({
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json' },
      subject: { digest },
    });
    const layout = tmp('signature-readback');
    await copyToLayout(`${registry.host}/acme/signed@${signature}`, layout);
    const bundle = JSON.parse(readFileSync(join(layout, 'blobs', 'sha256', referrer.layers[0].digest.slice(7)), 'utf8'));

    // GitHub: the same two bundles, stored, in the order signed.
    expect(api.attestations.map((a) => a.repository)).toEqual(['acme/hello', 'acme/hello']);
    expect(api.attestations[0]!.bundle).toEqual(bundle);
    const [provenance, sbom] = api.attestations.map((a) =>
      JSON.parse(Buffer.from((a.bundle.dsseEnvelope as { payload: string }).payload, 'base64').toString()),
    );
    expect(provenance.subject).toEqual([{ name: `${registry.host}/acme/signed`, digest: { sha256: (digest ?? '').slice(7) } }]);
    expect(provenance.predicate.runDetails.builder.id).toBe('https://github.com/acme/shared/.github/workflows/publish.yml@refs/tags/v2');
    expect(provenance.predicate.buildDefinition.internalParameters.github).toEqual({
      event_name: 'push',
      repository_id: '11',
      repository_owner_id: '22',
      runner_environment: 'github-hosted',
    });
    expect(sbom).toMatchObject({
      predicateType: 'https://cyclonedx.org/bom',
      subject: provenance.subject,
      predicate: { bomFormat: 'CycloneDX', specVersion: '1.6' },
    });
    expect(run.outputs).toMatchObject({
      'attestation-id': '5001',
      'attestation-url': 'https://github.com/acme/hello/attestations/5001',
      'sbom-attestation-id': '5002',
    });

    const verifier = new Verifier(sigstore.trustMaterial, { tlogThreshold: 1, ctlogThreshold: 1 });
    for (const stored of api.attestations) {
      expect(verifier.verify(toSignedEntity(bundleFromJSON(stored.bundle))).identity?.subjectAlternativeName).toBe('repo:acme/hello:ref:refs/heads/main');
    }
    const tampered = structuredClone(bundle);
    tampered.dsseEnvelope.payload = Buffer.from(
      JSON.stringify({ ...provenance, subject: [{ name: provenance.subject[0].name, digest: { sha256: 'f'.repeat(64) } }] }),
    ).toString('base64');
    expect(() => verifier.verify(toSignedEntity(bundleFromJSON(tampered)))).toThrow();

    // The organization's image is linked to the repository.
    expect(api.storageRecords.at(-1)).toEqual({
      org: 'acme',
      body: { name: `${registry.host}/acme/signed`, digest, status: 'active', registry_url: `https://${registry.host}`, repository: 'acme/hello' },
    });
    // Verify commands that work as printed: from GitHub's store, the SBOM with its predicate type.
    expect(run.summary).toContain(`gh attestation verify oci://${registry.host}/acme/signed@${digest} --owner acme\n`);
    expect(run.summary).toContain(
      `gh attestation verify oci://${registry.host}/acme/signed@${digest} --owner acme --predicate-type https://cyclonedx.org/bom\n`,
    );
    expect(run.summary).not.toContain('--bundle-from-oci');
    expect(run.summary).toContain('[Build provenance](https://github.com/acme/hello/attestations/5001)');
  });

  it('where GitHub refuses to store them (403, or a plan without attestations), a warning; the registry has them, and the verify commands read it', async () => {
    api.attestations.length = 0;
    api.attestationAnswers.push(403, 404);
    const run = await runAction({ inputs: { ...inputs('refused'), component: await helloComponentFile() }, env: env() });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/::warning::The provenance attestation was not stored in GitHub \(HTTP 403\): the job needs "permissions: attestations: write"/);
    expect(run.stdout).toMatch(
      /::warning::The SBOM attestation was not stored in GitHub \(HTTP 404\): GitHub stores attestations for public repositories, and for private or internal ones on GitHub Enterprise Cloud/,
    );
    expect(api.attestations).toEqual([]);
    expect(run.outputs['attestation-id']).toBe('');
    expect(run.outputs['signature-digest']).toMatch(/^sha256:/);
    expect(run.summary).toContain(`--owner acme --bundle-from-oci\n`);
    expect(run.summary).toContain(`--owner acme --predicate-type https://cyclonedx.org/bom --bundle-from-oci\n`);
    expect(run.stdout).toMatch(/::debug::no storage record: the repository is not an organization's/);
  });

  it('a 500 from the attestation API is tried again', async () => {
    api.attestations.length = 0;
    api.attestationAnswers.push(500);
    const run = await runAction({ inputs: { ...inputs('retried'), component: await helloComponentFile(), sbom: 'false' }, env: env() });
    expect(run.code, run.stdout).toBe(0);
    expect(api.attestations).toHaveLength(1);
    expect(run.stdout).not.toContain('::warning::');
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
