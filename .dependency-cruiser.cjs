// The shape the code keeps (README, Architecture), checked in `npm test` by
// test/unit/dependency-rules.test.ts, which also shows each rule firing on a small fixture.
// A department is any folder under subgraphs/ but kit/; departments.ts is the department list as data.

const DEPARTMENT_CODE = '^subgraphs/([^/]+/|registry\\.ts$)';
const SHARED = '^subgraphs/(kit/|departments\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-import-cycles',
      comment: 'A cycle makes load order matter and hides which module depends on which.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'gateway-imports-no-department-code',
      comment: 'The gateway knows the departments from subgraphs/departments.ts only, never their code or the registry.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: DEPARTMENT_CODE, pathNot: SHARED },
    },
    {
      name: 'kit-imports-no-department-code',
      comment: 'What every subgraph shares depends on no one subgraph.',
      severity: 'error',
      from: { path: '^subgraphs/kit/' },
      to: { path: DEPARTMENT_CODE, pathNot: SHARED },
    },
    {
      name: 'department-imports-no-other-department',
      comment: 'A department (the platform included) reaches another over HTTP or through federation, never by importing it.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/', pathNot: '^subgraphs/kit/' },
      to: { path: DEPARTMENT_CODE, pathNot: ['^subgraphs/$1/', SHARED] },
    },
  ],
  options: {
    // Type-only imports count too: they are how a cycle or a dependency starts.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)test/fixtures/' },
  },
};
