export const id = 449;
export const ids = [449];
export const modules = {

/***/ 78449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sbomReferrer: () => (/* binding */ sbomReferrer)
});

// EXTERNAL MODULE: ./src/oci/spec.ts
var spec = __webpack_require__(54482);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js
var enums = __webpack_require__(6820);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js
var models = __webpack_require__(50320);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js
var index_node = __webpack_require__(51248);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js
var dist_node_spec = __webpack_require__(94321);
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
        if (p.ref === input.rootPackage)
            continue;
        const c = new models.Component(enums.ComponentType.Library, p.name, {
            bomRef: p.ref,
            version: p.version,
            purl: cargoPurl(p),
            hashes: p.checksum ? new models.HashDictionary([[enums.HashAlgorithm['SHA-256'], p.checksum]]) : undefined,
            licenses: p.license ? new models.LicenseRepository([new models.LicenseExpression(p.license)]) : undefined,
            // CycloneDX: "excluded" components are not part of the runtime (here, not in the .wasm) but stay in the graph.
            scope: p.excluded ? enums.ComponentScope.Excluded : undefined,
        });
        byKey.set(p.ref, c);
        bom.components.add(c);
    }
    for (const p of input.packages ?? []) {
        const from = p.ref === input.rootPackage ? root : byKey.get(p.ref);
        for (const dep of p.dependencies) {
            const to = byKey.get(dep);
            if (from && to)
                from.dependencies.add(to.bomRef);
        }
    }
    const serializer = new index_node.JsonSerializer(new index_node.JSON.Normalize.Factory(dist_node_spec.Spec1dot6));
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
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/attach/sbom-file.ts
// A user's own SBOM file, attached as it is: its media type told from its content (IANA types).



const SPDX_JSON = 'application/spdx+json';
async function readSbomFile(path) {
    const bytes = await (0,promises_.readFile)(path).catch((err) => {
        throw new errors/* ActionError */.l('input', `cannot read the SBOM ${path}: ${err.message}`);
    });
    let doc;
    try {
        doc = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new errors/* ActionError */.l('input', `the SBOM ${path} is not JSON: give a CycloneDX or SPDX JSON document`);
    }
    if (doc.bomFormat === 'CycloneDX')
        return { bytes, mediaType: CYCLONEDX_JSON };
    if (typeof doc.spdxVersion === 'string')
        return { bytes, mediaType: SPDX_JSON };
    throw new errors/* ActionError */.l('input', `the SBOM ${path} is neither CycloneDX JSON (bomFormat) nor SPDX JSON (spdxVersion)`);
}

;// CONCATENATED MODULE: ./src/attach/sbom-referrer.ts



async function sbomReferrer(choice, subject) {
    const { bytes, mediaType } = choice.kind === 'generate'
        ? {
            bytes: cyclonedxSbom({ component: subject, created: subject.created, packages: subject.packages, rootPackage: subject.rootPackage }),
            mediaType: CYCLONEDX_JSON,
        }
        : await readSbomFile(choice.path);
    const digest = (0,spec/* sha256Digest */.sI)(bytes);
    return {
        artifactType: mediaType,
        config: spec/* EMPTY_CONFIG */.$v,
        layers: [{ descriptor: { mediaType, digest, size: bytes.length }, source: { bytes } }],
        annotations: { 'org.opencontainers.image.created': subject.created },
    };
}


/***/ })

};
