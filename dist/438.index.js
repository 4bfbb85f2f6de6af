export const id = 438;
export const ids = [438];
export const modules = {

/***/ 95438:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  smokeFailureMessage: () => (/* binding */ smokeFailureMessage),
  smokeRunAll: () => (/* binding */ smokeRunAll)
});

// UNUSED EXPORTS: smokeKind, smokeRun

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/smoke/child.ts
// One sandboxed child process of a smoke run: no shell, argument arrays, an environment of only what the
// runtime itself needs (never the step's: no token can reach the component's process), its own process
// group so that a runtime's helpers die with it, a deadline, and only the tail of its output kept.

/** What is kept of a child's stdout and stderr together: the last 64 KiB (a component may print without end). */
const KEPT_OUTPUT = 64 * 1024;
/** The only variables a runtime gets: a PATH to find its own helpers, a HOME and TMPDIR of its own. */
function sandboxEnv(home) {
    return { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home, TMPDIR: home, LANG: 'C.UTF-8' };
}
function startChild(command, args, { env, cwd, timeoutMs }) {
    const started = performance.now();
    const child = (0,external_node_child_process_.spawn)(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true, shell: false });
    let output = '';
    const keep = (chunk) => {
        output += chunk.toString('utf8');
        if (output.length > 2 * KEPT_OUTPUT)
            output = output.slice(-KEPT_OUTPUT);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    let exited = false;
    const killGroup = () => {
        if (exited || child.pid === undefined)
            return;
        try {
            process.kill(-child.pid, 'SIGKILL');
        }
        catch {
            child.kill('SIGKILL');
        }
    };
    const timer = setTimeout(() => {
        timedOut = true;
        killGroup();
    }, timeoutMs);
    const done = new Promise((resolve) => {
        const finish = (code, signal, startError) => {
            exited = true;
            clearTimeout(timer);
            resolve({ code, signal, timedOut, output: output.slice(-KEPT_OUTPUT), wallMs: performance.now() - started, startError });
        };
        child.on('error', (err) => finish(null, null, err));
        child.on('close', (code, signal) => finish(code, signal));
    });
    return { done, stop: killGroup, exited: () => exited };
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(58500);
;// CONCATENATED MODULE: ./src/smoke/http-check.ts
// The one request of an HTTP smoke run: wait until the server the runtime started accepts connections, send
// the request the user named, and read the status and the start of the body. Always to 127.0.0.1 on the port
// the smoke run chose: never through a proxy, never anywhere else.



/** The start of a response body kept for the report. */
const KEPT_BODY = 4096;
/** A port nothing listens on now: the kernel's pick, released for the runtime to bind. */
function freeLoopbackPort() {
    return new Promise((resolve, reject) => {
        const server = (0,external_node_net_.createServer)();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}
/** True once something accepts on the port; false when `gaveUp()` says to stop (deadline, the child exited). */
async function waitForListener(port, gaveUp) {
    while (!gaveUp()) {
        const open = await new Promise((resolve) => {
            const socket = (0,external_node_net_.connect)({ host: '127.0.0.1', port }, () => {
                socket.destroy();
                resolve(true);
            });
            socket.once('error', () => resolve(false));
        });
        if (open)
            return true;
        await (0,external_node_timers_promises_.setTimeout)(25);
    }
    return false;
}
function sendRequest(port, req, timeoutMs) {
    return new Promise((resolve, reject) => {
        const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
        const sent = (0,external_node_http_.request)({
            host: '127.0.0.1',
            port,
            method: req.method,
            path: req.path,
            headers: { host: `127.0.0.1:${port}`, ...(body ? { 'content-length': String(body.length) } : {}) },
            timeout: timeoutMs,
            agent: false,
        }, (res) => {
            let text = '';
            res.on('data', (chunk) => {
                if (text.length < KEPT_BODY)
                    text += chunk.toString('utf8');
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, KEPT_BODY) }));
            res.on('error', reject);
        });
        sent.on('timeout', () => sent.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        sent.on('error', reject);
        sent.end(body);
    });
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./src/smoke/jco.ts
// The smoke run's fallback runtime, always there: jco's bindings generator (js-component-bindgen, shipped
// beside the bundle) turns the component into an ES module over WASI 0.2's Node shim (preview2-shim), and a
// separate Node process runs it, as `jco run` / `jco serve` do (jco src/cmd/run.js), with their --sandbox
// settings made unconditional: no environment, no preopened directory, sockets and name lookups denied. The
// process itself runs under Node's permission model, reading only the generated module and the shim, with no
// child processes, addons or WASI of its own: a second wall should the shim let something through.





/** The WASI 0.2 interfaces jco's shim implements; anything else a component imports cannot be given to it. */
const SHIMMED = ['cli', 'clocks', 'filesystem', 'http', 'io', 'random', 'sockets'];
/** Beside the bundle (dist/node_modules, copied by scripts/bundle.mjs), or where npm put it when run from src/. */
function shimDir() {
    const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    const candidates = [];
    for (let dir = here; dir !== (0,external_node_path_.dirname)(dir); dir = (0,external_node_path_.dirname)(dir)) {
        candidates.push((0,external_node_path_.join)(dir, 'node_modules', '@bytecodealliance', 'preview2-shim'));
        candidates.push((0,external_node_path_.join)(dir, 'node_modules', '@bytecodealliance', 'jco-transpile', 'node_modules', '@bytecodealliance', 'preview2-shim'));
    }
    const found = candidates.find((p) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(p, 'dist', 'nodejs', 'cli.js')));
    if (!found)
        throw new errors/* ActionError */.l('smoke', `jco's WASI shim (@bytecodealliance/preview2-shim) is missing (looked in ${candidates[0]})`);
    return found;
}
/** Imports the shim does not provide: the run would fail on them, so the step says so by name first. */
function unshimmedImports(imports) {
    return imports.filter((name) => !SHIMMED.some((pkg) => name.startsWith(`wasi:${pkg}/`)));
}
/** Writes the component's bindings and a runner into `dir`; returns how to start it. */
async function prepareJco(componentPath, mode, dir, nodePath) {
    const shim = shimDir();
    const shimUrl = (file) => (0,external_node_url_.pathToFileURL)((0,external_node_path_.join)(shim, 'dist', 'nodejs', `${file}.js`)).href;
    const { $init, generate } = await import(/* webpackIgnore: true */ '@bytecodealliance/jco-transpile/component');
    await $init;
    const bytes = await (0,promises_.readFile)(componentPath);
    let generated;
    try {
        // As jco-transpile's transpileBytes calls it (dist/transpile.js), with the shim's files named by URL.
        generated = generate(bytes, {
            name: 'component',
            map: SHIMMED.map((pkg) => [`wasi:${pkg}/*`, `${shimUrl(pkg)}#*`]),
            noTypescript: true,
            noComponentErrorWrapping: true,
        });
    }
    catch (err) {
        throw new errors/* ActionError */.l('smoke', `jco cannot make bindings for ${componentPath}: ${jcoMessage(err)}`);
    }
    await (0,promises_.mkdir)(dir, { recursive: true });
    for (const [name, content] of generated.files) {
        // Names come from the bindings generator (component.js, component.core.wasm, …): kept to plain file names.
        if (!/^[\w.-]+$/.test(name))
            throw new errors/* ActionError */.l('smoke', `jco wrote an unexpected file name: ${JSON.stringify(name)}`);
        await (0,promises_.writeFile)((0,external_node_path_.join)(dir, name), content);
    }
    await (0,promises_.writeFile)((0,external_node_path_.join)(dir, 'package.json'), '{"type":"module"}\n');
    await (0,promises_.writeFile)((0,external_node_path_.join)(dir, 'smoke.js'), runnerSource(mode, shimUrl));
    return {
        command: nodePath,
        args: [
            // Node's permission model (stable since Node 22.13 and 23.5; the action runs on Node 24).
            '--permission',
            `--allow-fs-read=${dir}`,
            `--allow-fs-read=${shim}`,
            '--allow-worker', // the shim does its blocking I/O on a worker thread, under the same permissions
            '--disable-warning=PERM0006', // Node's warning that workers are allowed: noise in the component's output
            (0,external_node_path_.join)(dir, 'smoke.js'),
        ],
        version: await jcoVersion(shim),
    };
}
/** The child's program: sandbox the shim, load the component, call it. */
function runnerSource(mode, shimUrl) {
    const deny = mode.network ? '' : '_denyDnsLookup(); _denyTcp(); _denyUdp();';
    const common = `
import { _setEnv, _setArgs, _setCwd } from ${JSON.stringify(shimUrl('cli'))};
import { _setPreopens } from ${JSON.stringify(shimUrl('filesystem'))};
import { _denyDnsLookup, _denyTcp, _denyUdp } from ${JSON.stringify(shimUrl('sockets'))};
_setEnv({});
_setCwd('/');
_setPreopens({});
${deny}
const exported = (mod, prefix, short) => mod[Object.keys(mod).find((k) => k.startsWith(prefix)) ?? short];
let mod;
try {
  mod = await import('./component.js');
} catch (err) {
  console.error(err instanceof WebAssembly.RuntimeError ? 'wasm trap while instantiating: ' + err.message : 'cannot instantiate the component: ' + (err?.message ?? err));
  process.exit(err instanceof WebAssembly.RuntimeError ? 134 : 70);
}
`;
    if (mode.kind === 'http') {
        return `${common}
import { HTTPServer } from ${JSON.stringify(shimUrl('http'))};
const server = new HTTPServer(exported(mod, 'wasi:http/incoming-handler@', 'incomingHandler'));
server.listen(${mode.port}, '127.0.0.1');
`;
    }
    return `${common}
_setArgs(${JSON.stringify(['component', ...mode.args])});
try {
  exported(mod, 'wasi:cli/run@', 'run').run();
} catch (err) {
  // A trap exits 134 as wasmtime's does; run returning err exits 1.
  if (err instanceof WebAssembly.RuntimeError) {
    console.error('wasm trap: ' + err.message.replace(/^wasm trap: /, ''));
    process.exit(134);
  }
  // With error wrapping off, run's err (which has no payload) is thrown as undefined.
  if (err !== undefined) console.error(err?.stack ?? String(err));
  process.exit(1);
}
await new Promise((resolve) => setTimeout(resolve)); // let the shim flush stdout
process.exit(0);
`;
}
async function jcoVersion(shim) {
    const version = async (path) => JSON.parse(await (0,promises_.readFile)(path, 'utf8')).version ?? '?';
    // Beside the shim (dist/node_modules), or the package whose node_modules holds it (npm's tree).
    const sibling = (0,external_node_path_.join)((0,external_node_path_.dirname)(shim), 'jco-transpile', 'package.json');
    const transpile = (0,external_node_fs_.existsSync)(sibling) ? sibling : (0,external_node_path_.join)((0,external_node_path_.dirname)((0,external_node_path_.dirname)((0,external_node_path_.dirname)(shim))), 'package.json');
    return `jco-transpile ${await version(transpile)}, preview2-shim ${await version((0,external_node_path_.join)(shim, 'package.json'))}`;
}
function jcoMessage(err) {
    const payload = err.payload;
    return typeof payload === 'string' ? payload : err.message;
}

;// CONCATENATED MODULE: ./src/smoke/wasmtime.ts
// wasmtime, when the runner has it on PATH: `wasmtime run` for a wasi:cli/run component, `wasmtime serve` for
// a wasi:http proxy. wasmtime grants a component nothing it is not told to: no preopened directory (no
// --dir), no environment variable (no --env), and no network address (-S inherit-network is off); the
// process itself is started with sandboxEnv() only. `--` ends wasmtime's options, so no path or argument
// can be read as one.



function findWasmtime(path = process.env.PATH ?? '') {
    for (const dir of path.split(external_node_path_.delimiter)) {
        if (dir === '')
            continue;
        const candidate = (0,external_node_path_.join)(dir, 'wasmtime');
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            return candidate;
        }
        catch {
            // not here
        }
    }
    return undefined;
}
/** `wasmtime --version`'s line, e.g. `wasmtime 39.0.1 (…)`. */
function wasmtimeVersion(binary, env) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(binary, ['--version'], { env, timeout: 10_000 }, (err, stdout) => resolve(err ? 'wasmtime (version unknown)' : stdout.trim().split('\n')[0]));
    });
}
function wasmtimeRunArgs(componentPath, args, network) {
    return ['run', ...(network ? ['-S', 'inherit-network', '-S', 'allow-ip-name-lookup'] : []), '--', componentPath, ...args];
}
/** wasmtime serve links only the proxy world unless told to add wasi:cli (what Rust's std imports). */
function wasmtimeServeArgs(componentPath, port, imports) {
    return ['serve', '--addr', `127.0.0.1:${port}`, ...(imports.some((i) => i.startsWith('wasi:cli/')) ? ['-S', 'cli'] : []), '--', componentPath];
}

