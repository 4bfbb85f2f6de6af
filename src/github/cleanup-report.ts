// What a pull request's cleanup did, for the job summary and the `removed` output.
import * as core from './runner.js';
import { code, plain } from './markdown.js';

/** One image's cleanup: what was removed (each `image@digest` with the tags it had), what was kept and why. */
export interface CleanupResult {
  image: string;
  /** On a dry run, what would have been removed: nothing was. */
  removed: Array<{ digest: string; tags: string[]; what: 'preview' | 'referrer' | 'referrers index' }>;
  kept: Array<{ digest: string; tags: string[]; why: string }>;
  /** Set when the registry refused to delete: nothing more was tried there. */
  unsupported?: string;
  /** `cleanup: dry-run`: listed, nothing deleted or untagged. */
  dryRun?: boolean;
  /** Why nothing was listed or tried (a fork's read-only token). */
  skipped?: string;
}

export function cleanupMarkdown(pr: number, results: CleanupResult[]): string {
  const dryRun = results.some((r) => r.dryRun);
  const heading = results.length > 0 && results.every((r) => r.skipped) ? 'not cleaned up' : dryRun ? 'to clean up (dry run)' : 'cleaned up';
  const lines = [`## Previews of pull request #${pr} ${heading}`, ''];
  if (dryRun) lines.push('A dry run (`cleanup: dry-run`): nothing was deleted. This is what a cleanup would remove and keep.', '');
  for (const r of results) {
    lines.push(`### ${code(r.image)}`, '');
    if (r.skipped) {
      lines.push(`> [!NOTE]\n> ${plain(r.skipped)}`, '');
      continue;
    }
    if (r.removed.length + r.kept.length === 0) lines.push('No preview of this pull request was found.', '');
    if (r.removed.length > 0 || r.kept.length > 0) {
      lines.push('| | Digest | Tags | |', '|---|---|---|---|');
      const removed = r.dryRun ? 'would remove' : 'removed';
      for (const x of r.removed) lines.push(`| ${removed} | ${code(x.digest, true)} | ${tagList(x.tags)} | ${x.what} |`);
      for (const x of r.kept) lines.push(`| kept | ${code(x.digest, true)} | ${tagList(x.tags)} | ${plain(x.why)} |`);
      lines.push('');
    }
    if (r.unsupported) lines.push(`> [!WARNING]\n> ${plain(r.unsupported)}`, '');
  }
  return lines.join('\n');
}

const tagList = (tags: string[]) => (tags.length ? tags.map((t) => code(t, true)).join(' ') : 'untagged');

export function writeCleanupReport(pr: number, results: CleanupResult[]): void {
  // `removed` names what is gone: a dry run removed nothing (its list is in the summary).
  core.setOutput('removed', results.flatMap((r) => (r.dryRun ? [] : r.removed.map((x) => `${r.image}@${x.digest}`))).join('\n'));
  core.appendSummary(cleanupMarkdown(pr, results));
}
