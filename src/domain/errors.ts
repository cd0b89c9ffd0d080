// One family of refusals for the whole domain: what was asked is invalid, forbidden, about something that does not exist,
// or in conflict with the current state. The domain throws them; the command runner alone turns them into RFC 9457
// problems (src/server/platform/http/problem.ts `problemOfRefusal`), so no capability keeps a table of statuses.

export type RefusalKind = "invalid" | "forbidden" | "not-found" | "conflict";

/** One refusal of a capability: its kind (which gives the HTTP status) and an English title (the web translates the code). */
export interface RefusalSpec {
  readonly kind: RefusalKind;
  readonly title: string;
}

/** A capability's refusals by code; `codesOf` lists the codes for the contracts. */
export type RefusalCatalogue<Code extends string> = Readonly<Record<Code, RefusalSpec>>;

export function codesOf<Code extends string>(catalogue: RefusalCatalogue<Code>): readonly Code[] {
  return Object.keys(catalogue) as Code[];
}

export interface RefusalOptions {
  /** The request body's field at fault ("delegates.2.name"), for an invalid request. */
  readonly field?: string | undefined;
  /** The field error's code, when it is not the refusal's own code. */
  readonly fieldCode?: string | undefined;
  /** The field error's message, when it is not the refusal's whole message. */
  readonly fieldMessage?: string | undefined;
  /** For a conflict: the current state of what the request conflicts with. */
  readonly current?: unknown;
  /** For a refusal by policy: the right the actor lacks. */
  readonly right?: string | undefined;
  /** The field an invalid request's refusal names when it names none ("request" unless said). */
  readonly defaultField?: string | undefined;
}

export class DomainError extends Error {
  readonly field: string | undefined;
  readonly fieldCode: string | undefined;
  readonly fieldMessage: string | undefined;
  readonly current: unknown;
  readonly right: string | undefined;
  /** The field named when an invalid request's refusal names none. */
  readonly defaultField: string;

  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    readonly title: string,
    message: string,
    options: RefusalOptions = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.field = options.field;
    this.fieldCode = options.fieldCode;
    this.fieldMessage = options.fieldMessage;
    this.current = options.current;
    this.right = options.right;
    this.defaultField = options.defaultField ?? "request";
  }

  /** The state a conflict is about (the domain's older name for `current`). */
  get details(): Record<string, unknown> | undefined {
    return this.current as Record<string, unknown> | undefined;
  }
}

/**
 * The refusal class of a capability's pure core, from its catalogue: `new MeetingError("invalid-transition", message,
 * field?, current?)`, its kind and title looked up by code.
 */
export function refusalClass<Code extends string>(name: string, catalogue: RefusalCatalogue<Code>, defaultField?: string) {
  return class extends DomainError {
    declare readonly code: Code;

    constructor(code: Code, message: string, field?: string, current?: Record<string, unknown>) {
      const spec = catalogue[code];
      super(spec.kind, code, spec.title, message, { field, current, defaultField });
      this.name = name;
    }
  };
}

/** A refusal from a capability's catalogue. */
export function refusalOf<Code extends string>(catalogue: RefusalCatalogue<Code>, code: Code, message: string, field?: string, current?: unknown): DomainError {
  const spec = catalogue[code];
  return new DomainError(spec.kind, code, spec.title, message, { field, current });
}

// ---- Refusals every capability makes

/** The request names a field that is not acceptable: `invalid("delegation", "delegation-required", "required for this role")`. */
export function invalid(field: string, fieldCode: string, message: string): DomainError {
  return new DomainError("invalid", "invalid-request", "The request is not valid", `body.${field}: ${message}`, { field, fieldCode, fieldMessage: message });
}

/** What the request names does not exist (or the caller may not know that it does). */
export function notFound(what: string): DomainError {
  return new DomainError("not-found", "not-found", "Not found", `${what} was not found.`);
}

/** The request cannot be done in the current state; `current` is what the caller should see now. */
export function conflict(code: string, title: string, message: string, current?: unknown): DomainError {
  return new DomainError("conflict", code, title, message, { current });
}

/** A change made against a version that is no longer the current one: the caller is given what is current. */
export function staleVersion(current: unknown): DomainError {
  return new DomainError("conflict", "stale-version", "Changed by someone else", "The record was changed after you loaded it; here is its current state.", { current });
}

/** The actor may not do this: the right it lacks and why. */
export function forbidden(right: string, reason: string): DomainError {
  return new DomainError("forbidden", "forbidden", "Forbidden", `Missing right "${right}": ${reason}.`, { right });
}
