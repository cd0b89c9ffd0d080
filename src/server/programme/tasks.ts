// The programme's tasks for the work pool, declared here so that the routes name them without loading their code (which
// runs in a worker thread: sheet-task.ts).
import { defineTask } from "../platform/work/task.js";

type SheetTask = typeof import("./sheet-task.js");

export const readProgrammeFileTask = defineTask<SheetTask["readProgrammeFile"]>("programme.read-spreadsheet", new URL("./sheet-task.js", import.meta.url), "readProgrammeFile");

export const writeProgrammeWorkbookTask = defineTask<SheetTask["writeProgrammeWorkbook"]>("programme.write-workbook", new URL("./sheet-task.js", import.meta.url), "writeProgrammeWorkbook");
