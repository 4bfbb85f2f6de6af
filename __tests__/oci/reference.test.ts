import { describe, expect, it } from 'vitest';
import { assertValidTag, formatRepository, isLoopbackHost, isValidTag, parseRepository } from '../../src/oci/reference.js';

describe('parseRepository', () => {
  it.each([
    ['ghcr.io/acme/hello', 'ghcr.io', 'acme/hello'],
    ['127.0.0.1:5000/a/b/c', '127.0.0.1:5000', 'a/b/c'],
    ['localhost/hello', 'localhost', 'hello'],
    ['[::1]:5000/x', '[::1]:5000', 'x'],
    ['docker.io/acme/hello', 'registry-1.docker.io', 'acme/hello'],
    ['hello', 'registry-1.docker.io', 'library/hello'],
    ['acme/hello', 'registry-1.docker.io', 'acme/hello'],
    ['GHCR.io/acme/my_app-2', 'ghcr.io', 'acme/my_app-2'],
  ])('%s', (input, registry, name) => {
    expect(parseRepository(input)).toEqual({ registry, name });
  });

  it.each([
    ['', /empty/],
    ['ghcr.io/Acme/hello', /lower case/],
    ['https://ghcr.io/acme/hello', /scheme.*ghcr\.io\/acme\/hello/],
    ['ghcr.io/acme/hel lo', /white space/],
    ['ghcr.io/acme/hello:1.0', /tag.*"tags" input/],
    ['ghcr.io/acme/hello@sha256:abc', /digest/],
    ['ghcr.io/acme//hello', /not a valid repository name/],
    ['ghcr.io/acme/-hello', /not a valid repository name/],
  ])('rejects %j', (input, message) => {
    expect(() => parseRepository(input)).toThrow(message);
  });

  it('formats Docker Hub back as docker.io', () => {
    expect(formatRepository(parseRepository('acme/hello'))).toBe('docker.io/acme/hello');
    expect(formatRepository(parseRepository('127.0.0.1:5000/a'))).toBe('127.0.0.1:5000/a');
  });
});

describe('tags', () => {
  it('accepts the distribution-spec grammar', () => {
    for (const t of ['latest', '1.2.3', '_x', 'A-b.c_d', 'a'.repeat(128)]) expect(isValidTag(t)).toBe(true);
  });
  it('rejects what the grammar does not allow', () => {
    for (const t of ['', '-x', '.x', 'a/b', 'a+b', 'a b', 'a'.repeat(129)]) expect(isValidTag(t)).toBe(false);
    expect(() => assertValidTag('a'.repeat(129))).toThrow(/129 characters long/);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost:5000', true],
    ['127.0.0.1', true],
    ['127.8.9.10:80', true],
    ['[::1]:5000', true],
    ['ghcr.io', false],
    ['127.0.0.1.evil.com', false],
    ['localhost.evil.com', false],
  ])('%s → %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));
});
