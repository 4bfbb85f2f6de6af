// The facts of the workflow run that tags and annotations depend on, from the runner's environment
// (GITHUB_* variables and the event payload file), as plain data.
import { readFileSync } from 'node:fs';

export interface EventFacts {
  eventName: string;
  /** The payload's `action`: `closed` for a pull request that was merged or closed. */
  action?: string;
  /** Full ref, e.g. refs/tags/v1.2.3 or refs/heads/main. */
  ref: string;
  sha: string;
  /** owner/name */
  repository: string;
  serverUrl: string;
  actor: string;
  /** Tag name of a release event or a tag push. */
  tag?: string;
  /** Branch name of a branch push. */
  branch?: string;
  prNumber?: number;
  /** The pull request's head commit (GITHUB_SHA is the merge commit there). */
  headSha?: string;
  /** The pull request comes from another repository (a fork). */
  fromFork?: boolean;
  /** The repository is private or internal (payload repository.private / visibility). */
  privateRepository?: boolean;
  /** Commit time from the payload (head_commit.timestamp), when the event carries it. */
  commitTime?: string;
  /** The repository belongs to an organization (payload repository.owner.type). */
  ownerIsOrganization?: boolean;
}

interface Payload {
  action?: string;
  release?: { tag_name?: string };
  pull_request?: { number?: number; head?: { sha?: string; repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } };
  number?: number;
  head_commit?: { timestamp?: string };
  repository?: { private?: boolean; visibility?: string; owner?: { type?: string } };
}

export function readEventFacts(env: NodeJS.ProcessEnv): EventFacts {
  let payload: Payload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Payload;
    } catch {
      payload = {}; // no payload: local runs
    }
  }
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const ref = env.GITHUB_REF ?? '';
  const facts: EventFacts = {
    eventName,
    ...(typeof payload.action === 'string' ? { action: payload.action } : {}),
    ref,
    sha: env.GITHUB_SHA ?? '',
    repository: env.GITHUB_REPOSITORY ?? '',
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    actor: env.GITHUB_ACTOR ?? '',
    commitTime: payload.head_commit?.timestamp,
    privateRepository: payload.repository ? payload.repository.private === true || (payload.repository.visibility ?? 'public') !== 'public' : undefined,
    // Unknown (undefined) when the payload does not say: the packages API then asks GitHub (packages.ts).
    ...(payload.repository?.owner?.type ? { ownerIsOrganization: payload.repository.owner.type === 'Organization' } : {}),
  };
  if (eventName === 'release' && payload.release?.tag_name) facts.tag = payload.release.tag_name;
  else if (ref.startsWith('refs/tags/')) facts.tag = ref.slice('refs/tags/'.length);
  else if (ref.startsWith('refs/heads/')) facts.branch = ref.slice('refs/heads/'.length);
  if (eventName.startsWith('pull_request')) {
    const n = payload.pull_request?.number ?? payload.number ?? Number(/^refs\/pull\/(\d+)\//.exec(ref)?.[1]);
    if (Number.isInteger(n)) facts.prNumber = n;
    facts.headSha = payload.pull_request?.head?.sha;
    const head = payload.pull_request?.head?.repo?.full_name;
    const base = payload.pull_request?.base?.repo?.full_name ?? facts.repository;
    // A deleted fork has head.repo null: still not this repository.
    facts.fromFork = payload.pull_request !== undefined && head !== base;
  }
  return facts;
}
