// The action: inputs → build → inspect → artifact → publish → report. Each step lives in its own module;
// this file only wires them together and turns a failure into one line with a hint.
import * as core from './github/runner.js';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ActionError, isActionError } from './errors.js';
import { readEventFacts, type EventFacts } from './github/event.js';
import { eventAnnotations } from './github/annotations.js';
import { deriveTags, sanitizeTag } from './github/tags.js';
import { metadataActionOutputsUnread } from './github/metadata-action.js';
import { permissionHint, privatePackageNotice } from './github/hints.js';
import { withholdGitHubToken } from './github/token-scope.js';
import { readOnlyTokenReason, skippedPushNotice } from './github/push-permission.js';
import { writeCleanupReport } from './github/cleanup-report.js';
import { publishReport, writeOutputs, writeSummary, type Attestations, type PublishReport, type Referred } from './github/report.js';
import { actionsBuildLog } from './github/build-log.js';
import { smokeCommentLine, smokeLogLines } from './github/smoke-report.js';
import { isSkipped, type SmokeOutcome, type SmokeResult } from './smoke/outcome.js';
import { pushEverywhere, pushFailure, type PushOutcome } from './publish/push-everywhere.js';
import { attachedReport, startSigning, type AttestIO } from './publish/attest.js';
import { makeSbom } from './publish/sbom.js';
import { startAnonymousPull, type AnonymousPull } from './publish/anonymous-pull.js';
import { registryClient } from './publish/registry-client.js';
import { maskProxyPasswords, maskSecret } from './github/mask.js';
import { shouldSign } from './github/signing.js';
import { defaultPackageRepository, defaultRepository, imagesForCrate, pullRequestToCleanUp, readSettings, type Settings } from './inputs.js';
import { commitTimeOfCheckout } from './git/commit-time.js';
import { inspectWasm, type WasmFacts } from './wasm/inspect.js';
import { resolveCreated } from './artifact/created.js';
import { floatingTags } from './artifact/floating-tags.js';
import { buildArtifact, pushPayload } from './artifact/manifest.js';
import { writeOciLayout } from './artifact/oci-layout.js';
import { componentMetadataAnnotations } from './artifact/annotations.js';
import type { BuiltComponent } from './cargo/build-crate.js';
import { formatRepository, type Repository } from './oci/reference.js';
import { RegistryError } from './oci/errors.js';
import { RepositoryClient } from './oci/repository.js';
import type { PushResult } from './oci/push.js';
import { credentialsFromDockerConfig } from './oci/docker-config.js';

export async function run(): Promise<void> {
  const target: { registry?: string } = {};
  try {
    await publish(target);
  } catch (err) {
    core.setFailed(failureMessage(err, target.registry));
  }
}

/** `target.registry` is set as soon as it is known, for the hint of a failure. */
async function publish(target: { registry?: string }): Promise<void> {
  const env = process.env;
  const event = readEventFacts(env);
  const settings = readSettings((name) => core.getInput(name), event, env);
  for (const secret of [settings.password, settings.githubToken]) maskSecret(secret);
  maskProxyPasswords(env);
  for (const line of settings.ignoredAnnotations) core.debug(`annotation for an image index, which this artifact has none of: ${line}`);
  const unread = metadataActionOutputsUnread(settings, env);
  if (unread) core.notice(unread);

  const closedPr = pullRequestToCleanUp(settings, event);
  if (closedPr !== undefined) return cleanUp(settings, event, closedPr, target);

  // What a run does not use is not loaded: building (@actions/cache), SBOM (CycloneDX), signing
  // (sigstore-js) and the comment (Octokit) are each imported on first use, to keep start-up short.
  // With `{crate}` in `image`, one build gives every component of the workspace, each its own image.
  const workspace = settings.crateImages.length > 0;
  if (settings.build && settings.witDeps.mode !== 'false') {
    const { prepareWitDependencies } = await import('./publish/wit-deps.js');
    await prepareWitDependencies(settings, { env, serverUrl: event.serverUrl, log: actionsBuildLog, mask: maskSecret });
  }
  const builds = settings.build ? await (await import('./cargo/build-crate.js')).buildCrates(settings.build, actionsBuildLog, env, workspace) : [undefined];
  const components: ReadComponent[] = [];
  for (const built of builds) components.push({ built, ...(await readComponent(built?.path ?? settings.component, built, event, env)) });
  // Every component is started before the first is pushed: a workspace publishes all of them or none.
  const smoke = await smokeTest(settings, event, components, env);
  const published: Published[] = [];
  for (const component of components) published.push(await publishComponent(settings, event, env, component, target));

  const reports = published.map((p) => p.report);
  writeOutputs(reports);
  writeSummary(reports, smoke);
  if (event.prNumber !== undefined && settings.prComment && settings.githubToken) {
    const { upsertPreviewComment } = await import('./github/pr-comment.js');
    const smokeLine = (path: string) => {
      const run = smoke.find((o): o is SmokeResult => !isSkipped(o) && o.component === path);
      return run ? { smoke: smokeCommentLine(run) } : {};
    };
    const previews = reports.filter((r) => r.pushed).map((r) => ({ ...r, headSha: event.headSha, ...smokeLine(r.component) }));
    if (previews.length > 0) await upsertPreviewComment(settings.githubToken, event.repository, event.prNumber, previews);
  }
  const failure = published.find((p) => p.failure)?.failure;
  if (failure) throw failure;
}

