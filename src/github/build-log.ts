// The build step's log, on the Actions runtime: groups fold cargo's output, errors become annotations.
import * as core from './runner.js';
import type { BuildLog } from '../cargo/log.js';

export const actionsBuildLog: BuildLog = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  error: (message, at) => core.error(message, at ? { file: at.file, startLine: at.line, startColumn: at.column, title: 'Build error' } : undefined),
  group: (name, fn) => core.group(name, fn),
};
