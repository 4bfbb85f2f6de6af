export const id = 983;
export const ids = [983];
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

/***/ 983:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cleanUpPullRequest: () => (/* binding */ cleanUpPullRequest),
  cleanupImages: () => (/* binding */ cleanupImages)
});

// UNUSED EXPORTS: cleanUpPreviews, ghcrVersions, registryVersions

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(3292);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var inputs = __webpack_require__(65570);
// EXTERNAL MODULE: ./src/artifact/annotations.ts
var artifact_annotations = __webpack_require__(37336);
// EXTERNAL MODULE: ./src/github/octokit.ts
var octokit = __webpack_require__(6702);
;// CONCATENATED MODULE: ./src/github/packages.ts
// GitHub's Packages REST API for a container package: its versions with their tags, and deleting one
// (docs.github.com "REST API endpoints for packages": GET/DELETE
// /{orgs|users}/{owner}/packages/container/{package_name}/versions[/{id}]). GHCR's registry API deletes
// nothing, so this is the only way to remove a version there. A package name with a `/` is sent encoded
// (`acme%2Fgreeter`). Deleting needs `packages: write` and, for the repository's GITHUB_TOKEN, the Admin role
// for the repository under the package's "Manage Actions access"; GitHub says 404 "Package not found" for
// a denial as often as 403.

const PER_PAGE = 100;
/** 20,000 versions: a package of previews holds a few thousand; past this the list is refused. */
const MAX_PAGES = 200;
/** What a denial means and what to grant, in one sentence the step can end with. */
const DELETE_PERMISSION_HINT = 'deleting a GHCR package version needs "permissions: packages: write" in the workflow and, for the GITHUB_TOKEN, ' +
    "this repository's Admin role in the package's settings (Manage Actions access)";
/** A client of one package; `apiUrl` defaults to GITHUB_API_URL (octokit.ts). */
class PackageVersions {
    pkg;
    octokit;
    basePath;
    constructor(token, apiUrl, pkg) {
        this.pkg = pkg;
        this.octokit = (0,octokit/* octokit */.A8)(token, apiUrl);
    }
    /** `/orgs/…` or `/users/…`, by the owner's type. */
    base() {
        this.basePath ??= (async () => {
            let organization = this.pkg.ownerIsOrganization;
            if (organization === undefined) {
                const { data } = await this.octokit.request('GET /users/{username}', { username: this.pkg.owner });
                organization = data.type === 'Organization';
            }
            return `/${organization ? 'orgs' : 'users'}/${encodeURIComponent(this.pkg.owner)}/packages/container/${encodeURIComponent(this.pkg.name)}/versions`;
        })();
        return this.basePath;
    }
    /**
     * Every version, all pages; none when the package does not exist (or is not this token's to see). A list
     * that cannot be had whole throws: the cleanup decides from it, so it must not act on part of one.
     */
    async list() {
        const versions = [];
        const seen = new Set();
        for (let page = 1;; page++) {
            // Bounded: a package past MAX_PAGES, or an API whose pages never end, is refused rather than read on
            // (GITHUB_TOKEN has 1,000 requests an hour per repository).
            if (page > MAX_PAGES)
                throw this.incomplete(`it has more than ${MAX_PAGES * PER_PAGE} versions (${MAX_PAGES} pages)`);
            let data;
            try {
                data = (await this.octokit.request(`GET ${await this.base()}`, { per_page: PER_PAGE, page, state: 'active' })).data;
            }
            catch (err) {
                const status = err.status;
                // No package (yet) on the first page; half way, a 404 (or any failure) leaves the list incomplete.
                if (status === 404 && page === 1)
                    return versions;
                throw this.incomplete(`page ${page} failed${status ? ` (${status})` : ''}: ${err.message}`, err);
            }
            if (!Array.isArray(data))
                throw this.incomplete(`page ${page} is not a list of versions`);
            let fresh = 0;
            for (const v of data) {
                // A version pushed while listing shifts the pages by one: the same id again is skipped, not doubled.
                if (typeof v.id !== 'number' || seen.has(v.id))
                    continue;
                seen.add(v.id);
                fresh++;
                const tags = v.metadata?.container?.tags;
                if (typeof v.name !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(v.name))
                    continue;
                versions.push({ id: v.id, digest: v.name, tags: Array.isArray(tags) ? tags.filter((t) => typeof t === 'string') : [] });
            }
            if (data.length < PER_PAGE)
                return versions;
            // A full page of versions already seen: the API answers the same page again, and would without end.
            if (fresh === 0)
                throw this.incomplete(`page ${page} lists only versions of earlier pages (the API repeats its pages)`);
        }
    }
    incomplete(why, cause) {
        return new Error(`listing the versions of ${this.pkg.owner}/${this.pkg.name} failed, so nothing in it is deleted: ${why}`, cause === undefined ? undefined : { cause });
    }
    /** 'removed', or 'gone' when GitHub no longer has it; a denial throws with what to grant. */
    async remove(id) {
        try {
            await this.octokit.request(`DELETE ${await this.base()}/${id}`);
            return 'removed';
        }
        catch (err) {
            const status = err.status;
            if (status === 404)
                return 'gone';
            if (status === 401 || status === 403)
                throw new Error(`GitHub refused to delete version ${id} of ${this.pkg.owner}/${this.pkg.name} (${status}): ${DELETE_PERMISSION_HINT}`);
            // GitHub keeps a package's last version ("You cannot delete the last version of a package"): the package
            // holds nothing else then, so it goes as a whole (DELETE …/packages/container/{name}).
            if (status === 400 && /last version/i.test(err.message)) {
                await this.octokit.request(`DELETE ${(await this.base()).replace(/\/versions$/, '')}`);
                return 'removed';
            }
            throw err;
        }
    }
}

