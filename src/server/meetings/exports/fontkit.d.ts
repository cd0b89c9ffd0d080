// The part of fontkit (the font engine pdfkit embeds fonts with) that Concord calls: it ships no types of its own.
declare module "fontkit" {
  export interface Font {
    readonly postscriptName: string;
    readonly familyName: string;
    readonly numGlyphs: number;
    readonly unitsPerEm: number;
    readonly ascent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
