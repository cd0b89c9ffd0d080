// Reads a registry from a dataset directory or an exported bundle file, and writes bundles; every problem names file, record and field.
import { readFile, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { z } from "zod";
import { checkConsistency } from "../../domain/dataset-consistency.js";
import { REGISTRY_SECTIONS, type Registry, type RegistrySection } from "../../domain/registry.js";
import { BUNDLE_FORMAT, BUNDLE_VERSION, SECTION_FILES } from "./dataset-schema.js";
import { RegistryChangesFileSchema, type RegistryChangeInput } from "../../contracts/registry-changes.js";
import { recordKey } from "../../domain/registry-changes.js";
import type { ChangeIssue } from "./changes.js";

export interface DatasetProblem {
  readonly file: string;
  readonly record: string;
  readonly field: string;
  readonly message: string;
}

export class DatasetError extends Error {
  constructor(readonly problems: readonly DatasetProblem[]) {
    super(formatProblems(problems));
    this.name = "DatasetError";
  }
}

export function formatProblems(problems: readonly DatasetProblem[]): string {
  const lines = problems.slice(0, 50).map((p) => `${p.file}: record ${p.record}: field ${p.field}: ${p.message}`);
  if (problems.length > 50) lines.push(`… and ${problems.length - 50} more`);
  return `The dataset is not valid (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was written:\n${lines.join("\n")}`;
}

/** Names a record by its identifying field when it has one, else by its position. */
function recordName(value: unknown, index: number | undefined): string {
  if (index === undefined) {
    const c = (value as { code?: unknown } | null)?.code;
    return typeof c === "string" ? `"${c}"` : "(the object)";
  }
  const item = Array.isArray(value) ? (value[index] as Record<string, unknown> | undefined) : undefined;
  for (const key of ["id", "code", "key", "state"]) {
    const id = item?.[key];
    if (typeof id === "string") return `"${id}" (#${index + 1})`;
  }
  return `#${index + 1}`;
}

function parseSection(section: RegistrySection, value: unknown, file: string): { data?: unknown; problems: DatasetProblem[] } {
  const schema: z.ZodType = SECTION_FILES[section].schema;
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data, problems: [] };
  const isList = section !== "organization";
  const problems = result.error.issues.map((issue) => {
    const path = [...issue.path];
    const index = isList && typeof path[0] === "number" ? (path.shift() as number) : undefined;
    const field = path.length > 0 ? path.join(".") : isList && index === undefined ? "(the list)" : "(the record)";
    return { file, record: recordName(value, index), field, message: issue.message };
  });
  return { problems };
}

/** A record named by its key and, in a list, its place in the file ("KZ" (#3)), as schema problems name it. */
function positionedName(registry: Registry, section: RegistrySection, key: string): string {
  if (section === "organization") return `"${key}"`;
  const index = (registry[section] as readonly object[]).findIndex((record) => recordKey(section, record) === key);
  return index < 0 ? `"${key}"` : `"${key}" (#${index + 1})`;
}

/** Sections added after the first datasets: absent means empty (a dataset or bundle written before them still loads). */
const OPTIONAL_SECTIONS: ReadonlySet<RegistrySection> = new Set(["reclassifications", "accessions"]);

/** Validates raw section values (already read from JSON) and the registry's consistency. */
export function parseRegistry(given: Partial<Record<RegistrySection, unknown>>, fileOf: (section: RegistrySection) => string): Registry {
  const problems: DatasetProblem[] = [];
  const parsed: Partial<Record<RegistrySection, unknown>> = {};
  let raw = given;
  for (const section of REGISTRY_SECTIONS) {
    const file = fileOf(section);
    if (raw[section] === undefined && OPTIONAL_SECTIONS.has(section)) raw = { ...raw, [section]: [] };
    if (raw[section] === undefined) {
      problems.push({ file, record: "-", field: section, message: "missing" });
      continue;
    }
    const { data, problems: found } = parseSection(section, raw[section], file);
    problems.push(...found);
    parsed[section] = data;
  }
  if (problems.length > 0) throw new DatasetError(problems);
  const registry = parsed as unknown as Registry;
  const issues = checkConsistency(registry);
  if (issues.length > 0) {
    throw new DatasetError(issues.map((i) => ({ file: fileOf(i.section), record: positionedName(registry, i.section, i.record), field: i.field, message: i.message })));
  }
  return registry;
}

