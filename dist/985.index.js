export const id = 985;
export const ids = [985,770,104];
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

/***/ 14104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildCrates: () => (/* binding */ buildCrates),
  cargoMetadata: () => (/* binding */ cargoMetadata)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 1 modules
var exec = __webpack_require__(41955);
// EXTERNAL MODULE: ./src/cargo/commands.ts
var commands = __webpack_require__(64212);
;// CONCATENATED MODULE: ./src/cargo/cargo-messages.ts
// Reading cargo's output: the JSON messages on stdout (`--message-format=json-render-diagnostics`: cargo
// reference, "External tools" → "JSON messages") and the rendered diagnostics on stderr.
/** The `.wasm` files among a stream of cargo JSON messages; never a guess at target/ paths. */
function wasmArtifacts(stdoutLines) {
    const found = new Map();
    for (const line of stdoutLines) {
        if (!line.startsWith('{'))
            continue; // build scripts may print plain lines
        let message;
        try {
            message = JSON.parse(line);
        }
        catch {
            continue;
        }
        if (message.reason !== 'compiler-artifact')
            continue;
        const artifact = message;
        for (const path of artifact.filenames.filter((f) => f.endsWith('.wasm'))) {
            found.set(path, { path, packageId: artifact.package_id, targetName: artifact.target.name, kinds: artifact.target.kind, fresh: artifact.fresh === true });
        }
    }
    return [...found.values()];
}
/**
 * Every package cargo compiled, by package id: `host` when all of its units were built for the build machine
 * (a proc-macro, a build script, a build-dependency), not for `target`. Cargo puts the target's units under
 * `target/<triple>/` when a --target is given, as this action always gives one; the rest is host code that
 * never reaches the .wasm. Dev-dependencies and other workspace members are not compiled, so not listed.
 */
function compiledPackages(stdoutLines, target) {
    const triple = target
        .replace(/\.json$/, '')
        .split(/[\\/]/)
        .pop() ?? target; // a custom target's JSON file names its directory
    const compiled = new Map();
    for (const line of stdoutLines) {
        if (!line.startsWith('{'))
            continue;
        let message;
        try {
            message = JSON.parse(line);
        }
        catch {
            continue;
        }
        if (message.reason !== 'compiler-artifact' || !message.package_id)
            continue;
        const forTarget = (message.filenames ?? []).some((f) => f.split(/[\\/]/).includes(triple));
        const seen = compiled.get(message.package_id);
        compiled.set(message.package_id, { host: (seen?.host ?? true) && !forTarget });
    }
    return compiled;
}
/**
 * The first error rustc reported, from cargo's rendered diagnostics:
 *   error[E0308]: mismatched types
 *    --> src/main.rs:2:18
 * Paths are relative to the workspace root, where cargo runs rustc.
 */
