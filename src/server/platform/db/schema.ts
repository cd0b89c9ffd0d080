// Every table, for Drizzle and drizzle-kit (`npm run db:generate` turns changes into SQL migrations under migrations/).
// Each capability owns its tables in its own folder; a feature reads another's tables only through that feature's queries.
export * from "../../registry/tables.js";
export * from "../../identity/tables.js";
export * from "../../audit/tables.js";
export * from "../events/tables.js";
export { settings } from "./settings.js";
export * from "../../negotiation/tables.js";
export * from "../../meetings/tables.js";
export * from "../../programme/tables.js";
