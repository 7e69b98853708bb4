import { describe, expect, it } from 'vitest';
import { collapseInFlight } from '../../gateway/in-flight-requests.ts';
import type { KeepAliveRequest, KeepAliveResponse } from '../../subgraphs/kit/runtime/keep-alive-fetch.ts';

/** An upstream that answers only when told to, and counts what it was sent. */
function upstream() {
  const sent: KeepAliveRequest[] = [];
  const answers: (() => void)[] = [];
  const fetch = (_url: string, init: KeepAliveRequest = {}) => {
    sent.push(init);
    return new Promise<KeepAliveResponse>((resolve) => {
      answers.push(() => {
        const body = `{"data":{"n":${sent.length}}}`;
        const response = { ok: true, status: 200, text: async () => body, clone: () => ({ ...response }) } as unknown as KeepAliveResponse;
        resolve(response);
      });
    });
  };
  return { fetch, sent, answerAll: () => answers.splice(0).forEach((answer) => answer()) };
}

const QUERY = '{"query":"query Profile__market__0($uscc:USCC!){entity(uscc:$uscc){name}}","variables":{"uscc":"91350100M000100Y43"}}';
const post = (headers: Record<string, string>, body = QUERY): KeepAliveRequest => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('collapseInFlight', () => {
  it('sends identical anonymous queries in flight at once upstream once, whatever their request ids', async () => {
    const { fetch, sent, answerAll } = upstream();
    const collapsing = collapseInFlight(fetch);
    const answers = [collapsing('http://m/graphql', post({ 'x-request-id': 'a' })), collapsing('http://m/graphql', post({ 'x-request-id': 'b' }))];
    answerAll();
    const texts = await Promise.all(answers.map(async (a) => (await a).text()));
    expect(sent).toHaveLength(1);
    expect(texts[0]).toBe(texts[1]);
    expect(collapsing.counts).toEqual({ sent: 1, joined: 1 });
  });

  it('sends each on its own: another subgraph, other variables, a caller header, a mutation, one after the other', async () => {
    const { fetch, sent, answerAll } = upstream();
    const collapsing = collapseInFlight(fetch);
    const calls = [
      collapsing('http://m/graphql', post({})),
      collapsing('http://t/graphql', post({})),
      collapsing('http://m/graphql', post({}, QUERY.replace('Y43', 'Y44'))),
      collapsing('http://m/graphql', post({ 'x-credit-caller': 'signed.for.this.request' })),
      collapsing('http://m/graphql', post({ 'x-credit-caller': 'signed.for.this.request' })),
      collapsing('http://m/graphql', post({}, QUERY.replace('"query":"query', '"query":"mutation'))),
      collapsing('http://m/graphql', post({}, QUERY.replace('"query":"query', '"query":"mutation'))),
    ];
    answerAll();
    await Promise.all(calls);
    expect(sent).toHaveLength(calls.length);
    const later = collapsing('http://m/graphql', post({}));
    answerAll();
    await later;
    expect(sent).toHaveLength(calls.length + 1);
    expect(collapsing.counts.joined).toBe(0);
  });
});
