export const id = 340;
export const ids = [340];
export const modules = {

/***/ 37336:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lz: () => (/* binding */ ANNOTATION_PREFIX),
/* harmony export */   bd: () => (/* binding */ componentMetadataAnnotations),
/* harmony export */   kl: () => (/* binding */ defaultAnnotations),
/* harmony export */   vy: () => (/* binding */ previewAnnotations)
/* harmony export */ });
function defaultAnnotations(created, facts) {
    const a = { 'org.opencontainers.image.created': created };
    if (facts.source)
        a['org.opencontainers.image.source'] = facts.source;
    if (facts.url)
        a['org.opencontainers.image.url'] = facts.url;
    if (facts.revision)
        a['org.opencontainers.image.revision'] = facts.revision;
    if (facts.version)
        a['org.opencontainers.image.version'] = facts.version;
    if (facts.title)
        a['org.opencontainers.image.title'] = facts.title;
    // GHCR shows these on the package page (description up to 512 characters, licenses up to 256).
    if (facts.description)
        a['org.opencontainers.image.description'] = facts.description.slice(0, 512);
    if (facts.licenses)
        a['org.opencontainers.image.licenses'] = facts.licenses.slice(0, 256);
    return a;
}
/**
 * What a component says of itself (its wasm-metadata sections) as annotations, the way `wkg publish` and
 * `wash push` map them; the lowest precedence: the crate, the event and the `annotations` input override it.
 */
function componentMetadataAnnotations(m) {
    const a = {};
    const set = (key, value, max = 4096) => {
        if (value)
            a[`org.opencontainers.image.${key}`] = value.slice(0, max);
    };
    set('title', m.name);
    set('authors', m.authors);
    set('description', m.description, 512);
    set('licenses', m.licenses, 256);
    set('source', m.source);
    set('url', m.homepage);
    set('revision', m.revision);
    set('version', m.version);
    return a;
}
/** This action's own keys: trace a pull-request preview back to its pull request and commit. */
const ANNOTATION_PREFIX = 'dev.wasm-oci-publish.';
function previewAnnotations(prNumber, headSha) {
    return { [`${ANNOTATION_PREFIX}pull-request`]: String(prNumber), [`${ANNOTATION_PREFIX}head-sha`]: headSha };
}


/***/ }),

/***/ 24998:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $m: () => (/* binding */ runClaims),
/* harmony export */   Hg: () => (/* binding */ inTotoStatement),
/* harmony export */   LS: () => (/* binding */ provenancePredicate),
/* harmony export */   T4: () => (/* binding */ IN_TOTO_PAYLOAD_TYPE),
/* harmony export */   h2: () => (/* binding */ sbomPredicateType)
/* harmony export */ });
/* unused harmony exports SLSA_PROVENANCE_V1, CYCLONEDX_PREDICATE */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
// The in-toto statements that get signed: subject = the component reference and its manifest digest.
// - Build provenance: SLSA v1, the predicate @actions/attest's buildSLSAProvenancePredicate makes
//   (actions/toolkit packages/attest/src/provenance.ts), byte for byte, from the claims of the workflow's
//   OIDC token, not from GITHUB_* variables: inside a reusable workflow, GITHUB_WORKFLOW_REF names the caller,
//   while the token's job_workflow_ref names the workflow that ran, which is the builder.
// - SBOM: the whole SBOM as the predicate, typed as actions/attest's sbom.ts types it.

const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
const CYCLONEDX_PREDICATE = 'https://cyclonedx.org/bom';
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
const GITHUB_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
const REQUIRED_CLAIMS = [
    'repository',
    'ref',
    'sha',
    'event_name',
    'workflow_ref',
    'job_workflow_ref',
    'repository_id',
    'repository_owner_id',
    'runner_environment',
    'run_id',
    'run_attempt',
];
/** The claims of a JWT's payload, checked for what the provenance needs; the token's signature is Fulcio's to check. */
function runClaims(jwt) {
    let payload;
    try {
        payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('credentials', 'the OIDC token is not a JWT');
    }
    const missing = REQUIRED_CLAIMS.filter((claim) => typeof payload[claim] !== 'string');
    if (missing.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('credentials', `the OIDC token lacks the claims ${missing.join(', ')}: is this a GitHub Actions token?`);
    return Object.fromEntries(REQUIRED_CLAIMS.map((claim) => [claim, payload[claim]]));
}
function provenancePredicate(claims, serverUrl) {
    // owner/repo/.github/workflows/main.yml@refs/tags/v1@x → .github/workflows/main.yml, refs/tags/v1@x
    const [workflowPath, ...refChunks] = claims.workflow_ref.replace(`${claims.repository}/`, '').split('@');
    return {
        type: SLSA_PROVENANCE_V1,
        params: {
            buildDefinition: {
                buildType: GITHUB_BUILD_TYPE,
                externalParameters: { workflow: { ref: refChunks.join('@'), repository: `${serverUrl}/${claims.repository}`, path: workflowPath } },
                internalParameters: {
                    github: {
                        event_name: claims.event_name,
                        repository_id: claims.repository_id,
                        repository_owner_id: claims.repository_owner_id,
                        runner_environment: claims.runner_environment,
                    },
                },
                resolvedDependencies: [{ uri: `git+${serverUrl}/${claims.repository}@${claims.ref}`, digest: { gitCommit: claims.sha } }],
            },
            runDetails: {
                builder: { id: `${serverUrl}/${claims.job_workflow_ref}` },
                metadata: { invocationId: `${serverUrl}/${claims.repository}/actions/runs/${claims.run_id}/attempts/${claims.run_attempt}` },
            },
        },
    };
}
/**
 * The SBOM's predicate type, as actions/attest tells it from the document: SPDX (`spdxVersion` and `SPDXID`)
 * → https://spdx.dev/Document/v<version>, CycloneDX (`bomFormat`, `specVersion`) → https://cyclonedx.org/bom.
 */
function sbomPredicateType(sbom) {
    if (typeof sbom.spdxVersion === 'string')
        return `https://spdx.dev/Document/v${sbom.spdxVersion.split('-').pop()}`;
    return CYCLONEDX_PREDICATE;
}
/**
 * An in-toto v1 statement over the manifest (actions/toolkit packages/attest/src/intoto.ts): one subject per
 * image it was published to, all of the same digest.
 */
function inTotoStatement(images, manifestDigest, predicate) {
    return Buffer.from(JSON.stringify({
        _type: IN_TOTO_STATEMENT_V1,
        subject: images.map((name) => ({ name, digest: { sha256: manifestDigest.replace(/^sha256:/, '') } })),
        predicateType: predicate.type,
        predicate: predicate.params,
    }));
}


/***/ }),

/***/ 64212:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oe: () => (/* binding */ buildCommand),
/* harmony export */   cj: () => (/* binding */ installCargoComponentCommand),
/* harmony export */   dj: () => (/* binding */ isPreview1Target),
/* harmony export */   f_: () => (/* binding */ DEFAULT_CARGO_TARGET),
/* harmony export */   sG: () => (/* binding */ splitArgs)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
// The cargo command lines of each build mode, as argument arrays: no input ever passes through a shell.

/** Rust ≥1.82 emits components for wasm32-wasip2 directly. */
const DEFAULT_CARGO_TARGET = 'wasm32-wasip2';
/** cargo-component only understands this message format (REFERENCE.md, cargo-component). */
const MESSAGE_FORMAT = '--message-format=json-render-diagnostics';
function buildCommand(o) {
    if (o.mode === 'cargo-component') {
        // cargo-component picks wasm32-wasip1 itself unless told otherwise (cargo-component#364).
        return ['component', 'build', '--profile', o.profile, MESSAGE_FORMAT, ...(o.target ? ['--target', o.target] : []), ...o.cargoArgs];
    }
    return ['build', '--profile', o.profile, '--target', o.target || DEFAULT_CARGO_TARGET, MESSAGE_FORMAT, ...o.cargoArgs];
}
function installCargoComponentCommand(version) {
    return ['install', 'cargo-component', '--locked', '--version', version];
}
/** Targets that give a preview1 core module, which needs the WASI adapter to become a component. */
function isPreview1Target(target) {
    return target === 'wasm32-wasip1' || target === 'wasm32-wasi';
}
/**
 * Splits `cargo-args` like a shell would split words, quotes included, without a shell:
 * `-p hello --features "a b"` → ['-p', 'hello', '--features', 'a b'].
 */
function splitArgs(text) {
    const args = [];
    let current = '';
    let quote;
    let inWord = false;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quote) {
            if (ch === quote)
                quote = undefined;
            else if (ch === '\\' && quote === '"' && i + 1 < text.length)
                current += text[++i];
            else
                current += ch;
        }
        else if (ch === '"' || ch === "'") {
            quote = ch;
            inWord = true;
        }
        else if (/\s/.test(ch)) {
            if (inWord)
                args.push(current);
            current = '';
            inWord = false;
        }
        else {
            current += ch === '\\' && i + 1 < text.length ? text[++i] : ch;
            inWord = true;
        }
    }
    if (quote)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', `unterminated ${quote} quote in "${text}"`);
    if (inWord)
        args.push(current);
    return args;
}


/***/ }),

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ isActionError),
/* harmony export */   l: () => (/* binding */ ActionError)
/* harmony export */ });
// The project's error for everything that is not a registry's HTTP answer (those are RegistryError, in
// src/oci/errors.ts): a message the user can act on, and a kind, which main.ts turns into a hint. A leaf
// module: every folder may import it, src/oci/ included, since it knows nothing of GitHub or Wasm.
class ActionError extends Error {
    kind;
    name = 'ActionError';
    /** For `network`: ECONNRESET, UND_ERR_SOCKET, … */
    code;
    constructor(kind, message, options) {
        super(message, options?.cause === undefined ? undefined : { cause: options.cause });
        this.kind = kind;
        this.code = options?.code;
    }
}
function isActionError(err, kind) {
    return err instanceof ActionError && err.kind === kind;
}


/***/ }),

/***/ 65566:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E5: () => (/* binding */ codeList),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   pj: () => (/* binding */ plain)
/* harmony export */ });
// Markdown for the job summary and the pull-request comment, written from text that came from outside (a
// component's names, the event payload, inputs, the registry): whatever it holds, it cannot end its code span,
// add a table column, start a new line or heading, or be read as HTML. Validation upstream (the names, the
// reference grammar) already keeps most of it plain; this holds even where that fails.
/** Line breaks and other control characters become spaces: a span or a cell is one line. */
// eslint-disable-next-line no-control-regex
const oneLine = (s) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
/**
 * An inline code span showing `text` literally (CommonMark 0.31 §6.1): its fence is one backtick longer than
 * the longest run inside, and a space pads a text that starts or ends with a backtick. In a table cell a
 * pipe is escaped, as GFM requires even inside code.
 */
function code(text, inTable = false) {
    let s = oneLine(text);
    if (inTable)
        s = s.replace(/\|/g, '\\|');
    const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    // A space pads a text that starts or ends with a backtick, or one that starts and ends with a space (which
    // CommonMark would otherwise strip).
    const pad = /^`|`$/.test(s) || /^ [^]* $/.test(s) ? ' ' : '';
    return `${fence}${pad}${s}${pad}${fence}`;
}
/** Plain text: Markdown punctuation backslash-escaped, HTML's `<`, `>` and `&` as entities, on one line. */
function plain(text) {
    return oneLine(text)
        .replace(/[\\`*_{}[\]()#+\-.!|~]/g, '\\$&')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
}
/** Code spans joined by `separator`; past `limit`, the rest is counted, not listed (a summary holds 1 MiB at most). */
function codeList(items, separator, { limit = 100, inTable = false } = {}) {
    if (items.length === 0)
        return '(none)';
    const shown = items.slice(0, limit).map((item) => code(item, inTable));
    return shown.join(separator) + (items.length > limit ? `${separator}and ${items.length - limit} more` : '');
}
/** Percent-encoded: what would end a link destination, split a table cell or be read as emphasis or HTML. */
const LINK_UNSAFE = /[\s()<>[\]\\|`*_"']/g;
/**
 * A link (CommonMark 0.31 §6.3) to an http(s) URL, its destination percent-encoded where Markdown could read
 * it otherwise and without any user:password; anything else (a `javascript:` URL, text that is no URL) is
 * shown as code, not linked. A URL built from an API's answer holds whatever the answer did.
 */
function link(text, url, inTable = false) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        u = undefined;
    }
    if (u?.protocol !== 'https:' && u?.protocol !== 'http:')
        return `${plain(text)} (${code(url, inTable)})`;
    const rest = (u.pathname + u.search + u.hash).replace(LINK_UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `[${plain(text)}](${u.origin}${rest})`;
}


/***/ }),

/***/ 32755:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ skippedPushNotice),
/* harmony export */   W: () => (/* binding */ readOnlyTokenReason)
/* harmony export */ });
function readOnlyTokenReason(event) {
    if (event.eventName === 'pull_request' && event.fromFork)
        return 'this pull request comes from a fork';
    if (event.actor === 'dependabot[bot]' && (event.eventName === 'pull_request' || event.eventName === 'push'))
        return 'this run was started by Dependabot';
    return undefined;
}
function skippedPushNotice(reason, layoutDir) {
    return (`Not pushing: ${reason}, and GitHub gives such runs a read-only token. The artifact was built, inspected and ` +
        `written as an OCI layout to ${layoutDir}. To publish previews of such pull requests, run this action from a ` +
        'separate "workflow_run" workflow that takes the layout as an artifact, or from "pull_request_target" ' +
        "(which runs with write access: never build the pull request's code there without review).");
}


/***/ }),

/***/ 19373:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
// The runner's side of a step, written as @actions/core writes it: inputs from INPUT_* variables, workflow
// commands on stdout (`::warning file=…,line=…::message`, escaped as core's command.ts escapes them), outputs
// through the GITHUB_OUTPUT file (name<<delimiter blocks, file-command.ts), the job summary appended to
// GITHUB_STEP_SUMMARY. Why not @actions/core itself on this path: its entry imports its OIDC client, which
// loads @actions/http-client and all of undici (1.3 MB of the bundle): measured with --cpu-prof, that was
// ~60 ms of a 100 KiB push's ~155. @actions/core is still what signing uses (getIDToken), loaded then, and
// __tests__/github/runner.test.ts checks this file writes byte for byte what core writes.



/** `getInput` as core has it: INPUT_<NAME> (spaces as `_`, upper case), trimmed; '' when unset. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
function setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT;
    if (file) {
        const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomUUID)()}`;
        if (name.includes(delimiter) || value.includes(delimiter))
            throw new Error(`an output holds the delimiter ${delimiter}`);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(file, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`, 'utf8');
        return;
    }
    process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
    command('set-output', { name }, value);
}
const info = (message) => void process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
const debug = (message) => command('debug', {}, message);
const notice = (message, at = {}) => command('notice', annotation(at), message);
const warning = (message, at = {}) => command('warning', annotation(at), message);
const error = (message, at = {}) => command('error', annotation(at), message);
const setSecret = (secret) => command('add-mask', {}, secret);
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
async function group(name, fn) {
    command('group', {}, name);
    try {
        return await fn();
    }
    finally {
        command('endgroup', {}, '');
    }
}
/** Appends to the job summary; outside a runner (no summary file) the Markdown is printed instead. */
function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (file)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(file, markdown + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL, 'utf8');
    else
        info(markdown);
}
/** core's toCommandProperties: the annotation's fields under the command's own names. */
function annotation(at) {
    return { title: at.title, file: at.file, line: at.startLine, col: at.startColumn };
}
function command(name, properties, message) {
    const props = Object.entries(properties)
        .filter(([, v]) => v) // core leaves out every falsy property
        .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
        .join(',');
    process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
}
const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');


/***/ }),

/***/ 5907:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ex: () => (/* binding */ withholdGitHubToken),
/* harmony export */   o2: () => (/* binding */ isGitHubAppToken),
/* harmony export */   vX: () => (/* binding */ isGitHubRegistry)
/* harmony export */ });
// The `password` input defaults to the workflow's GITHUB_TOKEN. That token means something only to
// GitHub's own registry; sent to any other registry's login it would hand a live GitHub credential to a
// third party. GitHub's installation tokens (GITHUB_TOKEN included) start with `ghs_`.
/** ghcr.io, or a GitHub Enterprise Server's `containers.<host>`. */
function isGitHubRegistry(registry, serverUrl) {
    let serverHost = '';
    try {
        serverHost = new URL(serverUrl).hostname;
    }
    catch {
        serverHost = '';
    }
    return registry === 'ghcr.io' || (serverHost !== '' && serverHost !== 'github.com' && registry === `containers.${serverHost}`);
}
function isGitHubAppToken(password) {
    return password.startsWith('ghs_');
}
/** True when the password is a GitHub token that must not go to this registry. */
function withholdGitHubToken(password, registry, serverUrl) {
    return isGitHubAppToken(password) && !isGitHubRegistry(registry, serverUrl);
}


/***/ }),

/***/ 65570:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CT: () => (/* binding */ defaultPackageRepository),
  Sf: () => (/* binding */ defaultRepository),
  BQ: () => (/* binding */ imagesForCrate),
  Gp: () => (/* binding */ pullRequestToCleanUp),
  sb: () => (/* binding */ readSettings)
});

// UNUSED EXPORTS: DEFAULTS, parseAnnotations, repositoryName

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/oci/policy.ts
var policy = __webpack_require__(56771);
// EXTERNAL MODULE: ./src/cargo/commands.ts
var commands = __webpack_require__(64212);
;// CONCATENATED MODULE: ./src/smoke/settings.ts
// What the user asked the smoke run to do (the `smoke*` inputs): the types, and the parsers inputs.ts calls.

/** `200`, `2xx`, `200,204`, `2xx,301`: each a status or a class. */
function parseStatusExpectation(text) {
    const parts = text.split(',').map((p) => p.trim().toLowerCase());
    if (parts.some((p) => !/^[1-5](\d\d|xx)$/.test(p)))
        throw new errors/* ActionError */.l('input', `expected statuses such as 200, 2xx or 200,204, got "${text}"`);
    return {
        text: parts.join(','),
        matches: (status) => parts.some((p) => (p.endsWith('xx') ? Math.floor(status / 100) === Number(p[0]) : status === Number(p))),
    };
}
/** `GET /`, `POST /echo some body`: a method, a path from the root, and the rest of the line as the body. */
function parseSmokeRequest(text) {
    const m = /^([A-Za-z]+)\s+(\/\S*)(?:\s+([^]*))?$/.exec(text.trim());
    // eslint-disable-next-line no-control-regex
    if (!m || /[\u0000-\u001f\u007f]/.test(m[2]))
        throw new errors/* ActionError */.l('input', `expected METHOD /path [body], such as "GET /" or "POST /echo hello", got "${text}"`);
    return { method: m[1].toUpperCase(), path: m[2], ...(m[3] ? { body: m[3] } : {}) };
}

;// CONCATENATED MODULE: ./src/inputs.ts
// Action inputs → one validated Settings object. DEFAULTS mirrors action.yml word for word (a test compares
// them); expressions such as `${{ github.actor }}` are what the runner substitutes, resolved here from the
// environment for runs outside GitHub. Two environment variables tune the registry client for tests and
// unusual networks: WASM_OCI_PUBLISH_RETRY_BASE_MS (first backoff) and WASM_OCI_PUBLISH_TIMEOUT_MS
// (connect, response-header and body timeouts).






const DEFAULTS = {
    component: '',
    'working-directory': '.',
    build: 'auto',
    'cargo-args': '',
    target: '',
    profile: 'release',
    'cargo-component-version': '0.21.1',
    cache: 'true',
    'wit-deps': 'auto',
    'wkg-config': '',
    image: '',
    tags: '',
    username: '${{ github.actor }}',
    password: '${{ github.token }}',
    annotations: '',
    push: 'true',
    'oci-layout': '',
    'plain-http': 'false',
    latest: 'auto',
    'pr-comment': 'true',
    cleanup: 'auto',
    'pr-number': '',
    'github-token': '${{ github.token }}',
    sbom: 'auto',
    sign: 'auto',
    'fulcio-url': '',
    'rekor-url': '',
    'tsa-url': '',
    retries: '5',
    smoke: 'false',
    'smoke-args': '',
    'smoke-request': 'GET /',
    'smoke-expect': '2xx',
    'smoke-timeout': '30',
    'smoke-runtime': 'auto',
    'smoke-network': 'false',
};
/** `getInput` returns the raw input ('' when unset), as @actions/core's does. */
function readSettings(getInput, event, env = {}) {
    const input = (name) => {
        const raw = getInput(name).trim();
        if (raw !== '')
            return raw;
        const fallback = DEFAULTS[name] ?? '';
        if (fallback === '${{ github.actor }}')
            return event.actor;
        if (fallback === '${{ github.token }}')
            return ''; // only the runner knows the token
        return fallback;
    };
    const component = input('component');
    const mode = parseChoice('build', input('build'), ['auto', 'cargo-component', 'cargo', 'none']);
    if (component === '' && mode === 'none') {
        throw new errors/* ActionError */.l('input', 'input "component" is required when "build" is none: the path of the .wasm file to publish');
    }
    const cargoArgs = naming('cargo-args', () => (0,commands/* splitArgs */.sG)(input('cargo-args')));
    const imageEntries = input('image')
        .split(/[,\n]/)
        .map((i) => i.trim())
        .filter((i) => i !== '');
    // `{crate}`: one image per component of a workspace, named after its crate (checked with a stand-in name).
    const crateImages = imageEntries.filter((i) => i.includes('{crate}'));
    naming('image', () => crateImages.forEach((i) => (0,reference/* parseRepository */.SU)(i.replaceAll('{crate}', 'crate'))));
    if (crateImages.length > 0 && (component !== '' || crateImages.length !== imageEntries.length)) {
        throw new errors/* ActionError */.l('input', 'input "image": {crate} names one image per component of a cargo build; it cannot go with "component" or with images without it');
    }
    const images = naming('image', () => imageEntries.filter((i) => !i.includes('{crate}')).map(reference/* parseRepository */.SU));
    const entries = naming('tags', () => input('tags')
        .split(/[,\n]/)
        .map((t) => t.trim())
        .filter((t) => t !== '')
        .map(parseTagEntry));
    const repositories = allImages(images, entries);
    const tags = entries.map((e) => e.tag);
    const annotations = parseAnnotations(input('annotations'));
    return {
        component,
        build: component !== ''
            ? undefined
            : {
                workingDirectory: input('working-directory'),
                mode: mode, // not none: a component is given then
                cargoArgs,
                target: input('target'),
                profile: input('profile'),
                cargoComponentVersion: input('cargo-component-version'),
                cache: parseBoolean('cache', input('cache')),
            },
        witDeps: { mode: parseChoice('wit-deps', input('wit-deps'), ['auto', 'fetch', 'false']), wkgConfig: input('wkg-config') },
        repositories,
        crateImages,
        tags: [...new Set(tags)],
        username: input('username'),
        password: input('password'),
        annotations: annotations.manifest,
        ignoredAnnotations: annotations.ignored,
        push: parseBoolean('push', input('push')),
        ociLayout: input('oci-layout') || undefined,
        plainHttp: parseBoolean('plain-http', input('plain-http')),
        latest: parseChoice('latest', input('latest'), ['auto', 'true', 'false']),
        prComment: parseBoolean('pr-comment', input('pr-comment')),
        cleanup: parseChoice('cleanup', input('cleanup'), ['auto', 'true', 'false', 'dry-run']),
        prNumber: parsePrNumber(input('pr-number')),
        githubToken: input('github-token'),
        sbom: parseSbomChoice(input('sbom')),
        sign: parseChoice('sign', input('sign'), ['auto', 'true', 'false']),
        sigstore: { fulcioURL: input('fulcio-url'), rekorURL: input('rekor-url'), tsaURL: input('tsa-url') },
        retry: retrySettings(parseRetries(input('retries')), positive(env.WASM_OCI_PUBLISH_RETRY_BASE_MS)),
        timeouts: timeouts(positive(env.WASM_OCI_PUBLISH_TIMEOUT_MS)),
        smoke: {
            select: parseSmokeSelection(input('smoke')),
            args: naming('smoke-args', () => (0,commands/* splitArgs */.sG)(input('smoke-args'))),
            request: naming('smoke-request', () => parseSmokeRequest(input('smoke-request'))),
            expect: naming('smoke-expect', () => parseStatusExpectation(input('smoke-expect'))),
            timeoutMs: parseSmokeTimeout(input('smoke-timeout')),
            runtime: parseChoice('smoke-runtime', input('smoke-runtime'), ['auto', 'wasmtime', 'jco']),
            network: parseBoolean('smoke-network', input('smoke-network')),
        },
    };
}
/** false; true (every component of the step); or crate names, by comma or line (a workspace's members to run). */
function parseSmokeSelection(value) {
    if (/^(false|no|0)$/i.test(value))
        return { kind: 'none' };
    if (/^(true|yes|1)$/i.test(value))
        return { kind: 'all' };
    const names = value
        .split(/[,\n]/)
        .map((n) => n.trim())
        .filter((n) => n !== '');
    const bad = names.find((n) => !/^[A-Za-z0-9_-]+$/.test(n));
    if (bad !== undefined)
        throw new errors/* ActionError */.l('input', `input "smoke" must be true, false or crate names, got "${bad}"`);
    return { kind: 'crates', names };
}
function parseSmokeTimeout(value) {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 3600) {
        throw new errors/* ActionError */.l('input', `input "smoke-timeout" must be whole seconds from 1 to 3600, got "${value}"`);
    }
    return Number(value) * 1000;
}
/** The pull request whose previews this run removes, or undefined when it publishes instead. */
function pullRequestToCleanUp(settings, event) {
    if (settings.cleanup === 'false')
        return undefined;
    const closed = event.eventName.startsWith('pull_request') && event.action === 'closed' ? event.prNumber : undefined;
    if (settings.cleanup === 'auto')
        return closed;
    // true and dry-run: `pr-number`, else the closed event's. A dry run is asked for by hand, so it never falls
    // back to publishing: without a pull request it is an input error, as true is.
    const pr = settings.prNumber ?? closed;
    if (pr === undefined)
        throw new errors/* ActionError */.l('input', `input "cleanup" is ${settings.cleanup}, but no pull request is known: set "pr-number", or run on the pull_request closed event`);
    return pr;
}
function parsePrNumber(text) {
    if (text === '')
        return undefined;
    if (!/^[1-9]\d{0,9}$/.test(text))
        throw new errors/* ActionError */.l('input', `input "pr-number" must be a pull request number, not "${text}"`);
    return Number(text);
}
/** ghcr.io/<owner>/<name>, lowercased (GHCR names are lower case); the name is the crate's or the file's. */
function defaultRepository(nameOrFile, event) {
    return ownersRepository(event, [(0,external_node_path_.basename)(nameOrFile).replace(/\.wasm$/i, '')], nameOrFile);
}
/** A WIT package's image: `ghcr.io/<owner>/<namespace>/<name>`, wkg's `<prefix>/<namespace>/<name>` under the owner. */
function defaultPackageRepository(pkg, event) {
    return ownersRepository(event, pkg.split(':'), pkg);
}
function ownersRepository(event, path, from) {
    const owner = event.repository.split('/')[0]?.toLowerCase();
    if (!owner)
        throw new errors/* ActionError */.l('input', 'input "image" is required outside GitHub Actions (GITHUB_REPOSITORY is not set)');
    try {
        return (0,reference/* parseRepository */.SU)(`ghcr.io/${[owner, ...path.map(repositoryName)].join('/')}`);
    }
    catch (err) {
        throw new errors/* ActionError */.l('input', `cannot make an image name from "${from}" (${err.message}): set "image"`);
    }
}
/** A workspace's images for one crate: each `{crate}` template with the crate's name, made a repository name. */
function imagesForCrate(templates, crate) {
    const name = repositoryName(crate);
    return templates.map((t) => (0,reference/* parseRepository */.SU)(t.replaceAll('{crate}', name)));
}
/** Any name made one path component of a repository: lower case, runs of other characters one `-`, trimmed. */
function repositoryName(name) {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
}
/** BuildKit's annotation levels, as docker/metadata-action prefixes its `annotations` output (`manifest:k=v`, `index,manifest[linux/amd64]:k=v`). */
const LEVEL = '(?:manifest|index|manifest-descriptor|index-descriptor)(?:\\[[^\\]]*\\])?';
const LEVELS = new RegExp(`^(${LEVEL}(?:,${LEVEL})*):`);
/**
 * `key=value` lines, each optionally prefixed with annotation levels: `manifest` and `manifest-descriptor` apply
 * to the manifest (its descriptor is the manifest's own here), `index` and `index-descriptor` only are set aside
 * (this artifact has no index). The prefix never stays in a key.
 */
