export * from './random.ts';
export * from './subjects.ts';
export * from './names.ts';
