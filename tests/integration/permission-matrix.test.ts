// Walks every right of every policy against every role and tier through the API: allowed → 2xx, denied → 403 naming the right, no session → 401.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { decide, type Actor } from "../../src/domain/access.js";
import { buildApp } from "../../src/server/app.js";
import { allPermissions } from "../../src/server/access/policies.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { SessionClient } from "./session-client.js";

interface Subject {
  readonly name: string;
  readonly client: SessionClient;
  readonly actor: Actor;
  /** The delegation whose resources the subject acts on: its own, or Kazakhstan's for the secretariat and the public. */
  readonly delegation: string;
  readonly password: string;
}

interface Endpoint {
  /** Makes the request exercising the right, as the subject, on resources of `subject.delegation`. */
  readonly call: (subject: Subject, fixtures: Fixtures) => Promise<{ statusCode: number; body: string; json(): any }>;
  /** The resource the policy decides on, when the right is scoped. */
  readonly resource?: (subject: Subject, fixtures: Fixtures) => unknown;
}

interface Fixtures {
  /** A delegate per delegation, to act on. */
  readonly delegateIds: Map<string, string>;
  next(): number;
}

/** How to exercise each right. A right without an entry fails the test: add one with every new capability. */
const ENDPOINTS: Record<string, Endpoint> = {
  "user.list": { call: (s) => s.client.request("GET", "/api/v1/users") },
  "user.create": {
    call: (s, f) => s.client.request("POST", "/api/v1/users", { email: `new${f.next()}@concord.test`, displayName: "New", role: "delegate", delegation: s.delegation }),
    resource: (s) => ({ delegation: s.delegation, role: "delegate" }),
  },
  "user.update": {
    call: (s, f) => s.client.request("PATCH", `/api/v1/users/${f.delegateIds.get(s.delegation)}`, { displayName: `Renamed ${f.next()}` }),
    resource: (s) => ({ delegation: s.delegation, role: "delegate" }),
  },
  "session.change-password": {
    call: (s) => s.client.request("POST", "/api/v1/session/password", { currentPassword: s.password, newPassword: s.password }),
  },
  "delegation.list": { call: (s) => s.client.request("GET", "/api/v1/delegations") },
  "delegation.read": { call: (s) => s.client.request("GET", `/api/v1/delegations/${s.delegation}`), resource: (s) => ({ code: s.delegation }) },
  "delegation.create": {
    call: (s, f) => s.client.request("POST", "/api/v1/delegations", { code: ["UN", "ASEAN", "CIS", "CSTO", "EAEU", "CICA"][f.next() % 6] }),
  },
  "delegation.update": { call: (s) => s.client.request("PATCH", `/api/v1/delegations/${s.delegation}`, { isActive: true }), resource: (s) => ({ code: s.delegation }) },
  "user.unlink-sso": { call: (s, f) => s.client.request("DELETE", `/api/v1/users/${f.delegateIds.get(s.delegation)}/single-sign-on`) },
  "audit.list": { call: (s) => s.client.request("GET", "/api/v1/audit"), resource: (s) => ({ delegation: s.actor.delegation ?? "KZ" }) },
  "audit.verify": { call: (s) => s.client.request("GET", "/api/v1/audit/verification") },
  "registry.export": { call: (s) => s.client.request("GET", "/api/v1/registry/export") },
};