/** The smoke run (src/smoke/): results logged; when one fails, the summary says so and the step fails before any push. */
async function smokeTest(settings: Settings, event: EventFacts, components: ReadComponent[], env: NodeJS.ProcessEnv): Promise<SmokeOutcome[]> {
  if (settings.smoke.select.kind === 'none') return [];
  const { smokeRunAll, smokeFailureMessage } = await import('./smoke/smoke-run.js');
  const targets = components.map(({ built, facts }) => ({ path: built?.path ?? settings.component, facts, crate: built?.crate?.name }));
  const outcomes = await smokeRunAll(targets, settings.smoke, { info: (line) => core.info(line), tempDir: env.RUNNER_TEMP, path: env.PATH });
  for (const o of outcomes) {
    if (isSkipped(o)) core.info(`smoke run: ${o.component} not run: ${o.skipped}`);
    else for (const line of smokeLogLines(o)) core.info(line);
  }
  const failed = outcomes.filter((o): o is SmokeResult => !isSkipped(o) && !o.passed);
  if (failed.length > 0) {
    writeSummary([], outcomes);
    if (event.prNumber !== undefined && settings.prComment && settings.githubToken) {
      const { upsertSmokeFailureComment } = await import('./github/pr-comment.js');
      const images = components.map(({ built, facts }) => formatRepository(imagesFor(settings, event, built, built?.path ?? settings.component, facts)[0]!));
      const lines = failed.map((r) => ({ component: r.component, line: smokeCommentLine(r), lastLines: r.lastLines }));
      await upsertSmokeFailureComment(settings.githubToken, event.repository, event.prNumber, images, lines, event.headSha);
    }
    throw new ActionError('smoke', `${smokeFailureMessage(failed)}. Nothing was pushed`);
  }
  return outcomes;
}

/** A closed pull request: nothing is built or pushed; its previews are removed from every image. */
async function cleanUp(settings: Settings, event: EventFacts, pr: number, target: { registry?: string }): Promise<void> {
  const { cleanupImages, cleanUpPullRequest } = await import('./publish/cleanup.js');
  const images = await cleanupImages(settings, event);
  target.registry = images[0]!.registry;
  const dryRun = settings.cleanup === 'dry-run';
  core.info(
    `pull request #${pr} is closed: ${dryRun ? 'listing (dry run: nothing is deleted)' : 'removing'} its previews from ${images.map(formatRepository).join(', ')}`,
  );
  const github = {
    token: settings.githubToken,
    serverUrl: event.serverUrl,
    ownerIsOrganization: event.ownerIsOrganization,
    event,
  };
  const io = {
    open: (repository: Repository) => openRepository(settings, repository, event.serverUrl),
    info: (line: string) => core.info(line),
    warning: (line: string) => core.warning(line),
    notice: (line: string) => core.notice(line),
  };
  const results = await cleanUpPullRequest(images, pr, github, io, { dryRun });
  writeCleanupReport(pr, results);
}

/**
 * Where a component goes: the `image` input; in a workspace, its templates with `{crate}` made the crate's
 * name; else a default under the repository's owner on GHCR, named after the crate, the file, or a WIT
 * package's own name.
 */
function imagesFor(settings: Settings, event: EventFacts, built: BuiltComponent | undefined, path: string, facts: WasmFacts): Repository[] {
  if (settings.crateImages.length > 0) return imagesForCrate(settings.crateImages, built?.crate?.name ?? basename(path));
  if (settings.repositories.length > 0) return settings.repositories;
  if (facts.kind === 'wit-package') return [defaultPackageRepository(facts.name, event)];
  return [defaultRepository(built?.crate?.name ?? path, event)];
}

/** A component as built (or given) and read, before anything is pushed. */
interface ReadComponent extends Awaited<ReturnType<typeof readComponent>> {
  built: BuiltComponent | undefined;
}

