import { randomUUID } from 'node:crypto';
import { addReport, emptyReport, type BatchReport } from './batch-report.ts';
import { readFileRows, type Cell } from './file-rows.ts';
import type { CollectedRecordType } from './record-types.ts';
import { auditFileBatch, prepareRows, writePrepared, type CollectionServices, type Submitter } from './submit.ts';
import type { Rejection } from './validation.ts';

/**
 * Rows per transaction when a file is imported: a constant number of statements each. Measured with
 * `npm run bench:collect` (2 cores): 1,000 rows cost this process 26 µs of CPU a row against 32 µs at
 * 5,000 and 34 µs at 10,000, and the server less too: a smaller chunk's rows die young (fewer objects
 * copied by the garbage collector while the previous chunk is on the database). 500 gained nothing more.
 */
export const FILE_CHUNK_ROWS = 1000;

/** The Chinese template header of the source id column (the English one is `sourceId`). */
export const SOURCE_ID_LABEL = '数据来源编号';
/** The column a rejected-rows file adds; ignored when that file comes back corrected. */
export const PROBLEMS_LABEL = '错误说明';

export class FileImportError extends Error {
  override name = 'FileImportError';
}

/** The template's headers for a record type: Chinese labels in field order. */
export function templateHeaders(type: CollectedRecordType): string[] {
  return [...(type.key === 'uscc' ? [] : [SOURCE_ID_LABEL]), ...type.fields.map((f) => f.label)];
}

/** Maps a file's header row to field names: each column by its Chinese template header or its English field name. */
export function mapHeader(type: CollectedRecordType, header: readonly Cell[]): (string | null)[] {
  const byName = new Map<string, string>();
  if (type.key !== 'uscc') ['sourceId', SOURCE_ID_LABEL].forEach((h) => byName.set(h, 'sourceId'));
  for (const field of type.fields) {
    byName.set(field.name, field.name);
    byName.set(field.label, field.name);
  }
  const fields = header.map((cell) => {
    const text = String(cell ?? '').trim();
    if (!text || text === PROBLEMS_LABEL) return null;
    const field = byName.get(text);
    if (!field) throw new FileImportError(`column ${JSON.stringify(text)} is not a field of ${type.recordType}; expected the template's headers (${templateHeaders(type).join(', ')}) or the field names`);
    return field;
  });
  const required = [...(type.key === 'uscc' ? [] : ['sourceId']), ...type.fields.filter((f) => f.required).map((f) => f.name)];
  const missing = required.filter((name) => !fields.includes(name));
  if (missing.length) throw new FileImportError(`the header lacks required columns: ${missing.join(', ')}`);
  return fields;
}

export interface ImportEvents {
  /** The file's header row, once it is read and understood (a rejected-rows file repeats it). */
  header?(cells: Cell[]): void | Promise<void>;
  /** After each chunk is committed: rows read so far. */
  progress?(rows: number, report: BatchReport): void | Promise<void>;
  /** Each refused row, with its cells as the file had them and every problem. */
  rejected?(row: { index: number; cells: Cell[]; problems: Rejection[] }): void | Promise<void>;
}

/**
 * Imports a spreadsheet as one batch (one id, one audit row), committed a chunk of rows at a time so
 * memory stays flat however long the file: the report counts every row, the refused rows go to
 * `events.rejected` as they are found instead of into the report.
 *
 * Two chunks at most are alive: while one chunk's transaction runs on the database, the next is read,
 * validated and its subjects looked up, so this process and the database work at the same time. The
 * transactions still run one after the other in file order (a source id given again later in the
 * file is a resubmission of the earlier row, as before), and reading waits while a chunk is written
 * and the next one is ready, so a fast file never runs ahead of the database.
 */
export async function importFile(
  services: CollectionServices,
  type: CollectedRecordType,
  input: AsyncIterable<Buffer>,
  submitter: Submitter,
  events: ImportEvents = {},
): Promise<BatchReport & { format: string; encoding: string | null }> {
  const file = await readFileRows(input);
  const batchId = randomUUID();
  const total = emptyReport(batchId, type.recordType);
  const rules: Record<string, number> = {};
  let fields: (string | null)[] | null = null;
  let chunk: Record<string, unknown>[] = [];
  let cells: Cell[][] = [];
  let index = 0;
  /** The chunk being written, with its events: the next one waits for it. */
  let writing: Promise<void> = Promise.resolve();

  const written = async (part: BatchReport, firstIndex: number, rowCells: Cell[][], rowsRead: number) => {
    const byRow = new Map<number, Rejection[]>();
    for (const r of part.rejected) byRow.set(r.index, [...(byRow.get(r.index) ?? []), r]);
    for (const [row, problems] of byRow) {
      rules[problems[0].rule] = (rules[problems[0].rule] ?? 0) + 1;
      await events.rejected?.({ index: row, cells: rowCells[row - firstIndex], problems });
    }
    addReport(total, part, false);
    await events.progress?.(rowsRead, total);
  };

  const flush = async () => {
    if (!chunk.length) return;
    const rows = chunk;
    const rowCells = cells;
    const rowsRead = index;
    const firstIndex = index - rows.length;
    chunk = [];
    cells = [];
    const prepared = await prepareRows(services, type, rows, firstIndex);
    await writing;
    writing = writePrepared(services, type, prepared, { batchId, submitter, firstIndex, audit: false }).then((part) => written(part, firstIndex, rowCells, rowsRead));
    // Awaited before the next chunk is written or the file ends; a failure meanwhile is not unhandled.
    writing.catch(() => undefined);
  };

  try {
    for await (const row of file.rows) {
      if (!fields) {
        fields = mapHeader(type, row);
        await events.header?.(row);
        continue;
      }
      const record: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i += 1) {
        const field = fields[i];
        if (field) record[field] = row[i] ?? null;
      }
      chunk.push(record);
      cells.push(row);
      index += 1;
      if (chunk.length >= FILE_CHUNK_ROWS) await flush();
    }
    await flush();
    await writing;
  } catch (error) {
    // The file broke off (or a chunk failed): the chunk on the database finishes before the error is told.
    await writing.catch(() => undefined);
    throw error;
  }
  if (!fields) throw new FileImportError('the file is empty: expected a header row and then one row per record');
  await auditFileBatch(services, total, submitter, rules);
  return { ...total, format: file.format, encoding: file.encoding };
}
