import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCallerTokens } from '../../gateway/caller-header.ts';
import { ANONYMOUS } from '../../subgraphs/kit/identity/caller.ts';
import { signCallerToken, verifyCallerToken } from '../../subgraphs/kit/identity/caller-token.ts';
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
