// The registry API against a real database: the SCO answers, bad input gets problem details and never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";

const TODAY = new Date("2026-11-25T12:00:00Z");

describe.each(testDatabases)("registry API on $name", (testDb) => {
  let app: FastifyInstance;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const created = await testDb.create();
    dispose = created.dispose;
    await created.database.migrate();
    expect(await seedIfEmpty(created.database, DEFAULT_DATASET)).toBe(true);
    app = await buildApp({ database: created.database, now: () => TODAY });
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  const get = (url: string) => app.inject({ method: "GET", url });

  it("reports health and which database is in use", async () => {
    const response = await get("/api/health");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: testDb.name });
  });

  it("answers today's 10 members and 17 SCO partners, and no one holding the retired tiers", async () => {
    for (const [tier, count] of [["member", 10], ["partner", 17], ["observer", 0], ["dialogue_partner", 0]] as const) {
      const response = await get(`/api/v1/states?tier=${tier}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().on).toBe("2026-11-25");
      expect(response.json().items).toHaveLength(count);
    }
  });

  it("still answers 10 members, 2 observers and 14 dialogue partners on 30 August 2025, and 9 / 3 / 14 on 1 January 2024", async () => {
    for (const [on, expected] of [
      ["2025-08-30", { member: 10, observer: 2, dialogue_partner: 14 }],
      ["2024-01-01", { member: 9, observer: 3, dialogue_partner: 14 }],
    ] as const) {
      const items = (await get(`/api/v1/states?on=${on}`)).json().items as { tier: string }[];
      const counts: Record<string, number> = {};
      for (const item of items) counts[item.tier] = (counts[item.tier] ?? 0) + 1;
      expect(counts).toEqual(expected);
    }
  });

  it("lists the accessions with their steps and decisions", async () => {
    const body = (await get("/api/v1/accessions")).json();
    expect(body.stages.map((s: { code: string }) => s.code)).toContain("procedure_started");
    const iran = body.items.find((a: { applicant: { code: string } }) => a.applicant.code === "IR");
    expect(iran).toMatchObject({ status: "granted", outcome: { date: "2023-07-04", decision: { id: "CHS-2023-member-IR" } } });
    expect(iran.steps.map((s: { stage: string; date: string }) => [s.stage, s.date])).toEqual([
      ["procedure_started", "2021-09"],
      ["memorandum_signed", "2022-09"],
    ]);
    expect(body.items.map((a: { applicant: { code: string } }) => a.applicant.code).sort()).toEqual(["BY", "IN", "IR", "PK"]);
  });

  it("answers 6 members on 2016-01-01", async () => {
    const body = (await get("/api/v1/states?tier=member&on=2016-01-01")).json();
    expect(body.items.map((s: { code: string }) => s.code).sort()).toEqual(["CN", "KG", "KZ", "RU", "TJ", "UZ"]);
  });

  it("replays who held which status on the founding day", async () => {
    const body = (await get("/api/v1/states?on=2001-06-15")).json();
    expect(body.items).toHaveLength(6);
    expect((await get("/api/v1/states?on=2001-06-14")).json().items).toHaveLength(0);
  });

  it("answers a state's history, summits hosted and terms", async () => {
    const response = await get("/api/v1/states/in");
    expect(response.statusCode).toBe(200);
    const india = response.json();
    expect(india.status).toEqual({ tier: "member", since: "2017-06-09", sincePrecision: "day", suspended: false });
    expect(india.history.map((h: { tier: string; date: string; precision: string }) => [h.tier, h.date, h.precision])).toEqual([
      ["observer", "2005", "year"],
      ["member", "2017-06-09", "day"],
    ]);
    expect(india.history[1].decision.title.en).toContain("India");
    expect(india.summitsHosted.map((s: { id: string; format: string }) => [s.id, s.format])).toEqual([["CHS-2023", "video"]]);
    expect(india.chairmanshipTerms.some((t: { basis: string }) => t.basis === "recorded")).toBe(true);
  });

  it("answers the organization profile with tiers, rights and the Shanghai Spirit", async () => {
    const org = (await get("/api/v1/organization")).json();
    expect(org.names.en).toBe("Shanghai Cooperation Organisation");
    expect(org.officialLanguages).toEqual(["zh", "ru"]);
    expect(org.tiers.find((t: { code: string }) => t.code === "observer").rights).toMatchObject({ object: false, speak: true });
    expect(org.values).toHaveLength(6);
    expect(org.partners.length).toBeGreaterThanOrEqual(6);
  });

  it("answers bodies and summits, with the next summit projected", async () => {
    const bodies = (await get("/api/v1/bodies")).json();
    expect(bodies.items.map((b: { code: string }) => b.code)).toEqual(expect.arrayContaining(["CHS", "CHG", "CMFA", "CNC", "SECRETARIAT", "RATS"]));
    const summits = (await get("/api/v1/summits")).json();
    expect(summits.items).toHaveLength(25);
    expect(summits.next).toMatchObject({ host: { code: "KG" }, year: 2026, basis: "projected" });
  });

  it("answers recorded chairmanship terms and the next five projected", async () => {
    const body = (await get("/api/v1/chairmanship")).json();
    const current = body.items.find((t: { id: string }) => t.id === body.current);
    expect(current.state.code).toBe("KG");
    const projected = body.items.filter((t: { basis: string }) => t.basis === "projected");
    expect(projected).toHaveLength(5);
    // Kyrgyzstan's term began in September 2025 and has no recorded end: the next starts one term later, never inside it.
    expect(projected[0].start).toBe("2026-09");
    const recorded = body.items.filter((t: { basis: string }) => t.basis === "recorded");
    const china = recorded.find((t: { state: { code: string }; slogan: { zh: string } | null }) => t.state.code === "CN" && t.slogan);
    expect(china?.slogan.zh).toContain("上海精神");
  });

  it.each([
    ["/api/v1/states?on=2016-02-30", "querystring.on"],
    ["/api/v1/states?on=yesterday", "querystring.on"],
    ["/api/v1/states?on=2016-01-01T00:00:00Z", "querystring.on"],
    ["/api/v1/states?tier=emperor", "querystring.tier"],
    ["/api/v1/states?tier=Member%20State", "querystring.tier"],
    ["/api/v1/states?colour=red", "querystring"],
    ["/api/v1/states/CHN", "params.code"],
    ["/api/v1/chairmanship?on=2025-13-01", "querystring.on"],
  ])("refuses %s with 400 problem details naming %s", async (url, field) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const body = response.json();
    expect(body).toMatchObject({ status: 400, code: "invalid-request", title: expect.any(String) });
    expect(body.errors.map((e: { field: string }) => e.field).join(" ")).toContain(field);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it("answers 404 problem details for an unknown state and an unknown API path", async () => {
    for (const url of ["/api/v1/states/XX", "/api/v1/nothing-here"]) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ status: 404, code: "not-found" });
    }
  });

  it("describes itself in OpenAPI 3.1 generated from the route schemas", async () => {
    const response = await get("/api/docs/json");
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/api/v1/organization", "/api/v1/states", "/api/v1/states/{code}", "/api/v1/bodies", "/api/v1/summits", "/api/v1/chairmanship", "/api/health"]),
    );
    expect(spec.paths["/api/v1/states"].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["tier", "on"]));
  });
});
