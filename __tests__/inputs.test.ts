// readSettings as tables (build-push-action's context.test.ts style): each row is the inputs a workflow
// gives, and what the action must make of them, or the error it must stop with.
import { describe, expect, it } from 'vitest';
import { defaultRepository, parseAnnotations, readSettings, type InputName, type Settings } from '../src/inputs.js';
import { ActionError } from '../src/errors.js';
import { DEFAULT_RETRY } from '../src/oci/policy.js';
import type { EventFacts } from '../src/github/event.js';

const event: EventFacts = {
  eventName: 'push',
  ref: 'refs/heads/main',
  sha: 'a'.repeat(40),
  repository: 'Acme/hello',
  serverUrl: 'https://github.com',
  actor: 'octocat',
};
const settings = (inputs: Partial<Record<InputName, string>>, env: NodeJS.ProcessEnv = {}): Settings => readSettings((name) => inputs[name] ?? '', event, env);

describe('readSettings: what the inputs become', () => {
  const rows: Array<[string, Partial<Record<InputName, string>>, Partial<Settings>]> = [
    [
      'nothing given: build the crate here, derive tags, sign and SBOM on auto',
      {},
      {
        component: '',
        repositories: [],
        tags: [],
        username: 'octocat', // ${{ github.actor }}
        password: '', // ${{ github.token }}: only the runner knows it
        push: true,
        plainHttp: false,
        latest: 'auto',
        sbom: { kind: 'generate' },
        sign: 'auto',
        retry: DEFAULT_RETRY,
        timeouts: undefined,
        build: { workingDirectory: '.', mode: 'auto', cargoArgs: [], target: '', profile: 'release', cargoComponentVersion: '0.21.1', cache: true },
      },
    ],
    ['a prebuilt component: no build', { component: 'out/app.wasm' }, { component: 'out/app.wasm', build: undefined }],
    [
      'cargo arguments split like a shell would, quotes kept together',
      { 'cargo-args': `-p hello --features "a b" --config 'x=1'` },
      { build: expect.objectContaining({ cargoArgs: ['-p', 'hello', '--features', 'a b', '--config', 'x=1'] }) as Settings['build'] },
    ],
    [
      'an image: parsed, Docker Hub spelled out',
      { image: 'docker.io/acme/hello' },
      { repositories: [{ registry: 'registry-1.docker.io', name: 'acme/hello' }] },
    ],
    [
      'a workspace: {crate} images, one per component, resolved after the build',
      { image: 'ghcr.io/acme/{crate}\ndocker.io/acme/wasm-{crate}' },
      { repositories: [], crateImages: ['ghcr.io/acme/{crate}', 'docker.io/acme/wasm-{crate}'] },
    ],
    [
      'several images, by line or comma, each once: one artifact for each',
      { image: 'ghcr.io/acme/hello\ndocker.io/acme/hello, ghcr.io/acme/hello' },
      {
        repositories: [
          { registry: 'ghcr.io', name: 'acme/hello' },
          { registry: 'registry-1.docker.io', name: 'acme/hello' },
        ],
      },
    ],
    ['tags by comma or line, trimmed, once each', { tags: 'v1, edge\nv1\n\n' }, { tags: ['v1', 'edge'] }],
    [
      "docker/metadata-action's tags output: full references name the image",
      { tags: 'ghcr.io/acme/hello:1.2.3\nghcr.io/acme/hello:1.2\nghcr.io/acme/hello:latest' },
      { repositories: [{ registry: 'ghcr.io', name: 'acme/hello' }], tags: ['1.2.3', '1.2', 'latest'] },
    ],
    [
      'full references of the image given, mixed with bare tags',
      { image: '127.0.0.1:5000/acme/x', tags: '127.0.0.1:5000/acme/x:1.0\nedge' },
      { repositories: [{ registry: '127.0.0.1:5000', name: 'acme/x' }], tags: ['1.0', 'edge'] },
    ],
    [
      "docker/metadata-action's annotations output: levels stripped, index levels set aside",
      {
        annotations:
          'manifest:org.opencontainers.image.title=hello\nindex:org.opencontainers.image.title=hello\nmanifest-descriptor:org.opencontainers.image.version=1.2.3\nindex,manifest[linux/amd64]:a.b=c\nindex-descriptor:x.y=z',
      },
      {
        annotations: { 'org.opencontainers.image.title': 'hello', 'org.opencontainers.image.version': '1.2.3', 'a.b': 'c' },
        ignoredAnnotations: ['index:org.opencontainers.image.title=hello', 'index-descriptor:x.y=z'],
      },
    ],
    [
      'booleans as YAML writes them',
      { push: 'False', 'plain-http': 'yes', cache: '0', 'pr-comment': 'TRUE' },
      { push: false, plainHttp: true, prComment: true },
    ],
    ['sbom: false attaches none', { sbom: 'false' }, { sbom: { kind: 'none' } }],
    ['sbom: a path attaches that file', { sbom: 'sbom/bom.json' }, { sbom: { kind: 'file', path: 'sbom/bom.json' } }],
    ['retries: the policy keeps its other defaults', { retries: '0' }, { retry: { ...DEFAULT_RETRY, maxRetries: 0 } }],
    [
      'annotations: key=value lines, values may hold =',
      { annotations: 'org.opencontainers.image.vendor=Acme\r\n\nx.y=a=b' },
      { annotations: { 'org.opencontainers.image.vendor': 'Acme', 'x.y': 'a=b' } },
    ],
    [
      'sigstore services as given',
      { 'fulcio-url': 'https://fulcio.example', 'tsa-url': 'https://tsa.example' },
      { sigstore: { fulcioURL: 'https://fulcio.example', rekorURL: '', tsaURL: 'https://tsa.example' } },
    ],
  ];
  it.each(rows)('%s', (_name, inputs, expected) => {
    expect(settings(inputs)).toMatchObject(expected);
  });

  it('the environment tunes backoff and timeouts (tests, unusual networks); nonsense there is ignored', () => {
    expect(settings({}, { WASM_OCI_PUBLISH_RETRY_BASE_MS: '10', WASM_OCI_PUBLISH_TIMEOUT_MS: '500' })).toMatchObject({
      retry: { ...DEFAULT_RETRY, baseDelayMs: 10, maxDelayMs: 80 },
      timeouts: { connectMs: 500, headersMs: 500, bodyMs: 500 },
    });
    expect(settings({}, { WASM_OCI_PUBLISH_RETRY_BASE_MS: '-5', WASM_OCI_PUBLISH_TIMEOUT_MS: 'soon' })).toMatchObject({
      retry: DEFAULT_RETRY,
      timeouts: undefined,
    });
  });
});

