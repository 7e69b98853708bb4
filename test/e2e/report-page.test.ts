import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addMonths } from '../../subgraphs/kit/calendar/dates.ts';
import { penalties } from '../../subgraphs/market/db/tables.ts';
import { asCaller } from '../support/access.ts';
import { createTestEntity, insertRecords, marketPenalty } from '../support/records.ts';
import { headersFor } from '../support/tokens.ts';

// The printable report page, rendered by a real browser: Debian's chromium, driven by playwright-core
// (no browser download). CI installs it (.ci/run); here it must be installed too, or this suite fails.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const ISSUE = `mutation($input: CreditReportInput!) { issueCreditReport(input: $input) { number digest } }`;

describe('the report page (GET /reports/<number>) in headless Chromium', () => {
  let browser: BrowserContext;
  let profile: string;
  let uscc: string;
  let report: { number: string; digest: string };
  const pageUrl = (number: string) => inject('gatewayUrl').replace(/\/graphql$/, `/reports/${number}`);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
    profile = mkdtempSync(join(tmpdir(), 'credit-report-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
    uscc = await createTestEntity('报告页面');
    await insertRecords('market', 'penalty', penalties, [marketPenalty(uscc, addMonths(chinaToday(), -3))]);
    const issued = await asCaller({ kind: 'SUBJECT', uscc }, ISSUE, {
      input: { uscc, kind: 'SPECIAL', purpose: '招投标', from: addMonths(chinaToday(), -24), to: chinaToday(), domains: ['MARKET', 'COURTS', 'CUSTOMS'] },
    });
    report = issued.data.issueCreditReport;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('renders the report for the entity itself, with its number and a QR code, and prints it to an A4 PDF', async () => {
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders(await headersFor({ kind: 'SUBJECT', uscc }));
    const response = await page.goto(pageUrl(report.number));
    expect(response!.status()).toBe(200);
    const text = await page.locator('body').innerText();
    expect(text).toContain(report.number);
    expect(text).toContain('专项信用报告');
    expect(text).toContain('查见记录');
    expect(text).toContain('本平台未归集该领域信息');
    expect(await page.locator('.qr svg').count()).toBe(1);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.close();
  });

  it("gives a stranger only the verification facts, and the QR code's link verifies the digest", async () => {
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders(await headersFor({ kind: 'INSTITUTION', organisation: 'BANK-STRANGER-001', purpose: 'CREDIT_REPORT' }));
    const refused = await page.goto(pageUrl(report.number));
    expect(refused!.status()).toBe(403);
    const text = await page.locator('body').innerText();
    expect(text).toContain('本报告仅向报告接收方、信用主体本人及政府部门提供');
    expect(text).toContain('信用主体本人');
    expect(text).not.toContain('查见记录');
    expect(text).not.toContain('虚假宣传');

    const verified = await page.goto(`${pageUrl(report.number)}?digest=${report.digest}`);
    expect(verified!.status()).toBe(403);
    expect(await page.locator('body').innerText()).toContain('报告真实、未被篡改');
    await page.goto(`${pageUrl(report.number)}?digest=${'0'.repeat(64)}`);
    expect(await page.locator('body').innerText()).toContain('摘要不符');
    await page.close();
  });

  it('refuses a bad bearer token with 401, as /graphql does', async () => {
    const response = await fetch(pageUrl(report.number), { headers: { authorization: 'Bearer nonsense' } });
    expect(response.status).toBe(401);
  });
});
