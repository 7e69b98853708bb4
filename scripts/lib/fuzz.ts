/**
 * Malformed and hostile requests, generated from a seed so a failure can be replayed: bad JSON, wrong
 * types, huge and deep operations, alias and fragment bombs, bad USCCs (look-alike Unicode, NUL),
 * GET mutations, batched arrays, bad headers. Used by the fuzz test (1,000) and `npm run fuzz` (10,000).
 */
export interface FuzzRequest {
  kind: string;
  method: 'GET' | 'POST' | 'OPTIONS';
  /** Path and query string after the gateway's origin. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Deterministic 32-bit generator (mulberry32): the same seed makes the same requests. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID_USCC = '91350100M000100Y43';
const BAD_USCCS = [
  '91350100m000100y43', // lower case
  '91350100M000100Y4３', // a full-width digit
  '9135０100M000100Y43',
  '91350100М000100Y43', // Cyrillic М
  '91350100M000100Ү43', // Cyrillic Ү
  '91350100M000100Y43\u0000',
  '\u000091350100M000100Y43',
  '91350100M000100Y43 ',
  ' 91350100M000100Y43',
  '91350100M000100Y4',
  '91350100M000100Y433',
  '91350100M000100Y44',
  "91350100M000100Y4' OR '1'='1",
  '91350100M000100Y43\u200b',
  '🀄🀄🀄🀄🀄🀄🀄🀄🀄',
  'x'.repeat(10_000),
  '',
];

const FIELDS = ['name', 'status', 'regionName', 'legalRepresentativeIdNumber', 'businessScope', 'market { penalties { decisionNumber } }', 'tax { aGradeYears }', 'listings { listName }'];

export function generateFuzzRequests(count: number, seed = 20261202): FuzzRequest[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const int = (max: number) => Math.floor(next() * max);
  const json = { 'content-type': 'application/json' };
  const post = (kind: string, body: unknown, headers: Record<string, string> = {}): FuzzRequest => ({
    kind,
    method: 'POST',
    path: '/graphql',
    headers: { ...json, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const profile = (uscc: string) => `{ entity(uscc: ${JSON.stringify(uscc)}) { ${pick(FIELDS)} } }`;

  const makers: (() => FuzzRequest)[] = [
    // Bad JSON and bodies that are not JSON at all.
    () => post('bad JSON', pick(['{', '{"query":', '{"query": "{ __typename }"', 'null', '[]', '"just a string"', '{"query": "{ __typename }"}}', '\u0000\u0001\u0002', '{"query":"\\ud800"}', String.fromCharCode(...Array.from({ length: 64 }, () => int(256)))])),
    () => ({ ...post('wrong content type', '{"query":"{ __typename }"}'), headers: { 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql']) } }),
    // Wrong types in the envelope.
    () => post('wrong types', pick([{ query: 123 }, { query: null }, { query: ['{ __typename }'] }, { query: '{ __typename }', variables: 'x' }, { query: '{ __typename }', variables: [1] }, { query: '{ __typename }', operationName: {} }, { query: '{ __typename }', extensions: 'x' }, { query: { a: 1 } }, {}])),
    () => post('wrong variable types', { query: 'query($u: USCC!) { entity(uscc: $u) { name } }', variables: { u: pick([1, true, null, {}, [VALID_USCC], 'x'.repeat(int(300))]) } }),
    () => post('wrong argument types', { query: pick(['{ entities(usccs: "x") { name } }', '{ searchEntities(first: "ten") { edges { node { name } } } }', '{ searchEntities(first: -1) { edges { node { name } } } }', '{ searchEntities(first: 2147483648) { edges { node { name } } } }', '{ entity { name } }', '{ entity(uscc: 1) { name } }']) }),
    // Bad unified social credit codes, as literals and variables.
    () => post('bad USCC literal', { query: profile(pick(BAD_USCCS)) }),
    () => post('bad USCC variable', { query: 'query($codes: [USCC!]!) { entities(usccs: $codes) { uscc name } }', variables: { codes: Array.from({ length: 1 + int(5) }, () => pick(BAD_USCCS)) } }),
    () => post('too many USCCs', { query: 'query($codes: [USCC!]!) { entities(usccs: $codes) { uscc } }', variables: { codes: Array.from({ length: 101 + int(2000) }, () => VALID_USCC) } }),
    // Huge and deep operations.
    () => post('deep selection', { query: `{ ${'entity(uscc: "91350100M000100Y43") { '.repeat(1)}${'market { '.repeat(20 + int(2000))}` }),
    () => {
      const depth = 10 + int(3000);
      return post('deep inline fragments', { query: `{ ${'... on Query { '.repeat(depth)}__typename${' }'.repeat(depth)} }` });
    },
    () => post('unbalanced braces', { query: '{'.repeat(1 + int(50_000)) }),
    () => post('huge string', { query: `{ entity(uscc: "${'A'.repeat(int(900_000))}") { name } }` }),
    () => post('many tokens', { query: `{ ${'__typename '.repeat(5000 + int(60_000))} }` }),
    () => post('huge comment', { query: `# ${'x'.repeat(int(900_000))}\n{ __typename }` }),
    // Alias and fragment bombs.
    () => post('alias bomb', { query: `query($codes: [USCC!]!) { ${Array.from({ length: 50 + int(20_000) }, (_, i) => `a${i}: entities(usccs: $codes) { name }`).join(' ')} }`, variables: { codes: Array(100).fill(VALID_USCC) } }),
    () => post('text alias bomb', { query: `{ ${Array.from({ length: 50 + int(5000) }, (_, i) => `a${i}: entity(uscc: "${VALID_USCC}") { businessScope }`).join(' ')} }` }),
    () => {
      const levels = 5 + int(60);
      const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(' ');
      return post('fragment bomb', { query: `{ ...F${levels} } fragment F0 on Query { __typename } ${fragments}` });
    },
    () => post('fragment cycle', { query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }),
    () => post('directive flood', { query: `{ __typename ${'@include(if: true) '.repeat(10 + int(3000))} }` }),
    () => post('many root fields', { query: `{ ${Array.from({ length: 11 + int(500) }, (_, i) => `e${i}: entity(uscc: "${VALID_USCC}") { name }`).join(' ')} }` }),
    () => post('huge page', { query: `{ searchEntities(first: ${pick([1e6, 1e9, 2 ** 31 - 1])}) { edges { node { name } } } }` }),
    // Operation names, batches, persisted queries, introspection.
    () => post('operation name', { query: 'query A { __typename } query B { __typename }', operationName: pick([undefined, '', 'C', 'a', null, 'A'.repeat(10_000)]) }),
    () => post('batched array', Array.from({ length: 1 + int(50) }, () => ({ query: '{ __typename }' }))),
    () => post('persisted query', { extensions: { persistedQuery: { version: pick([1, 2, '1', null]), sha256Hash: pick(['0'.repeat(64), 'x', '']) } }, ...(next() < 0.5 ? { query: '{ __typename }' } : {}) }),
    () => post('introspection', { query: '{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }' }),
    () => post('unknown field', { query: `{ ${pick(['nope', '_entities(representations: [])', '_service { sdl }', 'entity(uscc: "x") { nope }'])} }` }),
    () => post('mutation as anyone', { query: pick(['mutation { grantAuthorisation(input: { uscc: "91350100M000100Y43", organisation: "X", domains: ["MARKET"], purposes: [LOAN_APPROVAL], validUntil: "2099-01-01" }) { id } }', 'mutation { __typename }', 'subscription { __typename }']) }),
    // GET requests: mutations, bad parameters.
    () => ({ kind: 'GET mutation', method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { __typename }')}`, headers: { 'apollo-require-preflight': 'true' } }),
    () => ({ kind: 'GET bad parameters', method: 'GET', path: `/graphql?${pick(['query=%7B', 'query={__typename}&variables=%7B', 'variables=1', 'query=' + encodeURIComponent(profile(pick(BAD_USCCS))), '%%%', 'query[]=1&query[]=2'])}`, headers: { 'apollo-require-preflight': 'true' } }),
    () => ({ kind: 'odd path', method: pick(['GET', 'POST', 'OPTIONS'] as const), path: pick(['/', '/../etc/passwd', '/graphql/../../x', '/%00', '/stats?request=x', '/internal/authorisations', '/health', `/${'a'.repeat(int(4000))}`]), headers: {} }),
    // Bad headers.
    () => post('bad authorization', { query: profile(VALID_USCC) }, { authorization: pick(['Bearer', 'Bearer x.y.z', 'Basic dXNlcjpwYXNz', `Bearer ${'a'.repeat(int(8000))}`, 'Bearer eyJhbGciOiJub25lIn0.eyJraW5kIjoiR09WRVJOTUVOVCJ9.', 'Bearer \u00ff\u00fe']) }),
    () => post('bad purpose', { query: profile(VALID_USCC) }, { 'x-credit-purpose': pick(['', 'LOAN_APPROVAL,CREDIT_REPORT', 'loan_approval', 'x'.repeat(2000)]) }),
    () => post('forged identity headers', { query: profile(VALID_USCC) }, { 'x-credit-caller': 'forged', 'x-credit-caller-internal': 'forged another', 'x-request-id': pick(['', 'x'.repeat(5000), '../../etc', 'same-id']) }),
  ];
  return Array.from({ length: count }, () => pick(makers)());
}

/** What no answer may contain: a stack trace, SQL, a file path, an internal address. */
export const LEAKS: readonly [string, RegExp][] = [
  ['stack trace', /\bat [\w.<>$]+ \(|\n\s+at /],
  ['SQL', /\b(SELECT|INSERT INTO|UPDATE `|DELETE FROM)\b|\bER_[A-Z_]{4,}|\bsql\b/i],
  ['file path', /\/(work|home|usr|tmp|var)\/|node_modules|\.(ts|js):\d+/],
  ['internal URL', /https?:\/\/(127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0)/],
];

export function leaksIn(body: string): string[] {
  return LEAKS.filter(([, pattern]) => pattern.test(body)).map(([name]) => name);
}
