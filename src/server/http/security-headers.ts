// Security headers: helmet's choice of headers and values, worked out once at start (they do not depend on the request),
// and sent with each answer in one step. Asking helmet on every request cost a third of a small answer's throughput.
import helmet, { type HelmetOptions } from "helmet";
import type { IncomingMessage, ServerResponse } from "node:http";

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

const HELMET_OPTIONS: HelmetOptions = {
  // Set below: the upgrade directive only over HTTPS (opened by the machine's address over plain HTTP, asking the
  // browser to upgrade would leave a blank page).
  contentSecurityPolicy: false,
  // HSTS and the opener policy only over HTTPS: over plain HTTP browsers ignore them, and Chromium reports the
  // ignored opener policy as an error on every page.
  strictTransportSecurity: false,
  crossOriginOpenerPolicy: false,
};

/** The headers helmet sets with these options, read off a stand-in response. */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  let isDone = false;
  helmet(options)({} as IncomingMessage, response, () => void (isDone = true));
  if (!isDone) throw new Error("helmet did not finish synchronously");
  return headers;
}

export interface SecurityHeaders {
  readonly http: Readonly<Record<string, string>>;
  readonly https: Readonly<Record<string, string>>;
}

export function securityHeaders(): SecurityHeaders {
  const common = helmetHeaders(HELMET_OPTIONS);
  return {
    http: { ...common, "content-security-policy": CSP_DIRECTIVES.join("; ") },
    https: {
      ...common,
      "content-security-policy": [...CSP_DIRECTIVES, "upgrade-insecure-requests"].join("; "),
      "strict-transport-security": "max-age=31536000; includeSubDomains",
      "cross-origin-opener-policy": "same-origin",
    },
  };
}
