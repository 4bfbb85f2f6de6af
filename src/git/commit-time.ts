// The commit's time from the checkout, for a reproducible `created` (src/artifact/created.ts).
import { getExecOutput } from '@actions/exec';

/** The commit's committer time, or undefined when there is no git or no such commit. */
export async function commitTimeFromGit(sha: string, cwd: string): Promise<string | undefined> {
  try {
    const out = await getExecOutput('git', ['show', '-s', '--format=%cI', sha || 'HEAD', '--'], { cwd, silent: true, ignoreReturnCode: true });
    return out.exitCode === 0 && out.stdout.trim() !== '' ? out.stdout.trim() : undefined;
  } catch {
    return undefined; // git is not installed
  }
}
