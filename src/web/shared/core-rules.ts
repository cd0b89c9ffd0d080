// The domain's rules the web app uses (one place, so the web's dependence on the pure core is seen and kept small):
// partial dates, the markup of brackets, the speaking clock, the programme's columns, the registry's rights. The web
// imports them from here only (an ESLint zone refuses a direct import of src/domain elsewhere in src/web).
export { DELEGATION_ROLES, SECRETARIAT_ROLES, type Role } from "../../domain/access.js";
export { INTERFACE_LANGUAGES, fallbackOrder, organizationLanguages, pick, textDirection, type InterfaceLanguage as Language } from "../../domain/localized-text.js";
export { localDateTime, nextStatuses, timeZoneName } from "../../domain/meetings/meeting.js";
export { clockAt, inOrder, type FloorRequest, type Speaking } from "../../domain/meetings/speakers.js";
export { isTierInForce } from "../../domain/membership.js";
export { fullBudget, spend, type BudgetState } from "../../domain/message-budget.js";
export { bracketSpan, checkBalanced, parseMarkup, plainText, topLevelBrackets } from "../../domain/negotiation/markup.js";
export { anchorProvision, defaultHandling } from "../../domain/negotiation/proposals.js";
export { comparePartialDates, earliestDay, latestDay, parsePartialDate, yearOf, type PartialDate } from "../../domain/partial-date.js";
export { MAX_ROWS, columnLetter, programmeColumns, requiredColumns } from "../../domain/programme/spreadsheet.js";
export { RIGHTS, type Registry, type ReportedQualifier } from "../../domain/registry.js";
export { RECORD_KEYS, applyRegistryChanges, recordKey, type RegistryTarget } from "../../domain/registry-changes.js";
