// The directory a WIT dependency gets under wit/deps is made of a name and a version that come from a registry,
// a fetched package or wkg.lock: nothing in them may reach a path but one namespace, one name and a semver.
import { describe, expect, it } from 'vitest';
import { depsName } from '../../src/wit/fetch-deps.js';

describe('depsName', () => {
  it("is wkg's directory name for a package and its version", () => {
    expect(depsName('wasi:http', '0.2.0')).toBe('wasi-http-0.2.0');
    expect(depsName('acme:my-pkg', '1.2.3-rc.1+build.5')).toBe('acme-my-pkg-1.2.3-rc.1+build.5');
    expect(depsName('acme:greeter')).toBe('acme-greeter');
  });

  it.each([
    ['a nested namespace (a ":" in the file name)', 'ns:nested:pkg', '0.1.0'],
    ['..', '..:x', '1.0.0'],
    ['a slash', 'acme:a/b', '1.0.0'],
    ['a backslash', 'acme:a\\b', '1.0.0'],
    ['a NUL', 'acme:a\0b', '1.0.0'],
    ['an absolute path', '/etc:passwd', '1.0.0'],
    ['a Unicode look-alike (Cyrillic а)', 'wаsi:http', '0.2.0'],
    ['a version that climbs out', 'acme:x', '../../../tmp/owned'],
    ['a version with a slash', 'acme:x', '1.0.0/../../x'],
    ['a version that is not semver', 'acme:x', 'latest'],
    ['an empty version', 'acme:x', ''],
  ])('refuses %s', (_what, name, version) => {
    expect(() => depsName(name, version)).toThrow(/cannot be a directory under wit\/deps/);
  });

  it('names the hostile value escaped, never raw (a NUL or a line break stays visible and harmless)', () => {
    expect(() => depsName('acme:a\0b\n::error::x', '1.0.0')).toThrow('"acme:a\\u0000b\\n::error::x"');
  });
});
