// github/runner.ts writes what @actions/core writes, byte for byte: every workflow command the action uses,
// with the escapes that keep a message from ending a command early, and the output file's blocks.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import * as runner from '../../src/github/runner.js';
import { tmp } from '../helpers/components.js';

/** What a call writes to stdout. */
function stdoutOf(call: () => void): string {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = (chunk: string) => ((out += chunk), true);
  try {
    call();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

const HOSTILE = 'line one\nline two\r%0A::error::forged, 50% done: a,b';

describe('runner', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
  });

  it.each([
    ['info', (m: string) => core.info(m), (m: string) => runner.info(m)],
    ['debug', (m: string) => core.debug(m), (m: string) => runner.debug(m)],
    ['notice', (m: string) => core.notice(m), (m: string) => runner.notice(m)],
    ['warning', (m: string) => core.warning(m), (m: string) => runner.warning(m)],
    ['add-mask', (m: string) => core.setSecret(m), (m: string) => runner.setSecret(m)],
    [
      'error on a file and line',
      (m: string) => core.error(m, { file: 'src/a,b:c.rs', startLine: 3, startColumn: 7, title: 'Build error' }),
      (m: string) => runner.error(m, { file: 'src/a,b:c.rs', startLine: 3, startColumn: 7, title: 'Build error' }),
    ],
    ['setFailed', (m: string) => core.setFailed(m), (m: string) => runner.setFailed(m)],
  ])('%s', (_, theirs, ours) => {
    const expected = stdoutOf(() => theirs(HOSTILE));
    expect(stdoutOf(() => ours(HOSTILE))).toBe(expected);
    expect(expected).not.toContain('\n::error::forged');
  });

  it('group', async () => {
    const write = process.stdout.write.bind(process.stdout);
    const outputs: string[] = [];
    for (const group of [core.group, runner.group]) {
      let out = '';
      process.stdout.write = (chunk: string) => ((out += chunk), true);
      try {
        await group('cargo build', () => Promise.resolve(1));
      } finally {
        process.stdout.write = write;
      }
      outputs.push(out);
    }
    expect(outputs[1]).toBe(outputs[0]);
  });

  it('outputs go to GITHUB_OUTPUT as core writes them; inputs are read as core reads them', () => {
    const dir = tmp('runner');
    const blocks: string[] = [];
    for (const set of [core.setOutput, runner.setOutput]) {
      process.env.GITHUB_OUTPUT = join(dir, `out-${blocks.length}`);
      writeFileSync(process.env.GITHUB_OUTPUT, '');
      set('tags', 'ghcr.io/a/b:1\nghcr.io/a/b:latest');
      blocks.push(readFileSync(process.env.GITHUB_OUTPUT, 'utf8').replace(/ghadelimiter_[0-9a-f-]+/g, 'DELIMITER'));
    }
    expect(blocks[1]).toBe(blocks[0]);
    process.env['INPUT_CARGO-ARGS'] = '  -p app  ';
    expect(runner.getInput('cargo-args')).toBe(core.getInput('cargo-args'));
  });

  it('the summary is appended to GITHUB_STEP_SUMMARY, as core.summary.addRaw(…, true).write() does', async () => {
    const dir = tmp('summary');
    const files = [join(dir, 'a'), join(dir, 'b')];
    for (const f of files) writeFileSync(f, '## earlier step\n');
    process.env.GITHUB_STEP_SUMMARY = files[0];
    await core.summary.addRaw('| a | b |', true).write();
    process.env.GITHUB_STEP_SUMMARY = files[1];
    runner.appendSummary('| a | b |');
    expect(readFileSync(files[1]!, 'utf8')).toBe(readFileSync(files[0]!, 'utf8'));
  });
});
