// The tokens under a Chevrotain CST node, in text order: how the grammar tests read the oracle's trees.
import type { CstNode, IToken } from "chevrotain";

export function cstTokens(node: CstNode): IToken[] {
  const out: IToken[] = [];
  for (const children of Object.values(node.children)) {
    for (const child of children) {
      if ("image" in child) out.push(child);
      else out.push(...cstTokens(child));
    }
  }
  return out.sort((a, b) => a.startOffset - b.startOffset);
}
