// Which of a connector's actions its tools publish (GET/PUT /admin/api/connectors/{id}/actions): one checkbox per action,
// read-only ones and writes marked. Every box checked saves "all" (so actions a later version adds are published too).
// An open editor keeps its unsaved choice across the view's live refreshes.

import { api, enc } from './api.js';
import { el, setText } from './dom.js';

export function createToolsets(afterSave) {
  const open = new Map(); // connector id → { actions, checked: Set, note }

  function summary(connector) {
    return connector.published === 'all' ? 'all' : `${connector.published.length} chosen`;
  }

  function toggleButton(connector) {
    const expanded = open.has(connector.id);
    return el('button', {
      class: 'secondary',
      attrs: { type: 'button', 'aria-expanded': String(expanded), 'aria-label': `Choose the tools of ${connector.name}` },
      on: { click: () => toggle(connector) },
    }, expanded ? 'Close' : 'Choose…');
  }

  async function toggle(connector) {
    if (open.has(connector.id)) {
      open.delete(connector.id);
    } else {
      try {
        const body = await api.get(`/admin/api/connectors/${enc(connector.id)}/actions`);
        open.set(connector.id, { actions: body.actions, checked: new Set(body.actions.filter((a) => a.published).map((a) => a.name)), note: '' });
      } catch (failure) {
        open.set(connector.id, { actions: [], checked: new Set(), note: 'Could not load the actions: ' + failure.message });
      }
    }
    await afterSave();
  }

  /** The editor row under a connector's row, when it is open; null otherwise. */
  function editorRow(connector, columns) {
    const state = open.get(connector.id);
    if (!state) return null;
    const note = el('p', { class: 'cell-note', attrs: { role: 'status' } }, state.note);
    const boxes = state.actions.map((action) => {
      const box = el('input', {
        attrs: { type: 'checkbox', name: 'action', value: action.name, checked: state.checked.has(action.name) },
        on: { change: () => (box.checked ? state.checked.add(action.name) : state.checked.delete(action.name)) },
      });
      return el('label', { class: 'tool-choice' }, box, ' ', el('code', {}, action.tool), ' ',
        el('span', { class: 'pill ' + (action.read_only ? 'effect-auto' : 'effect-approve') }, action.read_only ? 'read-only' : 'writes'));
    });
    const save = el('button', { attrs: { type: 'button' }, on: { click: () => saveChoice(connector, state, save, note) } }, 'Save tools');
    const fieldset = el('fieldset', { class: 'tool-picker' },
      el('legend', {}, `Tools ${connector.name} publishes`),
      boxes,
      el('div', { class: 'actions' }, save),
      note);
    return el('tr', { class: 'tools-row', attrs: { 'data-tools-of': connector.id } }, el('td', { attrs: { colspan: columns } }, fieldset));
  }

  async function saveChoice(connector, state, button, note) {
    button.disabled = true;
    setText(note, 'Saving…');
    const chosen = state.actions.filter((a) => state.checked.has(a.name)).map((a) => a.name);
    try {
      await api.put(`/admin/api/connectors/${enc(connector.id)}/actions`, { published: chosen.length === state.actions.length ? 'all' : chosen });
      open.delete(connector.id);
      await afterSave();
    } catch (failure) {
      state.note = 'Not saved: ' + failure.message;
      setText(note, state.note);
    } finally {
      button.disabled = false;
    }
  }

  return { summary, toggleButton, editorRow };
}
