// One repository on a registry: the distribution-spec v1.1 push endpoints this project needs.
// Spec: opencontainers/distribution-spec spec.md, "Push" (blobs, chunked uploads, manifests).
import { createReadStream } from 'node:fs';
import { ActionError } from '../errors.js';
import { RegistryError } from './errors.js';
import { Transport, type TransportOptions } from './transport.js';
import { isValidTag, type Repository } from './reference.js';
import { isTransient, RetryPolicy, type Attempts, type Outcome } from './policy.js';
import { OCI_INDEX, OCI_MANIFEST, sha256Digest, type Descriptor } from './spec.js';

/** Where a blob's bytes come from: a file streamed from disk, or bytes already in memory (config, manifest). */
export type BlobSource = { path: string } | { bytes: Buffer };

export interface UploadOptions {
  /** Blobs larger than this go up in chunks (PATCH with Content-Range); smaller ones in one PUT. */
  chunkThreshold: number;
  /** GHCR refuses requests over 4 MiB in a chunked upload (oras-project/rust-oci-client#35). */
  chunkSize: number;
}

// One PUT for all but huge blobs, as oras-go and containerd push (GHCR's 4 MiB cap is on PATCH chunks, not on
// a monolithic PUT): fewer round trips, and the registry hashes one stream. Measured with bench/ on
// distribution 2.8: 256 MiB in 1.75 s as one PUT, 2.2 s as 4 MiB chunks. Above 1 GiB, chunks, because a
// broken chunked upload resumes where the registry's Range says, and restarting a huge PUT costs more.
export const DEFAULT_UPLOAD: UploadOptions = { chunkThreshold: 1024 * 1024 * 1024, chunkSize: 4 * 1024 * 1024 };

/** Tags asked for per page, and the bounds past which a registry's tag list is not believed: far above any real repository, far below forever. */
const TAGS_PAGE = 1000;
const MAX_TAG_PAGES = 1000;
const MAX_TAGS = 100_000;