async function readJson(path: string, file: string): Promise<unknown> {
  let content: string;
  try {
    content = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (error as Error).message;
    throw new DatasetError([{ file, record: "-", field: "-", message: reason }]);
  }
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    throw new DatasetError([{ file, record: "-", field: "-", message: `not valid JSON: ${(error as Error).message}` }]);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Reads a dataset directory (one file per section) or a bundle file written by `concord export`. */
export async function readRegistry(path: string): Promise<Registry> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    throw new DatasetError([{ file: path, record: "-", field: "-", message: "file not found" }]);
  }
  if (isDirectory) {
    const raw: Partial<Record<RegistrySection, unknown>> = {};
    for (const section of REGISTRY_SECTIONS) {
      const file = SECTION_FILES[section].file;
      if (OPTIONAL_SECTIONS.has(section) && !(await exists(join(path, file)))) continue;
      raw[section] = await readJson(join(path, file), file);
    }
    return parseRegistry(raw, (section) => SECTION_FILES[section].file);
  }
  const file = basename(path);
  const bundle = await readJson(path, file);
  if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
    throw new DatasetError([{ file, record: "-", field: "-", message: "a registry bundle must be a JSON object" }]);
  }
  const { format, version, ...sections } = bundle as Record<string, unknown>;
  if (format !== BUNDLE_FORMAT || version !== BUNDLE_VERSION) {
    throw new DatasetError([
      { file, record: "-", field: "format", message: `expected format "${BUNDLE_FORMAT}" version ${BUNDLE_VERSION}` },
    ]);
  }
  const unknownSections = Object.keys(sections).filter((k) => !(REGISTRY_SECTIONS as readonly string[]).includes(k));
  if (unknownSections.length > 0) {
    throw new DatasetError(unknownSections.map((k) => ({ file, record: "-", field: k, message: "unknown section" })));
  }
  return parseRegistry(sections as Partial<Record<RegistrySection, unknown>>, (section) => `${file} (${section})`);
}

export function toBundle(registry: Registry): Record<string, unknown> {
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, ...registry };
}

/** The bundle's text, exactly as `concord export` writes it and `concord import` reads it. */
export function bundleText(registry: Registry): string {
  return `${JSON.stringify(toBundle(registry), null, 2)}\n`;
}

export async function writeBundle(path: string, registry: Registry): Promise<void> {
  await writeFile(path, bundleText(registry), "utf8");
}

export interface ChangeFile {
  readonly reason: string;
  readonly changes: readonly RegistryChangeInput[];
}

/** Names a change of a change file: its number and the key of the record it puts. */
function changeName(changes: unknown, index: number): string {
  const change = Array.isArray(changes) ? (changes[index] as { put?: unknown; record?: unknown } | undefined) : undefined;
  const put = typeof change?.put === "string" ? change.put : null;
  const key = put && change?.record && typeof change.record === "object" ? recordKey(put as never, change.record) : "";
  return `change #${index + 1}${put ? ` (${put}${key ? ` "${key}"` : ""})` : ""}`;
}

/** Reads and validates a change file (`concord import --changes FILE`): every problem names the file, the change and the field. */
export async function readChangeFile(path: string): Promise<ChangeFile> {
  const file = basename(path);
  const raw = await readJson(path, file);
  const result = RegistryChangesFileSchema.safeParse(raw);
  if (result.success) return { reason: result.data.reason, changes: result.data.changes };
  const changes = (raw as { changes?: unknown } | null)?.changes;
  throw new DatasetError(
    result.error.issues.map((issue) => {
      const path = [...issue.path];
      if (path[0] === "changes" && typeof path[1] === "number") {
        const index = path[1];
        return { file, record: changeName(changes, index), field: path.slice(2).join(".") || "(the change)", message: issue.message };
      }
      return { file, record: "-", field: path.join(".") || "(the file)", message: issue.message };
    }),
  );
}

/** The consistency problems of a change file's changes, in the file / record / field form of dataset errors. */
export function changeFileError(file: string, changes: readonly RegistryChangeInput[], issues: readonly ChangeIssue[]): DatasetError {
  return new DatasetError(
    issues.map((issue) => ({
      file,
      record: issue.change !== null ? changeName(changes, issue.change) : `${issue.put} "${issue.record}" (already in the registry)`,
      field: issue.change !== null ? `record.${issue.field}` : issue.field,
      message: issue.message,
    })),
  );
}
