export const id = 725;
export const ids = [725];
export const modules = {

/***/ 66725:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lockedPackages: () => (/* binding */ lockedPackages)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27187);
/* harmony import */ var _attach_cargo_lock_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(37585);
// The crate's full dependency set for the SBOM: Cargo.lock (graph, checksums) joined with the licenses
// cargo metadata reads from each package's manifest.




async function lockedPackages(cwd, workspaceRoot) {
    const lock = (0,_attach_cargo_lock_js__WEBPACK_IMPORTED_MODULE_3__/* .parseCargoLock */ .R)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, 'Cargo.lock'), 'utf8'));
    // After the build every package is local: no network is needed here.
    const out = await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_2__/* .getExecOutput */ .H)('cargo', ['metadata', '--format-version', '1', '--locked', '--offline'], { cwd, silent: true, ignoreReturnCode: true });
    if (out.exitCode !== 0)
        return lock;
    const licenses = new Map(JSON.parse(out.stdout).packages.map((p) => [(0,_attach_cargo_lock_js__WEBPACK_IMPORTED_MODULE_3__/* .packageKey */ .M)(p), p.license]));
    return lock.map((p) => ({ ...p, license: licenses.get((0,_attach_cargo_lock_js__WEBPACK_IMPORTED_MODULE_3__/* .packageKey */ .M)(p)) ?? undefined }));
}


/***/ })

};