function firstCompilerError(stderrLines) {
    let first;
    for (let i = 0; i < stderrLines.length; i++) {
        const m = /^error(?:\[E\d+\])?: (.*)$/.exec(stripAnsi(stderrLines[i]));
        if (!m)
            continue;
        const at = i + 1 < stderrLines.length ? /^\s*--> (.+?):(\d+):(\d+)\s*$/.exec(stripAnsi(stderrLines[i + 1])) : null;
        if (at)
            return { message: m[1], file: at[1], line: Number(at[2]), column: Number(at[3]) };
        first ??= { message: m[1] };
    }
    return first;
}
function stripAnsi(line) {
    // eslint-disable-next-line no-control-regex
    return line.replace(/\x1b\[[0-9;]*m/g, '');
}

// EXTERNAL MODULE: ./src/cargo/crate.ts
var cargo_crate = __webpack_require__(24207);
// EXTERNAL MODULE: ./src/cargo/caches.ts
var caches = __webpack_require__(50513);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/cargo/prune.ts
// What the build cache holds of target/ and cargo's registry: what Swatinem/rust-cache keeps (src/cleanup.ts
// there) and nothing else. Left out: `incremental/`; the workspace's own crates (rebuilt anyway on GitHub,
// where a fresh checkout's sources are newer than any cached fingerprint); dependency artifacts this build
// did not use (an older Cargo.lock's, restored from an older cache: kept, they make every cache larger than
// the last); and downloaded .crate files not in Cargo.lock. "Used" is what cargo's own JSON messages name,
// fresh units included: every compiler-artifact's files and every build script's out_dir, each carrying the
// unit's 16-hex metadata hash that also names its deps/, build/ and .fingerprint/ entries.
//
// The files are not deleted: the step's user may still want target/ (and this step reads the built .wasm
// after the save). They are moved aside, beside target/ (the same filesystem, so a rename), for the save,
// then moved back; the cache paths stay the same on every run, as @actions/cache's version needs.



/** A unit's metadata hash in a file or directory name: `libserde-0123456789abcdef.rlib`, `serde-0123456789abcdef`. */
const UNIT_HASH = /-([0-9a-f]{16})(?:\.|$)/;
/** The unit hashes of packages outside the workspace that this build compiled or found fresh. */
function usedDependencyUnits(stdoutLines, members) {
    const used = new Set();
    const add = (path) => {
        for (const part of path.split(/[\\/]/).reverse().slice(0, 3)) {
            const hash = UNIT_HASH.exec(part)?.[1];
            if (hash)
                return void used.add(hash);
        }
    };
    for (const line of stdoutLines) {
        if (!line.startsWith('{'))
            continue;
        let m;
        try {
            m = JSON.parse(line);
        }
        catch {
            continue;
        }
        if (!m.package_id || members.has(m.package_id))
            continue;
        if (m.reason === 'compiler-artifact')
            (m.filenames ?? []).forEach(add);
        if (m.reason === 'build-script-executed' && m.out_dir)
            add(m.out_dir);
    }
    return used;
}
/**
 * Moves aside what the cache should not hold: in every profile directory of `targetDir` (`release`,
 * `wasm32-wasip2/release`, …), `incremental/`, `examples/`, its top-level files (the members' outputs), and the
 * entries of `deps/`, `build/` and `.fingerprint/` whose unit is not in `used`; in `registryCache`, the .crate
 * files that are not `<name>-<version>` of a Cargo.lock package.
 */
async function stashUnneeded(targetDir, used, registryCache, lockPackages) {
    const moves = [];
    for (const profile of await profileDirs(targetDir)) {
        for (const entry of await entries(profile)) {
            const path = (0,external_node_path_.join)(profile, entry.name);
            if (entry.isDirectory() && ['deps', 'build', '.fingerprint'].includes(entry.name)) {
                for (const unit of await entries(path)) {
                    const hash = UNIT_HASH.exec(unit.name)?.[1];
                    if (!hash || !used.has(hash))
                        moves.push({ root: targetDir, path: (0,external_node_path_.join)(path, unit.name) });
                }
            }
            else if (entry.name !== '.cargo-lock') {
                moves.push({ root: targetDir, path }); // incremental/, examples/, the members' outputs
            }
        }
    }
    for (const index of await entries(registryCache)) {
        for (const crate of await entries((0,external_node_path_.join)(registryCache, index.name))) {
            if (!lockPackages.has(crate.name.replace(/\.crate$/, '')))
                moves.push({ root: registryCache, path: (0,external_node_path_.join)(registryCache, index.name, crate.name) });
        }
    }
    const asides = new Map();
    const done = [];
    let bytes = 0;
    try {
        for (const { root, path } of moves) {
            if (!asides.has(root))
                asides.set(root, await aside(root));
            const to = (0,external_node_path_.join)(asides.get(root), (0,external_node_path_.relative)(root, path));
            bytes += await size(path);
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(to), { recursive: true });
            await (0,promises_.rename)(path, to);
            done.push([path, to]);
        }
    }
    catch (err) {
        await putBack(done, [...asides.values()]);
        throw err;
    }
    return { moved: done.length, bytes, restore: () => putBack(done, [...asides.values()]) };
}
/** Every entry back where it was, as far as each rename goes; the aside directories go only when emptied. */
async function putBack(done, asides) {
    const failed = [];
    for (const [from, to] of done.reverse())
        await (0,promises_.rename)(to, from).catch((err) => failed.push(`${from} (${err.message})`));
    if (failed.length > 0) {
        throw new errors/* ActionError */.l('build', `${failed.length} entries moved aside for the cache save could not be put back, the first ${failed[0]}: they are in ${asides.join(', ')}`);
    }
    await Promise.all(asides.map((a) => (0,promises_.rm)(a, { recursive: true, force: true })));
}
/** A fresh directory beside `dir` (so on its filesystem): renames into it are cheap and atomic. */
function aside(dir) {
    return (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_path_.dirname)(dir), '.wasm-oci-publish-aside-'));
}
/** Directories holding what cargo writes per profile (`deps/`, `build/`, `.fingerprint/`, `incremental/`): `target/release`, `target/<triple>/release`. */
const PROFILE_PARTS = new Set(['deps', 'build', '.fingerprint', 'incremental']);
async function profileDirs(targetDir) {
    const found = [];
    const visit = async (dir, depth) => {
        const names = (await entries(dir)).filter((e) => e.isDirectory()).map((e) => e.name);
        if (names.some((n) => PROFILE_PARTS.has(n)))
            return void found.push(dir);
        if (depth < 2)
            for (const name of names)
                await visit((0,external_node_path_.join)(dir, name), depth + 1);
    };
    await visit(targetDir, 0);
    return found;
}
async function entries(dir) {
    return (0,promises_.readdir)(dir, { withFileTypes: true }).catch(() => []);
}
/** Bytes under `path`, symbolic links not followed (a build script's out/ may hold any). */
async function size(path) {
    const info = await (0,promises_.lstat)(path);
    if (!info.isDirectory())
        return info.size;
    let total = 0;
    for (const e of await entries(path))
        total += await size((0,external_node_path_.join)(path, e.name));
    return total;
}

