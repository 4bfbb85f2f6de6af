// Where a WIT package lives, decided as wkg decides it (bytecodealliance/wasm-pkg-tools docs/configuration.md;
// wasm-pkg-common src/config.rs `resolve_registry`, wasm-pkg-client src/lib.rs `resolve_source` and
// src/oci/mod.rs `make_reference`): a package override, else its namespace's registry, else
// `default_registry`, else the built-in `wasi` → wasi.dev and `ba` → bytecodealliance.org. A mapping may carry
// the registry's metadata; otherwise it comes from the registry's well-known registry.json. The OCI
// reference is `<oci.registry>/<namespacePrefix><ns>/<name>:<version>`.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { ActionError } from '../errors.js';

export interface RegistryMetadata {
  preferredProtocol?: string;
  oci?: { registry?: string; namespacePrefix?: string };
}

export interface RegistryMapping {
  /** The registry's name: a domain (`wasi.dev`), or any name the config's `[registry."…"]` tables use. */
  registry: string;
  metadata?: RegistryMetadata;
}

export interface RegistrySettings {
  protocol?: 'http' | 'https';
  auth?: { username: string; password: string };
}

export interface WkgConfig {
  defaultRegistry?: string;
  namespaceRegistries: Record<string, RegistryMapping>;
  packageOverrides: Record<string, RegistryMapping>;
  registries: Record<string, RegistrySettings>;
}

const FALLBACK: Record<string, string> = { wasi: 'wasi.dev', ba: 'bytecodealliance.org' };

export function resolveRegistry(config: WkgConfig, pkg: string): RegistryMapping | undefined {
  const namespace = pkg.split(':')[0]!;
  const mapped = config.packageOverrides[pkg] ?? config.namespaceRegistries[namespace];
  if (mapped) return mapped;
  const registry = config.defaultRegistry ?? FALLBACK[namespace];
  return registry ? { registry } : undefined;
}

/** The OCI repository (without registry) and the registry holding `ns:name` under the metadata. */
export function ociLocation(pkg: string, mapping: RegistryMapping, metadata: RegistryMetadata): { registry: string; repository: string } {
  const [namespace, name] = pkg.split(':') as [string, string];
  return { registry: metadata.oci?.registry ?? mapping.registry, repository: `${metadata.oci?.namespacePrefix ?? ''}${namespace}/${name}` };
}

/** registry.json's fields, the legacy `ociRegistry`/`ociNamespacePrefix` read too (wasm-pkg-common src/metadata.rs). */
export function parseRegistryMetadata(value: unknown, where: string): RegistryMetadata {
  if (typeof value !== 'object' || value === null) throw new ActionError('input', `${where}: registry metadata is not an object`);
  const v = value as Record<string, unknown>;
  const oci = (typeof v.oci === 'object' && v.oci !== null ? v.oci : {}) as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const registry = text(oci.registry) ?? text(v.ociRegistry);
  const namespacePrefix = text(oci.namespacePrefix) ?? text(v.ociNamespacePrefix);
  // These come from whoever serves registry.json: a registry is a host and port, nothing else (no scheme,
  // path, user or white space); a prefix is OCI repository characters, with no `..` or empty segment, so
  // that `<prefix><namespace>/<name>` stays a repository on that registry (parseRepository checks the rest).
  if (registry !== undefined && !/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(registry)) {
    throw new ActionError('input', `${where}: the OCI registry ${JSON.stringify(registry)} is not a host name with an optional port`);
  }
  if (namespacePrefix !== undefined && (!/^[a-z0-9._/-]*$/.test(namespacePrefix) || /(?:^|\/)\.{1,2}(?:\/|$)|\/\/|^\//.test(namespacePrefix))) {
    throw new ActionError('input', `${where}: the OCI namespace prefix ${JSON.stringify(namespacePrefix)} is not part of a repository name`);
  }
  const preferredProtocol = text(v.preferredProtocol) ?? (registry ? 'oci' : undefined);
  return {
    ...(preferredProtocol ? { preferredProtocol } : {}),
    ...(registry || namespacePrefix ? { oci: { ...(registry ? { registry } : {}), ...(namespacePrefix ? { namespacePrefix } : {}) } } : {}),
  };
}

/** wkg's config file: the `wkg-config` input, else `$XDG_CONFIG_HOME/wasm-pkg/config.toml` when it exists, else none. */
export async function loadWkgConfig(path: string | undefined, env: NodeJS.ProcessEnv): Promise<WkgConfig> {
  const file = path || join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'wasm-pkg', 'config.toml');
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (!path && err.code === 'ENOENT') return undefined;
    throw new ActionError('input', `cannot read the wkg config ${file}: ${err.message}`);
  });
  return text === undefined ? emptyConfig() : parseWkgConfig(text, file);
}

