import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * The rows of an uploaded spreadsheet, one array of cells at a time, never the whole file: CSV in
 * UTF-8 (with or without BOM) or GB18030 (what Chinese office software still writes), or XLSX (the
 * first worksheet). Parsed with csv-parse, iconv-lite and exceljs's streaming reader.
 */
export type Cell = string | number | Date | null;

const SNIFF_BYTES = 64 * 1024;
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads enough of the stream to tell its kind, and gives back a stream that starts from the beginning again. */
async function sniff(input: AsyncIterable<Buffer>): Promise<{ head: Buffer; rest: AsyncIterator<Buffer> }> {
  const iterator = input[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    size += chunk.length;
  }
  return { head: Buffer.concat(chunks), rest: iterator };
}

function replay(head: Buffer, rest: AsyncIterator<Buffer>): Readable {
  return Readable.from(
    (async function* () {
      if (head.length) yield head;
      for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
    })(),
    { objectMode: false },
  );
}

/** UTF-8 unless its first 64 KiB are not valid UTF-8 (a sequence cut at the end is fine), then GB18030. */
export function csvEncodingOf(head: Buffer): 'utf-8' | 'gb18030' {
  if (head.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellOf(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
  }
  return String(value);
}

export interface FileRows {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'gb18030' | null;
  rows: AsyncIterable<Cell[]>;
}

export async function readFileRows(input: AsyncIterable<Buffer>): Promise<FileRows> {
  const { head, rest } = await sniff(input);
  const stream = replay(head, rest);
  if (head.subarray(0, 4).equals(XLSX_MAGIC)) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
    return {
      format: 'xlsx',
      encoding: null,
      rows: (async function* () {
        for await (const worksheet of reader) {
          for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
            const values = row.values as ExcelJS.CellValue[];
            // exceljs numbers cells from 1; a row may skip empty cells.
            const cells: Cell[] = [];
            for (let i = 1; i < values.length; i += 1) cells.push(cellOf(values[i]));
            yield cells;
          }
          return; // the first worksheet only: a template has one
        }
      })(),
    };
  }
  const encoding = csvEncodingOf(head);
  const text = encoding === 'utf-8' ? stream : stream.pipe(iconv.decodeStream('gb18030'));
  const parser = text.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  return { format: 'csv', encoding, rows: parser as AsyncIterable<Cell[]> };
}
