// The rules of the forms a patron fills in: the offline form (the same fields as the pre-chat form), the
// reply to a greeting and the composer. Each rule answers the sentence to show, or null.
import test from 'node:test';
import assert from 'node:assert/strict';
import { modules } from './fakes.mjs';

const { contactFieldProblem, greetingReplyProblem, emailProblem, messageTooLong, privacyNotice, typingPreviewsOn } = await import(new URL('forms.mjs', modules));
const { createTexts } = await import(new URL('i18n.mjs', modules));

const texts = createTexts({
  Widget_Error_NameRequired: 'Nama wajib diisi.',
  Widget_Error_NameTooLong: 'Nama paling banyak {0} karakter.',
  Widget_Error_EmailRequired: 'Email wajib diisi.',
  Widget_Error_EmailInvalid: 'Email tidak valid.',
  Widget_Error_QuestionTypeRequired: 'Pilih jenis pertanyaan.',
  Widget_Error_MessageRequired: 'Tulis pesan Anda.',
  Widget_Error_MessageTooLong: 'Pesan paling banyak {0} karakter (sekarang {1}).',
  Widget_Privacy_Link: 'Pemberitahuan privasi',
  Widget_Privacy_TypingPreview: 'Pustakawan dapat melihat pesan Anda selagi Anda mengetiknya.',
}, 'id');
const limits = { maxMessageLength: 20, maxNameLength: 5 };
const filled = { name: ' Rina ', email: 'rina@contoh.id', questionTypeId: '2', text: 'Koran 1950?' };

/** Every field's sentence, as the offline form shows them when submitted. */
function submitted(values, questionTypeCount = 3) {
  return Object.fromEntries(['name', 'email', 'question-type', 'message']
    .map((key) => [key, contactFieldProblem(key, { ...filled, ...values }, limits, questionTypeCount, true, texts)]));
}

test('a filled offline form has nothing to say', () => {
  assert.deepEqual(submitted({}), { name: null, email: null, 'question-type': null, message: null });
});

test('an empty offline form names every required field', () => {
  assert.deepEqual(submitted({ name: '  ', email: '', questionTypeId: '', text: ' ' }), {
    name: 'Nama wajib diisi.',
    email: 'Email wajib diisi.',
    'question-type': 'Pilih jenis pertanyaan.',
    message: 'Tulis pesan Anda.',
  });
});

test('names, addresses and messages are checked as the desk checks them', () => {
  const problems = submitted({ name: 'Rina Kartika', email: 'rina@contoh', text: 'x'.repeat(21) });

  assert.equal(problems.name, 'Nama paling banyak 5 karakter.');
  assert.equal(problems.email, 'Email tidak valid.');
  assert.equal(problems.message, 'Pesan paling banyak 20 karakter (sekarang 21).');
  assert.equal(emailProblem('rina kartika@contoh.id', texts), 'Email tidak valid.');
  assert.equal(emailProblem('rina@contoh.id', texts), null);
});

test('while typing, an empty message is not an error yet, a too long one is', () => {
  const typing = (text) => contactFieldProblem('message', { ...filled, text }, limits, 3, false, texts);

  assert.equal(typing(''), null);
  assert.equal(typing('x'.repeat(25)), 'Pesan paling banyak 20 karakter (sekarang 25).');
});

test('a question type is needed only when the desk offers some', () => {
  assert.equal(submitted({ questionTypeId: '' }, 0)['question-type'], null);
});

test('a greeting reply asks only for what the library requires', () => {
  const reply = (greeting, values) => greetingReplyProblem(greeting, { name: '', email: '', text: 'Halo', ...values }, limits, texts);

  assert.equal(reply({}, {}), null, 'neither name nor address required');
  assert.equal(reply({}, { text: ' ' }), 'Tulis pesan Anda.');
  assert.equal(reply({ nameRequired: true }, {}), 'Nama wajib diisi.');
  assert.equal(reply({}, { name: 'Rina Kartika' }), 'Nama paling banyak 5 karakter.', 'an optional name still has its limit');
  assert.equal(reply({ emailRequired: true }, {}), 'Email wajib diisi.');
  assert.equal(reply({ emailRequired: true }, { email: 'rina@' }), 'Email tidak valid.');
});

test('the composer refuses a message over the desk\'s limit and says how long it is', () => {
  assert.equal(messageTooLong('x'.repeat(20), limits, texts), null);
  assert.equal(messageTooLong('x'.repeat(30), limits, texts), 'Pesan paling banyak 20 karakter (sekarang 30).');
});

test('the forms show the library\'s notice, its https link and, while previews are on, the typing line', () => {
  const privacy = { text: 'Data Anda disimpan 24 bulan.', link: 'https://perpustakaan.example/privasi', typingPreviews: true };
  assert.deepEqual(privacyNotice(privacy, texts, true), {
    text: 'Data Anda disimpan 24 bulan.',
    link: 'https://perpustakaan.example/privasi',
    linkText: 'Pemberitahuan privasi',
    typing: 'Pustakawan dapat melihat pesan Anda selagi Anda mengetiknya.',
  });
});

test('with previews off there is no typing line and no draft is sent', () => {
  const privacy = { text: null, link: null, typingPreviews: false };
  assert.equal(privacyNotice(privacy, texts, true).typing, null);
  assert.equal(typingPreviewsOn(privacy), false);
});

test('a desk that says nothing about privacy shows drafts as it always did, and the patron is told', () => {
  assert.equal(typingPreviewsOn(null), true);
  assert.equal(typingPreviewsOn({ text: 'x' }), true);
  assert.equal(privacyNotice(undefined, texts, true).typing, 'Pustakawan dapat melihat pesan Anda selagi Anda mengetiknya.');
});

test('the offline form has no typing line: an offline message is never seen before it is sent', () => {
  const privacy = { text: 'Data Anda disimpan 24 bulan.', link: 'https://perpustakaan.example/privasi', typingPreviews: true };
  assert.deepEqual(privacyNotice(privacy, texts, false), {
    text: 'Data Anda disimpan 24 bulan.', link: 'https://perpustakaan.example/privasi', linkText: 'Pemberitahuan privasi', typing: null,
  });
});

test('only an https link is ever shown', () => {
  for (const link of ['javascript:alert(1)', 'http://perpustakaan.example/privasi', '//perpustakaan.example', 'data:text/html,x']) {
    assert.equal(privacyNotice({ link, typingPreviews: true }, texts, true).link, null, link);
  }
});
