// The conversation's state in the patron's browser: resume after a reload, sequence and acknowledgement
// bookkeeping, and the greeting on offer.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fakeClock, fakeStorage, modules } from './fakes.mjs';

const { createConversation, createGreetingSlot, KEEP_CLOSED_CONVERSATION } = await import(new URL('conversation.mjs', modules));
const { createStore } = await import(new URL('store.mjs', modules));

const conversationId = 'A1B2C3D4-0000-4000-8000-000000000001';
let ids = 0;
const newId = () => `cid-${++ids}`;

function setUp(now = () => 1_000_000) {
  const storage = fakeStorage();
  const store = createStore(() => storage);
  return { storage, store, conversation: createConversation(store, now) };
}

function started(conversation) {
  conversation.begin({ conversationId, patronToken: 'token', lastSequence: 0, name: 'Rina', email: 'rina@contoh.id', pending: [] }, 'waiting');
}

const message = (sequence, fields = {}) => ({
  conversationId, sequence, author: 'librarian', authorName: 'Sari', text: `pesan ${sequence}`, sentAt: '2026-12-07T03:00:00Z', ...fields,
});

test('a reload shows the stored conversation with the unsent messages, and Resume asks for every message', () => {
  const first = setUp();
  started(first.conversation);
  first.conversation.receive(message(1, { author: 'patron', clientMessageId: 'start', text: 'Halo' }));
  const unsent = first.conversation.addOwn('Masih di sana?', null, newId);
  first.conversation.persist();

  const reloaded = setUp();
  reloaded.storage.items.set('librariandesk:conversation', first.storage.items.get('librariandesk:conversation'));
  const record = reloaded.conversation.restore(newId);

  assert.equal(record.conversationId, conversationId);
  assert.equal(record.lastSequence, 1);
  assert.deepEqual(reloaded.conversation.entries.map((e) => [e.cid, e.text, e.state]), [[unsent.cid, 'Masih di sana?', 'sending']]);
  assert.deepEqual(reloaded.conversation.resumeRequest(), { conversationId, patronToken: 'token', afterSequence: 0 });
});

test('the desk\'s copy of an own message confirms it in place instead of showing it twice', () => {
  const { conversation } = setUp();
  started(conversation);
  const own = conversation.addOwn('Apakah ada peta Batavia?', 'own-1', newId);

  const received = conversation.receive(message(1, { author: 'patron', clientMessageId: 'own-1', text: 'Apakah ada peta Batavia?' }));

  assert.equal(received.entry, own);
  assert.equal(received.fresh, false);
  assert.equal(own.state, 'sent');
  assert.equal(own.seq, 1);
  assert.equal(conversation.entries.length, 1);
  assert.equal(conversation.nextToSend(), null);
});

test('a message is held once, and Resume asks after the last one held without a gap', () => {
  const { conversation } = setUp();
  started(conversation);

  assert.equal(conversation.receive(message(1)).fresh, true);
  conversation.receive(message(2));
  conversation.receive(message(4));
  assert.equal(conversation.receive(message(2)), null, 'a push and Resume may both bring message 2');
  assert.equal(conversation.resumeRequest().afterSequence, 2);

  conversation.receive(message(3));
  assert.equal(conversation.resumeRequest().afterSequence, 4);
  assert.deepEqual(conversation.entries.map((e) => e.seq), [1, 2, 4, 3]);
});

test('only the conversation held receives messages, whatever the case of its id', () => {
  const { conversation } = setUp();
  started(conversation);

  assert.equal(conversation.receive(message(1, { conversationId: 'ffffffff-0000-4000-8000-000000000009' })), null);
  assert.notEqual(conversation.receive(message(1, { conversationId: conversationId.toLowerCase() })), null);
});

test('the first librarian message makes a waiting conversation active and names who serves', () => {
  const { conversation } = setUp();
  started(conversation);

  conversation.receive(message(1, { authorName: 'Sari' }));

  assert.equal(conversation.status, 'active');
  assert.equal(conversation.librarianName, 'Sari');
  assert.equal(conversation.answered(), true);
});

test('what is kept in storage: the last sequence in order and the unsent messages', () => {
  const { conversation, store } = setUp();
  started(conversation);
  conversation.receive(message(1));
  conversation.addOwn('Terima kasih', 'own-2', newId);
  conversation.persist();

  const kept = store.load('conversation');
  assert.equal(kept.lastSequence, 1);
  assert.deepEqual(kept.pending, [{ clientMessageId: 'own-2', text: 'Terima kasih' }]);
});

