export const id = 883;
export const ids = [883];
export const modules = {

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ octokit)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(92413);
// GitHub's REST client for the attestations, the PR comment and the packages API, with one rule for where it
// points: GITHUB_API_URL (GHES, or a test server), else api.github.com.

function octokit(token, apiUrl = process.env.GITHUB_API_URL ?? 'https://api.github.com') {
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl: apiUrl });
}


/***/ }),

/***/ 68883:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  upsertPreviewComment: () => (/* binding */ upsertPreviewComment),
  upsertSmokeFailureComment: () => (/* binding */ upsertSmokeFailureComment)
});

// EXTERNAL MODULE: ./src/github/runner.ts
var runner = __webpack_require__(19373);
// EXTERNAL MODULE: ./src/github/octokit.ts
var github_octokit = __webpack_require__(6702);
// EXTERNAL MODULE: ./src/github/markdown.ts
var markdown = __webpack_require__(65566);
;// CONCATENATED MODULE: ./src/github/pr-comment-body.ts
// The pull-request comment: what was published and how to run it, found again by a hidden marker.

/** One comment per image (a workspace's components: per set of images): a matrix of steps keeps one comment each. */
function commentMarker(image) {
    return `<!-- wasm-oci-publish:${image} -->`;
}
/** The comment for a workspace's components: a row per component, the pull commands below. */
function workspaceCommentBody(previews) {
    const headSha = previews[0]?.headSha;
    return [
        commentMarker(previews.map((p) => p.image).join(',')),
        `### Wasm component previews${headSha ? ` for ${(0,markdown/* plain */.pj)(headSha.slice(0, 7))}` : ''}`,
        '',
        '| Component | Reference | Tags |',
        '|---|---|---|',
        ...previews.map((p) => `| ${(0,markdown/* code */.aY)(p.image.split('/').pop() ?? p.image, true)} | ${(0,markdown/* code */.aY)(`${p.image}@${p.digest}`, true)} | ${(0,markdown/* codeList */.E5)(p.tags, ' ', { inTable: true })} |`),
        '',
        ...previews.flatMap((p) => (p.smoke ? [`${(0,markdown/* code */.aY)(p.image.split('/').pop() ?? p.image)}: ${p.smoke}  `] : [])),
        '',
        '```sh',
        ...previews.map((p) => `wkg oci pull ${p.image}@${p.digest} -o ${p.image.split('/').pop() ?? 'app'}.wasm`),
        '```',
        ...privateNote(previews),
    ].join('\n');
}
function previewCommentBody(p) {
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
        `### ${p.package ? 'WIT package' : 'Wasm component'} preview${p.headSha ? ` for ${(0,markdown/* plain */.pj)(p.headSha.slice(0, 7))}` : ''}`,
        '',
        '| | |',
        '|---|---|',
        ...(p.package ? [`| Package | ${(0,markdown/* code */.aY)(p.package.name, true)} |`] : []),
        `| Reference | ${(0,markdown/* code */.aY)(ref, true)} |`,
        `| Tags | ${(0,markdown/* codeList */.E5)(p.tags, ' ', { inTable: true })} |`,
        `| Exports | ${(0,markdown/* codeList */.E5)(p.exports, ' ', { inTable: true })} |`,
        '',
        ...(p.smoke ? [p.smoke, ''] : []),
        '```sh',
        `wkg oci pull ${ref} -o ${p.package ? 'package' : 'app'}.wasm`,
        ...(run ? [run] : []),
        '```',
        ...privateNote([p]),
    ].join('\n');
}
/** Nothing was published: which component did not start, and its last output lines (an indented block: literal text). */
function smokeFailureCommentBody(marker, failed, headSha) {
    return [
        marker,
        `### Wasm component preview not published${headSha ? ` for ${(0,markdown/* plain */.pj)(headSha.slice(0, 7))}` : ''}`,
        '',
        'The smoke run failed before the push, so nothing was published:',
        '',
        ...failed.flatMap((f) => [`${(0,markdown/* code */.aY)(f.component)}: ${f.line}`, '', ...(f.lastLines.length > 0 ? [...f.lastLines.map((l) => `    ${l}`), ''] : [])]),
    ].join('\n');
}
/** Pulling a private package needs a login first: said under the commands, for the registry of each private image. */
function privateNote(previews) {
    const registries = [...new Set(previews.filter((p) => p.public === false).map((p) => p.image.split('/')[0]))];
    if (registries.length === 0)
        return [];
    return [
        '',
        `> [!NOTE]\n> Private: log in first (${registries.map((r) => (0,markdown/* code */.aY)(`docker login ${r}`)).join(', ')}, with a token that can read packages); anonymous pulls are refused.`,
    ];
}

;// CONCATENATED MODULE: ./src/github/pr-comment.ts
// Creates or updates this action's comment on a pull request (REST: issues comments), never stacking a
// new one per push. The comment is found by its marker among the comments the token's own user wrote (as
// marocchino/sticky-pull-request-comment does): anyone can paste the marker, and no one else's comment is
// ever edited. A comment that cannot be written is a warning: the publish itself succeeded.



/** One comment for what the step published: one component's, or a workspace's with a row per component. */
async function upsertPreviewComment(token, repository, prNumber, previews) {
    const body = previews.length === 1 ? previewCommentBody(previews[0]) : workspaceCommentBody(previews);
    await upsertComment(token, repository, prNumber, commentMarker(previews.map((p) => p.image).join(',')), body);
}
/**
 * A smoke run failed and nothing was pushed: the same comment (same marker) says so, until a push that
 * passes replaces it. `images` is each component's first image, as the preview comment names them.
 */
async function upsertSmokeFailureComment(token, repository, prNumber, images, failed, headSha) {
    const marker = commentMarker(images.join(','));
    await upsertComment(token, repository, prNumber, marker, smokeFailureCommentBody(marker, failed, headSha));
}
async function upsertComment(token, repository, prNumber, marker, body) {
    const [owner, repo] = repository.split('/');
    const octokit = (0,github_octokit/* octokit */.A)(token);
    try {
        // GraphQL's viewer is the token's user: `github-actions` for GITHUB_TOKEN, whose REST login is `github-actions[bot]`.
        const { viewer } = await octokit.graphql('query { viewer { login } }');
        const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: prNumber, per_page: 100 });
        const mine = comments.find((c) => c.body?.includes(marker) && sameLogin(c.user?.login, viewer.login));
        if (mine) {
            await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
            runner/* info */.pq(`updated the preview comment on #${prNumber}`);
        }
        else {
            await octokit.rest.issues.createComment({ owner, repo, issue_number: prNumber, body });
            runner/* info */.pq(`commented the preview on #${prNumber}`);
        }
    }
    catch (err) {
        const status = err.status;
        runner/* warning */.$e(`Could not comment on pull request #${prNumber}${status ? ` (HTTP ${status})` : ''}: ${err.message}. ` +
            'The job needs "permissions: pull-requests: write"; set "pr-comment: false" to turn comments off.');
    }
}
function sameLogin(commenter, viewer) {
    const bare = (login) => login.replace(/\[bot\]$/i, '').toLowerCase();
    return commenter !== undefined && bare(commenter) === bare(viewer);
}


/***/ })

};