describe('readSettings: what it refuses, naming the input', () => {
  const rows: Array<[Partial<Record<InputName, string>>, RegExp]> = [
    [{ build: 'make' }, /input "build" must be auto, cargo-component, cargo or none, got "make"/],
    [{ build: 'none' }, /input "component" is required when "build" is none/],
    [{ 'cargo-args': '--features "a b' }, /input "cargo-args": unterminated " quote/],
    [{ image: 'ghcr.io/acme/hello:1.0' }, /input "image": .*must not carry a tag/],
    [{ image: 'https://ghcr.io/acme/hello' }, /input "image": .*must not have a scheme/],
    [{ image: 'ghcr.io/Acme/hello' }, /input "image": .*must be lower case/],
    [{ tags: 'ok, not ok' }, /input "tags": tag "not ok" is not valid/],
    [{ image: 'ghcr.io/acme/{crate}', component: 'x.wasm' }, /\{crate\} names one image per component of a cargo build; it cannot go with "component"/],
    [{ image: 'ghcr.io/acme/{crate}\nghcr.io/acme/fixed' }, /cannot go with "component" or with images without it/],
    [{ image: 'ghcr.io/Acme/{crate}' }, /input "image": .*lower case/],
    [{ tags: 'ghcr.io/acme/a' }, /input "tags": "ghcr.io\/acme\/a" names an image but no tag/],
    [{ tags: 'ghcr.io/acme/a:-x' }, /input "tags": tag "-x" is not valid/],
    [{ push: 'maybe' }, /input "push" must be true or false, got "maybe"/],
    [{ latest: 'always' }, /input "latest" must be auto, true or false, got "always"/],
    [{ sign: 'yes' }, /input "sign" must be auto, true or false, got "yes"/],
    [{ retries: '21' }, /input "retries" must be a whole number from 0 to 20, got "21"/],
    [{ retries: '2.5' }, /input "retries" must be a whole number from 0 to 20/],
    [{ annotations: 'no equals sign' }, /input "annotations", line 1: expected key=value/],
    [{ annotations: 'a=b\nc=d\u0007' }, /input "annotations", line 2: control characters are not allowed/],
  ];
  it.each(rows)('%o', (inputs, message) => {
    let thrown: unknown;
    try {
      settings(inputs);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ActionError);
    expect((thrown as ActionError).kind).toBe('input');
    expect((thrown as ActionError).message).toMatch(message);
  });
});

describe('defaultRepository', () => {
  it.each([
    ['hello_world', 'ghcr.io', 'acme/hello_world'],
    ['target/wasm32-wasip2/release/My.Component.wasm', 'ghcr.io', 'acme/my.component'],
    ['--weird  name--.wasm', 'ghcr.io', 'acme/weird-name'],
  ])('%s → ghcr.io/<lower-cased owner>/<name>', (file, registry, name) => {
    expect(defaultRepository(file, event)).toEqual({ registry, name });
  });
  it('needs the repository outside GitHub, or "image"', () => {
    expect(() => defaultRepository('x.wasm', { ...event, repository: '' })).toThrow(/input "image" is required outside GitHub Actions/);
  });
});

describe('parseAnnotations', () => {
  it('keeps the last of a repeated key, trims around it', () => {
    expect(parseAnnotations(' a = 1 \na=2')).toEqual({ manifest: { a: '2' }, ignored: [] });
  });
});
