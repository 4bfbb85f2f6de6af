// The hostile-input cases of issue #25 and their guards, one row each: written into docs/reliability.md by the
// faults suite, and each row's test checked to exist (hostile-inputs.test.ts), so the table cannot name a
// test that is gone. Each test fails when its guard is removed.
export interface HostileCase {
  threat: string;
  guard: string;
  /** The test file, relative to __tests__/, and the test's name (or the start of it). */
  test: [file: string, name: string];
}

export const HOSTILE_CASES: HostileCase[] = [
  {
    threat:
      'a WIT package name or version with `..`, `/`, `\\`, a NUL, an absolute path, a nested namespace or a look-alike, from a registry, a fetched package or wkg.lock',
    guard: 'src/wit/fetch-deps.ts `depsName`: namespace:name (one namespace, ASCII kebab-case) and semver, before anything is read or cached',
    test: ['wit/deps-name.test.ts', 'refuses %s'],
  },
  {
    threat: 'packages that each use a new one, without end',
    guard: 'src/wit/fetch-deps.ts: at most `MAX_PACKAGES` (256) pulled, nothing written past it',
    test: ['wit/fetch-deps.itg.test.ts', 'packages that keep using new ones are followed only so far'],
  },
  {
    threat: 'a WIT fetch that fails half way',
    guard: 'src/wit/fetch-deps.ts: every package fetched, checked and printed before `writeDeps` touches wit/deps',
    test: ['wit/fetch-deps.itg.test.ts', 'a fetch that fails half way'],
  },
  {
    threat: 'a WIT package blob whose bytes are not its digest',
    guard: 'src/oci/repository.ts `fetchBlob`: sha256 of the bytes against the digest, and a size limit',
    test: ['wit/fetch-deps.itg.test.ts', 'a blob whose bytes do not match its digest is refused'],
  },
  {
    threat: 'a manifest that is not the one asked for (by digest, or by tag against Docker-Content-Digest)',
    guard: 'src/oci/repository.ts `getManifest`: the bytes hashed and compared',
    test: ['oci/scripted.test.ts', 'by digest: other bytes are refused'],
  },
  {
    threat: 'a wkg.lock that names a digest the registry does not serve',
    guard: 'src/wit/fetch-deps.ts: a locked package is fetched by its digest, and the fetch fails naming it before wit/deps is written',
    test: ['wit/fetch-deps.itg.test.ts', 'a lock naming a digest the registry does not serve'],
  },
  {
    threat: 'a cached WIT package changed on disk (a poisoned Actions cache)',
    guard: 'src/wit/fetch-deps.ts `readCached`: believed only when its bytes still have its digest',
    test: ['wit/fetch-deps.itg.test.ts', 'a cached package whose bytes are not its digest is not believed'],
  },
  {
    threat: 'a huge WIT package layer (64 MiB, or an endless body)',
    guard:
      'src/oci/transport.ts: bodies read up to 8 MiB, then the connection closed; src/oci/repository.ts `fetchBlob`: 16 MiB by its length, then the digest',
    test: ['wit/fetch-deps.itg.test.ts', 'a huge package layer (%s) is refused'],
  },
  {
    threat: 'a registry.json whose OCI registry is a URL, a path or a user, or whose namespace prefix climbs out (`../`, `/abs/`)',
    guard: 'src/wit/wkg-config.ts `parseRegistryMetadata`: a host and port; OCI repository characters with no `..` or empty segment',
    test: ['wit/wkg-config.test.ts', 'refuses the namespace prefix %j from registry.json'],
  },
  {
    threat: 'a registry (or its registry.json) that redirects a read to another host',
    guard:
      "followed for reads, as the spec and wkg allow (blob storage lives elsewhere); src/oci/auth.ts `headerFor`: credentials go to the registry's own scheme, host and port only; the bytes are checked by digest",
    test: ['oci/auth.test.ts', "to the registry's own scheme, host and port only"],
  },
  {
    threat: 'a mutated or hostile binary WIT package (crash, hang, memory)',
    guard: 'src/wasm/wit-package.ts: bounded reads, nesting depth 32, names checked (names.ts)',
    test: ['wasm/wit-package-fuzz.test.ts', '3,000 mutated packages'],
  },
  {
    threat: 'a `credsStore` or `credHelpers` name that is a path or holds shell syntax',
    guard: 'src/oci/docker-config.ts `helperCredentials`: `[A-Za-z0-9][A-Za-z0-9._-]*` only, run without a shell, one fixed argument, the server URL on stdin',
    test: ['oci/auth.test.ts', 'refuses a helper name that is a path'],
  },
  {
    threat: 'a credential helper that never answers (a locked keychain) or prints without end',
    guard: 'src/oci/docker-config.ts `runCredentialHelper`: killed after 30 s, or past 64 KiB of output',
    test: ['oci/auth.test.ts', 'a helper that does not answer is stopped at the timeout'],
  },
  {
    threat: "a credential helper given the runner's tokens and the action's inputs",
    guard: "src/oci/docker-config.ts `helperEnv`: PATH, HOME, locale, proxy, DOCKER_* and the clouds' variables only",
    test: ['oci/auth.test.ts', 'a helper runs with only the variables it needs'],
  },
  {
    threat: "a failing credential helper's stderr, or the answer it printed before failing, in the error",
    guard: 'src/oci/docker-config.ts: stderr never read; `failureText` keeps a first line that is not JSON',
    test: ['oci/auth.test.ts', 'a failing helper: neither its stderr nor an answer it printed reaches the error'],
  },
  {
    threat: "a credential helper's secret in the log",
    guard: 'src/publish/registry-client.ts: every secret of the credentials masked before the first request',
    test: ['e2e/push.itg.test.ts', 'a credential helper (credsStore)'],
  },
  {
    threat: 'an identity token sent to the registry, in a URL, or on through a redirect of its token request',
    guard:
      'src/oci/auth.ts `tokenRequest`: the refresh-token grant in a POST body to the realm its registry names; src/oci/transport.ts: token requests follow no redirect',
    test: ['oci/identity-token.test.ts', 'is not sent on when the realm redirects its POST to another host'],
  },
  {
    threat: 'a token realm at an internal address (metadata service, loopback) named by a registry on the internet',
    guard: 'src/oci/auth.ts `Authenticator.answer`: refused before the credentials are sent',
    test: ['e2e/faults.itg.test.ts', 'refuses a token realm at an internal address'],
  },
  {
    threat: 'the password in `HTTPS_PROXY` in the log',
    guard: 'src/github/mask.ts `maskProxyPasswords`; the log names a proxy by host only (src/oci/transport.ts)',
    test: ['e2e/faults.itg.test.ts', 'the action itself, behind an authenticating proxy named in HTTPS_PROXY'],
  },
  {
    threat: '`NO_PROXY` read otherwise than curl reads it (suffixes, ports, `*`, IP literals, IPv4 and IPv6 CIDR)',
    guard: 'src/oci/proxy.ts `proxyFor`',
    test: ['oci/proxy.test.ts', 'none: %s'],
  },
  {
    threat: 'a proxy that answers CONNECT with 407, or closes the connection (undici alone reconnects for ever, ~8,000 a second)',
    guard: 'src/oci/http.ts `proxyAgent`: a dropped tunnel fails the request; src/oci/transport.ts `tunnelFailure`: the error names the proxy and the cause',
    test: ['e2e/faults.itg.test.ts', 'HTTPS_PROXY: %s'],
  },
  {
    threat: 'registry credentials to a proxy in clear (an http:// registry through HTTP_PROXY)',
    guard: 'src/oci/auth.ts: no credentials over plain HTTP but to loopback, which is never proxied; https goes through a CONNECT tunnel',
    test: ['oci/plain-http.test.ts', 'through HTTP_PROXY too'],
  },
  {
    threat: "a closed pull request's preview that a release, a branch or another commit's `sha-` tag also uses (a promotion by commit)",
    guard:
      'src/publish/cleanup.ts `cleanUpPreviews`: deleted only when every tag is `pr-<n>`, the `sha-` tag of its own head commit (its annotation) or `sha256-*`',
    test: ['publish/cleanup.itg.test.ts', 'a preview that also carries a sha- tag of another commit is kept'],
  },
  {
    threat: "a cleanup from a fork's (or Dependabot's) pull_request run, whose GITHUB_TOKEN is read-only",
    guard: 'src/publish/cleanup.ts `cleanUpPullRequest`: a notice, nothing listed or deleted (pull_request_target still cleans up)',
    test: ['publish/cleanup.itg.test.ts', "the action on a fork's closed pull request"],
  },
  {
    threat: "GitHub's Packages API: pages that repeat, never end, or fail (500, 404) half way",
    guard:
      'src/github/packages.ts `PackageVersions.list`: at most 200 pages (20,000 versions), a page of ids already seen refused, any failure after page 1 refused: no complete list, no delete',
    test: ['publish/cleanup.itg.test.ts', 'pages that repeat (the same page again)'],
  },
  {
    threat: 'a package of 10,000 versions',
    guard: "src/github/packages.ts: read to its end, 100 per page; only the pull request's previews and their referrers go",
    test: ['publish/cleanup.itg.test.ts', 'a package of 10,000 versions is read to its end'],
  },
  {
    threat: "a registry's tag list whose later page answers 404 (elsewhere than GHCR, cleanup judges versions by it)",
    guard: 'src/oci/repository.ts `listTags`: 404 is no tags on the first page only, an error on a later one',
    test: ['oci/scripted.test.ts', 'whose later page answers 404 is refused'],
  },
  {
    threat: 'a cleanup the user wants to see before it deletes',
    guard:
      '`cleanup: dry-run` (src/inputs.ts, src/publish/cleanup.ts `cleanUpPreviews({ dryRun })`): the same decisions, no delete or untag, the summary lists what would go and what stays',
    test: ['publish/cleanup.itg.test.ts', 'the action with cleanup: dry-run and pr-number'],
  },
  {
    threat: 'a GitHub API answer (REST, GraphQL, pagination) that redirects to another host, or whose `Link: rel="next"` names another host',
    guard:
      'src/github/octokit.ts `guardedFetch`: requests to the API origin only; redirects followed by hand, same origin, at most 5 (undici alone drops Authorization but still sends the body there and believes the answer)',
    test: ['github/octokit.test.ts', 'a %i redirect to another host is not followed'],
  },
  {
    threat: 'an enormous or endless GitHub API body (REST or GraphQL)',
    guard: 'src/github/octokit.ts `readLimited`: Content-Length and streamed bytes capped at 16 MiB, then the connection dropped and the call rejected',
    test: ['github/octokit.test.ts', '%s: a 200 MiB body is cut at 16 MiB'],
  },
  {
    threat: "comment pages whose `Link` never ends (the PR comment's search for its own comment)",
    guard: 'src/github/pr-comment.ts: at most 100 pages (10,000 comments), then no comment and a warning, rather than a second comment',
    test: ['github/octokit.test.ts', 'a Link that always names another page ends the listing at the cap'],
  },
  {
    threat: 'a URL or id from an API answer holding Markdown or HTML, in the job summary',
    guard:
      'src/github/markdown.ts `link` (report.ts): http(s) only, percent-encoded, no user:password, else code; src/github/attestations.ts takes digits-only ids; src/github/packages.ts digest-only version names',
    test: ['github/report.test.ts', 'the summary links only to its https URL'],
  },
  {
    threat: 'an attestation id that is not a number',
    guard: 'src/github/attestations.ts `storeAttestation`: no id, no URL, a warning',
    test: ['github/octokit.test.ts', 'an attestation id that is not a number'],
  },
];
