// Files in the widget without a browser: sizes and type labels as patrons read them (with the desk's
// real texts), the upload request, what each answer means, and one upload's retries and cancel.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fakeClock, modules, settle } from './fakes.mjs';

const {
  ACCEPT, createUpload, downloadRequest, formatSize, pastedFiles, sizeProblem, typeLabel, uploadOutcome, uploadRequest
} = await import(new URL('attachments.mjs', modules));
const { createTexts } = await import(new URL('i18n.mjs', modules));
const { UNAVAILABLE_DELAYS } = await import(new URL('sending.mjs', modules));

/** The widget's texts as /widget/strings/<lang> serves them, read from the desk's resource files. */
function textsIn(lang) {
  const file = new URL(`../../../LibrarianDesk/Resources/DeskStrings${lang === 'en' ? '.en' : ''}.resx`, import.meta.url);
  const strings = {};
  for (const m of readFileSync(file, 'utf8').matchAll(/<data name="(Widget_[^"]+)"[^>]*>\s*<value>([^<]*)<\/value>/g)) {
    strings[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  }
  return createTexts(strings, lang);
}

const indonesian = textsIn('id');
const english = textsIn('en');
const MB = 1024 * 1024;
const record = { conversationId: 'c0ffee00-0000-4000-8000-000000000001', patronToken: 'secret-token', name: 'Rina' };

test('sizes read "1,2 MB" in Indonesian and "1.2 MB" in English, one decimal only below 10', () => {
  assert.equal(formatSize(1.2 * MB, indonesian), '1,2 MB');
  assert.equal(formatSize(1.2 * MB, english), '1.2 MB');
  assert.equal(formatSize(500, indonesian), '500 B');
  assert.equal(formatSize(1536, indonesian), '1,5 KB');
  assert.equal(formatSize(250 * 1024, english), '250 KB');
  assert.equal(formatSize(10 * MB, indonesian), '10 MB');
  assert.equal(formatSize(2 * MB, indonesian), '2 MB', 'no ",0"');
  assert.equal(formatSize(MB - 1, english), '1 MB', '1023.999 KB rounds up into the next unit, not "1024 KB"');
});

test('type labels name what patrons know: PDF, Word, Excel, PowerPoint, Teks', () => {
  const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const pptx = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  assert.deepEqual(
    ['application/pdf', docx, xlsx, pptx, 'text/plain; charset=utf-8', 'image/png', 'application/zip'].map((type) => typeLabel(type, indonesian)),
    ['PDF', 'Word', 'Excel', 'PowerPoint', 'Teks', 'Gambar', 'Berkas']);
  assert.equal(typeLabel('TEXT/PLAIN', english), 'Text');
  assert.equal(typeLabel(null, english), 'File');
});

test('the picker offers every kind the desk accepts and nothing else', () => {
  const offered = ACCEPT.split(',');
  for (const kind of ['.jpg', '.png', '.webp', '.gif', '.pdf', '.txt', '.log', '.docx', '.xlsx', '.pptx', 'image/png', 'application/pdf']) {
    assert.ok(offered.includes(kind), kind);
  }
  assert.ok(!offered.some((kind) => /svg|html|exe|zip|\*/.test(kind)), ACCEPT);
});

test('a file larger than the desk takes is refused at once with its name and the limit; the limit itself passes', () => {
  const limits = { maxAttachmentBytes: 10 * MB };
  assert.equal(sizeProblem({ name: 'scan.pdf', size: 10 * MB + 1 }, limits, indonesian), 'scan.pdf terlalu besar untuk dikirim: paling besar 10 MB.');
  assert.equal(sizeProblem({ name: 'scan.pdf', size: 12 * MB }, limits, english), 'scan.pdf is too large to send: the limit is 10 MB.');
  assert.equal(sizeProblem({ name: 'scan.pdf', size: 10 * MB }, limits, indonesian), null);
  assert.equal(sizeProblem({ name: 'scan.pdf', size: 50 * MB }, { maxAttachmentBytes: 0 }, indonesian), null, 'a desk that says no limit leaves it to the desk');
});

