// Whether a file is under version control, for wkg.lock: a committed lock may not change in CI (cargo's
// and wkg's `--locked`), one that is not is the run's to write.
import { getExecOutput } from '@actions/exec';
import { basename, dirname } from 'node:path';

/** False when git is missing, the directory is no checkout, or the file is not tracked. */
export async function isTracked(file: string): Promise<boolean> {
  try {
    const out = await getExecOutput('git', ['ls-files', '--error-unmatch', '--', basename(file)], { cwd: dirname(file), silent: true, ignoreReturnCode: true });
    return out.exitCode === 0;
  } catch {
    return false;
  }
}
