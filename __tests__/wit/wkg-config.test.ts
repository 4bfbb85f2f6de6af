// wkg's registry resolution, config file and registry metadata, against wasm-pkg-tools' rules
// (docs/configuration.md, wasm-pkg-common src/config.rs and src/metadata.rs).
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWkgConfig, ociLocation, parseRegistryMetadata, parseWkgConfig, resolveRegistry } from '../../src/wit/wkg-config.js';
import { tmp } from '../helpers/components.js';

const CONFIG = `
default_registry = "acme.registry.com"

[namespace_registries]
example = "example.com"
another = { registry = "another", metadata = { preferredProtocol = "oci", "oci" = { registry = "ghcr.io", namespacePrefix = "webassembly/" } } }

[package_registry_overrides]
"example:foo" = "foo.example.com"

[registry."acme.registry.com".oci]
auth = { username = "open", password = "sesame" }
protocol = "http"

[registry."example.com".oci]
auth = "${Buffer.from('user:pa:ss').toString('base64')}"
`;

describe('resolveRegistry', () => {
  const config = parseWkgConfig(CONFIG, 'config.toml');
  it.each([
    ['a package override first', 'example:foo', { registry: 'foo.example.com' }],
    ['then the namespace', 'example:bar', { registry: 'example.com' }],
    [
      'a mapping with its metadata',
      'another:x',
      { registry: 'another', metadata: { preferredProtocol: 'oci', oci: { registry: 'ghcr.io', namespacePrefix: 'webassembly/' } } },
    ],
    ['then default_registry, which hides the wasi fallback', 'wasi:http', { registry: 'acme.registry.com' }],
  ])('%s', (_, pkg, expected) => {
    expect(resolveRegistry(config, pkg)).toEqual(expected);
  });

  it('falls back to wasi.dev and bytecodealliance.org, and to nothing for other namespaces', () => {
    const none = parseWkgConfig('', 'empty.toml');
    expect(resolveRegistry(none, 'wasi:http')).toEqual({ registry: 'wasi.dev' });
    expect(resolveRegistry(none, 'ba:sample')).toEqual({ registry: 'bytecodealliance.org' });
    expect(resolveRegistry(none, 'acme:thing')).toBeUndefined();
  });

  it('reads protocol and auth per registry name, as a table or base64 user:password', () => {
    expect(config.registries).toEqual({
      'acme.registry.com': { protocol: 'http', auth: { username: 'open', password: 'sesame' } },
      'example.com': { auth: { username: 'user', password: 'pa:ss' } },
    });
  });
});

describe('ociLocation', () => {
  it('is <oci.registry>/<namespacePrefix><ns>/<name>, the registry name itself without metadata', () => {
    expect(ociLocation('wasi:http', { registry: 'wasi.dev' }, { oci: { registry: 'ghcr.io', namespacePrefix: 'webassembly/' } })).toEqual({
      registry: 'ghcr.io',
      repository: 'webassembly/wasi/http',
    });
    expect(ociLocation('acme:greeter', { registry: 'registry.example:5000' }, {})).toEqual({ registry: 'registry.example:5000', repository: 'acme/greeter' });
  });
});

describe('parseRegistryMetadata', () => {
  it('reads the current fields and the legacy ociRegistry/ociNamespacePrefix', () => {
    expect(parseRegistryMetadata({ preferredProtocol: 'oci', oci: { registry: 'ghcr.io', namespacePrefix: 'webassembly/' } }, 'x')).toEqual({
      preferredProtocol: 'oci',
      oci: { registry: 'ghcr.io', namespacePrefix: 'webassembly/' },
    });
    expect(parseRegistryMetadata({ ociRegistry: 'ghcr.io', ociNamespacePrefix: 'bytecodealliance/' }, 'x')).toEqual({
      preferredProtocol: 'oci',
      oci: { registry: 'ghcr.io', namespacePrefix: 'bytecodealliance/' },
    });
    expect(() => parseRegistryMetadata('nope', 'https://x/.well-known/wasm-pkg/registry.json')).toThrow(/registry.json: registry metadata is not an object/);
  });
  it.each(['https://evil.example', 'evil.example/path', 'user@evil.example', 'evil example', 'evil.example:99999x', '', 'a\nb'])(
    'refuses the registry %j from registry.json',
    (registry) => {
      expect(() => parseRegistryMetadata({ oci: { registry } }, 'x')).toThrow(/the OCI registry .* is not a host name with an optional port/);
    },
  );
  it.each(['../', 'a/../', '/abs/', 'a//b/', 'UPPER/', 'a\\b/', 'a b/', '..', 'x/./'])(
    'refuses the namespace prefix %j from registry.json',
    (namespacePrefix) => {
      expect(() => parseRegistryMetadata({ oci: { namespacePrefix } }, 'x')).toThrow(/the OCI namespace prefix .* is not part of a repository name/);
    },
  );
  it.each(['ghcr.io', 'registry.lan:5000', '[fd00::1]:5000', '127.0.0.1'])('takes the registry %s', (registry) => {
    expect(parseRegistryMetadata({ oci: { registry, namespacePrefix: 'web-assembly/v1.x/' } }, 'x').oci).toEqual({
      registry,
      namespacePrefix: 'web-assembly/v1.x/',
    });
  });
});

describe('the config file', () => {
  it('is the wkg-config input, else $XDG_CONFIG_HOME/wasm-pkg/config.toml when there is one', async () => {
    const dir = tmp('wkg');
    writeFileSync(join(dir, 'c.toml'), 'default_registry = "given.example"');
    expect((await loadWkgConfig(join(dir, 'c.toml'), {})).defaultRegistry).toBe('given.example');
    await expect(loadWkgConfig(join(dir, 'missing.toml'), {})).rejects.toThrow(/cannot read the wkg config .*missing.toml/);
    expect(await loadWkgConfig(undefined, { XDG_CONFIG_HOME: dir })).toEqual({ namespaceRegistries: {}, packageOverrides: {}, registries: {} });
  });

  it.each([
    ['not TOML', 'default_registry = ', /is not valid TOML/],
    [
      'a mapping without a registry',
      '[namespace_registries]\nacme = { metadata = {} }',
      /namespace_registries."acme": a registry name or \{ registry, metadata \}/,
    ],
    ['an unknown protocol', '[registry."r".oci]\nprotocol = "ftp"', /registry."r".oci: protocol is "http" or "https"/],
    ['auth without a password', '[registry."r".oci]\nauth = { username = "u" }', /auth needs username and password/],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseWkgConfig(text, 'config.toml')).toThrow(message);
  });
});
