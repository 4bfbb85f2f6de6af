// Which packages a crate's WIT needs from elsewhere: the foreign references in `wit/*.wit` (what wit-parser
// reads as the root package), less the packages those files define and those `wit/deps` already holds.
// WIT grammar (component-model design/mvp/WIT.md): a foreign item is `ns:pkg/name@version` in `use`,
// `import`, `export` and `include`; a package is declared by `package ns:pkg@version;` or, nested,
// `package ns:pkg@version { … }`.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectWasm } from '../wasm/inspect.js';

/** A package wanted at one version, or at any version (no `@` in the reference: the newest one). */
export interface PackageWant {
  /** `namespace:name` */
  name: string;
  version?: string;
}

const LABEL = '%?[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
const SEMVER = '\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?';
/** `ns:pkg/item@1.0.0`, anywhere in the text: only foreign references have a `:` before a `/`. */
const FOREIGN = new RegExp(`(?<![\\w:%-])(${LABEL}:${LABEL})/${LABEL}(?:@(${SEMVER}))?`, 'g');
const DECLARED = new RegExp(`\\bpackage\\s+(${LABEL}:${LABEL})(?:@(${SEMVER}))?\\s*[;{]`, 'g');

/** Comments are no references: `//` to the line's end (doc comments too) and `/* … *\/`. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

const key = (p: PackageWant) => (p.version ? `${p.name}@${p.version}` : p.name);
const clean = (label: string) => label.replaceAll('%', '');

/** The foreign packages the texts refer to, each once, without those the texts themselves declare. */
export function foreignPackages(texts: string[]): PackageWant[] {
  const declared = new Set<string>();
  const wanted = new Map<string, PackageWant>();
  for (const raw of texts) {
    const text = withoutComments(raw);
    for (const m of text.matchAll(DECLARED)) declared.add(clean(m[1]!));
    for (const m of text.matchAll(FOREIGN)) {
      const want = { name: clean(m[1]!), ...(m[2] ? { version: m[2] } : {}) };
      wanted.set(key(want), want);
    }
  }
  return [...wanted.values()].filter((w) => !declared.has(w.name)).sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

/** The `.wit` files directly in `dir` (wit-parser's root package), in name order; none when there is no such directory. */
export async function witTexts(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(
    names
      .filter((n) => n.endsWith('.wit'))
      .sort()
      .map((n) => readFile(join(dir, n), 'utf8')),
  );
}

/**
 * The packages `wit/deps` holds, as `ns:pkg@version` and `ns:pkg`: each subdirectory's and each `.wit` file's
 * `package` declarations, and each `.wasm` WIT package's name (what wit-parser would load from there).
 */
export async function packagesInDeps(depsDir: string): Promise<Set<string>> {
  const held = new Set<string>();
  const entries = await readdir(depsDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(depsDir, entry.name);
    const texts = entry.isDirectory() ? await witTexts(path) : entry.name.endsWith('.wit') ? [await readFile(path, 'utf8')] : [];
    for (const text of texts) {
      for (const m of withoutComments(text).matchAll(DECLARED)) {
        held.add(clean(m[1]!));
        if (m[2]) held.add(`${clean(m[1]!)}@${m[2]}`);
      }
    }
    if (entry.isFile() && entry.name.endsWith('.wasm')) {
      const facts = await inspectWasm(path)
        .then((i) => i.facts)
        .catch(() => undefined);
      if (facts?.kind === 'wit-package') {
        held.add(facts.name);
        if (facts.version) held.add(`${facts.name}@${facts.version}`);
      }
    }
  }
  return held;
}

/** Whether `held` (packagesInDeps) satisfies the want: that version, or any version when none is asked. */
export function isHeld(held: Set<string>, want: PackageWant): boolean {
  return held.has(key(want));
}

export { key as wantKey };
