/*
 * Files in the conversation's view: the attach button and its file picker, dropping files on the panel,
 * pasting a screenshot into the composer, the uploads on their way (progress, cancel), and the files in
 * the messages: images as thumbnails that open full size inside the widget, other files as cards that
 * download. The rules live in attachments.mjs; w is the widget (app.mjs). events (app.mjs): sent(message)
 * with the acknowledged upload as a message of the conversation, closed(text), gone(text), blocked(text).
 *
 * Files are fetched with the patron token in a header and shown from blob: addresses, so the token never
 * appears in an address; the blob addresses are let go with the conversation.
 */
import { el, icon, setText } from './dom.mjs';
import { uuid } from './ids.mjs';
import {
  ACCEPT, createUpload, downloadRequest, formatSize, pastedFiles, sizeProblem, typeLabel, uploadRequest
} from './attachments.mjs';

// Let a download's blob address go only once the browser has surely started saving it.
var DOWNLOAD_URL_LIFETIME = 60000;
// A GIF's thumbnail is its first frame drawn at most this large (the thumbnail shows it smaller still).
var FRAME_SIZE = 480;

export function createAttachmentsView(w, events) {
  var S = w.S;
  var ui = w.ui;
  var c = w.conversation;
  var texts = w.texts;
  var t = texts.t;
  var fmt = texts.fmt;
  var timers = { setTimeout: setTimeout.bind(window), clearTimeout: clearTimeout.bind(window) };
  var uploads = [];        // { file, cid, record, item, upload }: the first one is on its way, the rest wait
  var images = new Map();  // attachment id → Promise of its blob address, shared by thumbnail and full size
  var lightbox = null;

  // --- Choosing files: the button, dropping on the panel, pasting into the composer

  /** The attach button and its (hidden) file picker, for the composer. */
  function composerParts() {
    var picker = el('input', {
      type: 'file', class: 'ld-visually-hidden', accept: ACCEPT, multiple: true, tabindex: '-1',
      'aria-hidden': 'true', testid: 'ld-attach-input'
    });
    picker.addEventListener('change', function () {
      addFiles(picker.files);
      picker.value = '';
    });
    var button = el('button', {
      type: 'button', class: 'ld-attach', testid: 'ld-attach', 'aria-label': t('Widget_Attach'), title: t('Widget_Attach'),
      onclick: function () { picker.click(); }
    }, icon('attach'));
    return [button, picker];
  }

  function accepting() {
    return S.view === 'chat' && !!c.record && !c.isEnded();
  }

  function carriesFiles(event) {
    var types = event.dataTransfer && event.dataTransfer.types;
    return !!types && Array.prototype.indexOf.call(types, 'Files') >= 0;
  }

  /** Files dragged over the panel show where to drop them; dropped anywhere on it, they are sent. */
  function bindDrop(panel) {
    var depth = 0;
    var hint = el('div', { class: 'ld-drop-hint', testid: 'ld-drop-hint', hidden: true }, [
      icon('attach'),
      el('p', { text: t('Widget_Attachment_DropHint') })
    ]);
    panel.appendChild(hint);
    panel.addEventListener('dragenter', function (event) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      hint.hidden = !accepting();
    });
    panel.addEventListener('dragover', function (event) {
      if (!carriesFiles(event)) return;
      // Always prevented: a file dropped on the panel must not open in the library's page instead.
      event.preventDefault();
      event.dataTransfer.dropEffect = accepting() ? 'copy' : 'none';
    });
    panel.addEventListener('dragleave', function (event) {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (!depth) hint.hidden = true;
    });
    panel.addEventListener('drop', function (event) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      hint.hidden = true;
      if (accepting()) addFiles(event.dataTransfer.files);
    });
  }

  /** A screenshot pasted into the composer is sent as a file; pasted text stays text. */
  function bindPaste(input) {
    input.addEventListener('paste', function (event) {
      var files = pastedFiles(event.clipboardData);
      if (!files.length) return;
      event.preventDefault();
      addFiles(files);
    });
  }

  // --- Uploads, one at a time in the order chosen

  function addFiles(list) {
    if (!accepting()) return;
    Array.prototype.slice.call(list || []).forEach(function (file) {
      var tooLarge = sizeProblem(file, S.limits, texts);
      if (tooLarge) { w.views.showError(tooLarge); return; }
      var pending = { file: file, cid: uuid(), record: c.record, upload: null };
      pending.item = uploadItem(pending);
      uploads.push(pending);
      ui.messages.appendChild(pending.item.el);
    });
    w.chat.scrollMessages(true);
    next();
  }

  /** A pending upload in the message list: after every message (place() puts those with a sequence before it). */
  function uploadItem(pending) {
    var name = pending.file.name;
    var bar = el('span', { class: 'ld-progress-bar' });
    var progress = el('span', {
      class: 'ld-progress', testid: 'ld-upload-progress', role: 'progressbar', 'aria-valuemin': '0',
      'aria-valuemax': '100', 'aria-valuenow': '0', 'aria-label': fmt('Widget_Attachment_Uploading', name)
    }, bar);
    var percent = el('span', { class: 'ld-upload-percent', text: fmt('Widget_Attachment_Percent', 0) });
    var note = el('p', { class: 'ld-upload-note', testid: 'ld-upload-note', hidden: true });
    var node = el('li', { class: 'ld-msg ld-msg-patron ld-upload', testid: 'ld-upload', 'data-state': 'waiting' }, [
      el('p', { class: 'ld-msg-author', text: t('Widget_Chat_You') }),
      el('div', { class: 'ld-upload-box' }, [
        el('span', { class: 'ld-upload-head' }, [
          icon('file'),
          el('span', { class: 'ld-file-name', text: name }),
          el('button', {
            type: 'button', class: 'ld-icon-button ld-upload-cancel', testid: 'ld-upload-cancel',
            'aria-label': fmt('Widget_Attachment_Cancel', name), title: fmt('Widget_Attachment_Cancel', name),
            onclick: function () { cancel(pending); }
          }, icon('close'))
        ]),
        el('span', { class: 'ld-upload-row' }, [progress, percent]),
        note
      ])
    ]);
    node.ldEntry = { seq: null };
    return {
      el: node,
      progress: function (value) {
        node.setAttribute('data-state', 'sending');
        bar.style.width = value + '%';
        progress.setAttribute('aria-valuenow', String(value));
        setText(percent, fmt('Widget_Attachment_Percent', value));
      },
      note: function (text) {
        setText(note, text || '');
        note.hidden = !text;
      }
    };
  }

  function next() {
    var pending = uploads[0];
    if (!pending || pending.upload) return;
    pending.upload = createUpload(
      uploadRequest(w.origin, pending.record, pending.file, pending.cid, texts.lang),
      function () { return new XMLHttpRequest(); },
      timers, {
        progress: function (value) { pending.item.note(''); pending.item.progress(value); },
        retrying: function (text) { pending.item.note(text || t('Widget_Attachment_Retrying')); },
        finished: function (outcome) { finished(pending, outcome); }
      });
    pending.upload.start();
  }

  function remove(pending) {
    var index = uploads.indexOf(pending);
    if (index >= 0) uploads.splice(index, 1);
    if (pending.item.el.parentNode) pending.item.el.parentNode.removeChild(pending.item.el);
  }

  function cancel(pending) {
    var focusComposer = pending.item.el.contains(ui.root.getRootNode().activeElement);
    if (pending.upload) pending.upload.cancel();
    remove(pending);
    if (focusComposer && ui.composerInput) ui.composerInput.focus();
    next();
  }

  function finished(pending, outcome) {
    remove(pending);
    var record = pending.record;
    if (outcome.kind === 'sent') {
      var ack = outcome.ack;
      events.sent({
        conversationId: record.conversationId, sequence: ack.sequence, author: 'patron', authorName: record.name,
        text: ack.attachment.fileName, sentAt: ack.sentAt, clientMessageId: pending.cid, attachment: ack.attachment
      });
    } else if (outcome.kind === 'refused') {
      w.views.showError(outcome.text || t('Widget_Error_Generic'));
    } else {
      // The conversation cannot take files any more: the others waiting go too.
      dropAll();
      if (outcome.kind === 'closed') events.closed(outcome.text);
      else if (outcome.kind === 'blocked') events.blocked(outcome.text);
      else events.gone(outcome.text);
      return;
    }
    next();
  }

  function dropAll() {
    uploads.splice(0).forEach(function (pending) {
      if (pending.upload) pending.upload.cancel();
      if (pending.item.el.parentNode) pending.item.el.parentNode.removeChild(pending.item.el);
    });
  }

  /** The desk pushed the message of an upload whose answer is still on its way: it is no longer pending. */
  function settled(clientMessageId) {
    uploads.slice().forEach(function (pending) {
      if (pending.cid === clientMessageId) {
        remove(pending);
        if (pending.upload) pending.upload.cancel();
      }
    });
    next();
  }

  // --- Files in the messages

  function fetchFile(attachment) {
    var request = downloadRequest(w.origin, c.record, attachment.id);
    return fetch(request.url, request.init).then(function (response) {
      if (response.status === 404) throw { removed: true };
      if (!response.ok) throw { status: response.status };
      return response.blob();
    });
  }

  /** The image's blob address, fetched once for its thumbnail and its full size. */
  function imageUrl(attachment) {
    var known = images.get(attachment.id);
    if (known) return known;
    var loading = fetchFile(attachment).then(function (blob) { return URL.createObjectURL(blob); });
    images.set(attachment.id, loading);
    loading.catch(function () { if (images.get(attachment.id) === loading) images.delete(attachment.id); });
    return loading;
  }

  /** What a message shows for its file. */
  function view(attachment) {
    if (attachment.removed) return removedView(attachment);
    return attachment.isImage ? thumbnail(attachment) : card(attachment);
  }

  function removedView(attachment) {
    return el('p', {
      class: 'ld-attachment ld-attachment-removed', testid: 'ld-attachment', 'data-kind': attachment.isImage ? 'image' : 'file',
      'data-removed': 'true', text: t('Widget_Attachment_Removed')
    });
  }

  function replaceWithRemoved(node, attachment) {
    attachment.removed = true;
    if (node.parentNode) node.parentNode.replaceChild(removedView(attachment), node);
  }

  function thumbnail(attachment) {
    var button = el('button', {
      type: 'button', class: 'ld-attachment ld-thumb', testid: 'ld-attachment', 'data-kind': 'image', 'data-state': 'loading',
      'aria-label': fmt('Widget_Attachment_Open', attachment.fileName), title: attachment.fileName,
      onclick: function () { if (button.getAttribute('data-state') === 'ready') openLightbox(attachment, button); }
    });
    imageUrl(attachment).then(function (url) {
      return attachment.contentType === 'image/gif' ? firstFrame(url) : loadedImage(url);
    }).then(function (picture) {
      picture.classList.add('ld-thumb-picture');
      button.appendChild(picture);
      button.setAttribute('data-state', 'ready');
    }, function (problem) {
      if (problem && problem.removed) { replaceWithRemoved(button, attachment); return; }
      button.setAttribute('data-state', 'failed');
      button.appendChild(el('span', { class: 'ld-thumb-failed', text: t('Widget_Attachment_LoadFailed') }));
    });
    return button;
  }

  function loadedImage(url) {
    return new Promise(function (resolve, reject) {
      var image = el('img', { alt: '' });
      image.onload = function () { resolve(image); };
      image.onerror = reject;
      image.src = url;
    });
  }

  /** A GIF's thumbnail stands still: its first frame, drawn on a canvas. */
  function firstFrame(url) {
    return loadedImage(url).then(function (image) {
      var scale = Math.min(1, FRAME_SIZE / Math.max(image.naturalWidth, image.naturalHeight, 1));
      var canvas = el('canvas', { 'aria-hidden': 'true' });
      canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
      canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
      canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
      return canvas;
    });
  }

  function card(attachment) {
    var meta = typeLabel(attachment.contentType, texts) + ' · ' + formatSize(attachment.length, texts);
    var button = el('button', {
      type: 'button', class: 'ld-attachment ld-file-card', testid: 'ld-attachment', 'data-kind': 'file',
      'aria-label': fmt('Widget_Attachment_Download', attachment.fileName, meta), title: attachment.fileName,
      onclick: function () { download(attachment, button); }
    }, [
      icon('file'),
      el('span', { class: 'ld-file-text' }, [
        el('span', { class: 'ld-file-name', testid: 'ld-attachment-name', text: attachment.fileName }),
        el('span', { class: 'ld-file-meta', testid: 'ld-attachment-meta', text: meta })
      ]),
      icon('download')
    ]);
    return button;
  }

  function download(attachment, button) {
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    fetchFile(attachment).then(function (blob) {
      button.removeAttribute('aria-busy');
      var url = URL.createObjectURL(blob);
      var link = el('a', { href: url, download: attachment.fileName, hidden: true });
      ui.root.appendChild(link);
      link.click();
      ui.root.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(url); }, DOWNLOAD_URL_LIFETIME);
    }, function (problem) {
      button.removeAttribute('aria-busy');
      if (problem && problem.removed) { replaceWithRemoved(button, attachment); return; }
      w.views.showError(problem && problem.status === 403 ? t('Widget_Error_ConversationGone') : w.errorSentence(problem));
    });
  }

  // --- The full-size image, over the conversation inside the widget

  function openLightbox(attachment, opener) {
    closeLightbox(false);
    var close = el('button', {
      type: 'button', class: 'ld-icon-button ld-lightbox-close', testid: 'ld-lightbox-close',
      'aria-label': t('Widget_Attachment_CloseImage'), title: t('Widget_Attachment_CloseImage'),
      onclick: function () { closeLightbox(true); }
    }, icon('close'));
    var image = el('img', { class: 'ld-lightbox-image', alt: attachment.fileName });
    var box = el('div', {
      class: 'ld-lightbox', testid: 'ld-lightbox', role: 'dialog', 'aria-modal': 'true', 'aria-label': attachment.fileName
    }, [close, image]);
    box.addEventListener('click', function (event) { if (event.target === box) closeLightbox(true); });
    box.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); closeLightbox(true); }
      // its one control keeps the focus while it is open
      else if (event.key === 'Tab') { event.preventDefault(); close.focus(); }
    });
    imageUrl(attachment).then(function (url) { image.src = url; }, function () { closeLightbox(true); });
    lightbox = { el: box, opener: opener };
    ui.panel.appendChild(box);
    close.focus();
  }

  function closeLightbox(returnFocus) {
    if (!lightbox) return;
    var open = lightbox;
    lightbox = null;
    if (open.el.parentNode) open.el.parentNode.removeChild(open.el);
    if (returnFocus && open.opener.isConnected) open.opener.focus();
  }

  /** The conversation is left: uploads stop, the image overlay closes, the blob addresses are let go. */
  function forget() {
    dropAll();
    closeLightbox(false);
    images.forEach(function (loading) {
      loading.then(function (url) { URL.revokeObjectURL(url); }, function () { });
    });
    images.clear();
  }

  return {
    composerParts: composerParts, bindDrop: bindDrop, bindPaste: bindPaste, view: view, settled: settled, forget: forget
  };
}
