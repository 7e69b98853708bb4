import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm run build`: compiles the services and scripts to JavaScript in dist/ (tsconfig.build.json) and
// copies beside them the files they read at run time (SDL, migrations, the holiday calendar, the
// supergraph), so that `node dist/gateway/main.js` runs with no TypeScript tooling at all.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const SOURCES = ['gateway', 'subgraphs', 'scripts', 'schema'];
const ASSET = /\.(graphql|json|sql)$/;

function assets(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return assets(path);
    return ASSET.test(entry) ? [path] : [];
  });
}

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
let copied = 0;
for (const source of SOURCES) {
  for (const file of assets(join(ROOT, source))) {
    const target = join(DIST, relative(ROOT, file));
    cpSync(file, target);
    copied += 1;
  }
}
console.log(`built ${relative(ROOT, DIST)}/ (${copied} assets copied beside the JavaScript)`);
