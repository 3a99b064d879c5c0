/*
 * The connection to the patron hub (docs/widget-api.md): connect, reconnect with backoff, and wait
 * until the widget is ready (connected and Hello answered) before a call. No DOM: signalR is the
 * SignalR client, timers { setTimeout, clearTimeout }, onOnline(listener) tells of the browser's
 * network coming back.
 */

/** SignalR's automatic reconnect, and the widget's own start ladder: the same delays, then every 30 s. */
export var RECONNECT_DELAYS = [0, 2000, 5000, 10000, 20000, 30000];
export var RETRY_EVERY = 30000;
/** How long a call waits for the connection before it says "not connected". */
export var READY_TIMEOUT = 15000;

/** The wait before start attempt number attempt (0 is the first). */
export function startDelay(attempt) {
  return attempt < RECONNECT_DELAYS.length ? RECONNECT_DELAYS[attempt] : RETRY_EVERY;
}

/** "…HubException: validation: Nama wajib diisi." → { code: 'validation', text: 'Nama wajib diisi.' } */
export function parseHubError(err) {
  var message = (err && err.message) || '';
  var match = /HubException: ([a-z_]+): ([\s\S]*)$/.exec(message);
  return match ? { code: match[1], text: match[2].trim() } : null;
}

/**
 * events: connected() after every (re)connect, to say Hello (then call markReady()); startFailed()
 * after a start that did not connect; state(name) with 'reconnecting', 'offline' or 'connected'.
 */
export function createConnection(signalR, url, timers, onOnline, events) {
  var conn = new signalR.HubConnectionBuilder()
    .withUrl(url, { withCredentials: false })
    .withAutomaticReconnect(RECONNECT_DELAYS)
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  var Disconnected = signalR.HubConnectionState.Disconnected;
  var connection = { ready: false, blocked: false };
  var startTimer = null;
  var startAttempt = 0;
  var autoReconnecting = false;
  var readyWaiters = [];

  function scheduleStart(delay) {
    timers.clearTimeout(startTimer);
    startTimer = timers.setTimeout(start, delay);
  }

  function start() {
    if (connection.blocked || conn.state !== Disconnected) return;
    conn.start().then(function () {
      startAttempt = 0;
      events.connected();
    }, function () {
      startAttempt += 1;
      events.startFailed();
      scheduleStart(startDelay(startAttempt));
    });
  }

  conn.onreconnecting(function () {
    autoReconnecting = true;
    connection.ready = false;
    events.state('reconnecting');
  });
  conn.onreconnected(function () { autoReconnecting = false; events.connected(); });
  conn.onclose(function () {
    connection.ready = false;
    if (connection.blocked) return;
    events.state('offline');
    if (autoReconnecting) {
      // the automatic reconnect gave up after its last delay: from scratch, every 30 s from now on
      autoReconnecting = false;
      startAttempt = RECONNECT_DELAYS.length;
      scheduleStart(RETRY_EVERY);
    } else {
      // closed without an automatic reconnect (the server closed it, or Hello failed): the same ladder
      startAttempt = 1;
      scheduleStart(RECONNECT_DELAYS[1]);
    }
  });
  onOnline(function () {
    if (!connection.blocked && conn.state === Disconnected) scheduleStart(0);
  });

  connection.on = function (name, handler) { conn.on(name, handler); };
  connection.start = start;

  connection.isConnected = function () {
    return conn.state === signalR.HubConnectionState.Connected;
  };

  /** Hello was answered: calls waiting for the connection go ahead. */
  connection.markReady = function () {
    connection.ready = true;
    events.state('connected');
    readyWaiters.splice(0).forEach(function (w) { w.resolve(); });
  };

  connection.whenReady = function () {
    if (connection.ready) return Promise.resolve();
    if (connection.blocked) return Promise.reject({ notConnected: true });
    return new Promise(function (resolve, reject) {
      var waiter = { resolve: resolve };
      readyWaiters.push(waiter);
      timers.setTimeout(function () {
        var index = readyWaiters.indexOf(waiter);
        if (index >= 0) { readyWaiters.splice(index, 1); reject({ notConnected: true }); }
      }, READY_TIMEOUT);
    });
  };

  /** Invokes at once: for Hello and what must not wait for it. */
  connection.invoke = function (method, argument) {
    return conn.invoke(method, argument);
  };

  /** Invokes once the widget is ready (rejects with { notConnected } after READY_TIMEOUT). */
  connection.call = function (method, argument) {
    return connection.whenReady().then(function () { return conn.invoke(method, argument); });
  };

  /** Hello was refused: drop the connection; onclose starts again, with backoff. */
  connection.restart = function () {
    conn.stop().catch(function () { });
  };

  /** This address is blocked: never connect again on this page. */
  connection.block = function () {
    connection.blocked = true;
    connection.ready = false;
    timers.clearTimeout(startTimer);
    conn.stop().catch(function () { /* already stopped */ });
  };

  return connection;
}
