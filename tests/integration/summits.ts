// A summit (the Council of Heads of State) created by the secretariat for a test, in Bishkek's time zone.
import { expect } from "vitest";
import type { SessionClient } from "./session-client.js";

/** Creates the meeting as `secretariat`; answers its API address ("/api/v1/meetings/<id>") and the meeting as created. */
export async function createSummit(secretariat: SessionClient, title: string, start: string, end: string) {
  const created = await secretariat.request("POST", "/api/v1/meetings", { body: "CHS", title: { en: title }, start, end, timeZone: "Asia/Bishkek", format: "in_person" });
  expect(created.statusCode, created.body).toBe(201);
  return { url: `/api/v1/meetings/${created.json().id}`, meeting: created.json() };
}
