export const id = 376;
export const ids = [376,770];
export const modules = {

/***/ 20770:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

module.exports = __webpack_require__(20218);


/***/ }),

/***/ 20218:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {



var net = __webpack_require__(69278);
var tls = __webpack_require__(64756);
var http = __webpack_require__(58611);
var https = __webpack_require__(65692);
var events = __webpack_require__(24434);
var assert = __webpack_require__(42613);
var util = __webpack_require__(39023);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
exports.debug = debug; // for test


/***/ }),

/***/ 50513:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Io: () => (/* binding */ saveCache),
/* harmony export */   Ow: () => (/* binding */ cargoCachePlan),
/* harmony export */   P3: () => (/* binding */ restoreCache),
/* harmony export */   Pi: () => (/* binding */ cargoComponentCachePlan),
/* harmony export */   c9: () => (/* binding */ willSave),
/* harmony export */   fA: () => (/* binding */ codegenEnvironment)
/* harmony export */ });
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91863);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
// Build caches through @actions/cache: cargo's registry and git checkouts plus the crate's target/, and
// the installed cargo-component binary. A cache service that is missing or down only costs time: it logs
// a warning and the build goes on.


const short = (text) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha256').update(text).digest('hex').slice(0, 16);
/**
 * Exact key per lockfile and dependency declarations; restore keys fall back to the newest cache of the same
 * toolchain, target, profile and codegen environment (a cache built with other RUSTFLAGS is no use).
 */
function cargoCachePlan(f) {
    const prefix = `wasm-oci-publish-cargo-${f.os}-${short(f.toolchain)}-${f.builder}-${f.target}-${f.profile}-${short(f.codegenEnv)}-`;
    return {
        key: `${prefix}${short(f.lockfile + f.manifests)}`,
        restoreKeys: [prefix],
        paths: [`${f.cargoHome}/registry/index`, `${f.cargoHome}/registry/cache`, `${f.cargoHome}/git/db`, f.targetDir],
    };
}
function cargoComponentCachePlan(os, arch, version, cargoHome) {
    return { key: `wasm-oci-publish-cargo-component-${os}-${arch}-${version}`, restoreKeys: [], paths: [`${cargoHome}/bin/cargo-component`] };
}
/** Restores; returns the key that matched, or undefined (miss, or no cache service). */
async function restoreCache(plan, log) {
    if (!_actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .isFeatureAvailable */ .w3()) {
        log.warning('The cache service is not available here (local run or GHES without it): building without a cache.');
        return undefined;
    }
    try {
        const started = Date.now();
        const hit = await _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .restoreCache */ .P3([...plan.paths], plan.key, plan.restoreKeys);
        log.info(hit ? `cache restored from ${hit} in ${Date.now() - started} ms` : `cache miss in ${Date.now() - started} ms: no cache for ${plan.key}`);
        return hit;
    }
    catch (err) {
        log.warning(`Cache restore failed, building without it: ${err.message}`);
        return undefined;
    }
}
/** What in the environment changes the code rustc makes, as rust-cache keys on it: RUSTFLAGS, CARGO_* settings, the C toolchain. */
function codegenEnvironment(env) {
    return Object.keys(env)
        .filter((k) => /^(RUST|CARGO_(ENCODED_RUSTFLAGS|PROFILE_|BUILD_|TARGET_|INCREMENTAL|CFG_)|CC|CXX|CFLAGS|CXXFLAGS|AR|LD)/.test(k) && k !== 'RUSTUP_HOME')
        .sort()
        .map((k) => `${k}=${env[k]}`)
        .join('\n');
}
/** Whether saveCache would save: not when the exact key was restored (caches are immutable per key), nor without the service. */
function willSave(plan, restoredKey) {
    return restoredKey !== plan.key && _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .isFeatureAvailable */ .w3();
}
/** Saves unless the exact key was restored (caches are immutable per key). */
async function saveCache(plan, restoredKey, log) {
    if (!willSave(plan, restoredKey))
        return;
    try {
        const started = Date.now();
        await _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .saveCache */ .Io([...plan.paths], plan.key);
        log.info(`cache saved as ${plan.key} in ${Date.now() - started} ms`);
    }
    catch (err) {
        log.warning(`Cache save failed: ${err.message}`);
    }
}


/***/ }),

/***/ 33079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareWitDependencies: () => (/* binding */ prepareWitDependencies)
});

// UNUSED EXPORTS: passwordGoesTo

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/cargo/caches.ts
var caches = __webpack_require__(50513);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 1 modules
var exec = __webpack_require__(41955);
;// CONCATENATED MODULE: ./src/git/tracked.ts
// Whether a file is under version control, for wkg.lock: a committed lock may not change in CI (cargo's
// and wkg's `--locked`), one that is not is the run's to write.


