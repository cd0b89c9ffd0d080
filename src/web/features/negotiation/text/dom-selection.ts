// Turns the reader's selection in a drawn provision into source offsets: each drawn segment carries its [start, end) in
// the source (data-s, data-e), and markup-segments' sourceOffset does the counting.
import { sourceOffset, type Span } from "./markup-segments";

function segmentOf(node: Node): HTMLElement | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as HTMLElement) : node.parentElement;
  return element?.closest<HTMLElement>("[data-s]") ?? null;
}

/** The source offset of a DOM point inside `container`, or null when the point is outside every segment. */
function pointOffset(container: HTMLElement, node: Node, offset: number): number | null {
  let target: Node = node;
  let inner = offset;
  if (node.nodeType === Node.ELEMENT_NODE && !(node as HTMLElement).hasAttribute("data-s")) {
    // A point between an element's children: take the segment that follows it (or the end of the one before).
    const children = node.childNodes;
    const after = children[offset];
    const before = children[offset - 1];
    if (after) {
      target = after;
      inner = 0;
    } else if (before) {
      target = before;
      inner = Number.MAX_SAFE_INTEGER;
    } else return null;
  }
  const segment = segmentOf(target);
  if (!segment || !container.contains(segment)) return null;
  const start = Number(segment.dataset.s);
  const end = Number(segment.dataset.e);
  const text = segment.textContent ?? "";
  const drawnOffset = target.nodeType === Node.TEXT_NODE ? inner : inner === 0 ? 0 : text.length;
  return sourceOffset({ start, end, text }, drawnOffset);
}

/**
 * The selected span of the source when the selection starts or ends in `container` (a caret gives an empty span). An end
 * beyond the container (a drag past the last word, a triple click, which ends at the start of the next block) is read
 * as the container's edge; a selection with neither end inside (select all) is not the reader choosing words here.
 */
export function selectedSpan(container: HTMLElement | null, selection: Selection | null): Span | null {
  if (!container || !selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const isStartInside = container.contains(range.startContainer);
  const isEndInside = container.contains(range.endContainer);
  if (!isStartInside && !isEndInside) return null;
  const start = isStartInside ? pointOffset(container, range.startContainer, range.startOffset) : pointOffset(container, container, 0);
  const end = isEndInside ? pointOffset(container, range.endContainer, range.endOffset) : pointOffset(container, container, container.childNodes.length);
  if (start === null || end === null) return null;
  return start <= end ? { start, end } : { start: end, end: start };
}