// EXTERNAL MODULE: ./src/cargo/cargo-lock.ts
var cargo_lock = __webpack_require__(65246);
// EXTERNAL MODULE: ./src/wasm/inspect.ts
var inspect = __webpack_require__(25928);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./src/wasm/adapter.ts
// A preview1 core module → a component, with the WASI preview1 adapter jco ships: the command adapter
// for a `bin` (it exports wasi:cli/run), the reactor adapter for a library (`cdylib`).





/** Beside the bundle (dist/adapters, copied by scripts/bundle.mjs), or in jco's package when run from src/. */
function adapterPath(kind) {
    const file = `wasi_snapshot_preview1.${kind}.wasm`;
    const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    const candidates = [(0,external_node_path_.join)(here, 'adapters', file)];
    for (let dir = here; dir !== (0,external_node_path_.dirname)(dir); dir = (0,external_node_path_.dirname)(dir))
        candidates.push((0,external_node_path_.join)(dir, 'node_modules', '@bytecodealliance', 'jco', 'lib', file));
    const found = candidates.find((p) => (0,external_node_fs_.existsSync)(p));
    if (!found)
        throw new errors/* ActionError */.l('build', `the WASI preview1 ${kind} adapter is missing (looked in ${candidates[0]})`);
    return found;
}
async function componentize(core, kind) {
    // Left to Node at run time (webpackIgnore): ncc would otherwise hoist this external to a static import at
    // the top of dist/index.js, and every run would load and compile jco's wasm, build or not.
    const { componentNew } = await import(/* webpackIgnore: true */ '@bytecodealliance/jco-transpile/wasm-tools');
    const adapter = await (0,promises_.readFile)(adapterPath(kind));
    return componentNew(core, [['wasi_snapshot_preview1', adapter]]);
}

;// CONCATENATED MODULE: ./src/cargo/build-crate.ts
// A Rust crate → the .wasm component to publish: pick the mode, restore caches, run cargo (or cargo
// component), find the artifact in cargo's JSON messages, turn a preview1 module into a component, save
// caches, and read the crate's own metadata.














/**
 * One cargo build; `all`: every .wasm it produced (a workspace's components, one build for all of them),
 * else exactly one (more is an error that names them).
 */
