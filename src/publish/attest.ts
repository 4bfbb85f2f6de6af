// Attestations: the signed build provenance and the signed SBOM, attached beside every image and stored in
// GitHub's attestation API (actions/attest-build-provenance and attest-sbom in one step).
import type { Settings } from '../inputs.js';
import type { EventFacts } from '../github/event.js';
import type { Attestations, Referred } from '../github/report.js';
import type { BuiltArtifact } from '../artifact/manifest.js';
import { inTotoStatement, provenancePredicate, runClaims, sbomPredicateType } from '../attach/provenance.js';
import { attachReferrer, type Referrer } from '../oci/referrers.js';
import { formatRepository, type Repository } from '../oci/reference.js';
import type { RepositoryClient } from '../oci/repository.js';

/** What attesting needs of the Actions runtime: the OIDC token (audience sigstore), and the log. */
export interface AttestIO {
  idToken(): Promise<string>;
  info(line: string): void;
  warning(line: string): void;
  debug(line: string): void;
}

/**
 * Signs the build provenance, and the SBOM when there is one (actions/attest-build-provenance and attest-sbom
 * in one): each bundle is attached in the registry as a referrer and stored in GitHub's attestation API,
 * where `gh attestation verify` looks. The provenance comes from the OIDC token's claims, read from the same
 * token Fulcio certifies. An organization's image also gets a storage record.
 */
export async function attestRun(
  targets: Array<{ repository: Repository; client: RepositoryClient }>,
  settings: Settings,
  event: EventFacts,
  artifact: BuiltArtifact,
  created: string,
  sbom: Referrer | undefined,
  version: string | undefined,
  referrers: Referred[],
  io: AttestIO,
): Promise<Attestations> {
  const [{ resolveServices, signatureReferrer, signStatement }, { storeAttestation, recordStorage }] = await Promise.all([
    import('../attach/signature.js'),
    import('../github/attestations.js'),
  ]);
  const token = await io.idToken();
  const services = resolveServices(settings.sigstore, event.privateRepository !== true);
  const images = targets.map((t) => formatRepository(t.repository));
  const digest = artifact.manifest.descriptor.digest;
  const log = io;
  const store =
    settings.githubToken && event.repository
      ? (bundle: Buffer, what: string) =>
          storeAttestation(settings.githubToken, event.repository, event.serverUrl, JSON.parse(bundle.toString('utf8')) as object, what, log)
      : undefined;

  const result: Attestations = { owner: event.repository.split('/')[0] ?? '' };
  const sbomJson = sbom ? (JSON.parse((sbom.layers[0]!.source as { bytes: Buffer }).bytes.toString('utf8')) as Record<string, unknown>) : undefined;
  const predicates = [
    { kind: 'signature' as const, predicate: provenancePredicate(runClaims(token), event.serverUrl) },
    ...(sbomJson ? [{ kind: 'SBOM attestation' as const, predicate: { type: sbomPredicateType(sbomJson), params: sbomJson } }] : []),
  ];
  for (const { kind, predicate } of predicates) {
    // One bundle whose subjects are every image, attached beside each of them, stored in GitHub once.
    const bundle = await signStatement(inTotoStatement(images, digest, predicate), services, { getToken: () => Promise.resolve(token) });
    referrers.push(await attachEverywhere(targets, artifact, kind, signatureReferrer(bundle, created, predicate.type), (line) => io.info(line)));
    const stored = await store?.(bundle, kind === 'signature' ? 'provenance' : 'SBOM');
    if (kind === 'signature') result.provenance = stored;
    else result.sbom = { stored, predicateType: predicate.type };
  }
  for (const t of targets) {
    if (settings.githubToken && event.ownerIsOrganization) {
      const record = { name: formatRepository(t.repository), digest, version, registryUrl: `https://${t.repository.registry}`, repository: event.repository };
      await recordStorage(settings.githubToken, result.owner, record, log);
    } else {
      io.debug("no storage record: the repository is not an organization's");
    }
  }
  return result;
}

/**
 * Attaches a referrer to the manifest beside every image it was published to, saying so in the log; returns
 * what the first image's registry recorded (the manifest is the same everywhere: the report lists it once).
 */
export async function attachEverywhere(
  targets: Array<{ client: RepositoryClient }>,
  artifact: BuiltArtifact,
  kind: Referred['kind'],
  referrer: Referrer,
  info: (line: string) => void,
): Promise<Referred> {
  const attached: Referred[] = [];
  for (const { client } of targets) {
    const r = await attachReferrer(client, artifact.manifest.descriptor, referrer);
    info(`attached the ${kind} ${r.digest} (${r.via}${r.added ? '' : ', already there'})`);
    attached.push({ kind, digest: r.digest, via: r.via, tag: r.tag });
  }
  return attached[0]!;
}
