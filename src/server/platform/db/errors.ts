// Database errors as Concord reads them: the SQLSTATE code for decisions, and a description safe to log (no SQL, no bound parameters).

interface WithCode {
  readonly code?: unknown;
  readonly cause?: unknown;
  readonly message?: unknown;
}

/** The SQLSTATE of a database error (Drizzle wraps the driver's error in `cause`), or null. */
export function databaseErrorCode(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as WithCode).cause, depth += 1) {
    const code = (current as WithCode).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/**
 * What may be written to a log about an error: its class, the database's code and message (never the query,
 * its bound parameters, or the driver's `detail`, which can quote a row's values). Drizzle's own message starts
 * with "Failed query: <sql> params: <values>", so it is replaced by the driver's.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 200) };
  const code = databaseErrorCode(error);
  if (code !== null) {
    let driver: unknown = error;
    while ((driver as WithCode).cause && typeof (driver as WithCode).code !== "string") driver = (driver as WithCode).cause;
    const message = typeof (driver as WithCode).message === "string" ? String((driver as WithCode).message) : "database error";
    return { type: "DatabaseError", code, message: message.startsWith("Failed query:") ? "database error" : message };
  }
  return { type: error.name, message: error.message, stack: error.stack };
}
