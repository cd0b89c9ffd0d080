// The web app's pages by address pattern, shared so that they cannot drift: the web's router declares its routes from
// this list (a test checks it has no other), and the server answers 404 for a path that matches none of them — still with
// the app's page, which shows its translated "not found".

/** Every page of the web app, as react-router patterns (`:name` is one segment). */
export const PAGES = {
  overview: "/",
  states: "/states",
  state: "/states/:code",
  bodies: "/bodies",
  summits: "/summits",
  chairmanship: "/chairmanship",
  programme: "/chairmanship/:term",
  accessions: "/accessions",
  documents: "/negotiation",
  document: "/negotiation/:id",
  documentHistory: "/negotiation/:id/history",
  meetings: "/meetings",
  meeting: "/meetings/:id",
  meetingProjector: "/meetings/:id/projector",
  verify: "/verify/:token",
  signIn: "/sign-in",
  account: "/account",
  myDelegation: "/delegation",
  users: "/admin/users",
  delegations: "/admin/delegations",
  audit: "/audit",
  admin: "/admin",
  registryChanges: "/admin/registry",
  system: "/admin/system",
  permissions: "/permissions",
} as const;

export type PagePattern = (typeof PAGES)[keyof typeof PAGES];

/** A pattern as react-router compiles it (`compilePath`): case-insensitive, `:name` one segment, trailing slashes allowed. */
function compile(pattern: string): RegExp {
  const source = pattern
    .replace(/^\/*/, "/")
    .replace(/[\\.*+^${}|()[\]]/g, "\\$&")
    .replace(/\/:([\w-]+)/g, "/([^\\/]+)");
  return new RegExp(`^${source}\\/*$`, "i");
}

const MATCHERS: readonly RegExp[] = Object.values(PAGES).map(compile);

/** The path as react-router matches it: each segment percent-decoded, an encoded slash kept encoded; as sent if malformed. */
function decodePath(path: string): string {
  try {
    return path
      .split("/")
      .map((segment) => decodeURIComponent(segment).replace(/\//g, "%2F"))
      .join("/");
  } catch {
    return path;
  }
}

/** Whether the web app has a page at this path (without its query string), as its router would decide. */
export function isPagePath(path: string): boolean {
  const decoded = decodePath(path);
  return MATCHERS.some((matcher) => matcher.test(decoded));
}
