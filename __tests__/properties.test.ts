// Property tests (fast-check) for the parsers and builders: whatever the input, they hold their contract.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseChallenge } from '../src/oci/auth.js';
import { isValidTag, parseRepository } from '../src/oci/reference.js';
import { ActionError } from '../src/errors.js';
import { deriveTags, sanitizeTag } from '../src/github/tags.js';
import { buildArtifact } from '../src/artifact/manifest.js';
import { sha256Digest } from '../src/oci/spec.js';
import { exportSection, IMPORT_DESC, importSection, PREAMBLE, readInPieces, section, str } from './helpers/wasm-bytes.js';

const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,15}$/);
const quotable = fc.string({ maxLength: 40 }).filter((s) => !s.includes('\n'));
const nameComponent = fc.stringMatching(/^[a-z0-9]+([._-][a-z0-9]+)*$/).filter((s) => s.length <= 30);

describe('parseChallenge', () => {
  it('reads back any parameters written with quotes and escapes, whatever spacing and case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Bearer', 'bearer', 'BASIC', 'Basic'),
        fc.uniqueArray(fc.tuple(token, quotable), { selector: ([k]) => k.toLowerCase(), maxLength: 5 }),
        fc.constantFrom(',', ', ', ' , ', ',  '),
        (scheme, params, sep) => {
          const header = `${scheme} ${params.map(([k, v]) => `${k}="${v.replace(/["\\]/g, '\\$&')}"`).join(sep)}`;
          const parsed = parseChallenge(header);
          expect(parsed?.scheme).toBe(scheme.toLowerCase());
          expect(parsed?.params).toEqual(Object.fromEntries(params.map(([k, v]) => [k.toLowerCase(), v])));
        },
      ),
    );
  });
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseChallenge(text)));
  });
});

describe('references and tags', () => {
  it('a valid host and path parse back to themselves', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ghcr.io', 'registry.example.com:5000', '127.0.0.1:5000', 'localhost'),
        fc.array(nameComponent, { minLength: 1, maxLength: 4 }),
        (host, parts) => {
          expect(parseRepository(`${host}/${parts.join('/')}`)).toEqual({ registry: host, name: parts.join('/') });
        },
      ),
    );
  });
  it('anything else is refused with an input error, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          const repo = parseRepository(text);
          expect(repo.name).toMatch(/^[a-z0-9]/);
        } catch (err) {
          expect(err).toBeInstanceOf(ActionError);
          expect((err as ActionError).kind).toBe('input');
        }
      }),
    );
  });
  it('sanitizeTag always gives a valid tag, and keeps valid tags as they are', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(isValidTag(sanitizeTag(text))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/).filter(isValidTag), (tag) => {
        expect(sanitizeTag(tag)).toBe(tag);
      }),
    );
  });
  it('derived tags are always valid, for any ref, tag name or pull-request number', () => {
    fc.assert(
      fc.property(
        fc.record({
          eventName: fc.constantFrom('push', 'release', 'pull_request', 'workflow_dispatch', 'schedule'),
          tag: fc.option(
            fc.oneof(
              fc.string({ maxLength: 140 }),
              fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map(([a, b, c]) => `v${a}.${b}.${c}`),
            ),
            { nil: undefined },
          ),
          branch: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
          prNumber: fc.option(fc.integer({ min: 1, max: 1e6 }), { nil: undefined }),
          sha: fc.stringMatching(/^[0-9a-f]{40}$/),
        }),
        (e) => {
          const { tags } = deriveTags({ ...e, ref: '', repository: 'a/b', serverUrl: 'https://github.com', actor: 'x' });
          expect(tags.length).toBeGreaterThan(0);
          for (const t of tags) expect(isValidTag(t)).toBe(true);
        },
      ),
    );
  });
});

describe('config and manifest', () => {
  // Valid component-model names: kebab-case labels, and interface names with an optional version.
  const label = fc.array(fc.stringMatching(/^([a-z][a-z0-9]{0,5}|[A-Z][A-Z0-9]{0,5})$/), { minLength: 1, maxLength: 3 }).map((f) => f.join('-'));
  const name = fc.oneof(
    label,
    fc
      .tuple(label, label, label, fc.option(fc.stringMatching(/^(0|[1-9]\d?)\.(0|[1-9]\d?)\.(0|[1-9]\d?)$/), { nil: undefined }))
      .map(([ns, pkg, iface, version]) => `${ns.toLowerCase()}:${pkg.toLowerCase()}/${iface}${version ? `@${version}` : ''}`),
  );
  it('built JSON parses back to what went in, and its digest is that of its bytes and stable', () => {
    fc.assert(
      fc.property(
        fc.record({
          imports: fc.array(name, { maxLength: 6 }),
          exports: fc.array(name, { maxLength: 6 }),
          size: fc.nat(),
          digest: fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `sha256:${h}`),
          annotations: fc.dictionary(fc.stringMatching(/^[a-z.]{1,20}$/), fc.string({ maxLength: 30 })),
        }),
        (f) => {
          const input = {
            facts: { kind: 'component' as const, imports: f.imports, exports: f.exports, target: null },
            layer: { digest: f.digest, size: f.size, title: 'x.wasm' },
            created: '2026-01-01T00:00:00Z',
            annotations: f.annotations,
          };
          const a = buildArtifact(input);
          const config = JSON.parse(a.config.bytes.toString());
          expect(config.component).toEqual({ imports: f.imports, exports: f.exports, target: null });
          expect(config.layerDigests).toEqual([f.digest]);
          const manifest = JSON.parse(a.manifest.bytes.toString());
          expect(manifest.config.digest).toBe(sha256Digest(a.config.bytes));
          expect(manifest.annotations ?? {}).toEqual(f.annotations);
          expect(a.manifest.descriptor.digest).toBe(sha256Digest(a.manifest.bytes));
          expect(buildArtifact(input).manifest.descriptor.digest).toBe(a.manifest.descriptor.digest);
        },
      ),
    );
  });
  it('top-level import and export names read back from a component binary, whatever its sections and however its bytes are split', () => {
    const importItem = fc.tuple(name, fc.constantFrom<keyof typeof IMPORT_DESC>('instance', 'func', 'type', 'module'));
    const exportItem = fc.tuple(name, fc.constantFrom<'instance' | 'func'>('instance', 'func'));
    fc.assert(
      fc.property(
        fc.uniqueArray(importItem, { selector: ([n]) => n, maxLength: 6 }),
        fc.uniqueArray(exportItem, { selector: ([n]) => n, maxLength: 6 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
        (imports, exports, padding, cuts) => {
          const bytes = Buffer.from([
            ...PREAMBLE,
            ...section(0, [...str('padding'), ...padding]),
            ...section(1, [...padding]), // a nested core module's bytes are skipped unread
            ...importSection(imports),
            ...exportSection(exports),
          ]);
          const sections = readInPieces(bytes, cuts);
          expect(sections.kind).toBe('component');
          expect(sections.names).toEqual({ imports: imports.filter(([, k]) => k !== 'module').map(([n]) => n), exports: exports.map(([n]) => n) });
        },
      ),
    );
  });
});
