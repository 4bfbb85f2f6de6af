export const RUNTIME_MAJOR: number;
/** The path of the Node binary that runs dist/index.js. */
export function node24(): string;
