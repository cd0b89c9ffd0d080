// State changes of a negotiation, each a command: the document it changes loaded and locked, the rights it declares
// checked by the runner, the pure core deciding what the text becomes, an audit event, and a live event on the stream
// document:<id>. One file per concern; this module gathers them.
export type { Situation } from "./command-kit.js";
export * from "./document-commands.js";
export * from "./proposal-commands.js";
export * from "./revision-commands.js";
export * from "./provision-commands.js";
export * from "./procedure-commands.js";
export * from "./statement-commands.js";
export * from "./draft-commands.js";