function parseAnnotations(text) {
    const manifest = {};
    const ignored = [];
    for (const [i, raw] of text.split('\n').entries()) {
        let line = raw.replace(/\r$/, '').trim();
        if (line === '')
            continue;
        const levels = LEVELS.exec(line);
        if (levels)
            line = line.slice(levels[0].length);
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw new errors/* ActionError */.l('input', `input "annotations", line ${i + 1}: expected key=value, got "${raw.trim()}"`);
        const key = line.slice(0, eq).trim();
        const value = line.slice(eq + 1).trim();
        // eslint-disable-next-line no-control-regex
        if (/[\x00-\x1f\x7f]/.test(key + value))
            throw new errors/* ActionError */.l('input', `input "annotations", line ${i + 1}: control characters are not allowed`);
        const forManifest = !levels || levels[1].split(',').some((l) => /^manifest(-descriptor)?(\[|$)/.test(l));
        if (forManifest)
            manifest[key] = value;
        else
            ignored.push(raw.trim());
    }
    return { manifest, ignored };
}
/**
 * A `tags` entry: a bare tag, or a full reference as docker/metadata-action's `tags` output holds them
 * (`ghcr.io/acme/hello:1.2.3`, `acme/hello:1.2.3`): a tag cannot hold `/` or `:`, a reference always does.
 */
function parseTagEntry(entry) {
    const colon = entry.lastIndexOf(':');
    const slash = entry.lastIndexOf('/');
    if (colon === -1 && slash === -1)
        return { tag: (0,reference/* assertValidTag */.b5)(entry) };
    if (colon < slash)
        throw new errors/* ActionError */.l('input', `"${entry}" names an image but no tag: write it as image:tag, or give the image in "image"`);
    return { repository: (0,reference/* parseRepository */.SU)(entry.slice(0, colon)), tag: (0,reference/* assertValidTag */.b5)(entry.slice(colon + 1)) };
}
/** The images: those `image` lists and those full references in `tags` name, each once, in that order. */
function allImages(images, entries) {
    const named = new Map();
    for (const r of [...images, ...entries.flatMap((e) => (e.repository ? [e.repository] : []))])
        named.set((0,reference/* formatRepository */.Sh)(r), r);
    return [...named.values()];
}
function parseSbomChoice(value) {
    if (value === 'auto')
        return { kind: 'generate' };
    if (value === 'false')
        return { kind: 'none' };
    return { kind: 'file', path: value };
}
function parseRetries(value) {
    if (!/^\d+$/.test(value) || Number(value) > 20)
        throw new errors/* ActionError */.l('input', `input "retries" must be a whole number from 0 to 20, got "${value}"`);
    return Number(value);
}
const positive = (value) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined);
function retrySettings(maxRetries, baseDelayMs) {
    if (!baseDelayMs)
        return { ...policy/* DEFAULT_RETRY */.vI, maxRetries };
    return { ...policy/* DEFAULT_RETRY */.vI, maxRetries, baseDelayMs, maxDelayMs: Math.max(baseDelayMs, Math.min(policy/* DEFAULT_RETRY */.vI.maxDelayMs, baseDelayMs * 8)) };
}
function timeouts(ms) {
    return ms ? { connectMs: ms, headersMs: ms, bodyMs: ms } : undefined;
}
/** Runs the parser of one input: its refusal names the input. */
function naming(name, parse) {
    try {
        return parse();
    }
    catch (err) {
        if ((0,errors/* isActionError */.B)(err, 'input'))
            throw new errors/* ActionError */.l('input', `input "${name}": ${err.message}`, { cause: err });
        throw err;
    }
}
function parseChoice(name, value, choices) {
    if (choices.includes(value))
        return value;
    throw new errors/* ActionError */.l('input', `input "${name}" must be ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}, got "${value}"`);
}
function parseBoolean(name, value) {
    if (/^(true|yes|1)$/i.test(value))
        return true;
    if (/^(false|no|0)$/i.test(value))
        return false;
    throw new errors/* ActionError */.l('input', `input "${name}" must be true or false, got "${value}"`);
}


/***/ }),

/***/ 78340:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// UNUSED EXPORTS: failureMessage

// EXTERNAL MODULE: ./src/github/runner.ts
var runner = __webpack_require__(19373);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/github/event.ts
// The facts of the workflow run that tags and annotations depend on, from the runner's environment
// (GITHUB_* variables and the event payload file), as plain data.

function readEventFacts(env) {
    let payload = {};
    if (env.GITHUB_EVENT_PATH) {
        try {
            payload = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
        }
        catch {
            payload = {}; // no payload: local runs
        }
    }
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const ref = env.GITHUB_REF ?? '';
    const facts = {
        eventName,
        ...(typeof payload.action === 'string' ? { action: payload.action } : {}),
        ref,
        sha: env.GITHUB_SHA ?? '',
        repository: env.GITHUB_REPOSITORY ?? '',
        serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
        actor: env.GITHUB_ACTOR ?? '',
        commitTime: payload.head_commit?.timestamp,
        privateRepository: payload.repository ? payload.repository.private === true || (payload.repository.visibility ?? 'public') !== 'public' : undefined,
        // Unknown (undefined) when the payload does not say: the packages API then asks GitHub (packages.ts).
        ...(payload.repository?.owner?.type ? { ownerIsOrganization: payload.repository.owner.type === 'Organization' } : {}),
    };
    if (eventName === 'release' && payload.release?.tag_name)
        facts.tag = payload.release.tag_name;
    else if (ref.startsWith('refs/tags/'))
        facts.tag = ref.slice('refs/tags/'.length);
    else if (ref.startsWith('refs/heads/'))
        facts.branch = ref.slice('refs/heads/'.length);
    if (eventName.startsWith('pull_request')) {
        const n = payload.pull_request?.number ?? payload.number ?? Number(/^refs\/pull\/(\d+)\//.exec(ref)?.[1]);
        if (Number.isInteger(n))
            facts.prNumber = n;
        facts.headSha = payload.pull_request?.head?.sha;
        const head = payload.pull_request?.head?.repo?.full_name;
        const base = payload.pull_request?.base?.repo?.full_name ?? facts.repository;
        // A deleted fork has head.repo null: still not this repository.
        facts.fromFork = payload.pull_request !== undefined && head !== base;
    }
    return facts;
}

// EXTERNAL MODULE: ./src/artifact/annotations.ts
var annotations = __webpack_require__(37336);
;// CONCATENATED MODULE: ./src/github/annotations.ts
// The manifest annotations a run's GitHub context gives: the repository (GHCR links the package to it), the
// commit, the version, the built crate's metadata, and a pull request's preview keys.

function eventAnnotations(event, crate, created, version) {
    const repositoryUrl = event.repository ? `${event.serverUrl}/${event.repository}` : undefined;
    return {
        ...(0,annotations/* defaultAnnotations */.kl)(created, {
            // The GitHub repository links a GHCR package to it; the crate's own repository is the fallback.
            source: repositoryUrl ?? crate?.repository,
            url: repositoryUrl ?? crate?.repository,
            revision: event.sha || undefined,
            version,
            title: crate?.name,
            description: crate?.description,
            licenses: crate?.license,
        }),
        ...(event.prNumber !== undefined ? (0,annotations/* previewAnnotations */.vy)(event.prNumber, event.headSha ?? event.sha) : {}),
    };
}

// EXTERNAL MODULE: ./node_modules/semver/functions/parse.js
var parse = __webpack_require__(16353);
var parse_default = /*#__PURE__*/__webpack_require__.n(parse);
;// CONCATENATED MODULE: ./src/github/tags.ts
// Tags derived from the event, in the manner of docker/metadata-action (type=semver, type=ref, type=sha).
// semver's parse only: its index also loads the range machinery, a cost on every run's start (bench/).

/** Makes any string a valid OCI tag: disallowed characters become `-`, it starts with [A-Za-z0-9_], ≤128 chars. */
function sanitizeTag(value) {
    const cleaned = value
        .replace(/[^a-zA-Z0-9._-]/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128);
    return cleaned === '' ? '_' : cleaned;
}
function shortSha(sha) {
    return `sha-${sha.slice(0, 7)}`;
}
function deriveTags(event) {
    if (event.tag !== undefined) {
        // Strict semver with an optional leading v (`v1.2.3`, `1.2.3`); `1.2` is not a version here.
        const version = /^v?\d+\.\d+\.\d+/.test(event.tag) ? parse_default()(event.tag.replace(/^v/, '')) : null;
        if (!version)
            return { tags: [sanitizeTag(event.tag)] };
        // Build metadata (`+x`) is kept but `+` is not valid in a tag: it becomes `-`, as docker/metadata-action does.
        const full = sanitizeTag(version.raw);
        if (version.prerelease.length > 0)
            return { tags: [full], version: version.raw };
        const tags = [full, `${version.major}.${version.minor}`];
        if (version.major > 0)
            tags.push(`${version.major}`);
        tags.push('latest');
        return { tags, version: version.raw };
    }
    if (event.prNumber !== undefined) {
        // The head commit is what the reviewer knows; GITHUB_SHA is a merge commit that exists nowhere else.
        const sha = event.headSha ?? event.sha;
        return { tags: [`pr-${event.prNumber}`, ...(sha ? [shortSha(sha)] : [])] };
    }
    if (event.branch !== undefined && event.eventName === 'push') {
        return { tags: [sanitizeTag(event.branch), ...(event.sha ? [shortSha(event.sha)] : [])] };
    }
    if (event.sha)
        return { tags: [shortSha(event.sha)] };
    return { tags: [] };
}

;// CONCATENATED MODULE: ./src/github/metadata-action.ts
// docker/metadata-action exports its outputs as DOCKER_METADATA_OUTPUT_* environment variables too. This
// action reads only its inputs, as build-push-action does: a step's inputs say what it publishes, and an
// earlier step's environment must not change that silently. When those variables are there and the inputs
// they would fill are empty, a notice says how to pass them.
function metadataActionOutputsUnread(settings, env) {
    const missing = [
        ...(settings.tags.length === 0 && env.DOCKER_METADATA_OUTPUT_TAGS?.trim() ? ['tags: ${{ steps.meta.outputs.tags }}'] : []),
        ...(Object.keys(settings.annotations).length === 0 && env.DOCKER_METADATA_OUTPUT_ANNOTATIONS?.trim()
            ? ['annotations: ${{ steps.meta.outputs.annotations }}']
            : []),
    ];
    if (missing.length === 0)
        return undefined;
    return ("docker/metadata-action's outputs are in the environment (DOCKER_METADATA_OUTPUT_*), but this action reads only its inputs: " +
        `pass them with ${missing.join(' and ')} (with the id of your metadata-action step).`);
}

;// CONCATENATED MODULE: ./src/github/hints.ts
// What to tell a GitHub user when the registry refuses them.
/** GHCR refuses a GITHUB_TOKEN that lacks `packages: write`; say where to grant it. */
function permissionHint(status, registry) {
    if (registry !== 'ghcr.io' || (status !== 401 && status !== 403))
        return undefined;
    return ('To push to GHCR with GITHUB_TOKEN the job needs "permissions: packages: write" (and "contents: read"); ' +
        'pull requests from forks and Dependabot only get read access. With a personal access token, it needs the write:packages scope.');
}
/**
 * What to do when anonymous clients cannot pull a pushed image. GHCR: the package's settings page (visibility
 * is set there only: Danger Zone → Change visibility), as https://github.com/{orgs|users}/<owner>/packages/container/<name>/settings.
 */
function privatePackageNotice(image, serverUrl, ownerIsOrganization) {
    const [registry, owner, ...rest] = image.split('/');
    if (registry === 'ghcr.io' && owner && rest.length > 0) {
        const settings = `${serverUrl}/${ownerIsOrganization ? 'orgs' : 'users'}/${owner}/packages/container/${encodeURIComponent(rest.join('/'))}/settings`;
        return (`${image} is private: only those with access can pull it (GHCR makes new packages private). ` +
            `To let anyone pull it, change its visibility to public in ${settings} (Danger Zone); otherwise pull after \`docker login ghcr.io\` with a token that has read:packages.`);
    }
    return `Anonymous clients cannot pull ${image}: pulling it needs credentials for ${registry ?? 'its registry'}.`;
}

// EXTERNAL MODULE: ./src/github/token-scope.ts
var token_scope = __webpack_require__(5907);
// EXTERNAL MODULE: ./src/github/push-permission.ts
var push_permission = __webpack_require__(32755);
// EXTERNAL MODULE: ./src/github/markdown.ts
var markdown = __webpack_require__(65566);
;// CONCATENATED MODULE: ./src/github/cleanup-report.ts
// What a pull request's cleanup did, for the job summary and the `removed` output.


function cleanupMarkdown(pr, results) {
    const dryRun = results.some((r) => r.dryRun);
    const heading = results.length > 0 && results.every((r) => r.skipped) ? 'not cleaned up' : dryRun ? 'to clean up (dry run)' : 'cleaned up';
    const lines = [`## Previews of pull request #${pr} ${heading}`, ''];
    if (dryRun)
        lines.push('A dry run (`cleanup: dry-run`): nothing was deleted. This is what a cleanup would remove and keep.', '');
    for (const r of results) {
        lines.push(`### ${(0,markdown/* code */.aY)(r.image)}`, '');
        if (r.skipped) {
            lines.push(`> [!NOTE]\n> ${(0,markdown/* plain */.pj)(r.skipped)}`, '');
            continue;
        }
        if (r.removed.length + r.kept.length === 0)
            lines.push('No preview of this pull request was found.', '');
        if (r.removed.length > 0 || r.kept.length > 0) {
            lines.push('| | Digest | Tags | |', '|---|---|---|---|');
            const removed = r.dryRun ? 'would remove' : 'removed';
            for (const x of r.removed)
                lines.push(`| ${removed} | ${(0,markdown/* code */.aY)(x.digest, true)} | ${tagList(x.tags)} | ${x.what} |`);
            for (const x of r.kept)
                lines.push(`| kept | ${(0,markdown/* code */.aY)(x.digest, true)} | ${tagList(x.tags)} | ${(0,markdown/* plain */.pj)(x.why)} |`);
            lines.push('');
        }
        if (r.unsupported)
            lines.push(`> [!WARNING]\n> ${(0,markdown/* plain */.pj)(r.unsupported)}`, '');
    }
    return lines.join('\n');
}
const tagList = (tags) => (tags.length ? tags.map((t) => (0,markdown/* code */.aY)(t, true)).join(' ') : 'untagged');
function writeCleanupReport(pr, results) {
    // `removed` names what is gone: a dry run removed nothing (its list is in the summary).
    runner/* setOutput */.uH('removed', results.flatMap((r) => (r.dryRun ? [] : r.removed.map((x) => `${r.image}@${x.digest}`))).join('\n'));
    runner/* appendSummary */.fe(cleanupMarkdown(pr, results));
}

;// CONCATENATED MODULE: ./src/smoke/outcome.ts
// What a smoke run found, as the report and main.ts read it: data only, so that reading it loads none of
// the runtimes (smoke-run.ts is imported only when a smoke run is asked for).
const isSkipped = (o) => 'skipped' in o;

;// CONCATENATED MODULE: ./src/github/smoke-report.ts
// The smoke run's results in the job summary and the pull-request comment, and in the log. Everything in
// them came from the component (its output, its response body) or its path: escaped like every other
// outside field (markdown.ts), and in the log each output line is indented so that none starts a workflow command.


const verdict = (r) => (r.passed ? 'passed' : 'failed');
const answered = (r) => (r.status !== undefined ? `status ${r.status}` : r.exitCode !== undefined ? `exit code ${r.exitCode}` : '—');
const ms = (r) => `${Math.round(r.wallMs)} ms`;
function smokeSummaryMarkdown(outcomes) {
    if (outcomes.length === 0)
        return '';
    const lines = ['## Smoke run', '', '| Component | Result | Runtime | Time | Answer |', '|---|---|---|---|---|'];
    for (const o of outcomes) {
        if (isSkipped(o))
            lines.push(`| ${(0,markdown/* code */.aY)(o.component, true)} | not run: ${(0,markdown/* plain */.pj)(o.skipped)} | | | |`);
        else
            lines.push(`| ${(0,markdown/* code */.aY)(o.component, true)} | ${verdict(o)}${o.reason ? `: ${(0,markdown/* plain */.pj)(o.reason)}` : ''} | ${(0,markdown/* plain */.pj)(o.runtime)} | ${ms(o)} | ${answered(o)} |`);
    }
    lines.push('');
    for (const o of outcomes) {
        if (isSkipped(o))
            continue;
        const shown = o.passed ? o.firstLines : o.lastLines;
        if (shown.length === 0)
            continue;
        lines.push(`${o.passed ? 'First' : 'Last'} output lines of ${(0,markdown/* code */.aY)(o.component)}:`, '', ...shown.map((l) => `    ${l}`), '');
    }
    return lines.join('\n');
}
/** The comment's line for a component that was run. */
function smokeCommentLine(r) {
    return `Smoke run: ${verdict(r)}${r.reason ? ` (${(0,markdown/* plain */.pj)(r.reason)})` : ''} with ${(0,markdown/* plain */.pj)(r.runtime)} in ${ms(r)} (${answered(r)})`;
}
function smokeLogLines(r) {
    const shown = r.passed ? r.firstLines : r.lastLines;
    return [`smoke run ${verdict(r)} in ${ms(r)} (${answered(r)})${r.reason ? `: ${r.reason}` : ''}`, ...shown.map((l) => `  | ${l}`)];
}

;// CONCATENATED MODULE: ./src/github/report.ts
// Step outputs and the job summary.



function publishReport(r) {
    const { facts } = r;
    const images = r.pushedImages.length > 0 ? r.pushedImages : r.images;
    return {
        image: images[0] ?? '',
        images,
        component: r.component,
        digest: r.manifestDigest,
        configDigest: r.configDigest,
        layerDigest: r.layer.digest,
        size: r.layer.size,
        tags: r.references,
        pushed: r.pushed !== undefined,
        skippedBecause: r.skippedBecause,
        uploaded: r.pushed?.uploaded ?? [],
        skipped: r.pushed?.skipped ?? [],
        ociLayout: r.ociLayout,
        os: facts.kind === 'module' ? 'wasip1' : 'wasip2',
        imports: facts.kind === 'component' ? facts.imports : [],
        exports: facts.kind === 'module' ? [] : facts.exports,
        ...(facts.kind === 'wit-package'
            ? { package: { name: facts.name + (facts.version ? `@${facts.version}` : ''), interfaces: facts.interfaces, worlds: facts.worlds } }
            : {}),
        referrers: r.referrers,
        attestations: r.attestations,
        version: r.version,
        annotations: r.annotations,
        ...(r.public !== undefined ? { public: r.public } : {}),
    };
}
function reportOutputs(r) {
    const outputs = {
        digest: r.digest,
        ref: `${r.image}@${r.digest}`,
        refs: (r.images ?? [r.image]).map((image) => `${image}@${r.digest}`).join('\n'),
        tags: r.tags.join('\n'),
        'config-digest': r.configDigest,
        'layer-digest': r.layerDigest,
        size: String(r.size),
        component: r.component,
        'oci-layout': r.ociLayout ?? '',
        'sbom-digest': r.referrers?.find((x) => x.kind === 'SBOM')?.digest ?? '',
        'signature-digest': r.referrers?.find((x) => x.kind === 'signature')?.digest ?? '',
        'attestation-id': r.attestations?.provenance?.id ?? '',
        'attestation-url': r.attestations?.provenance?.url ?? '',
        'sbom-attestation-id': r.attestations?.sbom?.stored?.id ?? '',
        version: r.version ?? '',
        public: r.public === undefined ? '' : String(r.public),
        removed: '', // a cleanup run's
        // As build-push-action and metadata-action write them: one key=value a line.
        annotations: Object.entries(r.annotations ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join('\n'),
    };
    return { ...outputs, metadata: JSON.stringify({ ...outputs, tags: r.tags, size: r.size, pushed: r.pushed }) };
}
/** The step's outputs: one component's, or a workspace's (workspaceOutputs). */
function writeOutputs(reports) {
    const outputs = reports.length === 1 ? reportOutputs(reports[0]) : workspaceOutputs(reports);
    for (const [name, value] of Object.entries(outputs))
        runner/* setOutput */.uH(name, value);
}
/**
 * A workspace's outputs: `metadata` holds one entry per component, `refs` and `tags` every component's; the
 * outputs about one artifact (digest, ref, …) stay empty, since there are several.
 */
function workspaceOutputs(reports) {
    const each = reports.map(reportOutputs);
    const joined = (name) => each.flatMap((o) => (o[name] ? [o[name]] : [])).join('\n');
    const empty = Object.fromEntries(Object.keys(each[0] ?? {}).map((k) => [k, '']));
    return {
        ...empty,
        refs: joined('refs'),
        tags: joined('tags'),
        'oci-layout': each[0]?.['oci-layout'] ?? '',
        metadata: JSON.stringify(each.map((o) => JSON.parse(o.metadata))),
    };
}
function summaryMarkdown(r) {
    const rows = [
        ['Image', (0,markdown/* codeList */.E5)(r.images ?? [r.image], '<br>', { inTable: true })],
        ['Digest', (0,markdown/* code */.aY)(r.digest, true)],
        ['Tags', (0,markdown/* codeList */.E5)(r.tags, '<br>', { inTable: true })],
        ['Kind', r.package ? `WIT package ${(0,markdown/* code */.aY)(r.package.name, true)}` : r.os === 'wasip2' ? 'component (wasip2)' : 'core module (wasip1)'],
        ['Size', `${r.size} bytes`],
        ['Config', (0,markdown/* code */.aY)(r.configDigest, true)],
        ['Layer', (0,markdown/* code */.aY)(r.layerDigest, true)],
        ['Blobs', r.pushed ? `${r.uploaded.length} uploaded, ${r.skipped.length} already present` : `not pushed (${r.skippedBecause ?? 'push: false'})`],
    ];
    if (r.ociLayout)
        rows.push(['OCI layout', (0,markdown/* code */.aY)(r.ociLayout, true)]);
    const what = r.package ? 'WIT package' : 'Wasm component';
    const lines = [`## ${what} ${r.pushed ? 'published' : 'packaged'}`, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''];
    if (r.package) {
        lines.push(`Interfaces: ${(0,markdown/* codeList */.E5)(r.package.interfaces, ', ')}  `, `Worlds: ${(0,markdown/* codeList */.E5)(r.package.worlds, ', ')}`, '');
    }
    else if (r.imports.length || r.exports.length) {
        lines.push(`Exports: ${(0,markdown/* codeList */.E5)(r.exports, ', ')}  `, `Imports: ${(0,markdown/* codeList */.E5)(r.imports, ', ')}`, '');
    }
    if (r.referrers?.length) {
        lines.push('Attached (OCI referrers of the manifest):', '', '| | Digest | Found through |', '|---|---|---|');
        for (const x of r.referrers)
            lines.push(`| ${x.kind} | ${(0,markdown/* code */.aY)(x.digest, true)} | ${x.via === 'api' ? 'referrers API' : `tag ${(0,markdown/* code */.aY)(x.tag ?? '', true)}`} |`);
        if (r.referrers.some((x) => x.via === 'fallback-tag')) {
            lines.push('', 'The `sha256-<hex>` tag is the OCI 1.1 referrers tag schema: this registry has no referrers API, so the list of ' +
                "what refers to the manifest is an index under that tag. Clients (oras, cosign, gh) read it there; the pull request's cleanup removes it with its subject.");
        }
        lines.push('', 'List and check them:', '', '```sh', `oras discover ${r.image}@${r.digest}`, ...verifyCommands(r));
        lines.push('```', '');
    }
    const stored = [
        ...(r.attestations?.provenance ? [['Build provenance', r.attestations.provenance.url]] : []),
        ...(r.attestations?.sbom?.stored ? [['SBOM', r.attestations.sbom.stored.url]] : []),
    ];
    // The URLs hold an id from GitHub's answer (attestations.ts takes digits only); `link` holds even where that fails.
    if (stored.length)
        lines.push(`Attestations stored in GitHub: ${stored.map(([what, url]) => (0,markdown/* link */.nf)(what, url)).join(', ')}`, '');
    if (r.pushed) {
        lines.push('Pull it:', '', '```sh', `wkg oci pull ${r.image}@${r.digest} -o ${r.package ? 'package' : 'component'}.wasm`, '```', '');
    }
    return lines.join('\n');
}
/**
 * `gh attestation verify` lines that work as printed: from GitHub's attestation API when the bundle is stored
 * there, else from the registry (--bundle-from-oci); the SBOM with its predicate type (the default is SLSA
 * provenance). cli/cli takes exactly one of --owner and --repo.
 */
function verifyCommands(r) {
    const a = r.attestations;
    if (!a)
        return [];
    const base = `gh attestation verify oci://${r.image}@${r.digest} --owner ${a.owner}`;
    const from = (stored) => (stored ? '' : ' --bundle-from-oci');
    return [`${base}${from(a.provenance)}`, ...(a.sbom ? [`${base} --predicate-type ${a.sbom.predicateType}${from(a.sbom.stored)}`] : [])];
}
/** The job summary: the smoke run's results, then a section per component published. */
function writeSummary(reports, smoke = []) {
    runner/* appendSummary */.fe([smokeSummaryMarkdown(smoke), ...reports.map(summaryMarkdown)].filter((s) => s !== '').join('\n'));
}

;// CONCATENATED MODULE: ./src/github/build-log.ts
// The build step's log, on the Actions runtime: groups fold cargo's output, errors become annotations.

const actionsBuildLog = {
    info: (message) => runner/* info */.pq(message),
    warning: (message) => runner/* warning */.$e(message),
    error: (message, at) => runner/* error */.z3(message, at ? { file: at.file, startLine: at.line, startColumn: at.column, title: 'Build error' } : undefined),
    group: (name, fn) => runner/* group */.Os(name, fn),
};

// EXTERNAL MODULE: ./node_modules/semver/functions/gt.js
var gt = __webpack_require__(16599);
var gt_default = /*#__PURE__*/__webpack_require__.n(gt);
;// CONCATENATED MODULE: ./src/oci/settle.ts
// Waiting for requests that run together: none may still be running when the caller goes on or reports.
/** Every promise's value, in order; the first failure, once all have settled. */
async function allSettledOrThrow(promises) {
    const settled = await Promise.allSettled(promises);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed)
        throw failed.reason;
    return settled.map((s) => s.value);
}
/** A read ahead that may not be needed: its failure is kept, not left unhandled, and thrown where it is used (`unsettle`). */
function settle(p) {
    return Promise.allSettled([p]).then((all) => all[0]);
}
function unsettle(r) {
    return r.then((s) => (s.status === 'fulfilled' ? s.value : Promise.reject(s.reason)));
}

// EXTERNAL MODULE: ./src/oci/spec.ts
var spec = __webpack_require__(54482);
;// CONCATENATED MODULE: ./src/oci/referrers.ts
// Attaching an artifact to another as an OCI 1.1 referrer (image-spec: `subject`; distribution-spec v1.1:
// "Pushing Manifests with Subject" and "Referrers Tag Schema"). Where the registry has no referrers API
// (GHCR, distribution 2.8), the client keeps the fallback tag `<alg>-<hex>` holding an image index of the
// referrers, as oras-go (registry/remote/referrers.go) and @sigstore/oci do.



function referrerManifest(subject, r) {
    return Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: spec/* OCI_MANIFEST */.EG,
        artifactType: r.artifactType,
        config: r.config.descriptor,
        layers: r.layers.map((l) => l.descriptor),
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
        ...(r.annotations && Object.keys(r.annotations).length > 0 ? { annotations: r.annotations } : {}),
    }));
}
/** Pushes one referrer (after its blobs; the subject must already be there) and makes it findable. */
async function attachReferrer(client, subject, r) {
    const [one] = await attachReferrers(client, subject, [r]);
    if ('error' in one)
        throw one.error;
    return one;
}
/**
 * Attaches several referrers to one subject in as few round trips as the protocol allows: every referrer's
 * blobs go up as soon as it is known (a signature is known once signed), together with the subject's own;
 * the referrer manifests go up together once the subject's blobs are there (`gates.blobs`), so a push that
 * fails leaves none behind. The registry may take a manifest whose subject it does not hold yet
 * (distribution-spec v1.1, "Pushing Manifests with Subject"), so they need not wait for the subject's tags.
 * Where the registry has no referrers API, the fallback index is read ahead and written once for the whole
 * batch, after the subject is pushed (`gates.subject`): the tag never lists referrers of nothing. Each
 * referrer's outcome is returned; one that fails does not stop the others.
 */
