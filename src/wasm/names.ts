// Component-model names, checked as wasm-tools' validator checks them (component-model Explainer.md,
// "Import and Export Definitions"; wasmparser validator/names.rs). A world's imports and exports are plain
// names (`add`, `[method]res.get`) or interface names (`wasi:http/types@0.2.0`); nothing else is written to
// the config, and nothing else can reach a job summary or a pull-request comment: no space, backtick, pipe,
// angle bracket or line break gets through.
//
//   plainname     ::= label | '[async]' label | '[constructor]' label | '[method]' label '.' label
//                   | '[async method]' label '.' label | '[static]' label '.' label | '[async static]' label '.' label
//   label         ::= fragment ('-' fragment)*       fragment ::= [a-z][0-9a-z]* | [A-Z][0-9A-Z]*
//   interfacename ::= (label ':')+ label ('/' label)+ ('@' semver)?   (nested namespaces and interfaces included)
// Imports may also be `unlocked-dep=<…>`, `locked-dep=<…>`, `url=<…>` or `integrity=<…>`: no world holds those,
// and this action refuses them with the rest.

const LABEL = '(?:[a-z][0-9a-z]*|[A-Z][0-9A-Z]*)(?:-(?:[a-z][0-9a-z]*|[A-Z][0-9A-Z]*))*';
/** semver.org 2.0.0: no leading zeros, dot-separated identifiers. */
const NUMBER = '(?:0|[1-9]\\d*)';
const IDENT = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const SEMVER = `${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-${IDENT}(?:\\.${IDENT})*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?`;

const PLAIN = `(?:\\[async\\]|\\[constructor\\])?${LABEL}|\\[(?:async )?(?:method|static)\\]${LABEL}\\.${LABEL}`;
const INTERFACE = `(?:${LABEL}:)+${LABEL}(?:/${LABEL})+(?:@${SEMVER})?`;
/** One expression for both: a component can hold tens of thousands of names. */
const NAME = new RegExp(`^(?:${PLAIN}|${INTERFACE})$`);

/** Why `name` is not a valid import or export name of a world, or undefined when it is. */
export function nameProblem(name: string): string | undefined {
  if (NAME.test(name)) return undefined;
  if (/^(?:unlocked-dep|locked-dep|url|integrity)=/.test(name)) return 'dependency, URL and hash names are not world items';
  if (name.includes(':') || name.includes('/')) return 'an interface name is namespace:package/interface with kebab-case labels and an optional @semver';
  return 'a name is a kebab-case label (words of [a-z0-9] or [A-Z0-9] joined by "-"), optionally [constructor], [method] or [static]';
}
