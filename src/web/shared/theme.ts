// The portal's Mantine theme: a calm navy palette, system fonts with CJK and Cyrillic coverage, visible keyboard focus.
import { createTheme, type MantineColorsTuple } from "@mantine/core";

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
  headings: { fontFamily: FONT_STACK, fontWeight: "650" },
  defaultRadius: "md",
  focusRing: "auto",
  cursorType: "pointer",
});
