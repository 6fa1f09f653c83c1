// Drives `connectors-mcp serve --http --sandbox` with the official TypeScript SDK client, which validates every
// tool result's structuredContent against the tool's published outputSchema and rejects a mismatch. It checks that
// each tool's results — including the pending-approval shape of a gated tool — are accepted by that client.
//
//   node ts-client-check.mjs http://127.0.0.1:5100/mcp
//
// Prints one line per check and "ts-client: N passed, M failed"; exits non-zero when any check failed.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const url = process.argv[2] ?? 'http://127.0.0.1:5100/mcp';
let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok    ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${name}: ${error?.message ?? error}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// No elicitation capability: gated tools go to the approval queue.
const client = new Client({ name: 'connectors-mcp-ci-ts-client', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(url)));

let tools = [];
await check('tools/list publishes the demo Gmail, Calendar and Outlook mail tools', async () => {
  tools = (await client.listTools()).tools;
  const names = tools.map((t) => t.name);
  for (const expected of ['list_connectors', 'get_approval', 'gmail_search_inbox', 'gmail_get_message', 'gmail_send_email',
    'gmail_create_draft', 'gmail_list_labels', 'gmail_modify_labels', 'google_calendar_list_calendars',
    'google_calendar_list_events', 'google_calendar_get_event', 'google_calendar_create_event', 'google_calendar_update_event',
    'google_calendar_delete_event', 'google_calendar_find_free_busy', 'google_calendar_find_meeting_slots',
    'outlook_mail_list_folders', 'outlook_mail_search_messages', 'outlook_mail_get_message',
    'outlook_mail_send_email', 'outlook_mail_create_draft', 'outlook_mail_reply', 'outlook_mail_move_message']) {
    expect(names.includes(expected), `missing ${expected} in ${names.join(', ')}`);
  }
});

async function call(name, args) {
  // The SDK client validates structuredContent against the tool's outputSchema and throws on a mismatch.
  const result = await client.callTool({ name, arguments: args });
  expect(!result.isError, `${name} returned an error: ${JSON.stringify(result.content)}`);
  expect(result.structuredContent, `${name} returned no structuredContent`);
  expect(result.content?.some((c) => c.type === 'text' && c.text.length > 0), `${name} returned no text block`);
  return result.structuredContent;
}

let messageId;
await check('gmail_search_inbox result matches its outputSchema', async () => {
  const result = await call('gmail_search_inbox', { query: 'in:inbox', max_results: 5 });
  expect(result.messages.length > 0, 'no messages in the sandbox inbox');
  messageId = result.messages[0].id;
});
await check('gmail_get_message result matches its outputSchema', async () => {
  const result = await call('gmail_get_message', { message_id: messageId, format: 'full' });
  expect(result.id === messageId, `asked for ${messageId}, got ${result.id}`);
});
await check('gmail_list_labels result matches its outputSchema', async () => {
  const result = await call('gmail_list_labels', {});
  expect(result.labels.some((l) => l.id === 'INBOX'), 'no INBOX label');
});
await check('gmail_modify_labels result matches its outputSchema', async () => {
  const result = await call('gmail_modify_labels', { message_id: messageId, remove_label_ids: ['UNREAD'] });
  expect(!result.label_ids.includes('UNREAD'), 'UNREAD is still set');
});
await check('gmail_create_draft result matches its outputSchema', async () => {
  const result = await call('gmail_create_draft', { to: ['bob@example.com'], subject: 'Draft from CI', body: 'Hello' });
  expect(result.id && result.thread_id, 'draft without id/thread_id');
});
await check('list_connectors result matches its outputSchema', async () => {
  const result = await call('list_connectors', {});
  expect(result.connectors.some((c) => c.type === 'gmail' && c.status === 'active'), JSON.stringify(result));
});

