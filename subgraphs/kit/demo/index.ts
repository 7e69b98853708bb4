export * from './random.ts';
export * from './subjects.ts';
export * from './names.ts';
export * from './facts.ts';
