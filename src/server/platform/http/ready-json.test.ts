import { describe, expect, it } from "vitest";
import { acceptedEncoding } from "./ready-json.js";

describe("the encoding a client takes", () => {
  it("is Brotli when offered, else gzip, whatever the order", () => {
    expect(acceptedEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(acceptedEncoding("br")).toBe("br");
    expect(acceptedEncoding("gzip, deflate")).toBe("gzip");
    expect(acceptedEncoding("GZIP")).toBe("gzip");
    expect(acceptedEncoding("*")).toBe("br");
  });

  it("is none that the client refuses with q=0, and none at all without the header or for identity", () => {
    expect(acceptedEncoding("br;q=0, gzip")).toBe("gzip");
    expect(acceptedEncoding("*, br;q=0")).toBe("gzip");
    expect(acceptedEncoding("br;q=0, gzip;q=0")).toBeNull();
    expect(acceptedEncoding("identity")).toBeNull();
    expect(acceptedEncoding("deflate")).toBeNull();
    expect(acceptedEncoding("")).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
    expect(acceptedEncoding("gzip;q=abc")).toBeNull();
  });
});
