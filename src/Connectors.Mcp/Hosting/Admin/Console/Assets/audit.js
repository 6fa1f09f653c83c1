// The audit viewer: a workspace's rows, newest first, filtered; whether its hash chain verifies; and the newest
// operator changes (policies, rules, domains, limits, API keys) of that workspace.

import { api, enc, query } from './api.js';
import { el, byId, clear, fillSelect, setText } from './dom.js';
import { compactTimeElement, localInputToIso } from './time.js';
import { loadWorkspaces, workspaceOptions } from './workspaces.js';
import { coalesced } from './refresh.js';

export function createAuditView() {
  const form = byId('audit-filters');
  const body = byId('audit-table').querySelector('tbody');
  const chain = byId('audit-chain');
  const error = byId('audit-error');
  const more = byId('audit-more');
  const operatorBody = byId('operator-table').querySelector('tbody');
  let nextBeforeId = null;
  let shownWorkspace = null;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  form.elements.workspace.addEventListener('change', async () => {
    await fillConnectors();
    load();
  });
  more.addEventListener('click', () => loadPage(nextBeforeId));

  async function fillConnectors() {
    const slug = form.elements.workspace.value;
    if (!slug) return;
    try {
      const { connectors } = await api.get(`/admin/api/workspaces/${enc(slug)}/connectors`);
      fillSelect(form.elements.connector, connectors.map((c) => ({ value: c.id, label: `${c.name} (${c.type})` })), { blank: 'any' });
    } catch (failure) {
      setText(error, 'Could not load connectors: ' + failure.message);
    }
  }

  function filters() {
    const f = form.elements;
    return {
      workspace: f.workspace.value,
      connector: f.connector.value,
      tool: f.tool.value.trim(),
      status: f.status.value,
      since: localInputToIso(f.since.value),
      until: localInputToIso(f.until.value),
    };
  }

  const load = coalesced(() => loadPage(null));

  async function loadPage(beforeId) {
    const params = filters();
    if (!params.workspace) return;
    try {
      const page = await api.get('/admin/api/audit' + query({ ...params, limit: 100, before_id: beforeId }));
      setText(error, '');
      if (beforeId === null) clear(body);
      body.append(...page.entries.map(row));
      if (beforeId === null && page.entries.length === 0) {
        body.append(el('tr', {}, el('td', { class: 'muted', attrs: { colspan: 8 } }, 'No entries match.')));
      }
      nextBeforeId = page.next_before_id ?? null;
      more.hidden = nextBeforeId === null;
      shownWorkspace = params.workspace;
      await verify(params.workspace);
      if (beforeId === null) await operatorChanges(params.workspace);
    } catch (failure) {
      setText(error, failure.message);
    }
  }

  async function verify(slug) {
    try {
      const result = await api.get(`/admin/api/workspaces/${enc(slug)}/audit/verify`);
      chain.className = result.intact ? 'chain intact' : 'chain broken';
      setText(chain, result.intact
        ? `Hash chain intact: ${result.rows} rows verified.`
        : `Hash chain BROKEN after ${result.rows} rows: ${result.problem ?? 'unknown problem'}`);
    } catch (failure) {
      chain.className = 'chain';
      setText(chain, 'Chain verification failed: ' + failure.message);
    }
  }

  async function operatorChanges(slug) {
    const { changes } = await api.get('/admin/api/operator-audit' + query({ workspace: slug, limit: 50 }));
    clear(operatorBody);
    operatorBody.append(...changes.map((change) => el('tr', { attrs: { 'data-operator-change-id': change.id } },
      el('td', {}, compactTimeElement(change.at)),
      el('td', {}, change.actor),
      el('td', {}, change.action),
      el('td', {}, change.target ?? '—'),
      el('td', {}, change.old_value || '—'),
      el('td', {}, change.new_value || '—'))));
    if (changes.length === 0) {
      operatorBody.append(el('tr', {}, el('td', { class: 'muted', attrs: { colspan: 6 } }, 'No operator changes yet.')));
    }
  }

  function row(entry) {
    const args = el('details', {},
      el('summary', {}, 'show'),
      el('pre', { class: 'json' }, JSON.stringify(entry.arguments ?? {}, null, 2)));
    const error = [entry.error_code, entry.error_message].filter(Boolean).join(': ');
    return el('tr', { attrs: { 'data-audit-id': entry.id } },
      el('td', {}, String(entry.sequence ?? entry.id)),
      el('td', {}, compactTimeElement(entry.started_at)),
      el('td', {}, entry.tool),
      el('td', {}, el('span', { class: 'pill audit-' + entry.status }, entry.status)),
      el('td', {}, entry.decision ?? '—'),
      el('td', {}, entry.caller ?? '—'),
      el('td', { class: 'error-text' }, error || '—'),
      el('td', {}, args));
  }

  /** Fills the workspace choice (first load) and shows the first page. */
  async function refresh() {
    try {
      const workspaces = await loadWorkspaces();
      const select = form.elements.workspace;
      const before = select.value;
      fillSelect(select, workspaceOptions(workspaces));
      if (select.value !== before || form.elements.connector.options.length <= 1) await fillConnectors();
      await load();
    } catch (failure) {
      setText(error, failure.message);
    }
  }

  /** An audit event: reload when it is about the workspace on screen and the first page is shown. */
  function onAudit(workspace) {
    if (workspace === shownWorkspace && !byId('view-audit').hidden) load();
  }

  return { refresh, onAudit };
}
