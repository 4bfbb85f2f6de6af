// The pull-request comment: what was published and how to run it, found again by a hidden marker.
import { code, codeList, plain } from './markdown.js';

export interface PreviewFacts {
  image: string;
  digest: string;
  /** Full references, `<image>:<tag>`. */
  tags: string[];
  exports: string[];
  imports: string[];
  /** A WIT package's name (`ns:pkg@1.0.0`): nothing to run, only to pull or depend on. */
  package?: { name: string };
  /** false: anonymous clients cannot pull it (a private GHCR package), and the comment says how to. */
  public?: boolean;
  headSha?: string;
  /** The smoke run's one line (smoke-report.ts), when the component was run before the push. */
  smoke?: string;
}

/** One comment per image (a workspace's components: per set of images): a matrix of steps keeps one comment each. */
export function commentMarker(image: string): string {
  return `<!-- wasm-oci-publish:${image} -->`;
}

/** The comment for a workspace's components: a row per component, the pull commands below. */
export function workspaceCommentBody(previews: PreviewFacts[]): string {
  const headSha = previews[0]?.headSha;
  return [
    commentMarker(previews.map((p) => p.image).join(',')),
    `### Wasm component previews${headSha ? ` for ${plain(headSha.slice(0, 7))}` : ''}`,
    '',
    '| Component | Reference | Tags |',
    '|---|---|---|',
    ...previews.map(
      (p) => `| ${code(p.image.split('/').pop() ?? p.image, true)} | ${code(`${p.image}@${p.digest}`, true)} | ${codeList(p.tags, ' ', { inTable: true })} |`,
    ),
    '',
    ...previews.flatMap((p) => (p.smoke ? [`${code(p.image.split('/').pop() ?? p.image)}: ${p.smoke}  `] : [])),
    '',
    '```sh',
    ...previews.map((p) => `wkg oci pull ${p.image}@${p.digest} -o ${p.image.split('/').pop() ?? 'app'}.wasm`),
    '```',
    ...privateNote(previews),
  ].join('\n');
}

export function previewCommentBody(p: PreviewFacts): string {
  const ref = `${p.image}@${p.digest}`;
  const run = p.package
    ? undefined
    : p.exports.some((e) => e.startsWith('wasi:http/incoming-handler@'))
      ? // wasmtime serve offers only the proxy world's imports unless told to add wasi:cli.
        `wasmtime serve${p.imports.some((i) => i.startsWith('wasi:cli/')) ? ' -S cli' : ''} app.wasm   # then: curl http://localhost:8080/`
      : p.exports.some((e) => e.startsWith('wasi:cli/run@'))
        ? 'wasmtime run app.wasm'
        : undefined;
  return [
    commentMarker(p.image),
    `### ${p.package ? 'WIT package' : 'Wasm component'} preview${p.headSha ? ` for ${plain(p.headSha.slice(0, 7))}` : ''}`,
    '',
    '| | |',
    '|---|---|',
    ...(p.package ? [`| Package | ${code(p.package.name, true)} |`] : []),
    `| Reference | ${code(ref, true)} |`,
    `| Tags | ${codeList(p.tags, ' ', { inTable: true })} |`,
    `| Exports | ${codeList(p.exports, ' ', { inTable: true })} |`,
    '',
    ...(p.smoke ? [p.smoke, ''] : []),
    '```sh',
    `wkg oci pull ${ref} -o ${p.package ? 'package' : 'app'}.wasm`,
    ...(run ? [run] : []),
    '```',
    ...privateNote([p]),
  ].join('\n');
}

export interface FailedSmoke {
  component: string;
  /** smoke-report.ts's one line: failed, why, with what. */
  line: string;
  lastLines: string[];
}

/** Nothing was published: which component did not start, and its last output lines (an indented block: literal text). */
export function smokeFailureCommentBody(marker: string, failed: FailedSmoke[], headSha?: string): string {
  return [
    marker,
    `### Wasm component preview not published${headSha ? ` for ${plain(headSha.slice(0, 7))}` : ''}`,
    '',
    'The smoke run failed before the push, so nothing was published:',
    '',
    ...failed.flatMap((f) => [`${code(f.component)}: ${f.line}`, '', ...(f.lastLines.length > 0 ? [...f.lastLines.map((l) => `    ${l}`), ''] : [])]),
  ].join('\n');
}

/** Pulling a private package needs a login first: said under the commands, for the registry of each private image. */
function privateNote(previews: PreviewFacts[]): string[] {
  const registries = [...new Set(previews.filter((p) => p.public === false).map((p) => p.image.split('/')[0]!))];
  if (registries.length === 0) return [];
  return [
    '',
    `> [!NOTE]\n> Private: log in first (${registries.map((r) => code(`docker login ${r}`)).join(', ')}, with a token that can read packages); anonymous pulls are refused.`,
  ];
}
