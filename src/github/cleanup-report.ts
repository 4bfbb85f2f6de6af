// What a pull request's cleanup did, for the job summary and the `removed` output.
import * as core from './runner.js';
import { code, plain } from './markdown.js';

/** One image's cleanup: what was removed (each `image@digest` with the tags it had), what was kept and why. */
export interface CleanupResult {
  image: string;
  removed: Array<{ digest: string; tags: string[]; what: 'preview' | 'referrer' | 'referrers index' }>;
  kept: Array<{ digest: string; tags: string[]; why: string }>;
  /** Set when the registry refused to delete: nothing more was tried there. */
  unsupported?: string;
}

export function cleanupMarkdown(pr: number, results: CleanupResult[]): string {
  const lines = [`## Previews of pull request #${pr} cleaned up`, ''];
  for (const r of results) {
    lines.push(`### ${code(r.image)}`, '');
    if (r.removed.length + r.kept.length === 0) lines.push('No preview of this pull request was found.', '');
    if (r.removed.length > 0 || r.kept.length > 0) {
      lines.push('| | Digest | Tags | |', '|---|---|---|---|');
      for (const x of r.removed) lines.push(`| removed | ${code(x.digest, true)} | ${tagList(x.tags)} | ${x.what} |`);
      for (const x of r.kept) lines.push(`| kept | ${code(x.digest, true)} | ${tagList(x.tags)} | ${plain(x.why)} |`);
      lines.push('');
    }
    if (r.unsupported) lines.push(`> [!WARNING]\n> ${plain(r.unsupported)}`, '');
  }
  return lines.join('\n');
}

const tagList = (tags: string[]) => (tags.length ? tags.map((t) => code(t, true)).join(' ') : 'untagged');

export function writeCleanupReport(pr: number, results: CleanupResult[]): void {
  core.setOutput('removed', results.flatMap((r) => r.removed.map((x) => `${r.image}@${x.digest}`)).join('\n'));
  core.appendSummary(cleanupMarkdown(pr, results));
}
