/*
 * The forms a patron fills in: the pre-chat form and the offline form (the same fields), and the reply
 * to a greeting. Their rules (contactFieldProblem, greetingReplyProblem, emailProblem, messageTooLong)
 * need no DOM; each answers the sentence to show, or null. texts is i18n.mjs's, limits Hello's. The
 * privacy lines (privacyNotice, typingPreviewsOn) come from Hello's privacy.
 */
import { el, clear, setText, nextId } from './dom.mjs';
import { uuid, secretKey } from './ids.mjs';

var EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(value, texts) {
  if (!value) return texts.t('Widget_Error_EmailRequired');
  if (!EMAIL_PATTERN.test(value)) return texts.t('Widget_Error_EmailInvalid');
  return null;
}

export function messageTooLong(text, limits, texts) {
  return text.length > limits.maxMessageLength
    ? texts.fmt('Widget_Error_MessageTooLong', limits.maxMessageLength, text.length)
    : null;
}

function nameTooLong(name, limits, texts) {
  return name.length > limits.maxNameLength ? texts.fmt('Widget_Error_NameTooLong', limits.maxNameLength) : null;
}

/**
 * A field of the pre-chat or offline form: key is name, email, question-type or message; values the
 * form's { name, email, questionTypeId, text }. An empty message counts only once submitted (while
 * typing, only its length is checked); a question type is needed only when the desk offers some.
 */
export function contactFieldProblem(key, values, limits, questionTypeCount, submitted, texts) {
  var value;
  if (key === 'name') {
    value = values.name.trim();
    if (!value) return texts.t('Widget_Error_NameRequired');
    return nameTooLong(value, limits, texts);
  }
  if (key === 'email') return emailProblem(values.email.trim(), texts);
  if (key === 'question-type') {
    return questionTypeCount && !values.questionTypeId ? texts.t('Widget_Error_QuestionTypeRequired') : null;
  }
  if (key === 'message') {
    value = values.text.trim();
    if (!value && submitted) return texts.t('Widget_Error_MessageRequired');
    return messageTooLong(value, limits, texts);
  }
  return null;
}

/**
 * Whether the desk shows librarians a message while it is typed (privacy is Hello's). A desk that says
 * nothing (before Hello, or older than the setting) does, as it always did.
 */
export function typingPreviewsOn(privacy) {
  return !privacy || privacy.typingPreviews !== false;
}

/**
 * What the pre-chat and offline forms tell patrons: the library's notice, the link to it (https only, even
 * if a desk ever sent another kind) and, before a chat (live is true) while librarians see drafts, that a
 * message may be seen as it is typed; an offline message is never seen before it is sent. Each is null
 * when there is nothing to say.
 */
export function privacyNotice(privacy, texts, live) {
  var link = privacy && typeof privacy.link === 'string' && /^https:\/\//i.test(privacy.link) ? privacy.link : null;
  return {
    text: (privacy && privacy.text) || null,
    link: link,
    linkText: texts.t('Widget_Privacy_Link'),
    typing: live && typingPreviewsOn(privacy) ? texts.t('Widget_Privacy_TypingPreview') : null
  };
}

/** The reply to a greeting: only what the library requires is asked (greeting.nameRequired, .emailRequired). */
export function greetingReplyProblem(greeting, values, limits, texts) {
  var text = values.text.trim();
  var name = values.name.trim();
  if (!text) return texts.t('Widget_Error_MessageRequired');
  var tooLong = messageTooLong(text, limits, texts);
  if (tooLong) return tooLong;
  if (greeting.nameRequired && !name) return texts.t('Widget_Error_NameRequired');
  var longName = nameTooLong(name, limits, texts);
  if (longName) return longName;
  if (greeting.emailRequired) return emailProblem(values.email.trim(), texts);
  return null;
}

