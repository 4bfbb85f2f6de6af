// The project's error for everything that is not a registry's HTTP answer (those are RegistryError, in
// src/oci/errors.ts): a message the user can act on, and a kind, which main.ts turns into a hint. A leaf
// module: every folder may import it, src/oci/ included, since it knows nothing of GitHub or Wasm.

export type ErrorKind =
  /** An action input, or the environment standing in for one (SOURCE_DATE_EPOCH, a missing permission). */
  | 'input'
  /** cargo, cargo-component or the preview1 adapter. */
  | 'build'
  /** The .wasm file is not what it must be. */
  | 'wasm'
  /** The smoke run: the component did not start, or did not answer as expected. */
  | 'smoke'
  /** The registry could not be reached, or the connection broke (`code` holds the system's error code). */
  | 'network'
  /** No credentials, or credentials this client will not send (plain HTTP, an unanswerable challenge). */
  | 'credentials'
  /** The registry answered, but not as the distribution-spec says (no Location, a wrong digest, a tag that is not an index). */
  | 'registry-protocol';

export class ActionError extends Error {
  override name = 'ActionError';
  /** For `network`: ECONNRESET, UND_ERR_SOCKET, … */
  readonly code?: string;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown; code?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = options?.code;
  }
}

export function isActionError(err: unknown, kind: ErrorKind): err is ActionError {
  return err instanceof ActionError && err.kind === kind;
}
