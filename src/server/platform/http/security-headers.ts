// Security headers: a table of constants, sent with every answer in one step (they depend on nothing but whether the
// request came over HTTPS). The values are the ones helmet recommends (its defaults as of helmet 8), written out: asking
// helmet on every request cost a third of a small answer's throughput, and reading its choice off a stand-in response
// at start tied Concord to helmet's internals. Reasons in docs/decisions.md.

const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine and ECharts set style attributes at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** Sent over HTTP and HTTPS alike. */
const COMMON: Readonly<Record<string, string>> = {
  // Other sites may not load Concord's answers as images, scripts or frames.
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  // Links to other sites carry no address of a Concord page (a document's id, a meeting's).
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  // For browsers that do not read the policy's frame-ancestors: never in a frame.
  "x-frame-options": "DENY",
  "x-permitted-cross-domain-policies": "none",
  // The old XSS filter off: it could be made to hide parts of a page.
  "x-xss-protection": "0",
};

export interface SecurityHeaders {
  readonly http: Readonly<Record<string, string>>;
  readonly https: Readonly<Record<string, string>>;
}

/**
 * The headers for an answer over plain HTTP and over HTTPS. Only over HTTPS: the upgrade directive (opened by the
 * machine's address over plain HTTP, asking the browser to upgrade would leave a blank page), HSTS and the opener policy
 * (over plain HTTP browsers ignore them, and Chromium reports the ignored opener policy as an error on every page).
 */
export function securityHeaders(): SecurityHeaders {
  return {
    http: { ...COMMON, "content-security-policy": CSP_DIRECTIVES.join("; ") },
    https: {
      ...COMMON,
      "content-security-policy": [...CSP_DIRECTIVES, "upgrade-insecure-requests"].join("; "),
      "strict-transport-security": "max-age=31536000; includeSubDomains",
      "cross-origin-opener-policy": "same-origin",
    },
  };
}
