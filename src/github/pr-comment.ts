// Creates or updates this action's comment on a pull request (REST: issues comments), never stacking a
// new one per push. The comment is found by its marker among the comments the token's own user wrote (as
// marocchino/sticky-pull-request-comment does): anyone can paste the marker, and no one else's comment is
// ever edited. A comment that cannot be written is a warning: the publish itself succeeded.
import * as core from './runner.js';
import { octokit as githubClient } from './octokit.js';
import { commentMarker, previewCommentBody, smokeFailureCommentBody, workspaceCommentBody, type FailedSmoke, type PreviewFacts } from './pr-comment-body.js';

/** One comment for what the step published: one component's, or a workspace's with a row per component. */
export async function upsertPreviewComment(token: string, repository: string, prNumber: number, previews: PreviewFacts[]): Promise<void> {
  const body = previews.length === 1 ? previewCommentBody(previews[0]!) : workspaceCommentBody(previews);
  await upsertComment(token, repository, prNumber, commentMarker(previews.map((p) => p.image).join(',')), body);
}

/**
 * A smoke run failed and nothing was pushed: the same comment (same marker) says so, until a push that
 * passes replaces it. `images` is each component's first image, as the preview comment names them.
 */
export async function upsertSmokeFailureComment(
  token: string,
  repository: string,
  prNumber: number,
  images: string[],
  failed: FailedSmoke[],
  headSha?: string,
): Promise<void> {
  const marker = commentMarker(images.join(','));
  await upsertComment(token, repository, prNumber, marker, smokeFailureCommentBody(marker, failed, headSha));
}

/** 10,000 comments: more than any pull request has; past it the listing is not believed. */
export const MAX_COMMENT_PAGES = 100;

async function upsertComment(token: string, repository: string, prNumber: number, marker: string, body: string): Promise<void> {
  const [owner, repo] = repository.split('/') as [string, string];
  const octokit = githubClient(token);
  try {
    // GraphQL's viewer is the token's user: `github-actions` for GITHUB_TOKEN, whose REST login is `github-actions[bot]`.
    const { viewer } = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    // At most MAX_COMMENT_PAGES pages: an API whose Link never ends (or names the same page again) would page for ever.
    let pages = 0;
    let more = false;
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: prNumber, per_page: 100 }, (res, done) => {
      if (++pages >= MAX_COMMENT_PAGES) {
        more = /rel="next"/.test(res.headers.link ?? '');
        done();
      }
      return res.data;
    });
    // Not finding the comment in a partial list would add a second one: no comment, and the warning says why.
    if (more) throw new Error(`the pull request lists more than ${MAX_COMMENT_PAGES * 100} comments: not looking further for this action's`);
    const mine = comments.find((c) => c.body?.includes(marker) && sameLogin(c.user?.login, viewer.login));
    if (mine) {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
      core.info(`updated the preview comment on #${prNumber}`);
    } else {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: prNumber, body });
      core.info(`commented the preview on #${prNumber}`);
    }
  } catch (err) {
    const status = (err as { status?: number }).status;
    core.warning(
      `Could not comment on pull request #${prNumber}${status ? ` (HTTP ${status})` : ''}: ${(err as Error).message}. ` +
        'The job needs "permissions: pull-requests: write"; set "pr-comment: false" to turn comments off.',
    );
  }
}

function sameLogin(commenter: string | undefined, viewer: string): boolean {
  const bare = (login: string) => login.replace(/\[bot\]$/i, '').toLowerCase();
  return commenter !== undefined && bare(commenter) === bare(viewer);
}
