// Markdown for the job summary and the pull-request comment, written from text that came from outside (a
// component's names, the event payload, inputs, the registry): whatever it holds, it cannot end its code span,
// add a table column, start a new line or heading, or be read as HTML. Validation upstream (the names, the
// reference grammar) already keeps most of it plain; this holds even where that fails.

/** Line breaks and other control characters become spaces: a span or a cell is one line. */
// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ');

/**
 * An inline code span showing `text` literally (CommonMark 0.31 §6.1): its fence is one backtick longer than
 * the longest run inside, and a space pads a text that starts or ends with a backtick. In a table cell a
 * pipe is escaped, as GFM requires even inside code.
 */
export function code(text: string, inTable = false): string {
  let s = oneLine(text);
  if (inTable) s = s.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space pads a text that starts or ends with a backtick, or one that starts and ends with a space (which
  // CommonMark would otherwise strip).
  const pad = /^`|`$/.test(s) || /^ [^]* $/.test(s) ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** Plain text: Markdown punctuation backslash-escaped, HTML's `<`, `>` and `&` as entities, on one line. */
export function plain(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Code spans joined by `separator`; past `limit`, the rest is counted, not listed (a summary holds 1 MiB at most). */
export function codeList(items: string[], separator: string, { limit = 100, inTable = false } = {}): string {
  if (items.length === 0) return '(none)';
  const shown = items.slice(0, limit).map((item) => code(item, inTable));
  return shown.join(separator) + (items.length > limit ? `${separator}and ${items.length - limit} more` : '');
}

/** Percent-encoded: what would end a link destination, split a table cell or be read as emphasis or HTML. */
const LINK_UNSAFE = /[\s()<>[\]\\|`*_"']/g;

/**
 * A link (CommonMark 0.31 §6.3) to an http(s) URL, its destination percent-encoded where Markdown could read
 * it otherwise and without any user:password; anything else (a `javascript:` URL, text that is no URL) is
 * shown as code, not linked. A URL built from an API's answer holds whatever the answer did.
 */
export function link(text: string, url: string, inTable = false): string {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  if (u?.protocol !== 'https:' && u?.protocol !== 'http:') return `${plain(text)} (${code(url, inTable)})`;
  const rest = (u.pathname + u.search + u.hash).replace(LINK_UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${plain(text)}](${u.origin}${rest})`;
}
