// Action inputs → one validated Settings object. DEFAULTS mirrors action.yml word for word (a test compares
// them); expressions such as `${{ github.actor }}` are what the runner substitutes, resolved here from the
// environment for runs outside GitHub. Two environment variables tune the registry client for tests and
// unusual networks: WASM_OCI_PUBLISH_RETRY_BASE_MS (first backoff) and WASM_OCI_PUBLISH_TIMEOUT_MS
// (connect, response-header and body timeouts).
import { basename } from 'node:path';
import { assertValidTag, formatRepository, parseRepository, type Repository } from './oci/reference.js';
import { ActionError, isActionError } from './errors.js';
import { DEFAULT_RETRY, type RetrySettings } from './oci/policy.js';
import type { EventFacts } from './github/event.js';
import { splitArgs } from './cargo/commands.js';
import type { BuildSettings } from './cargo/build-crate.js';
import type { LatestPolicy } from './artifact/floating-tags.js';
import type { SbomChoice } from './attach/sbom-referrer.js';
import { parseSmokeRequest, parseStatusExpectation, type SmokeSettings } from './smoke/settings.js';

export const DEFAULTS = {
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
} as const;

export type InputName = keyof typeof DEFAULTS;

export interface Settings {
  /** A prebuilt .wasm; empty means: build the crate. */
  component: string;
  /** How to build the crate; undefined when a prebuilt component was given. */
  build: BuildSettings | undefined;
  /** Fetching the crate's WIT dependencies into wit/deps before the build (auto: only what is missing), and wkg's config file. */
  witDeps: { mode: 'auto' | 'fetch' | 'false'; wkgConfig: string };
  /** The images to publish the one artifact to (`image`, and full references in `tags`). None: ghcr.io/<owner>/<crate or file name>, known once the component is. */
  repositories: Repository[];
  /** `image` entries holding `{crate}`: a workspace's components, each published as its own image. */
  crateImages: string[];
  /** Explicit tags; empty means: derive from the event. */
  tags: string[];
  username: string;
  /** Empty: look in ~/.docker/config.json, else anonymous. */
  password: string;
  annotations: Record<string, string>;
  /** Annotation lines for an image index or its descriptors (docker/metadata-action levels): there is no index. */
  ignoredAnnotations: string[];
  push: boolean;
  ociLayout: string | undefined;
  plainHttp: boolean;
  latest: LatestPolicy;
  prComment: boolean;
  /**
   * Remove a pull request's previews: on its closed event (auto, true), or for `prNumber` (true: a scheduled
   * run); `dry-run` chooses the pull request as `true` does, and lists what would go without deleting it.
   */
  cleanup: 'auto' | 'true' | 'false' | 'dry-run';
  prNumber: number | undefined;
  /** For the pull-request comment. */
  githubToken: string;
  sbom: SbomChoice;
  /** auto: when the workflow granted id-token: write. */
  sign: 'auto' | 'true' | 'false';
  /** Sigstore services; empty ones take the defaults for the repository's visibility. */
  sigstore: { fulcioURL: string; rekorURL: string; tsaURL: string };
  /** The `retries` input: retries of each registry request after 408/429/5xx or a broken connection. */
  retry: RetrySettings;
  timeouts: { connectMs: number; headersMs: number; bodyMs: number } | undefined;
  /** The smoke run before the push (src/smoke/). */
  smoke: SmokeSettings;
}

