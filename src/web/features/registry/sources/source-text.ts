// How a source is written in the list of sources: its title, with its year only when the title does not already give it.

/** The id of a source's entry in the footer, which citations link to. */
export const sourceAnchor = (key: string): string => `source-${key}`;

/** "Declaration …, Astana, 2024" stays as it is; "Charter of the SCO" becomes "Charter of the SCO (2002)". */
export function sourceLabel(title: string, year: number | null, formatYear: (year: number) => string = String): string {
  if (year === null || title.includes(String(year))) return title;
  return `${title} (${formatYear(year)})`;
}
