// Attestations: the signed build provenance and the signed SBOM, attached beside every image and stored in
// GitHub's attestation API (actions/attest-build-provenance and attest-sbom in one step).
import type { Settings } from '../inputs.js';
import type { EventFacts } from '../github/event.js';
import type { Attestations, Referred } from '../github/report.js';
import type { BuiltArtifact } from '../artifact/manifest.js';
import { inTotoStatement, provenancePredicate, runClaims, sbomPredicateType } from '../attach/provenance.js';
import type { Attached, Referrer } from '../oci/referrers.js';
import { allSettledOrThrow, settle, unsettle } from '../oci/settle.js';
import { formatRepository, type Repository } from '../oci/reference.js';

/** What attesting needs of the Actions runtime: the OIDC token (audience sigstore), and the log. */
export interface AttestIO {
  idToken(): Promise<string>;
  info(line: string): void;
  warning(line: string): void;
  debug(line: string): void;
}

type SignedKind = 'signature' | 'SBOM attestation';

export interface Signing {
  /** What is signed, in order: the provenance, then the SBOM when there is one. */
  kinds: SignedKind[];
  /** Each signed bundle as a referrer, once signed: handed to the push, which attaches it as it arrives. */
  referrers: Array<Promise<Referrer>>;
  /** After the push: stores the bundles in GitHub and records where the images are. */
  record(published: Array<{ repository: Repository }>): Promise<Attestations>;
}

/**
 * Signs the build provenance, and the SBOM when there is one (actions/attest-build-provenance and attest-sbom
 * in one), while the artifact is pushed: the statement needs only the images and the manifest's digest, and
 * over a network the OIDC token, Fulcio and Rekor are round trips the upload hides. Each bundle is attached
 * in the registry as a referrer and, once the images are published, stored in GitHub's attestation API,
 * where `gh attestation verify` looks (so a push that fails stores nothing in GitHub; the transparency log
 * may still hold the entry, as for any signing that precedes a failure). The provenance comes from the OIDC
 * token's claims, read from the same token Fulcio certifies. An organization's image also gets a storage record.
 */
export function startSigning(
  images: Repository[],
  settings: Settings,
  event: EventFacts,
  artifact: BuiltArtifact,
  created: string,
  sbom: Referrer | undefined,
  version: string | undefined,
  io: AttestIO,
): Signing {
  const digest = artifact.manifest.descriptor.digest;
  const sbomJson = sbom ? (JSON.parse((sbom.layers[0]!.source as { bytes: Buffer }).bytes.toString('utf8')) as Record<string, unknown>) : undefined;
  const kinds: SignedKind[] = ['signature', ...(sbomJson ? (['SBOM attestation'] as const) : [])];
  const signed = (async () => {
    const [{ resolveServices, signatureReferrer, signStatement }, token] = await Promise.all([import('../attach/signature.js'), io.idToken()]);
    const services = resolveServices(settings.sigstore, event.privateRepository !== true);
    const subjects = images.map(formatRepository);
    const predicates = [provenancePredicate(runClaims(token), event.serverUrl), ...(sbomJson ? [{ type: sbomPredicateType(sbomJson), params: sbomJson }] : [])];
    // One bundle per predicate whose subjects are every image, attached beside each of them, stored in GitHub once.
    return Promise.all(
      predicates.map(async (predicate) => {
        const bundle = await signStatement(inTotoStatement(subjects, digest, predicate), services, { getToken: () => Promise.resolve(token) });
        return { bundle, predicateType: predicate.type, referrer: signatureReferrer(bundle, created, predicate.type) };
      }),
    );
  })();
  signed.catch(() => undefined); // awaited by record(); a push that fails first never gets there
  return {
    kinds,
    referrers: kinds.map((_, i) => signed.then((all) => all[i]!.referrer)),
    async record(published) {
      const { storeAttestation, recordStorage } = await import('../github/attestations.js');
      const bundles = await signed;
      const owner = event.repository.split('/')[0] ?? '';
      const result: Attestations = { owner };
      const store = (bundle: Buffer, what: string) =>
        settings.githubToken && event.repository
          ? storeAttestation(settings.githubToken, event.repository, event.serverUrl, JSON.parse(bundle.toString('utf8')) as object, what, io)
          : Promise.resolve(undefined);
      const records: Array<Promise<void>> = [];
      if (settings.githubToken && event.ownerIsOrganization) {
        for (const t of published) {
          const record = {
            name: formatRepository(t.repository),
            digest,
            version,
            registryUrl: `https://${t.repository.registry}`,
            repository: event.repository,
          };
          records.push(recordStorage(settings.githubToken, owner, record, io));
        }
      } else {
        io.debug("no storage record: the repository is not an organization's");
      }
      const recording = settle(allSettledOrThrow(records));
      // The bundles one after the other, as signed (the attestation ids in the outputs and the warnings keep
      // that order); the storage records meanwhile.
      const stored = [];
      for (const [i, b] of bundles.entries()) stored.push(await store(b.bundle, kinds[i] === 'signature' ? 'provenance' : 'SBOM'));
      result.provenance = stored[0];
      if (bundles[1]) result.sbom = { stored: stored[1], predicateType: bundles[1].predicateType };
      await unsettle(recording);
      return result;
    },
  };
}

/**
 * What became of the referrers at each image, said in the log; what the first image's registry recorded
 * (the manifest is the same everywhere: the report lists it once). The first failure is thrown once all
 * are told.
 */
export function attachedReport(published: Array<{ attached?: Attached[] }>, kinds: Array<Referred['kind']>, info: (line: string) => void): Referred[] {
  let failure: unknown;
  const reports = published.map(({ attached = [] }) =>
    kinds.flatMap((kind, i): Referred[] => {
      const r = attached[i];
      if (!r || 'error' in r) {
        failure ??= r?.error;
        return [];
      }
      info(`attached the ${kind} ${r.digest} (${r.via}${r.added ? '' : ', already there'})`);
      return [{ kind, digest: r.digest, via: r.via, tag: r.tag }];
    }),
  );
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(`attaching a referrer failed: ${JSON.stringify(failure)}`);
  return reports[0] ?? [];
}
