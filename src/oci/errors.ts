/** One entry of the distribution-spec error body: {"errors":[{"code","message","detail"}]}. */
export interface RegistryErrorDetail {
  code: string;
  message: string;
}

/**
 * A registry's HTTP answer the client cannot go on from, with what the registry said: only real answers
 * (conditions the client finds itself are ActionErrors of kind registry-protocol or credentials).
 */
export class RegistryError extends Error {
  override name = 'RegistryError';
  constructor(
    readonly status: number,
    readonly operation: string,
    readonly details: RegistryErrorDetail[],
    readonly hint?: string,
  ) {
    super(RegistryError.describe(status, operation, details, hint));
  }

  private static describe(status: number, operation: string, details: RegistryErrorDetail[], hint?: string): string {
    const said = details.map((d) => (d.message ? `${d.code}: ${d.message}` : d.code)).join('; ');
    return `${operation} failed: HTTP ${status}${said ? ` (${said})` : ''}${hint ? `. ${hint}` : ''}`;
  }
}

/** The registry's body is read up to this many bytes: an error page can be arbitrarily large. */
export const ERROR_BODY_LIMIT = 64 * 1024;

/** Parses a distribution-spec error body; anything else becomes one entry with a printable excerpt. */
export function parseErrorBody(text: string): RegistryErrorDetail[] {
  try {
    const parsed = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(parsed.errors)) {
      return parsed.errors.map((e: { code?: unknown; message?: unknown }) => ({
        code: typeof e.code === 'string' ? e.code : 'UNKNOWN',
        message: typeof e.message === 'string' ? e.message : '',
      }));
    }
  } catch {
    // not JSON: fall through to the excerpt
  }
  const excerpt = text
    .replace(/[^\x20-\x7e]+/g, ' ')
    .trim()
    .slice(0, 200);
  return excerpt ? [{ code: 'RESPONSE', message: excerpt }] : [];
}

/** What the user can do about an answer, where the status says it. */
export function statusHint(status: number): string | undefined {
  if (status === 401) return 'the registry refused the credentials: check the user name and password or token';
  if (status === 403) return 'the credentials may not push to this repository';
  return undefined;
}
