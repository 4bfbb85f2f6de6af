// The action: inputs → build → inspect → artifact → publish → report. Each step lives in its own module.
import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readEventFacts } from './github/event.js';
import { eventAnnotations } from './github/annotations.js';
import { deriveTags } from './github/tags.js';
import { floatingTags } from './github/latest.js';
import { commitTimeFromGit } from './github/commit.js';
import { permissionHint } from './github/hints.js';
import { withholdGitHubToken } from './github/token-scope.js';
import { readOnlyTokenReason, skippedPushNotice } from './github/push-permission.js';
import { writeOutputs, writeSummary } from './github/report.js';
import { actionsBuildLog } from './github/build-log.js';
import { defaultRepository, readSettings, type Settings } from './inputs.js';
import { inspectWasm } from './wasm/inspect.js';
import { resolveCreated } from './artifact/created.js';
import { buildArtifact } from './artifact/manifest.js';
import { writeOciLayout } from './artifact/oci-layout.js';
import { formatRepository, type Repository } from './oci/reference.js';
import { RegistryError } from './oci/errors.js';
import { RepositoryClient } from './oci/repository.js';
import { retryPolicy, timeoutsFromEnv } from './oci/policy.js';
import { pushManifest, type PushResult } from './oci/push.js';
import { credentialsFromDockerConfig } from './oci/docker-config.js';
import { attachReferrer, type AttachResult } from './oci/referrers.js';
import { provenanceStatement, runFactsFromEnv } from './attach/provenance.js';
import { githubOidc, shouldSign } from './github/signing.js';