let eventId;
await check('google_calendar_list_calendars result matches its outputSchema', async () => {
  const result = await call('google_calendar_list_calendars', {});
  expect(result.calendars.some((c) => c.primary), 'no primary calendar');
});
await check('google_calendar_list_events result matches its outputSchema', async () => {
  const now = new Date();
  const result = await call('google_calendar_list_events', {
    time_min: new Date(now.getTime() - 7 * 86400000).toISOString(),
    time_max: new Date(now.getTime() + 30 * 86400000).toISOString(),
    max_results: 10,
  });
  expect(result.events.length > 0, 'no events in the sandbox calendar');
  eventId = result.events[0].id;
});
await check('google_calendar_get_event result matches its outputSchema', async () => {
  const result = await call('google_calendar_get_event', { event_id: eventId });
  expect(result.id === eventId, `asked for ${eventId}, got ${result.id}`);
});
await check('google_calendar_find_meeting_slots result matches its outputSchema', async () => {
  const start = new Date(Date.now() + 86400000);
  const result = await call('google_calendar_find_meeting_slots', {
    attendees: ['marco@northwind.example'],
    duration_minutes: 30,
    time_min: start.toISOString(),
    time_max: new Date(start.getTime() + 5 * 86400000).toISOString(),
    time_zone: 'Europe/Berlin',
  });
  expect(Array.isArray(result.slots), 'no slots array');
});
await check('google_calendar_create_event pending-approval result matches its outputSchema', async () => {
  const start = new Date(Date.now() + 2 * 86400000);
  const result = await call('google_calendar_create_event', {
    title: 'CI sync',
    start: start.toISOString(),
    end: new Date(start.getTime() + 1800000).toISOString(),
    time_zone: 'Europe/Berlin',
    attendees: ['marco@northwind.example'],
  });
  expect(result.status === 'pending_approval', `status ${result.status}`);
});

let outlookEventId;
await check('tools/list publishes the demo Outlook calendar tools', async () => {
  const names = tools.map((t) => t.name);
  for (const expected of ['outlook_calendar_list_calendars', 'outlook_calendar_list_events', 'outlook_calendar_get_event',
    'outlook_calendar_create_event', 'outlook_calendar_update_event', 'outlook_calendar_delete_event', 'outlook_calendar_find_meeting_times']) {
    expect(names.includes(expected), `missing ${expected} in ${names.join(', ')}`);
  }
});
await check('outlook_calendar_list_calendars result matches its outputSchema', async () => {
  const result = await call('outlook_calendar_list_calendars', {});
  expect(result.calendars.some((c) => c.primary), 'no default calendar');
});
await check('outlook_calendar_list_events (this week, recurring expanded) result matches its outputSchema', async () => {
  const result = await call('outlook_calendar_list_events', { time_zone: 'Europe/Berlin', max_results: 50 });
  expect(result.events.some((e) => e.type === 'occurrence' && e.recurring_event_id), 'no occurrence of a recurring series this week');
  outlookEventId = result.events[0].id;
});
await check('outlook_calendar_get_event result matches its outputSchema', async () => {
  const result = await call('outlook_calendar_get_event', { event_id: outlookEventId, time_zone: 'America/New_York' });
  expect(result.id === outlookEventId, `asked for ${outlookEventId}, got ${result.id}`);
});
await check('outlook_calendar_find_meeting_times result matches its outputSchema', async () => {
  const start = new Date(Date.now() + 86400000);
  const result = await call('outlook_calendar_find_meeting_times', {
    attendees: ['alice@example.com'],
    duration_minutes: 30,
    time_min: start.toISOString(),
    time_max: new Date(start.getTime() + 5 * 86400000).toISOString(),
    time_zone: 'Europe/Berlin',
  });
  expect(Array.isArray(result.slots), 'no slots array');
});
for (const [name, args] of [
  ['outlook_calendar_create_event', { title: 'CI sync', start: '2030-03-04T10:00:00', end: '2030-03-04T10:30:00', time_zone: 'Europe/Berlin', attendees: ['alice@example.com'], add_teams_meeting: true }],
  ['outlook_calendar_update_event', { event_id: 'AAMkAGI2-evt-budget', title: 'Moved by CI' }],
  ['outlook_calendar_delete_event', { event_id: 'AAMkAGI2-evt-budget' }],
]) {
  await check(`${name} pending-approval result matches its outputSchema`, async () => {
    const result = await call(name, args);
    expect(result.status === 'pending_approval', `status ${result.status}`);
  });
}

