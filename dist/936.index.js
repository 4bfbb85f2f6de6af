export const id = 936;
export const ids = [936];
export const modules = {

/***/ 72936:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   recordStorage: () => (/* binding */ recordStorage),
/* harmony export */   storeAttestation: () => (/* binding */ storeAttestation)
/* harmony export */ });
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6702);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
// Signed bundles stored where GitHub users look for them: the repository's attestation API, which
// `gh attestation verify` (without --bundle-from-oci), the repository's Attestations page and admission
// policies read (actions/toolkit packages/attest/src/store.ts: POST /repos/{owner}/{repo}/attestations with
// {bundle}); and a storage record linking the image to the repository (artifactMetadata.ts). Neither can fail
// the step: the bundles are in the registry whatever GitHub answers.


/** A request, tried again after 5xx or a broken connection: twice more, 1 s then 2 s later. */
async function withRetries(send) {
    for (let attempt = 0;; attempt++) {
        try {
            return await send();
        }
        catch (err) {
            const status = err.status;
            if (attempt >= 2 || (status !== undefined && status < 500))
                throw err;
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(1000 * 2 ** attempt);
        }
    }
}
/** Stores one bundle; undefined, with a warning saying what to grant or which plan is needed, when GitHub refuses. */
async function storeAttestation(token, repository, serverUrl, bundle, what, log) {
    const [owner, repo] = repository.split('/');
    try {
        const res = await withRetries(() => (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .octokit */ .A8)(token).request('POST /repos/{owner}/{repo}/attestations', { owner, repo, bundle }));
        const raw = res.data.id;
        const id = typeof raw === 'number' || typeof raw === 'string' ? String(raw) : '';
        if (!/^\d+$/.test(id))
            throw new Error(`GitHub answered without an attestation id`);
        return { id, url: `${serverUrl}/${repository}/attestations/${id}` };
    }
    catch (err) {
        const status = err.status;
        const why = status === 401 || status === 403
            ? 'the job needs "permissions: attestations: write" (with "id-token: write")'
            : status === 404 || status === 422
                ? 'GitHub stores attestations for public repositories, and for private or internal ones on GitHub Enterprise Cloud'
                : err.message;
        log.warning(`The ${what} attestation was not stored in GitHub${status ? ` (HTTP ${status})` : ''}: ${why}. ` +
            'It is attached in the registry: verify it with gh attestation verify … --bundle-from-oci.');
        return undefined;
    }
}
/**
 * Links the published image to the repository (artifact metadata storage record). Organizations only, and the
 * token needs `artifact-metadata: write`: anything else is a debug line, as actions/attest treats it.
 * Fields as GitHub's REST documentation names them (`repository`; @actions/attest sends `repo`).
 */
async function recordStorage(token, owner, record, log) {
    try {
        await withRetries(() => (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .octokit */ .A8)(token).request('POST /orgs/{owner}/artifacts/metadata/storage-record', {
            owner,
            name: record.name,
            digest: record.digest,
            ...(record.version ? { version: record.version } : {}),
            status: 'active',
            registry_url: record.registryUrl,
            ...(record.artifactUrl ? { artifact_url: record.artifactUrl } : {}),
            repository: record.repository,
        }));
        log.debug(`storage record for ${record.name}@${record.digest} written`);
    }
    catch (err) {
        const status = err.status;
        log.debug(`no storage record for ${record.name} (${status ? `HTTP ${status}` : err.message}): it needs "permissions: artifact-metadata: write"`);
    }
}


/***/ }),

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


/***/ })

};
