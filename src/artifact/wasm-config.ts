// The Wasm OCI artifact config, `application/vnd.wasm.config.v0+json`.
// Fields, names and order as bytecodealliance/rust-oci-wasm writes them (src/config.rs, src/component.rs,
// serde camelCase) and as the CNCF TAG Runtime "Wasm OCI Artifact" layout shows them
// (cncf/tag-runtime wgs/wasm/deliverables/wasm-oci-artifact/index.md).
import type { WasmFacts } from '../wasm/inspect.js';

export const WASM_CONFIG_MEDIA_TYPE = 'application/vnd.wasm.config.v0+json';
export const WASM_LAYER_MEDIA_TYPE = 'application/wasm';

export interface WasmConfig {
  created: string;
  author: string | null;
  architecture: 'wasm';
  os: 'wasip1' | 'wasip2';
  layerDigests: string[];
  component: { exports: string[]; imports: string[]; target: string | null } | null;
}

export function buildWasmConfig(facts: WasmFacts, layerDigest: string, created: string): WasmConfig {
  return {
    created,
    author: null, // oci-wasm writes null; authorship goes in manifest annotations
    architecture: 'wasm',
    // A component or a WIT package is wasip2; a core module is wasip1 with no component block (oci-wasm, runwasi's example).
    os: facts.kind === 'module' ? 'wasip1' : 'wasip2',
    layerDigests: [layerDigest],
    component:
      facts.kind === 'component'
        ? { exports: facts.exports, imports: facts.imports, target: facts.target }
        : facts.kind === 'wit-package'
          ? { exports: facts.exports, imports: [], target: null } // oci-wasm's Component::from_package
          : null,
  };
}
