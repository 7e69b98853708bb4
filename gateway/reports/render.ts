// The printable credit report (信用报告) and the verification page: pure functions from the report as
// the platform's GraphQL API returns it to HTML. Chinese, A4, one stylesheet for screen and print.

export interface ReportRecordView {
  category: string;
  recordId: string;
  reference: string | null;
  description: string;
  authority: string | null;
  date: string | null;
  endedOn: string | null;
  inForce: boolean;
  disputed: boolean;
  amount: string | null;
}

export interface ReportView {
  number: string;
  kind: 'PUBLIC_CREDIT' | 'SPECIAL';
  title: string;
  uscc: string;
  subjectName: string | null;
  issuedAt: string;
  recipientKind: 'INSTITUTION' | 'GOVERNMENT' | 'SUBJECT';
  recipient: string;
  purpose: string;
  periodFrom: string | null;
  periodTo: string | null;
  summary: { licences: number; penaltiesInForce: number; listEntries: number; objectionsOpen: number } | null;
  sections: { domain: string; department: string; coverage: 'RECORDS_FOUND' | 'NO_RECORD' | 'NOT_COVERED'; withheld: string[]; records: ReportRecordView[] }[];
  digest: string;
  signature: string;
}

export interface VerificationView {
  number: string;
  found: boolean;
  valid: boolean;
  kind: string | null;
  issuedAt: string | null;
  recipient: string | null;
  purpose: string | null;
}

const CATEGORY: Record<string, string> = {
  LICENCE: '行政许可',
  PENALTY: '行政处罚',
  LIST_ENTRY: '名单记录',
  TAX_ARREARS: '欠税信息',
  ENFORCEMENT: '执行案件',
  JUDGMENT: '裁判文书',
  RATING: '信用评价',
};

const COVERAGE: Record<string, string> = {
  RECORDS_FOUND: '查见记录',
  NO_RECORD: '未查见记录',
  NOT_COVERED: '本平台未归集该领域信息，不作说明',
};

