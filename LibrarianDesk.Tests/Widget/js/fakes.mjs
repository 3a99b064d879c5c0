// Stand-ins for what the widget's modules get from the browser: a clock with timers, local storage and
// the SignalR client. Only time and the transport are faked; the modules under test are the real ones.

export const modules = new URL('../../../LibrarianDesk/wwwroot/widget/modules/', import.meta.url);

/** Lets every pending promise callback run. */
export function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A clock whose timers fire only when the test advances it. */
export function fakeClock(start = 0) {
  let now = start;
  let nextId = 1;
  const pending = new Map();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      pending.set(id, { at: now + (ms || 0), fn });
      return id;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    /** Moves time forward by ms, firing each timer due on the way at its own time. */
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        await settle();
        let due = null;
        for (const [id, timer] of pending) {
          if (timer.at <= until && (!due || timer.at < due[1].at)) due = [id, timer];
        }
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
      await settle();
    },
  };
}

/** Local storage as a browser keeps it: strings by key. */
export function fakeStorage() {
  const items = new Map();
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
  };
}

/**
 * The SignalR client's surface the widget uses. Each start() takes the next of startResults (true:
 * connects, false: fails; connects once they run out); invoke() answers with answer(method, argument).
 */
export function fakeSignalR() {
  const State = { Disconnected: 'Disconnected', Connecting: 'Connecting', Connected: 'Connected', Reconnecting: 'Reconnecting' };
  const built = [];

  class FakeHubConnection {
    constructor(url, options, reconnectDelays) {
      Object.assign(this, { url, options, reconnectDelays });
      this.state = State.Disconnected;
      this.startResults = [];
      this.startedAt = [];
      this.invocations = [];
      this.handlers = { reconnecting: [], reconnected: [], close: [] };
      this.events = {};
      this.answer = () => Promise.resolve(null);
      this.now = () => 0;
    }

    start() {
      this.startedAt.push(this.now());
      const ok = this.startResults.length ? this.startResults.shift() : true;
      this.state = ok ? State.Connected : State.Disconnected;
      return ok ? Promise.resolve() : Promise.reject(new Error('Failed to complete negotiation with the server'));
    }

    stop() {
      this.close();
      return Promise.resolve();
    }

    invoke(method, argument) {
      this.invocations.push({ method, argument });
      return this.answer(method, argument);
    }

    on(name, handler) { this.events[name] = handler; }
    onreconnecting(handler) { this.handlers.reconnecting.push(handler); }
    onreconnected(handler) { this.handlers.reconnected.push(handler); }
    onclose(handler) { this.handlers.close.push(handler); }

    /** The network dropped: SignalR's automatic reconnect begins. */
    drop() {
      this.state = State.Reconnecting;
      this.handlers.reconnecting.forEach((h) => h());
    }

    reconnect() {
      this.state = State.Connected;
      this.handlers.reconnected.forEach((h) => h());
    }

    /** Closed for good: by the server, or the automatic reconnect gave up. */
    close() {
      this.state = State.Disconnected;
      this.handlers.close.forEach((h) => h());
    }
  }

  class HubConnectionBuilder {
    withUrl(url, options) { this.url = url; this.options = options; return this; }
    withAutomaticReconnect(delays) { this.delays = delays; return this; }
    configureLogging() { return this; }
    build() {
      const connection = new FakeHubConnection(this.url, this.options, this.delays);
      built.push(connection);
      return connection;
    }
  }

  return { built, HubConnectionState: State, LogLevel: { Warning: 3 }, HubConnectionBuilder };
}

/** A refusal as SignalR's JavaScript client reports a HubException. */
export function hubError(code, text) {
  return new Error(`An unexpected error occurred invoking 'SendMessage' on the server. HubException: ${code}: ${text}`);
}