test('a pasted screenshot becomes a file; a paste that carries text stays text', () => {
  const screenshot = new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' });
  assert.deepEqual(pastedFiles({ types: ['Files'], files: [screenshot] }), [screenshot]);
  assert.deepEqual(pastedFiles({ types: ['text/plain', 'text/html', 'Files'], files: [screenshot] }), []);
  assert.deepEqual(pastedFiles({ types: ['text/plain'], files: [] }), []);
  assert.deepEqual(pastedFiles(null), []);
});

test('the upload is multipart with the conversation, its token, the client message id, the language and the file', async () => {
  const file = new File(['Halo'], 'catatan.txt', { type: 'text/plain' });
  const request = uploadRequest('https://desk.example', record, file, 'cid-1', 'en');

  assert.equal(request.url, 'https://desk.example/widget/attachments');
  assert.deepEqual([...request.body.keys()], ['conversationId', 'patronToken', 'clientMessageId', 'language', 'file']);
  assert.equal(request.body.get('conversationId'), record.conversationId);
  assert.equal(request.body.get('patronToken'), 'secret-token');
  assert.equal(request.body.get('clientMessageId'), 'cid-1');
  assert.equal(request.body.get('language'), 'en');
  const sent = request.body.get('file');
  assert.equal(sent.name, 'catatan.txt');
  assert.equal(await sent.text(), 'Halo');
});

test('a download carries the token in a header, never in its address', () => {
  const request = downloadRequest('https://desk.example', record, 'a1b2c3d4-0000-4000-8000-000000000009');
  assert.equal(request.url, 'https://desk.example/widget/attachments/a1b2c3d4-0000-4000-8000-000000000009');
  assert.ok(!request.url.includes('secret-token'));
  assert.equal(request.init.headers['X-Patron-Token'], 'secret-token');
  assert.equal(request.init.credentials, 'omit');
});

test('each answer of the desk means one thing: sent, send again, refused, closed, gone or blocked', () => {
  const ack = { sequence: 4, sentAt: '2026-12-08T03:00:00Z', attachment: { id: 'a', fileName: 'x.png' } };
  const refusal = (code, message) => ({ code, message });
  assert.deepEqual(uploadOutcome(200, ack), { kind: 'sent', ack });
  assert.equal(uploadOutcome(0, null).kind, 'retry', 'a network error');
  assert.deepEqual(uploadOutcome(503, refusal('unavailable', 'Sibuk.')), { kind: 'retry', text: 'Sibuk.' });
  assert.equal(uploadOutcome(502, null).kind, 'retry');
  assert.deepEqual(uploadOutcome(400, refusal('validation', 'Jenis berkas ini tidak diterima.')), { kind: 'refused', text: 'Jenis berkas ini tidak diterima.' });
  assert.deepEqual(uploadOutcome(413, refusal('too_large', 'Terlalu besar.')), { kind: 'refused', text: 'Terlalu besar.' });
  assert.deepEqual(uploadOutcome(429, refusal('rate_limited', 'Tunggu sebentar.')), { kind: 'refused', text: 'Tunggu sebentar.' });
  assert.deepEqual(uploadOutcome(409, refusal('closed', 'Sudah selesai.')), { kind: 'closed', text: 'Sudah selesai.' });
  assert.deepEqual(uploadOutcome(403, refusal('forbidden', 'Tidak dikenal.')), { kind: 'gone', text: 'Tidak dikenal.' });
  assert.deepEqual(uploadOutcome(403, refusal('blocked', 'Diblokir.')), { kind: 'blocked', text: 'Diblokir.' });
  assert.deepEqual(uploadOutcome(500, null), { kind: 'refused', text: null }, 'a server fault is not retried forever');
  assert.equal(uploadOutcome(200, null).kind, 'refused', 'a 200 without an acknowledgement (a proxy page) is no success');
});

