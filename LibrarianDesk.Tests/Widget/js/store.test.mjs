// What the widget keeps in the library site's local storage, and what it does where there is none.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fakeStorage, modules } from './fakes.mjs';

const { createStore, visitorIdOf } = await import(new URL('store.mjs', modules));

test('values are kept as JSON under the widget\'s own prefix', () => {
  const storage = fakeStorage();
  const store = createStore(() => storage);

  store.save('conversation', { conversationId: 'c1', lastSequence: 3 });

  assert.equal(storage.items.get('librariandesk:conversation'), '{"conversationId":"c1","lastSequence":3}');
  assert.deepEqual(createStore(() => storage).load('conversation'), { conversationId: 'c1', lastSequence: 3 }, 'the next page reads it');
  store.save('conversation', null);
  assert.equal(storage.items.has('librariandesk:conversation'), false);
});

test('without local storage (private mode, a sandboxed frame) the page keeps its values in memory', () => {
  const store = createStore(() => { throw new Error('SecurityError: access denied'); });

  store.save('open', true);

  assert.equal(store.load('open'), true);
  assert.equal(store.load('conversation'), null);
});

test('the visitor id is made once per browser', () => {
  const storage = fakeStorage();
  let made = 0;
  const newId = () => `visitor-${++made}`;

  const first = visitorIdOf(createStore(() => storage), newId);
  const again = visitorIdOf(createStore(() => storage), newId);

  assert.equal(first, 'visitor-1');
  assert.equal(again, 'visitor-1');
});
