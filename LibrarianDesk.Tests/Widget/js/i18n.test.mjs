// The widget's words (from the desk's resource files) and its times in WIB.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fakeClock, modules } from './fakes.mjs';

const { createTexts, languageOf, loadTexts } = await import(new URL('i18n.mjs', modules));

test('the language is Indonesian unless the embed tag asks for English', () => {
  assert.equal(languageOf(undefined), 'id');
  assert.equal(languageOf('EN-us'), 'en');
  assert.equal(languageOf('en'), 'en');
  assert.equal(languageOf('fr'), 'id');
  assert.equal(languageOf(''), 'id');
});

test('a text the desk did not send shows its name rather than nothing', () => {
  const texts = createTexts({ Widget_Title: 'Tanya Pustakawan' }, 'id');

  assert.equal(texts.t('Widget_Title'), 'Tanya Pustakawan');
  assert.equal(texts.t('Widget_Missing'), 'Widget_Missing');
  assert.equal(texts.t('toString'), 'toString', 'only the desk\'s own keys count');
});

test('placeholders are filled in as text, a missing value as nothing', () => {
  const texts = createTexts({ Widget_Offline_Thanks: 'Terima kasih, {0}. Kami balas ke {2}.', Widget_Chat_ServedBy: 'Dilayani {0}.' }, 'id');

  assert.equal(texts.fmt('Widget_Offline_Thanks', 'Rina', null, '<b>rina@contoh.id</b>'), 'Terima kasih, Rina. Kami balas ke <b>rina@contoh.id</b>.');
  assert.equal(texts.fmt('Widget_Offline_Thanks', 'Rina'), 'Terima kasih, Rina. Kami balas ke .');
  const name = { element: 'strong' };
  assert.deepEqual(texts.fmtParts('Widget_Chat_ServedBy', name), ['Dilayani ', name, '.']);
});

test('times are shown in WIB: the clock alone today, with the day otherwise', () => {
  const now = () => new Date('2026-12-07T10:00:00Z'); // Monday 17.00 WIB
  const indonesian = createTexts({}, 'id', now);
  const english = createTexts({}, 'en', now);

  assert.equal(indonesian.formatWib('2026-12-07T07:05:00Z'), '14.05');
  assert.equal(english.formatWib('2026-12-07T07:05:00Z'), '14:05');
  assert.equal(indonesian.formatWib('2026-12-06T18:30:00Z'), '01.30', 'already Monday in Jakarta');
  assert.match(indonesian.formatWib('2026-12-05T07:05:00Z'), /^Sab, 5 Des 14\.05$/);
  assert.match(english.formatWibFull('2026-12-05T07:05:00Z'), /^Sat 5 Dec 2026 14:05 WIB$/);
  assert.equal(indonesian.formatWib('not a time'), '');
});

test('the texts are tried four times over 7 s before the widget gives up', async () => {
  const clock = fakeClock();
  const wait = (ms) => new Promise((resolve) => clock.setTimeout(resolve, ms));
  const tries = [];
  const failing = () => { tries.push(clock.now()); return Promise.reject(new Error('HTTP 503')); };

  let failure = null;
  loadTexts('https://desk.test/widget/strings/id', failing, wait).catch((err) => { failure = err; });
  await clock.advance(10_000);

  assert.deepEqual(tries, [0, 1000, 3000, 7000]);
  assert.equal(failure.message, 'HTTP 503');
});

test('a desk back after a restart answers the next try', async () => {
  const clock = fakeClock();
  const wait = (ms) => new Promise((resolve) => clock.setTimeout(resolve, ms));
  let tries = 0;
  const fetchText = () => (++tries < 3 ? Promise.reject(new Error('Failed to fetch')) : Promise.resolve({ Widget_Title: 'Tanya Pustakawan' }));

  let strings = null;
  loadTexts('https://desk.test/widget/strings/id', fetchText, wait).then((s) => { strings = s; });
  await clock.advance(3_000);

  assert.deepEqual(strings, { Widget_Title: 'Tanya Pustakawan' });
  assert.equal(tries, 3);
});
