// Sending the patron's messages: in order, and every resend with the same client message id, so the
// desk never stores one twice (after a dropped connection, or while it cannot save).
import test from 'node:test';
import assert from 'node:assert/strict';
import { fakeClock, fakeStorage, hubError, modules, settle } from './fakes.mjs';

const { createConversation } = await import(new URL('conversation.mjs', modules));
const { createStore } = await import(new URL('store.mjs', modules));
const { createSender, UNAVAILABLE_DELAYS } = await import(new URL('sending.mjs', modules));

const conversationId = 'c0ffee00-0000-4000-8000-000000000001';

/** connection: the part of connection.mjs the sender uses; answer(request) is the desk's answer to SendMessage. */
function setUp(answer) {
  const clock = fakeClock();
  const conversation = createConversation(createStore(fakeStorage), clock.now);
  conversation.begin({ conversationId, patronToken: 'token', lastSequence: 1, name: 'Rina', pending: [] }, 'waiting');
  let sequence = 1;
  const sent = [];
  const connection = {
    ready: true,
    connected: true,
    isConnected: () => connection.connected,
    invoke: (method, request) => {
      sent.push(request.clientMessageId);
      return answer(request) ?? Promise.resolve({ sequence: ++sequence, sentAt: '2026-12-07T03:00:00Z' });
    },
  };
  const told = [];
  const sender = createSender(conversation, connection, clock, {
    acknowledged: (message) => { conversation.receive(message); told.push(`acknowledged ${message.clientMessageId}`); },
    failed: (entry, error) => told.push(`failed ${entry.cid} ${error && error.code}`),
    retrying: (entry) => told.push(`retrying ${entry.cid}`),
    unavailable: (text) => told.push(`unavailable ${text}`),
    recovered: () => told.push('recovered'),
    gone: (text) => told.push(`gone ${text}`),
    blocked: (text) => told.push(`blocked ${text}`),
  });
  const write = (text, cid) => conversation.addOwn(text, cid, () => assert.fail('every test names its ids'));
  return { clock, conversation, connection, sender, sent, told, write };
}

test('messages go out one at a time, in the order written, each acknowledged with its sequence', async () => {
  const { conversation, sender, sent, write } = setUp(() => null);
  const first = write('Satu', 'm1');
  const second = write('Dua', 'm2');

  sender.flush();
  sender.flush();
  await settle();

  assert.deepEqual(sent, ['m1', 'm2']);
  assert.deepEqual([first.seq, second.seq], [2, 3]);
  assert.equal(conversation.nextToSend(), null);
  assert.equal(conversation.resumeRequest().afterSequence, 0, 'message 1 was never received here');
});

test('a message whose answer the dropped connection lost stays sending and goes again with its id', async () => {
  let dropped = true;
  const { connection, sender, sent, told, write } = setUp(() => (dropped ? Promise.reject(new Error('Invocation canceled due to the underlying connection being closed.')) : null));
  const entry = write('Apakah ada peta Batavia?', 'm1');
  connection.connected = false;

  sender.flush();
  await settle();
  assert.equal(entry.state, 'sending');
  assert.deepEqual(told, [], 'nothing to tell the patron: it is still on its way');

  dropped = false;
  connection.connected = true;
  sender.flush(); // after the reconnect's Hello
  await settle();

  assert.deepEqual(sent, ['m1', 'm1']);
  assert.equal(entry.state, 'sent');
});

test('nothing is sent before Hello was answered', async () => {
  const { connection, sender, sent, write } = setUp(() => null);
  connection.ready = false;
  write('Halo', 'm1');

  sender.flush();
  await settle();

  assert.deepEqual(sent, []);
});

test('while the desk cannot save, the message goes again after 1, 2, 4, 8, 16, then every 30 s, with its id', async () => {
  let refusals = 7;
  const { clock, sender, sent, told, write } = setUp(() => (refusals-- > 0 ? Promise.reject(hubError('unavailable', 'Coba lagi sebentar.')) : null));
  const entry = write('Halo', 'm1');
  const times = [];
  const record = () => times.push(clock.now());

  sender.flush();
  await settle();
  record();
  let seen = sent.length;
  while (entry.state !== 'sent' && clock.now() < 200_000) {
    await clock.advance(500);
    if (sent.length > seen) { seen = sent.length; record(); }
  }

  assert.deepEqual(UNAVAILABLE_DELAYS, [1000, 2000, 4000, 8000, 16000, 30000]);
  assert.deepEqual(times, [0, 1000, 3000, 7000, 15000, 31000, 61000, 91000]);
  assert.deepEqual(new Set(sent), new Set(['m1']));
  assert.equal(told.filter((t) => t === 'unavailable Coba lagi sebentar.').length, 7);
  assert.equal(told.at(-2), 'recovered');
});

test('a refused message is marked failed, the next one still goes, and a retry sends the same id again', async () => {
  let refuse = true;
  const { sender, sent, told, write } = setUp((request) => (request.clientMessageId === 'm1' && refuse ? Promise.reject(hubError('validation', 'Pesan terlalu panjang.')) : null));
  const refused = write('Satu', 'm1');
  write('Dua', 'm2');

  sender.flush();
  await settle();
  assert.equal(refused.state, 'failed');
  assert.deepEqual(told.slice(0, 2), ['failed m1 validation', 'acknowledged m2']);

  refuse = false;
  sender.retry(refused);
  await settle();

  assert.deepEqual(sent, ['m1', 'm2', 'm1']);
  assert.equal(refused.state, 'sent');
});

test('a conversation the desk no longer knows is given up; a blocked address stops', async () => {
  const gone = setUp(() => Promise.reject(hubError('forbidden', 'Percakapan tidak ditemukan.')));
  gone.write('Halo', 'm1');
  gone.sender.flush();
  await settle();
  assert.deepEqual(gone.told, ['gone Percakapan tidak ditemukan.']);

  const blocked = setUp(() => Promise.reject(hubError('blocked', 'Alamat Anda diblokir.')));
  blocked.write('Halo', 'm1');
  blocked.sender.flush();
  await settle();
  assert.deepEqual(blocked.told, ['blocked Alamat Anda diblokir.']);
});

test('an ended conversation sends nothing more', async () => {
  const { conversation, sender, sent, write } = setUp(() => null);
  write('Halo', 'm1');
  conversation.closed('closed_by_librarian');

  sender.flush();
  await settle();

  assert.deepEqual(sent, []);
});