const emptyConfig = (): WkgConfig => ({ namespaceRegistries: {}, packageOverrides: {}, registries: {} });

export function parseWkgConfig(text: string, file: string): WkgConfig {
  let toml: Record<string, unknown>;
  try {
    toml = parse(text);
  } catch (err) {
    throw new ActionError('input', `the wkg config ${file} is not valid TOML: ${(err as Error).message.split('\n')[0]}`);
  }
  const table = (name: string) => {
    const t = toml[name] ?? {};
    if (typeof t !== 'object' || t === null || Array.isArray(t)) throw new ActionError('input', `the wkg config ${file}: "${name}" is not a table`);
    return t as Record<string, unknown>;
  };
  const mappings = (name: string) => Object.fromEntries(Object.entries(table(name)).map(([k, v]) => [k, mapping(v, `${file}: ${name}."${k}"`)]));
  const config = emptyConfig();
  if (toml.default_registry !== undefined) {
    if (typeof toml.default_registry !== 'string') throw new ActionError('input', `the wkg config ${file}: default_registry is not a string`);
    config.defaultRegistry = toml.default_registry;
  }
  config.namespaceRegistries = mappings('namespace_registries');
  config.packageOverrides = mappings('package_registry_overrides');
  for (const [name, value] of Object.entries(table('registry'))) {
    config.registries[name] = registrySettings((value as Record<string, unknown>)?.oci, `${file}: registry."${name}".oci`);
  }
  return config;
}

function mapping(value: unknown, where: string): RegistryMapping {
  if (typeof value === 'string') return { registry: value };
  const v = value as { registry?: unknown; metadata?: unknown } | undefined;
  if (typeof v?.registry !== 'string') throw new ActionError('input', `${where}: a registry name or { registry, metadata }`);
  return { registry: v.registry, ...(v.metadata !== undefined ? { metadata: parseRegistryMetadata(v.metadata, where) } : {}) };
}

/** `protocol = "http"` and `auth = { username, password }` (or base64 `user:password`), as wkg's OCI backend reads them. */
function registrySettings(value: unknown, where: string): RegistrySettings {
  if (value === undefined) return {};
  const v = value as { protocol?: unknown; auth?: unknown };
  const settings: RegistrySettings = {};
  if (v.protocol !== undefined) {
    if (v.protocol !== 'http' && v.protocol !== 'https') throw new ActionError('input', `${where}: protocol is "http" or "https"`);
    settings.protocol = v.protocol;
  }
  if (typeof v.auth === 'string') {
    const decoded = Buffer.from(v.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new ActionError('input', `${where}: auth is base64 of "username:password"`);
    settings.auth = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  } else if (v.auth !== undefined) {
    const a = v.auth as { username?: unknown; password?: unknown };
    if (typeof a.username !== 'string' || typeof a.password !== 'string') throw new ActionError('input', `${where}: auth needs username and password`);
    settings.auth = { username: a.username, password: a.password };
  }
  return settings;
}
