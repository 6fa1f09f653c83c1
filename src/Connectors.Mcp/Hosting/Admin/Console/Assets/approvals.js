// The approvals inbox: the pending approvals of every workspace (or one), newest first, a page at a time, as cards that
// show exactly what will run; above them, how many wait in each workspace, so a quiet workspace's approval is one click
// away however many another has.

import { api, enc, query } from './api.js';
import { el, byId, clear, definitionList, setText } from './dom.js';
import { formatInstant, parseInstant, relativeTimeElement, timeElement, isDateTimeText } from './time.js';
import { coalesced } from './refresh.js';

/** Cards fetched at first, and added by each "Show more". */
const PAGE_SIZE = 50;
/** The admin API's largest page. */
const MAX_LIMIT = 200;

const RECIPIENT_FIELDS = [
  ['to', 'To'], ['cc', 'Cc'], ['bcc', 'Bcc'],
  ['attendees', 'Attendees'], ['add_attendees', 'Add attendees'], ['remove_attendees', 'Remove attendees'],
];
const HEADLINE_FIELDS = [['subject', 'Subject'], ['title', 'Title']];
const TIME_FIELDS = [['start', 'Start'], ['end', 'End']];
const DATE_FIELDS = [['start_date', 'First day'], ['end_date', 'End date (exclusive)']];
const TEXT_FIELDS = [
  ['body', 'Body'],
  ['html_body', 'HTML body (shown as source, never rendered)'],
  ['description', 'Description'],
];
const SHOWN_ABOVE = new Set([...RECIPIENT_FIELDS, ...HEADLINE_FIELDS, ...TIME_FIELDS, ...DATE_FIELDS, ...TEXT_FIELDS].map(([name]) => name));

