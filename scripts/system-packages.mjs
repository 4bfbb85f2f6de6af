// The Debian/Ubuntu packages the integration tests use, checked before the suite runs and installed when
// this process may (root, or sudo without a password), as .ci/run does on a fresh Debian 12 machine.
// Otherwise it prints the exact apt-get line and exits 1 before anything runs. `npm run test:unit` needs none.
//   node scripts/system-packages.mjs           check, and install what is missing where possible
//   node scripts/system-packages.mjs --check   check only
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Each package, and why the suite needs it. */
export const PACKAGES = {
  'docker-registry': 'the real registry (CNCF distribution)',
  skopeo: 'the independent client that reads pushes back',
  containerd: "ctr and its daemon: containerd's fetcher (runwasi's) pulls what the action pushed",
  'apache2-utils': 'htpasswd, for the registry with Basic auth (bcrypt)',
  openssl: "the token server's certificate",
  git: 'commit times',
  'ca-certificates': 'TLS roots for apt and git',
  tar: '@actions/cache archives',
  zstd: '@actions/cache archives',
  rustc: 'the build tests (Debian Rust, used as /usr/bin/cargo ahead of any rustup cargo)',
  cargo: 'the build tests',
  'libstd-rust-dev-wasm32': "Rust's standard library for wasm32-wasi",
  'wasi-libc': 'the C library wasm32-wasi links against',
  'lld-14': 'the wasm linker',
  'librust-serde-json-dev': "serde_json's vendored sources: a crate with real dependencies resolved offline (the SBOM test)",
  'librust-serde-derive-dev': 'serde_derive and syn, quote, proc-macro2: a proc-macro for the SBOM workspace test (host-only crates)',
  'librust-autocfg-dev': 'a build-dependency for the SBOM workspace test',
  'librust-cfg-if-dev': 'a plain dependency for the SBOM workspace test',
};

export const APT_LINE = `apt-get install -y --no-install-recommends ${Object.keys(PACKAGES).join(' ')}`;

/** The packages not installed, per dpkg; all of them where there is no dpkg (not Debian or Ubuntu). */
export function missingPackages() {
  return Object.keys(PACKAGES).filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/** How to run a command as root here: directly, through sudo without a password, or not at all. */
function asRoot() {
  if (process.getuid?.() === 0) return [];
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : undefined;
}

function main() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const prefix = asRoot();
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (process.argv.includes('--check') || !hasApt || prefix === undefined) {
    console.error(
      `The integration tests need these Debian/Ubuntu packages, missing here: ${missing.join(', ')}.\n` +
        `Install them as root:\n  apt-get update && ${APT_LINE}\n` +
        'or run only the unit tests, which need none: npm run test:unit',
    );
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} with apt-get${prefix.length ? ' (sudo)' : ''}`);
  const run = (...args) => {
    const [command, ...rest] = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', ...args];
    execFileSync(command, rest, { stdio: 'inherit' });
  };
  run('apt-get', 'update');
  run('apt-get', 'install', '-y', '--no-install-recommends', ...Object.keys(PACKAGES));
  const still = missingPackages();
  if (still.length > 0) {
    console.error(`apt-get finished, but these are still not installed: ${still.join(', ')}`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
