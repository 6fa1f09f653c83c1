// Approval rules, domains and policies of one workspace.

import { api, enc } from './api.js';
import { el, byId, fillSelect, setText } from './dom.js';
import { timeElement } from './time.js';
import { loadWorkspaces, workspaceOptions } from './workspaces.js';
import { coalesced } from './refresh.js';
import { createApproversForm } from './approvers.js';

export function createRulesView() {
  const select = byId('rules-workspace');
  const rulesBody = byId('rules-table').querySelector('tbody');
  const policiesBody = byId('policies-table').querySelector('tbody');
  const ruleForm = byId('rule-form');
  const domainsForm = byId('domains-form');
  const error = byId('rules-error');
  const approvers = createApproversForm(select, error, () => refresh());

  select.addEventListener('change', () => refresh());

  ruleForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = ruleForm.elements;
    const rule = { tool: f.tool.value.trim(), when: f.when.value.trim(), effect: f.effect.value };
    if (f.note.value.trim()) rule.note = f.note.value.trim();
    if (f.position.value) rule.position = Number(f.position.value);
    try {
      await api.post(`/admin/api/workspaces/${enc(select.value)}/rules`, rule);
      ruleForm.reset();
      setText(error, '');
      await load();
    } catch (failure) {
      setText(error, 'Rule not added: ' + failure.message);
    }
  });

  domainsForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const domains = domainsForm.elements.domains.value.split(/[\s,]+/).filter(Boolean);
    try {
      await api.put(`/admin/api/workspaces/${enc(select.value)}/domains`, { domains });
      setText(error, '');
      await refresh();
    } catch (failure) {
      setText(error, 'Domains not saved: ' + failure.message);
    }
  });

  // Rules and policies load independently: one failing does not hide the other.
  const load = coalesced(async () => {
    const slug = select.value;
    if (!slug) return;
    const problems = [];
    await Promise.all([
      api.get(`/admin/api/workspaces/${enc(slug)}/rules`).then(
        ({ rules }) => rulesBody.replaceChildren(...(rules.length ? rules.map(ruleRow) : [emptyRow(7, 'No rules: each tool\'s policy decides.')])),
        (failure) => problems.push('Could not load rules: ' + failure.message)),
      api.get(`/admin/api/workspaces/${enc(slug)}/policies`).then(
        ({ policies }) => policiesBody.replaceChildren(...policies.map(policyRow)),
        (failure) => problems.push('Could not load policies: ' + failure.message)),
    ]);
    setText(error, problems.join(' '));
  });

  function ruleRow(rule) {
    const remove = el('button', {
      class: 'secondary',
      attrs: { type: 'button', 'aria-label': `Remove rule ${rule.position}` },
      on: {
        click: async () => {
          remove.disabled = true;
          try {
            await api.del(`/admin/api/workspaces/${enc(select.value)}/rules/${enc(rule.id)}`);
            await load();
          } catch (failure) {
            remove.disabled = false;
            setText(error, 'Rule not removed: ' + failure.message);
          }
        },
      },
    }, 'Remove');
    return el('tr', { attrs: { 'data-rule-id': rule.id } },
      el('td', {}, String(rule.position)),
      el('td', {}, el('code', {}, rule.tool)),
      el('td', {}, el('code', {}, rule.when)),
      el('td', {}, el('span', { class: 'pill effect-' + rule.effect }, rule.effect)),
      el('td', {}, rule.note ?? ''),
      el('td', {}, timeElement(rule.created_at)),
      el('td', {}, remove));
  }

  function policyRow(policy) {
    const choice = el('select', { attrs: { 'aria-label': `Policy of ${policy.tool}` } },
      ['auto', 'approve', 'deny'].map((p) => el('option', { attrs: { value: p } }, p)));
    choice.value = policy.policy;
    choice.addEventListener('change', async () => {
      try {
        await api.put(`/admin/api/workspaces/${enc(select.value)}/policies/${enc(policy.tool)}`, { policy: choice.value });
        setText(error, '');
        await load();
      } catch (failure) {
        setText(error, `Policy of ${policy.tool} not changed: ` + failure.message);
        choice.value = policy.policy;
      }
    });
    return el('tr', {},
      el('th', { attrs: { scope: 'row' } }, el('code', {}, policy.tool)),
      el('td', {}, choice, policy.overridden ? el('span', { class: 'muted' }, ' (set for this workspace)') : null),
      el('td', {}, policy.default_policy));
  }

  function emptyRow(columns, text) {
    return el('tr', {}, el('td', { class: 'muted', attrs: { colspan: columns } }, text));
  }

  async function refresh() {
    try {
      const workspaces = await loadWorkspaces();
      fillSelect(select, workspaceOptions(workspaces));
      const current = workspaces.find((w) => w.slug === select.value);
      if (current && document.activeElement !== domainsForm.elements.domains) {
        domainsForm.elements.domains.value = (current.domains ?? []).join(', ');
      }
      approvers.show(current);
      await load();
    } catch (failure) {
      setText(error, failure.message);
    }
  }

  return { refresh };
}
