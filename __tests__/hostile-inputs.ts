// The hostile-input cases of issue #25 and their guards, one row each: written into docs/reliability.md by the
// faults suite, and each row's test checked to exist (hostile-inputs.test.ts), so the table cannot name a
// test that is gone. Each test fails when its guard is removed.
export interface HostileCase {
  threat: string;
  guard: string;
  /** The test file, relative to __tests__/, and the test's name (or the start of it). */
  test: [file: string, name: string];
}

export const HOSTILE_CASES: HostileCase[] = [
  {
    threat:
      'a WIT package name or version with `..`, `/`, `\\`, a NUL, an absolute path, a nested namespace or a look-alike, from a registry, a fetched package or wkg.lock',
    guard: 'src/wit/fetch-deps.ts `depsName`: namespace:name (one namespace, ASCII kebab-case) and semver, before anything is read or cached',
    test: ['wit/deps-name.test.ts', 'refuses %s'],
  },
  {
    threat: 'packages that each use a new one, without end',
    guard: 'src/wit/fetch-deps.ts: at most `MAX_PACKAGES` (256) pulled, nothing written past it',
    test: ['wit/fetch-deps.itg.test.ts', 'packages that keep using new ones are followed only so far'],
  },
  {
    threat: 'a WIT fetch that fails half way',
    guard: 'src/wit/fetch-deps.ts: every package fetched, checked and printed before `writeDeps` touches wit/deps',
    test: ['wit/fetch-deps.itg.test.ts', 'a fetch that fails half way'],
  },
  {
    threat: 'a WIT package blob whose bytes are not its digest',
    guard: 'src/oci/repository.ts `fetchBlob`: sha256 of the bytes against the digest, and a size limit',
    test: ['wit/fetch-deps.itg.test.ts', 'a blob whose bytes do not match its digest is refused'],
  },
  {
    threat: 'a manifest that is not the one asked for (by digest, or by tag against Docker-Content-Digest)',
    guard: 'src/oci/repository.ts `getManifest`: the bytes hashed and compared',
    test: ['oci/scripted.test.ts', 'by digest: other bytes are refused'],
  },
  {
    threat: 'a mutated or hostile binary WIT package (crash, hang, memory)',
    guard: 'src/wasm/wit-package.ts: bounded reads, nesting depth 32, names checked (names.ts)',
    test: ['wasm/wit-package-fuzz.test.ts', '3,000 mutated packages'],
  },
];
