/*
 * The conversation's view: who serves, the messages in server order (a file's through
 * attachments-view.mjs), the composer, typing, ending it, and once it has ended the rating, the
 * transcript and what to do next. It shows what the conversation
 * (conversation.mjs) holds; w is the widget (app.mjs).
 */
import { el, icon, append, clear, setText, nextId } from './dom.mjs';
import { emailProblem, messageTooLong } from './forms.mjs';

export function createChatView(w) {
  var S = w.S;
  var ui = w.ui;
  var c = w.conversation;
  var texts = w.texts;
  var t = texts.t;
  var fmt = texts.fmt;
  var nodes = new WeakMap(); // entry → its elements
  var typingHideTimer = null;

  function view() {
    if (ui.chat) return ui.chat;
    ui.agentWaiting = el('span', { class: 'ld-waiting', testid: 'ld-waiting', text: t('Widget_Chat_Waiting') });
    ui.librarian = el('strong', { class: 'ld-librarian-name', testid: 'ld-librarian' });
    ui.agentServed = el('span', { class: 'ld-served', hidden: true }, texts.fmtParts('Widget_Chat_ServedBy', ui.librarian));
    ui.agent = el('p', { class: 'ld-agent', role: 'status' }, [ui.agentWaiting, ui.agentServed]);
    ui.endButton = el('button', {
      type: 'button', class: 'ld-button ld-ghost ld-end', testid: 'ld-end', text: t('Widget_End'),
      onclick: showEndConfirm
    });
    ui.confirmYes = el('button', {
      type: 'button', class: 'ld-button ld-danger', testid: 'ld-end-confirm', text: t('Widget_End_Yes'),
      onclick: function () { w.actions.endConversation(); }
    });
    ui.confirm = el('div', { class: 'ld-confirm', testid: 'ld-end-confirm-bar', role: 'group', hidden: true }, [
      el('p', { text: t('Widget_End_Confirm') }),
      el('div', { class: 'ld-confirm-buttons' }, [
        ui.confirmYes,
        el('button', {
          type: 'button', class: 'ld-button ld-secondary', testid: 'ld-end-cancel', text: t('Widget_Cancel'),
          onclick: function () { hideEndConfirm(); ui.endButton.focus(); }
        })
      ])
    ]);
    ui.messages = el('ol', { class: 'ld-messages', testid: 'ld-messages', 'aria-label': t('Widget_Messages_Label'), tabindex: '0' });
    ui.typing = el('p', { class: 'ld-typing', testid: 'ld-typing', hidden: true });

    ui.composerInput = el('textarea', {
      class: 'ld-composer-input', testid: 'ld-composer', rows: '1', id: nextId('composer'),
      placeholder: t('Widget_Composer_Placeholder'), enterkeyhint: 'send'
    });
    ui.composerError = el('p', { class: 'ld-field-error', testid: 'ld-error-composer', id: nextId('error'), hidden: true });
    var composerHint = el('span', { class: 'ld-visually-hidden', id: nextId('hint'), text: t('Widget_Composer_Hint') });
    ui.composerInput.setAttribute('aria-describedby', composerHint.id + ' ' + ui.composerError.id);
    ui.composerInput.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        submitComposer();
      }
    });
    ui.composerInput.addEventListener('input', function () {
      autosize(ui.composerInput);
      var tooLong = messageTooLong(ui.composerInput.value.trim(), S.limits, texts);
      setText(ui.composerError, tooLong);
      ui.composerError.hidden = !tooLong;
      w.actions.typingChanged(ui.composerInput.value);
    });
    w.attachments.bindPaste(ui.composerInput);
    ui.composer = el('form', {
      class: 'ld-composer', testid: 'ld-composer-form', novalidate: true,
      onsubmit: function (event) { event.preventDefault(); submitComposer(); }
    }, [
      el('label', { class: 'ld-visually-hidden', for: ui.composerInput.id, text: t('Widget_Composer_Label') }),
      composerHint
    ].concat(w.attachments.composerParts(), [
      ui.composerInput,
      el('button', {
        type: 'submit', class: 'ld-send', testid: 'ld-send', 'aria-label': t('Widget_Send'), title: t('Widget_Send')
      }, icon('send'))
    ]));
    ui.ended = el('div', { class: 'ld-ended', testid: 'ld-ended', hidden: true });

    ui.chatBar = el('div', { class: 'ld-chat-bar' }, [ui.agent, ui.endButton]);
    ui.chat = el('div', { class: 'ld-view ld-chat', testid: 'ld-chat' }, [
      ui.chatBar,
      ui.confirm,
      ui.messages,
      ui.typing,
      el('div', { class: 'ld-chat-footer' }, [ui.composer, ui.composerError, ui.ended])
    ]);
    return ui.chat;
  }

  /** A new conversation gets a new view. */
  function forget() {
    w.attachments.forget();
    ui.chat = null;
    ui.messages = null;
    ui.typing = null;
    ui.composer = null;
    ui.composerInput = null;
    ui.ended = null;
    ui.confirm = null;
  }

  function submitComposer() {
    if (!c.record || c.isEnded()) return;
    var text = ui.composerInput.value.trim();
    if (!text) return;
    var tooLong = messageTooLong(text, S.limits, texts);
    if (tooLong) {
      setText(ui.composerError, tooLong);
      ui.composerError.hidden = false;
      return;
    }
    ui.composerInput.value = '';
    autosize(ui.composerInput);
    ui.composerError.hidden = true;
    w.actions.send(text);
  }

  function autosize(textarea) {
    textarea.style.height = 'auto';
    textarea.style.height = Math.min(textarea.scrollHeight, 140) + 'px';
  }

  function renderChatState() {
    if (!ui.chat) return;
    var claimed = !!c.librarianName;
    var ended = c.isEnded();
    setText(ui.librarian, c.librarianName || '');
    ui.agentServed.hidden = !claimed;
    ui.agentWaiting.hidden = claimed || ended;
    ui.endButton.hidden = ended;
    ui.chatBar.hidden = ended && !claimed;
    ui.composer.hidden = ended;
    if (ended) { ui.composerError.hidden = true; hideEndConfirm(); setTyping(false); }
    renderEndedBox();
  }

  function showEndConfirm() {
    ui.confirm.hidden = false;
    ui.confirmYes.focus();
  }

  function hideEndConfirm() {
    if (ui.confirm) ui.confirm.hidden = true;
  }

  function setTyping(isTyping) {
    if (!ui.typing) return;
    clearTimeout(typingHideTimer);
    if (isTyping && !c.isEnded()) {
      setText(ui.typing, c.librarianName ? fmt('Widget_Chat_Typing', c.librarianName) : t('Widget_Chat_TypingAnon'));
      ui.typing.hidden = false;
      typingHideTimer = setTimeout(function () { setTyping(false); }, 15000);
    } else ui.typing.hidden = true;
  }

  function messageElement(entry) {
    var author = entry.author;
    var name = author === 'patron' ? t('Widget_Chat_You')
      : author === 'librarian' ? (entry.authorName || c.librarianName || t('Widget_Chat_Librarian')) : null;
    var parts = { timeEl: el('time', { class: 'ld-msg-time' }), stateEl: el('span', { class: 'ld-msg-state' }) };
    // the retry button exists only while the message has failed, so [data-testid=ld-retry] names just those
    parts.retryEl = el('button', {
      type: 'button', class: 'ld-link ld-retry', testid: 'ld-retry', text: t('Widget_Msg_Retry'),
      onclick: function () { w.actions.retry(entry); }
    });
    parts.metaEl = el('p', { class: 'ld-msg-meta' }, [parts.timeEl, parts.stateEl]);
    parts.el = el('li', {
      class: 'ld-msg ld-msg-' + author, testid: 'ld-message-item', 'data-author': author
    }, [
      name && el('p', { class: 'ld-msg-author', text: name }),
      entry.attachment
        ? el('div', { class: 'ld-msg-file' }, w.attachments.view(entry.attachment))
        : el('p', { class: 'ld-msg-text', testid: 'ld-message-text', text: entry.text }),
      parts.metaEl
    ]);
    parts.el.ldEntry = entry;
    nodes.set(entry, parts);
    updateMessage(entry);
    return parts.el;
  }

  /** Shows entry's state (sending, sent with its time, failed with a retry button). */
  function updateMessage(entry) {
    var parts = nodes.get(entry);
    var node = parts.el;
    node.setAttribute('data-state', entry.state);
    if (entry.seq != null) node.setAttribute('data-sequence', String(entry.seq));
    if (entry.sentAt) {
      setText(parts.timeEl, texts.formatWib(entry.sentAt));
      parts.timeEl.setAttribute('datetime', entry.sentAt);
      parts.timeEl.title = texts.formatWibFull(entry.sentAt);
    }
    parts.timeEl.hidden = !entry.sentAt;
    setText(parts.stateEl, entry.state === 'sending' ? t('Widget_Msg_Sending') : entry.state === 'failed' ? t('Widget_Msg_Failed') : '');
    parts.stateEl.hidden = entry.state === 'sent';
    if (entry.state === 'failed') parts.metaEl.appendChild(parts.retryEl);
    else if (parts.retryEl.parentNode) parts.retryEl.parentNode.removeChild(parts.retryEl);
  }

  /** Shows entry where it belongs: messages by sequence, the ones still without one at the end. */
  function place(entry) {
    if (!nodes.has(entry)) messageElement(entry);
    var node = nodes.get(entry).el;
    var list = view() && ui.messages;
    var before = null;
    if (entry.seq != null) {
      for (var child = list.firstChild; child; child = child.nextSibling) {
        var other = child.ldEntry;
        if (other !== entry && (other.seq == null || other.seq > entry.seq)) { before = child; break; }
      }
    }
    if (node.parentNode === list && node.nextSibling === before) return;
    list.insertBefore(node, before);
  }

  function scrollMessages(force) {
    var list = ui.messages;
    if (!list || S.view !== 'chat') return;
    var nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    if (force || nearBottom) list.scrollTop = list.scrollHeight;
  }

  function renderEndedBox() {
    var box = ui.ended;
    if (!box) return;
    if (!c.isEnded()) { box.hidden = true; box.ldSignature = null; return; }
    var record = c.record || {};
    var answered = c.answered();
    var openDesk = w.views.isOpenDesk();
    var signature = [c.status, record.closedReason, openDesk, answered].join('|');
    if (box.ldSignature === signature) return; // rebuilding would lose a rating being chosen
    box.ldSignature = signature;
    var hadFocus = ui.root.getRootNode && box.contains(ui.root.getRootNode().activeElement);
    clear(box);
    box.hidden = false;
    var reason = record.closedReason;
    var missed = c.status === 'missed' || reason === 'missed';
    var text = missed ? t('Widget_Ended_Missed')
      : reason === 'ended_by_patron' ? t('Widget_Ended_ByPatron')
      : reason === 'closed_by_librarian' ? t('Widget_Ended_ByLibrarian')
      : reason === 'blocked' ? t('Widget_Ended_Blocked')
      : t('Widget_Ended_Closed');
    append(box, el('p', { class: 'ld-ended-text', testid: 'ld-ended-reason', role: 'status', text: text }));

    if (missed || !openDesk) {
      append(box, el('button', {
        type: 'button', class: 'ld-button ld-primary ld-wide', testid: 'ld-leave-message', text: t('Widget_LeaveMessage'),
        onclick: function () { w.actions.leaveMessageAfter(); }
      }));
    }

    if (!missed && reason !== 'blocked') append(box, ratingBox(record));
    // The desk mails a transcript only to the start address and only if a librarian answered (docs/widget-api.md).
    if (answered && reason !== 'blocked' && record.email) append(box, transcriptBox(record));

    if (!missed && openDesk) {
      append(box, el('button', {
        type: 'button', class: 'ld-button ld-secondary ld-wide', testid: 'ld-new-conversation', text: t('Widget_NewConversation'),
        onclick: function () { w.actions.forgetConversation(); w.views.showView('prechat', { focus: true }); }
      }));
    } else {
      append(box, el('button', {
        type: 'button', class: 'ld-link ld-center', testid: 'ld-home-button', text: t('Widget_Home'),
        onclick: function () { w.actions.forgetConversation(); w.views.showView('home', { focus: true }); }
      }));
    }
    if (hadFocus) w.views.focusView();
  }

  function ratingBox(record) {
    if (record.rated) {
      return el('p', { class: 'ld-done', testid: 'ld-rate-thanks', text: t('Widget_Rate_Thanks') });
    }
    var chosen = 0;
    var buttons = [];
    var problem = el('p', { class: 'ld-field-error', testid: 'ld-error-rating', hidden: true });
    var commentId = nextId('comment');
    var comment = el('textarea', { class: 'ld-input ld-textarea', id: commentId, testid: 'ld-rate-comment', rows: '2' });
    var stars = el('div', { class: 'ld-stars' });
    for (var i = 1; i <= 5; i++) {
      (function (value) {
        var button = el('button', {
          type: 'button', class: 'ld-star', testid: 'ld-rate-' + value, 'aria-pressed': 'false',
          'aria-label': fmt('Widget_Rate_Star', value), title: fmt('Widget_Rate_Star', value),
          onclick: function () {
            chosen = value;
            problem.hidden = true;
            buttons.forEach(function (b, index) {
              b.setAttribute('aria-pressed', index + 1 === value ? 'true' : 'false');
              b.classList.toggle('ld-star-on', index < value);
            });
          }
        }, icon('star'));
        buttons.push(button);
        stars.appendChild(button);
      })(i);
    }
    var send = el('button', { type: 'submit', class: 'ld-button ld-primary', testid: 'ld-rate-send', text: t('Widget_Rate_Send') });
    var form = el('form', {
      class: 'ld-rating', novalidate: true,
      onsubmit: function (event) {
        event.preventDefault();
        if (!chosen) { setText(problem, t('Widget_Rate_Choose')); problem.hidden = false; return; }
        send.disabled = true;
        w.connection.call('RateConversation', {
          conversationId: record.conversationId, patronToken: record.patronToken, rating: chosen,
          comment: comment.value.trim() || null
        }).then(function () {
          record.rated = true;
          c.persist();
          var thanks = el('p', { class: 'ld-done', testid: 'ld-rate-thanks', tabindex: '-1', text: t('Widget_Rate_Thanks') });
          form.parentNode.replaceChild(thanks, form);
          thanks.focus();
        }, function (err) {
          send.disabled = false;
          w.views.showError(w.errorSentence(err));
        });
      }
    }, el('fieldset', { class: 'ld-fieldset' }, [
      el('legend', { class: 'ld-label', text: t('Widget_Rate_Question') }),
      stars, problem,
      el('label', { class: 'ld-label', for: commentId, text: t('Widget_Rate_Comment') }),
      comment, send
    ]));
    return form;
  }

  function transcriptBox(record) {
    if (record.transcriptTo) {
      return el('p', { class: 'ld-done', testid: 'ld-transcript-sent', text: fmt('Widget_Transcript_Sent', record.transcriptTo) });
    }
    var inputId = nextId('transcript');
    var problem = el('p', { class: 'ld-field-error', testid: 'ld-error-transcript', hidden: true });
    var input = el('input', {
      type: 'email', class: 'ld-input', id: inputId, testid: 'ld-transcript-email', autocomplete: 'email',
      inputmode: 'email', value: record.email || ''
    });
    var send = el('button', { type: 'submit', class: 'ld-button ld-secondary', testid: 'ld-transcript-send', text: t('Widget_Transcript_Send') });
    var form = el('form', {
      class: 'ld-transcript', novalidate: true,
      onsubmit: function (event) {
        event.preventDefault();
        var email = input.value.trim();
        var bad = emailProblem(email, texts);
        setText(problem, bad);
        problem.hidden = !bad;
        if (bad) { input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
        input.removeAttribute('aria-invalid');
        send.disabled = true;
        w.connection.call('RequestTranscript', { conversationId: record.conversationId, patronToken: record.patronToken, email: email }).then(function () {
          record.transcriptTo = email;
          c.persist();
          var done = el('p', { class: 'ld-done', testid: 'ld-transcript-sent', tabindex: '-1', text: fmt('Widget_Transcript_Sent', email) });
          form.parentNode.replaceChild(done, form);
          done.focus();
        }, function (err) {
          send.disabled = false;
          w.views.showError(w.errorSentence(err));
        });
      }
    }, [
      el('label', { class: 'ld-label', for: inputId, text: t('Widget_Transcript_Label') }),
      el('div', { class: 'ld-faq-row' }, [input, send]),
      problem
    ]);
    input.setAttribute('aria-describedby', (problem.id = nextId('error')));
    return form;
  }

  return {
    view: view, forget: forget, renderChatState: renderChatState, hideEndConfirm: hideEndConfirm,
    setTyping: setTyping, updateMessage: updateMessage, place: place, scrollMessages: scrollMessages,
    renderEndedBox: renderEndedBox
  };
}