test('a closed conversation stays for half an hour after it closed, then a reload forgets it', () => {
  let now = 5_000_000;
  const { conversation, storage } = setUp(() => now);
  started(conversation);
  conversation.closed('closed_by_librarian');
  const kept = storage.items.get('librariandesk:conversation');

  now += KEEP_CLOSED_CONVERSATION - 1;
  assert.notEqual(conversation.restore(newId), null);
  assert.equal(conversation.status, 'closed');

  now += 2;
  storage.items.set('librariandesk:conversation', kept);
  assert.equal(conversation.restore(newId), null);
  assert.equal(storage.items.has('librariandesk:conversation'), false);
});

test('Resume finding the conversation missed ends it as missed, once', () => {
  let now = 7_000_000;
  const { conversation } = setUp(() => now);
  started(conversation);

  conversation.resumed({ status: 'missed', librarianName: null, messages: [] });
  const closedAt = conversation.record.closedAt;
  now += 60_000;
  conversation.resumed({ status: 'missed', librarianName: null, messages: [] });

  assert.equal(conversation.status, 'missed');
  assert.equal(conversation.isEnded(), true);
  assert.equal(conversation.record.closedReason, 'missed');
  assert.equal(conversation.record.closedAt, closedAt);
  assert.equal(conversation.resumedOnce, true);
});

test('a greeting is offered to a visitor without an open conversation, and leaves quietly when it expires', async () => {
  const clock = fakeClock();
  const greetings = createGreetingSlot(clock);
  let left = 0;
  const greeting = { greetingId: 'g1', text: 'Ada yang bisa dibantu?', expiresInSeconds: 60 };

  assert.equal(greetings.offer(greeting, true, () => false, () => left++), false, 'busy: a conversation is open');
  assert.equal(greetings.current, null);
  assert.equal(greetings.offer(greeting, false, () => false, () => left++), true);
  assert.equal(greetings.current, greeting);

  await clock.advance(59_999);
  assert.equal(greetings.current, greeting);
  await clock.advance(1);
  assert.equal(greetings.current, null);
  assert.equal(left, 1);
});

test('a greeting being answered stays past its expiry', async () => {
  const clock = fakeClock();
  const greetings = createGreetingSlot(clock);
  const greeting = { greetingId: 'g1', text: 'Halo', expiresInSeconds: 30 };
  greetings.offer(greeting, false, () => true, () => assert.fail('it must stay'));

  await clock.advance(30_000);

  assert.equal(greetings.current, greeting);
});

test('a newer greeting replaces the older one, whose expiry no longer counts', async () => {
  const clock = fakeClock();
  const greetings = createGreetingSlot(clock);
  greetings.offer({ greetingId: 'g1', expiresInSeconds: 30 }, false, () => false, () => {});
  await clock.advance(20_000);
  const newer = { greetingId: 'g2', expiresInSeconds: 30 };
  greetings.offer(newer, false, () => false, () => {});

  await clock.advance(15_000);
  assert.equal(greetings.current, newer);

  greetings.clear();
  assert.equal(greetings.current, null);
});

test('a file\'s message keeps its attachment, and its name is not written again into an offline message', () => {
  const { conversation } = setUp();
  started(conversation);
  const attachment = { id: 'f1', fileName: 'layar.png', contentType: 'image/png', length: 2048, isImage: true, removed: false };
  conversation.receive(message(1, { author: 'patron', clientMessageId: 'start', text: 'Tidak bisa masuk ke e-journal' }));
  conversation.receive(message(2, { author: 'patron', clientMessageId: 'upload-1', text: 'layar.png', attachment }));
  conversation.receive(message(3, { text: 'panduan.pdf', attachment: { ...attachment, id: 'f2', fileName: 'panduan.pdf', isImage: false } }));

  assert.deepEqual(conversation.entries.map((e) => e.attachment && e.attachment.id), [null, 'f1', 'f2']);
  assert.deepEqual(conversation.patronTexts(), ['Tidak bisa masuk ke e-journal']);
  assert.equal(conversation.nextToSend(), null, 'a received file is never sent again as text');
});