// EXTERNAL MODULE: ./src/github/token-scope.ts
var token_scope = __webpack_require__(5907);
// EXTERNAL MODULE: ./src/github/push-permission.ts
var push_permission = __webpack_require__(32755);
// EXTERNAL MODULE: ./src/oci/spec.ts
var spec = __webpack_require__(54482);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
;// CONCATENATED MODULE: ./src/publish/cleanup.ts
// Removing what a pull request's previews published, once it is closed: every version tagged `pr-<n>` or
// annotated `dev.wasm-oci-publish.pull-request: <n>` (an earlier push whose `pr-<n>` tag moved on), with its
// referrers (the SBOM and signature manifests, and the `sha256-<hex>` fallback index that lists them). A
// version that also carries a tag no preview of it makes (a release, `latest`, a branch, a `sha-` tag of
// another commit) is kept, and only its preview tag is dropped where the registry can untag. On GHCR, versions are listed and deleted through
// GitHub's Packages API (its registry deletes nothing); elsewhere through the distribution API, and a
// registry that refuses deletes gets a warning, not a failure.











const SHA_TAG = /^sha-[0-9a-f]{7,40}$/;
const FALLBACK_TAG = /^sha256-[0-9a-f]{64}$/;
/**
 * The previews of pull request `pr` in one repository, removed with their referrers; shared versions kept.
 * `dryRun`: the same decisions, listed in the result, and nothing deleted or untagged.
 */
async function cleanUpPreviews(image, client, store, pr, { dryRun = false } = {}) {
    const result = { image, removed: [], kept: [], ...(dryRun ? { dryRun } : {}) };
    // The whole list before any delete: a listing that fails half way throws here, and nothing is deleted.
    const versions = await store.list();
    const byDigest = new Map(versions.map((v) => [v.digest, v]));
    const byTag = new Map(versions.flatMap((v) => v.tags.map((t) => [t, v])));
    const prTag = `pr-${pr}`;
    for (const version of versions) {
        const preview = await previewOf(version, pr, client);
        if (!preview)
            continue;
        // A preview's own tags are `pr-<n>` and the `sha-` tag of the commit it was built from (its head-sha
        // annotation); any other tag, a `sha-` tag of another commit included (a promotion by commit, as
        // docker/metadata-action's type=sha names it), means someone else uses this version: it is kept.
        const own = (t) => t === prTag || FALLBACK_TAG.test(t) || (SHA_TAG.test(t) && preview.headSha?.startsWith(t.slice('sha-'.length)) === true);
        const others = version.tags.filter((t) => !own(t));
        if (others.length > 0) {
            const tagged = version.tags.includes(prTag);
            const untagged = tagged && !dryRun && (await store.untag(prTag));
            const prTagNote = !tagged
                ? ''
                : dryRun
                    ? `; ${prTag} would be removed where the registry can untag`
                    : untagged
                        ? `; ${prTag} removed`
                        : `; ${prTag} stays (the registry cannot untag)`;
            result.kept.push({ digest: version.digest, tags: version.tags, why: `also tagged ${others.join(', ')}${prTagNote}` });
            continue;
        }
        // Referrers first, then their index, then the preview: nothing is left pointing at what is gone.
        const index = byTag.get((0,spec/* fallbackTag */.fH)(version.digest));
        const referrers = index ? await indexedDigests(client, index.digest) : [];
        // A referrer someone tagged (unlikely: it names its subject) is kept, as any tagged version is.
        const untaggedReferrers = referrers.map((d) => byDigest.get(d) ?? { digest: d, tags: [] }).filter((v) => v.tags.length === 0);
        const doomed = [
            ...untaggedReferrers.map((v) => [v, 'referrer']),
            ...(index ? [[index, 'referrers index']] : []),
            [version, 'preview'],
        ];
        for (const [v, what] of doomed) {
            const outcome = dryRun ? 'removed' : await store.remove(v);
            if (outcome === 'unsupported') {
                result.unsupported = `the registry does not delete manifests (405 UNSUPPORTED): ${image}@${v.digest} and the rest of pull request ${pr}'s previews stay`;
                return result;
            }
            if (outcome === 'removed')
                result.removed.push({ digest: v.digest, tags: v.tags, what });
        }
    }
    return result;
}
/**
 * A preview of `pr` (with the head commit it was built from, when its manifest says), or undefined: tagged
 * `pr-<n>`, or annotated with that pull request: an earlier push of it (untagged, or its `sha-*` tag alone),
 * or one promoted since (a release tag on it: kept, but told). Another pull request's current preview and the
 * fallback indexes are not read; a `pr-<n>` version is read only when it has a `sha-` tag to attribute.
 */
