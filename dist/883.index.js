export const id = 883;
export const ids = [883];
export const modules = {

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A8: () => (/* binding */ octokit)
/* harmony export */ });
/* unused harmony exports MAX_BODY, guardedFetch */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78665);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46752);
// GitHub's REST client for the attestations, the PR comment and the packages API, with one rule for where it
// points: GITHUB_API_URL (GHES, or a test server), else api.github.com. Every request it sends goes through
// `guardedFetch`, so an API answer cannot send the token elsewhere or fill memory (issue #25):
// - a request (a pagination `Link`, a redirect's Location) to any origin but the API's is refused before it
//   is sent: Octokit's paginate follows `Link: rel="next"` with the token, whatever host it names. undici
//   drops Authorization on a cross-origin redirect (Fetch spec, "HTTP-redirect fetch"), but would
//   still send the body and believe the other host's answer; so redirects are followed here, same origin only
//   (GitHub redirects a renamed repository's API paths with 301/307 on its own host);
// - a body is read up to MAX_BODY, then the connection is dropped: Octokit reads whole bodies into memory.



/**
 * Far above anything asked for here (a page of 100 package versions, or of 100 issue comments, whose bodies
 * GitHub limits to 65,536 characters); reading that much costs a few times it in memory (the test measures it).
 */
const MAX_BODY = 16 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECT = new Set([301, 302, 303, 307, 308]);
function octokit(token, apiUrl = process.env.GITHUB_API_URL ?? 'https://api.github.com') {
    // `request` replaces @actions/github's defaults as a whole: its proxy-aware fetch (HTTPS_PROXY, NO_PROXY) is
    // kept inside the guard.
    const inner = (_actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.request?.fetch ?? globalThis.fetch);
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl: apiUrl, request: { fetch: guardedFetch(inner, new URL(apiUrl).origin) } });
}
/** `inner`, sending only to `origin`, following its redirects there (at most 5), and reading bodies up to MAX_BODY. */
function guardedFetch(inner, origin) {
    return async (url, init) => {
        let target = new URL(url);
        let req = { ...init, redirect: 'manual' };
        for (let hops = 0;; hops++) {
            // The host only: a URL may carry anything, the token never.
            if (target.origin !== origin)
                throw new Error(`refused to send a GitHub API request to ${target.origin}: only ${origin} gets the token`);
            const res = await inner(target.href, req);
            const location = res.headers.get('location');
            if (!REDIRECT.has(res.status) || location === null)
                return readLimited(res, req.method ?? 'GET', target);
            await res.body?.cancel();
            if (hops >= MAX_REDIRECTS)
                throw new Error(`GitHub's API at ${origin} redirected more than ${MAX_REDIRECTS} times`);
            const next = new URL(location, target);
            if (next.origin !== origin)
                throw new Error(`GitHub's API at ${origin} redirected to ${next.origin}: not followed, the token stays with ${origin}`);
            req = redirected(req, res.status);
            target = next;
        }
    };
}
/** The next request of a redirect (Fetch spec, "HTTP-redirect fetch"): 303, and 301/302 after a POST, turn into a GET without body. */
function redirected(req, status) {
    const method = (req.method ?? 'GET').toUpperCase();
    if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
        const headers = Object.fromEntries(Object.entries((req.headers ?? {})).filter(([k]) => !/^content-(type|length|encoding|language|location)$/i.test(k)));
        return { ...req, method: 'GET', body: undefined, headers };
    }
    // A body sent again must be one that can be: Octokit's are strings (JSON); a stream is read once.
    if (req.body !== undefined && req.body !== null && typeof req.body !== 'string')
        throw new Error(`GitHub's API redirected a request whose body cannot be sent again`);
    return req;
}
/** The answer with its body read, at most MAX_BODY bytes (after decompression, as undici decodes gzip). */
async function readLimited(res, method, target) {
    const what = `GitHub's answer to ${method} ${target.pathname}`;
    const tooLarge = () => new Error(`${what} is larger than ${MAX_BODY / 1024 / 1024} MiB: not read`);
    if (Number(res.headers.get('content-length') ?? 0) > MAX_BODY) {
        await res.body?.cancel();
        throw tooLarge();
    }
    const chunks = [];
    let size = 0;
    if (res.body) {
        const reader = res.body.getReader();
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            size += value.byteLength;
            if (size > MAX_BODY) {
                await reader.cancel();
                throw tooLarge();
            }
            chunks.push(value);
        }
    }
    // 204, 205 and 304 have no body (Response refuses one).
    const body = [204, 205, 304].includes(res.status) ? null : Buffer.concat(chunks);
    const read = new undici__WEBPACK_IMPORTED_MODULE_2__.Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    Object.defineProperty(read, 'url', { value: res.url });
    return read;
}


/***/ }),

/***/ 68883:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  upsertPreviewComment: () => (/* binding */ upsertPreviewComment),
  upsertSmokeFailureComment: () => (/* binding */ upsertSmokeFailureComment)
});

// UNUSED EXPORTS: MAX_COMMENT_PAGES

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
/** 10,000 comments: more than any pull request has; past it the listing is not believed. */
const MAX_COMMENT_PAGES = 100;
async function upsertComment(token, repository, prNumber, marker, body) {
    const [owner, repo] = repository.split('/');
    const octokit = (0,github_octokit/* octokit */.A8)(token);
    try {
        // GraphQL's viewer is the token's user: `github-actions` for GITHUB_TOKEN, whose REST login is `github-actions[bot]`.
        const { viewer } = await octokit.graphql('query { viewer { login } }');
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
        if (more)
            throw new Error(`the pull request lists more than ${MAX_COMMENT_PAGES * 100} comments: not looking further for this action's`);
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
