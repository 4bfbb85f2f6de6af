// The manifest annotations a run's GitHub context gives: the repository (GHCR links the package to it), the
// commit, the version, the built crate's metadata, and a pull request's preview keys.
import { defaultAnnotations, previewAnnotations } from '../artifact/annotations.js';
import type { CrateFacts } from '../cargo/crate.js';
import type { EventFacts } from './event.js';

export function eventAnnotations(event: EventFacts, crate: CrateFacts | undefined, created: string, version: string | undefined): Record<string, string> {
  const repositoryUrl = event.repository ? `${event.serverUrl}/${event.repository}` : undefined;
  return {
    ...defaultAnnotations(created, {
      // The GitHub repository links a GHCR package to it; the crate's own repository is the fallback.
      source: repositoryUrl ?? crate?.repository,
      url: repositoryUrl ?? crate?.repository,
      revision: event.sha || undefined,
      version,
      title: crate?.name,
      description: crate?.description,
      licenses: crate?.license,
    }),
    ...(event.prNumber !== undefined ? previewAnnotations(event.prNumber, event.headSha ?? event.sha) : {}),
  };
}