interface Published {
  report: PublishReport;
  /** Set when publishing failed at some image: thrown once every component's outputs are written. */
  failure?: Error;
}

/** One component: read it, make its artifact, push it to its images with its SBOM and attestations. */
async function publishComponent(
  settings: Settings,
  event: EventFacts,
  env: NodeJS.ProcessEnv,
  { built, facts, layer, created }: ReadComponent,
  target: { registry?: string },
): Promise<Published> {
  const componentPath = built?.path ?? settings.component;
  const repositories = imagesFor(settings, event, built, componentPath, facts);
  const images = repositories.map(formatRepository);
  target.registry ??= repositories[0]!.registry;

  const readOnly = settings.push ? readOnlyTokenReason(event) : undefined;
  const push = settings.push && !readOnly;
  // Where nothing can be pushed, the layout is the result: write one even when none was asked for.
  const layoutDir = settings.ociLayout ?? (readOnly ? join(env.RUNNER_TEMP ?? tmpdir(), 'wasm-oci-publish', 'layout') : undefined);
  const sign = push && shouldSign(settings.sign, env); // decided before anything is pushed
  let publicCheck: AnonymousPull | undefined;
  const targets = push
    ? await Promise.all(repositories.map(async (repository) => ({ repository, client: await openRepository(settings, repository, event.serverUrl) })))
    : [];
  try {
    const packageVersion = facts.kind === 'wit-package' ? facts.version : undefined;
    const { release, version, ...planned } = planTags(settings, event, packageVersion);
    let tags = planned.tags;
    const artifact = buildArtifact({
      facts,
      layer: { ...layer, title: built?.title ?? basename(componentPath) },
      created,
      // Lowest first: the component's own metadata, the crate's and the event's, then the input.
      annotations: {
        ...componentMetadataAnnotations(layer.metadata),
        ...eventAnnotations(event, built?.crate, created, version ?? built?.crate?.version ?? packageVersion ?? layer.metadata.version ?? tags[0]),
        ...settings.annotations,
      },
    });
    core.info(`${facts.kind} ${componentPath}: ${layer.size} bytes, ${layer.digest}`);
    core.info(`manifest ${artifact.manifest.descriptor.digest}, tags: ${tags.join(', ') || '(none)'}`);

    // Made before anything is pushed, so that a bad SBOM file fails the step with nothing half-published.
    const sbom = push && settings.sbom.kind !== 'none' ? await makeSbom(settings.sbom, built, componentPath, layer, created) : undefined;

    if (layoutDir) {
      await writeOciLayout(layoutDir, artifact, componentPath, tags);
      core.info(`OCI layout written to ${layoutDir}`);
    }
    if (readOnly) core.notice(skippedPushNotice(readOnly, layoutDir ?? ''));

    const referrers: Referred[] = [];
    let attestations: Attestations | undefined;
    let publicPull: boolean | undefined;
    let results: PushOutcome[] = [];
    if (targets.length > 0) {
      if (tags.length === 0) throw new ActionError('input', 'no tag could be derived from this event: set the "tags" input');
      // Signed while the artifact goes up; SBOM and signatures attached in the same pass (publish/attest.ts).
      const signing = sign ? startSigning(repositories, settings, event, artifact, created, sbom, version, actionsAttestIO) : undefined;
      // A registry given credentials likely asks for them: the public-pull check gets its anonymous token meanwhile.
      const checked = targets[0]!;
      publicCheck = checked.client.hasCredentials
        ? startAnonymousPull(checked.repository, clientOptions(settings, env), artifact.config.descriptor.digest)
        : undefined;
      const kinds: Array<Referred['kind']> = [...(sbom ? (['SBOM'] as const) : []), ...(signing?.kinds ?? [])];
      const attach = [...(sbom ? [sbom] : []), ...(signing?.referrers ?? [])];
      results = await pushEverywhere(targets, pushPayload(artifact, componentPath), release, tags, settings.latest, (line) => core.info(line), attach);
      const done = results.filter((r): r is PushOutcome & { pushed: PushResult } => r.pushed !== undefined);
      if (done.length > 0) referrers.push(...attachedReport(done, kinds, (line) => core.info(line)));
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
      references: results.flatMap((r) => (r.pushed ? r.pushed.tags.map((t) => `${formatRepository(r.repository)}:${t}`) : [])),
      pushedImages: results.flatMap((r) => (r.pushed ? [formatRepository(r.repository)] : [])),
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
  } finally {
    await Promise.all([...targets.map((t) => t.client.close()), publicCheck?.close()]);
  }
}

/**
 * Whether anyone may pull what was pushed (publish/anonymous-pull.ts), with the anonymous client started
 * during the push when there is one; when not, a notice says what to change.
 */
async function checkPublic(
  first: { repository: Repository; client: RepositoryClient },
  ahead: AnonymousPull | undefined,
  digest: string,
  settings: Settings,
  event: EventFacts,
  env: NodeJS.ProcessEnv,
): Promise<boolean | undefined> {
  // A registry that never asked the pushing client for credentials is open: nothing to ask it again.
  if (!first.client.requiresAuthentication) return true;
  const open = await (ahead ?? startAnonymousPull(first.repository, clientOptions(settings, env))).check(digest);
  if (open === false) core.notice(privatePackageNotice(formatRepository(first.repository), event.serverUrl, event.ownerIsOrganization ?? false));
  return open;
}

/** What an anonymous client of the run needs: the inputs' transport settings and the environment's proxies. */
function clientOptions(settings: Settings, env: NodeJS.ProcessEnv) {
  return { plainHttp: settings.plainHttp, timeouts: settings.timeouts, proxyEnv: env };
}

/** The component's facts and digest (one streaming pass), its world from the crate, and `created` from the commit. */
async function readComponent(path: string, built: BuiltComponent | undefined, event: EventFacts, env: NodeJS.ProcessEnv) {
  // git was asked for the commit's time at start (index.ts), when SOURCE_DATE_EPOCH is not set.
  const commitTime = commitTimeOfCheckout(env);
  const readStarted = performance.now();
  const { facts, ...layer } = await inspectWasm(path);
  // Peak RSS up to here: what reading the component cost, told apart from the upload's (bench/ reads it).
  core.debug(`read ${path} in ${(performance.now() - readStarted).toFixed(1)} ms, peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  if (facts.kind === 'component' && built?.crate?.targetWorld) facts.target = built.crate.targetWorld;
  return { facts, layer, created: resolveCreated(env.SOURCE_DATE_EPOCH, (await commitTime) ?? event.commitTime, () => new Date()) };
}

/**
 * The tags given, else the event's. A release's floating tags (1.2, 1, latest) are settled when it is
 * pushed (pushRelease); until then, and for a layout, it claims all the release may take.
 */
function planTags(
  settings: Settings,
  event: EventFacts,
  packageVersion?: string,
): { tags: string[]; version?: string; release?: { tags: string[]; version: string } } {
  const { tags, version } = deriveTags(event);
  if (settings.tags.length > 0) return { tags: settings.tags, version };
  if (packageVersion !== undefined) {
    // A WIT package is pulled by its own version (wkg resolves `ns:pkg@1.2.0` to that tag): outside releases
    // and previews, that is its tag. A release whose tag says another version is published as tagged, with a warning.
    if (event.tag === undefined && event.prNumber === undefined) return { tags: [sanitizeTag(packageVersion)], version: packageVersion };
    if (version !== undefined && version !== packageVersion) {
      core.warning(`The release is tagged ${version} but the WIT package says version ${packageVersion}: wkg will look for ${packageVersion}`);
    }
  }
  return { tags: floatingTags(tags, version, [], settings.latest), version, release: version ? { tags, version } : undefined };
}

/** A client for the repository, with credentials from the inputs or Docker's config and credential helpers, all masked. */
/** The OIDC token (masked by @actions/core) and the job log, for attestRun. */
const actionsAttestIO: AttestIO = {
  idToken: () => import('@actions/core').then((actions) => actions.getIDToken('sigstore')),
  info: (line) => core.info(line),
  warning: (line) => core.warning(line),
  debug: (line) => core.debug(line),
};

async function openRepository(settings: Settings, repository: Repository, serverUrl: string): Promise<RepositoryClient> {
  let password = settings.password;
  if (withholdGitHubToken(password, repository.registry, serverUrl)) {
    core.notice(
      `Not sending the GitHub token in "password" to ${repository.registry}: it is only good for GitHub's registry. ` +
        'Set "username" and "password" for this registry, or log in first with docker/login-action.',
    );
    password = '';
  }
  const credentials = password ? { username: settings.username, password } : await credentialsFromDockerConfig(repository.registry, process.env);
  return registryClient(settings, repository, credentials, { env: process.env, mask: maskSecret, log: (line) => core.debug(line) });
}

/** The error's message, with what a GitHub user should do about it where its kind says (e.g. `packages: write`). */
export function failureMessage(err: unknown, registry: string | undefined): string {
  const message = err instanceof Error ? err.message : String(err);
  const refused = err instanceof RegistryError ? err.status : isActionError(err, 'credentials') ? 401 : undefined;
  const hint = registry && refused !== undefined ? permissionHint(refused, registry) : undefined;
  return hint ? `${message}. ${hint}` : message;
}