async function previewOf(version, pr, client) {
    const tagged = version.tags.includes(`pr-${pr}`);
    if (!tagged && (version.tags.some((t) => /^pr-\d+$/.test(t)) || (version.tags.length > 0 && version.tags.every((t) => FALLBACK_TAG.test(t))))) {
        return undefined;
    }
    if (tagged && !version.tags.some((t) => SHA_TAG.test(t)))
        return {};
    const annotations = await manifestAnnotations(client, version.digest);
    if (!tagged && annotations?.[`${artifact_annotations/* ANNOTATION_PREFIX */.Lz}pull-request`] !== String(pr))
        return undefined;
    const head = annotations?.[`${artifact_annotations/* ANNOTATION_PREFIX */.Lz}head-sha`];
    return typeof head === 'string' && /^[0-9a-f]{40}$/.test(head) ? { headSha: head } : {};
}
/** A manifest's annotations; undefined when it is gone or not JSON. */
async function manifestAnnotations(client, digest) {
    const manifest = await client.getManifest(digest);
    if (!manifest)
        return undefined;
    try {
        const annotations = JSON.parse(manifest.bytes.toString('utf8')).annotations;
        return typeof annotations === 'object' && annotations !== null ? annotations : undefined;
    }
    catch {
        return undefined;
    }
}
/** The manifests a fallback referrers index lists. */
async function indexedDigests(client, digest) {
    const index = await client.getManifest(digest);
    if (!index || !index.mediaType.startsWith(spec/* OCI_INDEX */.$p))
        return [];
    const manifests = JSON.parse(index.bytes.toString('utf8')).manifests ?? [];
    return manifests.flatMap((m) => (typeof m.digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(m.digest) ? [m.digest] : []));
}
/** A registry's versions: its tags, each resolved to its manifest's digest (untagged manifests cannot be listed there). */
function registryVersions(client) {
    return {
        async list() {
            const versions = new Map();
            const tags = await client.listTags();
            // Eight HEADs at a time: a repository of previews holds hundreds of tags, each a round trip.
            const digests = await mapEightAtATime(tags, (tag) => client.manifestDigest(tag));
            for (const [i, tag] of tags.entries()) {
                const digest = digests[i];
                if (!digest)
                    continue;
                const v = versions.get(digest) ?? { digest, tags: [] };
                v.tags.push(tag);
                versions.set(digest, v);
            }
            return [...versions.values()];
        },
        async remove(v) {
            const outcome = await client.deleteManifest(v.digest);
            return outcome === 'deleted' ? 'removed' : outcome;
        },
        async untag(tag) {
            // Deleting by tag is optional in the distribution spec: any refusal (405, 400 UNSUPPORTED or another
            // code, as some registries answer for a reference that is not a digest) means the tag stays.
            return (await client.deleteManifest(tag).catch(() => 'unsupported')) === 'deleted';
        },
    };
}
/** `f` of each item, in order, at most eight running at once; after a failure no new one starts. */
async function mapEightAtATime(items, f) {
    const results = [];
    let next = 0;
    let failed = false;
    const worker = async () => {
        while (!failed && next < items.length) {
            const i = next++;
            try {
                results[i] = await f(items[i]);
            }
            catch (err) {
                failed = true;
                throw err;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(8, items.length) }, worker));
    return results;
}
/** GHCR's versions, through GitHub's Packages API: untagged ones included. */
function ghcrVersions(packages) {
    return {
        list: () => packages.list(),
        remove: (v) => (v.id === undefined ? Promise.resolve('gone') : packages.remove(v.id)),
        untag: () => Promise.resolve(false),
    };
}
/**
 * The closed pull request's previews, removed from every image. GitHub's API for GHCR images (the token is
 * `github-token`), the registry's own API elsewhere; a refusal to delete is a warning there, a GitHub denial
 * fails the step with what to grant. `github.event`: the run's facts, for the read-only token check.
 */
