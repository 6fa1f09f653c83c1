// The admin console: sign-in, tabs, and wiring of the views to the live event stream.

import { loadSession, signIn, signOut, whenSignedOut } from './api.js';
import { byId, setText } from './dom.js';
import { viewerZone, refreshRelativeTimes } from './time.js';
import { openEvents } from './events.js';
import { createApprovalsView } from './approvals.js';
import { createConnectorsView } from './connectors.js';
import { createAuditView } from './audit.js';
import { createRulesView } from './rules.js';

const TABS = ['approvals', 'connectors', 'audit', 'rules'];

const approvals = createApprovalsView({ onCount: (n) => setText(byId('pending-count'), n ? String(n) : '') });
const connectors = createConnectorsView();
const audit = createAuditView();
const rules = createRulesView();
const views = { approvals, connectors, audit, rules };

let stopEvents = null;
let currentTab = 'approvals';

function showSignIn(message) {
  stopEvents?.();
  stopEvents = null;
  approvals.clear();
  byId('console').hidden = true;
  byId('session-bar').hidden = true;
  byId('sign-in').hidden = false;
  setText(byId('sign-in-error'), message ?? '');
  byId('token').focus();
}

function showConsole(session) {
  byId('sign-in').hidden = true;
  byId('console').hidden = false;
  byId('session-bar').hidden = false;
  setText(byId('session-name'), `signed in with token “${session.token_name}”`);
  setText(byId('viewer-zone'), viewerZone);
  selectTab(currentTab);
  approvals.refresh();
  stopEvents?.();
  stopEvents = openEvents({
    handlers: {
      approvals: () => approvals.refresh(),
      connectors: () => { if (currentTab === 'connectors') connectors.refresh(); },
      audit: (data) => {
        audit.onAudit(data.workspace);
        // A queued call's audit row (which names the agent) can land just after its approval: redraw the cards.
        approvals.refresh();
      },
    },
    onState: (state) => setText(byId('live-state'), state === 'live' ? 'Live' : 'Reconnecting…'),
    onOpen: () => {
      approvals.refresh();
      if (currentTab !== 'approvals') views[currentTab].refresh();
    },
    shouldRetry: async () => {
      try {
        await loadSession();
        return true;
      } catch {
        return false; // a 401 already took us back to the sign-in form
      }
    },
  });
}

function selectTab(name) {
  currentTab = name;
  for (const tab of TABS) {
    byId('tab-' + tab).setAttribute('aria-selected', String(tab === name));
    byId('view-' + tab).hidden = tab !== name;
  }
  if (name !== 'approvals') views[name].refresh();
}

for (const tab of TABS) byId('tab-' + tab).addEventListener('click', () => selectTab(tab));

byId('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = byId('token');
  const token = input.value.trim();
  const button = event.submitter;
  if (button) button.disabled = true;
  try {
    const session = await signIn(token);
    input.value = '';
    setText(byId('sign-in-error'), '');
    showConsole(session);
  } catch (failure) {
    setText(byId('sign-in-error'), failure.status === 401
      ? 'That admin token is not valid (or was revoked). Check it and try again.'
      : 'Sign-in failed: ' + failure.message);
    input.select();
  } finally {
    if (button) button.disabled = false;
  }
});

byId('sign-out').addEventListener('click', async () => {
  try {
    await signOut();
  } finally {
    showSignIn('Signed out.');
  }
});

whenSignedOut(() => showSignIn('Your session ended. Sign in again.'));
setInterval(refreshRelativeTimes, 15000);

try {
  showConsole(await loadSession());
} catch {
  showSignIn();
}