async function buildCrates(s, log, env, all) {
    const cwd = (0,external_node_path_.resolve)(s.workingDirectory);
    if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(cwd, 'Cargo.toml'))) {
        throw new errors/* ActionError */.l('build', `there is no Cargo.toml in ${s.workingDirectory}: set "working-directory" to the crate, or give a prebuilt "component"`);
    }
    const metadata = await cargoMetadata(cwd);
    const mode = s.mode !== 'auto'
        ? s.mode
        : (0,cargo_crate/* crateFacts */.T)(metadata, undefined, (0,external_node_path_.join)(cwd, 'Cargo.toml'))?.usesCargoComponent || onPath('cargo-component', env)
            ? 'cargo-component'
            : 'cargo';
    const target = s.target || (mode === 'cargo' ? commands/* DEFAULT_CARGO_TARGET */.f_ : 'wasm32-wasip1');
    const cargoHome = env.CARGO_HOME ?? (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cargo');
    log.info(`building ${cwd} with ${mode === 'cargo' ? 'cargo' : 'cargo-component'} for ${target} (${s.profile})`);
    if (mode === 'cargo-component')
        await ensureCargoComponent(s, cargoHome, cwd, log, env);
    const lockfile = await (0,promises_.readFile)((0,external_node_path_.join)(metadata.workspace_root, 'Cargo.lock'), 'utf8').catch(() => '');
    const plan = s.cache
        ? (0,caches/* cargoCachePlan */.Ow)({
            os: `${(0,external_node_os_.platform)()}-${(0,external_node_os_.arch)()}`,
            toolchain: await toolchainId(cwd),
            target,
            profile: s.profile,
            lockfile,
            cargoHome,
            targetDir: metadata.target_directory,
            builder: mode === 'cargo' ? 'cargo' : `cargo-component-${s.cargoComponentVersion}`,
            manifests: JSON.stringify(metadata.packages.map((p) => [p.name, p.dependencies ?? [], p.features ?? {}])),
            codegenEnv: (0,caches/* codegenEnvironment */.fA)(env),
        })
        : undefined;
    const restored = plan ? await (0,caches/* restoreCache */.P3)(plan, log) : undefined;
    const args = (0,commands/* buildCommand */.Oe)({ mode, profile: s.profile, target: s.target, cargoArgs: s.cargoArgs });
    const started = Date.now();
    const run = await log.group(`cargo ${args.join(' ')}`, () => runCargo(args, cwd, log));
    if (run.code !== 0) {
        const err = firstCompilerError(run.stderr);
        if (err?.file) {
            const file = (0,external_node_path_.relative)(env.GITHUB_WORKSPACE ?? process.cwd(), (0,external_node_path_.isAbsolute)(err.file) ? err.file : (0,external_node_path_.join)(metadata.workspace_root, err.file));
            log.error(err.message, { file, line: err.line, column: err.column });
        }
        throw new errors/* ActionError */.l('build', `the build failed${err ? `: ${err.message}${err.file ? ` (${err.file}:${err.line}:${err.column})` : ''}` : ` (cargo exited with ${run.code})`}`);
    }
    const found = wasmArtifacts(run.stdout);
    // In the order of their paths: cargo finishes them in whatever order its jobs end.
    const artifacts = all && found.length > 0 ? [...found].sort((a, b) => (a.path < b.path ? -1 : 1)) : [pickArtifact(found, metadata)];
    const fresh = artifacts.every((a) => a.fresh);
    log.info(`cargo ${fresh ? 'found everything up to date, compiled nothing' : 'compiled'} in ${Date.now() - started} ms: ${artifacts.map((a) => a.path).join(', ')}`);
    if (plan && (0,caches/* willSave */.c9)(plan, restored))
        await saveLean(plan, restored, { run, metadata, lockfile, cargoHome }, log);
    const compiled = compiledPackages(run.stdout, target);
    const built = [];
    for (const artifact of artifacts) {
        built.push(await finish(artifact, { mode, target, metadata, cwd, compiled }, log));
    }
    return built;
}
/** One artifact of the build: a preview1 module made a component, and its crate's facts. */
async function finish(artifact, b, log) {
    const { mode, target, metadata, cwd } = b;
    let path = artifact.path;
    if (mode === 'cargo' && (0,commands/* isPreview1Target */.dj)(target) && (await (0,inspect/* wasmBinaryKind */.W)(path)) === 'module') {
        const kind = artifact.kinds.includes('bin') ? 'command' : 'reactor';
        path = path.replace(/\.wasm$/, '.component.wasm');
        await (0,promises_.writeFile)(path, await componentize(await (0,promises_.readFile)(artifact.path), kind));
        log.info(`made a component with the WASI preview1 ${kind} adapter: ${path}`);
    }
    const crate = (0,cargo_crate/* crateFacts */.T)(metadata, artifact.packageId);
    return {
        path,
        title: (0,external_node_path_.basename)(artifact.path),
        crate,
        mode,
        fresh: artifact.fresh,
        crateDir: cwd,
        workspaceRoot: metadata.workspace_root,
        packageKey: crate ? (0,cargo_crate/* packageKey */.M)(crate) : undefined,
        compiled: b.compiled,
    };
}
function pickArtifact(artifacts, metadata) {
    if (artifacts.length === 1)
        return artifacts[0];
    if (artifacts.length === 0) {
        throw new errors/* ActionError */.l('build', 'cargo built no .wasm file: the crate needs a bin target or a cdylib library, and "target" a wasm32 target');
    }
    const names = artifacts.map((a) => {
        const pkg = metadata.packages.find((p) => p.id === a.packageId)?.name ?? a.packageId;
        return `${a.targetName} (package ${pkg}, ${a.kinds.join('/')})`;
    });
    throw new errors/* ActionError */.l('build', `cargo built ${artifacts.length} WebAssembly files: ${names.join(', ')}. Choose one with "cargo-args", e.g. "-p <package>" or "--bin <name>"`);
}
async function runCargo(args, cwd, log) {
    const stdout = [];
    const stderr = [];
    try {
        const code = await (0,exec/* exec */.m)('cargo', args, {
            cwd,
            silent: true,
            ignoreReturnCode: true,
            listeners: {
                // JSON messages are for us; anything else on stdout (build scripts) and cargo's stderr go to the log.
                stdline: (line) => {
                    stdout.push(line);
                    if (!line.startsWith('{'))
                        log.info(line);
                },
                errline: (line) => {
                    stderr.push(line);
                    log.info(line);
                },
            },
        });
        return { code, stdout, stderr };
    }
    catch (err) {
        throw new errors/* ActionError */.l('build', `cannot run cargo (${err.message}): add a Rust toolchain step before this one, e.g. dtolnay/rust-toolchain with targets: wasm32-wasip2`);
    }
}
/** Saves the cache without what the next build does not need (prune.ts), which is put back right after. */
async function saveLean(plan, restored, built, log) {
    const members = new Set(built.metadata.packages.map((p) => p.id));
    const used = usedDependencyUnits(built.run.stdout, members);
    const locked = new Set(built.lockfile ? (0,cargo_lock/* parseCargoLock */.R)(built.lockfile).map((p) => `${p.name}-${p.version}`) : []);
    // Leaving things out is an economy: when they cannot be moved aside (target/ on its own mount, a parent
    // that is not writable), the cache is saved whole rather than the build failed.
    const stash = await stashUnneeded(built.metadata.target_directory, used, (0,external_node_path_.join)(built.cargoHome, 'registry', 'cache'), locked).catch((err) => {
        log.warning(`The cache is saved with all of target/: what the next build does not need could not be moved aside (${err.message})`);
        return undefined;
    });
    if (stash) {
        log.info(`cache: leaving out ${stash.moved} entries (${(stash.bytes / 1048576).toFixed(1)} MiB): the workspace's own artifacts, incremental/, what this build did not use`);
    }
    try {
        await (0,caches/* saveCache */.Io)(plan, restored, log);
    }
    finally {
        await stash?.restore();
    }
}
/** The workspace's own packages (`cargo metadata --no-deps`), run in `cwd`. */
async function cargoMetadata(cwd) {
    let out;
    try {
        out = await (0,exec/* getExecOutput */.H)('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd, silent: true, ignoreReturnCode: true });
    }
    catch (err) {
        throw new errors/* ActionError */.l('build', `cannot run cargo (${err.message}): add a Rust toolchain step before this one`);
    }
    if (out.exitCode !== 0)
        throw new errors/* ActionError */.l('build', `cargo metadata failed in ${cwd}: ${out.stderr.trim().split('\n').pop() ?? ''}`);
    return JSON.parse(out.stdout);
}
async function toolchainId(cwd) {
    const out = await (0,exec/* getExecOutput */.H)('rustc', ['-vV'], { cwd, silent: true, ignoreReturnCode: true }).catch(() => undefined);
    return out?.stdout ?? 'unknown';
}
function onPath(tool, env) {
    return (env.PATH ?? '').split(external_node_path_.delimiter).some((dir) => dir !== '' && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, tool)));
}
/** cargo-component on PATH, else from the cache, else `cargo install` (then cached for the next run). */
async function ensureCargoComponent(s, cargoHome, cwd, log, env) {
    if (onPath('cargo-component', env))
        return;
    const plan = (0,caches/* cargoComponentCachePlan */.Pi)(`${(0,external_node_os_.platform)()}`, (0,external_node_os_.arch)(), s.cargoComponentVersion, cargoHome);
    const restored = s.cache ? await (0,caches/* restoreCache */.P3)(plan, log) : undefined;
    if (restored && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(cargoHome, 'bin', 'cargo-component')))
        return;
    const args = (0,commands/* installCargoComponentCommand */.cj)(s.cargoComponentVersion);
    const code = await log.group(`cargo ${args.join(' ')}`, () => (0,exec/* exec */.m)('cargo', args, { cwd, ignoreReturnCode: true }));
    if (code !== 0)
        throw new errors/* ActionError */.l('build', `installing cargo-component ${s.cargoComponentVersion} failed (cargo exited with ${code})`);
    if (s.cache)
        await (0,caches/* saveCache */.Io)(plan, restored, log);
}


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
