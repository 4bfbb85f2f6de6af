// GitHub's REST client for the attestations, the PR comment and the packages API, with one rule for where it
// points: GITHUB_API_URL (GHES, or a test server), else api.github.com.
import { getOctokit } from '@actions/github';

export type Octokit = ReturnType<typeof getOctokit>;

export function octokit(token: string, apiUrl: string = process.env.GITHUB_API_URL ?? 'https://api.github.com'): Octokit {
  return getOctokit(token, { baseUrl: apiUrl });
}
