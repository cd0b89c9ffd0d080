// The portal's Mantine theme: a calm navy palette, system fonts with CJK and Cyrillic coverage, visible keyboard focus.
import { Badge, createTheme, type MantineColorsTuple } from "@mantine/core";

const navy: MantineColorsTuple = [
  "#eef3fa",
  "#dbe4f1",
  "#b3c6e2",
  "#88a6d3",
  "#658bc6",
  "#4e7abf",
  "#3f6db5",
  "#305c9f",
  "#25508d",
  "#17427c",
];

const FONT_STACK = [
  "system-ui",
  "-apple-system",
  '"Segoe UI"',
  "Roboto",
  '"Noto Sans"',
  '"Noto Sans CJK SC"',
  '"PingFang SC"',
  '"Microsoft YaHei"',
  "sans-serif",
].join(", ");

export const theme = createTheme({
  primaryColor: "navy",
  primaryShade: 8,
  colors: { navy },
  fontFamily: FONT_STACK,
  // A page title shrinks on a phone: one long Russian word ("Председательство") is wider than 375 px at full size.
  headings: { fontFamily: FONT_STACK, fontWeight: "650", sizes: { h1: { fontSize: "clamp(1.75rem, 8vw, 2.125rem)" } } },
  defaultRadius: "md",
  focusRing: "auto",
  cursorType: "pointer",
  components: {
    // A badge keeps its whole text: it never shrinks beside a heading or a name (Mantine would cut it to "…" or a dot), and
    // only when its box is narrower than it does it wrap, within the box. In a table cell that keeps to one line it stays on one.
    Badge: Badge.extend({
      styles: {
        root: { flexShrink: 0, maxWidth: "100%", height: "auto", minHeight: "var(--badge-height)" },
        label: { whiteSpace: "inherit", overflow: "visible", textOverflow: "clip" },
      },
    }),
  },
});