/** The forms' DOM. w is the widget (app.mjs): its state S, texts, views and actions. */
export function createForms(w) {
  var S = w.S;
  var texts = w.texts;
  var t = texts.t;

  /** A greeting is answered in place: only what the library requires is asked, then the chat opens with it. */
  function greetingReplyForm(greeting) {
    var problem = el('p', { class: 'ld-field-error', id: nextId('error'), testid: 'ld-greeting-error', hidden: true });
    var nameId = nextId('greeting-name');
    var emailId = nextId('greeting-email');
    var replyId = nextId('greeting-reply');
    var name = el('input', { type: 'text', class: 'ld-input', id: nameId, testid: 'ld-greeting-name', autocomplete: 'name', value: S.draft.name });
    var email = greeting.emailRequired
      ? el('input', { type: 'email', class: 'ld-input', id: emailId, testid: 'ld-greeting-email', autocomplete: 'email', inputmode: 'email', value: S.draft.email, 'aria-required': 'true' })
      : null;
    var reply = el('textarea', {
      class: 'ld-input ld-textarea', id: replyId, testid: 'ld-greeting-reply', rows: '2',
      placeholder: t('Widget_Greeting_Placeholder'), 'aria-describedby': problem.id
    });
    if (greeting.nameRequired) name.setAttribute('aria-required', 'true');
    var send = el('button', { type: 'submit', class: 'ld-button ld-primary', testid: 'ld-greeting-send', text: t('Widget_Greeting_Send') });
    var clientMessageId = uuid();
    // Answering starts a chat like the pre-chat form does, so the patron is told the same before sending.
    var privacy = el('div', { class: 'ld-privacy', testid: 'ld-privacy' });
    fillPrivacy(privacy, true);

    return el('form', {
      class: 'ld-form ld-greeting-form', testid: 'ld-greeting-form', novalidate: true,
      onsubmit: function (event) {
        event.preventDefault();
        if (send.disabled) return;
        var bad = greetingReplyProblem(greeting, { text: reply.value, name: name.value, email: email ? email.value : '' }, S.limits, texts);
        setText(problem, bad);
        problem.hidden = !bad;
        if (bad) { reply.focus(); return; }
        S.draft.name = name.value.trim();
        if (email) S.draft.email = email.value.trim();
        send.disabled = true;
        w.actions.answerGreeting(greeting, {
          greetingId: greeting.greetingId, text: reply.value.trim(), clientMessageId: clientMessageId,
          name: name.value.trim() || null, email: email ? email.value.trim() : null, pageUrl: location.href
        }).then(function () { send.disabled = false; }, function () { send.disabled = false; });
      }
    }, [
      el('label', { class: 'ld-label', for: nameId, text: t(greeting.nameRequired ? 'Widget_Field_Name' : 'Widget_Greeting_NameOptional') }),
      name,
      email && el('label', { class: 'ld-label', for: emailId, text: t('Widget_Field_Email') }),
      email,
      el('label', { class: 'ld-label', for: replyId, text: t('Widget_Greeting_Reply') }),
      reply, problem, privacy, send
    ]);
  }

  /** The pre-chat form (kind 'prechat') or the offline form ('offline'): the same fields, kept as a draft. */
  function contactForm(kind) {
    var offline = kind === 'offline';
    var draft = S.draft;
    var fields = {};
    var shownErrors = false;
    var clientMessageId = uuid();
    // Sent again with every retry of this start, so a lost answer never makes a second conversation.
    var startKey = secretKey();

    function field(key, labelText, control, hint) {
      var errorId = nextId('error');
      var hintId = hint ? nextId('hint') : null;
      control.id = nextId(key);
      control.setAttribute('aria-describedby', (hintId ? hintId + ' ' : '') + errorId);
      var error = el('p', { class: 'ld-field-error', id: errorId, testid: 'ld-error-' + key, hidden: true });
      fields[key] = { control: control, error: error };
      control.addEventListener('input', function () {
        rememberDraft();
        if (shownErrors || key === 'message') validate(key);
      });
      control.addEventListener('change', function () { rememberDraft(); if (shownErrors) validate(key); });
      return el('div', { class: 'ld-field ld-field-' + key }, [
        el('label', { class: 'ld-label', for: control.id, text: labelText }),
        hint && el('p', { class: 'ld-hint', id: hintId, text: hint }),
        control, error
      ]);
    }

    var name = el('input', { type: 'text', class: 'ld-input', testid: 'ld-name', autocomplete: 'name', value: draft.name, 'aria-required': 'true' });
    var email = el('input', { type: 'email', class: 'ld-input', testid: 'ld-email', autocomplete: 'email', inputmode: 'email', value: draft.email, 'aria-required': 'true' });
    var member = el('input', { type: 'text', class: 'ld-input', testid: 'ld-member', autocomplete: 'off', value: draft.member });
    var questionType = el('select', { class: 'ld-input ld-select', testid: 'ld-question-type', 'aria-required': 'true' });
    var message = el('textarea', { class: 'ld-input ld-textarea', testid: 'ld-message', rows: '4', 'aria-required': 'true' });
    message.value = draft.text;
    fillQuestionTypes(questionType, draft.questionTypeId);

    function rememberDraft() {
      draft.name = name.value;
      draft.email = email.value;
      draft.member = member.value;
      draft.questionTypeId = questionType.value;
      draft.text = message.value;
    }

    function validate(key) {
      var f = fields[key];
      var values = { name: name.value, email: email.value, questionTypeId: questionType.value, text: message.value };
      var text = contactFieldProblem(key, values, S.limits, S.questionTypes.length, shownErrors, texts);
      setText(f.error, text);
      f.error.hidden = !text;
      if (text) f.control.setAttribute('aria-invalid', 'true');
      else f.control.removeAttribute('aria-invalid');
      return !text;
    }

    var privacy = el('div', { class: 'ld-privacy', testid: 'ld-privacy' });
    fillPrivacy(privacy, !offline);

    var submit = el('button', {
      type: 'submit', class: 'ld-button ld-primary ld-wide', testid: offline ? 'ld-offline-send' : 'ld-start',
      text: t(offline ? 'Widget_Offline_Send' : 'Widget_Start')
    });

    var form = el('form', {
      class: 'ld-form', testid: offline ? 'ld-offline-form' : 'ld-prechat-form', novalidate: true,
      onsubmit: function (event) {
        event.preventDefault();
        if (submit.disabled) return;
        shownErrors = true;
        var firstInvalid = null;
        ['name', 'email', 'question-type', 'message'].forEach(function (key) {
          if (!validate(key) && !firstInvalid) firstInvalid = fields[key].control;
        });
        if (firstInvalid) { firstInvalid.focus(); return; }
        w.views.hideError();
        rememberDraft();
        var request = {
          name: name.value.trim(),
          email: email.value.trim(),
          memberNumber: member.value.trim() || null,
          questionTypeId: questionType.value ? Number(questionType.value) : 0,
          text: message.value.trim(),
          visitorId: w.visitorId
        };
        submit.disabled = true;
        setText(submit, t(offline ? 'Widget_Msg_Sending' : 'Widget_Starting'));
        var done = function () { submit.disabled = false; setText(submit, t(offline ? 'Widget_Offline_Send' : 'Widget_Start')); };
        if (offline) w.actions.sendOffline(request).then(done, done);
        else {
          request.clientMessageId = clientMessageId;
          request.startKey = startKey;
          request.pageUrl = location.href;
          w.actions.startConversation(request).then(done, done);
        }
      }
    }, [
      field('name', t('Widget_Field_Name'), name),
      field('email', t('Widget_Field_Email'), email),
      field('member', t('Widget_Field_Member'), member, t('Widget_Field_Member_Hint')),
      field('question-type', t('Widget_Field_QuestionType'), questionType),
      field('message', t('Widget_Field_Message'), message),
      privacy,
      submit
    ]);
    w.ui.form = form;
    w.ui.privacy = privacy;
    w.ui.fillPrivacy = function () { fillPrivacy(privacy, !offline); };
    w.ui.questionTypeSelect = questionType;
    return form;
  }

  /** Filled again (w.ui.fillPrivacy) when Hello answers after the form was shown. */
  function fillPrivacy(container, live) {
    var notice = privacyNotice(S.privacy, texts, live);
    clear(container);
    if (notice.text) container.appendChild(el('p', { class: 'ld-hint', testid: 'ld-privacy-text', text: notice.text }));
    if (notice.link) {
      container.appendChild(el('p', { class: 'ld-hint' }, el('a', {
        href: notice.link, target: '_blank', rel: 'noopener noreferrer', testid: 'ld-privacy-link', text: notice.linkText
      })));
    }
    if (notice.typing) container.appendChild(el('p', { class: 'ld-hint', testid: 'ld-privacy-typing', text: notice.typing }));
  }

  function fillQuestionTypes(select, selected) {
    clear(select);
    select.appendChild(el('option', { value: '', text: t('Widget_Field_QuestionType_Choose') }));
    S.questionTypes.forEach(function (type) {
      var option = el('option', { value: String(type.id), text: type.name });
      if (String(type.id) === String(selected)) option.selected = true;
      select.appendChild(option);
    });
  }

  return { greetingReplyForm: greetingReplyForm, contactForm: contactForm, fillQuestionTypes: fillQuestionTypes };
}