/** Distribution 2.8 answers 404 to a manifest GET/HEAD whose Accept lacks the OCI types. */
const MANIFEST_ACCEPT = [
  OCI_MANIFEST,
  OCI_INDEX,
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

export interface PutManifestResult {
  digest: string;
  /** The registry's OCI-Subject header: it processed the manifest's subject (it has the referrers API). */
  ociSubject?: string;
}

export class RepositoryClient {
  private readonly transport: Transport;
  private readonly retry: RetryPolicy;
  private readonly log?: (line: string) => void;
  private referrersApi: Promise<boolean> | undefined;
  /** Blob pushes under way, by digest: referrers share the empty config, and one upload serves them all. */
  private readonly blobPushes = new Map<string, Promise<boolean>>();
  private readonly scope: string;
  private readonly path: string;
  private readonly sendsTokenUnasked: boolean;
  /** Whether this client was given credentials (whether the registry wants them is known once it answers). */
  readonly hasCredentials: boolean;

  /** `pullOnly`: ask for a pull token only, as a client that reads (a WIT dependency) should: anonymous pulls of public packages need it. */
  constructor(
    readonly repository: Repository,
    options: Omit<TransportOptions, 'registry'> & { pullOnly?: boolean },
    private readonly upload: UploadOptions = DEFAULT_UPLOAD,
  ) {
    this.retry = options.retry ?? new RetryPolicy();
    this.log = options.log;
    this.transport = new Transport({ ...options, registry: repository.registry, retry: this.retry });
    this.scope = `repository:${repository.name}:${options.pullOnly ? 'pull' : 'pull,push'}`;
    this.hasCredentials = options.credentials !== undefined;
    this.sendsTokenUnasked = this.hasCredentials && 'registryToken' in options.credentials!;
    this.path = `/v2/${repository.name}`;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /**
   * True once the registry has asked for credentials, or when they went with every request unasked (a
   * registry token): only a registry that served this client without either lets anyone pull.
   */
  get requiresAuthentication(): boolean {
    return this.transport.challenged || this.sendsTokenUnasked;
  }

  /** The tries of one operation under the client's retry policy (referrers.ts re-reads an index with it). */
  attempts(): Attempts {
    return this.retry.start(this.log);
  }

  async blobExists(digest: string): Promise<boolean> {
    return (await this.headBlob(digest)).status === 200;
  }

  private headBlob(digest: string) {
    return this.transport.send({ method: 'HEAD', url: `${this.path}/blobs/${digest}`, expect: [200, 404], operation: `check of blob ${digest}` }, this.scope);
  }

  /**
   * Uploads a blob unless the registry has it; returns whether bytes were sent. A monolithic upload that
   * breaks starts again in a new session (bytes may have reached the old one); a chunked one asks the
   * registry how far it got and resumes there (distribution-spec "Resuming an upload"; regclient does the
   * same). Afterwards the blob must be there under our digest with our size: a registry that ignored the
   * digest, or a file that changed under us, fails here instead of in the manifest push.
   */
  pushBlob(desc: Descriptor, source: BlobSource, mountFrom?: string, fresh = false): Promise<boolean> {
    const earlier = this.blobPushes.get(desc.digest);
    if (earlier) return earlier.then(() => false); // its bytes go up once, with the first caller
    const push = this.pushBlobOnce(desc, source, mountFrom, fresh);
    this.blobPushes.set(desc.digest, push);
    const forget = () => this.blobPushes.delete(desc.digest);
    push.then(forget, forget);
    return push;
  }

  private async pushBlobOnce(desc: Descriptor, source: BlobSource, mountFrom: string | undefined, fresh: boolean): Promise<boolean> {
    if (!fresh && (await this.blobExists(desc.digest))) return false;
    const attempts = this.attempts();
    let confirmed: boolean;
    for (;;) {
      try {
        confirmed = await this.uploadOnce(desc, source, mountFrom);
        break;
      } catch (err) {
        if (!(await attempts.afterError(err, `upload of blob ${desc.digest} broke; starting it again`))) throw err;
      }
    }
    // The registry's 201 naming the digest (distribution-spec: Docker-Content-Digest on upload completion) is its
    // word that the blob is there; without it (a mount, a registry that says nothing), it is asked.
    if (!confirmed) await this.checkLanded(desc);
    return true;
  }

  /**
   * One upload session. With `mountFrom` (another repository of this registry that has the blob), it asks
   * for a cross-repository mount first (distribution-spec "Mounting a blob from another repository"): 201 is
   * done, 202 is an upload session the registry opened instead, which the upload then uses. The token must
   * also allow pulling from that repository.
   */
  /** True when the registry's final answer named the blob's digest. */
  private async uploadOnce(desc: Descriptor, source: BlobSource, mountFrom?: string): Promise<boolean> {
    const mount = mountFrom ? `?mount=${encodeURIComponent(desc.digest)}&from=${encodeURIComponent(mountFrom)}` : '';
    const start = await this.transport.send(
      {
        method: 'POST',
        url: `${this.path}/blobs/uploads/${mount}`,
        headers: { 'content-length': '0' },
        expect: mountFrom ? [201, 202] : [202],
        operation: `upload of blob ${desc.digest}`,
      },
      mountFrom ? `${this.scope} repository:${mountFrom}:pull` : this.scope,
    );
    if (start.status === 201) {
      this.log?.(`blob ${desc.digest} mounted from ${mountFrom}`);
      return false;
    }
    let location = this.location(start.header('location'), start.url, desc.digest);
    if (desc.size > this.upload.chunkThreshold) {
      const minChunk = Number(start.header('oci-chunk-min-length') ?? 0);
      location = await this.patchChunks(location, desc, source, Math.max(this.upload.chunkSize, minChunk));
      return this.finishUpload(location, desc, undefined);
    }
    return this.finishUpload(location, desc, source);
  }

  private async checkLanded(desc: Descriptor): Promise<void> {
    const res = await this.headBlob(desc.digest);
    const length = Number(res.header('content-length'));
    if (res.status !== 200 || (res.header('content-length') !== undefined && length !== desc.size)) {
      throw new ActionError(
        'registry-protocol',
        `upload of blob ${desc.digest} failed: the registry accepted the upload but ${res.status === 200 ? `holds ${length} bytes, not ${desc.size}` : 'has no blob under that digest'}: the file may have changed while it was read`,
      );
    }
  }

  /** PUT <location>?digest=…, keeping the location's own query (distribution-spec: append with &). */
  private async finishUpload(location: URL, desc: Descriptor, source: BlobSource | undefined): Promise<boolean> {
    const url = new URL(location);
    url.search = `${url.search ? `${url.search}&` : '?'}digest=${encodeURIComponent(desc.digest)}`;
    const size = source ? desc.size : 0;
    const res = await this.transport.send(
      {
        method: 'PUT',
        url,
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
        body: source ? () => openSource(source) : undefined,
        expect: [201],
        operation: `upload of blob ${desc.digest}`,
        retryable: source === undefined,
      },
      this.scope,
    );
    const stored = res.header('docker-content-digest');
    if (stored && stored !== desc.digest) {
      throw new ActionError('registry-protocol', `upload of blob ${desc.digest} failed: the registry stored it as ${stored}`);
    }
    return stored === desc.digest;
  }

  private async patchChunks(location: URL, desc: Descriptor, source: BlobSource, chunkSize: number): Promise<URL> {
    let offset = 0;
    const attempts = this.attempts();
    while (offset < desc.size) {
      const end = Math.min(offset + chunkSize, desc.size) - 1;
      const from = offset;
      let res;
      try {
        res = await this.transport.send(
          {
            method: 'PATCH',
            url: location,
            headers: {
              'content-type': 'application/octet-stream',
              'content-range': `${from}-${end}`,
              'content-length': String(end - from + 1),
            },
            body: () => openSource(source, from, end),
            expect: [202],
            operation: `upload of blob ${desc.digest} (bytes ${from}-${end})`,
            retryable: false,
          },
          this.scope,
        );
      } catch (err) {
        // A broken chunk, or 416 (the registry holds a different amount than we think): ask where it
        // stands and go on from there.
        const resumable = (o: Outcome) => isTransient(o) || ('status' in o && o.status === 416);
        if (!(await attempts.afterError(err, `chunk ${from}-${end} of blob ${desc.digest} broke; resuming`, resumable))) throw err;
        offset = await this.uploadedUpTo(location, desc);
        continue;
      }
      location = this.location(res.header('location'), location, desc.digest);
      const range = parseRange(res.header('range'));
      offset = range !== undefined ? range + 1 : end + 1;
    }
    return location;
  }

  private async uploadedUpTo(location: URL, desc: Descriptor): Promise<number> {
    const res = await this.transport.send(
      { method: 'GET', url: location, expect: [204], operation: `status of the upload of blob ${desc.digest}` },
      this.scope,
    );
    return (parseRange(res.header('range')) ?? -1) + 1;
  }

  private location(value: string | undefined, base: URL, digest: string): URL {
    if (!value) throw new ActionError('registry-protocol', `upload of blob ${digest} failed: the registry sent no Location for the upload`);
    return new URL(value, base); // relative or absolute, query kept (distribution-spec)
  }

  /** PUTs a manifest under a tag or its digest; checks the registry's Docker-Content-Digest against ours. */
  async putManifest(reference: string, bytes: Buffer, mediaType: string, ifMatch?: string): Promise<PutManifestResult> {
    const digest = sha256Digest(bytes);
    const res = await this.transport.send(
      {
        method: 'PUT',
        url: `${this.path}/manifests/${reference}`,
        headers: { 'content-type': mediaType, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        body: () => bytes,
        expect: [201],
        operation: `push of manifest ${reference}`,
      },
      this.scope,
    );
    const returned = res.header('docker-content-digest');
    if (returned && returned !== digest) {
      throw new ActionError('registry-protocol', `push of manifest ${reference} failed: the registry reports digest ${returned}, expected ${digest}`);
    }
    return { digest, ociSubject: res.header('oci-subject') };
  }

  /**
   * Every tag of the repository, following pagination; none when the repository does not exist yet. A
   * registry that names the same page twice, or more pages or tags than any real repository has, is refused
   * rather than followed forever; entries that are not valid tags are dropped.
   */
  async listTags(): Promise<string[]> {
    const tags: string[] = [];
    const seen = new Set<string>();
    let url: URL | undefined = new URL(`${this.path}/tags/list?n=${TAGS_PAGE}`, this.transport.base);
    while (url) {
      const refuse = (why: string) => new ActionError('registry-protocol', `listing of tags failed: ${why}`);
      if (seen.has(url.href)) throw refuse(`the registry named the page ${url.pathname}${url.search} twice in its Link headers`);
      if (seen.size >= MAX_TAG_PAGES) throw refuse(`the registry had more than ${MAX_TAG_PAGES} pages of tags`);
      seen.add(url.href);
      const res = await this.transport.send({ method: 'GET', url, expect: [200, 404], operation: 'listing of tags' }, this.scope);
      // 404 on the first page: no repository, no tags. On a later one the list is incomplete, and a cleanup
      // judging versions by it could delete one whose release tag was on the missing page.
      if (res.status === 404) {
        if (seen.size === 1) return tags;
        throw refuse(`page ${seen.size} (${url.pathname}${url.search}) answered 404: the list would be incomplete`);
      }
      const page = (JSON.parse(res.body.toString('utf8')) as { tags?: unknown }).tags;
      if (Array.isArray(page)) tags.push(...page.filter((t): t is string => typeof t === 'string' && isValidTag(t)));
      if (tags.length > MAX_TAGS) throw refuse(`the registry listed more than ${MAX_TAGS} tags`);
      const next = nextLink(res.header('link'));
      url = next ? new URL(next, res.url) : undefined;
    }
    return tags;
  }

  /** Fetches a manifest or index; undefined when the registry has none under that reference. */
  async getManifest(reference: string): Promise<{ mediaType: string; bytes: Buffer; etag?: string } | undefined> {
    const res = await this.transport.send(
      {
        method: 'GET',
        url: `${this.path}/manifests/${reference}`,
        headers: { accept: MANIFEST_ACCEPT },
        expect: [200, 404],
        operation: `read of manifest ${reference}`,
      },
      this.scope,
    );
    if (res.status === 404) return undefined;
    // A manifest read by digest is those bytes or nothing (distribution-spec "Pulling manifests": the client
    // SHOULD verify); one read by tag is checked against the digest the registry says it served.
    const actual = sha256Digest(res.body);
    const claimed = res.header('docker-content-digest');
    const expected = /^sha256:[0-9a-f]{64}$/.test(reference) ? reference : claimed?.startsWith('sha256:') ? claimed : undefined;
    if (expected !== undefined && expected !== actual) {
      throw new ActionError('registry-protocol', `read of manifest ${reference} failed: the registry sent bytes whose digest is ${actual}, not ${expected}`);
    }
    return { mediaType: res.header('content-type') ?? '', bytes: res.body, etag: res.header('etag') };
  }

  /** The digest of the manifest a tag points at (HEAD, as oras resolves), or undefined when there is none. */
  async manifestDigest(tag: string): Promise<string | undefined> {
    const res = await this.transport.send(
      { method: 'HEAD', url: `${this.path}/manifests/${tag}`, headers: { accept: MANIFEST_ACCEPT }, expect: [200, 404], operation: `resolve of tag ${tag}` },
      this.scope,
    );
    if (res.status === 404) return undefined;
    const digest = res.header('docker-content-digest');
    if (digest && /^sha256:[0-9a-f]{64}$/.test(digest)) return digest;
    const manifest = await this.getManifest(tag); // no digest header: hash what the registry serves
    return manifest ? sha256Digest(manifest.bytes) : undefined;
  }

  /**
   * Deletes a manifest by digest (or a tag, where the registry can untag): distribution-spec "Deleting
   * Manifests". 'unsupported' when the registry refuses deletes (405, or 400 UNSUPPORTED: distribution with
   * deletes disabled); 'gone' when it has no such manifest.
   */
  async deleteManifest(reference: string): Promise<'deleted' | 'gone' | 'unsupported'> {
    const operation = `delete of manifest ${reference}`;
    try {
      const res = await this.transport.send({ method: 'DELETE', url: `${this.path}/manifests/${reference}`, expect: [200, 202, 404], operation }, this.scope);
      return res.status === 404 ? 'gone' : 'deleted';
    } catch (err) {
      if (err instanceof RegistryError && (err.status === 405 || (err.status === 400 && err.details.some((d) => d.code === 'UNSUPPORTED'))))
        return 'unsupported';
      throw err;
    }
  }

  /**
   * A small blob's bytes, checked against its digest (distribution-spec "Pulling blobs"): a registry or a
   * storage redirect that answers other bytes is refused. Larger than `limit` is refused too: what this
   * reads (a WIT package) is kilobytes.
   */
  async fetchBlob(digest: string, limit: number): Promise<Buffer> {
    const operation = `read of blob ${digest}`;
    const res = await this.transport.send({ method: 'GET', url: `${this.path}/blobs/${digest}`, expect: [200], operation }, this.scope);
    const length = Number(res.header('content-length') ?? res.body.length);
    if (length > limit || res.body.length > limit)
      throw new ActionError('registry-protocol', `${operation}: it is ${length} bytes, more than the ${limit} this reads`);
    const actual = sha256Digest(res.body);
    if (actual !== digest) throw new ActionError('registry-protocol', `${operation}: the registry sent bytes whose digest is ${actual}`);
    return res.body;
  }

  /**
   * Whether the registry serves the referrers API (distribution-spec v1.1 "Listing Referrers"): a registry
   * that has it answers with an image index, never 404. Asked once per client (oras-go and @sigstore/oci
   * ping the same way).
   */
  async hasReferrersApi(subjectDigest: string): Promise<boolean> {
    this.referrersApi ??= this.transport
      .send(
        {
          method: 'GET',
          url: `${this.path}/referrers/${subjectDigest}`,
          headers: { accept: OCI_INDEX },
          expect: [200, 400, 404, 405],
          operation: 'check for the referrers API',
        },
        this.scope,
      )
      .then((res) => res.status === 200 && (res.header('content-type') ?? '').startsWith(OCI_INDEX));
    return this.referrersApi;
  }
}

/** `Link: </v2/x/tags/list?last=a&n=100>; rel="next"` → the next page's URL (distribution-spec, "Listing Tags"). */
function nextLink(value: string | undefined): string | undefined {
  return value ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(value)?.[1] : undefined;
}

/** `Range: 0-1023` → 1023 (the last byte the registry holds). */
function parseRange(value: string | undefined): number | undefined {
  const m = value ? /^(?:bytes=)?0-(\d+)$/.exec(value.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

function openSource(source: BlobSource, start?: number, end?: number) {
  if ('bytes' in source) return start === undefined ? source.bytes : source.bytes.subarray(start, end! + 1);
  // A large read buffer: fewer, bigger writes to the socket.
  return createReadStream(source.path, { start, end, highWaterMark: 1024 * 1024 });
}
