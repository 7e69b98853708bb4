import { findOrInstallServerBinary, MissingDatabaseServerError } from './lib/local-mysql.ts';

// `node --import tsx scripts/database-server.ts`: finds the MySQL-compatible server binary that
// `npm start` and `npm test` run, installing it first where the machine allows (install-mysql.ts).
// CI runs it before the tests, so an installation shows in its own section of the log.
try {
  console.log(`MySQL-compatible server: ${findOrInstallServerBinary()}`);
} catch (error) {
  console.error(error instanceof MissingDatabaseServerError ? error.message : error);
  process.exitCode = 1;
}
