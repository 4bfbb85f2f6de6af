// Default manifest annotations (image-spec annotations.md, pre-defined keys). GHCR links a package to
// the repository named by org.opencontainers.image.source.
import type { ComponentMetadata } from '../wasm/metadata.js';

export interface SourceFacts {
  /** Repository URL, e.g. https://github.com/acme/hello. */
  source?: string;
  /** Where to find out more: the repository too. */
  url?: string;
  /** Commit the artifact was built from. */
  revision?: string;
  version?: string;
  /** From the crate, when one was built. */
  title?: string;
  description?: string;
  licenses?: string;
}

export function defaultAnnotations(created: string, facts: SourceFacts): Record<string, string> {
  const a: Record<string, string> = { 'org.opencontainers.image.created': created };
  if (facts.source) a['org.opencontainers.image.source'] = facts.source;
  if (facts.url) a['org.opencontainers.image.url'] = facts.url;
  if (facts.revision) a['org.opencontainers.image.revision'] = facts.revision;
  if (facts.version) a['org.opencontainers.image.version'] = facts.version;
  if (facts.title) a['org.opencontainers.image.title'] = facts.title;
  // GHCR shows these on the package page (description up to 512 characters, licenses up to 256).
  if (facts.description) a['org.opencontainers.image.description'] = facts.description.slice(0, 512);
  if (facts.licenses) a['org.opencontainers.image.licenses'] = facts.licenses.slice(0, 256);
  return a;
}

/**
 * What a component says of itself (its wasm-metadata sections) as annotations, the way `wkg publish` and
 * `wash push` map them; the lowest precedence: the crate, the event and the `annotations` input override it.
 */
export function componentMetadataAnnotations(m: ComponentMetadata): Record<string, string> {
  const a: Record<string, string> = {};
  const set = (key: string, value: string | undefined, max = 4096) => {
    if (value) a[`org.opencontainers.image.${key}`] = value.slice(0, max);
  };
  set('title', m.name);
  set('authors', m.authors);
  set('description', m.description, 512);
  set('licenses', m.licenses, 256);
  set('source', m.source);
  set('url', m.homepage);
  set('revision', m.revision);
  set('version', m.version);
  return a;
}

/** This action's own keys: trace a pull-request preview back to its pull request and commit. */
export const ANNOTATION_PREFIX = 'dev.wasm-oci-publish.';

export function previewAnnotations(prNumber: number, headSha: string): Record<string, string> {
  return { [`${ANNOTATION_PREFIX}pull-request`]: String(prNumber), [`${ANNOTATION_PREFIX}head-sha`]: headSha };
}
