import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitTimeFromGit, commitTimeOfCheckout } from '../../src/git/commit-time.js';

/** A repository with one commit made at a known committer time; its sha. */
function repositoryWithCommit(): { dir: string; sha: string } {
  const dir = mkdtempSync(join(tmpdir(), 'commit-time-'));
  const env = { ...process.env, GIT_COMMITTER_DATE: '2024-05-06T07:08:09+00:00', GIT_AUTHOR_DATE: '2020-01-01T00:00:00+00:00' };
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, env, encoding: 'utf8' }).trim();
  git('init', '-q');
  git('commit', '-q', '--allow-empty', '-m', 'one');
  return { dir, sha: git('rev-parse', 'HEAD') };
}

describe('commitTimeFromGit', () => {
  it("gives the commit's committer time, not its author time", async () => {
    const { dir, sha } = repositoryWithCommit();
    expect(await commitTimeFromGit(sha, dir)).toBe('2024-05-06T07:08:09+00:00');
    expect(await commitTimeFromGit('', dir)).toBe('2024-05-06T07:08:09+00:00'); // HEAD
  });

  it('gives nothing for a commit the checkout lacks, outside a repository, or without git', async () => {
    const { dir } = repositoryWithCommit();
    expect(await commitTimeFromGit('0'.repeat(40), dir)).toBeUndefined();
    expect(await commitTimeFromGit('', mkdtempSync(join(tmpdir(), 'no-repo-')))).toBeUndefined();
    const path = process.env.PATH;
    process.env.PATH = mkdtempSync(join(tmpdir(), 'empty-path-'));
    try {
      expect(await commitTimeFromGit('', dir)).toBeUndefined();
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('commitTimeOfCheckout', () => {
  it("asks git once per commit and checkout: index.ts's early ask and the read's get one answer", async () => {
    const { dir, sha } = repositoryWithCommit();
    const env = { GITHUB_SHA: sha, GITHUB_WORKSPACE: dir };
    const first = commitTimeOfCheckout(env);
    expect(commitTimeOfCheckout({ ...env })).toBe(first);
    expect(await first).toBe('2024-05-06T07:08:09+00:00');
  });

  it('does not ask git when SOURCE_DATE_EPOCH sets the time', async () => {
    const { dir, sha } = repositoryWithCommit();
    expect(await commitTimeOfCheckout({ GITHUB_SHA: sha, GITHUB_WORKSPACE: dir, SOURCE_DATE_EPOCH: '1700000000' })).toBeUndefined();
  });
});
