/*
 * Files in the conversation, without DOM: which files the picker offers, a file's size and type as the
 * patron reads them, the upload's request and what its answer means, and one upload with its retries
 * (docs/widget-api.md, "Files"). The desk decides what it accepts by the file's content; the widget
 * checks only the size before sending, so a refusal the patron could foresee costs no upload.
 */
import { unavailableDelay } from './sending.mjs';

/** What the file picker offers: the kinds the desk accepts, by extension and by MIME type. */
export var ACCEPT = [
  '.jpg', '.jpeg', '.png', '.webp', '.gif', '.pdf', '.txt', '.log', '.docx', '.xlsx', '.pptx',
  'image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf', 'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation'
].join(',');

var TYPE_LABELS = {
  'application/pdf': 'Widget_Attachment_Type_Pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Widget_Attachment_Type_Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Widget_Attachment_Type_Excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'Widget_Attachment_Type_PowerPoint',
  'text/plain': 'Widget_Attachment_Type_Text'
};

/** The type a patron recognises ("PDF", "Word", "Teks"…) for the desk's content type. */
export function typeLabel(contentType, texts) {
  var type = String(contentType || '').split(';')[0].trim().toLowerCase();
  if (TYPE_LABELS[type]) return texts.t(TYPE_LABELS[type]);
  return texts.t(type.indexOf('image/') === 0 ? 'Widget_Attachment_Type_Image' : 'Widget_Attachment_Type_File');
}

/** "1,2 MB" in Indonesian, "1.2 MB" in English; one decimal below 10, none above. */
export function formatSize(bytes, texts) {
  var units = ['Widget_Size_Bytes', 'Widget_Size_KB', 'Widget_Size_MB'];
  var value = Math.max(0, Number(bytes) || 0);
  var unit = 0;
  var shown = value;
  while (unit < units.length - 1 && shown >= 1024) {
    unit += 1;
    value /= 1024;
    shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  }
  var number = String(shown);
  if (texts.lang !== 'en') number = number.replace('.', ',');
  return texts.fmt(units[unit], number);
}

/** The sentence refusing file at once when it is larger than the desk takes (limits: Hello's), or null. */
export function sizeProblem(file, limits, texts) {
  var max = limits && limits.maxAttachmentBytes;
  if (!max || file.size <= max) return null;
  return texts.fmt('Widget_Attachment_TooLarge', file.name, formatSize(max, texts));
}

/** The files a paste carries, unless it also carries text: then the text is what the patron meant. */
export function pastedFiles(clipboard) {
  if (!clipboard) return [];
  var types = Array.prototype.slice.call(clipboard.types || []);
  if (types.indexOf('text/plain') >= 0) return [];
  return Array.prototype.slice.call(clipboard.files || []);
}

/** The upload: multipart to /widget/attachments with the conversation's credentials and a client message id. */
export function uploadRequest(origin, record, file, clientMessageId, language) {
  var body = new FormData();
  body.append('conversationId', record.conversationId);
  body.append('patronToken', record.patronToken);
  body.append('clientMessageId', clientMessageId);
  body.append('language', language);
  body.append('file', file, file.name);
  return { url: origin + '/widget/attachments', body: body };
}

/** Fetching a file: the patron token goes in a header, never in the address (addresses end up in logs). */
export function downloadRequest(origin, record, attachmentId) {
  return {
    url: origin + '/widget/attachments/' + encodeURIComponent(attachmentId),
    init: { headers: { 'X-Patron-Token': record.patronToken }, credentials: 'omit', cache: 'no-store' }
  };
}

/**
 * What an upload's answer means. status 0 is a network error. kind: sent (ack is the desk's
 * { sequence, sentAt, attachment }); retry (nothing was stored: send again with the same id);
 * refused (validation, too_large, rate_limited: the desk's sentence); closed (the conversation ended);
 * gone (wrong credentials or no such conversation); blocked. text is the desk's sentence when it sent one.
 */
export function uploadOutcome(status, body) {
  var text = body && typeof body.message === 'string' && body.message ? body.message : null;
  var code = body && body.code;
  if (status >= 200 && status < 300 && body && body.attachment) return { kind: 'sent', ack: body };
  // A gateway's 502 or 504 means the desk did not answer; the client message id makes a resend safe.
  if (status === 0 || status === 502 || status === 503 || status === 504) return { kind: 'retry', text: text };
  if (status === 403) return { kind: code === 'blocked' ? 'blocked' : 'gone', text: text };
  if (status === 409) return { kind: 'closed', text: text };
  return { kind: 'refused', text: text };
}

function parseBody(text) {
  try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
}

/**
 * One file on its way: sent with XMLHttpRequest (newRequest() makes one) for its upload progress,
 * sent again after a network error or 503 with the same request (so the same client message id) after
 * 1, 2, 4, 8, 16, then every 30 s, as messages are. events: progress(percent), retrying(text) while
 * waiting to send again, finished(outcome) once (uploadOutcome's, not retry). cancel() aborts it;
 * nothing is told after that.
 */
export function createUpload(request, newRequest, timers, events) {
  var attempt = 0;
  var xhr = null;
  var timer = null;
  var over = false;

  function send() {
    timer = null;
    xhr = newRequest();
    xhr.open('POST', request.url);
    xhr.upload.onprogress = function (event) {
      if (!over && event.lengthComputable && event.total > 0) {
        events.progress(Math.min(100, Math.floor(event.loaded * 100 / event.total)));
      }
    };
    xhr.onload = function () { answered(xhr.status, parseBody(xhr.responseText)); };
    xhr.onerror = function () { answered(0, null); };
    xhr.ontimeout = xhr.onerror;
    events.progress(0);
    xhr.send(request.body);
  }

  function answered(status, body) {
    xhr = null;
    if (over) return;
    var outcome = uploadOutcome(status, body);
    if (outcome.kind === 'retry') {
      events.retrying(outcome.text);
      timer = timers.setTimeout(send, unavailableDelay(attempt));
      attempt += 1;
      return;
    }
    over = true;
    events.finished(outcome);
  }

  function cancel() {
    if (over) return;
    over = true;
    timers.clearTimeout(timer);
    if (xhr) xhr.abort();
  }

  return { start: send, cancel: cancel };
}
