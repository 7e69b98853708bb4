import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

// `npm run db:generate [-- --name what_changed]`: runs drizzle-kit generate for every subgraph whose
// tables changed. Migrations are committed and never hand-edited.
const nameIndex = process.argv.indexOf('--name');
const name = nameIndex > 0 ? process.argv[nameIndex + 1] : undefined;
for (const { name: subgraph } of SUBGRAPHS) {
  const config = `subgraphs/${subgraph}/db/drizzle.config.ts`;
  if (!existsSync(config)) throw new Error(`${config} is missing: every subgraph keeps its drizzle-kit config there`);
  execFileSync('npx', ['drizzle-kit', 'generate', '--config', config, ...(name ? ['--name', name] : [])], { stdio: 'inherit' });
}
