// The action: inputs → build → inspect → artifact → publish → report. Each step lives in its own module.
import * as core from '@actions/core';
import { basename } from 'node:path';
import { readEventFacts } from './github/event.js';
import { deriveTags } from './github/tags.js';
import { commitTimeFromGit } from './github/commit.js';
import { permissionHint } from './github/hints.js';
import { withholdGitHubToken } from './github/token-scope.js';
import { writeOutputs, writeSummary } from './github/report.js';
import { actionsBuildLog } from './github/build-log.js';
import { defaultRepository, readSettings, type Settings } from './inputs.js';
import { buildCrate, type BuiltComponent } from './build/build-crate.js';
import { inspectWasm } from './wasm/inspect.js';
import { digestFile } from './artifact/file-digest.js';
import { resolveCreated } from './artifact/created.js';
import { buildArtifact, type BuiltArtifact } from './artifact/manifest.js';
import { writeOciLayout } from './artifact/oci-layout.js';
import { defaultAnnotations } from './artifact/annotations.js';
import { formatRepository, type Repository } from './oci/reference.js';
import { RegistryError } from './oci/errors.js';
import { RepositoryClient } from './oci/repository.js';
import { pushManifest, type PushResult } from './oci/push.js';
import { credentialsFromDockerConfig } from './oci/docker-config.js';

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
  if (settings.password) core.setSecret(settings.password);

  const built: BuiltComponent | undefined = settings.build ? await buildCrate(settings.build, actionsBuildLog, env) : undefined;
  const componentPath = built?.path ?? settings.component;
  const crate = built?.crate;
  const repository = settings.repository ?? defaultRepository(crate?.name ?? componentPath, event);

  const facts = await inspectWasm(componentPath);
  if (facts.kind === 'component' && crate?.targetWorld) facts.target = crate.targetWorld;
  const layer = await digestFile(componentPath);
  const derived = deriveTags(event);
  const tags = settings.tags.length > 0 ? settings.tags : derived.tags;
  const created = resolveCreated(env.SOURCE_DATE_EPOCH, (await commitTimeFromGit(event.sha, env.GITHUB_WORKSPACE ?? process.cwd())) ?? event.commitTime, () => new Date());

  const artifact = buildArtifact({
    facts,
    layer: { ...layer, title: built?.title ?? basename(componentPath) },
    created,
    annotations: {
      ...defaultAnnotations(created, {
        // The GitHub repository links a GHCR package to it; the crate's own repository is the fallback.
        source: event.repository ? `${event.serverUrl}/${event.repository}` : crate?.repository,
        revision: event.sha || undefined,
        version: derived.version ?? crate?.version ?? tags[0],
        title: crate?.name,
        description: crate?.description,
        licenses: crate?.license,
      }),
      ...settings.annotations,
    },
  });
  const image = formatRepository(repository);
  core.info(`${facts.kind} ${componentPath}: ${layer.size} bytes, ${layer.digest}`);
  core.info(`manifest ${artifact.manifest.descriptor.digest}, tags: ${tags.join(', ') || '(none)'}`);

  if (settings.ociLayout) {
    await writeOciLayout(settings.ociLayout, artifact, componentPath, tags);
    core.info(`OCI layout written to ${settings.ociLayout}`);
  }

  let pushed: PushResult | undefined;
  if (settings.push) {
    if (tags.length === 0) throw new Error('no tag could be derived from this event: set the "tags" input');
    pushed = await pushArtifact(settings, repository, artifact, componentPath, tags, event.serverUrl);
    core.info(`pushed ${image}@${pushed.digest} (${pushed.uploaded.length} blobs uploaded, ${pushed.skipped.length} already present)`);
  }

  const report = {
    image,
    component: componentPath,
    digest: artifact.manifest.descriptor.digest,
    configDigest: artifact.config.descriptor.digest,
    layerDigest: artifact.layer.digest,
    size: layer.size,
    tags: settings.push ? tags.map((t) => `${image}:${t}`) : [],
    pushed: settings.push,
    uploaded: pushed?.uploaded ?? [],
    skipped: pushed?.skipped ?? [],
    ociLayout: settings.ociLayout,
    os: facts.kind === 'component' ? 'wasip2' : 'wasip1',
    imports: facts.kind === 'component' ? facts.imports : [],
    exports: facts.kind === 'component' ? facts.exports : [],
  };
  writeOutputs(report);
  await writeSummary(report);
}

async function pushArtifact(
  settings: Settings,
  repository: Repository,
  artifact: BuiltArtifact,
  componentPath: string,
  tags: string[],
  serverUrl: string,
): Promise<PushResult> {
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
  const client = new RepositoryClient(repository, {
    plainHttp: settings.plainHttp,
    credentials,
    onSecret: (token) => core.setSecret(token),
    log: (line) => core.debug(line),
  });
  try {
    return await pushManifest(
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
    );
  } catch (err) {
    const hint = err instanceof RegistryError ? permissionHint(err.status, repository.registry) : undefined;
    if (hint) throw new Error(`${(err as Error).message}. ${hint}`, { cause: err });
    throw err;
  } finally {
    await client.close();
  }
}