export function createApprovalsView({ onCount }) {
  const list = byId('approvals-list');
  const empty = byId('approvals-empty');
  const error = byId('approvals-error');
  const decisions = byId('decisions');
  const filter = byId('approvals-workspaces');
  const shown = byId('approvals-shown');
  const more = byId('approvals-more');
  // approval id → { node, shown } — a card is kept while its approval stays pending and unchanged, so an open deny
  // form survives refreshes; one whose data changed (e.g. requested_by arriving with the audit row) is redrawn.
  const cards = new Map();
  const filterButtons = new Map(); // workspace slug ('' = all) → its button
  let workspace = ''; // '' = every workspace
  let wanted = PAGE_SIZE; // how many cards to show: grows with "Show more", back to a page when the filter changes

  /** Reads pages until `wanted` cards (or the end), so a live refresh keeps what "Show more" brought in. */
  const refresh = coalesced(async () => {
    const scope = workspace;
    try {
      const approvals = [];
      let page;
      let before = null;
      do {
        page = await api.get('/admin/api/approvals' + query({
          status: 'pending', workspace: scope, limit: Math.min(MAX_LIMIT, wanted - approvals.length), before_id: before,
        }));
        approvals.push(...page.approvals);
        before = page.next_before_id;
      } while (before && approvals.length < wanted);
      if (scope !== workspace) return; // the filter changed meanwhile; its own refresh follows
      setText(error, '');
      render(approvals);
      renderCounts(page.counts ?? []);
      const everywhere = (page.counts ?? []).reduce((sum, c) => sum + c.count, 0);
      onCount(everywhere);
      empty.hidden = approvals.length > 0;
      setText(empty, everywhere === 0 || !scope ? 'Nothing is waiting for a decision.' : `Nothing is waiting in workspace ${scope}.`);
      setText(shown, approvals.length && page.total > approvals.length
        ? `Showing the newest ${approvals.length} of ${page.total} pending${scope ? ' in ' + scope : ''}.`
        : '');
      more.hidden = !before;
      setText(more, `Show ${Math.min(PAGE_SIZE, page.total - approvals.length)} more`);
    } catch (failure) {
      if (failure.status === 404 && scope && scope === workspace) {
        choose(''); // the workspace was deleted: back to all of them
        return;
      }
      setText(error, 'Could not load approvals: ' + failure.message);
    }
  });

  more.addEventListener('click', () => {
    wanted += PAGE_SIZE;
    refresh();
  });

  function choose(slug) {
    workspace = slug;
    wanted = PAGE_SIZE;
    refresh();
  }

  /**
   * One toggle button per workspace with approvals waiting (and the chosen one), each with its count. Buttons are kept
   * across refreshes (updated in place), so a live update does not take the keyboard focus away.
   */
  function renderCounts(counts) {
    const total = counts.reduce((sum, c) => sum + c.count, 0);
    const wantedButtons = [['', 'All workspaces', total]];
    for (const { workspace: slug, count } of counts) {
      if (count > 0 || slug === workspace) wantedButtons.push([slug, slug, count]);
    }
    const keep = new Set(wantedButtons.map(([slug]) => slug));
    for (const [slug, button] of filterButtons) {
      if (!keep.has(slug)) {
        button.remove();
        filterButtons.delete(slug);
      }
    }
    wantedButtons.forEach(([slug, label, count], index) => {
      let button = filterButtons.get(slug);
      if (!button) {
        button = el('button', { class: 'filter', attrs: { type: 'button' }, on: { click: () => choose(slug) } },
          label, ' ', el('span', { class: 'count' }));
        filterButtons.set(slug, button);
      }
      setText(button.querySelector('.count'), String(count));
      button.setAttribute('aria-pressed', String(slug === workspace));
      if (filter.children[index] !== button) filter.insertBefore(button, filter.children[index] ?? null);
    });
    filter.hidden = counts.length < 2 && !workspace;
  }

  function render(approvals) {
    const ids = new Set(approvals.map((a) => a.id));
    for (const [id, entry] of cards) {
      if (!ids.has(id)) {
        entry.node.remove();
        cards.delete(id);
      }
    }
    approvals.forEach((approval, index) => {
      const shownJson = JSON.stringify(approval);
      let entry = cards.get(approval.id);
      if (entry && entry.shown !== shownJson && !entry.node.querySelector('form') && !entry.node.dataset.busy) {
        const redrawn = card(approval);
        entry.node.replaceWith(redrawn);
        entry = { node: redrawn, shown: shownJson };
      }
      entry ??= { node: card(approval), shown: shownJson };
      cards.set(approval.id, entry);
      if (list.children[index] !== entry.node) list.insertBefore(entry.node, list.children[index] ?? null);
    });
  }

  function card(approval) {
    const titleId = 'approval-title-' + approval.id;
    const args = approval.arguments ?? {};
    const idn = approval.recipient_warnings ?? [];
    const status = el('p', { class: 'card-status', attrs: { role: 'alert' } });
    const actions = el('div', { class: 'actions' });
    const node = el('article', { class: 'card', attrs: { role: 'listitem', 'aria-labelledby': titleId, 'data-approval-id': approval.id } },
      el('header', { class: 'card-head' },
        el('h3', { attrs: { id: titleId } }, approval.tool),
        el('p', { class: 'muted' },
          'workspace ', el('strong', {}, approval.workspace),
          ' · connector ', el('strong', {}, approval.connector?.name ?? '?'), ` (${approval.connector?.type ?? '?'})`,
          ' · ', relativeTimeElement(approval.expires_at, 'expires '))),
      idn.length
        ? el('ul', { class: 'domain-warnings', attrs: { 'aria-label': 'Recipient domain warnings' } },
          [...new Set(idn.map((w) => w.warning))].map((warning) => el('li', {}, warning)))
        : null,
      approval.summary
        ? el('details', { class: 'summary' }, el('summary', {}, 'Summary as the agent was told'), el('pre', { class: 'text-block summary-text' }, approval.summary))
        : null,
      whatWillHappen(args, new Map(idn.map((w) => [w.address, w.ascii_address]))),
      definitionList([
        ['Requested by', approval.requested_by ?? 'unknown client'],
        ['Created', timeElement(approval.created_at)],
        ['Expires', el('span', {}, timeElement(approval.expires_at), ' (', relativeTimeElement(approval.expires_at), ')')],
        ['Approval id', el('code', {}, approval.id)],
      ], 'fields request'),
      actions,
      status);
    actions.append(
      el('button', { attrs: { type: 'button' }, on: { click: () => approve(approval, node, status) } }, 'Approve'),
      el('button', { class: 'danger', attrs: { type: 'button' }, on: { click: () => showDenyForm(approval, node, actions, status) } }, 'Deny'));
    return node;
  }

  async function approve(approval, node, status) {
    setBusy(node, true);
    setText(status, 'Running…');
    try {
      const { outcome } = await api.post(`/admin/api/approvals/${enc(approval.id)}/approve`, {});
      record(approval, outcome.is_error ? 'Approved, but it failed' : 'Approved and ran', outcome.text, outcome.is_error);
      forget(approval.id);
    } catch (failure) {
      failed(approval, node, status, 'Approve failed', failure);
    }
  }

  function showDenyForm(approval, node, actions, status) {
    const reasonId = 'deny-reason-' + approval.id;
    const reason = el('input', { attrs: { id: reasonId, type: 'text', maxlength: 500 } });
    const form = el('form', { class: 'deny-form', attrs: { 'aria-label': 'Deny ' + approval.tool } },
      el('label', { attrs: { for: reasonId } }, 'Reason (optional)'),
      reason,
      el('button', { class: 'danger', attrs: { type: 'submit' } }, 'Confirm deny'),
      el('button', { class: 'secondary', attrs: { type: 'button' }, on: { click: () => form.replaceWith(actions) } }, 'Cancel'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      setBusy(node, true);
      try {
        const body = reason.value.trim() ? { reason: reason.value.trim() } : {};
        await api.post(`/admin/api/approvals/${enc(approval.id)}/deny`, body);
        record(approval, 'Denied', body.reason ? 'Reason: ' + body.reason : 'No reason given.', false);
        forget(approval.id);
      } catch (failure) {
        failed(approval, node, status, 'Deny failed', failure);
      }
    });
    actions.replaceWith(form);
    reason.focus();
  }

  /** Says why a decision failed: on the card, or in the log when a live update already took the card away. */
  function failed(approval, node, status, verdict, failure) {
    setBusy(node, false);
    if (node.isConnected) setText(status, failure.message);
    else record(approval, verdict, failure.message, true);
    if (failure.status === 409) refresh();
  }

  function forget(id) {
    cards.get(id)?.node.remove();
    cards.delete(id);
    refresh();
  }

  function record(approval, verdict, text, isError) {
    const entry = el('div', { class: isError ? 'decision failed' : 'decision' },
      el('strong', {}, `${verdict}: ${approval.tool}`),
      ` (${approval.workspace}, ${approval.id}) `,
      el('span', { class: 'outcome' }, text ?? ''));
    decisions.prepend(entry);
    while (decisions.children.length > 10) decisions.lastElementChild.remove();
  }

  return {
    refresh,
    clear: () => {
      clear(list);
      cards.clear();
      clear(decisions);
      clear(filter);
      filterButtons.clear();
      workspace = '';
      wanted = PAGE_SIZE;
    },
  };
}

