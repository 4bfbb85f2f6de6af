export const id = 743;
export const ids = [743];
export const modules = {

/***/ 75743:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SIGSTORE_BUNDLE: () => (/* binding */ SIGSTORE_BUNDLE),
/* harmony export */   defaultServices: () => (/* binding */ defaultServices),
/* harmony export */   resolveServices: () => (/* binding */ resolveServices),
/* harmony export */   signStatement: () => (/* binding */ signStatement),
/* harmony export */   signatureReferrer: () => (/* binding */ signatureReferrer)
/* harmony export */ });
/* harmony import */ var _sigstore_sign__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(15179);
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61040);
/* harmony import */ var _oci_spec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54482);
/* harmony import */ var _provenance_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(24998);
// Keyless Sigstore signing with sigstore-js: the workflow's OIDC token → a Fulcio certificate → a DSSE
// envelope over the in-toto statement, witnessed by Rekor (public repositories) or a timestamp authority
// (private ones), as a v0.3 bundle; attached as a referrer the way @sigstore/oci and cosign v3 lay it out:
// empty config, one layer holding the bundle, annotations dev.sigstore.bundle.{content,predicateType}.




const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** sigstore-js and actions/attest choose these: public-good for public repositories, GitHub's own otherwise. */
function defaultServices(publicRepository) {
    return publicRepository
        ? { fulcioURL: 'https://fulcio.sigstore.dev', rekorURL: 'https://rekor.sigstore.dev' }
        : { fulcioURL: 'https://fulcio.githubapp.com', tsaURL: 'https://timestamp.githubapp.com' };
}
async function signStatement(statement, services, identity) {
    const witnesses = [];
    if (services.rekorURL)
        witnesses.push(new _sigstore_sign__WEBPACK_IMPORTED_MODULE_0__/* .RekorWitness */ .fU({ rekorBaseURL: services.rekorURL, entryType: 'dsse' }));
    if (services.tsaURL)
        witnesses.push(new _sigstore_sign__WEBPACK_IMPORTED_MODULE_0__/* .TSAWitness */ .gs({ tsaBaseURL: services.tsaURL }));
    const builder = new _sigstore_sign__WEBPACK_IMPORTED_MODULE_0__/* .DSSEBundleBuilder */ .VV({ signer: new _sigstore_sign__WEBPACK_IMPORTED_MODULE_0__/* .FulcioSigner */ .$o({ fulcioBaseURL: services.fulcioURL, identityProvider: identity }), witnesses });
    const bundle = await builder.create({ data: statement, type: _provenance_js__WEBPACK_IMPORTED_MODULE_3__/* .IN_TOTO_PAYLOAD_TYPE */ .T4 });
    return Buffer.from(JSON.stringify((0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__.bundleToJSON)(bundle)));
}
/** A signed bundle as a referrer, its predicate type in the annotations (@sigstore/oci's layout). */
function signatureReferrer(bundle, created, predicateType) {
    const digest = (0,_oci_spec_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256Digest */ .sI)(bundle);
    return {
        artifactType: SIGSTORE_BUNDLE,
        config: _oci_spec_js__WEBPACK_IMPORTED_MODULE_2__/* .EMPTY_CONFIG */ .$v,
        // A bundle holds a certificate and log entry of this run: no registry has it yet.
        layers: [{ descriptor: { mediaType: SIGSTORE_BUNDLE, digest, size: bundle.length }, source: { bytes: bundle }, fresh: true }],
        annotations: {
            'dev.sigstore.bundle.content': 'dsse-envelope',
            'dev.sigstore.bundle.predicateType': predicateType,
            'org.opencontainers.image.created': created,
        },
    };
}
/** The services given as inputs, the visibility's defaults for the rest (a given log or TSA replaces the other). */
function resolveServices(given, publicRepository) {
    const base = defaultServices(publicRepository);
    const witnessGiven = given.rekorURL !== '' || given.tsaURL !== '';
    return {
        fulcioURL: given.fulcioURL || base.fulcioURL,
        rekorURL: witnessGiven ? given.rekorURL || undefined : base.rekorURL,
        tsaURL: witnessGiven ? given.tsaURL || undefined : base.tsaURL,
    };
}


/***/ })

};
