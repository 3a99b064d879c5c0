/*
 * The widget at work: joins the conversation (conversation.mjs), the connection and sending
 * (connection.mjs, sending.mjs) and the views (views.mjs, chat-view.mjs, forms.mjs), and answers the
 * patron hub's events. Started by boot.mjs once the style sheet, the texts and SignalR arrived.
 */
import { createTexts } from './i18n.mjs';
import { createStore, visitorIdOf } from './store.mjs';
import { uuid } from './ids.mjs';
import { createConversation, createGreetingSlot } from './conversation.mjs';
import { createConnection, parseHubError } from './connection.mjs';
import { createSender } from './sending.mjs';
import { createViews } from './views.mjs';
import { createChatView } from './chat-view.mjs';
import { createForms, typingPreviewsOn } from './forms.mjs';
import { createAttachmentsView } from './attachments-view.mjs';

var TYPING_THROTTLE = 1500;
var PAGE_CHECK_EVERY = 2000;

/** setup: { root, origin, options: { lang, position, accent, title }, strings, signalR }. */
export function runWidget(setup) {
  var timers = { setTimeout: setTimeout.bind(window), clearTimeout: clearTimeout.bind(window) };
  var store = createStore(function () { return window.localStorage; });
  var S = {
    status: null,            // DeskStatusInfo
    questionTypes: [],
    limits: { maxMessageLength: 2000, maxNameLength: 100, maxAttachmentBytes: 0 }, // 0: the desk did not say
    privacy: null,           // Hello's PatronPrivacyNotice
    view: 'home',
    open: false,
    unread: 0,
    pageReported: false,
    draft: { name: '', email: '', member: '', questionTypeId: '', text: '' }
  };
  var w = {
    S: S,
    ui: {},
    origin: setup.origin,
    options: setup.options,
    store: store,
    visitorId: visitorIdOf(store, uuid),
    texts: createTexts(setup.strings, setup.options.lang),
    conversation: createConversation(store, Date.now),
    greeting: createGreetingSlot(timers),
    errorSentence: errorSentence
  };
  var c = w.conversation;
  var t = w.texts.t;
  var fmt = w.texts.fmt;
  var connection = w.connection = createConnection(setup.signalR, setup.origin + '/hubs/patron', timers,
    function (listener) { window.addEventListener('online', listener); }, {
      connected: afterConnect,
      startFailed: function () { views.setConnectionState(S.status ? 'offline' : 'connecting'); },
      state: function (state) { views.setConnectionState(state); }
    });
  var sender = createSender(c, connection, timers, {
    acknowledged: function (message) { showServerMessage(message, false); },
    failed: function (entry, hubError) {
      chat.updateMessage(entry);
      views.showError(hubError ? hubError.text : t('Widget_Error_Generic'));
      if (hubError && hubError.code === 'closed') resumeConversation();
    },
    retrying: function (entry) { chat.updateMessage(entry); views.hideError(); },
    unavailable: function (text) { views.showError(text); },
    recovered: function () { views.hideError(); },
    gone: conversationGone,
    blocked: becomeBlocked
  });
  var views = w.views = createViews(w);
  var chat = w.chat = createChatView(w);
  w.attachments = createAttachmentsView(w, {
    sent: function (message) { showServerMessage(message, false); },
    closed: function (text) { views.showError(text || t('Widget_Error_Generic')); resumeConversation(); },
    gone: conversationGone,
    blocked: becomeBlocked
  });
  w.forms = createForms(w);
  w.actions = {
    startConversation: startConversation,
    answerGreeting: answerGreeting,
    sendOffline: sendOffline,
    send: send,
    retry: sender.retry,
    typingChanged: typingChanged,
    endConversation: endConversation,
    leaveMessageAfter: leaveMessageAfter,
    forgetConversation: forgetConversation
  };

  views.build(setup.root);
  w.attachments.bindDrop(w.ui.panel);
  restoreConversation();
  listen();
  connection.start();

  // --- The conversation on screen

  /** On page load: show a stored conversation at once (history follows from Resume once connected). */
  function restoreConversation() {
    var stored = c.restore(uuid);
    if (!stored) { views.showView('home'); return; }
    S.draft.name = stored.name || '';
    S.draft.email = stored.email || '';
    S.draft.member = stored.member || '';
    S.draft.questionTypeId = stored.questionTypeId || '';
    c.entries.forEach(chat.place);
    views.showView('chat');
    if (store.load('open')) views.openPanel(false);
  }

  function beginConversation(record, status, librarianName) {
    c.begin(record, status, librarianName);
    chat.forget();
    typing.sent = '';
  }

  function forgetConversation() {
    c.forget();
    chat.forget();
    typing.sent = '';
  }

  /** A message from the server (push, Resume or an acknowledgement's first message); never shown twice. */
  function showServerMessage(message, live) {
    if (message && message.attachment && message.clientMessageId && c.isFor(message)) w.attachments.settled(message.clientMessageId);
    var received = c.receive(message);
    if (!received) return;
    var entry = received.entry;
    if (!received.fresh) chat.updateMessage(entry);
    else if (live && entry.author !== 'patron') {
      views.announce(fmt('Widget_Announce_Message',
        entry.author === 'librarian' ? (entry.authorName || c.librarianName || t('Widget_Chat_Librarian')) : t('Widget_Title'),
        entry.text));
      if (!S.open) { S.unread += 1; views.updateLauncher(); }
    }
    chat.place(entry);
    if (entry.author === 'librarian') {
      chat.setTyping(false);
      chat.renderChatState();
    }
    chat.scrollMessages(entry.author === 'patron');
  }

  /** The composer's message: shown as sending at once, sent in order. */
  function send(text) {
    sendTyping('');
    chat.place(c.addOwn(text, null, uuid));
    c.persist();
    chat.scrollMessages(true);
    sender.flush();
  }

  // Typing: at most once per 1.5 s while typing (the latest draft is sent at the end of the window),
  // and once with an empty draft when the input is cleared or the message is sent.
  var typing = { last: 0, timer: null, sent: '' };

  function typingChanged(draft) {
    if (!draft.trim()) { sendTyping(''); return; }
    var wait = TYPING_THROTTLE - (Date.now() - typing.last);
    if (wait <= 0) sendTyping(draft);
    else if (!typing.timer) {
      typing.timer = setTimeout(function () {
        typing.timer = null;
        var input = w.ui.composerInput;
        if (input && input.value.trim()) sendTyping(input.value);
      }, wait);
    }
  }

  function sendTyping(draft) {
    clearTimeout(typing.timer);
    typing.timer = null;
    if (draft === typing.sent) return;
    // With previews off the desk drops drafts anyway; none leaves the browser.
    if (!typingPreviewsOn(S.privacy)) return;
    if (!connection.ready || !c.record || c.isEnded()) return;
    if (draft) typing.last = Date.now();
    typing.sent = draft;
    connection.invoke('Typing', {
      conversationId: c.record.conversationId, patronToken: c.record.patronToken,
      draft: draft.slice(0, S.limits.maxMessageLength)
    }).catch(function () { /* a lost preview does not matter */ });
  }

  // --- What the patron asks of the desk

  function startConversation(request) {
    return connection.call('StartConversation', request).then(function (response) {
      beginConversation({
        conversationId: response.conversationId, patronToken: response.patronToken, lastSequence: 0,
        name: request.name, email: request.email, member: request.memberNumber || '',
        questionTypeId: request.questionTypeId, pending: []
      }, 'waiting');
      S.draft.text = '';
      chat.view();
      showServerMessage(response.firstMessage, false);
      c.persist();
      views.showView('chat', { focus: true });
      sendTyping('');
    }, function (err) {
      handleFormError(err);
    });
  }

  function answerGreeting(greeting, request) {
    return connection.call('AnswerGreeting', request).then(function (response) {
      w.greeting.clear();
      beginConversation({
        conversationId: response.conversationId, patronToken: response.patronToken, lastSequence: 0,
        name: request.name || '', email: request.email || '', member: '', questionTypeId: '', pending: []
      }, greeting.librarianName ? 'active' : 'waiting', greeting.librarianName);
      chat.view();
      showServerMessage(response.firstMessage, false);
      c.persist();
      views.showView('chat', { focus: true });
      return resumeConversation();
    }, function (err) {
      var hubError = parseHubError(err);
      if (hubError && hubError.code === 'not_found') {
        w.greeting.clear();
        views.renderGreeting();
      }
      handleFormError(err);
    });
  }

  function sendOffline(request) {
    return connection.call('LeaveOfflineMessage', request).then(function (ack) {
      views.showView('offline-sent', { focus: true, ack: ack });
      S.draft.text = '';
    }, function (err) {
      handleFormError(err);
    });
  }

  function handleFormError(err) {
    var hubError = parseHubError(err);
    if (hubError && hubError.code === 'blocked') { becomeBlocked(hubError.text); return; }
    if (hubError && hubError.code === 'closed' && S.view === 'prechat') {
      views.showView('offline', { focus: true });
      views.showError(hubError.text);
      return;
    }
    views.showError(errorSentence(err));
  }

  function endConversation() {
    var record = c.record;
    if (!record) return;
    var confirmYes = w.ui.confirmYes;
    confirmYes.disabled = true;
    connection.call('EndConversation', { conversationId: record.conversationId, patronToken: record.patronToken }).then(function () {
      confirmYes.disabled = false;
      if (c.record === record && !c.isEnded()) conversationClosed('ended_by_patron');
      views.focusView();
    }, function (err) {
      confirmYes.disabled = false;
      var hubError = parseHubError(err);
      if (hubError && (hubError.code === 'forbidden' || hubError.code === 'not_found')) { conversationGone(hubError.text); return; }
      chat.hideEndConfirm();
      views.showError(errorSentence(err));
    });
  }

  function conversationClosed(reason) {
    if (!c.record) return;
    c.closed(reason);
    chat.renderChatState();
    sendTyping('');
  }

  /** After a missed chat: the offline form, filled in with what the patron already wrote. */
  function leaveMessageAfter() {
    var record = c.record || {};
    S.draft.name = record.name || S.draft.name;
    S.draft.email = record.email || S.draft.email;
    S.draft.member = record.member || S.draft.member;
    S.draft.questionTypeId = record.questionTypeId || S.draft.questionTypeId;
    S.draft.text = c.patronTexts().join('\n\n');
    forgetConversation();
    views.showView('offline', { focus: true });
  }

  function conversationGone(text) {
    forgetConversation();
    views.showView('home', { focus: S.open });
    views.showError(text || t('Widget_Error_ConversationGone'));
  }

  function becomeBlocked(message) {
    connection.block();
    views.showView('blocked', { message: message, focus: S.open });
    views.setConnectionState('stopped');
  }

  function errorSentence(err) {
    if (err && err.notConnected) return t('Widget_Error_NotConnected');
    var hubError = parseHubError(err);
    if (hubError) return hubError.text;
    return connection.isConnected() ? t('Widget_Error_Generic') : t('Widget_Error_NotConnected');
  }

  // --- The patron hub's events and the start of every connection

  function listen() {
    connection.on('MessageReceived', function (message) { showServerMessage(message, true); });
    connection.on('ConversationClaimed', function (notice) {
      if (!c.isFor(notice)) return;
      c.claimed(notice.librarianName);
      chat.renderChatState();
    });
    connection.on('LibrarianTyping', function (notice) {
      if (!c.isFor(notice)) return;
      chat.setTyping(!!notice.isTyping);
    });
    connection.on('ConversationClosed', function (notice) {
      if (!c.isFor(notice)) return;
      conversationClosed(notice.reason);
    });
    connection.on('Greeting', function (greeting) {
      var busy = (c.record && !c.isEnded()) || connection.blocked;
      if (!w.greeting.offer(greeting, busy, views.greetingReplyWritten, views.renderGreeting)) return;
      if (S.view !== 'home') {
        if (S.view === 'chat' || S.view === 'blocked') return;
        views.showView('home', { focus: false });
      }
      views.renderGreeting();
      views.announce(fmt('Widget_Announce_Message', greeting.librarianName || t('Widget_Chat_Librarian'), greeting.text || ''));
      if (!S.open) views.openPanel(false);
    });
    connection.on('DeskStatusChanged', function (status) { views.applyStatus(status); });
    connection.on('Blocked', function (notice) { becomeBlocked(notice && notice.message); });
  }

  function afterConnect() {
    connection.invoke('Hello', {
      visitorId: w.visitorId, pageUrl: location.href, pageTitle: document.title,
      referrer: document.referrer || null, language: w.texts.lang
    }).then(function (hello) {
      S.questionTypes = (hello && hello.questionTypes) || [];
      if (hello && hello.limits) {
        S.limits = {
          maxMessageLength: hello.limits.maxMessageLength || S.limits.maxMessageLength,
          maxNameLength: hello.limits.maxNameLength || S.limits.maxNameLength,
          maxAttachmentBytes: hello.limits.maxAttachmentBytes || 0
        };
      }
      S.privacy = (hello && hello.privacy) || null;
      var select = w.ui.questionTypeSelect;
      if (select && select.isConnected) w.forms.fillQuestionTypes(select, S.draft.questionTypeId);
      if (w.ui.privacy && w.ui.privacy.isConnected) w.ui.fillPrivacy();
      views.applyStatus(hello && hello.status);
      connection.markReady();
      if (!S.pageReported) {
        S.pageReported = true;
        reportPage();
        // Single-page sites change the address or title without a new page load: report what changed.
        setInterval(function () {
          if (connection.ready && (S.reportedUrl !== location.href || S.reportedTitle !== document.title)) reportPage();
        }, PAGE_CHECK_EVERY);
      }
      return c.record ? resumeConversation() : null;
    }, function (err) {
      var hubError = parseHubError(err);
      if (hubError && hubError.code === 'blocked') { becomeBlocked(hubError.text); return; }
      if (!connection.isConnected()) return; // dropped during Hello: the automatic reconnect calls it again
      if (hubError) views.showError(hubError.text);
      connection.restart();
    }).then(function () {
      sender.flush();
    });
  }

  function reportPage() {
    var page = { pageUrl: location.href, pageTitle: document.title };
    connection.invoke('PageChanged', page).then(function () {
      S.reportedUrl = page.pageUrl;
      S.reportedTitle = page.pageTitle;
    }, function () { /* not recorded: the next check reports it again */ });
  }

  /** Every message after the last one held; on a fresh page that is all of them. */
  function resumeConversation() {
    var record = c.record;
    if (!record || !connection.ready) return Promise.resolve();
    return connection.invoke('Resume', c.resumeRequest()).then(function (result) {
      if (c.record !== record || !result) return;
      var live = c.resumedOnce;
      (result.messages || []).forEach(function (m) { showServerMessage(m, live); });
      c.resumed(result);
      chat.renderChatState();
      chat.scrollMessages(!live);
    }, function (err) {
      if (c.record !== record) return;
      var hubError = parseHubError(err);
      if (hubError && (hubError.code === 'forbidden' || hubError.code === 'not_found')) conversationGone(hubError.text);
      else if (hubError && hubError.code === 'blocked') becomeBlocked(hubError.text);
      else if (hubError) views.showError(hubError.text);
    });
  }
}
