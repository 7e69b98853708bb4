import { inject } from 'vitest';
import { demoSubject, type DemoSubject } from '../../subgraphs/kit/demo/index.ts';

/** The demo subjects loaded for this test run (deterministic: the same on every machine). */
export function demoSubjects(): DemoSubject[] {
  const { entities, seed } = inject('demo');
  return Array.from({ length: entities }, (_, i) => demoSubject(i, seed));
}

export function firstSubject(predicate: (s: DemoSubject) => boolean): DemoSubject {
  const found = demoSubjects().find(predicate);
  if (!found) throw new Error('no demo subject matches; raise TEST_DEMO_ENTITIES');
  return found;
}
