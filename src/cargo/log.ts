/** What the build step writes to the job log; main.ts backs it with the runner's workflow commands (github/runner.ts). */
export interface BuildLog {
  info(message: string): void;
  warning(message: string): void;
  /** An error annotation, on a file and line when known. */
  error(message: string, at?: { file: string; line?: number; column?: number }): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}
