// A provision's text drawn from its bracket markup: brackets highlighted (nested ones deeper), each top-level bracket
// numbered to match its backers below, alternatives underlined in their own style; or a clean-text preview. In the base
// language the reader's selection is reported as source offsets, for a proposal.
import { useEffect, useEffectEvent, useMemo, useRef, type ReactNode } from "react";
import { parseMarkup, plainText, textDirection } from "../../../shared/core-rules";
import classes from "../Negotiation.module.css";
import { selectedSpan } from "./dom-selection";
import { segmentMarkup, type Segment, type Span } from "./markup-segments";

/** Markup as negotiated, or a clean-text preview reading each bracket as its first alternative or as nothing. */
export type TextView = "markup" | "first" | "none";

const ALTERNATIVE_CLASSES = [classes.alternative0, classes.alternative1, classes.alternative2, classes.alternative3];
const alternativeClass = (index: number): string => ALTERNATIVE_CLASSES[index % ALTERNATIVE_CLASSES.length] ?? "";

function SegmentView({ segment }: { segment: Segment }) {
  const data = { "data-s": segment.start, "data-e": segment.end };
  if (segment.kind !== "text") {
    const mark = segment.kind === "open" ? "[" : segment.kind === "close" ? "]" : "/";
    return (
      <span {...data} className={classes.punctuation}>
        {mark}
      </span>
    );
  }
  const className = segment.depth > 0 && segment.alternative !== null ? alternativeClass(segment.alternative) : undefined;
  return (
    <span {...data} className={className}>
      {segment.text}
    </span>
  );
}

/** Segments grouped so that each top-level bracket is one highlighted run, numbered after its closing mark. */
function drawSegments(segments: readonly Segment[]): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = 0; i < segments.length; ) {
    const segment = segments[i]!;
    if (segment.bracket === null) {
      out.push(<SegmentView key={segment.start} segment={segment} />);
      i += 1;
      continue;
    }
    const bracket = segment.bracket;
    const inside: Segment[] = [];
    while (i < segments.length && segments[i]!.bracket === bracket) inside.push(segments[i++]!);
    out.push(
      <span key={`b${segment.start}`} className={classes.bracket} data-bracket={bracket}>
        {inside.map((part) =>
          part.depth > 1 ? (
            <span key={part.start} className={classes.nested}>
              <SegmentView segment={part} />
            </span>
          ) : (
            <SegmentView key={part.start} segment={part} />
          ),
        )}
        <span className={classes.bracketNumber} aria-hidden="true">
          {bracket + 1}
        </span>
      </span>,
    );
  }
  return out;
}

interface Props {
  readonly source: string;
  readonly view: TextView;
  /** The text's language ("zh", "ru", "en"), for fonts, line breaking and screen readers. */
  readonly language: string;
  /** Told of every selection (or caret) the reader makes inside the text. */
  readonly onSelectSpan?: (span: Span) => void;
  readonly testId?: string;
}

export function ProvisionText({ source, view, language, onSelectSpan, testId }: Props) {
  const ref = useRef<HTMLParagraphElement>(null);
  const segments = useMemo(() => segmentMarkup(source), [source]);
  const clean = useMemo(() => {
    if (view === "markup") return null;
    const parsed = parseMarkup(source);
    return parsed.ok ? plainText(parsed.nodes, view) : source;
  }, [source, view]);

  const report = useEffectEvent(() => {
    const span = selectedSpan(ref.current, document.getSelection());
    if (span && onSelectSpan) onSelectSpan(span);
  });
  const isSelectable = onSelectSpan !== undefined && clean === null && segments.ok;
  useEffect(() => {
    if (!isSelectable) return;
    const listener = () => report();
    document.addEventListener("selectionchange", listener);
    return () => document.removeEventListener("selectionchange", listener);
  }, [isSelectable]);

  const className = isSelectable ? `${classes.text} ${classes.selectable}` : classes.text;
  return (
    <p ref={ref} lang={language} dir={textDirection(language)} className={className} data-testid={testId}>
      {clean ?? (segments.ok ? drawSegments(segments.segments) : source)}
    </p>
  );
}