export async function run(): Promise<void> {
  try {
    await publish();
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}

async function publish(): Promise<void> {
  const env = process.env;
  const event = readEventFacts(env);
  const settings = readSettings((name) => core.getInput(name), event);
  for (const secret of [settings.password, settings.githubToken]) if (secret) core.setSecret(secret);

  // What a run does not use is not loaded: building (@actions/cache), SBOM (CycloneDX), signing
  // (sigstore-js) and the comment (Octokit) are each imported on first use, to keep start-up short.
  const built = settings.build ? await (await import('./build/build-crate.js')).buildCrate(settings.build, actionsBuildLog, env) : undefined;
  const componentPath = built?.path ?? settings.component;
  const crate = built?.crate;
  const repository = settings.repository ?? defaultRepository(crate?.name ?? componentPath, event);
  const image = formatRepository(repository);

  // git is asked for the commit's time while the component is read, and only when SOURCE_DATE_EPOCH is not set.
  const commitTime = env.SOURCE_DATE_EPOCH?.trim() ? undefined : commitTimeFromGit(event.sha, env.GITHUB_WORKSPACE ?? process.cwd());
  const readStarted = performance.now();
  const { facts, ...layer } = await inspectWasm(componentPath);
  // Peak RSS up to here: what reading the component cost, told apart from the upload's (bench/ reads it).
  core.debug(
    `read ${componentPath} in ${Math.round(performance.now() - readStarted)} ms, peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
  );
  if (facts.kind === 'component' && crate?.targetWorld) facts.target = crate.targetWorld;
  const created = resolveCreated(env.SOURCE_DATE_EPOCH, (await commitTime) ?? event.commitTime, () => new Date());

  const readOnly = settings.push ? readOnlyTokenReason(event) : undefined;
  const push = settings.push && !readOnly;
  // Where nothing can be pushed, the layout is the result: write one even when none was asked for.
  const layoutDir = settings.ociLayout ?? (readOnly ? join(env.RUNNER_TEMP ?? tmpdir(), 'wasm-oci-publish', 'layout') : undefined);

  const sign = push && shouldSign(settings.sign, env); // decided before anything is pushed
  const client = push ? openRepository(settings, repository, event.serverUrl) : undefined;
  try {
    const derived = deriveTags(event);
    // Floating tags (1.2, 1, latest) only move forward: compare with the versions the registry has.
    const existing = client && settings.tags.length === 0 && derived.version ? await client.listTags().catch(failWithHint(repository)) : [];
    const tags = settings.tags.length > 0 ? settings.tags : floatingTags(derived.tags, derived.version, existing, settings.latest);

    const artifact = buildArtifact({
      facts,
      layer: { ...layer, title: built?.title ?? basename(componentPath) },
      created,
      annotations: { ...eventAnnotations(event, crate, created, derived.version ?? crate?.version ?? tags[0]), ...settings.annotations },
    });
    core.info(`${facts.kind} ${componentPath}: ${layer.size} bytes, ${layer.digest}`);
    core.info(`manifest ${artifact.manifest.descriptor.digest}, tags: ${tags.join(', ') || '(none)'}`);

    // Made before anything is pushed, so that a bad SBOM file fails the step with nothing half-published.
    const sbom =
      push && settings.sbom !== 'false'
        ? await (await import('./attach/sbom-choice.js')).sbomForRun(settings.sbom, built, componentPath, layer.digest, created)
        : undefined;

    if (layoutDir) {
      await writeOciLayout(layoutDir, artifact, componentPath, tags);
      core.info(`OCI layout written to ${layoutDir}`);
    }
    if (readOnly) core.notice(skippedPushNotice(readOnly, layoutDir ?? ''));

    let pushed: PushResult | undefined;
    if (client) {
      if (tags.length === 0) throw new Error('no tag could be derived from this event: set the "tags" input');
      pushed = await pushManifest(
        client,
        {
          mediaType: artifact.manifest.descriptor.mediaType,
          bytes: artifact.manifest.bytes,
          digest: artifact.manifest.descriptor.digest,
          blobs: [
            { descriptor: artifact.layer, source: { path: componentPath } },
            { descriptor: artifact.config.descriptor, source: { bytes: artifact.config.bytes } },
          ],
        },
        tags,
      ).catch(failWithHint(repository));
      core.info(`pushed ${image}@${pushed.digest} (${pushed.uploaded.length} blobs uploaded, ${pushed.skipped.length} already present)`);
    }
    const referrers: Array<{ kind: 'SBOM' | 'signature' } & AttachResult> = [];
    if (client && sbom) {
      referrers.push({ kind: 'SBOM', ...(await attachReferrer(client, artifact.manifest.descriptor, sbom).catch(failWithHint(repository))) });
    }
    if (client && sign) {
      const { resolveServices, signatureReferrer, signStatement } = await import('./attach/signature.js');
      const statement = provenanceStatement(image, artifact.manifest.descriptor.digest, runFactsFromEnv(env));
      const bundle = await signStatement(statement, resolveServices(settings.sigstore, event.privateRepository !== true), githubOidc);
      referrers.push({
        kind: 'signature',
        ...(await attachReferrer(client, artifact.manifest.descriptor, signatureReferrer(bundle, created)).catch(failWithHint(repository))),
      });
    }
    for (const r of referrers) core.info(`attached the ${r.kind} ${r.digest} (${r.via}${r.added ? '' : ', already there'})`);

    const report = {
      image,
      component: componentPath,
      digest: artifact.manifest.descriptor.digest,
      configDigest: artifact.config.descriptor.digest,
      layerDigest: artifact.layer.digest,
      size: layer.size,
      tags: pushed ? tags.map((t) => `${image}:${t}`) : [],
      pushed: pushed !== undefined,
      skippedBecause: readOnly,
      uploaded: pushed?.uploaded ?? [],
      skipped: pushed?.skipped ?? [],
      ociLayout: layoutDir,
      os: facts.kind === 'component' ? 'wasip2' : 'wasip1',
      imports: facts.kind === 'component' ? facts.imports : [],
      exports: facts.kind === 'component' ? facts.exports : [],
      referrers: referrers.map((r) => ({ kind: r.kind, digest: r.digest, via: r.via })),
    };
    writeOutputs(report);
    await writeSummary(report);
    if (pushed && event.prNumber !== undefined && settings.prComment && settings.githubToken) {
      const { upsertPreviewComment } = await import('./github/pr-comment.js');
      await upsertPreviewComment(settings.githubToken, event.repository, event.prNumber, { ...report, headSha: event.headSha });
    }
  } finally {
    await client?.close();
  }
}

/** A client for the repository, with credentials from the inputs or ~/.docker/config.json, all masked. */
function openRepository(settings: Settings, repository: Repository, serverUrl: string): RepositoryClient {
  let password = settings.password;
  if (withholdGitHubToken(password, repository.registry, serverUrl)) {
    core.notice(
      `Not sending the GitHub token in "password" to ${repository.registry}: it is only good for GitHub's registry. ` +
        'Set "username" and "password" for this registry, or log in first with docker/login-action.',
    );
    password = '';
  }
  const credentials = password ? { username: settings.username, password } : credentialsFromDockerConfig(repository.registry, process.env);
  if (credentials) core.setSecret(credentials.password);
  return new RepositoryClient(repository, {
    plainHttp: settings.plainHttp,
    credentials,
    retry: retryPolicy(settings.retries, process.env),
    timeouts: timeoutsFromEnv(process.env),
    onSecret: (token) => core.setSecret(token),
    log: (line) => core.debug(line),
  });
}

/** Adds what a GitHub user should do about a refusal (e.g. `packages: write`) to the registry's error. */
function failWithHint(repository: Repository): (err: unknown) => never {
  return (err) => {
    const hint = err instanceof RegistryError ? permissionHint(err.status, repository.registry) : undefined;
    if (hint) throw new Error(`${(err as Error).message}. ${hint}`, { cause: err });
    throw err;
  };
}