/**
 * The call's arguments, laid out: recipients, subject, times, texts, then everything else. asciiOf maps an address
 * with an internationalised domain to its ASCII form, shown beside it.
 */
function whatWillHappen(args, asciiOf) {
  const pairs = [];
  for (const [name, label] of RECIPIENT_FIELDS) {
    if (Array.isArray(args[name])) pairs.push([label, args[name].length ? recipientList(args[name], label, asciiOf) : el('em', {}, 'none')]);
  }
  for (const [name, label] of HEADLINE_FIELDS) {
    if (name in args) pairs.push([label, el('span', { class: 'headline' }, String(args[name]))]);
  }
  for (const [name, label] of TIME_FIELDS) {
    if (name in args) pairs.push([label, timeValue(args[name], args.time_zone)]);
  }
  for (const [name, label] of DATE_FIELDS) {
    if (name in args) pairs.push([label, String(args[name])]);
  }
  for (const [name, label] of TEXT_FIELDS) {
    if (name in args) pairs.push([label, el('pre', { class: 'text-block' }, String(args[name]))]);
  }
  for (const [name, value] of Object.entries(args)) {
    if (SHOWN_ABOVE.has(name)) continue;
    pairs.push([name, isDateTimeText(value) ? timeValue(value, args.time_zone) : plainValue(value)]);
  }
  return definitionList(pairs, 'fields arguments');
}

/** Addresses as chips; one with an internationalised domain is marked, its ASCII form beside it. */
function recipientList(items, label, asciiOf) {
  return el('ul', { class: 'chips', attrs: { 'aria-label': label } }, items.map((item) => {
    const ascii = asciiOf.get(item);
    return ascii
      ? el('li', { class: 'idn', attrs: { title: 'Internationalised domain: sent as ' + ascii } }, '⚠ ', String(item), ' ', el('span', { class: 'ascii' }, `(${ascii})`))
      : el('li', {}, String(item));
  }));
}

/** A date-time argument in the viewer's zone, the original text beside it. */
function timeValue(original, wallClockZone) {
  const instant = parseInstant(original, wallClockZone);
  const text = String(original);
  if (!instant) {
    return el('span', { class: 'time-value' }, el('code', {}, text), ' ', el('span', { class: 'muted' }, '(no time zone given)'));
  }
  return el('span', { class: 'time-value' },
    el('time', { attrs: { datetime: instant.toISOString() } }, formatInstant(instant)),
    ' ', el('span', { class: 'muted' }, 'as given: '), el('code', { class: 'original' }, wallClockZone && !/(Z|[+-]\d{2}:\d{2})$/.test(text) ? `${text} ${wallClockZone}` : text));
}

function plainValue(value) {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map(String).join(', ');
  return el('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

function setBusy(node, busy) {
  if (busy) node.dataset.busy = 'true';
  else delete node.dataset.busy;
  for (const button of node.querySelectorAll('button')) button.disabled = busy;
}
