// Registry authentication, as a layer the transport calls on a 401 (oras-go registry/remote/auth: client.go
// and cache.go): the WWW-Authenticate challenge (RFC 7235 auth-params), HTTP Basic, the Docker/OCI token
// flow (distribution "Token Authentication Specification") that GHCR uses, a token per scope, and the rules
// for where credentials may go.
import { Buffer } from 'node:buffer';
import { ActionError } from '../errors.js';
import { parseErrorBody, RegistryError, statusHint } from './errors.js';
import { isInternalHost, isLoopbackHost } from './reference.js';

/**
 * What a registry may be given, as Docker's config holds it: a user name and password; an identity token (an
 * OAuth2 refresh token: `identitytoken`, or a credential helper's user `<token>`), exchanged at the token realm
 * with the refresh-token grant; or a registry token (`registrytoken`), sent as the Bearer token as it is.
 */
export type Credentials = { username: string; password: string } | { identityToken: string } | { registryToken: string };

/** Every secret a credential holds, for masking. */
export function secretsOf(credentials: Credentials | undefined): string[] {
  if (!credentials) return [];
  if ('password' in credentials) return [credentials.password];
  return ['identityToken' in credentials ? credentials.identityToken : credentials.registryToken];
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses the first challenge of a WWW-Authenticate header: `Bearer realm="…",service="…",scope="a:b:pull,push"`.
 * Quoted values may hold commas and backslash escapes; token values may be unquoted.
 */
export function parseChallenge(header: string): Challenge | undefined {
  const m = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const rest = m[2]!;
  let i = 0;
  while (i < rest.length) {
    const pm = /^[\s,]*([A-Za-z0-9_.-]+)\s*=\s*/.exec(rest.slice(i));
    if (!pm) break;
    i += pm[0].length;
    let value = '';
    if (rest[i] === '"') {
      i++;
      while (i < rest.length && rest[i] !== '"') {
        if (rest[i] === '\\' && i + 1 < rest.length) i++;
        value += rest[i];
        i++;
      }
      i++; // closing quote
    } else {
      const vm = /^[^\s,]*/.exec(rest.slice(i))!;
      value = vm[0];
      i += value.length;
    }
    params[pm[1]!.toLowerCase()] = value;
  }
  return { scheme: m[1]!.toLowerCase(), params };
}

export function basicAuthorization(credentials: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

/** Token endpoint answer: `token` (Docker) or `access_token` (OAuth2), both accepted by the spec. */
export function tokenFromResponse(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { token, access_token: accessToken } = body as { token?: unknown; access_token?: unknown };
  if (typeof token === 'string' && token !== '') return token;
  if (typeof accessToken === 'string' && accessToken !== '') return accessToken;
  return undefined;
}

/** A token request: the GET of the token spec, or the POST of its OAuth2 refresh-token grant. */
export interface TokenRequestInit {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** What the authenticator needs of the transport: a request with retries and without authentication. */
export type TokenRequest = (init: TokenRequestInit, operation: string) => Promise<{ status: number; text: string }>;

/**
 * The token request for `scope` (distribution docs/spec/auth: token.md, oauth.md): Basic credentials ask with a
 * GET; an identity token is a refresh token, exchanged with a form POST (grant_type=refresh_token), as
 * distribution's and containerd's clients do; no credentials ask anonymously.
 */
export function tokenRequest(
  realm: URL,
  service: string | undefined,
  scope: string,
  creds: Credentials | undefined,
  clientId = 'oci-client',
): TokenRequestInit {
  if (creds && 'identityToken' in creds) {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identityToken, client_id: clientId, scope });
    if (service) form.set('service', service);
    return { url: realm, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
  }
  const url = new URL(realm);
  if (service) url.searchParams.set('service', service);
  // Several scopes (a mount also pulls from its source) are one `scope` parameter each (token.md).
  for (const one of scope.split(' ')) url.searchParams.append('scope', one);
  return { url, method: 'GET', headers: creds && 'password' in creds ? { authorization: basicAuthorization(creds) } : {} };
}

export interface AuthenticatorOptions {
  /** The registry's origin: its credentials and tokens go to this scheme, host and port only. */
  registry: URL;
  credentials?: Credentials;
  /** The OAuth2 client_id sent with a refresh-token grant: a name for the registry's audit log. */
  clientId?: string;
  /** Called with every token obtained, so the caller can mask it in logs. */
  onSecret?: (secret: string) => void;
  log?: (line: string) => void;
}

/** Basic credentials answer every scope; tokens are kept per scope (`repository:<name>:pull,push`). */
const ANY_SCOPE = '*';

export class Authenticator {
  private readonly authorizations = new Map<string, string>();
  /** One token request per scope at a time: parallel requests that meet the same 401 share its answer. */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly options: AuthenticatorOptions,
    private readonly requestToken: TokenRequest,
  ) {
    // A registry token needs no exchange: it goes with every request to the registry (moby does the same).
    const creds = options.credentials;
    if (creds && 'registryToken' in creds) this.authorizations.set(ANY_SCOPE, `Bearer ${creds.registryToken}`);
  }

  /**
   * The Authorization header for a request to `url`: only to the registry's own origin, never to a redirect
   * or upload target elsewhere, nor to the same host over another scheme or port (containerd's pusher
   * drops its authorizer the same way when a Location changes host or scheme).
   */
  headerFor(url: URL, scope: string): Record<string, string> {
    if (url.origin !== this.options.registry.origin) return {};
    const authorization = this.authorizations.get(scope) ?? this.authorizations.get(ANY_SCOPE);
    return authorization ? { authorization } : {};
  }

  /** Answers the registry's 401 challenge for `scope`, so that the request can be sent again. */
  async onChallenge(header: string | undefined, scope: string, operation: string): Promise<void> {
    let pending = this.pending.get(scope);
    if (!pending) {
      pending = this.answer(header, scope, operation).finally(() => this.pending.delete(scope));
      this.pending.set(scope, pending);
    }
    await pending;
  }

  private async answer(header: string | undefined, scope: string, operation: string): Promise<void> {
    const challenge = header ? parseChallenge(header) : undefined;
    const creds = this.options.credentials;
    const registry = this.options.registry;
    const refuse = (why: string) => new ActionError('credentials', `${operation} failed: ${why}`);
    if (creds && registry.protocol === 'http:' && !isLoopbackHost(registry.host)) {
      throw refuse(`refusing to send credentials over plain HTTP to ${registry.host}: only this machine's own registries get them without TLS`);
    }
    if (creds && 'registryToken' in creds) throw refuse('the registry refused the registry token from the Docker config');
    if (challenge?.scheme === 'basic') {
      if (!creds) throw refuse('the registry asks for a user name and password and none was given');
      if (!('password' in creds)) throw refuse('the registry asks for a user name and password, and the Docker config holds a token for it');
      this.authorizations.set(ANY_SCOPE, basicAuthorization(creds));
      return;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
      throw refuse(`the registry sent an authentication challenge this client cannot answer: ${header ?? '(none)'}`);
    }
    const realm = new URL(challenge.params.realm);
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && isLoopbackHost(realm.host)) && creds) {
      throw refuse(`refusing to send credentials to token realm ${realm.origin} over plain HTTP`);
    }
    // A registry on the internet that sends the client, credentials in hand, to a machine inside the runner's
    // network (a metadata service, a loopback admin port) is refused, as oras-go refuses it.
    if (!isInternalHost(registry.hostname) && isInternalHost(realm.hostname) && realm.hostname !== registry.hostname) {
      throw refuse(`the registry at ${registry.host} sent its token request to ${realm.origin}, an internal address: refusing to send credentials there`);
    }
    this.options.log?.(`token from ${realm.origin}${realm.pathname} for ${scope}`);
    const what = `${operation}: token request`;
    const res = await this.requestToken(tokenRequest(realm, challenge.params.service, scope, creds, this.options.clientId), what);
    if (res.status !== 200) {
      throw new RegistryError(res.status, what, parseErrorBody(res.text), statusHint(res.status === 400 ? 401 : res.status));
    }
    let token: string | undefined;
    try {
      token = tokenFromResponse(JSON.parse(res.text));
    } catch {
      token = undefined;
    }
    if (!token) throw new ActionError('registry-protocol', `${what} failed: the token endpoint answered without a token`);
    this.options.onSecret?.(token);
    this.authorizations.set(scope, `Bearer ${token}`);
  }
}
