// A registry's well-known metadata, `/.well-known/wasm-pkg/registry.json` (wasm-pkg-tools
// docs/registry-metadata.md; wasm-pkg-client src/metadata.rs): over HTTPS, plain HTTP for loopback hosts as
// wkg does. A 404 or any failure means none, and wkg then uses the registry's name as its OCI registry with no
// prefix; the failure is told, since it usually explains a "not found" that follows.
import { Transport, type TransportOptions } from '../oci/transport.js';
import { parseRegistryMetadata, type RegistryMetadata } from './wkg-config.js';

export const METADATA_PATH = '/.well-known/wasm-pkg/registry.json';

export async function fetchRegistryMetadata(
  registry: string,
  options: Omit<TransportOptions, 'registry' | 'plainHttp'>,
  warn: (line: string) => void,
): Promise<RegistryMetadata | undefined> {
  const transport = new Transport({ ...options, registry, plainHttp: false });
  try {
    const res = await transport.send({ method: 'GET', url: METADATA_PATH, expect: [200, 404], operation: `read of ${registry}'s registry metadata` }, '');
    if (res.status === 404) return undefined;
    return parseRegistryMetadata(JSON.parse(res.body.toString('utf8')), `${transport.base.origin}${METADATA_PATH}`);
  } catch (err) {
    warn(`No registry metadata from ${transport.base.origin}${METADATA_PATH} (${(err as Error).message}): using ${registry} itself as its OCI registry`);
    return undefined;
  } finally {
    await transport.close();
  }
}
