// Event facts for tests of the cleanup decision: a repository's defaults, and the closed pull request #7.
import type { EventFacts } from '../../src/github/event.js';

/** acme/app on github.com, with `over` on top. */
export const event = (over: Partial<EventFacts>): EventFacts => ({
  eventName: '',
  ref: '',
  sha: '',
  repository: 'acme/app',
  serverUrl: 'https://github.com',
  actor: 'a',
  ...over,
});

/** pull_request #7, closed. */
export const closedPullRequest = event({ eventName: 'pull_request', action: 'closed', prNumber: 7 });
