import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEPARTMENTS as SUBGRAPHS } from '../../subgraphs/departments.ts';

// docker-compose.yml cannot run on these machines (no Docker engine), so what can be checked without
// one is checked here: every registered department is deployed, wired and given its database.
const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
const mysqlInit = readFileSync(new URL('../../docker/mysql-init.sql', import.meta.url), 'utf8');
const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
const secret = (name: string) => readFileSync(new URL(`../../docker/secrets/${name}`, import.meta.url), 'utf8').trim();
const services = (parse(compose) as { services: Record<string, any> }).services;

describe('docker-compose.yml matches the registry', () => {
  for (const { name, defaultPort } of SUBGRAPHS) {
    const NAME = name.toUpperCase();
    it(`runs the ${name} subgraph with its database and address`, () => {
      expect(compose).toMatch(new RegExp(`\\n  ${name}:\\n(    .*\\n)*?    command: \\["node", "dist/subgraphs/${name}/main.js"\\]`));
      expect(compose).toContain(`${NAME}_DATABASE_URL_FILE: /run/secrets/${name}_database_url\n`);
      expect(secret(`${name}_database_url`)).toBe(`mysql://credit:credit@mysql:3306/credit_${name}`);
      expect(secret(`${name}_migrate_database_url`)).toBe(`mysql://credit_migrate:credit_migrate@mysql:3306/credit_${name}`);
      expect(compose).toContain(`${NAME}_HOST: 0.0.0.0\n`);
      expect(mysqlInit).toContain(`CREATE DATABASE IF NOT EXISTS credit_${name} `);
      expect(mysqlInit).toContain(`ON credit_${name}.* TO 'credit'@'%'`);
      expect(mysqlInit).toContain(`ON credit_${name}.* TO 'credit_migrate'@'%'`);
      expect(compose).toContain(`${NAME}_URL: http://${name}:${defaultPort}/graphql\n`);
      expect(services[name].healthcheck.test).toEqual(['CMD', 'node', 'dist/scripts/healthcheck.js', `http://127.0.0.1:${defaultPort}/readyz`]);
      expect(services.gateway.depends_on[name]).toEqual({ condition: 'service_healthy' });
      expect(services.migrate.environment[`${NAME}_DATABASE_URL_FILE`]).toBe(`/run/secrets/${name}_migrate_database_url`);
    });
  }

  it('publishes only the gateway, one host port per replica', () => {
    expect(compose.match(/\n    ports:\n/g)).toHaveLength(1);
    expect(compose).toContain('- "4000-4001:4000"');
    expect(services.gateway.deploy.replicas).toBe(2);
  });

  it('gives every long-running service a health check, and migrates once before the services', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.restart === 'no') continue; // one-shot jobs: keys, migrate, demo-data
      expect(service.healthcheck?.test, name).toBeDefined();
      for (const dependency of Object.values(service.depends_on ?? {}) as { condition: string }[]) {
        expect(['service_healthy', 'service_completed_successfully'], name).toContain(dependency.condition);
      }
    }
    expect(services['demo-data'].depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(services.migrate.command).toEqual(['node', 'dist/scripts/migrate.js']);
  });

  it('keeps the gateway private key to the gateway', () => {
    for (const [name, service] of Object.entries(services)) {
      const mounts: string[] = service.volumes ?? [];
      const hasPrivate = mounts.some((m) => m.startsWith('gateway-key:'));
      expect(hasPrivate, name).toBe(name === 'gateway' || name === 'keys');
    }
    expect(services.gateway.environment.GATEWAY_SIGNING_KEY_FILE).toBe('/keys/private/gateway-signing-key.json');
    expect(compose).not.toMatch(/GATEWAY_SIGNING_KEY:/);
  });

  it('builds in two stages on the current Node LTS, runs compiled code as a non-root user under an init process, with a health check', () => {
    expect(dockerfile.match(/^FROM node:24-slim/gm)).toHaveLength(2);
    expect(dockerfile).toContain('RUN npm run build');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('ENTRYPOINT ["/usr/bin/tini", "--"]');
    expect(dockerfile).toMatch(/^HEALTHCHECK .*dist\/scripts\/healthcheck\.js/m);
    expect(compose).not.toContain('tsx');
  });
});
