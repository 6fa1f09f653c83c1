// Live updates: server-sent events from /admin/api/events, reopened after an error.

const RETRY_MS = [1000, 2000, 5000, 10000];

/**
 * Opens the event stream and calls handlers[eventName](data). onState('live' | 'reconnecting') reports the
 * connection; onOpen() runs on every (re)connect so views can catch up on what they missed. Returns stop().
 */
export function openEvents({ handlers, onState, onOpen, shouldRetry }) {
  let source = null;
  let attempt = 0;
  let timer = null;
  let stopped = false;

  function connect() {
    if (stopped) return;
    source = new EventSource('/admin/api/events');
    source.addEventListener('open', () => {
      attempt = 0;
      onState('live');
      onOpen();
    });
    for (const [name, handler] of Object.entries(handlers)) {
      source.addEventListener(name, (event) => {
        let data = {};
        try {
          data = JSON.parse(event.data);
        } catch {
          data = {};
        }
        handler(data);
      });
    }
    source.addEventListener('error', () => {
      onState('reconnecting');
      // The browser retries a dropped stream itself; a refused one (401, 5xx) is closed and retried here.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
        attempt += 1;
        timer = setTimeout(async () => {
          if (await shouldRetry()) connect();
        }, delay);
      }
    });
  }

  connect();
  return function stop() {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