/** False when git is missing, the directory is no checkout, or the file is not tracked. */
async function isTracked(file) {
    try {
        const out = await (0,exec/* getExecOutput */.H)('git', ['ls-files', '--error-unmatch', '--', (0,external_node_path_.basename)(file)], { cwd: (0,external_node_path_.dirname)(file), silent: true, ignoreReturnCode: true });
        return out.exitCode === 0;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/github/token-scope.ts
var token_scope = __webpack_require__(5907);
// EXTERNAL MODULE: ./src/oci/docker-config.ts
var docker_config = __webpack_require__(27520);
// EXTERNAL MODULE: ./src/publish/registry-client.ts
var registry_client = __webpack_require__(51666);
// EXTERNAL MODULE: ./src/oci/policy.ts
var policy = __webpack_require__(56771);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(62148);
// EXTERNAL MODULE: ./src/oci/spec.ts
var spec = __webpack_require__(54482);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(62088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
// EXTERNAL MODULE: ./src/oci/errors.ts
var oci_errors = __webpack_require__(28630);
// EXTERNAL MODULE: ./src/wasm/sections.ts + 4 modules
var wasm_sections = __webpack_require__(90622);
// EXTERNAL MODULE: ./src/wasm/inspect.ts
var inspect = __webpack_require__(25928);
;// CONCATENATED MODULE: ./src/wit/references.ts
// Which packages a crate's WIT needs from elsewhere: the foreign references in `wit/*.wit` (what wit-parser
// reads as the root package), less the packages those files define and those `wit/deps` already holds.
// WIT grammar (component-model design/mvp/WIT.md): a foreign item is `ns:pkg/name@version` in `use`,
// `import`, `export` and `include`; a package is declared by `package ns:pkg@version;` or, nested,
// `package ns:pkg@version { … }`.



const LABEL = '%?[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
const SEMVER = '\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?';
/** `ns:pkg/item@1.0.0`, anywhere in the text: only foreign references have a `:` before a `/`. */
const FOREIGN = new RegExp(`(?<![\\w:%-])(${LABEL}:${LABEL})/${LABEL}(?:@(${SEMVER}))?`, 'g');
const DECLARED = new RegExp(`\\bpackage\\s+(${LABEL}:${LABEL})(?:@(${SEMVER}))?\\s*[;{]`, 'g');
/** Comments are no references: `//` to the line's end (doc comments too) and `/* … *\/`. */
function withoutComments(text) {
    return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}
const key = (p) => (p.version ? `${p.name}@${p.version}` : p.name);
const clean = (label) => label.replaceAll('%', '');
/** The foreign packages the texts refer to, each once, without those the texts themselves declare. */
function foreignPackages(texts) {
    const declared = new Set();
    const wanted = new Map();
    for (const raw of texts) {
        const text = withoutComments(raw);
        for (const m of text.matchAll(DECLARED))
            declared.add(clean(m[1]));
        for (const m of text.matchAll(FOREIGN)) {
            const want = { name: clean(m[1]), ...(m[2] ? { version: m[2] } : {}) };
            wanted.set(key(want), want);
        }
    }
    return [...wanted.values()].filter((w) => !declared.has(w.name)).sort((a, b) => (key(a) < key(b) ? -1 : 1));
}
/** The `.wit` files directly in `dir` (wit-parser's root package), in name order; none when there is no such directory. */
async function witTexts(dir) {
    const names = await (0,promises_.readdir)(dir).catch(() => []);
    return Promise.all(names
        .filter((n) => n.endsWith('.wit'))
        .sort()
        .map((n) => (0,promises_.readFile)((0,external_node_path_.join)(dir, n), 'utf8')));
}
/**
 * The packages `wit/deps` holds, as `ns:pkg@version` and `ns:pkg`: each subdirectory's and each `.wit` file's
 * `package` declarations, and each `.wasm` WIT package's name (what wit-parser would load from there).
 */
async function packagesInDeps(depsDir) {
    const held = new Set();
    const entries = await (0,promises_.readdir)(depsDir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
        const path = (0,external_node_path_.join)(depsDir, entry.name);
        const texts = entry.isDirectory() ? await witTexts(path) : entry.name.endsWith('.wit') ? [await (0,promises_.readFile)(path, 'utf8')] : [];
        for (const text of texts) {
            for (const m of withoutComments(text).matchAll(DECLARED)) {
                held.add(clean(m[1]));
                if (m[2])
                    held.add(`${clean(m[1])}@${m[2]}`);
            }
        }
        if (entry.isFile() && entry.name.endsWith('.wasm')) {
            const facts = await (0,inspect/* inspectWasm */.J)(path)
                .then((i) => i.facts)
                .catch(() => undefined);
            if (facts?.kind === 'wit-package') {
                held.add(facts.name);
                if (facts.version)
                    held.add(`${facts.name}@${facts.version}`);
            }
        }
    }
    return held;
}
/** Whether `held` (packagesInDeps) satisfies the want: that version, or any version when none is asked. */
function isHeld(held, want) {
    return held.has(key(want));
}


// EXTERNAL MODULE: ./node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(3292);
;// CONCATENATED MODULE: ./src/wit/wkg-config.ts
// Where a WIT package lives, decided as wkg decides it (bytecodealliance/wasm-pkg-tools docs/configuration.md;
// wasm-pkg-common src/config.rs `resolve_registry`, wasm-pkg-client src/lib.rs `resolve_source` and
// src/oci/mod.rs `make_reference`): a package override, else its namespace's registry, else
// `default_registry`, else the built-in `wasi` → wasi.dev and `ba` → bytecodealliance.org. A mapping may carry
// the registry's metadata; otherwise it comes from the registry's well-known registry.json. The OCI
// reference is `<oci.registry>/<namespacePrefix><ns>/<name>:<version>`.





const FALLBACK = { wasi: 'wasi.dev', ba: 'bytecodealliance.org' };
function resolveRegistry(config, pkg) {
    const namespace = pkg.split(':')[0];
    const mapped = config.packageOverrides[pkg] ?? config.namespaceRegistries[namespace];
    if (mapped)
        return mapped;
    const registry = config.defaultRegistry ?? FALLBACK[namespace];
    return registry ? { registry } : undefined;
}
/** The OCI repository (without registry) and the registry holding `ns:name` under the metadata. */
function ociLocation(pkg, mapping, metadata) {
    const [namespace, name] = pkg.split(':');
    return { registry: metadata.oci?.registry ?? mapping.registry, repository: `${metadata.oci?.namespacePrefix ?? ''}${namespace}/${name}` };
}
/** registry.json's fields, the legacy `ociRegistry`/`ociNamespacePrefix` read too (wasm-pkg-common src/metadata.rs). */
function parseRegistryMetadata(value, where) {
    if (typeof value !== 'object' || value === null)
        throw new errors/* ActionError */.l('input', `${where}: registry metadata is not an object`);
    const v = value;
    const oci = (typeof v.oci === 'object' && v.oci !== null ? v.oci : {});
    const text = (x) => (typeof x === 'string' ? x : undefined);
    const registry = text(oci.registry) ?? text(v.ociRegistry);
    const namespacePrefix = text(oci.namespacePrefix) ?? text(v.ociNamespacePrefix);
    // These come from whoever serves registry.json: a registry is a host and port, nothing else (no scheme,
    // path, user or white space); a prefix is OCI repository characters, with no `..` or empty segment, so
    // that `<prefix><namespace>/<name>` stays a repository on that registry (parseRepository checks the rest).
    if (registry !== undefined && !/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(registry)) {
        throw new errors/* ActionError */.l('input', `${where}: the OCI registry ${JSON.stringify(registry)} is not a host name with an optional port`);
    }
    if (namespacePrefix !== undefined && (!/^[a-z0-9._/-]*$/.test(namespacePrefix) || /(?:^|\/)\.{1,2}(?:\/|$)|\/\/|^\//.test(namespacePrefix))) {
        throw new errors/* ActionError */.l('input', `${where}: the OCI namespace prefix ${JSON.stringify(namespacePrefix)} is not part of a repository name`);
    }
    const preferredProtocol = text(v.preferredProtocol) ?? (registry ? 'oci' : undefined);
    return {
        ...(preferredProtocol ? { preferredProtocol } : {}),
        ...(registry || namespacePrefix ? { oci: { ...(registry ? { registry } : {}), ...(namespacePrefix ? { namespacePrefix } : {}) } } : {}),
    };
}
/** wkg's config file: the `wkg-config` input, else `$XDG_CONFIG_HOME/wasm-pkg/config.toml` when it exists, else none. */
async function loadWkgConfig(path, env) {
    const file = path || (0,external_node_path_.join)(env.XDG_CONFIG_HOME || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.config'), 'wasm-pkg', 'config.toml');
    const text = await (0,promises_.readFile)(file, 'utf8').catch((err) => {
        if (!path && err.code === 'ENOENT')
            return undefined;
        throw new errors/* ActionError */.l('input', `cannot read the wkg config ${file}: ${err.message}`);
    });
    return text === undefined ? emptyConfig() : parseWkgConfig(text, file);
}
const emptyConfig = () => ({ namespaceRegistries: {}, packageOverrides: {}, registries: {} });
function parseWkgConfig(text, file) {
    let toml;
    try {
        toml = (0,dist/* parse */.qg)(text);
    }
    catch (err) {
        throw new errors/* ActionError */.l('input', `the wkg config ${file} is not valid TOML: ${err.message.split('\n')[0]}`);
    }
    const table = (name) => {
        const t = toml[name] ?? {};
        if (typeof t !== 'object' || t === null || Array.isArray(t))
            throw new errors/* ActionError */.l('input', `the wkg config ${file}: "${name}" is not a table`);
        return t;
    };
    const mappings = (name) => Object.fromEntries(Object.entries(table(name)).map(([k, v]) => [k, mapping(v, `${file}: ${name}."${k}"`)]));
    const config = emptyConfig();
    if (toml.default_registry !== undefined) {
        if (typeof toml.default_registry !== 'string')
            throw new errors/* ActionError */.l('input', `the wkg config ${file}: default_registry is not a string`);
        config.defaultRegistry = toml.default_registry;
    }
    config.namespaceRegistries = mappings('namespace_registries');
    config.packageOverrides = mappings('package_registry_overrides');
    for (const [name, value] of Object.entries(table('registry'))) {
        config.registries[name] = registrySettings(value?.oci, `${file}: registry."${name}".oci`);
    }
    return config;
}
function mapping(value, where) {
    if (typeof value === 'string')
        return { registry: value };
    const v = value;
    if (typeof v?.registry !== 'string')
        throw new errors/* ActionError */.l('input', `${where}: a registry name or { registry, metadata }`);
    return { registry: v.registry, ...(v.metadata !== undefined ? { metadata: parseRegistryMetadata(v.metadata, where) } : {}) };
}
/** `protocol = "http"` and `auth = { username, password }` (or base64 `user:password`), as wkg's OCI backend reads them. */
function registrySettings(value, where) {
    if (value === undefined)
        return {};
    const v = value;
    const settings = {};
    if (v.protocol !== undefined) {
        if (v.protocol !== 'http' && v.protocol !== 'https')
            throw new errors/* ActionError */.l('input', `${where}: protocol is "http" or "https"`);
        settings.protocol = v.protocol;
    }
    if (typeof v.auth === 'string') {
        const decoded = Buffer.from(v.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0)
            throw new errors/* ActionError */.l('input', `${where}: auth is base64 of "username:password"`);
        settings.auth = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    else if (v.auth !== undefined) {
        const a = v.auth;
        if (typeof a.username !== 'string' || typeof a.password !== 'string')
            throw new errors/* ActionError */.l('input', `${where}: auth needs username and password`);
        settings.auth = { username: a.username, password: a.password };
    }
    return settings;
}

;// CONCATENATED MODULE: ./src/wit/lock.ts
// wkg.lock and wkg.toml, the files of a wkg project (wasm-pkg-tools crates/wasm-pkg-core src/lock.rs and
// src/manifest.rs). The lock: `version = 1`, then `[[packages]]` sorted by name then registry, each with its
// `[[packages.versions]]`: the requirement (`=0.2.0`, or `*` for a reference without a version), the version
// it resolved to, and the digest of the package's wasm layer (not the manifest's).



const LOCK_FILE = 'wkg.lock';
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** The lock's packages; undefined when there is no lock file. */
async function readLock(path) {
    const text = await (0,promises_.readFile)(path, 'utf8').catch((err) => {
        if (err.code === 'ENOENT')
            return undefined;
        throw new errors/* ActionError */.l('input', `cannot read ${path}: ${err.message}`);
    });
    return text === undefined ? undefined : parseLock(text, path);
}
function parseLock(text, path) {
    const bad = (why) => new errors/* ActionError */.l('input', `${path} is not a wkg lock file: ${why}`);
    let toml;
    try {
        toml = (0,dist/* parse */.qg)(text);
    }
    catch (err) {
        throw bad(err.message.split('\n')[0]);
    }
    if (toml.version !== 1)
        throw bad(`version ${String(toml.version)}, where wkg writes 1`);
    const packages = toml.packages ?? toml.package ?? [];
    if (!Array.isArray(packages))
        throw bad('"packages" is not a list');
    return packages.map((p) => {
        const name = p.name;
        if (typeof name !== 'string')
            throw bad('a package has no name');
        const versions = (p.versions ?? p.version ?? []);
        if (!Array.isArray(versions))
            throw bad(`${name}: "versions" is not a list`);
        return {
            name,
            ...(typeof p.registry === 'string' ? { registry: p.registry } : {}),
            versions: versions.map((v) => {
                if (typeof v.requirement !== 'string' || typeof v.version !== 'string' || typeof v.digest !== 'string') {
                    throw bad(`${name}: a version needs requirement, version and digest`);
                }
                if (!DIGEST.test(v.digest))
                    throw bad(`${name} ${v.version}: the digest ${JSON.stringify(v.digest)} is not a sha256 digest`);
                return { requirement: v.requirement, version: v.version, digest: v.digest };
            }),
        };
    });
}
/** The entry for a package and requirement at a registry, as wkg's `LockFile::resolve` finds it. */
function lockedVersion(lock, name, registry, requirement) {
    return lock?.find((p) => p.name === name && p.registry === registry)?.versions.find((v) => v.requirement === requirement);
}
/** The lock file's text, sorted as wkg sorts it, so that the same resolution always writes the same bytes. */
function lockText(packages) {
    const sorted = [...packages]
        .sort((a, b) => (a.name === b.name ? (a.registry ?? '').localeCompare(b.registry ?? '') : a.name < b.name ? -1 : 1))
        .map((p) => ({ ...p, versions: [...p.versions].sort((a, b) => (a.requirement < b.requirement ? -1 : 1)) }));
    return `# This file is automatically generated.\n# It is not intended for manual editing.\n${(0,dist/* stringify */.As)({ version: 1, packages: sorted })}\n`;
}
async function readOverrides(path) {
    const text = await (0,promises_.readFile)(path, 'utf8').catch(() => undefined);
    if (text === undefined)
        return {};
    let toml;
    try {
        toml = (0,dist/* parse */.qg)(text);
    }
    catch (err) {
        throw new errors/* ActionError */.l('input', `${path} is not valid TOML: ${err.message.split('\n')[0]}`);
    }
    return Object.fromEntries(Object.entries(toml.overrides ?? {}).map(([name, o]) => [
        name,
        { ...(typeof o.path === 'string' ? { path: o.path } : {}), ...(typeof o.version === 'string' ? { version: o.version } : {}) },
    ]));
}

;// CONCATENATED MODULE: ./src/wit/fetch-deps.ts
// Fetches the WIT packages a crate's `wit/` needs into `wit/deps`, as `wkg wit fetch` does, before cargo
// builds it (wit-bindgen and cargo-component resolve `wit/deps/<ns>-<name>-<version>/package.wit`).
// Each package is located as wkg locates it (wkg-config.ts), pulled with this project's OCI client (the lock's
// layer digest, else the manifest of the version's tag), checked against its digest and decoded as a WIT
// package of that name and version; the packages it uses are fetched in turn, so that every directory holds a
// whole package (a package's embedded copies of its dependencies hold only what it uses). Nothing is written
// into wit/deps, and the lock is not touched, until every package is fetched, verified and printed.










/**
 * More WIT packages than any world uses (WASI 0.2 is a dozen): past it, a registry serving packages that each
 * use a new one would be followed, and every package held in memory, without end.
 */
const MAX_PACKAGES = 256;
/** WIT packages are kilobytes (wasi:http is 30 KB): anything past this is not one. */
const MAX_PACKAGE_BYTES = 16 * 1024 * 1024;
const fetch_deps_DIGEST = /^sha256:[0-9a-f]{64}$/;
async function fetchWitDependencies(req, io) {
    const texts = await witTexts(req.witDir);
    const depsDir = (0,external_node_path_.join)(req.witDir, 'deps');
    const held = req.mode === 'auto' ? await packagesInDeps(depsDir) : new Set();
    const queue = foreignPackages(texts).filter((w) => !isHeld(held, w));
    if (queue.length === 0)
        return { fetched: [] };
    await io.beforeFetch?.();
    const fetcher = new Fetcher(req, io);
    const pulled = new Map();
    const locals = new Map();
    for (let want = queue.shift(); want; want = queue.shift()) {
        if (pulled.has(key(want)) || locals.has(key(want)))
            continue;
        const localPath = req.overrides[want.name]?.path;
        let uses;
        if (localPath !== undefined) {
            const local = await readLocal(want, (0,external_node_path_.resolve)((0,external_node_path_.dirname)(req.witDir), localPath));
            locals.set(key(want), local.entry);
            io.info(`WIT package ${key(want)}: from ${localPath} (wkg.toml)`);
            uses = local.uses;
        }
        else {
            if (pulled.size >= (req.maxPackages ?? MAX_PACKAGES)) {
                throw new errors/* ActionError */.l('registry-protocol', `fetching ${key(want)} would make more than ${req.maxPackages ?? MAX_PACKAGES} WIT packages: the packages keep using new ones; nothing was written`);
            }
            const one = await fetcher.pull(want);
            pulled.set(key(want), one);
            uses = one.facts.uses.map(usedPackage);
        }
        for (const next of uses)
            if (!isHeld(held, next) && !pulled.has(key(next)) && !locals.has(key(next)))
                queue.push(next);
    }
    const lock = mergedLock(req.lock ?? [], [...pulled.values()].map((p) => p.entry));
    const changed = lockText(lock) !== lockText(req.lock ?? []);
    if (changed && req.locked) {
        const added = [...pulled.values()].filter((p) => !lockedVersion(req.lock, p.entry.name, p.entry.registry, p.entry.requirement));
        throw new errors/* ActionError */.l('input', `wkg.lock is committed but would change (${added.map((p) => `${p.entry.name}@${p.entry.version}`).join(', ')} not in it): ` +
            'run `wkg wit fetch` and commit wkg.lock, or remove it from version control');
    }
    await writeDeps(req.witDir, [...(await printAll([...pulled.values()])), ...locals.values()]);
    return { fetched: [...pulled.values()].map((p) => p.entry), ...(changed ? { lock } : {}) };
}
class Fetcher {
    req;
    io;
    metadata = new Map();
    constructor(req, io) {
        this.req = req;
        this.io = io;
    }
    async pull(want) {
        const { requirement, registry, location } = await this.locate(want);
        const repository = `${location.registry}/${location.repository}`;
        const client = await this.io.open(location.registry, location.repository, this.req.config.registries[registry] ?? {});
        let tried = repository;
        try {
            const locked = lockedVersion(this.req.lock, want.name, registry, requirement);
            let version = locked?.version;
            let digest = locked?.digest;
            if (!version || !digest) {
                version = want.version && requirement === `=${want.version}` ? want.version : await newest(client, requirement, repository);
                tried = `${repository}:${version}`;
                digest = await layerDigest(client, version, tried);
            }
            else {
                tried = `${repository}@${digest} (wkg.lock's ${version})`;
            }
            const directory = depsName(want.name, version); // before anything is read or cached
            const cached = await readCached(this.req.cacheDir, digest);
            const bytes = cached ?? (await client.fetchBlob(digest, MAX_PACKAGE_BYTES));
            if (!cached)
                await writeCached(this.req.cacheDir, digest, bytes);
            const facts = decodePackage(bytes, want.name, version);
            this.io.info(`WIT package ${want.name}@${version}: ${tried}, ${digest}${cached ? ' (cached)' : ''}`);
            const entry = { name: want.name, version, requirement, registry, reference: tried, digest, fromCache: !!cached, directory };
            return { entry, facts, bytes };
        }
        catch (err) {
            throw new errors/* ActionError */.l(errorKind(err), `cannot fetch the WIT package ${key(want)} from ${tried}: ${err instanceof Error ? err.message : String(err)}`);
        }
        finally {
            await client.close();
        }
    }
    /** The requirement (wkg.toml may override it), the registry's name in the config, and where its OCI artifacts are. */
    async locate(want) {
        if (this.req.overrides[want.name]?.path !== undefined) {
            throw new errors/* ActionError */.l('input', `wkg.toml takes ${want.name} from a local path, which this action does not copy: put the package in wit/deps, or run wkg wit fetch`);
        }
        const requirement = this.req.overrides[want.name]?.version ?? (want.version ? `=${want.version}` : '*');
        const mapping = resolveRegistry(this.req.config, want.name);
        if (!mapping) {
            const namespace = want.name.split(':')[0];
            throw new errors/* ActionError */.l('input', `no registry is known for ${key(want)}: map the namespace "${namespace}" in the wkg config ([namespace_registries] or default_registry), or put the package in wit/deps`);
        }
        const metadata = mapping.metadata ?? (await this.metadataOf(mapping.registry));
        return { requirement, registry: mapping.registry, location: ociLocation(want.name, mapping, metadata) };
    }
    metadataOf(registry) {
        let known = this.metadata.get(registry);
        if (!known) {
            known = this.io.metadata(registry).then((m) => m ?? {});
            this.metadata.set(registry, known);
        }
        return known;
    }
}
/** The kind a wrapped failure keeps: the registry's refusal of credentials stays one. */
function errorKind(err) {
    if (err instanceof errors/* ActionError */.l)
        return err.kind;
    if (err instanceof oci_errors/* RegistryError */.gl)
        return err.status === 401 || err.status === 403 ? 'credentials' : 'registry-protocol';
    return 'network';
}
/** `wasi:io/streams@0.2.0` → `wasi:io@0.2.0`. */
function usedPackage(id) {
    const [item, version] = id.split('@');
    return { name: item.slice(0, item.indexOf('/')), ...(version ? { version } : {}) };
}
/** `namespace:package`, one namespace (a nested one, `a:b:c`, would put a `:` in a file name), kebab-case labels. */
const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*:[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;
/**
 * wkg's directory name (wasm-pkg-core src/wit.rs): `wasi:http@0.2.0` → `wasi-http-0.2.0`. The name and version
 * come from a registry, a fetched package or wkg.lock: anything but one namespace, one package and a semver
 * version is refused, so no `..`, separator, NUL or look-alike ever reaches a path under wit/deps.
 */
function depsName(name, version) {
    const versionOk = version === undefined || (semver_default().valid(version) !== null && /^[0-9][0-9A-Za-z.+-]*$/.test(version));
    if (!PACKAGE_NAME.test(name) || !versionOk) {
        throw new errors/* ActionError */.l('wasm', `the WIT package ${JSON.stringify(name)}${version === undefined ? '' : ` version ${JSON.stringify(version)}`} cannot be a directory under wit/deps: ` +
            'a package is namespace:name (one namespace, kebab-case) with a semver version');
    }
    return `${name.replace(':', '-')}${version === undefined ? '' : `-${version}`}`;
}
/** The newest tag that satisfies a requirement (`*`, `^0.2`), from the repository's tags, as wkg lists versions. */
async function newest(client, requirement, repository) {
    if (!semver_default().validRange(requirement))
        throw new errors/* ActionError */.l('input', `"${requirement}" is not a version requirement`);
    const versions = (await client.listTags()).filter((t) => semver_default().valid(t) === t);
    const best = semver_default().maxSatisfying(versions, requirement);
    if (!best)
        throw new errors/* ActionError */.l('registry-protocol', `${repository} has no version that satisfies ${requirement} (tags: ${versions.join(', ') || 'none'})`);
    return best;
}
/** The manifest's one `application/wasm` layer: its digest is what the lock records. */
async function layerDigest(client, tag, reference) {
    const manifest = await client.getManifest(tag);
    if (!manifest)
        throw new errors/* ActionError */.l('registry-protocol', `the registry has no manifest ${reference} (404)`);
    let layers;
    try {
        layers = JSON.parse(manifest.bytes.toString('utf8')).layers;
    }
    catch {
        throw new errors/* ActionError */.l('registry-protocol', `the manifest ${reference} is not JSON`);
    }
    const wasm = Array.isArray(layers) ? layers.find((l) => l.mediaType === 'application/wasm') : undefined;
    if (typeof wasm?.digest !== 'string' || !fetch_deps_DIGEST.test(wasm.digest)) {
        throw new errors/* ActionError */.l('registry-protocol', `the manifest ${reference} has no application/wasm layer with a sha256 digest: it is not a Wasm OCI artifact`);
    }
    return wasm.digest;
}
function decodePackage(bytes, name, version) {
    const sections = (0,wasm_sections/* readSections */.jn)(bytes);
    const pkg = sections.witPackage;
    if (!pkg)
        throw new errors/* ActionError */.l('wasm', `it is a ${sections.kind ?? 'file'}, not a WIT package`);
    if (pkg.name !== name || pkg.version !== version) {
        throw new errors/* ActionError */.l('wasm', `it is the WIT package ${pkg.name}${pkg.version ? `@${pkg.version}` : ''}, not ${name}@${version}`);
    }
    return pkg;
}
function mergedLock(old, fetched) {
    const lock = old.map((p) => ({ ...p, versions: [...p.versions] }));
    for (const f of fetched) {
        let pkg = lock.find((p) => p.name === f.name && p.registry === f.registry);
        if (!pkg)
            lock.push((pkg = { name: f.name, registry: f.registry, versions: [] }));
        pkg.versions = pkg.versions.filter((v) => v.requirement !== f.requirement);
        pkg.versions.push({ requirement: f.requirement, version: f.version, digest: f.digest });
    }
    return lock;
}
/** Each package as WIT text, printed by jco (wit-component's printer): the files wkg's text output writes. */
async function printAll(pulled) {
    // Loaded on first use: the printer is 4 MB of wasm that only this step needs.
    const { $init, unpackWit } = await import(/* webpackIgnore: true */ '@bytecodealliance/jco-transpile/component');
    await $init;
    return pulled.map(({ entry, bytes }) => {
        const spec = `${entry.name}@${entry.version}`;
        let text;
        try {
            text = unpackWit(spec, bytes).get('package.wit');
        }
        catch (err) {
            const payload = err.payload;
            throw new errors/* ActionError */.l('wasm', `cannot print the WIT package ${spec} as text: ${payload ? `${payload.tag}: ${JSON.stringify(payload.val)}` : err.message}`);
        }
        if (!text)
            throw new errors/* ActionError */.l('wasm', `cannot print the WIT package ${spec} as text: the printer gave no package.wit`);
        return { name: entry.directory, files: [{ name: 'package.wit', content: text }] };
    });
}
/**
 * A package wkg.toml takes from a local path, copied as wkg copies one (wasm-pkg-core src/wit.rs
 * `write_local_dep`): a directory's files, or a .wit file, into `deps/<ns>-<name>[-<version>]/`; a binary
 * package as `deps/<ns>-<name>.wasm`. What it uses is fetched in turn.
 */
async function readLocal(want, path) {
    const info = await (0,promises_.stat)(path).catch(() => undefined);
    if (!info)
        throw new errors/* ActionError */.l('input', `wkg.toml takes ${want.name} from ${path}, which does not exist`);
    const base = depsName(want.name, want.version);
    if (info.isFile() && path.endsWith('.wasm')) {
        const bytes = await (0,promises_.readFile)(path);
        const sections = (0,wasm_sections/* readSections */.jn)(bytes);
        if (!sections.witPackage)
            throw new errors/* ActionError */.l('wasm', `wkg.toml takes ${want.name} from ${path}, which is not a WIT package`);
        return {
            entry: { name: `${base}.wasm`, files: [{ name: `${base}.wasm`, content: bytes }], single: true },
            uses: sections.witPackage.uses.map(usedPackage),
        };
    }
    const names = info.isDirectory() ? (await (0,promises_.readdir)(path)).filter((n) => n.endsWith('.wit')).sort() : [(0,external_node_path_.basename)(path)];
    const dir = info.isDirectory() ? path : (0,external_node_path_.dirname)(path);
    const files = await Promise.all(names.map(async (name) => ({ name, content: await (0,promises_.readFile)((0,external_node_path_.join)(dir, name), 'utf8') })));
    return { entry: { name: base, files }, uses: foreignPackages(files.map((f) => f.content)) };
}
/** Every entry written to a staging directory beside wit/deps, then each moved into place. */
async function writeDeps(witDir, entries) {
    const staging = await (0,promises_.mkdtemp)((0,external_node_path_.join)(witDir, '.deps-'));
    try {
        for (const entry of entries) {
            if (!entry.single)
                await (0,promises_.mkdir)((0,external_node_path_.join)(staging, entry.name));
            for (const file of entry.files)
                await (0,promises_.writeFile)((0,external_node_path_.join)(staging, entry.single ? '' : entry.name, file.name), file.content);
        }
        await (0,promises_.mkdir)((0,external_node_path_.join)(witDir, 'deps'), { recursive: true });
        for (const { name } of entries) {
            await (0,promises_.rm)((0,external_node_path_.join)(witDir, 'deps', name), { recursive: true, force: true });
            await (0,promises_.rename)((0,external_node_path_.join)(staging, name), (0,external_node_path_.join)(witDir, 'deps', name));
        }
    }
    finally {
        await (0,promises_.rm)(staging, { recursive: true, force: true });
    }
}
async function readCached(dir, digest) {
    if (!dir)
        return undefined;
    const bytes = await (0,promises_.readFile)((0,external_node_path_.join)(dir, `${digest.replace(':', '-')}.wasm`)).catch(() => undefined);
    // A cached file is believed only when it still has its digest.
    return bytes && (0,spec/* sha256Digest */.sI)(bytes) === digest ? bytes : undefined;
}
async function writeCached(dir, digest, bytes) {
    if (!dir)
        return;
    await (0,promises_.mkdir)(dir, { recursive: true });
    const path = (0,external_node_path_.join)(dir, `${digest.replace(':', '-')}.wasm`);
    await (0,promises_.writeFile)(`${path}.tmp`, bytes);
    await (0,promises_.rename)(`${path}.tmp`, path);
}

// EXTERNAL MODULE: ./src/oci/transport.ts + 2 modules
var oci_transport = __webpack_require__(54510);
;// CONCATENATED MODULE: ./src/wit/registry-metadata.ts
// A registry's well-known metadata, `/.well-known/wasm-pkg/registry.json` (wasm-pkg-tools
// docs/registry-metadata.md; wasm-pkg-client src/metadata.rs): over HTTPS, plain HTTP for loopback hosts as
// wkg does. A 404 or any failure means none, and wkg then uses the registry's name as its OCI registry with no
// prefix; the failure is told, since it usually explains a "not found" that follows.


const METADATA_PATH = '/.well-known/wasm-pkg/registry.json';
async function fetchRegistryMetadata(registry, options, warn) {
    const transport = new oci_transport/* Transport */.o({ ...options, registry, plainHttp: false });
    try {
        const res = await transport.send({ method: 'GET', url: METADATA_PATH, expect: [200, 404], operation: `read of ${registry}'s registry metadata` }, '');
        if (res.status === 404)
            return undefined;
        return parseRegistryMetadata(JSON.parse(res.body.toString('utf8')), `${transport.base.origin}${METADATA_PATH}`);
    }
    catch (err) {
        warn(`No registry metadata from ${transport.base.origin}${METADATA_PATH} (${err.message}): using ${registry} itself as its OCI registry`);
        return undefined;
    }
    finally {
        await transport.close();
    }
}

;// CONCATENATED MODULE: ./src/publish/wit-deps.ts
// The WIT dependencies step before a build, wired: wkg's config, the crate's wkg.toml and wkg.lock (and
// whether the lock is committed), fetched packages kept by digest in the Actions cache, and credentials for
// each registry, then wit/fetch-deps.ts does the fetching.

















async function prepareWitDependencies(settings, ctx) {
    const { mode, wkgConfig } = settings.witDeps;
    if (mode === 'false' || !settings.build)
        return;
    const crateDir = (0,external_node_path_.resolve)(settings.build.workingDirectory);
    const witDir = (0,external_node_path_.join)(crateDir, 'wit');
    if (!(0,external_node_fs_.existsSync)(witDir)) {
        if (mode === 'fetch')
            throw new errors/* ActionError */.l('input', `"wit-deps" is fetch, but ${settings.build.workingDirectory} has no wit directory`);
        return;
    }
    const lockPath = (0,external_node_path_.join)(crateDir, LOCK_FILE);
    const lock = await readLock(lockPath);
    const cacheDir = (0,external_node_path_.join)(ctx.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'wasm-oci-publish', 'wit-packages');
    const cachePlan = (lockBytes) => ({
        key: `wasm-oci-publish-wit-${(0,spec/* sha256Digest */.sI)(Buffer.from(lockBytes)).slice(7, 23)}`,
        restoreKeys: ['wasm-oci-publish-wit-'],
        paths: [cacheDir],
    });
    let restored;
    const result = await fetchWitDependencies({
        witDir,
        mode,
        config: await loadWkgConfig(wkgConfig || undefined, ctx.env),
        overrides: await readOverrides((0,external_node_path_.join)(crateDir, 'wkg.toml')),
        lock,
        locked: lock !== undefined && (await isTracked(lockPath)),
        cacheDir,
    }, {
        beforeFetch: async () => {
            if (settings.build?.cache)
                restored = await (0,caches/* restoreCache */.P3)(cachePlan(lockText(lock ?? [])), ctx.log);
        },
        open: (registry, repository, registrySettings) => openPullClient(settings, ctx, registry, repository, registrySettings),
        metadata: (registry) => fetchRegistryMetadata(registry, { retry: new policy/* RetryPolicy */.fU(settings.retry), timeouts: settings.timeouts, proxyEnv: ctx.env }, (line) => ctx.log.warning(line)),
        info: (line) => ctx.log.info(line),
    });
    if (result.fetched.length === 0)
        return;
    ctx.log.info(`WIT dependencies in ${(0,external_node_path_.join)(settings.build.workingDirectory, 'wit', 'deps')}: ${result.fetched.map((f) => f.directory).join(', ')}`);
    if (result.lock) {
        await (0,promises_.writeFile)(lockPath, lockText(result.lock));
        ctx.log.info(`${LOCK_FILE} ${lock ? 'updated' : 'written'}`);
    }
    if (settings.build.cache && result.fetched.some((f) => !f.fromCache))
        await (0,caches/* saveCache */.Io)(cachePlan(lockText(result.lock ?? lock ?? [])), restored, ctx.log);
}
/** The `password` input is for the images' registries, and a GitHub token for GitHub's registry: never elsewhere. */
function passwordGoesTo(settings, registry, serverUrl) {
    const { password } = settings;
    if (password === '' || (0,token_scope/* withholdGitHubToken */.Ex)(password, registry, serverUrl))
        return false;
    return settings.repositories.some((r) => r.registry === registry) || ((0,token_scope/* isGitHubAppToken */.o2)(password) && (0,token_scope/* isGitHubRegistry */.vX)(registry, serverUrl));
}
/**
 * A pull-only client. Credentials, each sent only to the registry it belongs to: the wkg config's for that
 * registry; the `password` input where it would go for a push (an image's registry, or the GitHub token to
 * GitHub's registry); Docker's config and helpers; else anonymous.
 */
async function openPullClient(settings, ctx, registry, repository, registrySettings) {
    const credentials = registrySettings.auth ??
        (passwordGoesTo(settings, registry, ctx.serverUrl)
            ? { username: settings.username, password: settings.password }
            : await (0,docker_config/* credentialsFromDockerConfig */.N3)(registry, ctx.env));
    return (0,registry_client/* registryClient */.R)(settings, (0,reference/* parseRepository */.SU)(`${registry}/${repository}`), credentials, { env: ctx.env, mask: ctx.mask }, { pullOnly: true, plainHttp: registrySettings.protocol === 'http' });
}


/***/ })

};
