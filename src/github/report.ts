// Step outputs and the job summary.
import * as core from './runner.js';
import type { WasmFacts } from '../wasm/inspect.js';
import { code, codeList, link } from './markdown.js';
import { smokeSummaryMarkdown } from './smoke-report.js';
import type { SmokeOutcome } from '../smoke/outcome.js';

export interface PublishReport {
  /** The first image; `images` has them all (one artifact, one digest everywhere). */
  image: string;
  images?: string[];
  /** Path of the .wasm that was published. */
  component: string;
  digest: string;
  configDigest: string;
  layerDigest: string;
  size: number;
  /** Full references, `<image>:<tag>`. */
  tags: string[];
  pushed: boolean;
  /** Why nothing was pushed although push was on (a fork's read-only token, say). */
  skippedBecause?: string;
  uploaded: string[];
  skipped: string[];
  ociLayout?: string;
  os: string;
  imports: string[];
  exports: string[];
  /** Set when the artifact is a WIT package: its name (`ns:pkg@1.0.0`), interfaces and worlds. */
  package?: WitPackageSummary;
  /** Attached SBOM and signature, each a referrer of the manifest. */
  referrers?: Referred[];
  attestations?: Attestations;
  version?: string;
  annotations?: Record<string, string>;
  /** Whether an anonymous client can pull what was pushed; undefined when not checked. */
  public?: boolean;
}

export interface WitPackageSummary {
  name: string;
  interfaces: string[];
  worlds: string[];
}

export interface Referred {
  /** signature: the signed build provenance; SBOM attestation: the signed SBOM. */
  kind: 'SBOM' | 'signature' | 'SBOM attestation';
  digest: string;
  via: 'api' | 'fallback-tag';
  tag?: string;
}

/** What a run did, gathered from its steps. */
export interface RunResult {
  /** Every image the artifact was to be published to. */
  images: string[];
  /** Those it was published to. */
  pushedImages: string[];
  /** Full references pushed, `<image>:<tag>`. */
  references: string[];
  component: string;
  facts: WasmFacts;
  manifestDigest: string;
  configDigest: string;
  layer: { digest: string; size: number };
  /** Undefined when nothing was pushed. */
  pushed?: { uploaded: string[]; skipped: string[] };
  skippedBecause?: string;
  ociLayout?: string;
  referrers: Referred[];
  attestations?: Attestations;
  /** The release version, when its tag is among the tags (docker/metadata-action's `version`). */
  version?: string;
  /** The manifest's annotations. */
  annotations?: Record<string, string>;
  /** Whether an anonymous client can pull it (undefined: not pushed, or not known). */
  public?: boolean;
}

/** What signing stored in GitHub's attestation API; undefined where GitHub refused (the registry has them still). */
export interface Attestations {
  /** The repository's owner: `gh attestation verify --owner`. */
  owner: string;
  provenance?: { id: string; url: string };
  sbom?: { stored?: { id: string; url: string }; predicateType: string };
}

