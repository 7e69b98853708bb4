import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS as SUBGRAPHS } from '../../subgraphs/departments.ts';

// docker-compose.yml cannot run on these machines (no Docker engine), so what can be checked without
// one is checked here: every registered department is deployed, wired and given its database.
const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
const mysqlInit = readFileSync(new URL('../../docker/mysql-init.sql', import.meta.url), 'utf8');

describe('docker-compose.yml matches the registry', () => {
  for (const { name, defaultPort } of SUBGRAPHS) {
    const NAME = name.toUpperCase();
    it(`runs the ${name} subgraph with its database and address`, () => {
      expect(compose).toMatch(new RegExp(`\\n  ${name}:\\n(    .*\\n)*?    command: \\["node", "--import", "tsx", "subgraphs/${name}/main.ts"\\]`));
      expect(compose).toContain(`${NAME}_DATABASE_URL: mysql://credit:credit@mysql:3306/credit_${name}\n`);
      expect(compose).toContain(`${NAME}_HOST: 0.0.0.0\n`);
      expect(mysqlInit).toContain(`CREATE DATABASE IF NOT EXISTS credit_${name} `);
      expect(mysqlInit).toContain(`ON credit_${name}.* TO 'credit'@'%'`);
      expect(compose).toContain(`${NAME}_URL: http://${name}:${defaultPort}/graphql\n`);
    });
  }

  it('publishes only the gateway', () => {
    expect(compose.match(/\n    ports:\n/g)).toHaveLength(1);
    expect(compose).toContain('- "4000:4000"');
  });
});
