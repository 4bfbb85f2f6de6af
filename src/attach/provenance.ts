// The in-toto statements that get signed: subject = the component reference and its manifest digest.
// - Build provenance: SLSA v1, the predicate @actions/attest's buildSLSAProvenancePredicate makes
//   (actions/toolkit packages/attest/src/provenance.ts), byte for byte, from the claims of the workflow's
//   OIDC token, not from GITHUB_* variables: inside a reusable workflow, GITHUB_WORKFLOW_REF names the caller,
//   while the token's job_workflow_ref names the workflow that ran, which is the builder.
// - SBOM: the whole SBOM as the predicate, typed as actions/attest's sbom.ts types it.
import { ActionError } from '../errors.js';

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const CYCLONEDX_PREDICATE = 'https://cyclonedx.org/bom';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
const GITHUB_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';

/** The claims of a GitHub Actions OIDC token that the provenance reads. */
export interface RunClaims {
  repository: string;
  ref: string;
  sha: string;
  event_name: string;
  workflow_ref: string;
  job_workflow_ref: string;
  repository_id: string;
  repository_owner_id: string;
  runner_environment: string;
  run_id: string;
  run_attempt: string;
}

const REQUIRED_CLAIMS: Array<keyof RunClaims> = [
  'repository',
  'ref',
  'sha',
  'event_name',
  'workflow_ref',
  'job_workflow_ref',
  'repository_id',
  'repository_owner_id',
  'runner_environment',
  'run_id',
  'run_attempt',
];

/** The claims of a JWT's payload, checked for what the provenance needs; the token's signature is Fulcio's to check. */
export function runClaims(jwt: string): RunClaims {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new ActionError('credentials', 'the OIDC token is not a JWT');
  }
  const missing = REQUIRED_CLAIMS.filter((claim) => typeof payload[claim] !== 'string');
  if (missing.length > 0) throw new ActionError('credentials', `the OIDC token lacks the claims ${missing.join(', ')}: is this a GitHub Actions token?`);
  return Object.fromEntries(REQUIRED_CLAIMS.map((claim) => [claim, payload[claim]])) as unknown as RunClaims;
}

export function provenancePredicate(claims: RunClaims, serverUrl: string): { type: string; params: object } {
  // owner/repo/.github/workflows/main.yml@refs/tags/v1@x → .github/workflows/main.yml, refs/tags/v1@x
  const [workflowPath, ...refChunks] = claims.workflow_ref.replace(`${claims.repository}/`, '').split('@');
  return {
    type: SLSA_PROVENANCE_V1,
    params: {
      buildDefinition: {
        buildType: GITHUB_BUILD_TYPE,
        externalParameters: { workflow: { ref: refChunks.join('@'), repository: `${serverUrl}/${claims.repository}`, path: workflowPath } },
        internalParameters: {
          github: {
            event_name: claims.event_name,
            repository_id: claims.repository_id,
            repository_owner_id: claims.repository_owner_id,
            runner_environment: claims.runner_environment,
          },
        },
        resolvedDependencies: [{ uri: `git+${serverUrl}/${claims.repository}@${claims.ref}`, digest: { gitCommit: claims.sha } }],
      },
      runDetails: {
        builder: { id: `${serverUrl}/${claims.job_workflow_ref}` },
        metadata: { invocationId: `${serverUrl}/${claims.repository}/actions/runs/${claims.run_id}/attempts/${claims.run_attempt}` },
      },
    },
  };
}

/**
 * The SBOM's predicate type, as actions/attest tells it from the document: SPDX (`spdxVersion` and `SPDXID`)
 * → https://spdx.dev/Document/v<version>, CycloneDX (`bomFormat`, `specVersion`) → https://cyclonedx.org/bom.
 */
export function sbomPredicateType(sbom: Record<string, unknown>): string {
  if (typeof sbom.spdxVersion === 'string') return `https://spdx.dev/Document/v${sbom.spdxVersion.split('-').pop()}`;
  return CYCLONEDX_PREDICATE;
}

/**
 * An in-toto v1 statement over the manifest (actions/toolkit packages/attest/src/intoto.ts): one subject per
 * image it was published to, all of the same digest.
 */
export function inTotoStatement(images: string[], manifestDigest: string, predicate: { type: string; params: object }): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: IN_TOTO_STATEMENT_V1,
      subject: images.map((name) => ({ name, digest: { sha256: manifestDigest.replace(/^sha256:/, '') } })),
      predicateType: predicate.type,
      predicate: predicate.params,
    }),
  );
}
