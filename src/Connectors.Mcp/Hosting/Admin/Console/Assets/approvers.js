// Who may approve a workspace's gated calls: the client through elicitation, or only a person (this console, the CLI,
// the admin API). Shown and set in the Rules view, next to the workspace's domains.

import { api, enc } from './api.js';
import { byId, setText } from './dom.js';

/** Describes a workspace's approvers as the API reports them: 'person (this server's default)' or 'client (set for this workspace)'. */
export function approversText(workspace) {
  return `${workspace.approvers} (${workspace.approvers_default ? "this server's default" : 'set for this workspace'})`;
}

export function createApproversForm(workspaceSelect, error, afterSave) {
  const form = byId('approvers-form');
  const now = byId('approvers-now');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.put(`/admin/api/workspaces/${enc(workspaceSelect.value)}/approvers`, { approvers: form.elements.approvers.value });
      setText(error, '');
      await afterSave();
    } catch (failure) {
      setText(error, 'Approvers not saved: ' + failure.message);
    }
  });

  /** Shows the workspace's current setting (unless the person is choosing a new one). */
  function show(workspace) {
    if (!workspace) return;
    setText(now, 'Now: ' + approversText(workspace) + '.');
    if (document.activeElement !== form.elements.approvers) {
      form.elements.approvers.value = workspace.approvers_default ? 'default' : workspace.approvers;
    }
  }

  return { show };
}
