// The workspace list, shared by the views that are per workspace.

import { api } from './api.js';

let cached = [];

export async function loadWorkspaces() {
  const { workspaces } = await api.get('/admin/api/workspaces');
  cached = workspaces;
  return workspaces;
}

export function knownWorkspaces() {
  return cached;
}

export function workspaceOptions(workspaces) {
  return workspaces.map((w) => ({ value: w.slug, label: w.slug }));
}