async function attachReferrers(client, subject, referrers, gates = {}) {
    const tag = (0,spec/* fallbackTag */.fH)(subject.digest);
    // Read ahead, in parallel with the uploads; whether they are needed is known only from the manifest PUTs.
    const api = settle(client.hasReferrersApi(subject.digest));
    const current = settle(client.getManifest(tag));
    const pushed = await Promise.allSettled(referrers.map(async (pending) => {
        const r = await pending;
        await allSettledOrThrow([
            client.pushBlob(r.config.descriptor, { bytes: r.config.bytes }),
            ...r.layers.map((l) => client.pushBlob(l.descriptor, l.source, undefined, l.fresh)),
        ]);
        await gates.blobs;
        const bytes = referrerManifest(subject, r);
        const put = await client.putManifest((0,spec/* sha256Digest */.sI)(bytes), bytes, spec/* OCI_MANIFEST */.EG);
        const descriptor = { mediaType: spec/* OCI_MANIFEST */.EG, digest: put.digest, size: bytes.length, artifactType: r.artifactType };
        if (r.annotations && Object.keys(r.annotations).length > 0)
            descriptor.annotations = r.annotations;
        return { descriptor, ociSubject: put.ociSubject };
    }));
    const fulfilled = pushed.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
    // The spec's signal is OCI-Subject on the push; the ping covers registries that serve the API without it.
    const viaApi = fulfilled.length > 0 && (fulfilled.every((p) => p.ociSubject === subject.digest) || (await unsettle(api)));
    let added = new Set();
    if (!viaApi && fulfilled.length > 0) {
        await gates.subject;
        added = await addToFallbackIndex(client, tag, fulfilled.map((p) => p.descriptor), await unsettle(current));
    }
    return pushed.map((p) => p.status === 'rejected'
        ? { error: p.reason }
        : viaApi
            ? { digest: p.value.descriptor.digest, via: 'api', added: true }
            : { digest: p.value.descriptor.digest, via: 'fallback-tag', tag, added: added.has(p.value.descriptor.digest) });
}
/**
 * Read-modify-write of the fallback index: 404 is an empty index, anything but an index is an error, the
 * new descriptors are appended unless present, older ones stay. The first read may be one made ahead; with
 * the registry's ETag the write is conditional, and a lost race (412) reads again. Returns the digests added.
 */
async function addToFallbackIndex(client, tag, descriptors, readAhead) {
    const attempts = client.attempts();
    let current = readAhead;
    for (;;) {
        let manifests = [];
        if (current) {
            const parsed = JSON.parse(current.bytes.toString('utf8'));
            if (parsed.mediaType !== spec/* OCI_INDEX */.$p || !Array.isArray(parsed.manifests)) {
                throw new errors/* ActionError */.l('registry-protocol', `update of the referrers tag ${tag} failed: the tag holds ${parsed.mediaType ?? 'something'} instead of an image index: not overwriting it`);
            }
            manifests = parsed.manifests;
        }
        const listed = new Set(manifests.map((m) => m.digest));
        const adding = descriptors.filter((d, i) => !listed.has(d.digest) && descriptors.findIndex((o) => o.digest === d.digest) === i);
        if (adding.length === 0)
            return new Set();
        const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: spec/* OCI_INDEX */.$p, manifests: [...manifests, ...adding] }));
        try {
            await client.putManifest(tag, index, spec/* OCI_INDEX */.$p, current?.etag);
            return new Set(adding.map((d) => d.digest));
        }
        catch (err) {
            // 412: another writer changed the index since it was read. Read it again.
            const lostRace = (o) => 'status' in o && o.status === 412;
            if (!(await attempts.afterError(err, `the referrers tag ${tag} changed while it was updated`, lostRace)))
                throw err;
            current = await client.getManifest(tag);
        }
    }
}

;// CONCATENATED MODULE: ./src/oci/push.ts


/**
 * `mountFrom`: another repository of the same registry that already holds the blobs (a cross-repository
 * mount). `referrers` (an SBOM, signatures still being made) are attached in the same pass: their blobs go
 * up with the manifest's, their manifests with its tags, and the fallback index once it is tagged
 * (referrers.ts, attachReferrers). What became of each referrer is in `attached`.
 */
async function pushManifest(client, manifest, tags, mountFrom, referrers = []) {
    // Blobs are independent: send them together (keep-alive connections are pooled by the transport).
    // Wait for all of them, even after a failure, so no upload is still running when this returns.
    const blobs = allSettledOrThrow(manifest.blobs.map((b) => client.pushBlob(b.descriptor, b.source, mountFrom)));
    let tagged;
    const subjectPushed = new Promise((ok, fail) => (tagged = (error) => (error === undefined ? ok() : fail(error))));
    // The gates are awaited only by referrers that got that far: a failure is handled here, not left unhandled.
    for (const gate of [blobs, subjectPushed])
        gate.catch(() => undefined);
    const subject = { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.length };
    const attaching = referrers.length > 0 ? attachReferrers(client, subject, referrers, { blobs, subject: subjectPushed }) : Promise.resolve([]);
    let sent;
    try {
        sent = await blobs;
        // Without tags the manifest goes up by digest: still addressable, never garbage to a registry that keeps untagged manifests.
        await allSettledOrThrow((tags.length > 0 ? tags : [manifest.digest]).map((ref) => client.putManifest(ref, manifest.bytes, manifest.mediaType)));
        tagged();
    }
    catch (err) {
        tagged(err instanceof Error ? err : new Error(String(err)));
        await attaching;
        throw err;
    }
    const uploaded = manifest.blobs.filter((_, i) => sent[i]).map((b) => b.descriptor.digest);
    const skipped = manifest.blobs.filter((_, i) => !sent[i]).map((b) => b.descriptor.digest);
    return { digest: manifest.digest, uploaded, skipped, tags, attached: await attaching };
}

;// CONCATENATED MODULE: ./src/artifact/floating-tags.ts
// Floating tags (`1.2`, `1`, `latest`) move only forward: publishing 1.0.5 after 1.1.0 must not take `1`
// or `latest` back to 1.0.5. Each floating tag is kept when the registry already has a higher release
// version in its range.
// semver's parse and gt only: its index also loads the range machinery, a cost on every run's start (bench/).




/**
 * `tags` as derived for a release `version`, less the floating tags an existing higher version owns.
 * `latest` follows the policy: auto (highest release only), true (always), false (never).
 */
function floatingTags(tags, version, existing, latest) {
    const parsed = version ? parse_default()(version) : null;
    const releases = existing.map((t) => parse_default()(t.replace(/^v/, ''))).filter((v) => v !== null && v.prerelease.length === 0);
    const higher = (range) => parsed !== null && releases.some((v) => range(v) && gt_default()(v, parsed));
    const kept = tags.filter((tag) => {
        if (tag === 'latest')
            return latest === 'auto' && !higher(() => true);
        if (!parsed || parsed.prerelease.length > 0)
            return true;
        if (tag === `${parsed.major}.${parsed.minor}`)
            return !higher((v) => v.major === parsed.major && v.minor === parsed.minor);
        if (tag === `${parsed.major}`)
            return !higher((v) => v.major === parsed.major);
        return true;
    });
    if (latest === 'true' && !kept.includes('latest'))
        kept.push('latest');
    return kept;
}
/**
 * Pushes a release: its own version tag first (with the blobs and the manifest), then each floating tag it
 * may still take, judged by the tags the registry holds after the version tag landed. Two releases started
 * together then see each other's version tag in all but a narrow window (between the other's tag list and
 * its floating-tag PUTs); a concurrency group in the workflow closes it (docs/releases.md).
 */
async function pushRelease(client, manifest, release, latest, mountFrom, referrers = []) {
    const own = release.tags.slice(0, 1); // deriveTags puts the full version first
    const pushed = await pushManifest(client, manifest, own, mountFrom, referrers);
    const moving = floatingTags(release.tags, release.version, await client.listTags(), latest).filter((t) => !own.includes(t));
    await allSettledOrThrow(moving.map((tag) => client.putManifest(tag, manifest.bytes, manifest.mediaType)));
    return { ...pushed, tags: [...own, ...moving] };
}

// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
;// CONCATENATED MODULE: ./src/publish/push-everywhere.ts
// Publishing one artifact to every image it is meant for: registries in parallel, the repositories of one
// registry one after another with blobs mounted from the first, every outcome kept.




/**
 * Pushes the one artifact to every image: registries in parallel, the repositories of one registry one after
 * another, each after the first mounting the blobs from it (no second upload). A failure at one image does
 * not stop the others; what happened at each is returned. The referrers (SBOM, signatures) go up with the
 * artifact at each image (pushManifest).
 */
async function pushEverywhere(targets, payload, release, tags, latest, log, referrers = []) {
    const byRegistry = new Map();
    for (const t of targets)
        byRegistry.set(t.repository.registry, [...(byRegistry.get(t.repository.registry) ?? []), t]);
    const outcomes = new Map();
    await Promise.all([...byRegistry.values()].map(async (group) => {
        let source; // a repository of this registry that has the blobs now
        for (const t of group) {
            try {
                const { attached, ...pushed } = release
                    ? await pushRelease(t.client, payload, release, latest, source, referrers)
                    : await pushManifest(t.client, payload, tags, source, referrers);
                log(`pushed ${(0,reference/* formatRepository */.Sh)(t.repository)}@${payload.digest} (${pushed.uploaded.length} blobs uploaded, ${pushed.skipped.length} already present)`);
                outcomes.set(t, { ...t, pushed, attached });
                source ??= t.repository.name;
            }
            catch (error) {
                outcomes.set(t, { ...t, error });
            }
        }
    }));
    return targets.map((t) => outcomes.get(t));
}
/** One error for the images that failed, saying which were published. */
function pushFailure(results) {
    const failed = results.filter((r) => r.error !== undefined);
    const published = results.filter((r) => r.pushed).map((r) => (0,reference/* formatRepository */.Sh)(r.repository));
    if (results.length === 1)
        return failed[0].error;
    const reasons = failed.map((r) => `${(0,reference/* formatRepository */.Sh)(r.repository)}: ${r.error instanceof Error ? r.error.message : String(r.error)}`).join('; ');
    return new errors/* ActionError */.l('registry-protocol', `publishing failed at ${failed.length} of ${results.length} images (${reasons}); ${published.length ? `published to ${published.join(', ')}` : 'published nowhere'}`, { cause: failed[0].error });
}

// EXTERNAL MODULE: ./src/attach/provenance.ts
var provenance = __webpack_require__(24998);
;// CONCATENATED MODULE: ./src/publish/attest.ts



/**
 * Signs the build provenance, and the SBOM when there is one (actions/attest-build-provenance and attest-sbom
 * in one), while the artifact is pushed: the statement needs only the images and the manifest's digest, and
 * over a network the OIDC token, Fulcio and Rekor are round trips the upload hides. Each bundle is attached
 * in the registry as a referrer and, once the images are published, stored in GitHub's attestation API,
 * where `gh attestation verify` looks (so a push that fails stores nothing in GitHub; the transparency log
 * may still hold the entry, as for any signing that precedes a failure). The provenance comes from the OIDC
 * token's claims, read from the same token Fulcio certifies. An organization's image also gets a storage record.
 */
function startSigning(images, settings, event, artifact, created, sbom, version, io) {
    const digest = artifact.manifest.descriptor.digest;
    const sbomJson = sbom ? JSON.parse(sbom.layers[0].source.bytes.toString('utf8')) : undefined;
    const kinds = ['signature', ...(sbomJson ? ['SBOM attestation'] : [])];
    const signed = (async () => {
        const [{ resolveServices, signatureReferrer, signStatement }, token] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(927), __webpack_require__.e(179), __webpack_require__.e(743)]).then(__webpack_require__.bind(__webpack_require__, 75743)), io.idToken()]);
        const services = resolveServices(settings.sigstore, event.privateRepository !== true);
        const subjects = images.map(reference/* formatRepository */.Sh);
        const predicates = [(0,provenance/* provenancePredicate */.LS)((0,provenance/* runClaims */.$m)(token), event.serverUrl), ...(sbomJson ? [{ type: (0,provenance/* sbomPredicateType */.h2)(sbomJson), params: sbomJson }] : [])];
        // One bundle per predicate whose subjects are every image, attached beside each of them, stored in GitHub once.
        return Promise.all(predicates.map(async (predicate) => {
            const bundle = await signStatement((0,provenance/* inTotoStatement */.Hg)(subjects, digest, predicate), services, { getToken: () => Promise.resolve(token) });
            return { bundle, predicateType: predicate.type, referrer: signatureReferrer(bundle, created, predicate.type) };
        }));
    })();
    signed.catch(() => undefined); // awaited by record(); a push that fails first never gets there
    return {
        kinds,
        referrers: kinds.map((_, i) => signed.then((all) => all[i].referrer)),
        async record(published) {
            const { storeAttestation, recordStorage } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(351), __webpack_require__.e(936)]).then(__webpack_require__.bind(__webpack_require__, 72936));
            const bundles = await signed;
            const owner = event.repository.split('/')[0] ?? '';
            const result = { owner };
            const store = (bundle, what) => settings.githubToken && event.repository
                ? storeAttestation(settings.githubToken, event.repository, event.serverUrl, JSON.parse(bundle.toString('utf8')), what, io)
                : Promise.resolve(undefined);
            const records = [];
            if (settings.githubToken && event.ownerIsOrganization) {
                for (const t of published) {
                    const record = {
                        name: (0,reference/* formatRepository */.Sh)(t.repository),
                        digest,
                        version,
                        registryUrl: `https://${t.repository.registry}`,
                        repository: event.repository,
                    };
                    records.push(recordStorage(settings.githubToken, owner, record, io));
                }
            }
            else {
                io.debug("no storage record: the repository is not an organization's");
            }
            const recording = settle(allSettledOrThrow(records));
            // The bundles one after the other, as signed (the attestation ids in the outputs and the warnings keep
            // that order); the storage records meanwhile.
            const stored = [];
            for (const [i, b] of bundles.entries())
                stored.push(await store(b.bundle, kinds[i] === 'signature' ? 'provenance' : 'SBOM'));
            result.provenance = stored[0];
            if (bundles[1])
                result.sbom = { stored: stored[1], predicateType: bundles[1].predicateType };
            await unsettle(recording);
            return result;
        },
    };
}
/**
 * What became of the referrers at each image, said in the log; what the first image's registry recorded
 * (the manifest is the same everywhere: the report lists it once). The first failure is thrown once all
 * are told.
 */
function attachedReport(published, kinds, info) {
    let failure;
    const reports = published.map(({ attached = [] }) => kinds.flatMap((kind, i) => {
        const r = attached[i];
        if (!r || 'error' in r) {
            failure ??= r?.error;
            return [];
        }
        info(`attached the ${kind} ${r.digest} (${r.via}${r.added ? '' : ', already there'})`);
        return [{ kind, digest: r.digest, via: r.via, tag: r.tag }];
    }));
    if (failure !== undefined)
        throw failure instanceof Error ? failure : new Error(`attaching a referrer failed: ${JSON.stringify(failure)}`);
    return reports[0] ?? [];
}

;// CONCATENATED MODULE: ./src/publish/sbom.ts
// The SBOM a run attaches. CycloneDX and Cargo.lock parsing are loaded only when one is made.

/**
 * The SBOM referrer: the user's file, or one generated with what was compiled into the component: the built
 * crate's packages, or, for a prebuilt component, the list cargo-auditable embedded in it.
 */
async function makeSbom(choice, built, componentPath, layer, created) {
    const { sbomReferrer } = await Promise.all(/* import() */[__webpack_require__.e(761), __webpack_require__.e(449)]).then(__webpack_require__.bind(__webpack_require__, 78449));
    const generate = choice.kind === 'generate';
    const packages = !generate
        ? undefined
        : built
            ? await (await Promise.all(/* import() */[__webpack_require__.e(955), __webpack_require__.e(292), __webpack_require__.e(477)]).then(__webpack_require__.bind(__webpack_require__, 13477))).lockedPackages(built.crateDir, built.workspaceRoot, built.compiled, built.packageKey)
            : layer.dependencies?.packages;
    const audited = !built && generate ? layer.dependencies?.packages.find((p) => p.ref === layer.dependencies?.root) : undefined;
    return sbomReferrer(choice, {
        name: built?.crate?.name ?? audited?.name ?? (0,external_node_path_.basename)(componentPath),
        version: built?.crate?.version ?? audited?.version,
        sha256: layer.digest.slice('sha256:'.length),
        created,
        packages,
        rootPackage: built?.packageKey ?? audited?.ref,
    });
}

// EXTERNAL MODULE: ./src/oci/errors.ts
var oci_errors = __webpack_require__(28630);
// EXTERNAL MODULE: ./src/oci/policy.ts
var policy = __webpack_require__(56771);
// EXTERNAL MODULE: ./src/oci/repository.ts
var oci_repository = __webpack_require__(40405);
;// CONCATENATED MODULE: ./src/publish/anonymous-pull.ts
// Whether anyone may pull what was just pushed: an anonymous client asks for a pull token (the registry's
// token flow, with no credentials) and HEADs the manifest by digest, as `docker pull` of a public image does.
// New GHCR packages are private, so a preview's pull command fails for everyone but its author until the
// package is made public; this says so. It never fails the step: a check that cannot finish tells nothing.




/** true: anyone can pull it; false: the registry wants credentials (or hides it); undefined: could not tell. */
function anonymousPull(repository, digest, options) {
    return startAnonymousPull(repository, options).check(digest);
}
/**
 * An anonymous client that, given `ahead` (a blob the push is about to send), meets the registry's challenge
 * and gets its pull token now, while the push runs: over a network the check is then one round trip after
 * the push instead of three (HEAD, 401, token, HEAD) and a new connection. Whatever the early HEAD answers
 * (the blob may not be there yet) tells nothing and is dropped.
 */
function startAnonymousPull(repository, options, ahead) {
    const client = new oci_repository/* RepositoryClient */.q(repository, { ...options, pullOnly: true, retry: new policy/* RetryPolicy */.fU({ ...policy/* DEFAULT_RETRY */.vI, maxRetries: 1 }) });
    const warm = ahead ? client.blobExists(ahead).catch(() => undefined) : Promise.resolve();
    let closed;
    const close = () => (closed ??= warm.then(() => client.close()));
    return {
        async check(digest) {
            try {
                await warm;
                return (await client.manifestDigest(digest)) === digest;
            }
            catch (err) {
                if ((0,errors/* isActionError */.B)(err, 'credentials'))
                    return false;
                if (err instanceof oci_errors/* RegistryError */.gl && [401, 403, 404].includes(err.status))
                    return false;
                return undefined;
            }
            finally {
                await close();
            }
        },
        close,
    };
}

// EXTERNAL MODULE: ./src/publish/registry-client.ts
var registry_client = __webpack_require__(51666);
;// CONCATENATED MODULE: ./src/github/mask.ts
// Masking secrets in the job log. The runner replaces every occurrence of a masked value with ***, so a
// short one does harm: a registry that hands out the token `e` would hide every "e" in the log, and the log
// would show which characters it holds. Values under 8 characters are not masked; the action never writes
// a secret to the log either way.

