// Checks that the real tools the suite needs are installed: a missing one fails the run, never skips it.
import { execFileSync } from 'node:child_process';

export const REQUIRED_TOOLS = ['docker-registry', 'skopeo', 'htpasswd', 'openssl', 'git'];

export function missingTools(): string[] {
  return REQUIRED_TOOLS.filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v "$0"`, tool], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}
