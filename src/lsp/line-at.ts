// Which line of a parsed document holds an editor's offset: lines tile the text, so a binary
// search over their spans finds it. The end of the text is the one offset no span holds; the
// caller says whether it belongs to the last line.
/** The line whose span holds `offset`, or the last line when `offset` is its end and
 *  `endBelongsToLastLine`; else undefined. */
export function lineAtOffset<Line extends { readonly span: { readonly start: number; readonly end: number } }>(lines: readonly Line[], offset: number, endBelongsToLastLine: boolean): Line | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const line = lines[mid]!;
    const { start, end } = line.span;
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return line;
  }
  const last = lines[lines.length - 1];
  return endBelongsToLastLine && last !== undefined && offset === last.span.end ? last : undefined;
}