const MIN_MASKED_LENGTH = 8;
function maskSecret(value) {
    if (value && value.length >= MIN_MASKED_LENGTH)
        runner/* setSecret */.Pq(value);
}
/** A proxy URL's password (`http://user:pass@proxy:3128`) is a secret too. */
function maskProxyPasswords(env) {
    for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) {
        try {
            maskSecret(decodeURIComponent(new URL(env[name] ?? '').password));
        }
        catch {
            // unset or not a URL: nothing to mask
        }
    }
}

;// CONCATENATED MODULE: ./src/github/signing.ts
// Whether to sign. The runner offers the OIDC token signing needs only when the job has
// `permissions: id-token: write` (it then sets ACTIONS_ID_TOKEN_REQUEST_URL).

function canGetIdToken(env) {
    return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
}
/** Decides from the `sign` input; `true` without the permission fails before anything is pushed. */
function shouldSign(sign, env) {
    if (sign === 'false')
        return false;
    if (canGetIdToken(env))
        return true;
    if (sign === 'true') {
        throw new errors/* ActionError */.l('input', '"sign: true" needs an OIDC token: add "id-token: write" under "permissions:" in the job (with "packages: write" and "contents: read")');
    }
    return false;
}

// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var inputs = __webpack_require__(65570);
// EXTERNAL MODULE: ./src/git/commit-time.ts
var commit_time = __webpack_require__(4337);
// EXTERNAL MODULE: ./src/wasm/inspect.ts
var inspect = __webpack_require__(25928);
;// CONCATENATED MODULE: ./src/artifact/created.ts
// `created` must not come from the clock when the commit is known: the same component at the same commit
// gives the same config and manifest digests on every run (reproducible-builds.org SOURCE_DATE_EPOCH).

/** RFC 3339 in UTC to the second, the form oci-wasm writes. */
function rfc3339(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function resolveCreated(sourceDateEpoch, commitTime, now) {
    if (sourceDateEpoch !== undefined && sourceDateEpoch.trim() !== '') {
        if (!/^\d+$/.test(sourceDateEpoch.trim()))
            throw new errors/* ActionError */.l('input', `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${sourceDateEpoch}"`);
        return rfc3339(new Date(Number(sourceDateEpoch.trim()) * 1000));
    }
    if (commitTime) {
        const t = new Date(commitTime);
        if (!Number.isNaN(t.getTime()))
            return rfc3339(t);
    }
    return rfc3339(now());
}

;// CONCATENATED MODULE: ./src/artifact/wasm-config.ts
const WASM_CONFIG_MEDIA_TYPE = 'application/vnd.wasm.config.v0+json';
const WASM_LAYER_MEDIA_TYPE = 'application/wasm';
function buildWasmConfig(facts, layerDigest, created) {
    return {
        created,
        author: null, // oci-wasm writes null; authorship goes in manifest annotations
        architecture: 'wasm',
        // A component or a WIT package is wasip2; a core module is wasip1 with no component block (oci-wasm, runwasi's example).
        os: facts.kind === 'module' ? 'wasip1' : 'wasip2',
        layerDigests: [layerDigest],
        component: facts.kind === 'component'
            ? { exports: facts.exports, imports: facts.imports, target: facts.target }
            : facts.kind === 'wit-package'
                ? { exports: facts.exports, imports: [], target: null } // oci-wasm's Component::from_package
                : null,
    };
}

;// CONCATENATED MODULE: ./src/artifact/manifest.ts
// The OCI image manifest of a Wasm artifact: one config, one application/wasm layer (image-spec v1.1
// manifest.md; the Wasm OCI Artifact layout: consumers reject more than one layer).


function buildArtifact(input) {
    // Compact JSON with a fixed key order: the same inputs give the same bytes, so the same digests.
    const configBytes = Buffer.from(JSON.stringify(buildWasmConfig(input.facts, input.layer.digest, input.created)));
    const config = { mediaType: WASM_CONFIG_MEDIA_TYPE, digest: (0,spec/* sha256Digest */.sI)(configBytes), size: configBytes.length };
    const layer = {
        mediaType: WASM_LAYER_MEDIA_TYPE,
        digest: input.layer.digest,
        size: input.layer.size,
        // Without a title, `oras pull` writes no file (wasm-pkg-tools#238); wkg sets it too.
        annotations: { 'org.opencontainers.image.title': input.layer.title },
    };
    const annotations = sortedRecord(input.annotations);
    const manifest = {
        schemaVersion: 2,
        mediaType: spec/* OCI_MANIFEST */.EG,
        config,
        layers: [layer],
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest));
    return {
        config: { descriptor: config, bytes: configBytes },
        layer,
        manifest: { descriptor: { mediaType: spec/* OCI_MANIFEST */.EG, digest: (0,spec/* sha256Digest */.sI)(manifestBytes), size: manifestBytes.length }, bytes: manifestBytes },
        annotations,
    };
}
/** What the registry client pushes: the manifest, the layer streamed from the file, and the config. */
function pushPayload(artifact, layerPath) {
    return {
        mediaType: artifact.manifest.descriptor.mediaType,
        bytes: artifact.manifest.bytes,
        digest: artifact.manifest.descriptor.digest,
        blobs: [
            { descriptor: artifact.layer, source: { path: layerPath } },
            { descriptor: artifact.config.descriptor, source: { bytes: artifact.config.bytes } },
        ],
    };
}
function sortedRecord(record) {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
;// CONCATENATED MODULE: ./src/artifact/oci-layout.ts
// Writes the artifact as an OCI image layout (image-spec v1.1 image-layout.md): `oci-layout`, `index.json`,
// `blobs/sha256/<hex>`. Each tag is one index entry with `org.opencontainers.image.ref.name`, which is
// how `skopeo copy oci:DIR:TAG` finds it. An existing layout is merged into, never replaced or trusted blindly:
// every file is written to a temporary name in its own directory, checked, and renamed into place (as
// containers/image does), so an interrupted run leaves no truncated blob under a digest's name; a blob that
// is already there is used only when its content has that digest; an index.json that cannot be read fails
// the step instead of being replaced (its tags would be lost).








const REF_NAME = 'org.opencontainers.image.ref.name';
async function writeOciLayout(dir, artifact, layerPath, tags) {
    const blobs = (0,external_node_path_.join)(dir, 'blobs', 'sha256');
    await (0,promises_.mkdir)(blobs, { recursive: true });
    const manifests = await readIndex(dir); // first: a broken index fails the step before anything is written
    const blobPath = (digest) => (0,external_node_path_.join)(blobs, digest.slice('sha256:'.length));
    if ((await fileDigest(blobPath(artifact.layer.digest))) !== artifact.layer.digest) {
        await atomically(blobPath(artifact.layer.digest), async (temp) => {
            const copied = await copyHashing(layerPath, temp);
            if (copied !== artifact.layer.digest) {
                throw new errors/* ActionError */.l('wasm', `${layerPath} changed while it was published: its content is now ${copied}, not ${artifact.layer.digest}`);
            }
        });
    }
    for (const { descriptor, bytes } of [artifact.config, artifact.manifest]) {
        if ((await fileDigest(blobPath(descriptor.digest))) !== descriptor.digest)
            await writeAtomically(blobPath(descriptor.digest), bytes);
    }
    await writeAtomically((0,external_node_path_.join)(dir, 'oci-layout'), Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
    const names = tags.length > 0 ? tags : [undefined];
    const replaced = new Set(names.filter((n) => n !== undefined));
    const kept = manifests.filter((m) => !(m.annotations?.[REF_NAME] && replaced.has(m.annotations[REF_NAME])));
    for (const name of names)
        kept.push({ ...artifact.manifest.descriptor, ...(name ? { annotations: { [REF_NAME]: name } } : {}) });
    await writeAtomically((0,external_node_path_.join)(dir, 'index.json'), Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: spec/* OCI_INDEX */.$p, manifests: kept }, null, 2)));
}
/** The entries of an existing index.json; none when there is no file yet. Anything unreadable is an error. */
async function readIndex(dir) {
    const path = (0,external_node_path_.join)(dir, 'index.json');
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return [];
        throw new errors/* ActionError */.l('input', `cannot read ${path}: ${err.message}`);
    }
    let index;
    try {
        index = JSON.parse(text);
    }
    catch {
        index = {};
    }
    if (!Array.isArray(index.manifests)) {
        throw new errors/* ActionError */.l('input', `${path} is not an OCI image index (an interrupted write?): not replacing it, since the tags it lists would be lost. Repair or remove it, or set "oci-layout" to another directory`);
    }
    return index.manifests;
}
/** sha256 of a file's content, or undefined when there is no such file. */
async function fileDigest(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    try {
        for await (const chunk of (0,external_node_fs_.createReadStream)(path))
            hash.update(chunk);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
    return `sha256:${hash.digest('hex')}`;
}
/** Copies `from` to `to`, hashing what was written; returns its digest. */
async function copyHashing(from, to) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const tee = new external_node_stream_.Transform({
        transform(chunk, _encoding, done) {
            hash.update(chunk);
            done(null, chunk);
        },
    });
    await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(from), tee, (0,external_node_fs_.createWriteStream)(to, { flags: 'wx' }));
    return `sha256:${hash.digest('hex')}`;
}
async function writeAtomically(path, bytes) {
    await atomically(path, (temp) => (0,promises_.writeFile)(temp, bytes, { flag: 'wx' }));
}
/** Writes through `write` to a temporary file beside `path`, then renames it into place; on failure, removes it. */
async function atomically(path, write) {
    const temp = `${path}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`;
    try {
        await write(temp);
        await (0,promises_.rename)(temp, path);
    }
    catch (err) {
        await (0,promises_.rm)(temp, { force: true });
        throw err;
    }
}

// EXTERNAL MODULE: ./src/oci/docker-config.ts
var docker_config = __webpack_require__(27520);
;// CONCATENATED MODULE: ./src/main.ts
// The action: inputs → build → inspect → artifact → publish → report. Each step lives in its own module;
// this file only wires them together and turns a failure into one line with a hint.


































async function run() {
    const target = {};
    try {
        await publish(target);
    }
    catch (err) {
        runner/* setFailed */.C1(failureMessage(err, target.registry));
    }
}
/** `target.registry` is set as soon as it is known, for the hint of a failure. */
async function publish(target) {
    const env = process.env;
    const event = readEventFacts(env);
    const settings = (0,inputs/* readSettings */.sb)((name) => runner/* getInput */.V4(name), event, env);
    for (const secret of [settings.password, settings.githubToken])
        maskSecret(secret);
    maskProxyPasswords(env);
    for (const line of settings.ignoredAnnotations)
        runner/* debug */.Yz(`annotation for an image index, which this artifact has none of: ${line}`);
    const unread = metadataActionOutputsUnread(settings, env);
    if (unread)
        runner/* notice */.lm(unread);
    const closedPr = (0,inputs/* pullRequestToCleanUp */.Gp)(settings, event);
    if (closedPr !== undefined)
        return cleanUp(settings, event, closedPr, target);
    // What a run does not use is not loaded: building (@actions/cache), SBOM (CycloneDX), signing
    // (sigstore-js) and the comment (Octokit) are each imported on first use, to keep start-up short.
    // With `{crate}` in `image`, one build gives every component of the workspace, each its own image.
    const workspace = settings.crateImages.length > 0;
    if (settings.build && settings.witDeps.mode !== 'false') {
        const { prepareWitDependencies } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(955), __webpack_require__.e(927), __webpack_require__.e(838), __webpack_require__.e(292), __webpack_require__.e(863), __webpack_require__.e(376)]).then(__webpack_require__.bind(__webpack_require__, 33079));
        await prepareWitDependencies(settings, { env, serverUrl: event.serverUrl, log: actionsBuildLog, mask: maskSecret });
    }
    const builds = settings.build ? await (await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(955), __webpack_require__.e(927), __webpack_require__.e(838), __webpack_require__.e(292), __webpack_require__.e(863), __webpack_require__.e(985)]).then(__webpack_require__.bind(__webpack_require__, 14104))).buildCrates(settings.build, actionsBuildLog, env, workspace) : [undefined];
    const components = [];
    for (const built of builds)
        components.push({ built, ...(await readComponent(built?.path ?? settings.component, built, event, env)) });
    // Every component is started before the first is pushed: a workspace publishes all of them or none.
    const smoke = await smokeTest(settings, event, components, env);
    const published = [];
    for (const component of components)
        published.push(await publishComponent(settings, event, env, component, target));
    const reports = published.map((p) => p.report);
    writeOutputs(reports);
    writeSummary(reports, smoke);
    if (event.prNumber !== undefined && settings.prComment && settings.githubToken) {
        const { upsertPreviewComment } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(351), __webpack_require__.e(883)]).then(__webpack_require__.bind(__webpack_require__, 68883));
        const smokeLine = (path) => {
            const run = smoke.find((o) => !isSkipped(o) && o.component === path);
            return run ? { smoke: smokeCommentLine(run) } : {};
        };
        const previews = reports.filter((r) => r.pushed).map((r) => ({ ...r, headSha: event.headSha, ...smokeLine(r.component) }));
        if (previews.length > 0)
            await upsertPreviewComment(settings.githubToken, event.repository, event.prNumber, previews);
    }
    const failure = published.find((p) => p.failure)?.failure;
    if (failure)
        throw failure;
}
/** The smoke run (src/smoke/): results logged; when one fails, the summary says so and the step fails before any push. */
async function smokeTest(settings, event, components, env) {
    if (settings.smoke.select.kind === 'none')
        return [];
    const { smokeRunAll, smokeFailureMessage } = await __webpack_require__.e(/* import() */ 438).then(__webpack_require__.bind(__webpack_require__, 95438));
    const targets = components.map(({ built, facts }) => ({ path: built?.path ?? settings.component, facts, crate: built?.crate?.name }));
    const outcomes = await smokeRunAll(targets, settings.smoke, { info: (line) => runner/* info */.pq(line), tempDir: env.RUNNER_TEMP, path: env.PATH });
    for (const o of outcomes) {
        if (isSkipped(o))
            runner/* info */.pq(`smoke run: ${o.component} not run: ${o.skipped}`);
        else
            for (const line of smokeLogLines(o))
                runner/* info */.pq(line);
    }
    const failed = outcomes.filter((o) => !isSkipped(o) && !o.passed);
    if (failed.length > 0) {
        writeSummary([], outcomes);
        if (event.prNumber !== undefined && settings.prComment && settings.githubToken) {
            const { upsertSmokeFailureComment } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(351), __webpack_require__.e(883)]).then(__webpack_require__.bind(__webpack_require__, 68883));
            const images = components.map(({ built, facts }) => (0,reference/* formatRepository */.Sh)(imagesFor(settings, event, built, built?.path ?? settings.component, facts)[0]));
            const lines = failed.map((r) => ({ component: r.component, line: smokeCommentLine(r), lastLines: r.lastLines }));
            await upsertSmokeFailureComment(settings.githubToken, event.repository, event.prNumber, images, lines, event.headSha);
        }
        throw new errors/* ActionError */.l('smoke', `${smokeFailureMessage(failed)}. Nothing was pushed`);
    }
    return outcomes;
}
/** A closed pull request: nothing is built or pushed; its previews are removed from every image. */
async function cleanUp(settings, event, pr, target) {
    const { cleanupImages, cleanUpPullRequest } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(292), __webpack_require__.e(351), __webpack_require__.e(983)]).then(__webpack_require__.bind(__webpack_require__, 983));
    const images = await cleanupImages(settings, event);
    target.registry = images[0].registry;
    const dryRun = settings.cleanup === 'dry-run';
    runner/* info */.pq(`pull request #${pr} is closed: ${dryRun ? 'listing (dry run: nothing is deleted)' : 'removing'} its previews from ${images.map(reference/* formatRepository */.Sh).join(', ')}`);
    const github = {
        token: settings.githubToken,
        serverUrl: event.serverUrl,
        ownerIsOrganization: event.ownerIsOrganization,
        event,
    };
    const io = {
        open: (repository) => openRepository(settings, repository, event.serverUrl),
        info: (line) => runner/* info */.pq(line),
        warning: (line) => runner/* warning */.$e(line),
        notice: (line) => runner/* notice */.lm(line),
    };
    const results = await cleanUpPullRequest(images, pr, github, io, { dryRun });
    writeCleanupReport(pr, results);
}
/**
 * Where a component goes: the `image` input; in a workspace, its templates with `{crate}` made the crate's
 * name; else a default under the repository's owner on GHCR, named after the crate, the file, or a WIT
 * package's own name.
 */
function imagesFor(settings, event, built, path, facts) {
    if (settings.crateImages.length > 0)
        return (0,inputs/* imagesForCrate */.BQ)(settings.crateImages, built?.crate?.name ?? (0,external_node_path_.basename)(path));
    if (settings.repositories.length > 0)
        return settings.repositories;
    if (facts.kind === 'wit-package')
        return [(0,inputs/* defaultPackageRepository */.CT)(facts.name, event)];
    return [(0,inputs/* defaultRepository */.Sf)(built?.crate?.name ?? path, event)];
}
/** One component: read it, make its artifact, push it to its images with its SBOM and attestations. */
async function publishComponent(settings, event, env, { built, facts, layer, created }, target) {
    const componentPath = built?.path ?? settings.component;
    const repositories = imagesFor(settings, event, built, componentPath, facts);
    const images = repositories.map(reference/* formatRepository */.Sh);
    target.registry ??= repositories[0].registry;
    const readOnly = settings.push ? (0,push_permission/* readOnlyTokenReason */.W)(event) : undefined;
    const push = settings.push && !readOnly;
    // Where nothing can be pushed, the layout is the result: write one even when none was asked for.
    const layoutDir = settings.ociLayout ?? (readOnly ? (0,external_node_path_.join)(env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'wasm-oci-publish', 'layout') : undefined);
    const sign = push && shouldSign(settings.sign, env); // decided before anything is pushed
    let publicCheck;
    const targets = push
        ? await Promise.all(repositories.map(async (repository) => ({ repository, client: await openRepository(settings, repository, event.serverUrl) })))
        : [];
    try {
        const packageVersion = facts.kind === 'wit-package' ? facts.version : undefined;
        const { release, version, ...planned } = planTags(settings, event, packageVersion);
        let tags = planned.tags;
        const artifact = buildArtifact({
            facts,
            layer: { ...layer, title: built?.title ?? (0,external_node_path_.basename)(componentPath) },
            created,
            // Lowest first: the component's own metadata, the crate's and the event's, then the input.
            annotations: {
                ...(0,annotations/* componentMetadataAnnotations */.bd)(layer.metadata),
                ...eventAnnotations(event, built?.crate, created, version ?? built?.crate?.version ?? packageVersion ?? layer.metadata.version ?? tags[0]),
                ...settings.annotations,
            },
        });
        runner/* info */.pq(`${facts.kind} ${componentPath}: ${layer.size} bytes, ${layer.digest}`);
        runner/* info */.pq(`manifest ${artifact.manifest.descriptor.digest}, tags: ${tags.join(', ') || '(none)'}`);
        // Made before anything is pushed, so that a bad SBOM file fails the step with nothing half-published.
        const sbom = push && settings.sbom.kind !== 'none' ? await makeSbom(settings.sbom, built, componentPath, layer, created) : undefined;
        if (layoutDir) {
            await writeOciLayout(layoutDir, artifact, componentPath, tags);
            runner/* info */.pq(`OCI layout written to ${layoutDir}`);
        }
        if (readOnly)
            runner/* notice */.lm((0,push_permission/* skippedPushNotice */.L)(readOnly, layoutDir ?? ''));
        const referrers = [];
        let attestations;
        let publicPull;
        let results = [];
        if (targets.length > 0) {
            if (tags.length === 0)
                throw new errors/* ActionError */.l('input', 'no tag could be derived from this event: set the "tags" input');
            // Signed while the artifact goes up; SBOM and signatures attached in the same pass (publish/attest.ts).
            const signing = sign ? startSigning(repositories, settings, event, artifact, created, sbom, version, actionsAttestIO) : undefined;
            // A registry given credentials likely asks for them: the public-pull check gets its anonymous token meanwhile.
            const checked = targets[0];
            publicCheck = checked.client.hasCredentials
                ? startAnonymousPull(checked.repository, clientOptions(settings, env), artifact.config.descriptor.digest)
                : undefined;
            const kinds = [...(sbom ? ['SBOM'] : []), ...(signing?.kinds ?? [])];
            const attach = [...(sbom ? [sbom] : []), ...(signing?.referrers ?? [])];
            results = await pushEverywhere(targets, pushPayload(artifact, componentPath), release, tags, settings.latest, (line) => runner/* info */.pq(line), attach);
            const done = results.filter((r) => r.pushed !== undefined);
            if (done.length > 0)
                referrers.push(...attachedReport(done, kinds, (line) => runner/* info */.pq(line)));
            const first = done[0];
            const ahead = first?.repository === checked.repository ? publicCheck : undefined;
            [attestations, publicPull] = await Promise.all([
                signing && first ? signing.record(done) : undefined,
                first ? checkPublic(first, ahead, artifact.manifest.descriptor.digest, settings, event, env) : undefined,
            ]);
        }
        const pushed = results.find((r) => r.pushed)?.pushed;
        tags = pushed?.tags ?? tags;
        const report = publishReport({
            images,
            references: results.flatMap((r) => (r.pushed ? r.pushed.tags.map((t) => `${(0,reference/* formatRepository */.Sh)(r.repository)}:${t}`) : [])),
            pushedImages: results.flatMap((r) => (r.pushed ? [(0,reference/* formatRepository */.Sh)(r.repository)] : [])),
            component: componentPath,
            facts,
            manifestDigest: artifact.manifest.descriptor.digest,
            configDigest: artifact.config.descriptor.digest,
            layer,
            pushed,
            skippedBecause: readOnly,
            ociLayout: layoutDir,
            referrers,
            attestations,
            version: version !== undefined && tags.includes(sanitizeTag(version)) ? sanitizeTag(version) : undefined,
            annotations: artifact.annotations,
            public: publicPull,
        });
        return { report, failure: results.some((r) => r.error !== undefined) ? pushFailure(results) : undefined };
    }
    finally {
        await Promise.all([...targets.map((t) => t.client.close()), publicCheck?.close()]);
    }
}
/**
 * Whether anyone may pull what was pushed (publish/anonymous-pull.ts), with the anonymous client started
 * during the push when there is one; when not, a notice says what to change.
 */
async function checkPublic(first, ahead, digest, settings, event, env) {
    // A registry that never asked the pushing client for credentials is open: nothing to ask it again.
    if (!first.client.requiresAuthentication)
        return true;
    const open = await (ahead ?? startAnonymousPull(first.repository, clientOptions(settings, env))).check(digest);
    if (open === false)
        runner/* notice */.lm(privatePackageNotice((0,reference/* formatRepository */.Sh)(first.repository), event.serverUrl, event.ownerIsOrganization ?? false));
    return open;
}
/** What an anonymous client of the run needs: the inputs' transport settings and the environment's proxies. */
function clientOptions(settings, env) {
    return { plainHttp: settings.plainHttp, timeouts: settings.timeouts, proxyEnv: env };
}
/** The component's facts and digest (one streaming pass), its world from the crate, and `created` from the commit. */
async function readComponent(path, built, event, env) {
    // git was asked for the commit's time at start (index.ts), when SOURCE_DATE_EPOCH is not set.
    const commitTime = (0,commit_time/* commitTimeOfCheckout */.C)(env);
    const readStarted = performance.now();
    const { facts, ...layer } = await (0,inspect/* inspectWasm */.J)(path);
    // Peak RSS up to here: what reading the component cost, told apart from the upload's (bench/ reads it).
    runner/* debug */.Yz(`read ${path} in ${(performance.now() - readStarted).toFixed(1)} ms, peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
    if (facts.kind === 'component' && built?.crate?.targetWorld)
        facts.target = built.crate.targetWorld;
    return { facts, layer, created: resolveCreated(env.SOURCE_DATE_EPOCH, (await commitTime) ?? event.commitTime, () => new Date()) };
}
/**
 * The tags given, else the event's. A release's floating tags (1.2, 1, latest) are settled when it is
 * pushed (pushRelease); until then, and for a layout, it claims all the release may take.
 */
function planTags(settings, event, packageVersion) {
    const { tags, version } = deriveTags(event);
    if (settings.tags.length > 0)
        return { tags: settings.tags, version };
    if (packageVersion !== undefined) {
        // A WIT package is pulled by its own version (wkg resolves `ns:pkg@1.2.0` to that tag): outside releases
        // and previews, that is its tag. A release whose tag says another version is published as tagged, with a warning.
        if (event.tag === undefined && event.prNumber === undefined)
            return { tags: [sanitizeTag(packageVersion)], version: packageVersion };
        if (version !== undefined && version !== packageVersion) {
            runner/* warning */.$e(`The release is tagged ${version} but the WIT package says version ${packageVersion}: wkg will look for ${packageVersion}`);
        }
    }
    return { tags: floatingTags(tags, version, [], settings.latest), version, release: version ? { tags, version } : undefined };
}
/** A client for the repository, with credentials from the inputs or Docker's config and credential helpers, all masked. */
/** The OIDC token (masked by @actions/core) and the job log, for attestRun. */
const actionsAttestIO = {
    idToken: () => Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(955), __webpack_require__.e(838), __webpack_require__.e(770)]).then(__webpack_require__.bind(__webpack_require__, 33838)).then((actions) => actions.getIDToken('sigstore')),
    info: (line) => runner/* info */.pq(line),
    warning: (line) => runner/* warning */.$e(line),
    debug: (line) => runner/* debug */.Yz(line),
};
async function openRepository(settings, repository, serverUrl) {
    let password = settings.password;
    if ((0,token_scope/* withholdGitHubToken */.Ex)(password, repository.registry, serverUrl)) {
        runner/* notice */.lm(`Not sending the GitHub token in "password" to ${repository.registry}: it is only good for GitHub's registry. ` +
            'Set "username" and "password" for this registry, or log in first with docker/login-action.');
        password = '';
    }
    const credentials = password ? { username: settings.username, password } : await (0,docker_config/* credentialsFromDockerConfig */.N3)(repository.registry, process.env);
    return (0,registry_client/* registryClient */.R)(settings, repository, credentials, { env: process.env, mask: maskSecret, log: (line) => runner/* debug */.Yz(line) });
}
/** The error's message, with what a GitHub user should do about it where its kind says (e.g. `packages: write`). */
function failureMessage(err, registry) {
    const message = err instanceof Error ? err.message : String(err);
    const refused = err instanceof oci_errors/* RegistryError */.gl ? err.status : (0,errors/* isActionError */.B)(err, 'credentials') ? 401 : undefined;
    const hint = registry && refused !== undefined ? permissionHint(refused, registry) : undefined;
    return hint ? `${message}. ${hint}` : message;
}


