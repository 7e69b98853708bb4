import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import cliProgress from 'cli-progress';

// `npm run collect -- --department market --type penalty file.xlsx`: uploads a CSV or XLSX to a
// department through the gateway (POST /collection), shows a progress bar, prints the batch report as
// a table and writes the refused rows, with a column saying what is wrong with each, to
// <file>.rejected.csv, which a clerk corrects and uploads again. The caller is the bearer token in
// --token or COLLECT_TOKEN (government of that department), e.g. from `npm run -s token -- government --department MARKET`.

function fail(message: string): never {
  console.error(`collect: ${message}`);
  process.exit(2);
}

/** A refusal's body in words: the gateway and the department answer `{ error, reason | code }`. */
function refusalOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: string; reason?: string; code?: string };
    const why = body.reason ?? body.code;
    return body.error ? `${body.error}${why ? ` (${why})` : ''}` : text;
  } catch {
    return text;
  }
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value ?? fail(`--${name} needs a value`);
};
const department = option('department') ?? fail('name the department: --department market');
const type = (option('type') ?? fail('name the record type: --type penalty')).toUpperCase().replace(/-/g, '_');
const gateway = (option('url') ?? process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000').replace(/\/graphql$/, '');
const token = option('token') ?? process.env.COLLECT_TOKEN ?? fail('give a government token: --token … or COLLECT_TOKEN (npm run -s token -- government --department MARKET)');
const [file] = args;
if (!file) fail('name the file to upload');
if (!existsSync(file) || !statSync(file).isFile()) fail(`no file at ${file}`);
const size = statSync(file).size;

const bar = new cliProgress.SingleBar({ format: '{bar} {percentage}% | {sentMB}/{totalMB} MB sent | {rows} rows committed', hideCursor: true }, cliProgress.Presets.shades_classic);
bar.start(size, 0, { sentMB: '0.0', totalMB: (size / 1e6).toFixed(1), rows: 0 });
let sent = 0;
const counting = new Transform({
  transform(chunk: Buffer, _encoding, done) {
    sent += chunk.length;
    bar.update(sent, { sentMB: (sent / 1e6).toFixed(1) });
    done(null, chunk);
  },
});

const response = await fetch(`${gateway}/collection?department=${encodeURIComponent(department)}&type=${encodeURIComponent(type)}`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
  body: Readable.toWeb(createReadStream(file).pipe(counting)) as never,
  duplex: 'half',
} as RequestInit).catch((error: Error) => fail(`the gateway at ${gateway} could not be reached: ${error.message}`));
if (!response.ok || !response.body) {
  bar.stop();
  fail(`HTTP ${response.status}: ${refusalOf(await response.text())}`);
}

const rejectedPath = `${file}.rejected.csv`;
let rejectedOut: ReturnType<typeof createWriteStream> | null = null;
let header: unknown[] = [];
let report: Record<string, unknown> | null = null;
let failure: string | null = null;
for await (const text of createInterface({ input: Readable.fromWeb(response.body as never) })) {
  if (!text.trim()) continue;
  const line = JSON.parse(text) as { header?: unknown[]; progress?: { rows: number }; rejected?: { cells: unknown[]; problems: { message: string }[] }; report?: Record<string, unknown>; error?: string };
  if (line.header) header = line.header;
  if (line.progress) bar.update(sent, { rows: line.progress.rows });
  if (line.rejected) {
    if (!rejectedOut) {
      rejectedOut = createWriteStream(rejectedPath);
      rejectedOut.write(`\uFEFF${stringify([[...header, '错误说明']])}`);
    }
    rejectedOut.write(stringify([[...line.rejected.cells, line.rejected.problems.map((p) => p.message).join('；')]]));
  }
  if (line.report) report = line.report;
  if (line.error) failure = line.error;
}
bar.stop();
if (rejectedOut) await new Promise((resolve) => rejectedOut!.end(resolve));
if (report) {
  const { rejected: _rows, screened: _screened, ...figures } = report;
  console.table(figures);
}
if (rejectedOut) console.log(`Refused rows, each with what is wrong: ${rejectedPath}`);
if (failure) fail(failure);
if (!report) fail('the department closed the answer without a report');
