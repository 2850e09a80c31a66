// 双随机、一公开 公示门户: plain pages over the public API (/public/disclosure) and draw-service's
// public record and verifier (/public/draw), both reached through the gateway on the same origin.
const API = '/public/disclosure';

const CONCLUSIONS = {
  NO_PROBLEM: '未发现问题', RECTIFICATION_ORDERED: '发现问题已责令整改', CASE_OPENED: '发现违法行为已立案调查',
  CLOSED_OR_NOT_OPERATING: '检查对象已关闭或未生产经营', UNREACHABLE: '通过登记的住所无法联系'
};
const WITHHELD = { COMMERCIAL_SECRET: '涉及商业秘密', PERSONAL_PRIVACY: '涉及个人隐私' };
const CHECKS = {
  inputDigest: '输入摘要与承诺一致', commitments: '各方随机数与承诺一致', seed: '随机种子可复算', selection: '抽取结果可复算',
  assignments: '人员匹配可复算', output: '输出一致', resultDigest: '结果摘要一致'
};
const OUTCOMES = { PASS: '通过', FAIL: '不通过', NOT_APPLICABLE: '不适用' };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
}

async function getJson(url, options) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || body.title || ('HTTP ' + response.status));
  return body;
}

function showError(target, error) {
  target.replaceChildren(el('p', { class: 'error', 'data-test': 'error' }, '出错了：' + error.message));
}

function params() {
  return new URLSearchParams(location.search);
}

function setTitle(text) {
  document.getElementById('title').textContent = text;
  document.title = text + ' — 双随机、一公开 公示';
}

function resultRows(results, withHistoryLink) {
  const table = el('table', { 'data-test': 'results' },
    el('tr', {}, el('th', {}, '检查对象'), el('th', {}, '统一社会信用代码'), el('th', {}, '检查日期'), el('th', {}, '检查事项及结果'),
      el('th', {}, '检查结果'), el('th', {}, '整改/立案'), el('th', {}, '版本')));
  for (const shown of results) {
    const d = shown.document;
    const name = withHistoryLink ? el('a', { href: 'index.html?view=entity&uscc=' + encodeURIComponent(d.entity.uscc) }, d.entity.name) : d.entity.name;
    const items = el('ul', {}, ...d.items.map(i => el('li', {}, (i.itemName || i.itemId) + '：' + i.findingWording + (i.description ? '（' + i.description + '）' : ''))));
    const followUp = [d.rectification ? d.rectification.wording + (d.rectification.deadline ? '（期限 ' + d.rectification.deadline + '）' : '') : '',
      d.caseNumber ? '立案：' + d.caseNumber : '', d.transferredTo ? '移送：' + d.transferredTo : ''].filter(Boolean).join('；');
    const version = shown.state === 'SUPERSEDED'
      ? el('span', { class: 'badge', 'data-test': 'superseded' }, '第' + d.version + '版（已更正）')
      : el('span', { class: 'badge' }, '第' + d.version + '版' + (d.amended ? '（更正后）' : ''));
    const withheld = d.withheld.length ? el('div', { class: 'note', 'data-test': 'withheld' }, '部分内容' + d.withheld.map(w => WITHHELD[w]).join('、') + '，依法不予公开') : '';
    table.append(el('tr', { class: shown.state === 'SUPERSEDED' ? 'superseded' : '', 'data-result': d.resultId },
      el('td', {}, name), el('td', {}, d.entity.uscc), el('td', {}, d.inspectionDate), el('td', {}, items, withheld),
      el('td', { 'data-test': 'wording' }, d.wording), el('td', {}, followUp), el('td', {}, version)));
  }
  return table;
}

async function searchPage() {
  const form = document.getElementById('search');
  const out = document.getElementById('out');
  const conclusion = form.elements.conclusion;
  for (const [code, wording] of Object.entries(CONCLUSIONS)) conclusion.append(el('option', { value: code }, wording));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const q = new URLSearchParams();
    for (const field of ['name', 'uscc', 'district', 'period', 'conclusion']) {
      const value = form.elements[field].value.trim();
      if (value) q.set(field, value);
    }
    try {
      const page = await getJson(API + '/results?' + q);
      out.replaceChildren(page.results.length ? resultRows(page.results, true) : el('p', { 'data-test': 'empty' }, '没有符合条件的公示结果。'));
    } catch (e) {
      showError(out, e);
    }
  });
}