/***/ }),

/***/ 76599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fj: () => (/* binding */ secretsOf),
/* harmony export */   kD: () => (/* binding */ Authenticator)
/* harmony export */ });
/* unused harmony exports parseChallenge, basicAuthorization, tokenFromResponse, tokenRequest */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28630);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(62148);
// Registry authentication, as a layer the transport calls on a 401 (oras-go registry/remote/auth: client.go
// and cache.go): the WWW-Authenticate challenge (RFC 7235 auth-params), HTTP Basic, the Docker/OCI token
// flow (distribution "Token Authentication Specification") that GHCR uses, a token per scope, and the rules
// for where credentials may go.




/** Every secret a credential holds, for masking. */
function secretsOf(credentials) {
    if (!credentials)
        return [];
    if ('password' in credentials)
        return [credentials.password];
    return ['identityToken' in credentials ? credentials.identityToken : credentials.registryToken];
}
/**
 * Parses the first challenge of a WWW-Authenticate header: `Bearer realm="…",service="…",scope="a:b:pull,push"`.
 * Quoted values may hold commas and backslash escapes; token values may be unquoted.
 */
function parseChallenge(header) {
    const m = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(.*)$/s.exec(header);
    if (!m)
        return undefined;
    const params = {};
    const rest = m[2];
    let i = 0;
    while (i < rest.length) {
        const pm = /^[\s,]*([A-Za-z0-9_.-]+)\s*=\s*/.exec(rest.slice(i));
        if (!pm)
            break;
        i += pm[0].length;
        let value = '';
        if (rest[i] === '"') {
            i++;
            while (i < rest.length && rest[i] !== '"') {
                if (rest[i] === '\\' && i + 1 < rest.length)
                    i++;
                value += rest[i];
                i++;
            }
            i++; // closing quote
        }
        else {
            const vm = /^[^\s,]*/.exec(rest.slice(i));
            value = vm[0];
            i += value.length;
        }
        params[pm[1].toLowerCase()] = value;
    }
    return { scheme: m[1].toLowerCase(), params };
}
function basicAuthorization(credentials) {
    return `Basic ${node_buffer__WEBPACK_IMPORTED_MODULE_0__.Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}
/** Token endpoint answer: `token` (Docker) or `access_token` (OAuth2), both accepted by the spec. */
function tokenFromResponse(body) {
    if (typeof body !== 'object' || body === null)
        return undefined;
    const { token, access_token: accessToken } = body;
    if (typeof token === 'string' && token !== '')
        return token;
    if (typeof accessToken === 'string' && accessToken !== '')
        return accessToken;
    return undefined;
}
/**
 * The token request for `scope` (distribution docs/spec/auth: token.md, oauth.md): Basic credentials ask with a
 * GET; an identity token is a refresh token, exchanged with a form POST (grant_type=refresh_token), as
 * distribution's and containerd's clients do; no credentials ask anonymously.
 */
function tokenRequest(realm, service, scope, creds, clientId = 'oci-client') {
    if (creds && 'identityToken' in creds) {
        const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identityToken, client_id: clientId, scope });
        if (service)
            form.set('service', service);
        return { url: realm, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
    }
    const url = new URL(realm);
    if (service)
        url.searchParams.set('service', service);
    // Several scopes (a mount also pulls from its source) are one `scope` parameter each (token.md).
    for (const one of scope.split(' '))
        url.searchParams.append('scope', one);
    return { url, method: 'GET', headers: creds && 'password' in creds ? { authorization: basicAuthorization(creds) } : {} };
}
/** Basic credentials answer every scope; tokens are kept per scope (`repository:<name>:pull,push`). */
const ANY_SCOPE = '*';
class Authenticator {
    options;
    requestToken;
    authorizations = new Map();
    /** One token request per scope at a time: parallel requests that meet the same 401 share its answer. */
    pending = new Map();
    constructor(options, requestToken) {
        this.options = options;
        this.requestToken = requestToken;
        // A registry token needs no exchange: it goes with every request to the registry (moby does the same).
        const creds = options.credentials;
        if (creds && 'registryToken' in creds)
            this.authorizations.set(ANY_SCOPE, `Bearer ${creds.registryToken}`);
    }
    /**
     * The Authorization header for a request to `url`: only to the registry's own origin, never to a redirect
     * or upload target elsewhere, nor to the same host over another scheme or port (containerd's pusher
     * drops its authorizer the same way when a Location changes host or scheme).
     */
    headerFor(url, scope) {
        if (url.origin !== this.options.registry.origin)
            return {};
        const authorization = this.authorizations.get(scope) ?? this.authorizations.get(ANY_SCOPE);
        return authorization ? { authorization } : {};
    }
    /** Answers the registry's 401 challenge for `scope`, so that the request can be sent again. */
    async onChallenge(header, scope, operation) {
        let pending = this.pending.get(scope);
        if (!pending) {
            pending = this.answer(header, scope, operation).finally(() => this.pending.delete(scope));
            this.pending.set(scope, pending);
        }
        await pending;
    }
    async answer(header, scope, operation) {
        const challenge = header ? parseChallenge(header) : undefined;
        const creds = this.options.credentials;
        const registry = this.options.registry;
        const refuse = (why) => new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l('credentials', `${operation} failed: ${why}`);
        if (creds && registry.protocol === 'http:' && !(0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .isLoopbackHost */ .cW)(registry.host)) {
            throw refuse(`refusing to send credentials over plain HTTP to ${registry.host}: only this machine's own registries get them without TLS`);
        }
        if (creds && 'registryToken' in creds)
            throw refuse('the registry refused the registry token from the Docker config');
        if (challenge?.scheme === 'basic') {
            if (!creds)
                throw refuse('the registry asks for a user name and password and none was given');
            if (!('password' in creds))
                throw refuse('the registry asks for a user name and password, and the Docker config holds a token for it');
            this.authorizations.set(ANY_SCOPE, basicAuthorization(creds));
            return;
        }
        if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
            throw refuse(`the registry sent an authentication challenge this client cannot answer: ${header ?? '(none)'}`);
        }
        const realm = new URL(challenge.params.realm);
        if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && (0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .isLoopbackHost */ .cW)(realm.host)) && creds) {
            throw refuse(`refusing to send credentials to token realm ${realm.origin} over plain HTTP`);
        }
        // A registry on the internet that sends the client, credentials in hand, to a machine inside the runner's
        // network (a metadata service, a loopback admin port) is refused, as oras-go refuses it.
        if (!(0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .isInternalHost */ .AQ)(registry.hostname) && (0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .isInternalHost */ .AQ)(realm.hostname) && realm.hostname !== registry.hostname) {
            throw refuse(`the registry at ${registry.host} sent its token request to ${realm.origin}, an internal address: refusing to send credentials there`);
        }
        this.options.log?.(`token from ${realm.origin}${realm.pathname} for ${scope}`);
        const what = `${operation}: token request`;
        const res = await this.requestToken(tokenRequest(realm, challenge.params.service, scope, creds, this.options.clientId), what);
        if (res.status !== 200) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl(res.status, what, (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .parseErrorBody */ .kW)(res.text), (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .statusHint */ .o6)(res.status === 400 ? 401 : res.status));
        }
        let token;
        try {
            token = tokenFromResponse(JSON.parse(res.text));
        }
        catch {
            token = undefined;
        }
        if (!token)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l('registry-protocol', `${what} failed: the token endpoint answered without a token`);
        this.options.onSecret?.(token);
        this.authorizations.set(scope, `Bearer ${token}`);
    }
}


/***/ }),

/***/ 27520:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N3: () => (/* binding */ credentialsFromDockerConfig)
/* harmony export */ });
/* unused harmony exports HELPER_TIMEOUT_MS, helperEnv, dockerConfigPath, runCredentialHelper */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83916);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(62148);
// Credentials that `docker login`, docker/login-action and the cloud logins leave, looked up as docker's CLI
// does (docker/cli cli/config: configfile/file.go, credentials/*): DOCKER_AUTH_CONFIG first, then
// $DOCKER_CONFIG/config.json (else ~/.docker/config.json): `credHelpers[registry]`, else `credsStore`, else
// `auths`. A credential helper is run as `docker-credential-<name> get` with the server URL on stdin, no shell.







/** A helper that asks a locked keychain can wait for ever; docker has no limit, a CI step must. */
const HELPER_TIMEOUT_MS = 30_000;
/**
 * What a helper is given of the environment: where to find itself and its files, the proxy, the locale, and
 * the variables of the clouds' helpers (ecr-login: AWS_*; gcr and gcloud: GOOGLE_*, CLOUDSDK_*; acr-env:
 * AZURE_*). Not the runner's tokens (GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_*) nor the
 * action's inputs (INPUT_PASSWORD …): a helper is a program named by a config file, and needs none of them.
 */
const HELPER_ENV = /^(PATH|HOME|USER|LOGNAME|TMPDIR|TMP|TEMP|LANG|LC_[A-Z]+|TZ|SSL_CERT_FILE|SSL_CERT_DIR|DOCKER_[A-Z0-9_]+|XDG_[A-Z_]+|DBUS_SESSION_BUS_ADDRESS|(?:https?|no)_proxy|(?:HTTPS?|NO)_PROXY|AWS_[A-Z0-9_]+|ECR_[A-Z0-9_]+|GOOGLE_[A-Z0-9_]+|CLOUDSDK_[A-Z0-9_]+|AZURE_[A-Z0-9_]+)$/;
function helperEnv(env) {
    return Object.fromEntries(Object.entries(env).filter(([name]) => HELPER_ENV.test(name)));
}
/** The key Docker files a registry under: the bare host, Docker Hub's historical URL. */
function configKey(registry) {
    return registry === _reference_js__WEBPACK_IMPORTED_MODULE_6__/* .DOCKER_HUB */ .Xb ? 'https://index.docker.io/v1/' : registry.toLowerCase();
}
/** Docker keys its auths by host, sometimes with a scheme or path; compare bare hosts (ConvertToHostname; wasm-pkg-tools#176). */
function bareHost(key) {
    const host = key
        .replace(/^[a-z]+:\/\//i, '')
        .split('/')[0]
        .toLowerCase();
    return host === 'index.docker.io' || host === 'docker.io' ? _reference_js__WEBPACK_IMPORTED_MODULE_6__/* .DOCKER_HUB */ .Xb : host;
}
function dockerConfigPath(env) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(env.DOCKER_CONFIG ?? (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.homedir)(), '.docker'), 'config.json');
}
async function credentialsFromDockerConfig(registry, env, runHelper = runCredentialHelper) {
    const fromEnv = parseConfig(env.DOCKER_AUTH_CONFIG);
    const found = fromEnv?.auths && fromAuths(fromEnv.auths, registry);
    if (found)
        return found;
    let config;
    try {
        config = parseConfig((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(dockerConfigPath(env), 'utf8'));
    }
    catch {
        config = undefined; // no config or unreadable: anonymous
    }
    if (!config)
        return undefined;
    const key = configKey(registry);
    const helper = config.credHelpers?.[key] ?? config.credHelpers?.[registry] ?? config.credsStore;
    if (helper) {
        const fromHelper = await helperCredentials(helper, key, registry, (name, url) => runHelper(name, url, env));
        if (fromHelper)
            return fromHelper;
    }
    return config.auths ? fromAuths(config.auths, registry) : undefined;
}
function parseConfig(text) {
    if (!text?.trim())
        return undefined;
    try {
        const parsed = JSON.parse(text);
        return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}
/** The `auths` entry for the registry: the exact key first, then any key that names the same host. */
function fromAuths(auths, registry) {
    const exact = auths[configKey(registry)];
    const entries = [...(exact ? [exact] : []), ...Object.entries(auths).flatMap(([k, e]) => (bareHost(k) === registry.toLowerCase() ? [e] : []))];
    for (const entry of entries) {
        if (entry.registrytoken)
            return { registryToken: entry.registrytoken };
        if (entry.identitytoken)
            return { identityToken: entry.identitytoken };
        if (entry.auth) {
            const decoded = node_buffer__WEBPACK_IMPORTED_MODULE_4__.Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0)
                return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
        }
        if (entry.username && entry.password)
            return { username: entry.username, password: entry.password };
    }
    return undefined;
}
/** The credential helper protocol (docker/docker-credential-helpers credentials/credentials.go). */
async function helperCredentials(name, serverUrl, registry, runHelper) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .l('credentials', `the Docker config names the credential helper "${name}" for ${registry}: not a helper name`);
    }
    const { code, stdout } = await runHelper(name, serverUrl);
    if (code !== 0) {
        // The exact text every helper prints when it has nothing for this server: not an error.
        if (stdout.trim() === 'credentials not found in native keychain')
            return undefined;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .l('credentials', `docker-credential-${name} could not give credentials for ${registry}: ${failureText(stdout, code)}`);
    }
    let answer;
    try {
        answer = JSON.parse(stdout);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .l('credentials', `docker-credential-${name} answered for ${registry} with something other than JSON`);
    }
    if (typeof answer.Secret !== 'string' || answer.Secret === '')
        return undefined;
    // The user `<token>` means the secret is an identity token (native_store.go).
    if (answer.Username === '<token>')
        return { identityToken: answer.Secret };
    return { username: typeof answer.Username === 'string' ? answer.Username : '', password: answer.Secret };
}
/**
 * What a failing helper said, for the error: its first line, unless that looks like an answer (JSON, which
 * holds the secret when a helper prints it and then exits non-zero). Its stderr is never read: helpers write
 * debug output there, tokens included.
 */
function failureText(stdout, code) {
    const line = stdout.trim().split('\n')[0].trim();
    return line === '' || /^[[{"]/.test(line) ? `exit code ${code}` : line.slice(0, 200);
}
/** Helper output past this is not an answer: a helper's JSON is a few hundred bytes. */
const HELPER_OUTPUT_LIMIT = 64 * 1024;
const runCredentialHelper = (name, serverUrl, env, timeoutMs = HELPER_TIMEOUT_MS) => new Promise((resolve, reject) => {
    // No shell: the name is checked, the argument fixed, the server URL goes on stdin.
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(`docker-credential-${name}`, ['get'], { stdio: ['pipe', 'pipe', 'ignore'], env: helperEnv(env) });
    let stdout = '';
    let refusal;
    const stop = (why) => {
        refusal ??= why;
        child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(`did not answer within ${timeoutMs / 1000} s (a keychain waiting for a password?)`), timeoutMs);
    child.stdout.on('data', (d) => {
        stdout += d.toString('utf8');
        if (stdout.length > HELPER_OUTPUT_LIMIT)
            stop(`printed more than ${HELPER_OUTPUT_LIMIT / 1024} KiB: not an answer`);
    });
    child.on('error', (err) => {
        clearTimeout(timer);
        reject(err.code === 'ENOENT'
            ? new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .l('credentials', `the Docker config names the credential helper "${name}", but docker-credential-${name} is not on PATH`)
            : new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .l('credentials', `docker-credential-${name} could not run: ${err.message}`));
    });
    child.on('close', (code) => {
        clearTimeout(timer);
        if (refusal)
            reject(new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .l('credentials', `docker-credential-${name} ${refusal}`));
        else
            resolve({ code: code ?? 1, stdout });
    });
    child.stdin.on('error', () => undefined); // a helper that exits without reading stdin: its exit code tells
    child.stdin.end(serverUrl);
});


/***/ }),

/***/ 28630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g2: () => (/* binding */ ERROR_BODY_LIMIT),
/* harmony export */   gl: () => (/* binding */ RegistryError),
/* harmony export */   kW: () => (/* binding */ parseErrorBody),
/* harmony export */   o6: () => (/* binding */ statusHint)
/* harmony export */ });
/**
 * A registry's HTTP answer the client cannot go on from, with what the registry said: only real answers
 * (conditions the client finds itself are ActionErrors of kind registry-protocol or credentials).
 */
class RegistryError extends Error {
    status;
    operation;
    details;
    hint;
    name = 'RegistryError';
    constructor(status, operation, details, hint) {
        super(RegistryError.describe(status, operation, details, hint));
        this.status = status;
        this.operation = operation;
        this.details = details;
        this.hint = hint;
    }
    static describe(status, operation, details, hint) {
        const said = details.map((d) => (d.message ? `${d.code}: ${d.message}` : d.code)).join('; ');
        return `${operation} failed: HTTP ${status}${said ? ` (${said})` : ''}${hint ? `. ${hint}` : ''}`;
    }
}
/** The registry's body is read up to this many bytes: an error page can be arbitrarily large. */
const ERROR_BODY_LIMIT = 64 * 1024;
/** Parses a distribution-spec error body; anything else becomes one entry with a printable excerpt. */
function parseErrorBody(text) {
    try {
        const parsed = JSON.parse(text);
        if (Array.isArray(parsed.errors)) {
            return parsed.errors.map((e) => ({
                code: typeof e.code === 'string' ? e.code : 'UNKNOWN',
                message: typeof e.message === 'string' ? e.message : '',
            }));
        }
    }
    catch {
        // not JSON: fall through to the excerpt
    }
    const excerpt = text
        .replace(/[^\x20-\x7e]+/g, ' ')
        .trim()
        .slice(0, 200);
    return excerpt ? [{ code: 'RESPONSE', message: excerpt }] : [];
}
/** What the user can do about an answer, where the status says it. */
function statusHint(status) {
    if (status === 401)
        return 'the registry refused the credentials: check the user name and password or token';
    if (status === 403)
        return 'the credentials may not push to this repository';
    return undefined;
}


/***/ }),

/***/ 56771:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   fU: () => (/* binding */ RetryPolicy),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY)
/* harmony export */ });
/* unused harmony exports outcomeOf, Attempts, parseRetryAfter */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28630);
// One retry policy for every loop of the client, in the shape of oras-go's retry/policy.go: next(attempt,
// outcome) → a delay, or stop. The transport sends a request again after a transient answer; a blob upload
// restarts or resumes (repository.ts); a referrers index is read again after a lost race (referrers.ts).
// Defaults as oras-go: 5 retries, 250 ms × 2^n ±10 %, at most 3 s, Retry-After honoured.



const DEFAULT_RETRY = { maxRetries: 5, baseDelayMs: 250, maxDelayMs: 3000, maxRetryAfterMs: 30_000, maxTotalWaitMs: 60_000 };
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const TRANSIENT_NETWORK = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'ECONNABORTED',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_CLOSED',
    'PROXY_TUNNEL_CLOSED', // a proxy that dropped one CONNECT (http.ts): tried again, within the policy
]);
/** 408, 429, 5xx but 501, or a broken, refused or timed-out connection: worth another try. */
function isTransient(outcome) {
    return 'status' in outcome ? TRANSIENT_STATUS.has(outcome.status) : TRANSIENT_NETWORK.has(outcome.network);
}
/** The outcome an error stands for: a registry's answer, or a network failure; undefined for anything else. */
function outcomeOf(err) {
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl)
        return { status: err.status };
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l && err.kind === 'network')
        return { network: err.code ?? '' };
    return undefined;
}
class RetryPolicy {
    settings;
    constructor(settings = DEFAULT_RETRY) {
        this.settings = settings;
    }
    /**
     * The wait before try `attempt + 1` (the first try is attempt 0), or undefined to stop: the outcome is not
     * worth another try (by default: not transient; a caller that knows better says so, e.g. a 412 on a
     * conditional write is), the retries are spent, or `waitedMs` reached the cap. Retry-After (seconds or
     * an HTTP date) replaces the backoff, up to its own cap.
     */
    next(attempt, outcome, waitedMs = 0, retryable = isTransient(outcome)) {
        const s = this.settings;
        if (!retryable || attempt >= s.maxRetries || waitedMs >= s.maxTotalWaitMs)
            return undefined;
        const after = 'status' in outcome ? parseRetryAfter(outcome.retryAfter) : undefined;
        if (after !== undefined)
            return Math.min(after, s.maxRetryAfterMs);
        return Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** attempt) * (0.9 + Math.random() * 0.2);
    }
    /** The tries of one operation under this policy. */
    start(log) {
        return new Attempts(this, log);
    }
}
/** One operation's tries: how many so far and how long they waited, so the policy's caps hold across them. */
class Attempts {
    policy;
    log;
    count = 0;
    waited = 0;
    constructor(policy, log) {
        this.policy = policy;
        this.log = log;
    }
    /** The wait before the next try, counted and logged with `why`; undefined when the policy says stop. */
    next(outcome, why, retryable = isTransient(outcome)) {
        const ms = this.policy.next(this.count, outcome, this.waited, retryable);
        if (ms === undefined)
            return undefined;
        this.count++;
        this.waited += ms;
        this.log?.(`${why}; retry ${this.count}/${this.policy.settings.maxRetries} in ${Math.round(ms)} ms`);
        return ms;
    }
    /**
     * After a try that threw: waits and returns true when the policy allows another try, false when the
     * error should stand. `retryable` judges the outcome when the caller knows better than "transient".
     */
    async afterError(err, why, retryable = isTransient) {
        const outcome = outcomeOf(err);
        const ms = outcome && this.next(outcome, `${why} (${err.message})`, retryable(outcome));
        if (ms === undefined)
            return false;
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms);
        return true;
    }
}
function parseRetryAfter(value) {
    if (!value)
        return undefined;
    if (/^\d+$/.test(value.trim()))
        return Number(value.trim()) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}


/***/ }),

/***/ 62148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AQ: () => (/* binding */ isInternalHost),
/* harmony export */   SU: () => (/* binding */ parseRepository),
/* harmony export */   Sh: () => (/* binding */ formatRepository),
/* harmony export */   Xb: () => (/* binding */ DOCKER_HUB),
/* harmony export */   b5: () => (/* binding */ assertValidTag),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   r_: () => (/* binding */ isValidTag)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
// Image reference and tag grammar, after the OCI distribution-spec ("Pulling manifests":
// <name> and <reference> regular expressions) and Docker's host rules for the registry part.

/** distribution-spec: repository name components. */
const NAME_RE = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/;
/** distribution-spec: tags. */
const TAG_RE = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
/** A registry host: DNS name or IPv4, or a bracketed IPv6 literal, with an optional port. */
const HOST_RE = /^(([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(:[0-9]{1,5})?$/;
const DOCKER_HUB = 'registry-1.docker.io';
/** Parses an image reference without tag or digest, e.g. `ghcr.io/acme/hello`. */
function parseRepository(input) {
    const ref = input.trim();
    if (ref === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', 'the image reference is empty');
    if (/\s/.test(ref))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', `image reference "${ref}" contains white space`);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', `image reference "${ref}" must not have a scheme: write it as ${ref.replace(/^[^:]+:\/\//, '')}`);
    }
    if (ref.includes('@'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', `image reference "${ref}" must not carry a digest`);
    const slash = ref.indexOf('/');
    const first = slash === -1 ? '' : ref.slice(0, slash);
    // Docker's rule: the first component is a registry host when it has a dot or a port, or is localhost.
    const isHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
    let registry = isHost ? first : 'docker.io';
    let name = isHost ? ref.slice(slash + 1) : ref;
    const lastSlash = name.lastIndexOf('/');
    if (name.slice(lastSlash + 1).includes(':')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', `image reference "${ref}" must not carry a tag: give tags in the "tags" input`);
    }
    if (!HOST_RE.test(registry))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', `"${registry}" in "${ref}" is not a valid registry host`);
    if (registry === 'docker.io' || registry === 'index.docker.io') {
        registry = DOCKER_HUB;
        if (!name.includes('/'))
            name = `library/${name}`;
    }
    if (!NAME_RE.test(name)) {
        const hint = name !== name.toLowerCase() ? ' (repository names must be lower case)' : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', `"${name}" in "${ref}" is not a valid repository name${hint}`);
    }
    return { registry: registry.toLowerCase(), name };
}
function formatRepository(repo) {
    return `${repo.registry === DOCKER_HUB ? 'docker.io' : repo.registry}/${repo.name}`;
}
function isValidTag(tag) {
    return TAG_RE.test(tag);
}
function assertValidTag(tag) {
    if (!isValidTag(tag)) {
        const why = tag.length > 128 ? `it is ${tag.length} characters long (at most 128)` : 'it must match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', `tag "${tag}" is not valid: ${why}`);
    }
    return tag;
}
/**
 * A literal loopback, private (RFC 1918, IPv6 unique local), link-local or unspecified address, or localhost:
 * where a registry on the internet has no business sending the client with its credentials. Names are not
 * resolved: a literal is what a hostile challenge would use.
 */
function isInternalHost(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost'))
        return true;
    const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
    if (v4) {
        const [a, b] = [Number(v4[1]), Number(v4[2])];
        return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
    }
    if (!host.includes(':'))
        return false;
    return host === '::' || host === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
}
/** Hosts that Docker talks plain HTTP to without being told (and that never leave the machine). */
function isLoopbackHost(host) {
    const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}


/***/ }),

/***/ 40405:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ RepositoryClient)
/* harmony export */ });
/* unused harmony export DEFAULT_UPLOAD */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28630);
/* harmony import */ var _transport_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(54510);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(62148);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(56771);
/* harmony import */ var _spec_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(54482);
// One repository on a registry: the distribution-spec v1.1 push endpoints this project needs.
// Spec: opencontainers/distribution-spec spec.md, "Push" (blobs, chunked uploads, manifests).







