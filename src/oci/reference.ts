// Image reference and tag grammar, after the OCI distribution-spec ("Pulling manifests":
// <name> and <reference> regular expressions) and Docker's host rules for the registry part.
import { ActionError } from '../errors.js';

/** distribution-spec: repository name components. */
const NAME_RE = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/;
/** distribution-spec: tags. */
const TAG_RE = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
/** A registry host: DNS name or IPv4, or a bracketed IPv6 literal, with an optional port. */
const HOST_RE = /^(([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(:[0-9]{1,5})?$/;

export const DOCKER_HUB = 'registry-1.docker.io';

export interface Repository {
  /** Host and port as typed (`ghcr.io`, `127.0.0.1:5000`); Docker Hub becomes registry-1.docker.io. */
  registry: string;
  /** Repository path within the registry (`acme/hello`). */
  name: string;
}

/** Parses an image reference without tag or digest, e.g. `ghcr.io/acme/hello`. */
export function parseRepository(input: string): Repository {
  const ref = input.trim();
  if (ref === '') throw new ActionError('input', 'the image reference is empty');
  if (/\s/.test(ref)) throw new ActionError('input', `image reference "${ref}" contains white space`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) {
    throw new ActionError('input', `image reference "${ref}" must not have a scheme: write it as ${ref.replace(/^[^:]+:\/\//, '')}`);
  }
  if (ref.includes('@')) throw new ActionError('input', `image reference "${ref}" must not carry a digest`);
  const slash = ref.indexOf('/');
  const first = slash === -1 ? '' : ref.slice(0, slash);
  // Docker's rule: the first component is a registry host when it has a dot or a port, or is localhost.
  const isHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = isHost ? first : 'docker.io';
  let name = isHost ? ref.slice(slash + 1) : ref;
  const lastSlash = name.lastIndexOf('/');
  if (name.slice(lastSlash + 1).includes(':')) {
    throw new ActionError('input', `image reference "${ref}" must not carry a tag: give tags in the "tags" input`);
  }
  if (!HOST_RE.test(registry)) throw new ActionError('input', `"${registry}" in "${ref}" is not a valid registry host`);
  if (registry === 'docker.io' || registry === 'index.docker.io') {
    registry = DOCKER_HUB;
    if (!name.includes('/')) name = `library/${name}`;
  }
  if (!NAME_RE.test(name)) {
    const hint = name !== name.toLowerCase() ? ' (repository names must be lower case)' : '';
    throw new ActionError('input', `"${name}" in "${ref}" is not a valid repository name${hint}`);
  }
  return { registry: registry.toLowerCase(), name };
}

export function formatRepository(repo: Repository): string {
  return `${repo.registry === DOCKER_HUB ? 'docker.io' : repo.registry}/${repo.name}`;
}

export function isValidTag(tag: string): boolean {
  return TAG_RE.test(tag);
}

export function assertValidTag(tag: string): string {
  if (!isValidTag(tag)) {
    const why = tag.length > 128 ? `it is ${tag.length} characters long (at most 128)` : 'it must match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}';
    throw new ActionError('input', `tag "${tag}" is not valid: ${why}`);
  }
  return tag;
}

/**
 * A literal loopback, private (RFC 1918, IPv6 unique local), link-local or unspecified address, or localhost:
 * where a registry on the internet has no business sending the client with its credentials. Names are not
 * resolved: a literal is what a hostile challenge would use.
 */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (!host.includes(':')) return false;
  return host === '::' || host === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
}

/** Hosts that Docker talks plain HTTP to without being told (and that never leave the machine). */
export function isLoopbackHost(host: string): boolean {
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
