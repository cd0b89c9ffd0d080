// Many rows in one statement with one parameter: the rows travel as a JSON array and PostgreSQL unpacks them
// (jsonb_to_recordset). Drizzle's multi-row insert builds and binds one parameter per value, which for the rows a
// busy commit appends (audit events, events, a batch of proposals) cost more of Node's time than the database's.
import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgTable } from "drizzle-orm/pg-core";

interface ColumnFacts {
  readonly name: string;
  readonly keyAsName: boolean;
  getSQLType(): string;
}

/** The statement's text around the JSON for one table and set of columns, made once. */
interface Shape {
  readonly keys: readonly string[];
  /** The columns' names in the database: Concord's Drizzle instances name unnamed columns in snake_case (client.ts). */
  readonly names: readonly string[];
  readonly head: SQL;
  readonly tail: SQL;
}

const shapes = new WeakMap<PgTable, Map<string, Shape>>();

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function shapeOf(table: PgTable, keys: readonly string[]): Shape {
  let byKeys = shapes.get(table);
  if (!byKeys) shapes.set(table, (byKeys = new Map()));
  const id = keys.join(",");
  let shape = byKeys.get(id);
  if (!shape) {
    const columns = getTableColumns(table) as unknown as Record<string, ColumnFacts>;
    const names = keys.map((key) => (columns[key]!.keyAsName ? toSnakeCase(columns[key]!.name) : columns[key]!.name));
    const list = names.map(quoted).join(", ");
    const definitions = keys.map((key, i) => `${quoted(names[i]!)} ${columns[key]!.getSQLType()}`).join(", ");
    shape = {
      keys,
      names,
      head: sql.raw(`insert into ${quoted(getTableName(table))} (${list}) select ${list} from jsonb_to_recordset(`),
      tail: sql.raw(`::jsonb) as rows(${definitions})`),
    };
    byKeys.set(id, shape);
  }
  return shape;
}

/**
 * `insert into <table> (<the rows' columns>) select … from jsonb_to_recordset($1)`. The columns are those of the first
 * row (every row must have the same keys; a column left out takes its default); each value is written as JSON would
 * write it (a Date as its ISO instant, an object as JSON), then cast to the column's type.
 */
export function insertJsonRows<T extends PgTable>(table: T, rows: readonly Partial<T["$inferInsert"]>[]): SQL {
  if (rows.length === 0) throw new Error(`no rows to insert into ${getTableName(table)}`);
  const columns = getTableColumns(table);
  const first = rows[0] as Record<string, unknown>;
  const shape = shapeOf(
    table,
    Object.keys(first).filter((key) => key in columns && first[key] !== undefined),
  );
  const json = JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      shape.keys.forEach((key, i) => (out[shape.names[i]!] = (row as Record<string, unknown>)[key] ?? null));
      return out;
    }),
  );
  return sql`${shape.head}${json}${shape.tail}`;
}
