// A user's own SBOM file, attached as it is: its media type told from its content (IANA types).
import { readFile } from 'node:fs/promises';
import { CYCLONEDX_JSON } from './sbom.js';
import { ActionError } from '../errors.js';

export const SPDX_JSON = 'application/spdx+json';

export async function readSbomFile(path: string): Promise<{ bytes: Buffer; mediaType: string }> {
  const bytes = await readFile(path).catch((err: Error) => {
    throw new ActionError('input', `cannot read the SBOM ${path}: ${err.message}`);
  });
  let doc: { bomFormat?: unknown; spdxVersion?: unknown };
  try {
    doc = JSON.parse(bytes.toString('utf8')) as typeof doc;
  } catch {
    throw new ActionError('input', `the SBOM ${path} is not JSON: give a CycloneDX or SPDX JSON document`);
  }
  if (doc.bomFormat === 'CycloneDX') return { bytes, mediaType: CYCLONEDX_JSON };
  if (typeof doc.spdxVersion === 'string') return { bytes, mediaType: SPDX_JSON };
  throw new ActionError('input', `the SBOM ${path} is neither CycloneDX JSON (bomFormat) nor SPDX JSON (spdxVersion)`);
}