/** `getInput` returns the raw input ('' when unset), as @actions/core's does. */
export function readSettings(getInput: (name: InputName) => string, event: EventFacts, env: NodeJS.ProcessEnv = {}): Settings {
  const input = (name: InputName): string => {
    const raw = getInput(name).trim();
    if (raw !== '') return raw;
    const fallback = DEFAULTS[name] ?? '';
    if (fallback === '${{ github.actor }}') return event.actor;
    if (fallback === '${{ github.token }}') return ''; // only the runner knows the token
    return fallback;
  };
  const component = input('component');
  const mode = parseChoice('build', input('build'), ['auto', 'cargo-component', 'cargo', 'none'] as const);
  if (component === '' && mode === 'none') {
    throw new ActionError('input', 'input "component" is required when "build" is none: the path of the .wasm file to publish');
  }
  const cargoArgs = naming('cargo-args', () => splitArgs(input('cargo-args')));
  const imageEntries = input('image')
    .split(/[,\n]/)
    .map((i) => i.trim())
    .filter((i) => i !== '');
  // `{crate}`: one image per component of a workspace, named after its crate (checked with a stand-in name).
  const crateImages = imageEntries.filter((i) => i.includes('{crate}'));
  naming('image', () => crateImages.forEach((i) => parseRepository(i.replaceAll('{crate}', 'crate'))));
  if (crateImages.length > 0 && (component !== '' || crateImages.length !== imageEntries.length)) {
    throw new ActionError(
      'input',
      'input "image": {crate} names one image per component of a cargo build; it cannot go with "component" or with images without it',
    );
  }
  const images = naming('image', () => imageEntries.filter((i) => !i.includes('{crate}')).map(parseRepository));
  const entries = naming('tags', () =>
    input('tags')
      .split(/[,\n]/)
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .map(parseTagEntry),
  );
  const repositories = allImages(images, entries);
  const tags = entries.map((e) => e.tag);
  const annotations = parseAnnotations(input('annotations'));

  return {
    component,
    build:
      component !== ''
        ? undefined
        : {
            workingDirectory: input('working-directory'),
            mode: mode as BuildSettings['mode'], // not none: a component is given then
            cargoArgs,
            target: input('target'),
            profile: input('profile'),
            cargoComponentVersion: input('cargo-component-version'),
            cache: parseBoolean('cache', input('cache')),
          },
    witDeps: { mode: parseChoice('wit-deps', input('wit-deps'), ['auto', 'fetch', 'false'] as const), wkgConfig: input('wkg-config') },
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
    latest: parseChoice('latest', input('latest'), ['auto', 'true', 'false'] as const),
    prComment: parseBoolean('pr-comment', input('pr-comment')),
    cleanup: parseChoice('cleanup', input('cleanup'), ['auto', 'true', 'false', 'dry-run'] as const),
    prNumber: parsePrNumber(input('pr-number')),
    githubToken: input('github-token'),
    sbom: parseSbomChoice(input('sbom')),
    sign: parseChoice('sign', input('sign'), ['auto', 'true', 'false'] as const),
    sigstore: { fulcioURL: input('fulcio-url'), rekorURL: input('rekor-url'), tsaURL: input('tsa-url') },
    retry: retrySettings(parseRetries(input('retries')), positive(env.WASM_OCI_PUBLISH_RETRY_BASE_MS)),
    timeouts: timeouts(positive(env.WASM_OCI_PUBLISH_TIMEOUT_MS)),
    smoke: {
      select: parseSmokeSelection(input('smoke')),
      args: naming('smoke-args', () => splitArgs(input('smoke-args'))),
      request: naming('smoke-request', () => parseSmokeRequest(input('smoke-request'))),
      expect: naming('smoke-expect', () => parseStatusExpectation(input('smoke-expect'))),
      timeoutMs: parseSmokeTimeout(input('smoke-timeout')),
      runtime: parseChoice('smoke-runtime', input('smoke-runtime'), ['auto', 'wasmtime', 'jco'] as const),
      network: parseBoolean('smoke-network', input('smoke-network')),
    },
  };
}

/** false; true (every component of the step); or crate names, by comma or line (a workspace's members to run). */
function parseSmokeSelection(value: string): SmokeSettings['select'] {
  if (/^(false|no|0)$/i.test(value)) return { kind: 'none' };
  if (/^(true|yes|1)$/i.test(value)) return { kind: 'all' };
  const names = value
    .split(/[,\n]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const bad = names.find((n) => !/^[A-Za-z0-9_-]+$/.test(n));
  if (bad !== undefined) throw new ActionError('input', `input "smoke" must be true, false or crate names, got "${bad}"`);
  return { kind: 'crates', names };
}

function parseSmokeTimeout(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 3600) {
    throw new ActionError('input', `input "smoke-timeout" must be whole seconds from 1 to 3600, got "${value}"`);
  }
  return Number(value) * 1000;
}

/** The pull request whose previews this run removes, or undefined when it publishes instead. */
export function pullRequestToCleanUp(settings: Pick<Settings, 'cleanup' | 'prNumber'>, event: EventFacts): number | undefined {
  if (settings.cleanup === 'false') return undefined;
  const closed = event.eventName.startsWith('pull_request') && event.action === 'closed' ? event.prNumber : undefined;
  if (settings.cleanup === 'auto') return closed;
  // true and dry-run: `pr-number`, else the closed event's. A dry run is asked for by hand, so it never falls
  // back to publishing: without a pull request it is an input error, as true is.
  const pr = settings.prNumber ?? closed;
  if (pr === undefined)
    throw new ActionError(
      'input',
      `input "cleanup" is ${settings.cleanup}, but no pull request is known: set "pr-number", or run on the pull_request closed event`,
    );
  return pr;
}

function parsePrNumber(text: string): number | undefined {
  if (text === '') return undefined;
  if (!/^[1-9]\d{0,9}$/.test(text)) throw new ActionError('input', `input "pr-number" must be a pull request number, not "${text}"`);
  return Number(text);
}

/** ghcr.io/<owner>/<name>, lowercased (GHCR names are lower case); the name is the crate's or the file's. */
export function defaultRepository(nameOrFile: string, event: EventFacts): Repository {
  return ownersRepository(event, [basename(nameOrFile).replace(/\.wasm$/i, '')], nameOrFile);
}

