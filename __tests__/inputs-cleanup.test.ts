// When a run cleans up a pull request's previews instead of publishing: the closed event, or cleanup: true with pr-number.
import { describe, expect, it } from 'vitest';
import { pullRequestToCleanUp, readSettings, type Settings } from '../src/inputs.js';
import { closedPullRequest, event } from './helpers/events.js';

const closed = closedPullRequest; // the rows' shorthand
const settings = (inputs: Record<string, string>, e = closed): Settings => readSettings((n) => inputs[n] ?? '', e);

describe('pullRequestToCleanUp', () => {
  it.each([
    ['auto on a closed pull request', {}, closed, 7],
    ['auto on pull_request_target closed', {}, { ...closed, eventName: 'pull_request_target' }, 7],
    ['auto on a synchronize', {}, { ...closed, action: 'synchronize' }, undefined],
    ['false on a closed pull request', { cleanup: 'false' }, closed, undefined],
    ['true with pr-number on a schedule', { cleanup: 'true', 'pr-number': '12' }, event({ eventName: 'schedule' }), 12],
    ['auto ignores pr-number outside a closed event', { 'pr-number': '12' }, event({ eventName: 'push' }), undefined],
    ['dry-run with pr-number on a schedule', { cleanup: 'dry-run', 'pr-number': '12' }, event({ eventName: 'schedule' }), 12],
    ['dry-run on a closed pull request', { cleanup: 'dry-run' }, closed, 7],
  ])('%s', (_, inputs, e, expected) => {
    expect(pullRequestToCleanUp(settings({ component: 'x.wasm', ...inputs }, e), e)).toBe(expected);
  });

  it('true or dry-run without any pull request is an input error; pr-number must be a number', () => {
    const e = event({ eventName: 'schedule' });
    expect(() => pullRequestToCleanUp(settings({ component: 'x.wasm', cleanup: 'true' }, e), e)).toThrow(/set "pr-number"/);
    // A dry run asked for without a pull request says so, rather than publishing instead.
    expect(() => pullRequestToCleanUp(settings({ component: 'x.wasm', cleanup: 'dry-run' }, e), e)).toThrow(
      /input "cleanup" is dry-run, but no pull request is known/,
    );
    expect(() => settings({ component: 'x.wasm', 'pr-number': '#7' })).toThrow(/"pr-number" must be a pull request number, not "#7"/);
  });
});
