import '../subgraphs/kit/runtime/no-telemetry.ts';
import { loadSecretFiles } from '../subgraphs/kit/runtime/secret-files.ts';
import { migrateUnderLock } from '../subgraphs/kit/db/migrations.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { prepareDatabases } from './lib/databases.ts';
import { MissingDatabaseServerError } from './lib/local-mysql.ts';

// Database URLs may come as files (<NAME>_DATABASE_URL_FILE), as in compose.
loadSecretFiles();

// `npm run migrate`: applies every department's committed migrations to its database
// (`<NAME>_DATABASE_URL`, or the project-local server as `npm start` uses), one runner at a time per
// database (migrations.ts), and says what each needed. The services themselves no longer migrate in
// production: they refuse a database that is behind. Exit 1 if any department failed.
let failed = false;
try {
  const databases = await prepareDatabases(SUBGRAPHS, { prefix: 'credit' });
  for (const subgraph of SUBGRAPHS) {
    try {
      const { applied, database } = await migrateUnderLock(databases.urls[subgraph.name], subgraph.migrationsFolder);
      console.log(`${subgraph.name}: ${applied} applied (${database}${applied === 0 ? ', up to date' : ''})`);
    } catch (error) {
      failed = true;
      console.error(`${subgraph.name}: migration failed: ${(error as Error).message}`);
    }
  }
  // A server started here for the purpose is stopped again; one already running stays.
  await databases.local?.stop();
} catch (error) {
  failed = true;
  console.error(error instanceof MissingDatabaseServerError ? error.message : error);
}
process.exitCode = failed ? 1 : 0;