/** A WIT package's image: `ghcr.io/<owner>/<namespace>/<name>`, wkg's `<prefix>/<namespace>/<name>` under the owner. */
export function defaultPackageRepository(pkg: string, event: EventFacts): Repository {
  return ownersRepository(event, pkg.split(':'), pkg);
}

function ownersRepository(event: EventFacts, path: string[], from: string): Repository {
  const owner = event.repository.split('/')[0]?.toLowerCase();
  if (!owner) throw new ActionError('input', 'input "image" is required outside GitHub Actions (GITHUB_REPOSITORY is not set)');
  try {
    return parseRepository(`ghcr.io/${[owner, ...path.map(repositoryName)].join('/')}`);
  } catch (err) {
    throw new ActionError('input', `cannot make an image name from "${from}" (${(err as Error).message}): set "image"`);
  }
}

/** A workspace's images for one crate: each `{crate}` template with the crate's name, made a repository name. */
export function imagesForCrate(templates: string[], crate: string): Repository[] {
  const name = repositoryName(crate);
  return templates.map((t) => parseRepository(t.replaceAll('{crate}', name)));
}

/** Any name made one path component of a repository: lower case, runs of other characters one `-`, trimmed. */
export function repositoryName(name: string): string {
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
export function parseAnnotations(text: string): { manifest: Record<string, string>; ignored: string[] } {
  const manifest: Record<string, string> = {};
  const ignored: string[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    let line = raw.replace(/\r$/, '').trim();
    if (line === '') continue;
    const levels = LEVELS.exec(line);
    if (levels) line = line.slice(levels[0].length);
    const eq = line.indexOf('=');
    if (eq <= 0) throw new ActionError('input', `input "annotations", line ${i + 1}: expected key=value, got "${raw.trim()}"`);
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(key + value)) throw new ActionError('input', `input "annotations", line ${i + 1}: control characters are not allowed`);
    const forManifest = !levels || levels[1]!.split(',').some((l) => /^manifest(-descriptor)?(\[|$)/.test(l));
    if (forManifest) manifest[key] = value;
    else ignored.push(raw.trim());
  }
  return { manifest, ignored };
}

/**
 * A `tags` entry: a bare tag, or a full reference as docker/metadata-action's `tags` output holds them
 * (`ghcr.io/acme/hello:1.2.3`, `acme/hello:1.2.3`): a tag cannot hold `/` or `:`, a reference always does.
 */
function parseTagEntry(entry: string): { tag: string; repository?: Repository } {
  const colon = entry.lastIndexOf(':');
  const slash = entry.lastIndexOf('/');
  if (colon === -1 && slash === -1) return { tag: assertValidTag(entry) };
  if (colon < slash) throw new ActionError('input', `"${entry}" names an image but no tag: write it as image:tag, or give the image in "image"`);
  return { repository: parseRepository(entry.slice(0, colon)), tag: assertValidTag(entry.slice(colon + 1)) };
}

/** The images: those `image` lists and those full references in `tags` name, each once, in that order. */
function allImages(images: Repository[], entries: Array<{ repository?: Repository }>): Repository[] {
  const named = new Map<string, Repository>();
  for (const r of [...images, ...entries.flatMap((e) => (e.repository ? [e.repository] : []))]) named.set(formatRepository(r), r);
  return [...named.values()];
}

function parseSbomChoice(value: string): SbomChoice {
  if (value === 'auto') return { kind: 'generate' };
  if (value === 'false') return { kind: 'none' };
  return { kind: 'file', path: value };
}
function parseRetries(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 20) throw new ActionError('input', `input "retries" must be a whole number from 0 to 20, got "${value}"`);
  return Number(value);
}

const positive = (value: string | undefined): number | undefined => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined);

function retrySettings(maxRetries: number, baseDelayMs: number | undefined): RetrySettings {
  if (!baseDelayMs) return { ...DEFAULT_RETRY, maxRetries };
  return { ...DEFAULT_RETRY, maxRetries, baseDelayMs, maxDelayMs: Math.max(baseDelayMs, Math.min(DEFAULT_RETRY.maxDelayMs, baseDelayMs * 8)) };
}

function timeouts(ms: number | undefined): Settings['timeouts'] {
  return ms ? { connectMs: ms, headersMs: ms, bodyMs: ms } : undefined;
}

/** Runs the parser of one input: its refusal names the input. */
function naming<T>(name: InputName, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (isActionError(err, 'input')) throw new ActionError('input', `input "${name}": ${err.message}`, { cause: err });
    throw err;
  }
}

function parseChoice<T extends string>(name: InputName, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new ActionError('input', `input "${name}" must be ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}, got "${value}"`);
}

function parseBoolean(name: string, value: string): boolean {
  if (/^(true|yes|1)$/i.test(value)) return true;
  if (/^(false|no|0)$/i.test(value)) return false;
  throw new ActionError('input', `input "${name}" must be true or false, got "${value}"`);
}
