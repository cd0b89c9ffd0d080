// A table's horizontal scroll box: when the table is wider than the page it scrolls, says so in words, and fades the cut-off edge.
import { useEffect, useId, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import tables from "./tables.module.css";

interface Cut {
  /** Columns are hidden before the visible part (the reader has scrolled). */
  readonly isCutAtStart: boolean;
  /** Columns are hidden after the visible part. */
  readonly isCutAtEnd: boolean;
}

const NOT_CUT: Cut = { isCutAtStart: false, isCutAtEnd: false };

function cutOf(scroller: HTMLElement): Cut {
  const hidden = scroller.scrollWidth - scroller.clientWidth;
  // A pixel of rounding is not a hidden column.
  if (hidden <= 1) return NOT_CUT;
  const scrolled = Math.abs(scroller.scrollLeft);
  return { isCutAtStart: scrolled > 1, isCutAtEnd: scrolled < hidden - 1 };
}

export function ScrollableTable({ label, minWidth, children }: { label: string; minWidth?: number; children: ReactNode }) {
  const { t } = useTranslation();
  const hintId = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [cut, setCut] = useState<Cut>(NOT_CUT);

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const update = () =>
      setCut((current) => {
        const next = cutOf(scroller);
        return next.isCutAtStart === current.isCutAtStart && next.isCutAtEnd === current.isCutAtEnd ? current : next;
      });
    update();
    // The table changes width with its rows and the language; the box with the window.
    const observer = new ResizeObserver(update);
    observer.observe(scroller);
    if (scroller.firstElementChild) observer.observe(scroller.firstElementChild);
    scroller.addEventListener("scroll", update, { passive: true });
    return () => {
      observer.disconnect();
      scroller.removeEventListener("scroll", update);
    };
  }, []);

  const isOverflowing = cut.isCutAtStart || cut.isCutAtEnd;
  return (
    <div>
      {isOverflowing && (
        <div className={tables.hint} id={hintId} data-testid="scroll-hint">
          <span aria-hidden="true">⇆</span>
          {t("app.scrollSideways")}
        </div>
      )}
      <div className={tables.viewport} data-cut-start={cut.isCutAtStart || undefined} data-cut-end={cut.isCutAtEnd || undefined}>
        <div
          ref={scrollerRef}
          className={tables.scroller}
          style={minWidth ? ({ "--table-min-width": `${minWidth}px` } as CSSProperties) : undefined}
          // Only a box that scrolls needs to be reachable with the keyboard (arrow keys then scroll it).
          {...(isOverflowing ? { tabIndex: 0, role: "region", "aria-label": label, "aria-describedby": hintId } : {})}
          data-testid="table-scroller"
        >
          {children}
        </div>
      </div>
    </div>
  );
}
