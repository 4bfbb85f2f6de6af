// Signed bundles stored where GitHub users look for them: the repository's attestation API, which
// `gh attestation verify` (without --bundle-from-oci), the repository's Attestations page and admission
// policies read (actions/toolkit packages/attest/src/store.ts: POST /repos/{owner}/{repo}/attestations with
// {bundle}); and a storage record linking the image to the repository (artifactMetadata.ts). Neither can fail
// the step: the bundles are in the registry whatever GitHub answers.
import { octokit as client } from './octokit.js';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StoredAttestation {
  id: string;
  url: string;
}

export interface AttestationLog {
  warning(message: string): void;
  debug(message: string): void;
}

/** A request, tried again after 5xx or a broken connection: twice more, 1 s then 2 s later. */
async function withRetries<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (attempt >= 2 || (status !== undefined && status < 500)) throw err;
      await sleep(1000 * 2 ** attempt);
    }
  }
}

/** Stores one bundle; undefined, with a warning saying what to grant or which plan is needed, when GitHub refuses. */
export async function storeAttestation(
  token: string,
  repository: string,
  serverUrl: string,
  bundle: object,
  what: string,
  log: AttestationLog,
): Promise<StoredAttestation | undefined> {
  const [owner, repo] = repository.split('/') as [string, string];
  try {
    const res = await withRetries(() => client(token).request('POST /repos/{owner}/{repo}/attestations', { owner, repo, bundle }));
    const raw = (res.data as { id?: unknown }).id;
    const id = typeof raw === 'number' || typeof raw === 'string' ? String(raw) : '';
    if (!/^\d+$/.test(id)) throw new Error(`GitHub answered without an attestation id`);
    return { id, url: `${serverUrl}/${repository}/attestations/${id}` };
  } catch (err) {
    const status = (err as { status?: number }).status;
    const why =
      status === 401 || status === 403
        ? 'the job needs "permissions: attestations: write" (with "id-token: write")'
        : status === 404 || status === 422
          ? 'GitHub stores attestations for public repositories, and for private or internal ones on GitHub Enterprise Cloud'
          : (err as Error).message;
    log.warning(
      `The ${what} attestation was not stored in GitHub${status ? ` (HTTP ${status})` : ''}: ${why}. ` +
        'It is attached in the registry: verify it with gh attestation verify … --bundle-from-oci.',
    );
    return undefined;
  }
}

export interface StorageRecord {
  /** The image, without tag or digest: ghcr.io/acme/hello. */
  name: string;
  digest: string;
  version?: string;
  /** https://<registry host> */
  registryUrl: string;
  artifactUrl?: string;
  /** owner/name of the repository that built it. */
  repository: string;
}

/**
 * Links the published image to the repository (artifact metadata storage record). Organizations only, and the
 * token needs `artifact-metadata: write`: anything else is a debug line, as actions/attest treats it.
 * Fields as GitHub's REST documentation names them (`repository`; @actions/attest sends `repo`).
 */
export async function recordStorage(token: string, owner: string, record: StorageRecord, log: AttestationLog): Promise<void> {
  try {
    await withRetries(() =>
      client(token).request('POST /orgs/{owner}/artifacts/metadata/storage-record', {
        owner,
        name: record.name,
        digest: record.digest,
        ...(record.version ? { version: record.version } : {}),
        status: 'active',
        registry_url: record.registryUrl,
        ...(record.artifactUrl ? { artifact_url: record.artifactUrl } : {}),
        repository: record.repository,
      }),
    );
    log.debug(`storage record for ${record.name}@${record.digest} written`);
  } catch (err) {
    const status = (err as { status?: number }).status;
    log.debug(`no storage record for ${record.name} (${status ? `HTTP ${status}` : (err as Error).message}): it needs "permissions: artifact-metadata: write"`);
  }
}
