// The in-toto statement that gets signed: subject = the component reference and its manifest digest,
// predicate = SLSA v1 build provenance of the workflow run, in the shape actions/attest-build-provenance
// produces (buildType https://actions.github.io/buildtypes/workflow/v1).

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface RunFacts {
  serverUrl: string;
  repository: string;
  sha: string;
  ref: string;
  eventName: string;
  /** GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/file.yml@refs/heads/main */
  workflowRef?: string;
  runId?: string;
  runAttempt?: string;
  repositoryId?: string;
  repositoryOwnerId?: string;
  runnerEnvironment?: string;
}

export function provenanceStatement(image: string, manifestDigest: string, run: RunFacts): Buffer {
  const repoUrl = `${run.serverUrl}/${run.repository}`;
  const workflowPath = run.workflowRef?.replace(`${run.repository}/`, '').split('@')[0] ?? '';
  const workflowRef = run.workflowRef?.split('@')[1] ?? run.ref;
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: image, digest: { sha256: manifestDigest.replace(/^sha256:/, '') } }],
      predicateType: SLSA_PROVENANCE_V1,
      predicate: {
        buildDefinition: {
          buildType: 'https://actions.github.io/buildtypes/workflow/v1',
          externalParameters: { workflow: { ref: workflowRef, repository: repoUrl, path: workflowPath } },
          internalParameters: {
            github: {
              event_name: run.eventName,
              repository_id: run.repositoryId,
              repository_owner_id: run.repositoryOwnerId,
              runner_environment: run.runnerEnvironment,
            },
          },
          resolvedDependencies: [{ uri: `git+${repoUrl}@${run.ref}`, digest: { gitCommit: run.sha } }],
        },
        runDetails: {
          builder: { id: `${run.serverUrl}/${run.workflowRef ?? run.repository}` },
          metadata: { invocationId: `${repoUrl}/actions/runs/${run.runId ?? ''}/attempts/${run.runAttempt ?? '1'}` },
        },
      },
    }),
  );
}

export function runFactsFromEnv(env: NodeJS.ProcessEnv): RunFacts {
  return {
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    workflowRef: env.GITHUB_WORKFLOW_REF,
    runId: env.GITHUB_RUN_ID,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    repositoryId: env.GITHUB_REPOSITORY_ID,
    repositoryOwnerId: env.GITHUB_REPOSITORY_OWNER_ID,
    runnerEnvironment: env.RUNNER_ENVIRONMENT,
  };
}