/** XMLHttpRequests the test answers by hand. */
function fakeRequests() {
  const made = [];
  const newRequest = () => {
    const xhr = {
      upload: {}, status: 0, responseText: '', aborted: false,
      open(method, url) { Object.assign(xhr, { method, url }); },
      send(body) { xhr.body = body; },
      abort() { xhr.aborted = true; },
      progress(loaded, total) { xhr.upload.onprogress({ lengthComputable: true, loaded, total }); },
      answer(status, body) { xhr.status = status; xhr.responseText = body ? JSON.stringify(body) : ''; xhr.onload(); },
      fail() { xhr.onerror(); },
    };
    made.push(xhr);
    return xhr;
  };
  return { made, newRequest };
}

function startUpload() {
  const clock = fakeClock();
  const requests = fakeRequests();
  const told = [];
  const request = uploadRequest('https://desk.example', record, new File(['x'], 'a.png'), 'cid-7', 'id');
  const upload = createUpload(request, requests.newRequest, clock, {
    progress: (percent) => told.push(`progress ${percent}`),
    retrying: (text) => told.push(`retrying ${text}`),
    finished: (outcome) => told.push(`finished ${outcome.kind} ${outcome.text ?? ''}`.trim()),
  });
  upload.start();
  return { clock, requests, told, upload, request };
}

test('an upload reports its progress in whole percent and finishes once with the acknowledgement', () => {
  const { requests, told, request } = startUpload();
  const [xhr] = requests.made;

  xhr.progress(1, 3);
  xhr.progress(3, 3);
  xhr.answer(200, { sequence: 5, sentAt: '2026-12-08T03:00:00Z', attachment: { id: 'a' } });

  assert.equal(xhr.method, 'POST');
  assert.equal(xhr.url, 'https://desk.example/widget/attachments');
  assert.equal(xhr.body, request.body);
  assert.deepEqual(told, ['progress 0', 'progress 33', 'progress 100', 'finished sent']);
});

test('after a network error or a 503 the same request goes again, after the messages\' backoff', async () => {
  const { clock, requests, told } = startUpload();

  requests.made[0].fail();
  await clock.advance(UNAVAILABLE_DELAYS[0] - 1);
  assert.equal(requests.made.length, 1, 'not before the first delay');
  await clock.advance(1);
  assert.equal(requests.made.length, 2);
  requests.made[1].answer(503, { code: 'unavailable', message: 'Layanan sedang sibuk.' });
  await clock.advance(UNAVAILABLE_DELAYS[1]);
  requests.made[2].answer(200, { sequence: 5, sentAt: '2026-12-08T03:00:00Z', attachment: { id: 'a' } });

  assert.equal(requests.made.length, 3);
  assert.ok(requests.made.every((xhr) => xhr.body.get('clientMessageId') === 'cid-7'), 'every try with the same client message id');
  assert.deepEqual(told.filter((line) => !line.startsWith('progress')),
    ['retrying null', 'retrying Layanan sedang sibuk.', 'finished sent']);
});

test('a refusal is final: the desk\'s sentence, no second try', async () => {
  const { clock, requests, told } = startUpload();

  requests.made[0].answer(400, { code: 'validation', message: 'Jenis berkas ini tidak diterima.' });
  await clock.advance(60000);

  assert.equal(requests.made.length, 1);
  assert.deepEqual(told, ['progress 0', 'finished refused Jenis berkas ini tidak diterima.']);
});

test('cancel aborts the request on its way, and one waiting to go again never goes', async () => {
  const sending = startUpload();
  sending.upload.cancel();
  assert.ok(sending.requests.made[0].aborted);

  const waiting = startUpload();
  waiting.requests.made[0].fail();
  waiting.upload.cancel();
  await waiting.clock.advance(60000);
  await settle();

  assert.equal(waiting.requests.made.length, 1);
  assert.deepEqual(waiting.told, ['progress 0', 'retrying null'], 'nothing is told after cancel');
});
