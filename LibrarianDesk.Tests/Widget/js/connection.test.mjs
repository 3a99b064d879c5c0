// Connecting to the patron hub: the start ladder and its backoff, after SignalR's own reconnect gives
// up, and calls that wait until Hello was answered.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fakeClock, fakeSignalR, modules } from './fakes.mjs';

const { createConnection, RECONNECT_DELAYS, parseHubError } = await import(new URL('connection.mjs', modules));

function setUp() {
  const clock = fakeClock();
  const signalR = fakeSignalR();
  const online = [];
  const states = [];
  let hellos = 0;
  const connection = createConnection(signalR, 'https://desk.test/hubs/patron', clock, (listener) => online.push(listener), {
    connected: () => { hellos += 1; connection.markReady(); },
    startFailed: () => states.push('start failed'),
    state: (state) => states.push(state),
  });
  const hub = signalR.built[0];
  hub.now = clock.now;
  return { clock, connection, hub, online, states, hellos: () => hellos };
}

test('the widget connects without credentials and with SignalR\'s reconnect delays', () => {
  const { hub } = setUp();

  assert.equal(hub.url, 'https://desk.test/hubs/patron');
  assert.deepEqual(hub.options, { withCredentials: false });
  assert.deepEqual(hub.reconnectDelays, [0, 2000, 5000, 10000, 20000, 30000]);
  assert.deepEqual(RECONNECT_DELAYS, hub.reconnectDelays);
});

test('a start that fails is tried again after 2, 5, 10, 20 and 30 s, then every 30 s', async () => {
  const { clock, connection, hub, states } = setUp();
  hub.startResults = [false, false, false, false, false, false, false, true];

  connection.start();
  await clock.advance(200_000);

  assert.deepEqual(hub.startedAt, [0, 2000, 7000, 17000, 37000, 67000, 97000, 127000]);
  assert.equal(states.filter((s) => s === 'start failed').length, 7);
  assert.equal(connection.ready, true);
});

test('closed by the server, the widget starts again on the same ladder, from 2 s', async () => {
  const { clock, connection, hub, states, hellos } = setUp();
  connection.start();
  await clock.advance(0);
  assert.equal(hellos(), 1);

  hub.startResults = [false];
  hub.close();
  assert.equal(connection.ready, false);
  assert.equal(states.at(-1), 'offline');
  await clock.advance(10_000);

  assert.deepEqual(hub.startedAt, [0, 2000, 7000]);
  assert.equal(hellos(), 2, 'Hello again on the new connection');
});

test('when SignalR\'s automatic reconnect gives up, the widget starts from scratch every 30 s', async () => {
  const { clock, connection, hub, states, hellos } = setUp();
  connection.start();
  await clock.advance(0);

  hub.drop();
  assert.equal(states.at(-1), 'reconnecting');
  assert.equal(connection.ready, false);
  hub.close();
  hub.startResults = [false];
  await clock.advance(60_000);

  assert.deepEqual(hub.startedAt, [0, 30_000, 60_000]);
  assert.equal(hellos(), 2);
});

test('after SignalR reconnects by itself the widget says Hello again', async () => {
  const { clock, connection, hub, hellos } = setUp();
  connection.start();
  await clock.advance(0);

  hub.drop();
  hub.reconnect();

  assert.equal(hellos(), 2);
  assert.equal(connection.ready, true);
});

test('the browser coming back online starts a closed connection at once', async () => {
  const { clock, connection, hub, online } = setUp();
  hub.startResults = [false];
  connection.start();
  await clock.advance(0);

  online.forEach((listener) => listener());
  await clock.advance(0);

  assert.deepEqual(hub.startedAt, [0, 0]);
  assert.equal(connection.ready, true);
});

test('a call waits for Hello, and gives up with "not connected" after 15 s', async () => {
  const { clock, connection, hub } = setUp();
  hub.answer = (method) => Promise.resolve(`${method} answered`);
  hub.startResults = [false];
  connection.start();
  await clock.advance(0);

  const waiting = connection.call('SearchFaq', 'pinjam');
  await clock.advance(1_999);
  assert.equal(hub.invocations.length, 0);
  await clock.advance(1);
  assert.equal(await waiting, 'SearchFaq answered');

  hub.close();
  hub.startResults = [false, false, false, false];
  const late = connection.call('SearchFaq', 'pinjam');
  let failure = null;
  late.catch((err) => { failure = err; });
  await clock.advance(15_000);
  assert.deepEqual(failure, { notConnected: true });
});

test('once blocked, the widget never connects again', async () => {
  const { clock, connection, hub, online } = setUp();
  connection.start();
  await clock.advance(0);

  connection.block();
  online.forEach((listener) => listener());
  await clock.advance(120_000);

  assert.deepEqual(hub.startedAt, [0]);
  await assert.rejects(connection.call('SearchFaq', 'x'), (err) => err.notConnected === true);
});

test('a refusal names its code and the sentence to show', () => {
  const err = new Error("An unexpected error occurred invoking 'SendMessage' on the server. HubException: rate_limited: Tunggu 5 detik.");

  assert.deepEqual(parseHubError(err), { code: 'rate_limited', text: 'Tunggu 5 detik.' });
  assert.equal(parseHubError(new Error('WebSocket closed with status code: 1006')), null);
});
