// The integration project's set-up: every system package it uses must be there. A missing one fails the run
// (never skips a test); `npm test` installs them first where it can (scripts/system-packages.mjs).
import { existsSync } from 'node:fs';
import { APT_LINE, missingPackages } from '../../scripts/system-packages.mjs';

/** The fixture crate json-tool's Cargo.lock pins the serde_json that Debian 12 vendors. */
const VENDORED_SERDE_JSON = '/usr/share/cargo/registry/serde_json-1.0.87';

export default function setup(): void {
  const missing = missingPackages();
  if (missing.length > 0) throw new Error(`the integration tests need ${missing.join(', ')}: run npm test as root, or apt-get update && ${APT_LINE}`);
  if (!existsSync(VENDORED_SERDE_JSON)) {
    throw new Error(`the SBOM test's fixture crate needs serde_json 1.0.87 at ${VENDORED_SERDE_JSON} (Debian 12's librust-serde-json-dev)`);
  }
}
