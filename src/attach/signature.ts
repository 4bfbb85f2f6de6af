// Keyless Sigstore signing with sigstore-js: the workflow's OIDC token → a Fulcio certificate → a DSSE
// envelope over the in-toto statement, witnessed by Rekor (public repositories) or a timestamp authority
// (private ones), as a v0.3 bundle; attached as a referrer the way @sigstore/oci and cosign v3 lay it out:
// empty config, one layer holding the bundle, annotations dev.sigstore.bundle.{content,predicateType}.
import { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness, type IdentityProvider, type Witness } from '@sigstore/sign';
import { bundleToJSON } from '@sigstore/bundle';
import type { Referrer } from '../oci/referrers.js';
import { EMPTY_CONFIG, sha256Digest } from '../oci/spec.js';
import { IN_TOTO_PAYLOAD_TYPE } from './provenance.js';

export const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

export interface SigstoreServices {
  fulcioURL: string;
  /** Transparency log: the public-good Rekor for public repositories. */
  rekorURL?: string;
  /** Timestamp authority: GitHub's for private repositories. */
  tsaURL?: string;
}

/** sigstore-js and actions/attest choose these: public-good for public repositories, GitHub's own otherwise. */
export function defaultServices(publicRepository: boolean): SigstoreServices {
  return publicRepository
    ? { fulcioURL: 'https://fulcio.sigstore.dev', rekorURL: 'https://rekor.sigstore.dev' }
    : { fulcioURL: 'https://fulcio.githubapp.com', tsaURL: 'https://timestamp.githubapp.com' };
}

export async function signStatement(statement: Buffer, services: SigstoreServices, identity: IdentityProvider): Promise<Buffer> {
  const witnesses: Witness[] = [];
  if (services.rekorURL) witnesses.push(new RekorWitness({ rekorBaseURL: services.rekorURL, entryType: 'dsse' }));
  if (services.tsaURL) witnesses.push(new TSAWitness({ tsaBaseURL: services.tsaURL }));
  const builder = new DSSEBundleBuilder({ signer: new FulcioSigner({ fulcioBaseURL: services.fulcioURL, identityProvider: identity }), witnesses });
  const bundle = await builder.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
  return Buffer.from(JSON.stringify(bundleToJSON(bundle)));
}

/** A signed bundle as a referrer, its predicate type in the annotations (@sigstore/oci's layout). */
export function signatureReferrer(bundle: Buffer, created: string, predicateType: string): Referrer {
  const digest = sha256Digest(bundle);
  return {
    artifactType: SIGSTORE_BUNDLE,
    config: EMPTY_CONFIG,
    // A bundle holds a certificate and log entry of this run: no registry has it yet.
    layers: [{ descriptor: { mediaType: SIGSTORE_BUNDLE, digest, size: bundle.length }, source: { bytes: bundle }, fresh: true }],
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': predicateType,
      'org.opencontainers.image.created': created,
    },
  };
}

/** The services given as inputs, the visibility's defaults for the rest (a given log or TSA replaces the other). */
export function resolveServices(given: { fulcioURL: string; rekorURL: string; tsaURL: string }, publicRepository: boolean): SigstoreServices {
  const base = defaultServices(publicRepository);
  const witnessGiven = given.rekorURL !== '' || given.tsaURL !== '';
  return {
    fulcioURL: given.fulcioURL || base.fulcioURL,
    rekorURL: witnessGiven ? given.rekorURL || undefined : base.rekorURL,
    tsaURL: witnessGiven ? given.tsaURL || undefined : base.tsaURL,
  };
}