export function escapeHtml(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An instant in Beijing time, as the report prints it: 2026-12-02 17:30 (北京时间). */
function beijing(iso: string): string {
  return `${new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
}

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", serif; color: #111; font-size: 11pt; line-height: 1.6; max-width: 178mm; margin: 0 auto; }
  h1 { text-align: center; font-size: 20pt; letter-spacing: 0.2em; margin: 0.5em 0; }
  h2 { font-size: 13pt; border-bottom: 1px solid #333; margin-top: 1.2em; }
  table { width: 100%; border-collapse: collapse; margin: 0.5em 0; }
  th, td { border: 1px solid #666; padding: 3px 6px; text-align: left; vertical-align: top; font-size: 10pt; }
  th { background: #eee; width: 22%; }
  .records th { width: auto; }
  .head { display: flex; justify-content: space-between; align-items: flex-start; gap: 1em; }
  .qr svg { width: 30mm; height: 30mm; }
  .note { font-size: 9pt; color: #444; }
  .digest { font-family: monospace; font-size: 8pt; word-break: break-all; }
  section { break-inside: avoid-page; }
  tr { break-inside: avoid; }
  @media print { a { color: inherit; text-decoration: none; } }
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function recordsTable(records: ReportRecordView[]): string {
  const rows = records
    .map(
      (r) =>
        `<tr><td>${escapeHtml(CATEGORY[r.category] ?? r.category)}</td><td>${escapeHtml(r.reference ?? r.recordId)}</td><td>${escapeHtml(r.description)}${r.disputed ? '（异议处理中）' : ''}</td><td>${escapeHtml(r.authority)}</td><td>${escapeHtml(r.date)}${r.endedOn ? ` 至 ${escapeHtml(r.endedOn)}` : ''}</td><td>${r.inForce ? '有效' : '已结束'}</td></tr>`,
    )
    .join('');
  return `<table class="records"><thead><tr><th>类别</th><th>文号/案号</th><th>内容</th><th>机关</th><th>日期</th><th>状态</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The full report, for its recipient, the entity and government. */
export function renderReportPage(report: ReportView, { verifyUrl, qrSvg }: { verifyUrl: string; qrSvg: string }): string {
  const recipient = report.recipientKind === 'SUBJECT' ? '信用主体本人' : report.recipient;
  const period = report.periodFrom ? `<tr><th>查询期间</th><td>${escapeHtml(report.periodFrom)} 至 ${escapeHtml(report.periodTo)}</td></tr>` : '';
  const summary = report.summary
    ? `<section><h2>一、信息概要</h2><table><tr><th>行政许可</th><td>${report.summary.licences} 条</td><th>有效行政处罚</th><td>${report.summary.penaltiesInForce} 条</td></tr><tr><th>在列名单</th><td>${report.summary.listEntries} 条</td><th>处理中的异议</th><td>${report.summary.objectionsOpen} 件</td></tr></table></section>`
    : '';
  const sections = report.sections
    .map((s, i) => {
      const withheld = s.withheld.length ? `<p class="note">以下信息未向报告接收方提供：${s.withheld.map(escapeHtml).join('、')}</p>` : '';
      const records = s.records.length ? recordsTable(s.records) : '';
      return `<section><h2>${report.summary ? '二' : '一'}.${i + 1} ${escapeHtml(s.department)}领域（${escapeHtml(s.domain)}）</h2><p>查询结果：<strong>${escapeHtml(COVERAGE[s.coverage])}</strong></p>${records}${withheld}</section>`;
    })
    .join('');
  return page(
    `${report.title} ${report.number}`,
    `<div class="head"><div><h1>${escapeHtml(report.title)}</h1>
      <table><tr><th>报告编号</th><td>${escapeHtml(report.number)}</td></tr>
      <tr><th>信用主体</th><td>${escapeHtml(report.subjectName)}</td></tr>
      <tr><th>统一社会信用代码</th><td>${escapeHtml(report.uscc)}</td></tr>
      <tr><th>报告接收方</th><td>${escapeHtml(recipient)}</td></tr>
      <tr><th>查询用途</th><td>${escapeHtml(report.purpose)}</td></tr>${period}
      <tr><th>出具时间</th><td>${escapeHtml(beijing(report.issuedAt))}</td></tr></table></div>
      <div class="qr">${qrSvg}<p class="note">扫码核验</p></div></div>
    ${summary}${sections}
    <h2>报告核验</h2>
    <p class="note">本报告由公共信用信息平台出具，内容为出具时各部门向报告接收方提供的信息。核验地址：<a href="${escapeHtml(verifyUrl)}">${escapeHtml(verifyUrl)}</a>；亦可凭报告编号与摘要调用 verifyCreditReport 核验，或以平台公布的公钥离线验证签名。</p>
    <p class="digest">SHA-256：${escapeHtml(report.digest)}<br>Ed25519 签名：${escapeHtml(report.signature)}</p>`,
  );
}

/** What anyone else sees at a report's address: the verification facts, never its content. */
export function renderVerificationPage(verification: VerificationView, { digestGiven, refusal }: { digestGiven: boolean; refusal: string | null }): string {
  const facts = verification.found
    ? `<table><tr><th>报告编号</th><td>${escapeHtml(verification.number)}</td></tr>
       <tr><th>出具时间</th><td>${escapeHtml(verification.issuedAt ? beijing(verification.issuedAt) : '')}</td></tr>
       <tr><th>报告接收方</th><td>${escapeHtml(verification.recipient === 'the entity itself' ? '信用主体本人' : verification.recipient)}</td></tr>
       <tr><th>查询用途</th><td>${escapeHtml(verification.purpose)}</td></tr>
       ${digestGiven ? `<tr><th>核验结果</th><td><strong>${verification.valid ? '报告真实、未被篡改' : '摘要不符：报告内容已被改动或并非本平台出具'}</strong></td></tr>` : ''}</table>`
    : `<p>未查到编号为 ${escapeHtml(verification.number)} 的信用报告。</p>`;
  return page(`信用报告核验 ${verification.number}`, `<h1>信用报告核验</h1>${refusal ? `<p>${escapeHtml(refusal)}</p>` : ''}${facts}`);
}
