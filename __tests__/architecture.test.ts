// The shape docs/developing.md describes, checked: which folder of src/ may import which, no
// cycles between folders, and unit tests that need no system package.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './helpers/paths.js';

const SRC = join(ROOT, 'src');

/** Each folder (or top-level file) of src/ and what it may import besides itself. errors.ts is a leaf anyone may use. */
const ALLOWED: Record<string, string[]> = {
  'index.ts': ['main.ts', 'wasm-compiler.ts', 'git'],
  'wasm-compiler.ts': [],
  'main.ts': ['inputs.ts', 'publish', 'smoke', 'github', 'cargo', 'git', 'wasm', 'artifact', 'attach', 'oci'],
  // The publish step's parts (pushing to every image, attestations, the SBOM): below main, above the rest.
  publish: ['inputs.ts', 'github', 'cargo', 'git', 'wit', 'wasm', 'artifact', 'attach', 'oci'],
  'inputs.ts': ['github', 'cargo', 'artifact', 'attach', 'oci', 'smoke'],
  github: ['cargo', 'wasm', 'artifact', 'smoke'],
  // The smoke run before the push: a component started under wasmtime or jco, sandboxed.
  smoke: ['wasm'],
  cargo: ['wasm', 'attach'],
  git: [],
  // WIT dependencies: wkg's config and lock, and fetching packages with the OCI client.
  wit: ['wasm', 'oci'],
  wasm: [],
  artifact: ['wasm', 'oci'],
  attach: ['oci'],
  oci: [],
  'errors.ts': [],
};

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
}

/** Relative imports, static and dynamic, type-only included: a type import ties folders together too. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
}

const partOf = (file: string) => relative(SRC, file).split('/')[0]!;

describe('src/ folders', () => {
  const edges = new Map<string, Set<string>>();
  for (const file of files(SRC)) {
    for (const target of importsOf(file)) {
      const [from, to] = [partOf(file), partOf(target)];
      if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }

  it('import only what the layering allows (main → inputs/github/cargo → wasm/artifact/attach → oci)', () => {
    expect(edges.get('main.ts')?.size).toBeGreaterThan(5);
    const unexpected = [...edges].flatMap(([from, tos]) =>
      [...tos].filter((to) => to !== 'errors.ts' && !(ALLOWED[from] ?? []).includes(to)).map((to) => `${from} → ${to}`),
    );
    expect(unexpected).toEqual([]);
  });

  it('have no cycles', () => {
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of edges.get(node) ?? []) {
        if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else visit(next, [...path, next]);
      }
    };
    for (const node of edges.keys()) visit(node, [node]);
    expect(cycles).toEqual([]);
  });

  it('oci/ knows nothing of GitHub, Wasm or the Actions toolkit', () => {
    const leaks = files(join(SRC, 'oci')).filter((f) => /@actions\/|github|wasm|jco/i.test(readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '')));
    expect(leaks.map((f) => relative(ROOT, f))).toEqual([]);
  });
});

describe('unit tests', () => {
  // What only the integration project may use: its helpers (the registry, skopeo, the token server, the
  // bundle) and the system tools themselves.
  const HELPERS = ['registry', 'skopeo', 'token-server', 'action', 'cache-server', 'proxy'];
  const TOOLS = ['docker-registry', 'skopeo', 'cargo', 'rustc', 'htpasswd', 'openssl', 'git', 'zstd'];
  const INTEGRATION_ONLY = new RegExp(`helpers/(${HELPERS.join('|')})\\.js'|(execFile|spawn|exec)(Sync)?\\(\\s*'(${TOOLS.join('|')})'`);
  it('need no system package: none uses a helper or tool of the integration tests', () => {
    const unitFiles = files(join(ROOT, '__tests__')).filter((f) => f.endsWith('.test.ts') && !f.endsWith('.itg.test.ts'));
    expect(unitFiles.length).toBeGreaterThan(10);
    expect(INTEGRATION_ONLY.test(readFileSync(join(ROOT, '__tests__', 'oci', 'repository.itg.test.ts'), 'utf8'))).toBe(true); // the check sees what it looks for
    expect(unitFiles.filter((f) => INTEGRATION_ONLY.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f))).toEqual([]);
  });
});