async function entityPage() {
  const out = document.getElementById('out');
  const uscc = params().get('uscc');
  try {
    const history = await getJson(API + '/entities/' + encodeURIComponent(uscc));
    setTitle(history.name + '　抽查结果公示');
    out.replaceChildren(el('p', {}, '统一社会信用代码：' + history.uscc), resultRows(history.results, false));
  } catch (e) {
    showError(out, e);
  }
}

async function periodPage() {
  const out = document.getElementById('out');
  const period = params().get('period');
  const district = params().get('district');
  setTitle(period + ' 随机抽查结果公示');
  try {
    const page = await getJson(API + '/periods/' + encodeURIComponent(period) + '/results' + (district ? '?district=' + encodeURIComponent(district) : ''));
    out.replaceChildren(
      el('p', { 'data-test': 'summary' }, '共公示 ' + page.results.filter(r => r.state === 'PUBLISHED').length + ' 条结果；涉及国家秘密不予公开 ' + page.withheld + ' 条。'),
      el('p', {}, el('a', { href: API + '/export/' + period + '.csv' }, '下载 CSV'), '　', el('a', { href: API + '/export/' + period + '.jsonl' }, '下载 JSON Lines')),
      resultRows(page.results, true));
  } catch (e) {
    showError(out, e);
  }
}

async function drawPage() {
  const out = document.getElementById('out');
  const id = params().get('id');
  document.getElementById('draw-note').hidden = false;
  try {
    const draw = await getJson(API + '/draws/' + encodeURIComponent(id));
    setTitle('抽查 ' + draw.drawId);
    const facts = el('table', { 'data-test': 'commitment' },
      el('tr', {}, el('th', {}, '抽查期间'), el('td', {}, draw.period)),
      el('tr', {}, el('th', {}, '输入承诺（摘要）'), el('td', {}, draw.inputDigest)),
      el('tr', {}, el('th', {}, '随机来源'), el('td', {}, draw.sources.map(s => s.source + (s.commitment ? '（承诺 ' + s.commitment.slice(0, 12) + '…）' : '')).join('；'))),
      el('tr', {}, el('th', {}, '状态'), el('td', {}, draw.cancelledAt ? '已作废：' + draw.cancelReason : draw.executedAt ? '已抽取（' + draw.executedAt + '）' : '已公布承诺，尚未抽取')));
    const verifyButton = el('button', { 'data-test': 'verify' }, '验证抽查记录');
    const checks = el('div', { 'data-test': 'checks' });
    verifyButton.addEventListener('click', () => verify(draw, checks));
    out.replaceChildren(facts, el('p', {}, verifyButton, '　', el('a', { href: draw.links.record }, '下载抽查记录')), checks);
  } catch (e) {
    showError(out, e);
  }
}

async function verify(draw, target) {
  target.replaceChildren(el('p', {}, '正在复算……'));
  try {
    const response = await fetch(draw.links.record);
    if (!response.ok) throw new Error(response.status === 404 ? '抽查记录尚未公开（检查结束后公开）' : 'HTTP ' + response.status);
    const record = await response.text();
    const result = await getJson(draw.links.verify, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: record });
    const table = el('table', {}, el('tr', {}, el('th', {}, '检查项'), el('th', {}, '结果'), el('th', {}, '说明')));
    for (const check of result.checks) {
      table.append(el('tr', { 'data-check': check.name },
        el('td', {}, CHECKS[check.name] || check.name),
        el('td', { class: check.outcome === 'FAIL' ? 'fail' : 'pass', 'data-test': 'outcome' }, OUTCOMES[check.outcome] || check.outcome),
        el('td', {}, check.detail + (check.outcome === 'FAIL' ? '（应为 ' + check.expected + '，记录为 ' + check.found + '）' : ''))));
    }
    target.replaceChildren(
      el('p', { class: result.ok ? 'pass' : 'fail', 'data-test': 'verdict' }, result.ok ? '验证通过：抽查结果可由公开记录独立复算' : '验证不通过：' + result.firstMismatch),
      table);
  } catch (e) {
    showError(target, e);
  }
}

const VIEWS = { search: searchPage, entity: entityPage, period: periodPage, draw: drawPage };
const view = VIEWS[params().get('view')] ? params().get('view') : 'search';
document.getElementById('search-view').hidden = view !== 'search';
VIEWS[view]();