describe("the permission matrix", () => {
  let database: Database;
  let app: FastifyInstance;
  const subjects: Subject[] = [];
  let counter = 0;
  const fixtures: Fixtures = { delegateIds: new Map(), next: () => (counter += 1) };

  beforeAll(async () => {
    database = await openDatabase({});
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    app = await buildApp({ database });

    const admin = new SessionClient(app, "10.0.0.1");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const password = "matrix-password-1";
    await admin.request("POST", "/api/v1/users", { email: "officer@concord.test", displayName: "Officer", role: "secretariat_officer", password });
    // Kazakhstan a member, Mongolia an observer, Türkiye a dialogue partner, Kyrgyzstan the chair.
    for (const code of ["KZ", "MN", "TR", "KG"]) {
      const created = await admin.request("POST", "/api/v1/users", { email: `delegate.${code.toLowerCase()}@concord.test`, displayName: `Delegate ${code}`, role: "delegate", delegation: code, password });
      fixtures.delegateIds.set(code, created.json().id);
    }
    const accounts: [string, string, string, string][] = [
      ["secretariat administrator", DEMO_ADMIN_EMAIL, DEMO_PASSWORD, "KZ"],
      ["secretariat officer", "officer@concord.test", password, "KZ"],
      ...["KZ", "MN", "TR", "KG"].flatMap((code): [string, string, string, string][] => [
        [`head of delegation ${code}`, demoHeadEmail(code), DEMO_PASSWORD, code],
        [`delegate ${code}`, `delegate.${code.toLowerCase()}@concord.test`, password, code],
      ]),
    ];
    for (const [i, [name, email, pw, delegation]] of accounts.entries()) {
      const client = new SessionClient(app, `10.0.1.${i + 1}`);
      expect((await client.signIn(email, pw)).statusCode).toBe(200);
      const actor = (await client.request("GET", "/api/v1/session")).json().actor;
      subjects.push({ name, client, actor: { ...actor, userId: "signed-in" }, delegation, password: pw });
    }
    const anonymous = new SessionClient(app, "10.0.2.1");
    subjects.push({ name: "public", client: anonymous, actor: { userId: null, role: "public", delegation: null, tier: null, rights: null, isChair: false }, delegation: "KZ", password: "" });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("covers the tiers and the chair", () => {
    const tiers = subjects.map((s) => `${s.actor.role}:${s.actor.tier}:${s.actor.isChair}`);
    expect(tiers).toEqual(expect.arrayContaining(["head_of_delegation:member:false", "head_of_delegation:observer:false", "head_of_delegation:dialogue_partner:false", "head_of_delegation:member:true", "delegate:observer:false"]));
  });

  it("has an endpoint for every right", () => {
    expect(allPermissions().map((p) => p.right).filter((right) => !(right in ENDPOINTS))).toEqual([]);
  });

  it("answers every right for every role and tier as the policy says", async () => {
    const outcomes: string[] = [];
    for (const permission of allPermissions()) {
      const endpoint = ENDPOINTS[permission.right]!;
      for (const subject of subjects) {
        const resource = endpoint.resource?.(subject, fixtures);
        const isAllowed = decide(permission, subject.actor, resource as never).allowed;
        const response = await endpoint.call(subject, fixtures);
        const label = `${permission.right} as ${subject.name}`;
        if (isAllowed) {
          expect(response.statusCode, `${label}: ${response.body}`).toBeGreaterThanOrEqual(200);
          expect(response.statusCode, label).toBeLessThan(300);
        } else if (subject.actor.userId === null) {
          expect(response.statusCode, label).toBe(401);
          expect(response.json().code, label).toBe("unauthenticated");
        } else {
          expect(response.statusCode, label).toBe(403);
          expect(response.json(), label).toMatchObject({ code: "forbidden", right: permission.right });
        }
        outcomes.push(`${label}: ${response.statusCode}`);
      }
    }
    expect(outcomes).toHaveLength(allPermissions().length * subjects.length);
  });

  it("tells each actor, with its session, exactly the rights the policies give it", async () => {
    for (const subject of subjects) {
      const { permissions } = (await subject.client.request("GET", "/api/v1/session")).json();
      const expected = Object.fromEntries(
        allPermissions()
          .filter((p) => decide(p, subject.actor).allowed)
          .map((p) => [p.right, p.scope && ["head_of_delegation", "delegate"].includes(subject.actor.role) ? "own" : "all"]),
      );
      expect(permissions, subject.name).toEqual(expected);
    }
  });

  it("keeps a head of delegation within their own delegation", async () => {
    const head = subjects.find((s) => s.name === "head of delegation KZ")!;
    const foreign = await head.client.request("POST", "/api/v1/users", { email: "spy@concord.test", displayName: "Spy", role: "delegate", delegation: "CN" });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().right).toBe("user.create");
    const promote = await head.client.request("PATCH", `/api/v1/users/${fixtures.delegateIds.get("KZ")}`, { role: "head_of_delegation" });
    expect(promote.statusCode).toBe(403);
    const other = await head.client.request("GET", "/api/v1/delegations/CN");
    expect(other.statusCode).toBe(403);
    const otherUser = await head.client.request("PATCH", `/api/v1/users/${fixtures.delegateIds.get("MN")}`, { displayName: "x" });
    expect(otherUser.statusCode).toBe(404);
    const seen = (await head.client.request("GET", "/api/v1/users")).json().items;
    expect(seen.every((u: { delegation: string }) => u.delegation === "KZ")).toBe(true);
  });
});
