import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCallerTokens } from '../../gateway/caller-header.ts';
import { ANONYMOUS } from '../../subgraphs/kit/identity/caller.ts';
import { internalTokensOf, signCallerToken, verifyCallerToken } from '../../subgraphs/kit/identity/caller-token.ts';
import { generateEd25519KeyPair } from '../../subgraphs/kit/identity/keys.ts';

const pair = generateEd25519KeyPair();
const privateKey = createPrivateKey({ key: pair.privateJwk, format: 'jwk' });
const publicKey = createPublicKey({ key: pair.publicJwk, format: 'jwk' });
const bank = { kind: 'INSTITUTION', organisation: 'BANK-001', purpose: 'LOAN_APPROVAL' } as const;

describe('the caller header the gateway signs for one subgraph', () => {
  it('tells that subgraph the caller and the request', async () => {
    const token = await signCallerToken(bank, { audience: 'market', requestId: 'r-1', key: privateKey });
    expect(await verifyCallerToken(token, { key: publicKey, audience: 'market' })).toEqual({ caller: bank, requestId: 'r-1', audience: 'market', token });
  });

  it('tells any other subgraph, or a subgraph without the key, nothing', async () => {
    const token = await signCallerToken(bank, { audience: 'market', requestId: 'r-1', key: privateKey });
    expect(await verifyCallerToken(token, { key: publicKey, audience: 'tax' })).toBeNull();
    expect(await verifyCallerToken(token, { key: undefined, audience: 'market' })).toBeNull();
    const other = createPublicKey({ key: generateEd25519KeyPair().publicJwk, format: 'jwk' });
    expect(await verifyCallerToken(token, { key: other, audience: 'market' })).toBeNull();
    expect(await verifyCallerToken(`${token.slice(0, -4)}AAAA`, { key: publicKey, audience: 'market' })).toBeNull();
    expect(await verifyCallerToken(undefined, { key: publicKey, audience: 'market' })).toBeNull();
  });

  it('expires within a minute', async () => {
    const token = await signCallerToken(bank, { audience: 'market', requestId: 'r-1', key: privateKey, lifetimeSeconds: -10 });
    expect(await verifyCallerToken(token, { key: publicKey, audience: 'market' })).toBeNull();
  });

  it('is signed at most once per subgraph per request, and never for an anonymous caller', async () => {
    const tokens = createCallerTokens(bank, 'r-2', privateKey);
    const first = await tokens.forSubgraph('market');
    expect(await tokens.forSubgraph('market')).toBe(first);
    expect(await tokens.forSubgraph('tax')).not.toBe(first);
    expect(await createCallerTokens(ANONYMOUS, 'r-3', privateKey).forSubgraph('market')).toBeUndefined();
  });
});

describe('the internal tokens the gateway signs for the platform', () => {
  const ISSUE = 'mutation($input: CreditReportInput!) { issueCreditReport(input: $input) { number } }';
  const HOLDING = ['market', 'tax', 'courts', 'environment'];

  async function audiencesOf(header: string | undefined): Promise<string[]> {
    const verified = await Promise.all((header ?? '').split(' ').filter(Boolean).map((token) => verifyCallerToken(token, { key: publicKey, audience: undefined })));
    return verified.map((v) => `${v!.audience} via ${v!.via}`).sort();
  }

  it("on an institution's credit report: one per department to ask it as the caller, and one per department to ask the platform back", async () => {
    const report = { ...bank, purpose: 'CREDIT_REPORT' } as const;
    const header = await createCallerTokens(report, 'r-4', privateKey).internalFor('platform', ISSUE);
    expect(await audiencesOf(header)).toEqual(
      [...HOLDING.map((d) => `${d}#internal via platform`), ...HOLDING.map((d) => `platform#internal via ${d}`)].sort(),
    );
    // Each names the institution and its purpose, for this request: the department decides about it.
    for (const token of header!.split(' ')) expect(await verifyCallerToken(token, { key: publicKey, audience: undefined })).toMatchObject({ caller: report, requestId: 'r-4' });

    // The platform reads them apart: the departments' by department, its own by the department to hand each to.
    const { internal, askBack } = internalTokensOf(header, 'platform');
    expect(Object.keys(internal).sort()).toEqual([...HOLDING].sort());
    expect(Object.keys(askBack).sort()).toEqual([...HOLDING].sort());
    expect(await verifyCallerToken(askBack.tax, { key: publicKey, audience: 'platform#internal' })).toMatchObject({ via: 'tax' });
    // A department reads the one handed to it as its way to the platform.
    expect(internalTokensOf(askBack.tax, 'tax')).toEqual({ internal: { platform: askBack.tax }, askBack: {} });
  });

  it('not for other callers, nor for other platform operations: only institutions need their grants asked for', async () => {
    const departments = HOLDING.map((d) => `${d}#internal via platform`).sort();
    for (const caller of [{ kind: 'GOVERNMENT', department: 'MARKET' } as const, { kind: 'SUBJECT', uscc: '91350100M000100Y43' } as const]) {
      expect(await audiencesOf(await createCallerTokens(caller, 'r-5', privateKey).internalFor('platform', ISSUE))).toEqual(departments);
    }
    const objection = 'mutation { fileObjection(input: {}) { id } }';
    expect(await audiencesOf(await createCallerTokens(bank, 'r-6', privateKey).internalFor('platform', objection))).toEqual(departments);
    expect(await createCallerTokens(bank, 'r-7', privateKey).internalFor('platform', '{ entity(uscc: "x") { name } }')).toBeUndefined();
    // A department gets only its own token to the platform.
    expect(await audiencesOf(await createCallerTokens(bank, 'r-8', privateKey).internalFor('tax', ISSUE))).toEqual(['platform#internal via tax']);
  });
});