// One PUT for all but huge blobs, as oras-go and containerd push (GHCR's 4 MiB cap is on PATCH chunks, not on
// a monolithic PUT): fewer round trips, and the registry hashes one stream. Measured with bench/ on
// distribution 2.8: 256 MiB in 1.75 s as one PUT, 2.2 s as 4 MiB chunks. Above 1 GiB, chunks, because a
// broken chunked upload resumes where the registry's Range says, and restarting a huge PUT costs more.
const DEFAULT_UPLOAD = { chunkThreshold: 1024 * 1024 * 1024, chunkSize: 4 * 1024 * 1024 };
/** Tags asked for per page, and the bounds past which a registry's tag list is not believed: far above any real repository, far below forever. */
const TAGS_PAGE = 1000;
const MAX_TAG_PAGES = 1000;
const MAX_TAGS = 100_000;
/** Distribution 2.8 answers 404 to a manifest GET/HEAD whose Accept lacks the OCI types. */
const MANIFEST_ACCEPT = [
    _spec_js__WEBPACK_IMPORTED_MODULE_6__/* .OCI_MANIFEST */ .EG,
    _spec_js__WEBPACK_IMPORTED_MODULE_6__/* .OCI_INDEX */ .$p,
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');
class RepositoryClient {
    repository;
    upload;
    transport;
    retry;
    log;
    referrersApi;
    /** Blob pushes under way, by digest: referrers share the empty config, and one upload serves them all. */
    blobPushes = new Map();
    scope;
    path;
    sendsTokenUnasked;
    /** Whether this client was given credentials (whether the registry wants them is known once it answers). */
    hasCredentials;
    /** `pullOnly`: ask for a pull token only, as a client that reads (a WIT dependency) should: anonymous pulls of public packages need it. */
    constructor(repository, options, upload = DEFAULT_UPLOAD) {
        this.repository = repository;
        this.upload = upload;
        this.retry = options.retry ?? new _policy_js__WEBPACK_IMPORTED_MODULE_5__/* .RetryPolicy */ .fU();
        this.log = options.log;
        this.transport = new _transport_js__WEBPACK_IMPORTED_MODULE_3__/* .Transport */ .o({ ...options, registry: repository.registry, retry: this.retry });
        this.scope = `repository:${repository.name}:${options.pullOnly ? 'pull' : 'pull,push'}`;
        this.hasCredentials = options.credentials !== undefined;
        this.sendsTokenUnasked = this.hasCredentials && 'registryToken' in options.credentials;
        this.path = `/v2/${repository.name}`;
    }
    close() {
        return this.transport.close();
    }
    /**
     * True once the registry has asked for credentials, or when they went with every request unasked (a
     * registry token): only a registry that served this client without either lets anyone pull.
     */
    get requiresAuthentication() {
        return this.transport.challenged || this.sendsTokenUnasked;
    }
    /** The tries of one operation under the client's retry policy (referrers.ts re-reads an index with it). */
    attempts() {
        return this.retry.start(this.log);
    }
    async blobExists(digest) {
        return (await this.headBlob(digest)).status === 200;
    }
    headBlob(digest) {
        return this.transport.send({ method: 'HEAD', url: `${this.path}/blobs/${digest}`, expect: [200, 404], operation: `check of blob ${digest}` }, this.scope);
    }
    /**
     * Uploads a blob unless the registry has it; returns whether bytes were sent. A monolithic upload that
     * breaks starts again in a new session (bytes may have reached the old one); a chunked one asks the
     * registry how far it got and resumes there (distribution-spec "Resuming an upload"; regclient does the
     * same). Afterwards the blob must be there under our digest with our size: a registry that ignored the
     * digest, or a file that changed under us, fails here instead of in the manifest push.
     */
    pushBlob(desc, source, mountFrom, fresh = false) {
        const earlier = this.blobPushes.get(desc.digest);
        if (earlier)
            return earlier.then(() => false); // its bytes go up once, with the first caller
        const push = this.pushBlobOnce(desc, source, mountFrom, fresh);
        this.blobPushes.set(desc.digest, push);
        const forget = () => this.blobPushes.delete(desc.digest);
        push.then(forget, forget);
        return push;
    }
    async pushBlobOnce(desc, source, mountFrom, fresh) {
        if (!fresh && (await this.blobExists(desc.digest)))
            return false;
        const attempts = this.attempts();
        let confirmed;
        for (;;) {
            try {
                confirmed = await this.uploadOnce(desc, source, mountFrom);
                break;
            }
            catch (err) {
                if (!(await attempts.afterError(err, `upload of blob ${desc.digest} broke; starting it again`)))
                    throw err;
            }
        }
        // The registry's 201 naming the digest (distribution-spec: Docker-Content-Digest on upload completion) is its
        // word that the blob is there; without it (a mount, a registry that says nothing), it is asked.
        if (!confirmed)
            await this.checkLanded(desc);
        return true;
    }
    /**
     * One upload session. With `mountFrom` (another repository of this registry that has the blob), it asks
     * for a cross-repository mount first (distribution-spec "Mounting a blob from another repository"): 201 is
     * done, 202 is an upload session the registry opened instead, which the upload then uses. The token must
     * also allow pulling from that repository.
     */
    /** True when the registry's final answer named the blob's digest. */
    async uploadOnce(desc, source, mountFrom) {
        const mount = mountFrom ? `?mount=${encodeURIComponent(desc.digest)}&from=${encodeURIComponent(mountFrom)}` : '';
        const start = await this.transport.send({
            method: 'POST',
            url: `${this.path}/blobs/uploads/${mount}`,
            headers: { 'content-length': '0' },
            expect: mountFrom ? [201, 202] : [202],
            operation: `upload of blob ${desc.digest}`,
        }, mountFrom ? `${this.scope} repository:${mountFrom}:pull` : this.scope);
        if (start.status === 201) {
            this.log?.(`blob ${desc.digest} mounted from ${mountFrom}`);
            return false;
        }
        let location = this.location(start.header('location'), start.url, desc.digest);
        if (desc.size > this.upload.chunkThreshold) {
            const minChunk = Number(start.header('oci-chunk-min-length') ?? 0);
            location = await this.patchChunks(location, desc, source, Math.max(this.upload.chunkSize, minChunk));
            return this.finishUpload(location, desc, undefined);
        }
        return this.finishUpload(location, desc, source);
    }
    async checkLanded(desc) {
        const res = await this.headBlob(desc.digest);
        const length = Number(res.header('content-length'));
        if (res.status !== 200 || (res.header('content-length') !== undefined && length !== desc.size)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l('registry-protocol', `upload of blob ${desc.digest} failed: the registry accepted the upload but ${res.status === 200 ? `holds ${length} bytes, not ${desc.size}` : 'has no blob under that digest'}: the file may have changed while it was read`);
        }
    }
    /** PUT <location>?digest=…, keeping the location's own query (distribution-spec: append with &). */
    async finishUpload(location, desc, source) {
        const url = new URL(location);
        url.search = `${url.search ? `${url.search}&` : '?'}digest=${encodeURIComponent(desc.digest)}`;
        const size = source ? desc.size : 0;
        const res = await this.transport.send({
            method: 'PUT',
            url,
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
            body: source ? () => openSource(source) : undefined,
            expect: [201],
            operation: `upload of blob ${desc.digest}`,
            retryable: source === undefined,
        }, this.scope);
        const stored = res.header('docker-content-digest');
        if (stored && stored !== desc.digest) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l('registry-protocol', `upload of blob ${desc.digest} failed: the registry stored it as ${stored}`);
        }
        return stored === desc.digest;
    }
    async patchChunks(location, desc, source, chunkSize) {
        let offset = 0;
        const attempts = this.attempts();
        while (offset < desc.size) {
            const end = Math.min(offset + chunkSize, desc.size) - 1;
            const from = offset;
            let res;
            try {
                res = await this.transport.send({
                    method: 'PATCH',
                    url: location,
                    headers: {
                        'content-type': 'application/octet-stream',
                        'content-range': `${from}-${end}`,
                        'content-length': String(end - from + 1),
                    },
                    body: () => openSource(source, from, end),
                    expect: [202],
                    operation: `upload of blob ${desc.digest} (bytes ${from}-${end})`,
                    retryable: false,
                }, this.scope);
            }
            catch (err) {
                // A broken chunk, or 416 (the registry holds a different amount than we think): ask where it
                // stands and go on from there.
                const resumable = (o) => (0,_policy_js__WEBPACK_IMPORTED_MODULE_5__/* .isTransient */ .dg)(o) || ('status' in o && o.status === 416);
                if (!(await attempts.afterError(err, `chunk ${from}-${end} of blob ${desc.digest} broke; resuming`, resumable)))
                    throw err;
                offset = await this.uploadedUpTo(location, desc);
                continue;
            }
            location = this.location(res.header('location'), location, desc.digest);
            const range = parseRange(res.header('range'));
            offset = range !== undefined ? range + 1 : end + 1;
        }
        return location;
    }
    async uploadedUpTo(location, desc) {
        const res = await this.transport.send({ method: 'GET', url: location, expect: [204], operation: `status of the upload of blob ${desc.digest}` }, this.scope);
        return (parseRange(res.header('range')) ?? -1) + 1;
    }
    location(value, base, digest) {
        if (!value)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l('registry-protocol', `upload of blob ${digest} failed: the registry sent no Location for the upload`);
        return new URL(value, base); // relative or absolute, query kept (distribution-spec)
    }
    /** PUTs a manifest under a tag or its digest; checks the registry's Docker-Content-Digest against ours. */
    async putManifest(reference, bytes, mediaType, ifMatch) {
        const digest = (0,_spec_js__WEBPACK_IMPORTED_MODULE_6__/* .sha256Digest */ .sI)(bytes);
        const res = await this.transport.send({
            method: 'PUT',
            url: `${this.path}/manifests/${reference}`,
            headers: { 'content-type': mediaType, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
            body: () => bytes,
            expect: [201],
            operation: `push of manifest ${reference}`,
        }, this.scope);
        const returned = res.header('docker-content-digest');
        if (returned && returned !== digest) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l('registry-protocol', `push of manifest ${reference} failed: the registry reports digest ${returned}, expected ${digest}`);
        }
        return { digest, ociSubject: res.header('oci-subject') };
    }
    /**
     * Every tag of the repository, following pagination; none when the repository does not exist yet. A
     * registry that names the same page twice, or more pages or tags than any real repository has, is refused
     * rather than followed forever; entries that are not valid tags are dropped.
     */
    async listTags() {
        const tags = [];
        const seen = new Set();
        let url = new URL(`${this.path}/tags/list?n=${TAGS_PAGE}`, this.transport.base);
        while (url) {
            const refuse = (why) => new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l('registry-protocol', `listing of tags failed: ${why}`);
            if (seen.has(url.href))
                throw refuse(`the registry named the page ${url.pathname}${url.search} twice in its Link headers`);
            if (seen.size >= MAX_TAG_PAGES)
                throw refuse(`the registry had more than ${MAX_TAG_PAGES} pages of tags`);
            seen.add(url.href);
            const res = await this.transport.send({ method: 'GET', url, expect: [200, 404], operation: 'listing of tags' }, this.scope);
            // 404 on the first page: no repository, no tags. On a later one the list is incomplete, and a cleanup
            // judging versions by it could delete one whose release tag was on the missing page.
            if (res.status === 404) {
                if (seen.size === 1)
                    return tags;
                throw refuse(`page ${seen.size} (${url.pathname}${url.search}) answered 404: the list would be incomplete`);
            }
            const page = JSON.parse(res.body.toString('utf8')).tags;
            if (Array.isArray(page))
                tags.push(...page.filter((t) => typeof t === 'string' && (0,_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .isValidTag */ .r_)(t)));
            if (tags.length > MAX_TAGS)
                throw refuse(`the registry listed more than ${MAX_TAGS} tags`);
            const next = nextLink(res.header('link'));
            url = next ? new URL(next, res.url) : undefined;
        }
        return tags;
    }
    /** Fetches a manifest or index; undefined when the registry has none under that reference. */
    async getManifest(reference) {
        const res = await this.transport.send({
            method: 'GET',
            url: `${this.path}/manifests/${reference}`,
            headers: { accept: MANIFEST_ACCEPT },
            expect: [200, 404],
            operation: `read of manifest ${reference}`,
        }, this.scope);
        if (res.status === 404)
            return undefined;
        // A manifest read by digest is those bytes or nothing (distribution-spec "Pulling manifests": the client
        // SHOULD verify); one read by tag is checked against the digest the registry says it served.
        const actual = (0,_spec_js__WEBPACK_IMPORTED_MODULE_6__/* .sha256Digest */ .sI)(res.body);
        const claimed = res.header('docker-content-digest');
        const expected = /^sha256:[0-9a-f]{64}$/.test(reference) ? reference : claimed?.startsWith('sha256:') ? claimed : undefined;
        if (expected !== undefined && expected !== actual) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l('registry-protocol', `read of manifest ${reference} failed: the registry sent bytes whose digest is ${actual}, not ${expected}`);
        }
        return { mediaType: res.header('content-type') ?? '', bytes: res.body, etag: res.header('etag') };
    }
    /** The digest of the manifest a tag points at (HEAD, as oras resolves), or undefined when there is none. */
    async manifestDigest(tag) {
        const res = await this.transport.send({ method: 'HEAD', url: `${this.path}/manifests/${tag}`, headers: { accept: MANIFEST_ACCEPT }, expect: [200, 404], operation: `resolve of tag ${tag}` }, this.scope);
        if (res.status === 404)
            return undefined;
        const digest = res.header('docker-content-digest');
        if (digest && /^sha256:[0-9a-f]{64}$/.test(digest))
            return digest;
        const manifest = await this.getManifest(tag); // no digest header: hash what the registry serves
        return manifest ? (0,_spec_js__WEBPACK_IMPORTED_MODULE_6__/* .sha256Digest */ .sI)(manifest.bytes) : undefined;
    }
    /**
     * Deletes a manifest by digest (or a tag, where the registry can untag): distribution-spec "Deleting
     * Manifests". 'unsupported' when the registry refuses deletes (405, or 400 UNSUPPORTED: distribution with
     * deletes disabled); 'gone' when it has no such manifest.
     */
    async deleteManifest(reference) {
        const operation = `delete of manifest ${reference}`;
        try {
            const res = await this.transport.send({ method: 'DELETE', url: `${this.path}/manifests/${reference}`, expect: [200, 202, 404], operation }, this.scope);
            return res.status === 404 ? 'gone' : 'deleted';
        }
        catch (err) {
            if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl && (err.status === 405 || (err.status === 400 && err.details.some((d) => d.code === 'UNSUPPORTED'))))
                return 'unsupported';
            throw err;
        }
    }
    /**
     * A small blob's bytes, checked against its digest (distribution-spec "Pulling blobs"): a registry or a
     * storage redirect that answers other bytes is refused. Larger than `limit` is refused too: what this
     * reads (a WIT package) is kilobytes.
     */
    async fetchBlob(digest, limit) {
        const operation = `read of blob ${digest}`;
        const res = await this.transport.send({ method: 'GET', url: `${this.path}/blobs/${digest}`, expect: [200], operation }, this.scope);
        const length = Number(res.header('content-length') ?? res.body.length);
        if (length > limit || res.body.length > limit)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l('registry-protocol', `${operation}: it is ${length} bytes, more than the ${limit} this reads`);
        const actual = (0,_spec_js__WEBPACK_IMPORTED_MODULE_6__/* .sha256Digest */ .sI)(res.body);
        if (actual !== digest)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l('registry-protocol', `${operation}: the registry sent bytes whose digest is ${actual}`);
        return res.body;
    }
    /**
     * Whether the registry serves the referrers API (distribution-spec v1.1 "Listing Referrers"): a registry
     * that has it answers with an image index, never 404. Asked once per client (oras-go and @sigstore/oci
     * ping the same way).
     */
    async hasReferrersApi(subjectDigest) {
        this.referrersApi ??= this.transport
            .send({
            method: 'GET',
            url: `${this.path}/referrers/${subjectDigest}`,
            headers: { accept: _spec_js__WEBPACK_IMPORTED_MODULE_6__/* .OCI_INDEX */ .$p },
            expect: [200, 400, 404, 405],
            operation: 'check for the referrers API',
        }, this.scope)
            .then((res) => res.status === 200 && (res.header('content-type') ?? '').startsWith(_spec_js__WEBPACK_IMPORTED_MODULE_6__/* .OCI_INDEX */ .$p));
        return this.referrersApi;
    }
}
/** `Link: </v2/x/tags/list?last=a&n=100>; rel="next"` → the next page's URL (distribution-spec, "Listing Tags"). */
function nextLink(value) {
    return value ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(value)?.[1] : undefined;
}
/** `Range: 0-1023` → 1023 (the last byte the registry holds). */
function parseRange(value) {
    const m = value ? /^(?:bytes=)?0-(\d+)$/.exec(value.trim()) : null;
    return m ? Number(m[1]) : undefined;
}
function openSource(source, start, end) {
    if ('bytes' in source)
        return start === undefined ? source.bytes : source.bytes.subarray(start, end + 1);
    // A large read buffer: fewer, bigger writes to the socket.
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(source.path, { start, end, highWaterMark: 1024 * 1024 });
}


/***/ }),

/***/ 54482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ OCI_INDEX),
/* harmony export */   $v: () => (/* binding */ EMPTY_CONFIG),
/* harmony export */   EG: () => (/* binding */ OCI_MANIFEST),
/* harmony export */   fH: () => (/* binding */ fallbackTag),
/* harmony export */   sI: () => (/* binding */ sha256Digest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// What the OCI specs define, as data: descriptors, media types, digests, the empty config and the referrers
// fallback tag. No I/O here: the artifact, the SBOM and the signature are built from these, and the HTTP
// client (repository.ts) sends them.

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** image-spec digest.md: `sha256:<64 hex>`. */
function sha256Digest(bytes) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
}
/** The empty config of artifacts that carry all in their layers (image-spec: "Guidance for an Empty Descriptor"). */
const EMPTY_CONFIG = {
    descriptor: { mediaType: 'application/vnd.oci.empty.v1+json', digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2 },
    bytes: Buffer.from('{}'),
};
/** `sha256:abc…` → `sha256-abc…`, at most 128 characters (distribution-spec "Referrers Tag Schema"). */
function fallbackTag(digest) {
    return digest.replace(':', '-').slice(0, 128);
}


/***/ }),

/***/ 54510:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  o: () => (/* binding */ Transport)
});

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./node_modules/undici/lib/dispatcher/agent.js
var agent = __webpack_require__(57405);
var agent_default = /*#__PURE__*/__webpack_require__.n(agent);
// EXTERNAL MODULE: ./node_modules/undici/lib/api/api-request.js
var api_request = __webpack_require__(14043);
var api_request_default = /*#__PURE__*/__webpack_require__.n(api_request);
;// CONCATENATED MODULE: ./src/oci/http.ts


const Agent = (agent_default());
/**
 * undici's ProxyAgent (CONNECT tunnels), loaded only when a request goes through a proxy. From the index: it
 * tunnels with `Dispatcher.prototype.connect`, which only the index attaches.
 */