;// CONCATENATED MODULE: ./src/smoke/output.ts
// A component's output, made safe to show: escape sequences and control characters out, each line trimmed
// and cut, only the first and last few kept. It is shown in the log (each line indented, so that none can
// start a workflow command such as `::add-mask::`), in the step's error, and escaped again in Markdown.
const LINES_KEPT = 10;
const LINE_LENGTH = 200;
function outputLines(text) {
    const lines = text
        // eslint-disable-next-line no-control-regex
        .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '') // CSI sequences (colours, cursor moves)
        .split(/\r?\n|\r/)
        // eslint-disable-next-line no-control-regex
        .map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').trim())
        .filter((l) => l !== '')
        .map((l) => (l.length > LINE_LENGTH ? `${l.slice(0, LINE_LENGTH)}…` : l));
    return { firstLines: lines.slice(0, LINES_KEPT), lastLines: lines.slice(-LINES_KEPT) };
}

;// CONCATENATED MODULE: ./src/smoke/smoke-run.ts
// The smoke run: before anything is pushed, start each component the user chose the way a runtime would, and
// fail the step when it does not start. A `wasi:cli/run` component is run with the given arguments, no stdin
// and a deadline: exit 0 passes. A `wasi:http/incoming-handler` component is served on loopback and sent one
// request: the expected status passes. wasmtime runs it when it is on PATH, else jco (jco.ts); either way the
// component sees no host file, no environment variable and (unless asked) no network.









