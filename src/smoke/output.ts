// A component's output, made safe to show: escape sequences and control characters out, each line trimmed
// and cut, only the first and last few kept. It is shown in the log (each line indented, so that none can
// start a workflow command such as `::add-mask::`), in the step's error, and escaped again in Markdown.

const LINES_KEPT = 10;
const LINE_LENGTH = 200;

export function outputLines(text: string): { firstLines: string[]; lastLines: string[] } {
  const lines = text
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '') // CSI sequences (colours, cursor moves)
    .split(/\r?\n|\r/)
    // eslint-disable-next-line no-control-regex
    .map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').trim())
    .filter((l) => l !== '')
    .map((l) => (l.length > LINE_LENGTH ? `${l.slice(0, LINE_LENGTH)}…` : l));
  return { firstLines: lines.slice(0, LINES_KEPT), lastLines: lines.slice(-LINES_KEPT) };
}
