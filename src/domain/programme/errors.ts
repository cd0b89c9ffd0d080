// Codes of the programme's refusals: a spreadsheet refused as a whole (problem codes), and what is wrong with one of its
// columns or cells (field-error codes, each error naming the row and the column).

/** Problem codes: the spreadsheet had errors (each listed, nothing imported), or could not be read as CSV or XLSX at all. */
export const PROGRAMME_ERROR_CODES = ["spreadsheet-invalid", "spreadsheet-unreadable"] as const;
export type ProgrammeErrorCode = (typeof PROGRAMME_ERROR_CODES)[number];

/**
 * Field-error codes of a spreadsheet's header and cells, besides the general ones it also uses ("required", "too-long",
 * "format" and the text checks).
 */
export const SPREADSHEET_ERROR_CODES = [
  /** A required column is not in the header row. */
  "missing-column",
  /** The header names a column the programme does not have. */
  "unknown-column",
  /** Two columns of the header have the same name. */
  "duplicate-column",
  /** Not a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD" (or a date cell). */
  "bad-date",
  "unknown-track",
  "unknown-kind",
  "unknown-status",
  /** The end date is before the start date. */
  "end-before-start",
  /** A header and no events. */
  "no-rows",
  "too-many-rows",
  // Bounds of reading a file (the limit says the bound): refused whole, before anything beyond the bound is read.
  /** Cells beyond the last column a programme sheet may have. */
  "too-many-columns",
  /** Rows beyond the last row a programme sheet may have (empty rows included). */
  "too-many-sheet-rows",
  /** An XLSX workbook whose parts unpack to more bytes than the bound. */
  "unpacked-too-large",
  /** An XLSX archive with more files than the bound. */
  "too-many-entries",
  /** An XLSX workbook with more shared strings than the bound. */
  "too-many-strings",
  /** An XLSX workbook with more cell or number formats than the bound. */
  "too-many-styles",
] as const;
export type SpreadsheetErrorCode = (typeof SPREADSHEET_ERROR_CODES)[number];
