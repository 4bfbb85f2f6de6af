// Where GitHub gives the workflow a token that cannot write packages, a push can only fail: pull requests
// from forks and Dependabot's runs get at most `packages: read` (GitHub docs, "Permissions for the
// GITHUB_TOKEN"). Say so before trying, and say how to publish such previews.
import type { EventFacts } from './event.js';

export function readOnlyTokenReason(event: EventFacts): string | undefined {
  if (event.eventName === 'pull_request' && event.fromFork) return 'this pull request comes from a fork';
  if (event.actor === 'dependabot[bot]' && (event.eventName === 'pull_request' || event.eventName === 'push')) return 'this run was started by Dependabot';
  return undefined;
}

export function skippedPushNotice(reason: string, layoutDir: string): string {
  return (
    `Not pushing: ${reason}, and GitHub gives such runs a read-only token. The artifact was built, inspected and ` +
    `written as an OCI layout to ${layoutDir}. To publish previews of such pull requests, run this action from a ` +
    'separate "workflow_run" workflow that takes the layout as an artifact, or from "pull_request_target" ' +
    "(which runs with write access: never build the pull request's code there without review)."
  );
}
