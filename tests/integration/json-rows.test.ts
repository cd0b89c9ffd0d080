// insertJsonRows on PGlite and PostgreSQL: the rows arrive as Drizzle's own insert would write them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/client.js";
import { events } from "../../src/server/platform/events/tables.js";
import { delegations } from "../../src/server/identity/tables.js";
import { insertJsonRows } from "../../src/server/platform/db/json-rows.js";
import { testDatabases } from "./databases.js";

describe.each(testDatabases)("insertJsonRows on $name", (testDb) => {
  let database: Database;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ database, dispose } = await testDb.create());
    await database.migrate();
  });
  afterAll(() => dispose?.());

  describe("insertJsonRows", () => {
    it("writes texts in any script, quotes, JSON, instants and numbers as the typed insert does", async () => {
      const at = new Date("2025-08-12T09:30:00.123Z");
      const rows = [
        { stream: "t:json", seq: 1, type: "a", payload: { text: "Хартия «ШОС» 上海合作组织 \"quoted\" \\ back", n: 1.5, list: [1, null] }, audience: [{ public: true as const }], at },
        { stream: "t:json", seq: 2, type: "b'quote", payload: {}, audience: [{ delegation: "KZ" }], at: new Date(at.getTime() + 1) },
      ];
      await database.db.execute(insertJsonRows(events, rows));
      await database.db.insert(events).values(rows.map((row) => ({ ...row, stream: "t:typed" })));
      const read = async (stream: string) => (await database.db.select().from(events).where(eq(events.stream, stream)).orderBy(asc(events.seq))).map((row) => ({ ...row, stream: "" }));
      expect(await read("t:json")).toEqual(await read("t:typed"));
      expect((await read("t:json"))[0]!.at.toISOString()).toBe("2025-08-12T09:30:00.123Z");
    });

    it("leaves the columns the rows do not name to their defaults, and refuses what the table refuses", async () => {
      await database.db.execute(insertJsonRows(delegations, [{ code: "ZZ-JSON", partyKind: "state" }]));
      const [row] = await database.db.select().from(delegations).where(eq(delegations.code, "ZZ-JSON"));
      expect(row).toMatchObject({ code: "ZZ-JSON", partyKind: "state", isActive: true, version: 1 });
      expect(row!.createdAt).toBeInstanceOf(Date);
      await expect(database.db.execute(insertJsonRows(delegations, [{ code: "ZZ-JSON", partyKind: "state" }]))).rejects.toThrow();
      expect(() => insertJsonRows(delegations, [])).toThrow(/no rows/);
    });
  });
});