let outlookMessageId;
await check('outlook_mail_list_folders result matches its outputSchema', async () => {
  const result = await call('outlook_mail_list_folders', {});
  expect(result.folders.some((f) => f.name === 'Inbox'), 'no Inbox folder');
});
await check('outlook_mail_search_messages (filter form) result matches its outputSchema', async () => {
  const result = await call('outlook_mail_search_messages', { folder_id: 'inbox', unread_only: true, max_results: 5 });
  expect(result.messages.length > 0, 'no unread messages in the sandbox inbox');
  outlookMessageId = result.messages[0].id;
});
await check('outlook_mail_search_messages (KQL form) result matches its outputSchema', async () => {
  const result = await call('outlook_mail_search_messages', { query: 'subject:"budget"' });
  expect(result.messages.length > 0, 'KQL search found nothing');
});
await check('outlook_mail_get_message result matches its outputSchema', async () => {
  const result = await call('outlook_mail_get_message', { message_id: outlookMessageId, max_body_chars: 2000 });
  expect(result.id === outlookMessageId, `asked for ${outlookMessageId}, got ${result.id}`);
});
await check('outlook_mail_create_draft result matches its outputSchema', async () => {
  const result = await call('outlook_mail_create_draft', { to: ['bob@example.com'], subject: 'Draft from CI', body: 'Hello Bob' });
  expect(result.id.length > 0, 'no draft id');
});
await check('outlook_mail_move_message result matches its outputSchema', async () => {
  const result = await call('outlook_mail_move_message', { message_id: outlookMessageId, destination_folder_id: 'archive' });
  expect(result.previous_id === outlookMessageId && result.id !== outlookMessageId, 'a moved message gets a new id');
  outlookMessageId = result.id;
});
await check('outlook_mail_send_email pending-approval result matches its outputSchema', async () => {
  const result = await call('outlook_mail_send_email', { to: ['bob@example.com'], subject: 'From CI', body: 'Hello Bob' });
  expect(result.status === 'pending_approval', `status ${result.status}`);
});
await check('outlook_mail_reply pending-approval result matches its outputSchema', async () => {
  const result = await call('outlook_mail_reply', { message_id: outlookMessageId, body: 'Thanks!', reply_all: true });
  expect(result.status === 'pending_approval', `status ${result.status}`);
});

let zoomMeetingId;
await check('tools/list publishes the demo Zoom tools', async () => {
  const names = tools.map((t) => t.name);
  for (const expected of ['zoom_list_meetings', 'zoom_get_meeting', 'zoom_create_meeting', 'zoom_update_meeting', 'zoom_delete_meeting', 'zoom_add_registrant']) {
    expect(names.includes(expected), `missing ${expected} in ${names.join(', ')}`);
  }
});
await check('zoom_list_meetings (upcoming) result matches its outputSchema', async () => {
  const result = await call('zoom_list_meetings', { type: 'upcoming', page_size: 2 });
  expect(result.meetings.length > 0, 'no upcoming meetings in the sandbox');
  expect(result.next_page_token, 'two meetings per page of the seeded ones should leave a next page');
  zoomMeetingId = result.meetings[0].id;
});
await check('zoom_get_meeting result matches its outputSchema and carries no start_url', async () => {
  const result = await call('zoom_get_meeting', { meeting_id: zoomMeetingId });
  expect(result.id === zoomMeetingId, `asked for ${zoomMeetingId}, got ${result.id}`);
  expect(!JSON.stringify(result).includes('start_url'), 'start_url reached the client');
});
for (const [name, args] of [
  ['zoom_create_meeting', { topic: 'CI sync', start_time: '2030-03-04T10:00:00', timezone: 'Europe/Berlin', duration: 30 }],
  ['zoom_update_meeting', () => ({ meeting_id: zoomMeetingId, topic: 'Moved by CI' })],
  ['zoom_delete_meeting', () => ({ meeting_id: zoomMeetingId })],
  ['zoom_add_registrant', () => ({ meeting_id: zoomMeetingId, email: 'alice@example.com', first_name: 'Alice' })],
]) {
  await check(`${name} pending-approval result matches its outputSchema`, async () => {
    const result = await call(name, typeof args === 'function' ? args() : args);
    expect(result.status === 'pending_approval', `status ${result.status}`);
  });
}

let approvalId;
await check('gmail_send_email pending-approval result matches its outputSchema', async () => {
  const result = await call('gmail_send_email', { to: ['bob@example.com'], subject: 'From CI', body: 'Hello Bob' });
  expect(result.status === 'pending_approval', `status ${result.status}`);
  approvalId = result.approval_id;
});
await check('get_approval result matches its outputSchema', async () => {
  const result = await call('get_approval', { approval_id: approvalId });
  expect(result.status === 'pending', `status ${result.status}`);
});
await check('invalid arguments are a tool error naming the field', async () => {
  const result = await client.callTool({ name: 'gmail_send_email', arguments: { to: ['bob@example.com'], subject: 'x', body: 'y', bcc_all: true } });
  expect(result.isError === true, 'expected isError');
  expect(JSON.stringify(result.content).includes('bcc_all'), 'the error does not name the field');
});

await client.close();
console.log(`ts-client: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