async function proxyAgent(options) {
    const { ProxyAgent, Pool } = await __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 46752, 19));
    // A proxy that closes the connection on CONNECT fails the tunnel with UND_ERR_SOCKET, which undici's client
    // takes for a recoverable socket error: it keeps the request queued and connects again at once, for ever
    // (measured: ~8,000 CONNECTs a second). Renamed, the error fails the request, and the retry policy decides.
    const tunnelPool = (origin, opts) => {
        const pool = new Pool(origin, opts);
        const connect = pool.connect.bind(pool);
        // ProxyAgent calls the promise form; the callback form is passed through as it is.
        pool.connect = ((o, cb) => cb
            ? connect(o, cb)
            : connect(o).catch((err) => {
                if (err.code !== 'UND_ERR_SOCKET')
                    throw err;
                throw Object.assign(new Error('the proxy closed the connection instead of opening a tunnel', { cause: err }), { code: PROXY_TUNNEL_CLOSED });
            }));
        return pool;
    };
    return new ProxyAgent({ ...options, clientFactory: tunnelPool });
}
/** The code of a tunnel the proxy would not open (its connection closed on CONNECT). */
const PROXY_TUNNEL_CLOSED = 'PROXY_TUNNEL_CLOSED';
/** undici's `request(url, { dispatcher, ... })`: the URL split into origin and path, as its index does. */
function request(url, options) {
    const { dispatcher, ...rest } = options;
    return api_request_default().call(dispatcher, { ...rest, origin: url.origin, path: `${url.pathname}${url.search}` });
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
;// CONCATENATED MODULE: ./src/oci/proxy.ts
// Which proxy a request goes through, from the environment as curl and Go read it: `https_proxy` /
// `HTTPS_PROXY` for https:// URLs, `http_proxy` / `HTTP_PROXY` for http:// ones (lower case first), and
// `no_proxy` / `NO_PROXY`: comma- or space-separated entries, each `*` (nothing is proxied), a host name that
// also covers its subdomains (`example.com`, `.example.com`, `*.example.com`), an IP address or CIDR block
// (IPv4 or IPv6, bare or bracketed), each optionally with `:port`. Loopback is never proxied (Go's rule: a
// proxy cannot reach the runner's own loopback).


function proxyFor(url, env) {
    const setting = url.protocol === 'https:' ? (env.https_proxy ?? env.HTTPS_PROXY) : (env.http_proxy ?? env.HTTP_PROXY);
    if (!setting?.trim() || (0,reference/* isLoopbackHost */.cW)(url.host) || bypassed(url, env.no_proxy ?? env.NO_PROXY ?? ''))
        return undefined;
    try {
        return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(setting.trim()) ? setting.trim() : `http://${setting.trim()}`);
    }
    catch {
        return undefined; // not a URL: ignored, as curl and Go ignore it
    }
}
function bypassed(url, noProxy) {
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return noProxy
        .split(/[\s,]+/)
        .filter((entry) => entry !== '')
        .some((raw) => {
        const entry = raw.toLowerCase();
        if (entry === '*')
            return true;
        // A bare IPv6 address or block (`fd00::1`, `fd00::/16`) has no port; a bracketed one may.
        const m = (0,external_node_net_.isIP)(entry.split('/')[0]) === 6 ? [entry, entry, undefined] : /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
        if (!m)
            return false;
        if (m[2] !== undefined && m[2] !== port)
            return false;
        const pattern = m[1].replace(/^\[|\]$/g, '');
        if (pattern.includes('/'))
            return inCidr(host, pattern);
        const domain = pattern.replace(/^\*?\./, '');
        return host === domain || host.endsWith(`.${domain}`);
    });
}
/** An IPv4 or IPv6 address inside a CIDR block (curl takes both since 7.86). */
function inCidr(host, cidr) {
    const [base = '', bits] = cidr.split('/');
    const family = (0,external_node_net_.isIP)(base);
    const size = Number(bits);
    if (family === 0 || (0,external_node_net_.isIP)(host) !== family || !Number.isInteger(size) || size < 0 || size > (family === 4 ? 32 : 128))
        return false;
    const block = new external_node_net_.BlockList();
    block.addSubnet(base, size, family === 4 ? 'ipv4' : 'ipv6');
    return block.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

// EXTERNAL MODULE: ./src/oci/auth.ts
var auth = __webpack_require__(76599);
// EXTERNAL MODULE: ./src/oci/errors.ts
var oci_errors = __webpack_require__(28630);
// EXTERNAL MODULE: ./src/oci/policy.ts
var policy = __webpack_require__(56771);
;// CONCATENATED MODULE: ./src/oci/transport.ts
// HTTP to one registry: requests, redirects, timeouts, retries under the client's one policy, and bodies read
// up to a limit. Authentication is its own layer (auth.ts), called on a 401. Everything the registry client
// sends goes through here.








/** Success bodies (manifests, token answers) are read up to this size; the spec's manifest limit is 4 MiB. */
const SUCCESS_BODY_LIMIT = 8 * 1024 * 1024;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
class Transport {
    options;
    base;
    /** Whether the registry ever asked this client to authenticate (a 401): one that never did serves anyone. */
    challenged = false;
    agent;
    retry;
    auth;
    /** One agent per proxy, made on the first request that goes through it. */
    proxied = new Map();
    constructor(options) {
        this.options = options;
        const plain = options.plainHttp || (0,reference/* isLoopbackHost */.cW)(options.registry);
        this.base = new URL(`${plain ? 'http' : 'https'}://${options.registry}`);
        this.retry = options.retry ?? new policy/* RetryPolicy */.fU();
        this.agent = new Agent({
            connections: 8,
            keepAliveTimeout: 30_000,
            connectTimeout: options.timeouts?.connectMs ?? 30_000,
            headersTimeout: options.timeouts?.headersMs ?? 120_000,
            bodyTimeout: options.timeouts?.bodyMs ?? 300_000,
            ...(options.connect ? { connect: options.connect } : {}),
        });
        this.auth = new auth/* Authenticator */.kD({ registry: this.base, credentials: options.credentials, clientId: options.clientId, onSecret: options.onSecret, log: options.log }, async ({ url, method, headers, body }, operation) => {
            // Never a redirect: a 30x would take the credentials (an identity token in the body) wherever it points.
            const res = await this.exchange(url, () => ({ method, headers, body }), operation, true);
            return { status: res.statusCode, text: (await readLimited(res.body, oci_errors/* ERROR_BODY_LIMIT */.g2)).toString('utf8') };
        });
    }
    async close() {
        await Promise.all([this.agent.close(), ...[...this.proxied.values()].map(async (d) => (await d).close())]);
    }
    /** The direct agent, or the one for the proxy the environment names for this URL. */
    dispatcherFor(url) {
        const proxy = this.options.proxyEnv ? proxyFor(url, this.options.proxyEnv) : undefined;
        if (!proxy)
            return { dispatcher: this.agent };
        let dispatcher = this.proxied.get(proxy.href);
        if (!dispatcher) {
            const t = this.options.timeouts;
            dispatcher = proxyAgent({
                uri: proxy.href,
                connections: 8,
                keepAliveTimeout: 30_000,
                headersTimeout: t?.headersMs ?? 120_000,
                bodyTimeout: t?.bodyMs ?? 300_000,
                ...(this.options.connect?.ca ? { requestTls: { ca: this.options.connect.ca } } : {}),
            });
            this.proxied.set(proxy.href, dispatcher);
        }
        return { proxy, dispatcher };
    }
    /** Sends a request in `scope`, authenticating on 401 (once per request), following read redirects, retrying transient failures. */
    async send(req, scope) {
        let url = new URL(req.url, this.base);
        let authenticated = false;
        let redirects = 0;
        for (;;) {
            this.refuseDowngrade(url, req.operation);
            const target = url;
            const res = await this.exchange(target, () => ({ method: req.method, headers: { ...req.headers, ...this.auth.headerFor(target, scope) }, body: req.body?.() }), req.operation, req.retryable !== false);
            const header = (name) => headerOf(res, name);
            if (res.statusCode === 401 && !authenticated && url.origin === this.base.origin) {
                await res.body.dump({ limit: oci_errors/* ERROR_BODY_LIMIT */.g2 });
                authenticated = true;
                this.challenged = true;
                await this.auth.onChallenge(header('www-authenticate'), scope, req.operation);
                continue;
            }
            // Blob reads may be redirected to a storage host; Authorization stays behind (Authenticator.headerFor).
            if (REDIRECT_STATUS.has(res.statusCode) && (req.method === 'GET' || req.method === 'HEAD') && header('location') && redirects < MAX_REDIRECTS) {
                await res.body.dump({ limit: oci_errors/* ERROR_BODY_LIMIT */.g2 });
                url = new URL(header('location'), url);
                redirects++;
                continue;
            }
            if (!req.expect.includes(res.statusCode)) {
                const text = (await readLimited(res.body, oci_errors/* ERROR_BODY_LIMIT */.g2)).toString('utf8');
                throw new oci_errors/* RegistryError */.gl(res.statusCode, req.operation, (0,oci_errors/* parseErrorBody */.kW)(text), (0,oci_errors/* statusHint */.o6)(res.statusCode));
            }
            const body = await readLimited(res.body, SUCCESS_BODY_LIMIT);
            return { status: res.statusCode, url, header, body };
        }
    }
    /**
     * A registry reached over TLS never sends the client to plain HTTP: an upload Location or a redirect to
     * http:// is refused, not followed (and credentials are bound to the registry's origin besides). The usual
     * cause is a TLS proxy that does not tell the registry the client's scheme: distribution then writes http://
     * upload locations.
     */
    refuseDowngrade(url, operation) {
        if (this.base.protocol !== 'https:' || url.protocol === 'https:')
            return;
        throw new errors/* ActionError */.l('registry-protocol', `${operation} failed: the registry at ${this.base.host} sent the client to ${url.origin}${url.pathname}, over plain HTTP; refusing to leave TLS. ` +
            'A TLS proxy in front of the registry that does not set "X-Forwarded-Proto: https" makes it write http:// upload locations: ' +
            "set that header in the proxy, or the registry's externally reachable URL (distribution: http.host) to its https:// address");
    }
    /**
     * One request, sent again after a broken connection or a transient answer while the policy allows (never
     * when not `retryable`). `init` is called per try: the body starts over, and the Authorization is the
     * latest. The last answer, whatever its status, is returned.
     */
    async exchange(url, init, operation, retryable) {
        const attempts = this.retry.start(this.options.log);
        for (;;) {
            const sent = init();
            const started = performance.now();
            // Path only: an upload URL's query carries the registry's session state.
            const { proxy, dispatcher } = this.dispatcherFor(url);
            const via = proxy ? ` via ${proxy.host}` : ''; // the proxy's host only: never its credentials
            const told = (outcome) => this.options.log?.(`${sent.method} ${url.host}${url.pathname}${via}: ${outcome} in ${Math.round(performance.now() - started)} ms`);
            let res;
            try {
                // undici closes the connection after every HEAD (against servers that send a body with it: undici#258);
                // registries do not, and a push makes two HEADs per blob, each then a new connection (a TLS handshake).
                // Keep it open, as Go's and curl's clients do.
                res = await request(url, { ...sent, dispatcher: await dispatcher, ...(sent.method === 'HEAD' ? { reset: false } : {}) });
            }
            catch (err) {
                const code = err.code ?? '';
                told(code || 'no answer');
                const wait = retryable ? attempts.next({ network: code }, `${operation}: ${code}`) : undefined;
                if (wait !== undefined) {
                    await (0,promises_.setTimeout)(wait);
                    continue;
                }
                const why = proxy ? tunnelFailure(err, proxy) : undefined;
                if (why)
                    throw new errors/* ActionError */.l('network', `${operation} failed: cannot reach ${url.host} through the proxy ${proxy.host}: ${why}`, { code, cause: err });
                throw new errors/* ActionError */.l('network', `${operation} failed: cannot reach ${url.host} (${code || err.message})`, { code, cause: err });
            }
            told(res.statusCode);
            const outcome = { status: res.statusCode, retryAfter: headerOf(res, 'retry-after') };
            const wait = retryable ? attempts.next(outcome, `${operation}: HTTP ${res.statusCode}`) : undefined;
            if (wait === undefined)
                return res;
            await res.body.dump({ limit: oci_errors/* ERROR_BODY_LIMIT */.g2 });
            await (0,promises_.setTimeout)(wait);
        }
    }
}
/**
 * Why a proxy would not open a tunnel, for the error: its answer to CONNECT (undici says only "Proxy response
 * (407) !== 200"), or its closing the connection. Names the proxy by host: never its credentials.
 */
function tunnelFailure(err, proxy) {
    const status = /^Proxy response \((\d{3})\) !== 200/.exec(err.message)?.[1];
    if (status === '407') {
        return proxy.username
            ? 'it answered 407 Proxy Authentication Required: it refused the user name and password in the proxy URL'
            : 'it answered 407 Proxy Authentication Required: give its credentials in the proxy URL (http://user:password@host:port), or name the registry in NO_PROXY';
    }
    if (status)
        return `it answered ${status} to CONNECT instead of opening a tunnel`;
    if (err.code === PROXY_TUNNEL_CLOSED)
        return `${err.message} (a proxy that allows no CONNECT, or not to this host and port?)`;
    return undefined;
}
/** Reads a body up to `limit` bytes and discards the rest, so a huge error page costs nothing. */
async function readLimited(body, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        const buf = chunk;
        if (size + buf.length > limit) {
            chunks.push(buf.subarray(0, limit - size));
            body.destroy();
            break;
        }
        chunks.push(buf);
        size += buf.length;
    }
    return Buffer.concat(chunks);
}
function headerOf(res, name) {
    const v = res.headers[name];
    return Array.isArray(v) ? v[0] : v;
}


/***/ }),

/***/ 51666:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ registryClient)
/* harmony export */ });
/* harmony import */ var _oci_auth_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76599);
/* harmony import */ var _oci_policy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(56771);
/* harmony import */ var _oci_repository_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(40405);



/** `plainHttp` defaults to the input; `pullOnly` asks for pull tokens only. */
function registryClient(settings, repository, credentials, io, options = {}) {
    for (const secret of (0,_oci_auth_js__WEBPACK_IMPORTED_MODULE_0__/* .secretsOf */ .Fj)(credentials))
        io.mask(secret);
    return new _oci_repository_js__WEBPACK_IMPORTED_MODULE_2__/* .RepositoryClient */ .q(repository, {
        pullOnly: options.pullOnly,
        plainHttp: options.plainHttp ?? settings.plainHttp,
        credentials,
        clientId: 'wasm-oci-publish',
        retry: new _oci_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .RetryPolicy */ .fU(settings.retry),
        timeouts: settings.timeouts,
        proxyEnv: io.env,
        onSecret: io.mask,
        log: io.log,
    });
}


/***/ }),

/***/ 85275:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hc: () => (/* binding */ DepSectionFinder),
/* harmony export */   kx: () => (/* binding */ parseDepSection)
/* harmony export */ });
/* unused harmony export DEP_SECTION */
/* harmony import */ var _leb128_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73066);
// The dependency list cargo-auditable embeds: a custom section `.dep-v0` holding zlib-compressed JSON
// (rust-secure-code/cargo-auditable PARSING.md, cargo-auditable.schema.json). rustc links it into the core
// module, so in a component it sits inside the embedded core module (a top-level section of id 1), as
// auditable-extract finds it with wasmparser's parse_all. Found in the same streaming pass as the names,
// skipping everything else; a section that is missing, too large or malformed only means no such list.

const DEP_SECTION = '.dep-v0';
/** Compressed and inflated bounds: far above a real dependency list (wasm-tools caps the inflated JSON at 2 MiB). */
const MAX_COMPRESSED = 4 * 1024 * 1024;
const MAX_INFLATED = 8 * 1024 * 1024;
const MAGIC_MODULE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
/**
 * Streams a core module's bytes (from its preamble) and keeps the payload of its `.dep-v0` custom section.
 * Anything that is not a core module, or does not parse, ends the search quietly: the section reader proper
 * reports what matters about the file's structure.
 */
class DepSectionFinder {
    payload;
    state = 'preamble';
    pending = [];
    left = 0;
    nameLength = 0;
    collected = [];
    push(chunk) {
        let pos = 0;
        while (pos < chunk.length && this.state !== 'done') {
            if (this.state === 'skip' || this.state === 'collect') {
                const n = Math.min(this.left, chunk.length - pos);
                if (this.state === 'collect')
                    this.collected.push(Buffer.from(chunk.subarray(pos, pos + n)));
                this.left -= n;
                pos += n;
                if (this.left === 0)
                    this.sectionDone();
                continue;
            }
            this.pending.push(chunk[pos++]);
            this.byte();
        }
    }
    byte() {
        const p = this.pending;
        if (this.state === 'preamble') {
            if (p.length < 8)
                return;
            this.state = MAGIC_MODULE.every((b, i) => p[i] === b) ? 'header' : 'done';
            this.pending = [];
        }
        else if (this.state === 'header') {
            if (p.length === 1 || (p[p.length - 1] & 0x80) !== 0) {
                if (p.length > 5)
                    this.state = 'done';
                return;
            }
            const [id, size] = [p[0], (0,_leb128_js__WEBPACK_IMPORTED_MODULE_0__/* .leb128 */ .v)(p, 1)];
            this.pending = [];
            this.left = size;
            this.state = id === 0 ? 'name-length' : size > 0 ? 'skip' : 'header';
        }
        else if (this.state === 'name-length') {
            this.left--;
            if ((p[p.length - 1] & 0x80) !== 0) {
                if (p.length > 5 || this.left <= 0)
                    this.state = 'done';
                return;
            }
            this.nameLength = (0,_leb128_js__WEBPACK_IMPORTED_MODULE_0__/* .leb128 */ .v)(p, 0);
            this.pending = [];
            if (this.nameLength > this.left)
                this.state = 'done';
            else
                this.state = this.nameLength === 0 ? this.payloadOrSkip('') : 'name';
        }
        else if (this.state === 'name') {
            this.left--;
            if (p.length < this.nameLength)
                return;
            const name = Buffer.from(p).toString('latin1');
            this.pending = [];
            this.state = this.payloadOrSkip(name);
        }
    }
    /** After a custom section's name: collect the payload of `.dep-v0`, skip any other. */
    payloadOrSkip(name) {
        if (this.left === 0)
            return 'header';
        return name === DEP_SECTION && this.left <= MAX_COMPRESSED ? 'collect' : 'skip';
    }
    sectionDone() {
        if (this.state === 'collect') {
            this.payload = Buffer.concat(this.collected);
            this.collected = [];
            this.state = 'done'; // one is all there is
            return;
        }
        this.state = 'header';
    }
}
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';
/** The list in a `.dep-v0` payload, or undefined when it does not inflate or does not follow the schema. */
function parseDepSection(payload) {
    let doc;
    try {
        // zlib is loaded here, for the components that have the section, rather than on every run's start.
        const { inflateSync } = process.getBuiltinModule('node:zlib');
        doc = JSON.parse(inflateSync(payload, { maxOutputLength: MAX_INFLATED }).toString('utf8'));
    }
    catch {
        return undefined;
    }
    if (!Array.isArray(doc.packages))
        return undefined;
    const raw = doc.packages;
    if (!raw.every((p) => typeof p.name === 'string' && typeof p.version === 'string'))
        return undefined;
    const refs = raw.map((p) => `${p.name}@${p.version}`);
    const packages = raw.map((p, i) => ({
        ref: refs[i],
        name: p.name,
        version: p.version,
        source: p.source === 'crates.io' ? CRATES_IO : undefined,
        dependencies: (Array.isArray(p.dependencies) ? p.dependencies : [])
            .filter((d) => Number.isInteger(d) && d >= 0 && d < refs.length && d !== i)
            .map((d) => refs[d]),
        ...(p.kind === 'build' ? { excluded: true } : {}),
    }));
    const rootIndex = raw.findIndex((p) => p.root === true);
    return { packages, root: rootIndex >= 0 ? refs[rootIndex] : undefined };
}


/***/ }),

/***/ 25928:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ inspectWasm),
/* harmony export */   W: () => (/* binding */ wasmBinaryKind)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _sections_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(90622);
/* harmony import */ var _auditable_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(85275);
// What the published artifact needs to know of a .wasm file, in one streaming pass over it: the layer's
// sha256 and size, module, component or WIT package, and a component's import and export names or a package's
// items (src/wasm/sections.ts, wit-package.ts). One pass, with memory flat in the file's size: nothing is
// decoded beyond the top-level sections.





/** Two buffers, reused for every read: no garbage per chunk, so memory stays at twice this size. */
const READ_CHUNK = 2 * 1024 * 1024;
async function inspectWasm(path) {
    const fileSize = await checkRegularFile(path);
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha256');
    const sections = new _sections_js__WEBPACK_IMPORTED_MODULE_3__/* .TopLevelSections */ .gS(fileSize);
    let [current, spare] = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r');
    let size = 0;
    // The next read runs on libuv's thread pool while this chunk is hashed: 256 MiB read in ~250 ms instead of ~370.
    let next = handle.read(current, 0, READ_CHUNK, 0);
    try {
        for (;;) {
            const { bytesRead } = await next;
            next = undefined;
            if (bytesRead === 0)
                break;
            const chunk = current.subarray(0, bytesRead);
            next = handle.read(spare, 0, READ_CHUNK, size + bytesRead);
            [current, spare] = [spare, current];
            hash.update(chunk);
            sections.push(chunk);
            size += bytesRead;
        }
        sections.end();
    }
    catch (err) {
        if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isActionError */ .B)(err, 'wasm'))
            throw err;
        const what = sections.kind === undefined ? 'a WebAssembly binary' : sections.kind === 'module' ? 'a valid WebAssembly module' : 'a valid WebAssembly component';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l('wasm', `${path} is not ${what}: ${err.message}`);
    }
    finally {
        await next?.catch(() => undefined); // a read still in flight when parsing failed
        await handle.close();
    }
    const facts = sections.kind === 'module'
        ? { kind: 'module' }
        : sections.witPackage
            ? { kind: 'wit-package', ...sections.witPackage }
            : { kind: 'component', ...sections.names, target: null };
    const depSection = sections.depSection;
    const dependencies = depSection ? (0,_auditable_js__WEBPACK_IMPORTED_MODULE_4__/* .parseDepSection */ .kx)(depSection) : undefined;
    return { facts, digest: `sha256:${hash.digest('hex')}`, size, metadata: sections.metadata, ...(dependencies ? { dependencies } : {}) };
}
/** Tells a core module from a component by its 8-byte preamble, after checking the path is a Wasm file. */
async function wasmBinaryKind(path) {
    await checkRegularFile(path);
    const preamble = Buffer.alloc(8);
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r');
    try {
        await handle.read(preamble, 0, 8, 0);
    }
    finally {
        await handle.close();
    }
    try {
        return (0,_sections_js__WEBPACK_IMPORTED_MODULE_3__/* .kindFromPreamble */ .d5)(preamble);
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l('wasm', `${path} is not a WebAssembly binary: ${err.message}`);
    }
}
/** The file's size, once it is known to be a regular file long enough to hold a preamble. */
async function checkRegularFile(path) {
    if (path.trim() === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l('wasm', 'no component path was given');
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path).catch((err) => {
        if (err.code === 'ENOENT')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l('wasm', `component file ${path} does not exist`);
        if (err.code === 'ELOOP')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l('wasm', `component path ${path} is a symbolic link loop`);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l('wasm', `cannot read component file ${path}: ${err.message}`);
    });
    if (info.isDirectory())
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l('wasm', `component path ${path} is a directory, not a .wasm file`);
    if (!info.isFile())
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l('wasm', `component path ${path} is not a regular file`);
    if (info.size < 8)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l('wasm', `${path} is not a WebAssembly binary: it is ${info.size} bytes long`);
    return info.size;
}


/***/ }),

/***/ 73066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ readLeb128),
/* harmony export */   v: () => (/* binding */ leb128)
/* harmony export */ });
// Unsigned LEB128, the integer encoding of the Wasm binary format (core spec, "Integers"), for the readers
// that stream sections (sections.ts, auditable.ts) and read small payloads (metadata.ts).
/** The value of the unsigned LEB128 in `bytes` from `from` up to `to` (the caller has found its last byte). */
function leb128(bytes, from = 0, to = bytes.length) {
    let value = 0;
    for (let i = from, shift = 0; i < to; i++, shift += 7)
        value += (bytes[i] & 0x7f) * 2 ** shift;
    return value;
}
/** The unsigned LEB128 u32 at `pos`, and where it ends; undefined when the bytes run out or it is longer than 5 bytes. */
function readLeb128(bytes, pos) {
    for (let end = pos; end < bytes.length && end < pos + 5; end++) {
        if ((bytes[end] & 0x80) === 0)
            return { value: leb128(bytes, pos, end + 1), next: end + 1 };
    }
    return undefined;
}


/***/ }),

/***/ 90622:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gS: () => (/* binding */ TopLevelSections),
  d5: () => (/* binding */ kindFromPreamble),
  jn: () => (/* binding */ readSections)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/wasm/names.ts
// Component-model names, checked as wasm-tools' validator checks them (component-model Explainer.md,
// "Import and Export Definitions"; wasmparser validator/names.rs). A world's imports and exports are plain
// names (`add`, `[method]res.get`) or interface names (`wasi:http/types@0.2.0`); nothing else is written to
// the config, and nothing else can reach a job summary or a pull-request comment: no space, backtick, pipe,
// angle bracket or line break gets through.
//
//   plainname     ::= label | '[async]' label | '[constructor]' label | '[method]' label '.' label
//                   | '[async method]' label '.' label | '[static]' label '.' label | '[async static]' label '.' label
//   label         ::= fragment ('-' fragment)*       fragment ::= [a-z][0-9a-z]* | [A-Z][0-9A-Z]*
//   interfacename ::= (label ':')+ label ('/' label)+ ('@' semver)?   (nested namespaces and interfaces included)
// Imports may also be `unlocked-dep=<…>`, `locked-dep=<…>`, `url=<…>` or `integrity=<…>`: no world holds those,
// and this action refuses them with the rest.
const LABEL = '(?:[a-z][0-9a-z]*|[A-Z][0-9A-Z]*)(?:-(?:[a-z][0-9a-z]*|[A-Z][0-9A-Z]*))*';
/** semver.org 2.0.0: no leading zeros, dot-separated identifiers. */
const NUMBER = '(?:0|[1-9]\\d*)';
const IDENT = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const SEMVER = `${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-${IDENT}(?:\\.${IDENT})*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?`;
const PLAIN = `(?:\\[async\\]|\\[constructor\\])?${LABEL}|\\[(?:async )?(?:method|static)\\]${LABEL}\\.${LABEL}`;
const INTERFACE = `(?:${LABEL}:)+${LABEL}(?:/${LABEL})+(?:@${SEMVER})?`;
/** One expression for both: a component can hold tens of thousands of names. */
const NAME = new RegExp(`^(?:${PLAIN}|${INTERFACE})$`);
/** Why `name` is not a valid import or export name of a world, or undefined when it is. */
function nameProblem(name) {
    if (NAME.test(name))
        return undefined;
    if (/^(?:unlocked-dep|locked-dep|url|integrity)=/.test(name))
        return 'dependency, URL and hash names are not world items';
    if (name.includes(':') || name.includes('/'))
        return 'an interface name is namespace:package/interface with kebab-case labels and an optional @semver';
    return 'a name is a kebab-case label (words of [a-z0-9] or [A-Z0-9] joined by "-"), optionally [constructor], [method] or [static]';
}

// EXTERNAL MODULE: ./src/wasm/auditable.ts
var auditable = __webpack_require__(85275);
// EXTERNAL MODULE: ./src/wasm/leb128.ts
var leb128 = __webpack_require__(73066);
;// CONCATENATED MODULE: ./src/wasm/metadata.ts
// What a component says of itself in the custom sections `wasm-tools metadata add`, cargo component,
// componentize-js and friends write (bytecodealliance/wasm-tools crates/wasm-metadata): `component-name` (a
// name section: subsection 0 holds the name; `name` for a core module), and `authors`, `description`,
// `licenses`, `source`, `homepage`, `revision`, `version`, each raw UTF-8. Only the top level's are read, in
// the same pass as the names, each section at most 64 KiB; a value that is not clean text is left out.

