// Registry authentication: the WWW-Authenticate challenge (RFC 7235 auth-params), HTTP Basic, and the
// Docker/OCI token flow (distribution "Token Authentication Specification") that GHCR uses.
import { Buffer } from 'node:buffer';

export interface Credentials {
  username: string;
  password: string;
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

export function basicAuthorization(credentials: Credentials): string {
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
