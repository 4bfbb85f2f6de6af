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
        const res = await withRetries(() => (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .octokit */ .A)(token).request('POST /repos/{owner}/{repo}/attestations', { owner, repo, bundle }));
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
        await withRetries(() => (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .octokit */ .A)(token).request('POST /orgs/{owner}/artifacts/metadata/storage-record', {
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
/* harmony export */   A: () => (/* binding */ octokit)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(92413);
// GitHub's REST client for the attestations, the PR comment and the packages API, with one rule for where it
// points: GITHUB_API_URL (GHES, or a test server), else api.github.com.

function octokit(token, apiUrl = process.env.GITHUB_API_URL ?? 'https://api.github.com') {
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl: apiUrl });
}


/***/ })

};