async function cleanUpPullRequest(images, pr, github, io, options = {}) {
    // A fork's pull_request run (and Dependabot's) gets a read-only GITHUB_TOKEN and no secrets: every delete
    // could only be refused, and such a pull request published no previews (the push is skipped the same way).
    // Nothing is listed or tried; the notice says where a cleanup can run instead.
    const readOnly = github.event ? (0,push_permission/* readOnlyTokenReason */.W)(github.event) : undefined;
    if (readOnly) {
        const why = `Not cleaning up pull request #${pr}'s previews: ${readOnly}, and GitHub gives such runs a read-only token. ` +
            `Run the cleanup from "pull_request_target" (closed), or a scheduled run with "cleanup: true" and "pr-number: ${pr}".`;
        (io.notice ?? io.info)(why);
        return images.map((repository) => ({ image: (0,reference/* formatRepository */.Sh)(repository), removed: [], kept: [], skipped: why }));
    }
    const results = [];
    for (const repository of images) {
        const image = (0,reference/* formatRepository */.Sh)(repository);
        const client = await io.open(repository);
        try {
            const [owner, ...rest] = repository.name.split('/');
            const store = (0,token_scope/* isGitHubRegistry */.vX)(repository.registry, github.serverUrl)
                ? ghcrVersions(new PackageVersions(github.token, github.apiUrl, { owner: owner, ownerIsOrganization: github.ownerIsOrganization, name: rest.join('/') }))
                : registryVersions(client);
            const result = await cleanUpPreviews(image, client, store, pr, options);
            const removed = result.dryRun ? 'would remove' : 'removed';
            for (const r of result.removed)
                io.info(`${removed} ${image}@${r.digest} (${r.what}${r.tags.length ? `, ${r.tags.join(', ')}` : ''})`);
            for (const k of result.kept)
                io.info(`kept ${image}@${k.digest}: ${k.why}`);
            if (result.unsupported)
                io.warning(result.unsupported);
            results.push(result);
        }
        finally {
            await client.close();
        }
    }
    return results;
}
/** The images to clean: the `image` input, else the default a publish would use (the file's or the crate's name). */
async function cleanupImages(settings, event) {
    if (settings.crateImages.length > 0) {
        // Every member's images: those that publish nothing have no versions, and cleaning them finds nothing.
        const { cargoMetadata } = await Promise.all(/* import() */[__webpack_require__.e(955), __webpack_require__.e(927), __webpack_require__.e(838), __webpack_require__.e(863), __webpack_require__.e(104)]).then(__webpack_require__.bind(__webpack_require__, 14104));
        const members = (await cargoMetadata((0,external_node_path_.resolve)(settings.build?.workingDirectory ?? '.'))).packages.map((p) => p.name);
        return members.flatMap((crate) => (0,inputs/* imagesForCrate */.BQ)(settings.crateImages, crate));
    }
    if (settings.repositories.length > 0)
        return settings.repositories;
    if (settings.component)
        return [(0,inputs/* defaultRepository */.Sf)(settings.component, event)];
    const manifest = (0,external_node_path_.join)(settings.build?.workingDirectory ?? '.', 'Cargo.toml');
    const name = await (0,promises_.readFile)(manifest, 'utf8')
        .then((text) => (0,dist/* parse */.qg)(text).package?.name)
        .catch(() => undefined);
    if (typeof name !== 'string')
        throw new errors/* ActionError */.l('input', `cleaning up needs the image: set "image" (${manifest} names no package)`);
    return [(0,inputs/* defaultRepository */.Sf)(name, event)];
}


/***/ })

};
