// Every whole number a route reads from its path or query string, found in the OpenAPI description: huge, negative,
// fractional, exponent and non-numeric values answer 400 (or 404 for a well-formed number that names nothing), never a 5xx.
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INT4_MAX } from "../../src/contracts/numbers.js";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, prepareDemoNegotiation, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { SessionClient } from "./session-client.js";

interface Parameter {
  readonly in: "path" | "query";
  readonly name: string;
  readonly required?: boolean;
  readonly schema: { readonly type?: string; readonly minimum?: number; readonly maximum?: number; readonly pattern?: string };
}
interface NumericParameter {
  readonly path: string;
  readonly parameter: Parameter;
  readonly others: readonly Parameter[];
}

/** Values a penetration test tries; each is judged against the parameter's bounds below. */
const HOSTILE = [
  "99999999999",
  "2147483648",
  "4294967296",
  "9223372036854775808",
  "9".repeat(90),
  "-1",
  "-2147483649",
  "1.5",
  "0.0",
  "1e3",
  "1e309",
  "0x10",
  "NaN",
  "Infinity",
  "abc",
  "",
  " 1",
  "1 ",
  "+1",
  "١٢",
  "%00",
];

/** Whether a route must take this text as the number it names: decimal digits within the parameter's bounds. */
function isWellFormed(text: string, schema: Parameter["schema"]): boolean {
  if (!/^-?\d+$/.test(text)) return false;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity);
}

describe.each(testDatabases)("numbers in paths and query strings on $name", (testDb) => {
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  let admin: SessionClient;
  let documentId: string;
  let numeric: NumericParameter[] = [];

  beforeAll(async () => {
    const created = await testDb.create();
    const { database } = created;
    dispose = created.dispose;
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    documentId = (await prepareDemoNegotiation(database))!;
    app = await buildApp({ database });
    admin = new SessionClient(app, "192.0.2.80");
    expect((await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).statusCode).toBe(200);
    const openapi = (await app.inject({ method: "GET", url: "/api/docs/json" })).json() as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
    numeric = Object.entries(openapi.paths).flatMap(([path, operations]) => {
      const parameters = operations.get?.parameters ?? [];
      return parameters.filter((p) => p.schema.type === "integer" || p.schema.type === "number").map((parameter) => ({ path, parameter, others: parameters.filter((p) => p !== parameter) }));
    });
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  /** The URL with `value` in the parameter under test and a valid value in every other required one. */
  function urlOf({ path, parameter, others }: NumericParameter, value: string): string {
    const valid = (p: Parameter): string => {
      if (p.name === "id" && path.startsWith("/api/v1/documents/")) return documentId;
      if (p.schema.type === "integer" || p.schema.type === "number") return String(p.schema.minimum ?? 0);
      throw new Error(`no valid value known for ${p.in} parameter ${p.name} of ${path}: add one here`);
    };
    const values = new Map<Parameter, string>([[parameter, value]]);
    for (const other of others) if (other.in === "path" || other.required) values.set(other, valid(other));
    let url = path;
    const query = new URLSearchParams();
    for (const [p, text] of values) {
      if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(text));
      else query.set(p.name, text);
    }
    return query.size > 0 ? `${url}?${query.toString()}` : url;
  }

  it("finds the numeric parameters of every route, each bounded by the column it is compared with", () => {
    const names = numeric.map((n) => `${n.path} ${n.parameter.name}`);
    expect(names).toEqual(expect.arrayContaining(["/api/v1/documents/{id}/revisions/{number} number", "/api/v1/documents/{id}/diff from", "/api/v1/documents/{id}/diff to", "/api/v1/audit before", "/api/v1/audit limit"]));
    for (const { path, parameter } of numeric) {
      expect(parameter.schema.type, `${path} ${parameter.name}`).toBe("integer");
      expect(parameter.schema.maximum, `${path} ${parameter.name}`).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    }
    for (const name of ["number", "from", "to"]) expect(numeric.find((n) => n.parameter.name === name)?.parameter.schema.maximum).toBe(INT4_MAX);
  });

  it("answers hostile values with 400 invalid-request naming the field, and well-formed ones without a 5xx", async () => {
    for (const target of numeric) {
      for (const value of HOSTILE) {
        const url = urlOf(target, value);
        const response = await admin.request("GET", url);
        if (isWellFormed(value, target.parameter.schema)) {
          expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          continue;
        }
        expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(400);
        const problem = response.json();
        expect(problem.code).toBe("invalid-request");
        expect(problem.errors.map((e: { field: string }) => e.field)).toContain(`${target.parameter.in === "path" ? "params" : "querystring"}.${target.parameter.name}`);
      }
    }
  });

  it("names nothing with a well-formed number out of the document's revisions: 404, not 500", async () => {
    for (const url of [`/api/v1/documents/${documentId}/revisions/${INT4_MAX}`, `/api/v1/documents/${documentId}/diff?from=0&to=${INT4_MAX}`]) {
      const response = await admin.request("GET", url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe("not-found");
    }
  });

  it("never answers a 5xx, whatever text stands for a number (property)", async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 24 }),
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
      // Past int4 and up to bigint's end: what overflowed PostgreSQL's integer columns.
      fc.bigInt({ min: 2n ** 31n - 2n, max: 2n ** 63n }).map(String),
      fc.double().map(String),
      fc.integer({ min: -5, max: INT4_MAX }).map(String),
    );
    for (const target of numeric) {
      await fc.assert(
        fc.asyncProperty(text, async (value) => {
          const response = await admin.request("GET", urlOf(target, value));
          expect(response.statusCode, `${urlOf(target, value)}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (!isWellFormed(value, target.parameter.schema)) expect(response.statusCode).toBe(400);
        }),
        { numRuns: 60 },
      );
    }
  });
});
