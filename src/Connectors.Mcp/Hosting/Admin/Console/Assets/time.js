// Times in the viewer's own time zone (Intl), with the original value kept next to them.

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const instantFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', weekday: 'short',
  hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
});
const compactFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
});
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'always' });

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;

/** "Tue, Dec 1, 2026, 10:00 AM EST" for an instant (Date or ISO text with an offset), or null. */
export function formatInstant(value) {
  const date = value instanceof Date ? value : parseInstant(value);
  return date ? instantFormat.format(date) : null;
}

/**
 * An RFC 3339 date-time as an instant. Text with Z or an offset is exact; wall-clock text (no offset) is read in
 * wallClockZone (the call's time_zone argument) — or, without one, it is not an instant and null comes back.
 */
export function parseInstant(text, wallClockZone) {
  if (typeof text !== 'string') return null;
  const match = RFC3339.exec(text);
  if (!match) return null;
  if (match[8]) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (!wallClockZone) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  return wallClockToInstant({ year, month, day, hour, minute, second }, wallClockZone);
}

/** The instant at which the clocks in zone show this wall-clock time (DST gaps resolve forward). */
function wallClockToInstant(wall, zone) {
  let formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    return null; // not a zone this browser knows
  }
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetAt = (millis) => {
    const parts = Object.fromEntries(formatter.formatToParts(new Date(millis)).map((p) => [p.type, p.value]));
    const shown = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    return shown - millis;
  };
  // Two passes settle the offset, including next to a DST change.
  let guess = asUtc - offsetAt(asUtc);
  guess = asUtc - offsetAt(guess);
  return new Date(guess);
}

/** "in 23 hours", "5 minutes ago". */
export function relative(isoText, now = Date.now()) {
  const then = Date.parse(isoText);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((then - now) / 1000);
  // Days only from two days on, so a day-long expiry reads "in 24 hours" rather than "in 1 day".
  const units = [['day', 86400, 2 * 86400], ['hour', 3600, 3600], ['minute', 60, 60]];
  for (const [unit, size, from] of units) {
    if (Math.abs(seconds) >= from) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return relativeFormat.format(seconds, 'second');
}

/** A timestamp from the API (UTC ISO) as a <time> element in the viewer's zone, the UTC value in its title. */
export function timeElement(isoText) {
  const node = document.createElement('time');
  if (!isoText) {
    node.textContent = '—';
    return node;
  }
  node.dateTime = isoText;
  node.title = isoText;
  node.textContent = formatInstant(isoText) ?? isoText;
  return node;
}

/** A timestamp for a table cell: "Nov 26, 03:59:41 PM" in the viewer's zone, the full form and UTC in its title. */
export function compactTimeElement(isoText) {
  const node = timeElement(isoText);
  const date = new Date(isoText ?? '');
  if (isoText && !Number.isNaN(date.getTime())) {
    node.textContent = compactFormat.format(date);
    node.title = `${formatInstant(date)} (${isoText})`;
    node.className = 'nowrap';
  }
  return node;
}

/** A <time> whose text is kept relative to now ("expires in 23 hours"); refreshRelativeTimes() updates them. */
export function relativeTimeElement(isoText, prefix = '') {
  const node = document.createElement('time');
  node.className = 'relative-time';
  node.dateTime = isoText;
  node.title = formatInstant(isoText) ?? isoText;
  node.dataset.prefix = prefix;
  node.textContent = prefix + relative(isoText);
  return node;
}

export function refreshRelativeTimes() {
  for (const node of document.querySelectorAll('time.relative-time')) {
    node.textContent = node.dataset.prefix + relative(node.dateTime);
  }
}

/** A datetime-local input value (viewer's zone) as UTC ISO text, or ''. */
export function localInputToIso(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isDateTimeText(value) {
  return typeof value === 'string' && RFC3339.test(value);
}