export function publishReport(r: RunResult): PublishReport {
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

export function reportOutputs(r: PublishReport): Record<string, string> {
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
export function writeOutputs(reports: PublishReport[]): void {
  const outputs = reports.length === 1 ? reportOutputs(reports[0]!) : workspaceOutputs(reports);
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

/**
 * A workspace's outputs: `metadata` holds one entry per component, `refs` and `tags` every component's; the
 * outputs about one artifact (digest, ref, …) stay empty, since there are several.
 */
export function workspaceOutputs(reports: PublishReport[]): Record<string, string> {
  const each = reports.map(reportOutputs);
  const joined = (name: string) => each.flatMap((o) => (o[name] ? [o[name]] : [])).join('\n');
  const empty = Object.fromEntries(Object.keys(each[0] ?? {}).map((k) => [k, '']));
  return {
    ...empty,
    refs: joined('refs'),
    tags: joined('tags'),
    'oci-layout': each[0]?.['oci-layout'] ?? '',
    metadata: JSON.stringify(each.map((o) => JSON.parse(o.metadata!) as unknown)),
  };
}

export function summaryMarkdown(r: PublishReport): string {
  const rows: Array<[string, string]> = [
    ['Image', codeList(r.images ?? [r.image], '<br>', { inTable: true })],
    ['Digest', code(r.digest, true)],
    ['Tags', codeList(r.tags, '<br>', { inTable: true })],
    ['Kind', r.package ? `WIT package ${code(r.package.name, true)}` : r.os === 'wasip2' ? 'component (wasip2)' : 'core module (wasip1)'],
    ['Size', `${r.size} bytes`],
    ['Config', code(r.configDigest, true)],
    ['Layer', code(r.layerDigest, true)],
    ['Blobs', r.pushed ? `${r.uploaded.length} uploaded, ${r.skipped.length} already present` : `not pushed (${r.skippedBecause ?? 'push: false'})`],
  ];
  if (r.ociLayout) rows.push(['OCI layout', code(r.ociLayout, true)]);
  const what = r.package ? 'WIT package' : 'Wasm component';
  const lines = [`## ${what} ${r.pushed ? 'published' : 'packaged'}`, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''];
  if (r.package) {
    lines.push(`Interfaces: ${codeList(r.package.interfaces, ', ')}  `, `Worlds: ${codeList(r.package.worlds, ', ')}`, '');
  } else if (r.imports.length || r.exports.length) {
    lines.push(`Exports: ${codeList(r.exports, ', ')}  `, `Imports: ${codeList(r.imports, ', ')}`, '');
  }
  if (r.referrers?.length) {
    lines.push('Attached (OCI referrers of the manifest):', '', '| | Digest | Found through |', '|---|---|---|');
    for (const x of r.referrers)
      lines.push(`| ${x.kind} | ${code(x.digest, true)} | ${x.via === 'api' ? 'referrers API' : `tag ${code(x.tag ?? '', true)}`} |`);
    if (r.referrers.some((x) => x.via === 'fallback-tag')) {
      lines.push(
        '',
        'The `sha256-<hex>` tag is the OCI 1.1 referrers tag schema: this registry has no referrers API, so the list of ' +
          "what refers to the manifest is an index under that tag. Clients (oras, cosign, gh) read it there; the pull request's cleanup removes it with its subject.",
      );
    }
    lines.push('', 'List and check them:', '', '```sh', `oras discover ${r.image}@${r.digest}`, ...verifyCommands(r));
    lines.push('```', '');
  }
  const stored: Array<[string, string]> = [
    ...(r.attestations?.provenance ? [['Build provenance', r.attestations.provenance.url] as [string, string]] : []),
    ...(r.attestations?.sbom?.stored ? [['SBOM', r.attestations.sbom.stored.url] as [string, string]] : []),
  ];
  // The URLs hold an id from GitHub's answer (attestations.ts takes digits only); `link` holds even where that fails.
  if (stored.length) lines.push(`Attestations stored in GitHub: ${stored.map(([what, url]) => link(what, url)).join(', ')}`, '');
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
export function verifyCommands(r: PublishReport): string[] {
  const a = r.attestations;
  if (!a) return [];
  const base = `gh attestation verify oci://${r.image}@${r.digest} --owner ${a.owner}`;
  const from = (stored: unknown) => (stored ? '' : ' --bundle-from-oci');
  return [`${base}${from(a.provenance)}`, ...(a.sbom ? [`${base} --predicate-type ${a.sbom.predicateType}${from(a.sbom.stored)}`] : [])];
}

/** The job summary: the smoke run's results, then a section per component published. */
export function writeSummary(reports: PublishReport[], smoke: SmokeOutcome[] = []): void {
  core.appendSummary([smokeSummaryMarkdown(smoke), ...reports.map(summaryMarkdown)].filter((s) => s !== '').join('\n'));
}