/** Every chosen component, one after another; the results in the components' order. Throws only on a misconfiguration. */
async function smokeRunAll(components, settings, io) {
    const { select } = settings;
    if (select.kind === 'none')
        return [];
    if (select.kind === 'crates') {
        const built = new Set(components.flatMap((c) => (c.crate ? [c.crate] : [])));
        const unknown = select.names.filter((n) => !built.has(n));
        if (unknown.length > 0) {
            throw new errors/* ActionError */.l('input', `input "smoke" names ${unknown.join(', ')}, which this step did not build (it built ${[...built].join(', ') || 'no crate'})`);
        }
    }
    const outcomes = [];
    for (const component of components) {
        if (select.kind === 'crates' && !select.names.includes(component.crate ?? ''))
            outcomes.push({ component: component.path, skipped: 'not named in "smoke"' });
        else
            outcomes.push(await smokeRun(component, settings, io));
    }
    return outcomes;
}
/** What a component's exports say to do with it. */
function smokeKind(facts, path) {
    if (facts.kind === 'wit-package')
        return { component: path, skipped: 'a WIT package has nothing to run' };
    if (facts.kind === 'module')
        return { component: path, skipped: 'a core module is not run (the smoke run takes components)' };
    if (facts.exports.some((e) => e.startsWith('wasi:cli/run@')))
        return 'cli';
    if (facts.exports.some((e) => e.startsWith('wasi:http/incoming-handler@')))
        return 'http';
    throw new errors/* ActionError */.l('smoke', `cannot smoke-run ${path}: it exports neither wasi:cli/run nor wasi:http/incoming-handler (it exports ${facts.exports.join(', ') || 'nothing'}). ` +
        'Name the crates to run in "smoke", or set it to false');
}
async function smokeRun(component, settings, io) {
    const kind = smokeKind(component.facts, component.path);
    if (typeof kind !== 'string')
        return kind;
    const imports = component.facts.kind === 'component' ? component.facts.imports : [];
    const wasmtime = settings.runtime === 'jco' ? undefined : findWasmtime(io.path ?? process.env.PATH);
    if (settings.runtime === 'wasmtime' && !wasmtime) {
        throw new errors/* ActionError */.l('input', 'input "smoke-runtime" is wasmtime, but wasmtime is not on PATH: install it in an earlier step, or set smoke-runtime to auto');
    }
    const home = await (0,promises_.mkdtemp)((0,external_node_path_.join)(io.tempDir ?? (0,external_node_os_.tmpdir)(), 'wasm-smoke-'));
    try {
        const env = sandboxEnv(home);
        const port = kind === 'http' ? await freeLoopbackPort() : 0;
        let command;
        let args;
        let runtime;
        if (wasmtime) {
            runtime = await wasmtimeVersion(wasmtime, env);
            command = wasmtime;
            args = kind === 'cli' ? wasmtimeRunArgs(component.path, settings.args, settings.network) : wasmtimeServeArgs(component.path, port, imports);
        }
        else {
            const missing = unshimmedImports(imports);
            if (missing.length > 0) {
                return failed(component.path, kind, 'jco', 0, `it imports ${missing.join(', ')}, which jco's WASI 0.2 shim does not provide`, '');
            }
            const mode = kind === 'cli' ? { kind, args: settings.args, network: settings.network } : { kind, port, network: settings.network };
            const prepared = await prepareJco(component.path, mode, (0,external_node_path_.join)(home, 'jco'), io.nodePath ?? process.execPath);
            ({ command, args } = prepared);
            runtime = `jco (${prepared.version})`;
        }
        io.info(`smoke run of ${component.path} (${kind === 'cli' ? 'wasi:cli/run' : 'wasi:http/incoming-handler'}) with ${runtime}`);
        const result = kind === 'cli' ? await runCli(command, args, env, home, settings) : await serveOnce(command, args, env, home, port, settings);
        return { component: component.path, kind, runtime, ...result };
    }
    finally {
        await (0,promises_.rm)(home, { recursive: true, force: true });
    }
}
async function runCli(command, args, env, cwd, settings) {
    const out = await startChild(command, args, { env, cwd, timeoutMs: settings.timeoutMs }).done;
    const reason = out.code === 0 && !out.timedOut ? undefined : whyStopped(out, settings.timeoutMs);
    return { passed: reason === undefined, wallMs: out.wallMs, ...(out.code !== null ? { exitCode: out.code } : {}), reason, ...outputLines(out.output) };
}
async function serveOnce(command, args, env, cwd, port, settings) {
    const started = performance.now();
    const left = () => settings.timeoutMs - (performance.now() - started);
    const child = startChild(command, args, { env, cwd, timeoutMs: settings.timeoutMs });
    let answer;
    let reason;
    if (await waitForListener(port, () => child.exited() || left() <= 0)) {
        const { method, path } = settings.request;
        try {
            answer = await sendRequest(port, settings.request, Math.max(1, left()));
            if (!settings.expect.matches(answer.status))
                reason = `${method} ${path} answered ${answer.status}, expected ${settings.expect.text}`;
        }
        catch (err) {
            reason = `${method} ${path} got no answer: ${err.message}`;
        }
    }
    const exitedEarly = child.exited();
    child.stop();
    const out = await child.done;
    if (!answer && reason === undefined)
        reason = exitedEarly
            ? `${whyStopped(out, settings.timeoutMs)} before it listened`
            : `did not listen on 127.0.0.1:${port} within ${seconds(settings.timeoutMs)}`;
    const output = answer?.body ? `${out.output}${out.output.endsWith('\n') || out.output === '' ? '' : '\n'}${answer.body}` : out.output;
    return {
        passed: reason === undefined,
        wallMs: performance.now() - started,
        ...(answer ? { status: answer.status } : exitedEarly && out.code !== null ? { exitCode: out.code } : {}),
        reason,
        ...outputLines(output),
    };
}
function whyStopped(out, timeoutMs) {
    if (out.startError)
        return `the runtime could not start: ${out.startError.message}`;
    if (out.timedOut)
        return `did not finish within ${seconds(timeoutMs)}`;
    if (out.code === 134)
        return 'trapped (exit code 134)';
    if (out.code === 70)
        return 'could not be instantiated (exit code 70)';
    if (out.code !== null)
        return `exited with code ${out.code}`;
    return `was ended by ${out.signal ?? 'a signal'}`;
}
const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
function failed(component, kind, runtime, wallMs, reason, output) {
    return { component, kind, runtime, passed: false, wallMs, reason, ...outputLines(output) };
}
/** One line per failed run, its reason and its last output lines: the step's error. */
function smokeFailureMessage(results) {
    return results
        .map((r) => {
        const tail = r.lastLines.length > 0 ? `; its last output: ${r.lastLines.slice(-5).join(' | ')}` : '';
        return `smoke run of ${r.component} with ${r.runtime} failed: it ${r.reason ?? 'failed'}${tail}`;
    })
        .join('\n');
}


/***/ })

};
