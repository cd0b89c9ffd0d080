import { describe, expect, it } from "vitest";
import { publicUrlOf, readConfig } from "./config.js";

describe("the public address", () => {
  it("is PUBLIC_URL when set, without a trailing slash", () => {
    expect(publicUrlOf(readConfig({ PUBLIC_URL: "https://concord.example.org/" }))).toBe("https://concord.example.org");
    expect(publicUrlOf(readConfig({ PUBLIC_URL: "https://concord.example.org", NODE_ENV: "production" }))).toBe("https://concord.example.org");
  });

  it("is http://localhost:PORT outside production, as the README says", () => {
    expect(publicUrlOf(readConfig({}))).toBe("http://localhost:3000");
    expect(publicUrlOf(readConfig({ PORT: "8080", NODE_ENV: "development" }))).toBe("http://localhost:8080");
  });

  it("is required in production: a start without it is refused, naming the variable and why", () => {
    expect(() => publicUrlOf(readConfig({ NODE_ENV: "production" }))).toThrow(/PUBLIC_URL is not set.*NODE_ENV=production.*Host header/s);
    // An empty variable (as a compose file leaves it) is not an address either.
    expect(() => publicUrlOf(readConfig({ NODE_ENV: "production", PUBLIC_URL: "" }))).toThrow(/PUBLIC_URL is not set/);
  });

  it("must be an http or https address", () => {
    expect(() => readConfig({ PUBLIC_URL: "javascript:alert(1)" })).toThrow(/PUBLIC_URL: must be an http:\/\/ or https:\/\/ address/);
    expect(() => readConfig({ PUBLIC_URL: "concord.example.org" })).toThrow(/PUBLIC_URL/);
  });
});