const MAX_METADATA_SECTION = 64 * 1024;
const TEXT_SECTIONS = new Set(['authors', 'description', 'licenses', 'source', 'homepage', 'revision', 'version']);
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** The custom section names worth keeping, for the reader to collect. */
function isMetadataSection(name) {
    return TEXT_SECTIONS.has(name) || name === 'component-name' || name === 'name';
}
/** Adds one custom section's payload to `meta` (the first of each wins). */
function readMetadataSection(meta, name, payload) {
    const text = name === 'component-name' || name === 'name' ? nameSectionName(payload) : decode(payload);
    if (text === undefined)
        return;
    const key = name === 'component-name' || name === 'name' ? 'name' : name;
    meta[key] ??= text;
}
function decode(bytes) {
    let text;
    try {
        text = UTF8.decode(bytes).trim();
    }
    catch {
        return undefined;
    }
    // eslint-disable-next-line no-control-regex
    return text !== '' && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text) ? text : undefined;
}
/** A name section's subsection 0 (the module's or component's own name): id, size, then a name (length, bytes). */
function nameSectionName(payload) {
    let pos = 0;
    while (pos < payload.length) {
        const id = payload[pos++];
        const size = (0,leb128/* readLeb128 */.d)(payload, pos);
        if (!size || size.next + size.value > payload.length)
            return undefined;
        if (id === 0) {
            const length = (0,leb128/* readLeb128 */.d)(payload, size.next);
            return length && length.next + length.value <= size.next + size.value ? decode(payload.subarray(length.next, length.next + length.value)) : undefined;
        }
        pos = size.next + size.value;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/wasm/reader.ts
// Reads the component binary's productions (component-model design/mvp/Binary.md) from one section's bytes,
// failing on anything out of bounds: the import and export sections' entries here, the types of a WIT
// package in wit-package.ts.

const SORTS = { 0x01: 'func', 0x02: 'value', 0x03: 'type', 0x04: 'component', 0x05: 'instance' };
const CORE_MODULE_SORT = 0x11;
const reader_UTF8 = new TextDecoder('utf-8', { fatal: true });
class Reader {
    bytes;
    pos = 0;
    constructor(bytes) {
        this.bytes = bytes;
    }
    done() {
        return this.pos === this.bytes.length;
    }
    position() {
        return this.pos;
    }
    left() {
        return this.bytes.length - this.pos;
    }
    u8() {
        if (this.pos >= this.bytes.length)
            throw new errors/* ActionError */.l('wasm', 'it ends in the middle of an entry');
        return this.bytes[this.pos++];
    }
    peek() {
        if (this.pos >= this.bytes.length)
            throw new errors/* ActionError */.l('wasm', 'it ends in the middle of an entry');
        return this.bytes[this.pos];
    }
    u32() {
        let value = 0;
        for (let i = 0;; i++) {
            if (i === 5)
                throw new errors/* ActionError */.l('wasm', 'it holds a number longer than a u32');
            const b = this.u8();
            value += (b & 0x7f) * 2 ** (7 * i);
            if ((b & 0x80) === 0)
                break;
        }
        if (value > 0xffffffff)
            throw new errors/* ActionError */.l('wasm', 'a number is larger than a u32');
        return value;
    }
    /** A length-prefixed UTF-8 string: a label, an alias's export name. */
    string() {
        const len = this.u32();
        if (len > this.left())
            throw new errors/* ActionError */.l('wasm', 'a name runs past the end of the section');
        const start = this.pos;
        this.pos += len;
        // Names are ASCII in practice (the component model's grammar is): read those without the UTF-8 decoder.
        let ascii = true;
        for (let i = start; i < this.pos && ascii; i++)
            ascii = this.bytes[i] < 0x80;
        if (ascii)
            return this.bytes.toString('latin1', start, this.pos);
        try {
            return reader_UTF8.decode(this.bytes.subarray(start, this.pos));
        }
        catch {
            throw new errors/* ActionError */.l('wasm', 'a name is not valid UTF-8');
        }
    }
    /** importname' / exportname': a discriminator byte (0x00; 0x01 was an older marker for interface names, still accepted by wasmparser), then the name. */
    externName() {
        const tag = this.u8();
        if (tag !== 0x00 && tag !== 0x01)
            throw new errors/* ActionError */.l('wasm', `a name has an encoding this action does not read (0x${tag.toString(16)})`);
        return this.string();
    }
    externDesc() {
        const tag = this.u8();
        switch (tag) {
            case 0x00:
                this.coreModuleSort();
                return { kind: 'module', index: this.u32() };
            case 0x02: {
                const bound = this.u8(); // 0x00 eq <valueidx> | 0x01 <valtype>: a type index, or a primitive as a one-byte negative s33
                if (bound !== 0x00 && bound !== 0x01)
                    throw new errors/* ActionError */.l('wasm', `a value has an unknown bound 0x${bound.toString(16)}`);
                this.u32();
                return { kind: 'value' };
            }
            case 0x03: {
                const bound = this.u8(); // 0x00 eq <typeidx> | 0x01 sub resource
                if (bound === 0x00)
                    return { kind: 'type', index: this.u32() };
                if (bound !== 0x01)
                    throw new errors/* ActionError */.l('wasm', `a type has an unknown bound 0x${bound.toString(16)}`);
                return { kind: 'type' };
            }
            case 0x01:
            case 0x04:
            case 0x05:
                return { kind: SORTS[tag], index: this.u32() };
            default:
                throw new errors/* ActionError */.l('wasm', `an entry has an unknown kind 0x${tag.toString(16)}`);
        }
    }
    /** `sortidx`: the exported item's sort (0x00 then the core sort, which must be module, for a core item) and index. */
    sortIdx() {
        const sort = this.sort();
        return { kind: sort, index: this.u32() };
    }
    /** `sort`: one of the component sorts, or a core module. */
    sort() {
        const sort = this.u8();
        if (sort === 0x00)
            this.coreModuleSort();
        else if (!(sort in SORTS))
            throw new errors/* ActionError */.l('wasm', `an export has an unknown sort 0x${sort.toString(16)}`);
        return sort === 0x00 ? 'module' : SORTS[sort];
    }
    coreModuleSort() {
        const core = this.u8();
        if (core !== CORE_MODULE_SORT)
            throw new errors/* ActionError */.l('wasm', `a component imports or exports a core item other than a module (sort 0x${core.toString(16)})`);
    }
}

;// CONCATENATED MODULE: ./src/wasm/wit-package.ts
// A binary WIT package (what `wkg wit build` and `wasm-tools component wit --wasm` write), decoded from the
// top-level type sections the section reader kept. The encoding is wit-component's (src/encoding/wit.rs;
// read back by src/decoding.rs `decode_wit_v2_package`): a component whose every export is a component
// type under a plain label, each type exporting exactly one item named `ns:pkg/item@version`: an instance
// for an interface, a component (the world's own component type) for a world. The imports inside those
// types are the interfaces each item uses, the package's own or other packages'.
//
// The config lists what oci-wasm's `Component::from_package` lists (rust-oci-wasm src/component.rs): every
// interface id, each world as `ns:pkg/world@version`, and each world's exports by their world keys. oci-wasm
// gathers them in a HashSet, so its order changes from run to run; here they are sorted, so the config's
// digest is the same every time.



/** Deeper nesting than any WIT encoding needs: a hostile file gets an error, not a stack overflow. */
const MAX_DEPTH = 32;
/** `typeExports`: the component's exports, each a type (the caller checked). */
function decodeWitPackage(space, typeExports) {
    const types = topLevelTypes(space);
    const interfaces = [];
    const worlds = [];
    const exports = new Set();
    const used = new Set();
    let pkg;
    for (const { name: label, index } of typeExports) {
        const wrapper = types[index];
        if (wrapper?.kind !== 'component')
            throw new errors/* ActionError */.l('wasm', `its export "${label}" is not a component type`);
        if (wrapper.exports.length !== 1)
            throw new errors/* ActionError */.l('wasm', `its type "${label}" exports ${wrapper.exports.length} items, not one`);
        const item = wrapper.exports[0];
        const id = packageItem(item.name, label);
        if (pkg !== undefined && id.pkg !== pkg)
            throw new errors/* ActionError */.l('wasm', `its items belong to two packages, ${pkg} and ${id.pkg}`);
        pkg = id.pkg;
        exports.add(item.name);
        wrapper.imports.forEach((i) => used.add(i.name));
        if (item.kind === 'instance') {
            interfaces.push(item.name);
        }
        else if (item.kind === 'component') {
            const world = item.index === undefined ? undefined : wrapper.types[item.index];
            if (world?.kind !== 'component')
                throw new errors/* ActionError */.l('wasm', `the world ${item.name} is not described by a component type`);
            worlds.push(item.name);
            for (const e of world.exports) {
                if (e.kind !== 'instance' && e.kind !== 'func')
                    continue;
                const problem = nameProblem(e.name);
                if (problem)
                    throw new errors/* ActionError */.l('wasm', `the world ${item.name} exports ${JSON.stringify(e.name)}: ${problem}`);
                exports.add(e.name);
                used.add(e.name);
            }
            world.imports.forEach((i) => used.add(i.name));
        }
        else {
            throw new errors/* ActionError */.l('wasm', `its type "${label}" exports ${item.name} as a ${item.kind}, neither an interface nor a world`);
        }
    }
    if (pkg === undefined)
        throw new errors/* ActionError */.l('wasm', 'it has no items');
    const [name, version] = pkg.split('@');
    const own = `${name}/`;
    const uses = [...used].filter((u) => u.includes('/') && !u.startsWith(own) && nameProblem(u) === undefined).sort();
    return { name, ...(version ? { version } : {}), interfaces, worlds, exports: [...exports].sort(), uses };
}
/** `ns:pkg/item@1.0.0` → `ns:pkg@1.0.0`, after checking it is an item of a package at all. */
function packageItem(name, label) {
    const problem = nameProblem(name);
    const slash = name.indexOf('/');
    if (problem || slash < 0 || name.indexOf('/', slash + 1) >= 0) {
        throw new errors/* ActionError */.l('wasm', `its type "${label}" exports ${JSON.stringify(name)}, which names no item of a package (namespace:package/name@version)`);
    }
    const at = name.indexOf('@');
    return { pkg: name.slice(0, slash) + (at >= 0 ? name.slice(at) : '') };
}
function topLevelTypes(space) {
    const types = [];
    for (const entry of space) {
        if ('exported' in entry) {
            if (entry.exported >= types.length)
                throw new errors/* ActionError */.l('wasm', `an export names type ${entry.exported}, which is not defined yet`);
            types.push(types[entry.exported]);
            continue;
        }
        const r = new Reader(entry.section);
        for (let count = r.u32(); count > 0; count--)
            types.push(readType(r, 0));
        if (!r.done())
            throw new errors/* ActionError */.l('wasm', `a type section has ${r.left()} bytes left over`);
    }
    return types;
}
/** One `type`: a component or instance type is kept (its declarations); any other is read past. */
function readType(r, depth) {
    if (depth > MAX_DEPTH)
        throw new errors/* ActionError */.l('wasm', `its types nest deeper than ${MAX_DEPTH} levels`);
    const tag = r.u8();
    if (tag === 0x41 || tag === 0x42)
        return readDeclarations(r, tag === 0x41 ? 'component' : 'instance', depth);
    if (tag === 0x40 || tag === 0x43) {
        // functype (0x43: async): params, then a result (0x00 valtype) or none (0x01 0x00, formerly a named list)
        vec(r, () => (r.string(), valType(r)));
        const results = r.u8();
        if (results === 0x00)
            valType(r);
        else if (results === 0x01)
            vec(r, () => (r.string(), valType(r)));
        else
            throw new errors/* ActionError */.l('wasm', `a function type has an unknown result encoding 0x${results.toString(16)}`);
        return undefined;
    }
    if (tag === 0x3f) {
        r.u8(); // the representation, i32
        optional(r, () => r.u32());
        return undefined;
    }
    definedValType(r, tag);
    return undefined;
}
function readDeclarations(r, kind, depth) {
    const shape = { kind, imports: [], exports: [], types: [] };
    vec(r, () => {
        const tag = r.u8();
        if (tag === 0x03 && kind === 'component') {
            const item = { name: r.externName(), ...r.externDesc() };
            shape.imports.push(item);
            if (item.kind === 'type')
                shape.types.push(item.index === undefined ? undefined : shape.types[item.index]);
        }
        else if (tag === 0x04) {
            const item = { name: r.externName(), ...r.externDesc() };
            shape.exports.push(item);
            if (item.kind === 'type')
                shape.types.push(item.index === undefined ? undefined : shape.types[item.index]);
        }
        else if (tag === 0x01) {
            shape.types.push(readType(r, depth + 1));
        }
        else if (tag === 0x02) {
            if (alias(r) === 'type')
                shape.types.push(undefined);
        }
        else if (tag === 0x00) {
            throw new errors/* ActionError */.l('wasm', 'it declares a core type, which no WIT encoding does');
        }
        else {
            throw new errors/* ActionError */.l('wasm', `a ${kind} type holds an unknown declaration 0x${tag.toString(16)}`);
        }
    });
    return shape;
}
/** An alias declaration; its sort, which says whether it adds a type. */
function alias(r) {
    const sort = r.u8();
    if (sort === 0x00)
        r.u8(); // a core sort
    const target = r.u8(); // 0x00 an instance's export, 0x01 a core instance's export (index, name); 0x02 outer (count, index)
    if (target > 0x02)
        throw new errors/* ActionError */.l('wasm', `an alias has an unknown target 0x${target.toString(16)}`);
    r.u32();
    if (target === 0x02)
        r.u32();
    else
        r.string();
    return sort === 0x03 ? 'type' : 'other';
}
/** Primitive value types are one negative byte (0x64 and 0x73–0x7f); other value types are type indices. */
const isPrimitive = (b) => b === 0x64 || (b >= 0x73 && b <= 0x7f);
function valType(r) {
    if (isPrimitive(r.peek()))
        r.u8();
    else
        r.u32(); // a non-negative s33 reads as a u32
}
function definedValType(r, tag) {
    if (isPrimitive(tag))
        return;
    switch (tag) {
        case 0x72: // record
            return vec(r, () => (r.string(), valType(r)));
        case 0x71: // variant: each case's label, optional type, and optional refinement
            return vec(r, () => (r.string(), optional(r, () => valType(r)), optional(r, () => r.u32())));
        case 0x70: // list
        case 0x6b: // option
            return valType(r);
        case 0x63: // map
            return (valType(r), valType(r));
        case 0x67: // fixed-size list
            return (valType(r), void r.u32());
        case 0x6f: // tuple
            return vec(r, () => valType(r));
        case 0x6e: // flags
        case 0x6d: // enum
            return vec(r, () => r.string());
        case 0x6a: // result
            return (optional(r, () => valType(r)), optional(r, () => valType(r)));
        case 0x69: // own
        case 0x68: // borrow
            return void r.u32();
        case 0x66: // stream
        case 0x65: // future
            return optional(r, () => valType(r));
        default:
            throw new errors/* ActionError */.l('wasm', `it holds a type of unknown kind 0x${tag.toString(16)}`);
    }
}
function vec(r, each) {
    for (let count = r.u32(); count > 0; count--)
        each();
}
function optional(r, read) {
    const present = r.u8();
    if (present === 0x01)
        read();
    else if (present !== 0x00)
        throw new errors/* ActionError */.l('wasm', `an optional field has an invalid marker 0x${present.toString(16)}`);
}

;// CONCATENATED MODULE: ./src/wasm/sections.ts
// Reads a Wasm binary's top-level sections as its bytes stream past, keeping only what the config needs:
// module or component, and a component's import and export names. Everything else (core modules, nested
// components, custom sections, which are most of the bytes) is skipped, so memory stays flat whatever the
// file's size and the same pass can feed the digest.
//
// Binary format: WebAssembly/component-model design/mvp/Binary.md ("Component Definitions", "Import and
// Export Definitions"). The names are what wit-component's decoder turns into world keys and oci-wasm
// writes to the config (rust-oci-wasm src/component.rs: `world.imports.keys()`), in the component's order:
// an interface by its id with version (`wasi:http/types@0.2.0`), a function, inline instance or type by its
// plain name. Imports of types are world items (a world's `use` and type definitions); imports of core
// modules or components are not, and the decoder leaves them out. A world exports only functions and
// instances: a component exporting anything else cannot be described as a world, and oci-wasm (like jco)
// refuses it, so this does too. The one exception is a binary WIT package, whose every export is a type: its
// type sections are kept while the file may still be one, and wit-package.ts decodes them.







const MAGIC = [0x00, 0x61, 0x73, 0x6d];
/** The component binary version current tools write and wasmparser (wasmtime, jco) reads; earlier drafts differ. */
const COMPONENT_VERSION = 0x0d;
const CUSTOM_SECTION = 0;
const CORE_MODULE_SECTION = 1;
const TYPE_SECTION = 7;
const IMPORT_SECTION = 10;
const EXPORT_SECTION = 11;
/** Highest section id: components 12 (value), core modules 13 (tag, exception handling). */
const LAST_SECTION_ID = { component: 12, module: 13 };
/** Import and export sections are held in memory to be read: names only, so a few KiB in practice. */
const MAX_NAMES_SECTION = 16 * 1024 * 1024;
/** Core modules are layer 0 (version 1); components layer 1. */
function kindFromPreamble(preamble) {
    if (!MAGIC.every((b, i) => preamble[i] === b))
        throw new errors/* ActionError */.l('wasm', 'it does not start with \\0asm');
    const version = preamble[4] | (preamble[5] << 8);
    const layer = preamble[6] | (preamble[7] << 8);
    if (layer === 0) {
        if (version !== 1)
            throw new errors/* ActionError */.l('wasm', `it is a WebAssembly module of unknown version ${version}`);
        return 'module';
    }
    if (layer !== 1)
        throw new errors/* ActionError */.l('wasm', `it has an unknown WebAssembly layer ${layer}`);
    if (version !== COMPONENT_VERSION) {
        throw new errors/* ActionError */.l('wasm', `it is a component of binary version 0x${version.toString(16)}, not 0x${COMPONENT_VERSION.toString(16)}: rebuild it with current tools (runtimes refuse other versions)`);
    }
    return 'component';
}
/** Feed it the file's bytes in order with `push`, then call `end`. `fileSize`, when given, catches a section longer than the file at once. */
class TopLevelSections {
    fileSize;
    kind;
    names = { imports: [], exports: [] };
    /** What the binary says of itself in its top-level custom sections (metadata.ts). */
    metadata = {};
    /** Set when the component is a binary WIT package: every export a type (wit-package.ts). */
    witPackage;
    /** Exports a world cannot hold: refused at the end (one message for all), unless they make a WIT package. */
    otherExports = [];
    /**
     * The top level's type sections and type exports, in order, for a WIT package's types; decoded only if the
     * component turns out to be one. `undefined` once a section appears that no package has (imports, core
     * modules, aliases, …) or a type section too large to keep.
     */
    packageTypes = [];
    /** The names met so far, for the duplicate check: a set, so a component with many names reads in linear time. */
    seen = { import: new Set(), export: new Set() };
    /** Bytes of the preamble or of a section header not complete yet. */
    pending = [];
    skipping = 0;
    collecting;
    /** Bytes pushed before the current chunk, and where the section being read starts: for the error messages. */
    offset = 0;
    sectionStart = 0;
    /** cargo-auditable's list: in the file itself when it is a core module, else in a component's core module. */
    topLevelDeps = new auditable/* DepSectionFinder */.hc();
    nestedDeps;
    nestedPayload;
    constructor(fileSize) {
        this.fileSize = fileSize;
    }
    /** The payload of cargo-auditable's `.dep-v0` section, when the file has one. */
    get depSection() {
        return this.kind === 'module' ? this.topLevelDeps.payload : this.nestedPayload;
    }
    push(chunk) {
        if (this.kind !== 'component')
            this.topLevelDeps.push(chunk); // it stops by itself at a component's preamble
        let pos = 0;
        while (pos < chunk.length) {
            if (this.skipping > 0) {
                const n = Math.min(this.skipping, chunk.length - pos);
                this.nestedDeps?.push(chunk.subarray(pos, pos + n));
                this.skipping -= n;
                pos += n;
                if (this.skipping === 0 && this.nestedDeps) {
                    this.nestedPayload ??= this.nestedDeps.payload;
                    this.nestedDeps = undefined;
                }
            }
            else if (this.collecting) {
                const c = this.collecting;
                const n = Math.min(c.bytes.length - c.filled, chunk.length - pos);
                c.bytes.set(chunk.subarray(pos, pos + n), c.filled);
                c.filled += n;
                pos += n;
                if (c.filled === c.bytes.length) {
                    this.collecting = undefined;
                    this.readSection(c.id, c.bytes, c.at);
                }
            }
            else {
                if (this.pending.length === 0)
                    this.sectionStart = this.offset + pos;
                this.pending.push(chunk[pos++]);
                this.headerByte();
            }
        }
        this.offset += chunk.length;
    }
    end() {
        if (this.kind === undefined)
            throw new errors/* ActionError */.l('wasm', 'it ends inside the 8-byte preamble');
        if (this.pending.length > 0 || this.skipping > 0 || this.collecting) {
            throw new errors/* ActionError */.l('wasm', `it ends inside the section that starts at byte ${this.sectionStart}: the file is truncated`);
        }
        if (this.otherExports.length === 0)
            return;
        const listed = this.otherExports.map((e) => `${e.kind} ${JSON.stringify(e.name)}`).join(', ');
        if (this.names.exports.length > 0 || this.otherExports.some((e) => e.kind !== 'type')) {
            throw new errors/* ActionError */.l('wasm', `it exports ${listed}: a component's world exports only functions and interfaces`);
        }
        if (!this.packageTypes || this.names.imports.length > 0) {
            throw new errors/* ActionError */.l('wasm', `it exports only types (${listed}) but has sections a WIT package does not: it is neither a component nor a WIT package`);
        }
        try {
            this.witPackage = decodeWitPackage(this.packageTypes, this.otherExports);
        }
        catch (err) {
            if (!(0,errors/* isActionError */.B)(err, 'wasm'))
                throw err;
            throw new errors/* ActionError */.l('wasm', `it exports only types, as a WIT package does, but is not one: ${err.message}`);
        }
    }
    headerByte() {
        const p = this.pending;
        if (this.kind === undefined) {
            if (p.length === 8) {
                this.kind = kindFromPreamble(Uint8Array.from(p));
                this.pending = [];
            }
            return;
        }
        // Section header: id byte, then the content size as a LEB128 u32 (at most 5 bytes).
        if (p.length === 1 || (p[p.length - 1] & 0x80) !== 0) {
            if (p.length >= 6)
                throw new errors/* ActionError */.l('wasm', `the size of the section at byte ${this.sectionStart} is not a valid u32`);
            return;
        }
        const id = p[0];
        const size = u32(p, 1);
        const where = `the section at byte ${this.sectionStart}`;
        this.pending = [];
        if (id > LAST_SECTION_ID[this.kind])
            throw new errors/* ActionError */.l('wasm', `${where} has an unknown id ${id}`);
        if (id === CUSTOM_SECTION && size === 0)
            throw new errors/* ActionError */.l('wasm', `${where} is a custom section without a name`);
        if (this.fileSize !== undefined && this.sectionStart + p.length + size > this.fileSize) {
            throw new errors/* ActionError */.l('wasm', `${where} is ${size} bytes long, past the end of the file: the file is truncated`);
        }
        if (id === CUSTOM_SECTION && size <= MAX_METADATA_SECTION) {
            // Small custom sections are held to read their name: a metadata section is kept, any other dropped.
            this.collecting = { id, bytes: Buffer.alloc(size), filled: 0, at: this.sectionStart + p.length };
        }
        else if (this.kind === 'component' && (id === IMPORT_SECTION || id === EXPORT_SECTION || (id === TYPE_SECTION && this.packageTypes))) {
            if (size > MAX_NAMES_SECTION) {
                if (id !== TYPE_SECTION)
                    throw new errors/* ActionError */.l('wasm', `${where} holds ${size} bytes of imports or exports, more than this action reads`);
                this.packageTypes = undefined; // no WIT package has types this large; a component does not need them
                this.skipping = size;
                return;
            }
            const bytes = Buffer.alloc(size);
            const at = this.sectionStart + p.length; // where the section's content starts in the file
            if (size === 0)
                this.readSection(id, bytes, at);
            else
                this.collecting = { id, bytes, filled: 0, at };
        }
        else {
            if (id !== CUSTOM_SECTION && id !== TYPE_SECTION)
                this.packageTypes = undefined;
            this.skipping = size;
            // A component's core module (section id 1): look inside it for cargo-auditable's list, until one is found.
            if (this.kind === 'component' && id === CORE_MODULE_SECTION && size > 0 && !this.nestedPayload)
                this.nestedDeps = new auditable/* DepSectionFinder */.hc();
        }
    }
    /** `at`: the file offset of the section's content, so that errors can name a name's byte. */
    readSection(id, bytes, at) {
        if (id === CUSTOM_SECTION)
            return this.readCustom(bytes);
        if (id === TYPE_SECTION)
            return void this.packageTypes?.push({ section: bytes });
        const what = id === IMPORT_SECTION ? 'import' : 'export';
        try {
            const r = new Reader(bytes);
            const count = r.u32();
            for (let i = 0; i < count; i++) {
                const nameAt = at + r.position();
                const name = r.externName();
                if (id === IMPORT_SECTION) {
                    const { kind } = r.externDesc();
                    this.packageTypes = undefined; // a WIT package imports nothing
                    if (kind === 'instance' || kind === 'func' || kind === 'type')
                        this.add(this.names.imports, name, 'import', nameAt);
                }
                else {
                    const { kind, index } = r.sortIdx();
                    const ascribed = r.u8(); // an optional type ascription: 0x00 none, 0x01 an externdesc
                    if (ascribed === 0x01)
                        r.externDesc();
                    else if (ascribed !== 0x00)
                        throw new errors/* ActionError */.l('wasm', `the export ${JSON.stringify(name)} has an invalid type ascription byte 0x${ascribed.toString(16)}`);
                    if (kind === 'instance' || kind === 'func')
                        this.add(this.names.exports, name, 'export', nameAt);
                    else
                        this.otherExports.push({ name, kind, index: index });
                    // Every export adds an index to its sort's space: a type's is an alias the package's types may name.
                    if (kind === 'type')
                        this.packageTypes?.push({ exported: index });
                }
            }
            if (!r.done())
                throw new errors/* ActionError */.l('wasm', `${r.left()} bytes are left over after its ${count} entries`);
        }
        catch (err) {
            if (!(0,errors/* isActionError */.B)(err, 'wasm'))
                throw err;
            throw new errors/* ActionError */.l('wasm', `its ${what} section at byte ${this.sectionStart}: ${err.message}`);
        }
    }
    /** A custom section's name, then, for a metadata section, its payload. */
    readCustom(bytes) {
        const r = new Reader(bytes);
        let name;
        try {
            const length = r.u32();
            if (length > r.left())
                return;
            name = bytes.toString('latin1', r.position(), r.position() + length);
            if (isMetadataSection(name))
                readMetadataSection(this.metadata, name, bytes.subarray(r.position() + length));
        }
        catch {
            // a custom section's content is not this reader's to judge
        }
    }
    add(list, name, what, at) {
        const problem = nameProblem(name);
        if (problem)
            throw new errors/* ActionError */.l('wasm', `the ${what} ${JSON.stringify(name)} at byte ${at} is not a valid component-model name: ${problem}`);
        if (this.seen[what].has(name))
            throw new errors/* ActionError */.l('wasm', `the ${what} ${JSON.stringify(name)} at byte ${at} appears twice`);
        this.seen[what].add(name);
        list.push(name);
    }
}
/** The sections of a binary held in memory whole (a fetched WIT package), read and ended. */
function readSections(bytes) {
    const sections = new TopLevelSections(bytes.length);
    sections.push(bytes);
    sections.end();
    return sections;
}
/** A section header's size: a u32. */
function u32(bytes, from) {
    const value = (0,leb128/* leb128 */.v)(bytes, from);
    if (value > 0xffffffff)
        throw new errors/* ActionError */.l('wasm', 'a number is larger than a u32');
    return value;
}


/***/ })

};
