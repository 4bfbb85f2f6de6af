import { missingTools } from './tools.js';

export default function setup(): void {
  const missing = missingTools();
  if (missing.length > 0) {
    throw new Error(`the test suite needs ${missing.join(', ')}: run .ci/run, or apt-get install -y docker-registry skopeo apache2-utils openssl git`);
  }
}
