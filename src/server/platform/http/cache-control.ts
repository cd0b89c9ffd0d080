// The Cache-Control values Concord sends, one per kind of answer, so that "may this be kept?" is decided in one place.
export const CACHE_CONTROL = {
  /**
   * What depends on who asks (a draft, a participants list with badge tokens, a badge, anything behind a sign-in) or may
   * change at any moment for them: never written to a browser's disk or a proxy. The API's default.
   */
  private: "no-store",
  /** Public and identical for every reader (the registry's views): kept, but revalidated with its entity tag each time. */
  publicRevalidated: "no-cache",
  /** A file whose name carries a hash of its content (the web app's /assets/): it never changes under that name. */
  immutable: "public, max-age=31536000, immutable",
} as const;
