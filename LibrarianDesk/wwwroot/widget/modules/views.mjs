/*
 * The widget's frame (launcher, panel, header, banners, live region) and its views but the chat
 * (chat-view.mjs): home (greeting, FAQ search, start or leave a message), the forms' pages, the offline
 * confirmation and the blocked notice. w is the widget (app.mjs).
 */
import { el, icon, append, clear, setText, show, nextId } from './dom.mjs';

/** White or near-black text, whichever reads better on the chosen colour. */
export function readableOn(colour) {
  var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour);
  if (!m) return '#ffffff';
  var hex = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
  var channel = function (i) {
    var c = parseInt(hex.substr(i, 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  var lum = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) ? '#ffffff' : '#111111';
}

export function createViews(w) {
  var S = w.S;
  var ui = w.ui;
  var texts = w.texts;
  var t = texts.t;
  var fmt = texts.fmt;
  var options = w.options;

  function build(root) {
    ui.root = el('div', { class: 'ld-root ld-pos-' + options.position, lang: texts.lang });
    ui.root.style.setProperty('--ld-accent', options.accent);
    ui.root.style.setProperty('--ld-on-accent', readableOn(options.accent));

    ui.badge = el('span', { class: 'ld-badge', testid: 'ld-unread', hidden: true, 'aria-hidden': 'true' });
    ui.launcher = el('button', {
      type: 'button', class: 'ld-launcher', testid: 'ld-launcher',
      'aria-expanded': 'false', 'aria-controls': 'librariandesk-panel',
      onclick: function () { if (S.open) closePanel(true); else openPanel(true); }
    }, [icon('chat'), icon('close'), ui.badge]);

    ui.title = el('h2', { class: 'ld-title', id: 'librariandesk-title', text: options.title || t('Widget_Title') });
    ui.status = el('p', { class: 'ld-status', testid: 'ld-status', text: t('Widget_Status_Connecting') });
    ui.close = el('button', {
      type: 'button', class: 'ld-icon-button ld-close', testid: 'ld-close', 'aria-label': t('Widget_Close'),
      title: t('Widget_Close'), onclick: function () { closePanel(true); }
    }, icon('close'));
    var header = el('header', { class: 'ld-header' }, [
      el('div', { class: 'ld-header-text' }, [ui.title, ui.status]),
      ui.close
    ]);

    ui.connection = el('p', { class: 'ld-connection', testid: 'ld-connection', role: 'status', hidden: true });
    ui.errorText = el('span', { class: 'ld-error-text' });
    ui.error = el('div', { class: 'ld-error', testid: 'ld-error', role: 'alert', hidden: true }, [
      ui.errorText,
      el('button', {
        type: 'button', class: 'ld-icon-button ld-error-dismiss', 'aria-label': t('Widget_Error_Dismiss'),
        title: t('Widget_Error_Dismiss'), onclick: function () { hideError(); }
      }, icon('close'))
    ]);
    ui.body = el('div', { class: 'ld-body' });
    ui.live = el('div', { class: 'ld-visually-hidden', 'aria-live': 'polite', testid: 'ld-live' });

    ui.panel = el('section', {
      class: 'ld-panel', id: 'librariandesk-panel', testid: 'ld-panel', role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': 'librariandesk-title', hidden: true
    }, [header, ui.connection, ui.error, ui.body]);
    ui.panel.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape') return;
      if (event.target === ui.faqInput && ui.faqInput.value) return; // Escape first clears the search box
      if (ui.confirm && !ui.confirm.hidden) { w.chat.hideEndConfirm(); event.stopPropagation(); return; }
      closePanel(true);
      event.stopPropagation();
    });

    append(ui.root, [ui.panel, ui.launcher, ui.live]); // the live region stays rendered while the panel is closed
    root.appendChild(ui.root);
    updateLauncher();
  }

  function updateLauncher() {
    ui.launcher.setAttribute('aria-expanded', S.open ? 'true' : 'false');
    var label = t(S.open ? 'Widget_Launcher_Close' : 'Widget_Launcher_Open');
    if (!S.open && S.unread > 0) label += ' (' + fmt('Widget_Unread', S.unread) + ')';
    ui.launcher.setAttribute('aria-label', label);
    ui.launcher.title = label;
    setText(ui.badge, S.unread > 9 ? '9+' : String(S.unread));
    show(ui.badge, !S.open && S.unread > 0);
    ui.root.classList.toggle('ld-is-open', S.open);
  }

  function openPanel(moveFocus) {
    if (!ui.panel) return;
    S.open = true;
    S.unread = 0;
    ui.panel.hidden = false;
    w.store.save('open', true);
    updateLauncher();
    w.chat.scrollMessages(true);
    if (moveFocus) focusView();
  }

  function closePanel(returnFocus) {
    if (!ui.panel) return;
    S.open = false;
    ui.panel.hidden = true;
    w.store.save('open', false);
    w.chat.hideEndConfirm();
    updateLauncher();
    if (returnFocus) ui.launcher.focus();
  }

  function showError(text) {
    setText(ui.errorText, text || t('Widget_Error_Generic'));
    ui.error.hidden = false;
  }

  function hideError() {
    if (ui.error) ui.error.hidden = true;
  }

  function announce(text) {
    var line = el('p', { text: text });
    ui.live.appendChild(line);
    while (ui.live.childNodes.length > 3) ui.live.removeChild(ui.live.firstChild);
  }

  function setConnectionState(state) {
    if (!ui.connection) return;
    if (state === 'reconnecting') setText(ui.connection, t('Widget_Connection_Reconnecting'));
    else if (state === 'offline') setText(ui.connection, t('Widget_Connection_Offline'));
    show(ui.connection, state === 'reconnecting' || state === 'offline');
    ui.root.setAttribute('data-connection', state);
  }

  // --- Desk status

  function isOpenDesk() {
    return !!(S.status && S.status.isOpen);
  }

  function applyStatus(status) {
    S.status = status || null;
    renderStatusLine();
    if (S.view === 'home') renderHomeActions();
    else if (S.view === 'prechat' && S.status && !S.status.isOpen) showView('offline', { focus: S.open });
    else if (S.view === 'offline') renderOfflineNotice();
    if (S.view === 'chat') w.chat.renderEndedBox();
  }

  function renderStatusLine() {
    if (!ui.status) return;
    var s = S.status;
    var text;
    if (!s) text = t('Widget_Status_Connecting');
    else if (s.isOpen) text = t('Widget_Status_Open');
    else {
      text = t('Widget_Status_Closed');
      if (s.nextOpening) text += ' · ' + fmt('Widget_Status_NextOpening', texts.formatWib(s.nextOpening));
    }
    setText(ui.status, text);
    ui.root.setAttribute('data-desk', s ? (s.isOpen ? 'open' : (s.state || 'closed')) : 'unknown');
  }

  /** Why the desk is closed and when it opens again, as a few short paragraphs. */
  function closedNotice() {
    var s = S.status || {};
    var reason;
    if (s.state === 'no_librarian') reason = t('Widget_Closed_NoLibrarian');
    else if (s.closedReason === 'holiday') reason = fmt('Widget_Closed_Holiday', s.holidayName || '');
    else if (s.closedReason === 'no_schedule') reason = t('Widget_Closed_NoSchedule');
    else reason = t('Widget_Closed_OutsideHours');
    var next = null;
    if (s.nextOpening) {
      next = texts.isTodayInWib(s.nextOpening)
        ? fmt('Widget_NextOpening_Today', texts.clockWib(s.nextOpening))
        : fmt('Widget_NextOpening', texts.formatWib(s.nextOpening));
    }
    return el('div', { class: 'ld-closed', testid: 'ld-closed-notice' }, [
      el('p', { class: 'ld-closed-title', text: t('Widget_Status_Closed') }),
      el('p', { testid: 'ld-closed-reason', text: reason }),
      next && el('p', { testid: 'ld-next-opening', text: next }),
      el('p', { text: t('Widget_Closed_Invite') })
    ]);
  }

  // --- Views

  function showView(name, opts) {
    opts = opts || {};
    S.view = name;
    hideError();
    clear(ui.body);
    var view;
    if (name === 'home') view = buildHome();
    else if (name === 'prechat') view = buildContactView('prechat');
    else if (name === 'offline') view = buildContactView('offline');
    else if (name === 'offline-sent') view = buildOfflineSent(opts.ack);
    else if (name === 'chat') view = w.chat.view();
    else if (name === 'blocked') view = buildBlocked(opts.message);
    ui.body.appendChild(view);
    ui.root.setAttribute('data-view', name);
    if (name === 'chat') { w.chat.renderChatState(); w.chat.scrollMessages(true); }
    if (opts.focus) focusView();
  }

  function focusView() {
    var target = null;
    if (S.view === 'home') target = ui.faqInput;
    else if (S.view === 'prechat' || S.view === 'offline') target = ui.form && ui.form.querySelector('input, select, textarea');
    else if (S.view === 'chat') {
      if (ui.composerInput && !ui.composer.hidden) target = ui.composerInput;
      else target = ui.ended && ui.ended.querySelector('button, input, textarea');
    } else target = ui.body.querySelector('[tabindex="-1"], button');
    if (target) {
      try { target.focus({ preventScroll: false }); } catch (e) { target.focus(); }
    }
  }

  function backButton() {
    return el('button', {
      type: 'button', class: 'ld-link ld-back', testid: 'ld-back',
      onclick: function () { showView('home', { focus: true }); }
    }, [icon('back'), t('Widget_Back')]);
  }

  // --- Home: greeting, FAQ search, start or leave a message

  function buildHome() {
    ui.greetingSlot = el('div', { class: 'ld-greeting-slot' });
    ui.faqInput = el('input', {
      type: 'search', id: nextId('faq'), class: 'ld-input', testid: 'ld-faq-search', autocomplete: 'off',
      placeholder: t('Widget_Faq_Placeholder'), enterkeyhint: 'search', maxlength: '200'
    });
    ui.faqStatus = el('p', { class: 'ld-faq-status', testid: 'ld-faq-status', 'aria-live': 'polite' });
    ui.faqResults = el('ul', { class: 'ld-faq-results', testid: 'ld-faq-results' });
    var faqTimer = null;
    ui.faqInput.addEventListener('input', function () {
      clearTimeout(faqTimer);
      var q = ui.faqInput.value.trim();
      if (!q) { S.faqSeq = (S.faqSeq || 0) + 1; clear(ui.faqResults); setText(ui.faqStatus, ''); return; }
      if (q.length < 2) return;
      faqTimer = setTimeout(function () { searchFaq(q); }, 350);
    });
    var form = el('form', {
      class: 'ld-faq', role: 'search', novalidate: true,
      onsubmit: function (event) {
        event.preventDefault();
        clearTimeout(faqTimer);
        var q = ui.faqInput.value.trim();
        if (q) searchFaq(q);
      }
    }, [
      el('label', { class: 'ld-label', for: ui.faqInput.id, text: t('Widget_Faq_Label') }),
      el('div', { class: 'ld-faq-row' }, [
        ui.faqInput,
        el('button', { type: 'submit', class: 'ld-button ld-secondary', testid: 'ld-faq-submit', text: t('Widget_Faq_Search') })
      ])
    ]);
    ui.homeActions = el('div', { class: 'ld-home-actions' });
    var view = el('div', { class: 'ld-view ld-home', testid: 'ld-home' }, [
      ui.greetingSlot,
      el('p', { class: 'ld-welcome', text: t('Widget_Welcome') }),
      form, ui.faqStatus, ui.faqResults, ui.homeActions
    ]);
    renderGreeting();
    renderHomeActions();
    return view;
  }

  function renderGreeting() {
    if (!ui.greetingSlot || S.view !== 'home') return;
    clear(ui.greetingSlot);
    var greeting = w.greeting.current;
    if (!greeting) return;
    ui.greetingSlot.appendChild(el('div', { class: 'ld-greeting', testid: 'ld-greeting' }, [
      el('p', { class: 'ld-msg-author', text: greeting.librarianName || t('Widget_Chat_Librarian') }),
      el('p', { class: 'ld-greeting-text', text: greeting.text || '' }),
      greeting.greetingId ? w.forms.greetingReplyForm(greeting) : null
    ]));
  }

  /** A reply to the greeting is being written: the greeting stays past its expiry. */
  function greetingReplyWritten() {
    var reply = ui.greetingSlot && ui.greetingSlot.querySelector('textarea');
    return !!(reply && reply.value.trim());
  }

  function renderHomeActions() {
    if (!ui.homeActions || S.view !== 'home') return;
    clear(ui.homeActions);
    if (!S.status || S.status.isOpen) {
      ui.homeActions.appendChild(el('button', {
        type: 'button', class: 'ld-button ld-primary ld-wide', testid: 'ld-new-conversation',
        text: t('Widget_NewConversation'), disabled: !S.status,
        onclick: function () { showView(isOpenDesk() ? 'prechat' : 'offline', { focus: true }); }
      }));
    } else {
      append(ui.homeActions, [
        closedNotice(),
        el('button', {
          type: 'button', class: 'ld-button ld-primary ld-wide', testid: 'ld-leave-message',
          text: t('Widget_LeaveMessage'), onclick: function () { showView('offline', { focus: true }); }
        })
      ]);
    }
  }

  function searchFaq(query) {
    S.faqSeq = (S.faqSeq || 0) + 1;
    var id = S.faqSeq;
    setText(ui.faqStatus, t('Widget_Faq_Searching'));
    w.connection.call('SearchFaq', query).then(function (answers) {
      if (id !== S.faqSeq || S.view !== 'home') return;
      renderFaq(answers || []);
    }, function (err) {
      if (id !== S.faqSeq || S.view !== 'home') return;
      setText(ui.faqStatus, w.errorSentence(err));
    });
  }

  function renderFaq(answers) {
    clear(ui.faqResults);
    answers.forEach(function (answer) {
      ui.faqResults.appendChild(el('li', null, el('details', {
        class: 'ld-faq-result', testid: 'ld-faq-result', 'data-faq-id': answer.id
      }, [
        el('summary', { class: 'ld-faq-question', text: answer.question || '' }),
        el('div', { class: 'ld-faq-answer', text: answer.answer || '' })
      ])));
    });
    setText(ui.faqStatus, answers.length ? fmt('Widget_Faq_ResultCount', answers.length) : t('Widget_Faq_NoResults'));
  }

  // --- The pre-chat form and the offline form (forms.mjs), on their own page

  function buildContactView(kind) {
    var offline = kind === 'offline';
    var form = w.forms.contactForm(kind);
    ui.offlineNotice = el('div', { class: 'ld-offline-notice' });
    var view = el('div', { class: 'ld-view ld-form-view ld-' + kind }, [
      backButton(),
      el('h3', { class: 'ld-view-title', tabindex: '-1', text: t(offline ? 'Widget_LeaveMessage' : 'Widget_NewConversation') }),
      offline ? ui.offlineNotice : el('p', { class: 'ld-intro', text: t('Widget_Prechat_Intro') }),
      form
    ]);
    if (offline) renderOfflineNotice();
    return view;
  }

  function renderOfflineNotice() {
    if (!ui.offlineNotice || S.view !== 'offline') return;
    clear(ui.offlineNotice);
    if (S.status && S.status.isOpen) {
      append(ui.offlineNotice, el('div', { class: 'ld-reopened', testid: 'ld-reopened' }, [
        el('p', { text: t('Widget_Reopened') }),
        el('button', {
          type: 'button', class: 'ld-button ld-secondary', testid: 'ld-new-conversation', text: t('Widget_NewConversation'),
          onclick: function () { showView('prechat', { focus: true }); }
        })
      ]));
      append(ui.offlineNotice, el('p', { class: 'ld-intro', text: t('Widget_Closed_Invite') }));
    } else if (S.status) {
      append(ui.offlineNotice, closedNotice());
    } else {
      append(ui.offlineNotice, el('p', { class: 'ld-intro', text: t('Widget_Closed_Invite') }));
    }
  }

  function buildOfflineSent(ack) {
    var when = ack && ack.receivedAt ? texts.formatWib(ack.receivedAt) : '';
    return el('div', { class: 'ld-view ld-offline-sent', testid: 'ld-offline-confirmation' }, [
      el('h3', { class: 'ld-view-title', tabindex: '-1', text: t('Widget_Offline_Thanks_Title') }),
      el('p', { text: fmt('Widget_Offline_Thanks', S.draft.name.trim(), when, S.draft.email.trim()) }),
      el('button', {
        type: 'button', class: 'ld-button ld-secondary ld-wide', testid: 'ld-home-button', text: t('Widget_Home'),
        onclick: function () { S.draft.text = ''; showView('home', { focus: true }); }
      })
    ]);
  }

  function buildBlocked(message) {
    return el('div', { class: 'ld-view ld-blocked', testid: 'ld-blocked' }, [
      el('p', { tabindex: '-1', text: message || t('Widget_Error_Generic') })
    ]);
  }

  return {
    build: build, updateLauncher: updateLauncher, openPanel: openPanel, closePanel: closePanel,
    showError: showError, hideError: hideError, announce: announce, setConnectionState: setConnectionState,
    isOpenDesk: isOpenDesk, applyStatus: applyStatus, showView: showView, focusView: focusView,
    renderGreeting: renderGreeting, greetingReplyWritten: greetingReplyWritten
  };
}
