export const id = 24;
export const ids = [24];
export const modules = {

/***/ 37585:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ packageKey),
/* harmony export */   R: () => (/* binding */ parseCargoLock)
/* harmony export */ });
/* harmony import */ var smol_toml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3292);
// Cargo.lock (TOML, format v3/v4): every package with version, source, checksum and dependencies.

const packageKey = (p) => `${p.name}@${p.version}`;
function parseCargoLock(text) {
    const doc = (0,smol_toml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text);
    const packages = doc.package ?? [];
    // A dependency entry is "name", "name version" or "name version (source)"; the name alone is unique in the lock.
    const resolve = (entry) => {
        const [name, version] = entry.split(' ');
        const match = packages.find((p) => p.name === name && (version === undefined || p.version === version));
        return match ? packageKey(match) : entry;
    };
    return packages.map((p) => ({
        name: p.name,
        version: p.version,
        source: p.source,
        checksum: p.checksum,
        dependencies: (p.dependencies ?? []).map(resolve),
    }));
}


/***/ }),

/***/ 10024:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sbomForRun: () => (/* binding */ sbomForRun)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/oci/referrers.ts
var referrers = __webpack_require__(50961);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js
var enums = __webpack_require__(84439);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js
var models = __webpack_require__(50320);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js
var index_node = __webpack_require__(51248);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js
var spec = __webpack_require__(94321);
// EXTERNAL MODULE: ./src/attach/cargo-lock.ts
var cargo_lock = __webpack_require__(37585);
;// CONCATENATED MODULE: ./src/attach/sbom.ts
// A CycloneDX 1.6 JSON SBOM, built with @cyclonedx/cyclonedx-library: the published component as the
// metadata component (with its sha256), and for a crate every package of Cargo.lock with its purl
// (pkg:cargo/…), checksum, license and dependency graph. No serial number and the commit's time, so the
// same build gives the same SBOM, and the same digest.
// Subpath imports: the package index also loads its schema resources through __dirname, which the ESM
// bundle does not have.





const CYCLONEDX_JSON = 'application/vnd.cyclonedx+json';
function cyclonedxSbom(input) {
    const bom = new models.Bom();
    const root = new models.Component(enums.ComponentType.Application, input.component.name, {
        bomRef: input.rootPackage ?? 'component',
        version: input.component.version,
        hashes: new models.HashDictionary([[enums.HashAlgorithm['SHA-256'], input.component.sha256]]),
    });
    bom.metadata.timestamp = new Date(input.created);
    bom.metadata.component = root;
    bom.metadata.tools.components.add(new models.Component(enums.ComponentType.Application, 'wasm-oci-publish'));
    const byKey = new Map();
    for (const p of input.packages ?? []) {
        if ((0,cargo_lock/* packageKey */.M)(p) === input.rootPackage)
            continue;
        const c = new models.Component(enums.ComponentType.Library, p.name, {
            bomRef: (0,cargo_lock/* packageKey */.M)(p),
            version: p.version,
            purl: cargoPurl(p),
            hashes: p.checksum ? new models.HashDictionary([[enums.HashAlgorithm['SHA-256'], p.checksum]]) : undefined,
            licenses: p.license ? new models.LicenseRepository([new models.LicenseExpression(p.license)]) : undefined,
        });
        byKey.set((0,cargo_lock/* packageKey */.M)(p), c);
        bom.components.add(c);
    }
    for (const p of input.packages ?? []) {
        const from = (0,cargo_lock/* packageKey */.M)(p) === input.rootPackage ? root : byKey.get((0,cargo_lock/* packageKey */.M)(p));
        for (const dep of p.dependencies) {
            const to = byKey.get(dep);
            if (from && to)
                from.dependencies.add(to.bomRef);
        }
    }
    const serializer = new index_node.JsonSerializer(new index_node.JSON.Normalize.Factory(spec.Spec1dot6));
    return Buffer.from(serializer.serialize(bom, { sortLists: true }));
}
/** purl-spec cargo type: pkg:cargo/<name>@<version>; crates.io is the default repository. */
function cargoPurl(p) {
    const purl = `pkg:cargo/${encodeURIComponent(p.name)}@${encodeURIComponent(p.version)}`;
    if (!p.source || p.source === 'registry+https://github.com/rust-lang/crates.io-index')
        return purl;
    return `${purl}?${p.source.startsWith('git+') ? 'vcs_url' : 'repository_url'}=${encodeURIComponent(p.source.replace(/^registry\+/, ''))}`;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/attach/sbom-file.ts
// A user's own SBOM file, attached as it is: its media type told from its content (IANA types).


const SPDX_JSON = 'application/spdx+json';
async function readSbomFile(path) {
    const bytes = await (0,promises_.readFile)(path).catch((err) => {
        throw new Error(`cannot read the SBOM ${path}: ${err.message}`);
    });
    let doc;
    try {
        doc = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new Error(`the SBOM ${path} is not JSON: give a CycloneDX or SPDX JSON document`);
    }
    if (doc.bomFormat === 'CycloneDX')
        return { bytes, mediaType: CYCLONEDX_JSON };
    if (typeof doc.spdxVersion === 'string')
        return { bytes, mediaType: SPDX_JSON };
    throw new Error(`the SBOM ${path} is neither CycloneDX JSON (bomFormat) nor SPDX JSON (spdxVersion)`);
}

;// CONCATENATED MODULE: ./src/attach/sbom-referrer.ts
// The SBOM as a referrer: generated (CycloneDX) or the user's file, in one layer of its own media type,
// with the empty config (image-spec "artifacts guidance"), as `oras attach` lays it out.




/** `option` is the `sbom` input: auto, false, or a path. */
async function sbomReferrer(option, subject) {
    if (option === 'false')
        return undefined;
    const { bytes, mediaType } = option === 'auto'
        ? {
            bytes: cyclonedxSbom({ component: subject, created: subject.created, packages: subject.packages, rootPackage: subject.rootPackage }),
            mediaType: CYCLONEDX_JSON,
        }
        : await readSbomFile(option);
    const digest = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
    return {
        artifactType: mediaType,
        config: referrers/* EMPTY_CONFIG */.$v,
        layers: [{ descriptor: { mediaType, digest, size: bytes.length }, source: { bytes } }],
        annotations: { 'org.opencontainers.image.created': subject.created },
    };
}

;// CONCATENATED MODULE: ./src/attach/sbom-choice.ts
// Which SBOM a run attaches, from the `sbom` input: generated (with the locked packages of the crate when the
// action built one) or the user's file. Loaded only when a run attaches one (CycloneDX is large).


async function sbomForRun(option, built, componentPath, layerDigest, created) {
    const packages = built && option === 'auto' ? await (await __webpack_require__.e(/* import() */ 725).then(__webpack_require__.bind(__webpack_require__, 66725))).lockedPackages(built.crateDir, built.workspaceRoot) : undefined;
    return sbomReferrer(option, {
        name: built?.crate?.name ?? (0,external_node_path_.basename)(componentPath),
        version: built?.crate?.version,
        sha256: layerDigest.slice('sha256:'.length),
        created,
        packages,
        rootPackage: built?.packageKey,
    });
}


/***/ })

};
