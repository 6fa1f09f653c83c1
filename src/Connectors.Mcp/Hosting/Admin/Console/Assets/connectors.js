// Connector health per workspace: status, credential state, last sync, last error, Reconnect (OAuth connect flow) and
// which of its actions each connector publishes as tools.

import { api, enc } from './api.js';
import { el, byId, clear, setText } from './dom.js';
import { timeElement } from './time.js';
import { loadWorkspaces } from './workspaces.js';
import { coalesced } from './refresh.js';
import { approversText } from './approvers.js';
import { createToolsets } from './toolsets.js';

const HEADINGS = ['Name', 'Type', 'Status', 'Credentials', 'Tools', 'Last sync', 'Last error', ''];

export function createConnectorsView() {
  const container = byId('connectors-list');
  const error = byId('connectors-error');
  const toolsets = createToolsets(() => refresh());

  const refresh = coalesced(async () => {
    try {
      const workspaces = await loadWorkspaces();
      const sections = await Promise.all(workspaces.map(async (workspace) => {
        const { connectors } = await api.get(`/admin/api/workspaces/${enc(workspace.slug)}/connectors`);
        return section(workspace, connectors);
      }));
      setText(error, '');
      container.replaceChildren(...sections);
    } catch (failure) {
      setText(error, 'Could not load connectors: ' + failure.message);
    }
  });

  function section(workspace, connectors) {
    const headingId = 'connectors-of-' + workspace.slug;
    const rows = connectors.flatMap((connector) => [row(connector), toolsets.editorRow(connector, HEADINGS.length)]);
    return el('section', { class: 'workspace', attrs: { 'aria-labelledby': headingId } },
      el('h3', { attrs: { id: headingId } }, 'Workspace ', workspace.slug,
        el('span', { class: 'muted' }, ` · ${workspace.plan} · ${workspace.pending_approvals} pending · approvers: ${approversText(workspace)}`)),
      connectors.length === 0
        ? el('p', { class: 'muted' }, 'No connectors. Add one with connectors-mcp connector add.')
        : el('div', { class: 'table-wrap' },
          el('table', { attrs: { 'aria-label': `Connectors of ${workspace.slug}` } },
            el('thead', {}, el('tr', {}, HEADINGS.map((h) => el('th', { attrs: { scope: 'col' } }, h)))),
            el('tbody', {}, rows))));
  }

  function row(connector) {
    const note = el('p', { class: 'cell-note', attrs: { role: 'status' } });
    const button = el('button', {
      class: 'secondary',
      attrs: { type: 'button', 'aria-label': `Reconnect ${connector.name}` },
      on: { click: () => reconnect(connector, button, note) },
    }, 'Reconnect');
    return el('tr', { attrs: { 'data-connector-id': connector.id } },
      el('th', { attrs: { scope: 'row' } }, connector.name),
      el('td', {}, connector.type),
      el('td', {}, el('span', { class: 'pill status-' + connector.status }, connector.status)),
      el('td', {}, el('span', { class: 'pill credential-' + connector.credential_state }, connector.credential_state)),
      el('td', { class: 'nowrap' }, toolsets.summary(connector), ' ', toolsets.toggleButton(connector)),
      el('td', {}, timeElement(connector.last_sync_at)),
      el('td', { class: 'error-text' }, connector.last_error ?? '—'),
      el('td', {}, button, note));
  }

  async function reconnect(connector, button, note) {
    button.disabled = true;
    setText(note, 'Starting…');
    try {
      const { authorization_url: url } = await api.post(`/admin/api/connectors/${enc(connector.id)}/reconnect`, {});
      if (!/^https?:\/\//i.test(url)) throw new Error('The server sent an authorization URL that is not http(s).');
      const link = el('a', { attrs: { href: url, target: '_blank', rel: 'noopener noreferrer' } }, 'Open the sign-in page');
      clear(note).append('Sign in with the provider in the new tab. ', link);
      window.open(url, '_blank', 'noopener,noreferrer');
    } catch (failure) {
      setText(note, failure.message);
    } finally {
      button.disabled = false;
    }
  }

  return { refresh };
}
