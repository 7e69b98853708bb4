import { defineConfig } from 'drizzle-kit';

// drizzle-kit generate needs no database: it diffs tables.ts against the committed snapshots.
export default defineConfig({
  dialect: 'mysql',
  schema: './subgraphs/tax/db/tables.ts',
  out: './subgraphs/tax/db/migrations',
});
