export const id = 477;
export const ids = [477];
export const modules = {

/***/ 65246:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ parseCargoLock)
/* harmony export */ });
/* harmony import */ var smol_toml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3292);
/* harmony import */ var _crate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(24207);
// Cargo.lock (TOML, format v3/v4): every package with version, source, checksum and dependencies.


function parseCargoLock(text) {
    const doc = (0,smol_toml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text);
    const packages = doc.package ?? [];
    // A dependency entry is "name", "name version" or "name version (source)"; the name alone is unique in the lock.
    const resolve = (entry) => {
        const [name, version] = entry.split(' ');
        const match = packages.find((p) => p.name === name && (version === undefined || p.version === version));
        return match ? (0,_crate_js__WEBPACK_IMPORTED_MODULE_1__/* .packageKey */ .M)(match) : entry;
    };
    return packages.map((p) => ({
        ref: (0,_crate_js__WEBPACK_IMPORTED_MODULE_1__/* .packageKey */ .M)(p),
        name: p.name,
        version: p.version,
        source: p.source,
        checksum: p.checksum,
        dependencies: (p.dependencies ?? []).map(resolve),
    }));
}


/***/ }),

/***/ 13477:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lockedPackages: () => (/* binding */ lockedPackages)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41955);
/* harmony import */ var _cargo_lock_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65246);
/* harmony import */ var _crate_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(24207);
// The crate's dependency set for the SBOM: what cargo compiled into this artifact (from the build's JSON
// messages), with Cargo.lock's graph and checksums and the licenses cargo metadata reads from each manifest.
// What only ran on the build machine (proc-macros, build scripts and their dependencies) is marked excluded;
// what was not compiled at all (dev-dependencies, other workspace members, other platforms' crates) is left out.





/** `root` (name@version): only what it depends on, directly or not, is its; another component of the same build is not. */
async function lockedPackages(cwd, workspaceRoot, compiled, root) {
    const lock = (0,_cargo_lock_js__WEBPACK_IMPORTED_MODULE_3__/* .parseCargoLock */ .R)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, 'Cargo.lock'), 'utf8'));
    // After the build every package is local: no network is needed here.
    const out = await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_2__/* .getExecOutput */ .H)('cargo', ['metadata', '--format-version', '1', '--locked', '--offline'], { cwd, silent: true, ignoreReturnCode: true });
    const metadata = out.exitCode === 0 ? JSON.parse(out.stdout).packages : [];
    const byId = new Map(metadata.map((p) => [p.id, p]));
    const licenses = new Map(metadata.map((p) => [(0,_crate_js__WEBPACK_IMPORTED_MODULE_4__/* .packageKey */ .M)(p), p.license]));
    // Package ids as cargo metadata and the build messages write them, to name@version.
    const built = new Map();
    for (const [id, { host }] of compiled) {
        const key = byId.has(id) ? (0,_crate_js__WEBPACK_IMPORTED_MODULE_4__/* .packageKey */ .M)(byId.get(id)) : keyFromPackageId(id);
        if (key)
            built.set(key, (built.get(key) ?? true) && host);
    }
    const reachable = root ? closure(lock, root) : undefined;
    return lock
        .filter((p) => built.has(p.ref) && (reachable === undefined || reachable.has(p.ref)))
        .map((p) => ({ ...p, license: licenses.get(p.ref) ?? undefined, ...(built.get(p.ref) ? { excluded: true } : {}) }));
}
/** `serde 1.0.152 (registry+…)` (cargo before 1.77) or `registry+…#serde@1.0.152` / `path+file:///…/app#0.3.0` (since). */
function keyFromPackageId(id) {
    const old = /^(\S+) (\S+) \(/.exec(id);
    if (old)
        return `${old[1]}@${old[2]}`;
    const fragment = id.split('#')[1];
    if (!fragment)
        return undefined;
    if (fragment.includes('@'))
        return fragment;
    const name = id.split('#')[0].replace(/\/+$/, '').split('/').pop();
    return name ? `${name}@${fragment}` : undefined;
}
/** The refs `root` depends on through Cargo.lock, itself included. */
function closure(lock, root) {
    const byRef = new Map(lock.map((p) => [p.ref, p]));
    const seen = new Set();
    const queue = [root];
    for (let ref = queue.pop(); ref !== undefined; ref = queue.pop()) {
        if (seen.has(ref))
            continue;
        seen.add(ref);
        queue.push(...(byRef.get(ref)?.dependencies ?? []));
    }
    return seen;
}


/***/ }),

/***/ 24207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ packageKey),
/* harmony export */   T: () => (/* binding */ crateFacts)
/* harmony export */ });
// What the crate says of itself, from `cargo metadata --format-version 1 --no-deps`: name, version,
// description, license, repository, and cargo-component's `[package.metadata.component]` table (read from
// cargo's own JSON, so no TOML parsing here).
/** A package's id in a lock and in the SBOM, unique in a workspace: `name@version`. */
const packageKey = (p) => `${p.name}@${p.version}`;
function crateFacts(metadata, packageId, manifestPath) {
    const pkg = metadata.packages.find((p) => p.id === packageId) ??
        metadata.packages.find((p) => p.manifest_path === manifestPath) ??
        (metadata.packages.length === 1 ? metadata.packages[0] : undefined);
    if (!pkg)
        return undefined;
    const component = pkg.metadata?.component;
    return {
        name: pkg.name,
        version: pkg.version,
        description: pkg.description ?? undefined,
        license: pkg.license ?? undefined,
        repository: pkg.repository ?? undefined,
        usesCargoComponent: component !== undefined,
        targetWorld: targetWorld(component?.target),
    };
}
/** cargo-component's target: a table {package, version, world} or a string "wasi:http/proxy@0.2.0". */
function targetWorld(target) {
    if (typeof target === 'string')
        return target || undefined;
    if (!target?.package)
        return undefined;
    // The package may carry its version itself: `wasi:http@0.2.0`.
    const [pkg, pkgVersion] = target.package.split('@');
    const version = target.version ?? pkgVersion;
    return `${pkg}${target.world ? `/${target.world}` : ''}${version ? `@${version.replace(/^[=^~]/, '')}` : ''}`;
}


/***/ })

};
