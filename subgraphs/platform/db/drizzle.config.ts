import { defineConfig } from 'drizzle-kit';

// drizzle-kit generate needs no database: it diffs tables.ts against the committed snapshots.
export default defineConfig({
  dialect: 'mysql',
  schema: './subgraphs/platform/db/tables.ts',
  out: './subgraphs/platform/db/migrations',
});
