/*
 * LibrarianDesk patron widget ("Tanya Pustakawan").
 *
 * Embed with one tag:
 *   <script async src="https://desk.example/widget.js" data-lang="id"></script>
 * Options (data attributes on that tag): data-lang ("id" | "en"), data-position ("right" | "left"),
 * data-color (a CSS colour, default #1f7a4d), data-title (the panel title).
 *
 * Plain JavaScript, no build step. It loads, from the desk's own origin: the vendored SignalR client
 * (/widget/vendor/signalr.min.js), its style sheet (/widget/widget.css) and its texts
 * (/widget/strings/<lang>, JSON; no UI text lives in this file), then speaks the PatronHub API at
 * /hubs/patron (docs/widget-api.md). Everything renders inside an open shadow root, and every text a
 * patron or a librarian wrote is inserted with textContent, never as HTML.
 */
(function () {
  'use strict';

  if (window.LibrarianDeskWidget) return; // embedded twice: the first copy wins
  window.LibrarianDeskWidget = { loaded: true };

  var STORAGE_PREFIX = 'librariandesk:';
  var RECONNECT_DELAYS = [0, 2000, 5000, 10000, 20000, 30000];
  var RETRY_EVERY = 30000;
  var TYPING_THROTTLE = 1500;
  var READY_TIMEOUT = 15000;
  var PAGE_CHECK_EVERY = 2000;
  var KEEP_CLOSED_CONVERSATION = 30 * 60 * 1000;
  var EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

  var script = document.currentScript || findOwnScript();
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
  var options = script.dataset || {};
  var lang = String(options.lang || 'id').toLowerCase().slice(0, 2) === 'en' ? 'en' : 'id';
  var position = options.position === 'left' ? 'left' : 'right';
  var accent = validColour(options.color) ? options.color : '#1f7a4d';

  function findOwnScript() {
    var scripts = document.getElementsByTagName('script');
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/widget\.js(?:[?#]|$)/.test(scripts[i].src || '')) return scripts[i];
    }
    return null;
  }

  function validColour(value) {
    if (!value) return false;
    if (window.CSS && CSS.supports) return CSS.supports('color', value);
    return /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value);
  }

  // ---------------------------------------------------------------------------------------------
  // Storage (local storage of the library's site; falls back to memory where it is unavailable)

  var memoryStore = {};

  function load(key) {
    try {
      var raw = window.localStorage.getItem(STORAGE_PREFIX + key);
      return raw == null ? null : JSON.parse(raw);
    } catch (e) {
      return key in memoryStore ? memoryStore[key] : null;
    }
  }

  function save(key, value) {
    memoryStore[key] = value;
    try {
      if (value == null) window.localStorage.removeItem(STORAGE_PREFIX + key);
      else window.localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
    } catch (e) { /* private mode or storage disabled: memory only */ }
  }

  // 256 random bits in hex: a start key (docs/widget-api.md), as secret as the patron token it becomes.
  function secretKey() {
    var bytes = new Uint8Array(32);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    var hex = '';
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 0x100).toString(16).slice(1);
    return hex;
  }

  function uuid() {
    var bytes = new Uint8Array(16);
    var cryptoObj = window.crypto || window.msCrypto;
    if (cryptoObj && cryptoObj.getRandomValues) cryptoObj.getRandomValues(bytes);
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = [];
    for (var j = 0; j < 16; j++) hex.push((bytes[j] + 0x100).toString(16).slice(1));
    return hex.slice(0, 4).join('') + '-' + hex.slice(4, 6).join('') + '-' + hex.slice(6, 8).join('') + '-' +
      hex.slice(8, 10).join('') + '-' + hex.slice(10, 16).join('');
  }

  var visitorId = load('visitorId');
  if (typeof visitorId !== 'string' || !visitorId) {
    visitorId = uuid();
    save('visitorId', visitorId);
  }

  // ---------------------------------------------------------------------------------------------
  // Texts and times

  var strings = {};

  function t(key) {
    return Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
  }

  /** A text with .NET-style placeholders {0}, {1}… filled in (as plain text). */
  function fmt(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    return t(key).replace(/\{(\d+)\}/g, function (m, index) {
      var value = args[Number(index)];
      return value == null ? '' : String(value);
    });
  }

  /** The text split around {0}, with a node in its place: for a name that needs its own element. */
  function fmtNodes(key, node) {
    var parts = t(key).split('{0}');
    var out = [parts[0]];
    for (var i = 1; i < parts.length; i++) out.push(node, parts[i]);
    return out;
  }

  var wibFormat = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'id-ID', {
    timeZone: 'Asia/Jakarta', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });

  function wibParts(date) {
    var parts = {};
    wibFormat.formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    if (parts.hour === '24') parts.hour = '00';
    return parts;
  }

  function toDate(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? null : d;
  }

  function isTodayInWib(iso) {
    var d = toDate(iso);
    if (!d) return false;
    var a = wibParts(d), b = wibParts(new Date());
    return a.year === b.year && a.month === b.month && a.day === b.day;
  }

  function wibClock(parts) {
    return parts.hour + (lang === 'en' ? ':' : '.') + parts.minute;
  }

  /** "14.05" today, "Sen, 28 Des 14.05" otherwise ("14:05" / "Mon 28 Dec 14:05" in English), in WIB. */
  function formatWib(iso) {
    var d = toDate(iso);
    if (!d) return '';
    var p = wibParts(d);
    if (isTodayInWib(iso)) return wibClock(p);
    return lang === 'en'
      ? p.weekday + ' ' + p.day + ' ' + p.month + ' ' + wibClock(p)
      : p.weekday + ', ' + p.day + ' ' + p.month + ' ' + wibClock(p);
  }

  function formatWibFull(iso) {
    var d = toDate(iso);
    if (!d) return '';
    var p = wibParts(d);
    return (lang === 'en' ? p.weekday + ' ' + p.day + ' ' + p.month + ' ' + p.year
      : p.weekday + ', ' + p.day + ' ' + p.month + ' ' + p.year) + ' ' + wibClock(p) + ' WIB';
  }

  // ---------------------------------------------------------------------------------------------
  // DOM helpers (no innerHTML anywhere)

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var ICONS = {
    chat: 'M5 4h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H10l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
    close: 'M6 6l12 12M18 6L6 18',
    send: 'M4 12l16-8-5 16-3-7-8-1z',
    back: 'M15 5l-7 7 7 7',
    star: 'M12 3.5l2.6 5.5 6 .7-4.4 4.1 1.2 6L12 16.8 6.6 19.8l1.2-6L3.4 9.7l6-.7z'
  };

  function icon(name) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'ld-icon ld-icon-' + name);
    var path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  /**
   * el('button', { class: 'x', testid: 'ld-send', text: 'Kirim', onclick: fn, 'aria-label': '…' }, children)
   * "text" sets textContent; children may be nodes or strings (added as text nodes).
   */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value == null || value === false) return;
        if (name === 'text') node.textContent = value;
        else if (name === 'class') node.className = value;
        else if (name === 'testid') node.setAttribute('data-testid', value);
        else if (name.slice(0, 2) === 'on' && typeof value === 'function') node.addEventListener(name.slice(2), value);
        else if (name === 'hidden') node.hidden = true;
        else if (name === 'disabled') node.disabled = true;
        else if (name === 'value') node.value = value;
        else node.setAttribute(name, value === true ? '' : String(value));
      });
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    if (children == null) return node;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (child) {
      if (child == null || child === false) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function setText(node, text) {
    node.textContent = text == null ? '' : text;
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  var idCounter = 0;
  function nextId(name) {
    idCounter += 1;
    return 'librariandesk-' + name + '-' + idCounter;
  }

  // ---------------------------------------------------------------------------------------------
  // State

  var S = {
    ready: false,            // connected and Hello answered
    blocked: false,
    status: null,            // DeskStatusInfo
    questionTypes: [],
    limits: { maxMessageLength: 2000, maxNameLength: 100 },
    view: 'home',
    open: false,
    greeting: null,
    unread: 0,
    pageReported: false,
    resumedOnce: false,
    draft: { name: '', email: '', member: '', questionTypeId: '', text: '' },
    conv: null,              // stored: {conversationId, patronToken, lastSequence, name, email, member, questionTypeId, pending, closedReason, closedAt, rated, transcriptTo}
    convStatus: null,        // waiting | active | closed | missed
    librarianName: null,
    entries: [],
    bySeq: {},
    byCid: {},
    contiguous: 0,
    flushing: false
  };

  var conn = null;
  var startTimer = null;
  var startAttempt = 0;
  var autoReconnecting = false;
  var readyWaiters = [];
  var ui = {};

  // ---------------------------------------------------------------------------------------------
  // Boot: the style sheet, the texts and the SignalR client, in parallel. The widget shows itself only
  // when all three arrived: unstyled, it would spill its words down the library's page. Otherwise it
  // leaves the page as it found it and tells the library's web team why, in the console.

  function whenBody() {
    return new Promise(function (resolve) {
      if (document.body) resolve();
      else document.addEventListener('DOMContentLoaded', function () { resolve(); });
    });
  }

  /** A part the widget cannot work without did not arrive; a site's CSP is the usual cause. */
  function missing(part, url, directive, detail) {
    var error = new Error('LibrarianDesk widget stays hidden: ' + part + ' ' + url + ' did not load' +
      (detail ? ' (' + detail + ')' : '') + '. If this site sends a Content-Security-Policy, its ' + directive +
      ' must list ' + origin + '.');
    error.explained = true;
    return error;
  }

  function loadStrings(attempt) {
    var url = origin + '/widget/strings/' + lang;
    return fetch(url, { credentials: 'omit', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .catch(function (err) {
        // Three more tries over 7 s ride out a desk restarting; a site's CSP refuses every time.
        if (attempt >= 3) throw missing('its texts', url, 'connect-src', err && err.message);
        return new Promise(function (resolve) {
          setTimeout(resolve, 1000 * Math.pow(2, attempt));
        }).then(function () { return loadStrings(attempt + 1); });
      });
  }

  function loadSignalR() {
    return new Promise(function (resolve, reject) {
      var previous = window.signalR;
      var tag = document.createElement('script');
      tag.src = origin + '/widget/vendor/signalr.min.js';
      tag.async = true;
      var failed = function (detail) { return missing('its SignalR client', tag.src, 'script-src', detail); };
      tag.onload = function () {
        tag.parentNode.removeChild(tag); // it has run: the library's page keeps no trace of it
        var ours = window.signalR;
        if (previous !== undefined) window.signalR = previous; // leave the site's own copy alone
        if (ours && ours.HubConnectionBuilder) resolve(ours);
        else reject(failed('it defines no signalR.HubConnectionBuilder'));
      };
      tag.onerror = function () {
        tag.parentNode.removeChild(tag);
        reject(failed(null));
      };
      (document.head || document.documentElement).appendChild(tag);
    });
  }

  /** Resolves once widget.css applies inside the root; a blocked sheet fires 'error', a wrong one applies nothing. */
  function loadStyleSheet(root) {
    var url = origin + '/widget/widget.css';
    return new Promise(function (resolve, reject) {
      var link = el('link', { rel: 'stylesheet', href: url });
      link.addEventListener('load', function () {
        if (styleSheetApplies(root)) resolve();
        else reject(missing('its style sheet', url, 'style-src', 'it loaded but does not apply'));
      });
      link.addEventListener('error', function () { reject(missing('its style sheet', url, 'style-src', null)); });
      setTimeout(function () {
        reject(missing('its style sheet', url, 'style-src', 'no answer in ' + READY_TIMEOUT / 1000 + ' s'));
      }, READY_TIMEOUT);
      root.appendChild(link);
    });
  }

  /** widget.css gives .ld-sheet-probe a custom property; only an applied sheet sets it. */
  function styleSheetApplies(root) {
    var probe = el('span', { class: 'ld-sheet-probe', hidden: true });
    root.appendChild(probe);
    var applies = window.getComputedStyle(probe).getPropertyValue('--ld-sheet').trim() === 'applied';
    root.removeChild(probe);
    return applies;
  }

  var signalR = null;

  whenBody().then(function () {
    var root = createRoot();
    return Promise.all([loadStrings(0), loadSignalR(), loadStyleSheet(root)]).then(function (loaded) {
      strings = loaded[0] || {};
      signalR = loaded[1];
      build(root);
      restoreConversation();
      connect();
    }).catch(function (err) {
      var host = root.host || root;
      if (host.parentNode) host.parentNode.removeChild(host);
      throw err;
    });
  }).catch(function (err) {
    if (!window.console) return;
    console.error(err && err.explained ? err.message : 'LibrarianDesk widget stays hidden: it could not start (' + err + ').');
  });

  function createRoot() {
    var host = document.createElement('div');
    host.id = 'librariandesk-widget';
    host.setAttribute('data-librariandesk', 'widget');
    host.style.cssText = 'position:static;display:block;width:0;height:0;margin:0;padding:0;border:0;overflow:visible;';
    document.body.appendChild(host);
    return host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  }

  // ---------------------------------------------------------------------------------------------
  // The frame: launcher, panel, header, banners, live region

  function build(root) {
    var onAccent = readableOn(accent);
    ui.root = el('div', { class: 'ld-root ld-pos-' + position, lang: lang });
    ui.root.style.setProperty('--ld-accent', accent);
    ui.root.style.setProperty('--ld-on-accent', onAccent);

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
      if (ui.confirm && !ui.confirm.hidden) { hideEndConfirm(); event.stopPropagation(); return; }
      closePanel(true);
      event.stopPropagation();
    });

    append(ui.root, [ui.panel, ui.launcher, ui.live]); // the live region stays rendered while the panel is closed
    root.appendChild(ui.root);
    updateLauncher();
  }

  /** White or near-black text, whichever reads better on the chosen colour. */
  function readableOn(colour) {
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
    save('open', true);
    updateLauncher();
    scrollMessages(true);
    if (moveFocus) focusView();
  }

  function closePanel(returnFocus) {
    if (!ui.panel) return;
    S.open = false;
    ui.panel.hidden = true;
    save('open', false);
    hideEndConfirm();
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

  // ---------------------------------------------------------------------------------------------
  // Desk status

  function isOpenDesk() {
    return !!(S.status && S.status.isOpen);
  }

  function applyStatus(status) {
    S.status = status || null;
    renderStatusLine();
    if (S.view === 'home') renderHomeActions();
    else if (S.view === 'prechat' && S.status && !S.status.isOpen) showView('offline', { focus: S.open });
    else if (S.view === 'offline') renderOfflineNotice();
    if (S.view === 'chat') renderEndedBox();
  }

  function renderStatusLine() {
    if (!ui.status) return;
    var s = S.status;
    var text;
    if (!s) text = t('Widget_Status_Connecting');
    else if (s.isOpen) text = t('Widget_Status_Open');
    else {
      text = t('Widget_Status_Closed');
      if (s.nextOpening) text += ' · ' + fmt('Widget_Status_NextOpening', formatWib(s.nextOpening));
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
      next = isTodayInWib(s.nextOpening)
        ? fmt('Widget_NextOpening_Today', wibClock(wibParts(toDate(s.nextOpening))))
        : fmt('Widget_NextOpening', formatWib(s.nextOpening));
    }
    return el('div', { class: 'ld-closed', testid: 'ld-closed-notice' }, [
      el('p', { class: 'ld-closed-title', text: t('Widget_Status_Closed') }),
      el('p', { testid: 'ld-closed-reason', text: reason }),
      next && el('p', { testid: 'ld-next-opening', text: next }),
      el('p', { text: t('Widget_Closed_Invite') })
    ]);
  }

  // ---------------------------------------------------------------------------------------------
  // Views

  function showView(name, opts) {
    opts = opts || {};
    S.view = name;
    hideError();
    clear(ui.body);
    var view;
    if (name === 'home') view = buildHome();
    else if (name === 'prechat') view = buildContactForm('prechat');
    else if (name === 'offline') view = buildContactForm('offline');
    else if (name === 'offline-sent') view = buildOfflineSent(opts.ack);
    else if (name === 'chat') view = chatView();
    else if (name === 'blocked') view = buildBlocked(opts.message);
    ui.body.appendChild(view);
    ui.root.setAttribute('data-view', name);
    if (name === 'chat') { renderChatState(); scrollMessages(true); }
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
    if (!S.greeting) return;
    var greeting = S.greeting;
    ui.greetingSlot.appendChild(el('div', { class: 'ld-greeting', testid: 'ld-greeting' }, [
      el('p', { class: 'ld-msg-author', text: greeting.librarianName || t('Widget_Chat_Librarian') }),
      el('p', { class: 'ld-greeting-text', text: greeting.text || '' }),
      greeting.greetingId ? greetingReplyForm(greeting) : null
    ]));
  }

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

    function check() {
      var text = reply.value.trim();
      if (!text) return t('Widget_Error_MessageRequired');
      if (text.length > S.limits.maxMessageLength) return fmt('Widget_Error_MessageTooLong', S.limits.maxMessageLength, text.length);
      if (greeting.nameRequired && !name.value.trim()) return t('Widget_Error_NameRequired');
      if (name.value.trim().length > S.limits.maxNameLength) return fmt('Widget_Error_NameTooLong', S.limits.maxNameLength);
      if (email && !email.value.trim()) return t('Widget_Error_EmailRequired');
      if (email && !EMAIL_PATTERN.test(email.value.trim())) return t('Widget_Error_EmailInvalid');
      return null;
    }

    return el('form', {
      class: 'ld-form ld-greeting-form', testid: 'ld-greeting-form', novalidate: true,
      onsubmit: function (event) {
        event.preventDefault();
        if (send.disabled) return;
        var bad = check();
        setText(problem, bad);
        problem.hidden = !bad;
        if (bad) { reply.focus(); return; }
        S.draft.name = name.value.trim();
        if (email) S.draft.email = email.value.trim();
        send.disabled = true;
        answerGreeting(greeting, {
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
      reply, problem, send
    ]);
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
    whenReady().then(function () {
      return conn.invoke('SearchFaq', query);
    }).then(function (answers) {
      if (id !== S.faqSeq || S.view !== 'home') return;
      renderFaq(answers || []);
    }, function (err) {
      if (id !== S.faqSeq || S.view !== 'home') return;
      setText(ui.faqStatus, errorSentence(err));
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

  // --- The pre-chat form and the offline form (same fields)

  function buildContactForm(kind) {
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

    function problem(key) {
      var limits = S.limits;
      var value;
      if (key === 'name') {
        value = name.value.trim();
        if (!value) return t('Widget_Error_NameRequired');
        if (value.length > limits.maxNameLength) return fmt('Widget_Error_NameTooLong', limits.maxNameLength);
      } else if (key === 'email') {
        value = email.value.trim();
        if (!value) return t('Widget_Error_EmailRequired');
        if (!EMAIL_PATTERN.test(value)) return t('Widget_Error_EmailInvalid');
      } else if (key === 'question-type') {
        if (S.questionTypes.length && !questionType.value) return t('Widget_Error_QuestionTypeRequired');
      } else if (key === 'message') {
        value = message.value.trim();
        if (!value && shownErrors) return t('Widget_Error_MessageRequired');
        if (value.length > limits.maxMessageLength) return fmt('Widget_Error_MessageTooLong', limits.maxMessageLength, value.length);
      }
      return null;
    }

    function validate(key) {
      var f = fields[key];
      var text = problem(key);
      setText(f.error, text);
      f.error.hidden = !text;
      if (text) f.control.setAttribute('aria-invalid', 'true');
      else f.control.removeAttribute('aria-invalid');
      return !text;
    }

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
        hideError();
        rememberDraft();
        var request = {
          name: name.value.trim(),
          email: email.value.trim(),
          memberNumber: member.value.trim() || null,
          questionTypeId: questionType.value ? Number(questionType.value) : 0,
          text: message.value.trim(),
          visitorId: visitorId
        };
        submit.disabled = true;
        setText(submit, t(offline ? 'Widget_Msg_Sending' : 'Widget_Starting'));
        var done = function () { submit.disabled = false; setText(submit, t(offline ? 'Widget_Offline_Send' : 'Widget_Start')); };
        if (offline) sendOffline(request).then(done, done);
        else {
          request.clientMessageId = clientMessageId;
          request.startKey = startKey;
          request.pageUrl = location.href;
          startConversation(request).then(done, done);
        }
      }
    }, [
      field('name', t('Widget_Field_Name'), name),
      field('email', t('Widget_Field_Email'), email),
      field('member', t('Widget_Field_Member'), member, t('Widget_Field_Member_Hint')),
      field('question-type', t('Widget_Field_QuestionType'), questionType),
      field('message', t('Widget_Field_Message'), message),
      submit
    ]);
    ui.form = form;
    ui.questionTypeSelect = questionType;
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

  function fillQuestionTypes(select, selected) {
    clear(select);
    select.appendChild(el('option', { value: '', text: t('Widget_Field_QuestionType_Choose') }));
    S.questionTypes.forEach(function (type) {
      var option = el('option', { value: String(type.id), text: type.name });
      if (String(type.id) === String(selected)) option.selected = true;
      select.appendChild(option);
    });
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
    var when = ack && ack.receivedAt ? formatWib(ack.receivedAt) : '';
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

  // --- The conversation

  function chatView() {
    if (ui.chat) return ui.chat;
    ui.agentWaiting = el('span', { class: 'ld-waiting', testid: 'ld-waiting', text: t('Widget_Chat_Waiting') });
    ui.librarian = el('strong', { class: 'ld-librarian-name', testid: 'ld-librarian' });
    ui.agentServed = el('span', { class: 'ld-served', hidden: true }, fmtNodes('Widget_Chat_ServedBy', ui.librarian));
    ui.agent = el('p', { class: 'ld-agent', role: 'status' }, [ui.agentWaiting, ui.agentServed]);
    ui.endButton = el('button', {
      type: 'button', class: 'ld-button ld-ghost ld-end', testid: 'ld-end', text: t('Widget_End'),
      onclick: showEndConfirm
    });
    ui.confirmYes = el('button', {
      type: 'button', class: 'ld-button ld-danger', testid: 'ld-end-confirm', text: t('Widget_End_Yes'),
      onclick: endConversation
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
      var length = ui.composerInput.value.trim().length;
      if (length <= S.limits.maxMessageLength) ui.composerError.hidden = true;
      else {
        setText(ui.composerError, fmt('Widget_Error_MessageTooLong', S.limits.maxMessageLength, length));
        ui.composerError.hidden = false;
      }
      typingChanged();
    });
    ui.composer = el('form', {
      class: 'ld-composer', testid: 'ld-composer-form', novalidate: true,
      onsubmit: function (event) { event.preventDefault(); submitComposer(); }
    }, [
      el('label', { class: 'ld-visually-hidden', for: ui.composerInput.id, text: t('Widget_Composer_Label') }),
      composerHint,
      ui.composerInput,
      el('button', {
        type: 'submit', class: 'ld-send', testid: 'ld-send', 'aria-label': t('Widget_Send'), title: t('Widget_Send')
      }, icon('send'))
    ]);
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

  function autosize(textarea) {
    textarea.style.height = 'auto';
    textarea.style.height = Math.min(textarea.scrollHeight, 140) + 'px';
  }

  function isEnded() {
    return S.convStatus === 'closed' || S.convStatus === 'missed';
  }

  function renderChatState() {
    if (!ui.chat) return;
    var claimed = !!S.librarianName;
    setText(ui.librarian, S.librarianName || '');
    ui.agentServed.hidden = !claimed;
    ui.agentWaiting.hidden = claimed || isEnded();
    ui.endButton.hidden = isEnded();
    ui.chatBar.hidden = isEnded() && !claimed;
    ui.composer.hidden = isEnded();
    if (isEnded()) { ui.composerError.hidden = true; hideEndConfirm(); setTyping(false); }
    renderEndedBox();
  }

  function showEndConfirm() {
    ui.confirm.hidden = false;
    ui.confirmYes.focus();
  }

  function hideEndConfirm() {
    if (ui.confirm) ui.confirm.hidden = true;
  }

  var typingHideTimer = null;

  function setTyping(isTyping) {
    if (!ui.typing) return;
    clearTimeout(typingHideTimer);
    if (isTyping && !isEnded()) {
      setText(ui.typing, S.librarianName ? fmt('Widget_Chat_Typing', S.librarianName) : t('Widget_Chat_TypingAnon'));
      ui.typing.hidden = false;
      typingHideTimer = setTimeout(function () { setTyping(false); }, 15000);
    } else ui.typing.hidden = true;
  }

  function messageElement(entry) {
    var author = entry.author;
    var name = author === 'patron' ? t('Widget_Chat_You')
      : author === 'librarian' ? (entry.authorName || S.librarianName || t('Widget_Chat_Librarian')) : null;
    entry.timeEl = el('time', { class: 'ld-msg-time' });
    entry.stateEl = el('span', { class: 'ld-msg-state' });
    // the retry button exists only while the message has failed, so [data-testid=ld-retry] names just those
    entry.retryEl = el('button', {
      type: 'button', class: 'ld-link ld-retry', testid: 'ld-retry', text: t('Widget_Msg_Retry'),
      onclick: function () { retry(entry); }
    });
    var node = el('li', {
      class: 'ld-msg ld-msg-' + author, testid: 'ld-message-item', 'data-author': author
    }, [
      name && el('p', { class: 'ld-msg-author', text: name }),
      el('p', { class: 'ld-msg-text', testid: 'ld-message-text', text: entry.text }),
      entry.metaEl = el('p', { class: 'ld-msg-meta' }, [entry.timeEl, entry.stateEl])
    ]);
    node.ldEntry = entry;
    entry.el = node;
    updateMessageElement(entry);
    return node;
  }

  function updateMessageElement(entry) {
    var node = entry.el;
    node.setAttribute('data-state', entry.state);
    if (entry.seq != null) node.setAttribute('data-sequence', String(entry.seq));
    if (entry.sentAt) {
      setText(entry.timeEl, formatWib(entry.sentAt));
      entry.timeEl.setAttribute('datetime', entry.sentAt);
      entry.timeEl.title = formatWibFull(entry.sentAt);
    }
    entry.timeEl.hidden = !entry.sentAt;
    setText(entry.stateEl, entry.state === 'sending' ? t('Widget_Msg_Sending') : entry.state === 'failed' ? t('Widget_Msg_Failed') : '');
    entry.stateEl.hidden = entry.state === 'sent';
    if (entry.state === 'failed') entry.metaEl.appendChild(entry.retryEl);
    else if (entry.retryEl.parentNode) entry.retryEl.parentNode.removeChild(entry.retryEl);
  }

  /** Keeps the list in server order: messages by sequence, the ones still without one at the end. */
  function place(entry) {
    var list = chatView() && ui.messages;
    var before = null;
    if (entry.seq != null) {
      for (var child = list.firstChild; child; child = child.nextSibling) {
        var other = child.ldEntry;
        if (other !== entry && (other.seq == null || other.seq > entry.seq)) { before = child; break; }
      }
    }
    if (entry.el.parentNode === list && entry.el.nextSibling === before) return;
    list.insertBefore(entry.el, before);
  }

  function scrollMessages(force) {
    var list = ui.messages;
    if (!list || S.view !== 'chat') return;
    var nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    if (force || nearBottom) list.scrollTop = list.scrollHeight;
  }

  function resetConversationState() {
    S.entries = [];
    S.bySeq = {};
    S.byCid = {};
    S.contiguous = 0;
    S.convStatus = null;
    S.librarianName = null;
    S.resumedOnce = false;
    ui.chat = null;
    ui.messages = null;
    ui.typing = null;
    ui.composer = null;
    ui.composerInput = null;
    ui.ended = null;
    ui.confirm = null;
    typingState.sent = '';
  }

  function persistConversation() {
    if (!S.conv) return;
    S.conv.lastSequence = S.contiguous;
    S.conv.pending = S.entries
      .filter(function (e) { return e.seq == null && e.author === 'patron'; })
      .map(function (e) { return { clientMessageId: e.cid, text: e.text }; });
    save('conversation', S.conv);
  }

  function forgetConversation() {
    S.conv = null;
    save('conversation', null);
    resetConversationState();
  }

  /** On page load: show a stored conversation at once (history follows from Resume once connected). */
  function restoreConversation() {
    var stored = load('conversation');
    if (stored && stored.conversationId && stored.patronToken) {
      if (stored.closedAt && Date.now() - stored.closedAt > KEEP_CLOSED_CONVERSATION) {
        save('conversation', null);
      } else {
        S.conv = stored;
        S.draft.name = stored.name || '';
        S.draft.email = stored.email || '';
        S.draft.member = stored.member || '';
        S.draft.questionTypeId = stored.questionTypeId || '';
        S.convStatus = stored.closedAt ? 'closed' : null;
        (stored.pending || []).forEach(function (p) {
          addOwnMessage(p.text, p.clientMessageId);
        });
        showView('chat');
        if (load('open')) openPanel(false);
        return;
      }
    }
    showView('home');
  }

  function addOwnMessage(text, clientMessageId) {
    var entry = {
      seq: null, cid: clientMessageId || uuid(), author: 'patron', authorName: S.conv && S.conv.name,
      text: text, sentAt: null, state: 'sending'
    };
    S.entries.push(entry);
    S.byCid[entry.cid] = entry;
    messageElement(entry);
    place(entry);
    return entry;
  }

  /** A message from the server (push, Resume or an acknowledgement's first message); never shown twice. */
  function addServerMessage(message, live) {
    if (!S.conv || !message || !sameId(message.conversationId, S.conv.conversationId)) return;
    var seq = message.sequence;
    if (S.bySeq[seq]) return;
    var entry = message.clientMessageId ? S.byCid[message.clientMessageId] : null;
    if (entry && entry.seq == null) {
      entry.seq = seq;
      entry.sentAt = message.sentAt;
      entry.state = 'sent';
      updateMessageElement(entry);
    } else if (entry) {
      return; // already shown under another sequence: should not happen, never show it twice
    } else {
      entry = {
        seq: seq, cid: message.clientMessageId || null, author: message.author || 'system',
        authorName: message.authorName, text: message.text || '', sentAt: message.sentAt, state: 'sent'
      };
      S.entries.push(entry);
      if (entry.cid) S.byCid[entry.cid] = entry;
      messageElement(entry);
      if (live && entry.author !== 'patron') {
        announce(fmt('Widget_Announce_Message',
          entry.author === 'librarian' ? (entry.authorName || S.librarianName || t('Widget_Chat_Librarian')) : t('Widget_Title'),
          entry.text));
        if (!S.open) { S.unread += 1; updateLauncher(); }
      }
    }
    S.bySeq[seq] = entry;
    place(entry);
    while (S.bySeq[S.contiguous + 1]) S.contiguous += 1;
    if (entry.author === 'librarian') {
      setTyping(false);
      if (!S.librarianName && entry.authorName) S.librarianName = entry.authorName;
      if (S.convStatus === 'waiting' || S.convStatus == null) S.convStatus = 'active';
      renderChatState();
    }
    persistConversation();
    scrollMessages(entry.author === 'patron');
  }

  function sameId(a, b) {
    return String(a).toLowerCase() === String(b).toLowerCase();
  }

  function submitComposer() {
    if (!S.conv || isEnded()) return;
    var text = ui.composerInput.value.trim();
    if (!text) return;
    if (text.length > S.limits.maxMessageLength) {
      setText(ui.composerError, fmt('Widget_Error_MessageTooLong', S.limits.maxMessageLength, text.length));
      ui.composerError.hidden = false;
      return;
    }
    ui.composerInput.value = '';
    autosize(ui.composerInput);
    ui.composerError.hidden = true;
    sendTyping('');
    addOwnMessage(text);
    persistConversation();
    scrollMessages(true);
    flush();
  }

  function retry(entry) {
    entry.state = 'sending';
    updateMessageElement(entry);
    hideError();
    flush();
  }

  // The desk could not store a message (its database busy or failing): nothing was saved, so the message
  // stays pending and is sent again with the same client message id after 1, 2, 4, 8, 16, then every 30 s.
  var UNAVAILABLE_DELAYS = [1000, 2000, 4000, 8000, 16000, 30000];
  var unavailable = { attempt: 0, timer: null };

  function sendAgainLater(text) {
    showError(text);
    var delay = UNAVAILABLE_DELAYS[Math.min(unavailable.attempt, UNAVAILABLE_DELAYS.length - 1)];
    unavailable.attempt += 1;
    unavailable.timer = setTimeout(function () { unavailable.timer = null; flush(); }, delay);
  }

  /** Sends the patron's unsent messages in order; each keeps its client message id across retries. */
  function flush() {
    if (S.flushing || unavailable.timer || !S.ready || !S.conv || isEnded()) return;
    var next = null;
    for (var i = 0; i < S.entries.length; i++) {
      var e = S.entries[i];
      if (e.author === 'patron' && e.seq == null && e.state === 'sending') { next = e; break; }
    }
    if (!next) return;
    S.flushing = true;
    var conv = S.conv;
    conn.invoke('SendMessage', {
      conversationId: conv.conversationId, patronToken: conv.patronToken, clientMessageId: next.cid, text: next.text
    }).then(function (ack) {
      S.flushing = false;
      if (unavailable.attempt) { unavailable.attempt = 0; hideError(); }
      if (S.conv !== conv) return;
      addServerMessage({
        conversationId: conv.conversationId, sequence: ack.sequence, author: 'patron', authorName: conv.name,
        text: next.text, sentAt: ack.sentAt, clientMessageId: next.cid
      }, false);
      flush();
    }, function (err) {
      S.flushing = false;
      if (S.conv !== conv) return;
      var hubError = parseHubError(err);
      if (!hubError && !isConnected()) return; // stays "sending"; sent again after the reconnect
      if (hubError && (hubError.code === 'forbidden' || hubError.code === 'not_found')) {
        conversationGone(hubError.text);
        return;
      }
      if (hubError && hubError.code === 'blocked') { becomeBlocked(hubError.text); return; }
      if (hubError && hubError.code === 'unavailable') { sendAgainLater(hubError.text); return; }
      next.state = 'failed';
      updateMessageElement(next);
      showError(hubError ? hubError.text : t('Widget_Error_Generic'));
      if (hubError && hubError.code === 'closed') resumeConversation();
      flush();
    });
  }

  // Typing: at most once per 1.5 s while typing (the latest draft is sent at the end of the window),
  // and once with an empty draft when the input is cleared or the message is sent.
  var typingState = { last: 0, timer: null, sent: '' };

  function typingChanged() {
    var draft = ui.composerInput.value;
    if (!draft.trim()) { sendTyping(''); return; }
    var wait = TYPING_THROTTLE - (Date.now() - typingState.last);
    if (wait <= 0) sendTyping(draft);
    else if (!typingState.timer) {
      typingState.timer = setTimeout(function () {
        typingState.timer = null;
        if (ui.composerInput && ui.composerInput.value.trim()) sendTyping(ui.composerInput.value);
      }, wait);
    }
  }

  function sendTyping(draft) {
    clearTimeout(typingState.timer);
    typingState.timer = null;
    if (draft === typingState.sent) return;
    if (!S.ready || !S.conv || isEnded()) return;
    if (draft) typingState.last = Date.now();
    typingState.sent = draft;
    conn.invoke('Typing', {
      conversationId: S.conv.conversationId, patronToken: S.conv.patronToken,
      draft: draft.slice(0, S.limits.maxMessageLength)
    }).catch(function () { /* a lost preview does not matter */ });
  }

  function startConversation(request) {
    return call('StartConversation', request).then(function (response) {
      resetConversationState();
      S.conv = {
        conversationId: response.conversationId, patronToken: response.patronToken, lastSequence: 0,
        name: request.name, email: request.email, member: request.memberNumber || '',
        questionTypeId: request.questionTypeId, pending: []
      };
      S.convStatus = 'waiting';
      S.draft.text = '';
      chatView();
      addServerMessage(response.firstMessage, false);
      persistConversation();
      showView('chat', { focus: true });
      sendTyping('');
    }, function (err) {
      handleFormError(err);
    });
  }

  function answerGreeting(greeting, request) {
    return call('AnswerGreeting', request).then(function (response) {
      S.greeting = null;
      clearTimeout(S.greetingTimer);
      resetConversationState();
      S.conv = {
        conversationId: response.conversationId, patronToken: response.patronToken, lastSequence: 0,
        name: request.name || '', email: request.email || '', member: '', questionTypeId: '', pending: []
      };
      S.convStatus = greeting.librarianName ? 'active' : 'waiting';
      S.librarianName = greeting.librarianName || null;
      chatView();
      addServerMessage(response.firstMessage, false);
      persistConversation();
      showView('chat', { focus: true });
      return resumeConversation();
    }, function (err) {
      var hubError = parseHubError(err);
      if (hubError && hubError.code === 'not_found') {
        S.greeting = null;
        renderGreeting();
      }
      handleFormError(err);
    });
  }

  function sendOffline(request) {
    return call('LeaveOfflineMessage', request).then(function (ack) {
      showView('offline-sent', { focus: true, ack: ack });
      S.draft.text = '';
    }, function (err) {
      handleFormError(err);
    });
  }

  function handleFormError(err) {
    var hubError = parseHubError(err);
    if (hubError && hubError.code === 'blocked') { becomeBlocked(hubError.text); return; }
    if (hubError && hubError.code === 'closed' && S.view === 'prechat') {
      showView('offline', { focus: true });
      showError(hubError.text);
      return;
    }
    showError(errorSentence(err));
  }

  function endConversation() {
    var conv = S.conv;
    if (!conv) return;
    ui.confirmYes.disabled = true;
    call('EndConversation', { conversationId: conv.conversationId, patronToken: conv.patronToken }).then(function () {
      ui.confirmYes.disabled = false;
      if (S.conv === conv && !isEnded()) conversationClosed('ended_by_patron');
      focusView();
    }, function (err) {
      ui.confirmYes.disabled = false;
      var hubError = parseHubError(err);
      if (hubError && (hubError.code === 'forbidden' || hubError.code === 'not_found')) { conversationGone(hubError.text); return; }
      hideEndConfirm();
      showError(errorSentence(err));
    });
  }

  function conversationClosed(reason) {
    if (!S.conv) return;
    S.conv.closedReason = reason;
    S.conv.closedAt = S.conv.closedAt || Date.now();
    S.convStatus = reason === 'missed' ? 'missed' : 'closed';
    persistConversation();
    renderChatState();
    sendTyping('');
  }

  function renderEndedBox() {
    var box = ui.ended;
    if (!box) return;
    if (!isEnded()) { box.hidden = true; box.ldSignature = null; return; }
    var conv0 = S.conv || {};
    var answered = S.entries.some(function (e) { return e.author === 'librarian'; });
    var signature = [S.convStatus, conv0.closedReason, isOpenDesk(), answered].join('|');
    if (box.ldSignature === signature) return; // rebuilding would lose a rating being chosen
    box.ldSignature = signature;
    var hadFocus = ui.root.getRootNode && box.contains(ui.root.getRootNode().activeElement);
    clear(box);
    box.hidden = false;
    var conv = S.conv || {};
    var reason = conv.closedReason;
    var missed = S.convStatus === 'missed' || reason === 'missed';
    var text = missed ? t('Widget_Ended_Missed')
      : reason === 'ended_by_patron' ? t('Widget_Ended_ByPatron')
      : reason === 'closed_by_librarian' ? t('Widget_Ended_ByLibrarian')
      : reason === 'blocked' ? t('Widget_Ended_Blocked')
      : t('Widget_Ended_Closed');
    append(box, el('p', { class: 'ld-ended-text', testid: 'ld-ended-reason', role: 'status', text: text }));

    if (missed || !isOpenDesk()) {
      append(box, el('button', {
        type: 'button', class: 'ld-button ld-primary ld-wide', testid: 'ld-leave-message', text: t('Widget_LeaveMessage'),
        onclick: function () { leaveMessageAfter(); }
      }));
    }

    if (!missed && reason !== 'blocked') append(box, ratingBox(conv));
    // The desk mails a transcript only to the start address and only if a librarian answered (docs/widget-api.md).
    if (answered && reason !== 'blocked' && conv.email) append(box, transcriptBox(conv));

    if (!missed && isOpenDesk()) {
      append(box, el('button', {
        type: 'button', class: 'ld-button ld-secondary ld-wide', testid: 'ld-new-conversation', text: t('Widget_NewConversation'),
        onclick: function () { forgetConversation(); showView('prechat', { focus: true }); }
      }));
    } else {
      append(box, el('button', {
        type: 'button', class: 'ld-link ld-center', testid: 'ld-home-button', text: t('Widget_Home'),
        onclick: function () { forgetConversation(); showView('home', { focus: true }); }
      }));
    }
    if (hadFocus) focusView();
  }

  /** After a missed chat: the offline form, filled in with what the patron already wrote. */
  function leaveMessageAfter() {
    var conv = S.conv || {};
    var written = S.entries.filter(function (e) { return e.author === 'patron'; }).map(function (e) { return e.text; });
    S.draft.name = conv.name || S.draft.name;
    S.draft.email = conv.email || S.draft.email;
    S.draft.member = conv.member || S.draft.member;
    S.draft.questionTypeId = conv.questionTypeId || S.draft.questionTypeId;
    S.draft.text = written.join('\n\n');
    forgetConversation();
    showView('offline', { focus: true });
  }

  function ratingBox(conv) {
    if (conv.rated) {
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
        call('RateConversation', {
          conversationId: conv.conversationId, patronToken: conv.patronToken, rating: chosen,
          comment: comment.value.trim() || null
        }).then(function () {
          conv.rated = true;
          persistConversation();
          var thanks = el('p', { class: 'ld-done', testid: 'ld-rate-thanks', tabindex: '-1', text: t('Widget_Rate_Thanks') });
          form.parentNode.replaceChild(thanks, form);
          thanks.focus();
        }, function (err) {
          send.disabled = false;
          showError(errorSentence(err));
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

  function transcriptBox(conv) {
    if (conv.transcriptTo) {
      return el('p', { class: 'ld-done', testid: 'ld-transcript-sent', text: fmt('Widget_Transcript_Sent', conv.transcriptTo) });
    }
    var inputId = nextId('transcript');
    var problem = el('p', { class: 'ld-field-error', testid: 'ld-error-transcript', hidden: true });
    var input = el('input', {
      type: 'email', class: 'ld-input', id: inputId, testid: 'ld-transcript-email', autocomplete: 'email',
      inputmode: 'email', value: conv.email || ''
    });
    var send = el('button', { type: 'submit', class: 'ld-button ld-secondary', testid: 'ld-transcript-send', text: t('Widget_Transcript_Send') });
    var form = el('form', {
      class: 'ld-transcript', novalidate: true,
      onsubmit: function (event) {
        event.preventDefault();
        var email = input.value.trim();
        var bad = !email ? t('Widget_Error_EmailRequired') : !EMAIL_PATTERN.test(email) ? t('Widget_Error_EmailInvalid') : null;
        setText(problem, bad);
        problem.hidden = !bad;
        if (bad) { input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
        input.removeAttribute('aria-invalid');
        send.disabled = true;
        call('RequestTranscript', { conversationId: conv.conversationId, patronToken: conv.patronToken, email: email }).then(function () {
          conv.transcriptTo = email;
          persistConversation();
          var done = el('p', { class: 'ld-done', testid: 'ld-transcript-sent', tabindex: '-1', text: fmt('Widget_Transcript_Sent', email) });
          form.parentNode.replaceChild(done, form);
          done.focus();
        }, function (err) {
          send.disabled = false;
          showError(errorSentence(err));
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

  function conversationGone(text) {
    forgetConversation();
    showView('home', { focus: S.open });
    showError(text || t('Widget_Error_ConversationGone'));
  }

  function becomeBlocked(message) {
    S.blocked = true;
    S.ready = false;
    clearTimeout(startTimer);
    showView('blocked', { message: message, focus: S.open });
    setConnectionState('stopped');
    if (conn) conn.stop().catch(function () { /* already stopped */ });
  }

  // ---------------------------------------------------------------------------------------------
  // Hub errors

  /** "…HubException: validation: Nama wajib diisi." → { code: 'validation', text: 'Nama wajib diisi.' } */
  function parseHubError(err) {
    var message = (err && err.message) || '';
    var match = /HubException: ([a-z_]+): ([\s\S]*)$/.exec(message);
    return match ? { code: match[1], text: match[2].trim() } : null;
  }

  function errorSentence(err) {
    if (err && err.notConnected) return t('Widget_Error_NotConnected');
    var hubError = parseHubError(err);
    if (hubError) return hubError.text;
    return isConnected() ? t('Widget_Error_Generic') : t('Widget_Error_NotConnected');
  }

  // ---------------------------------------------------------------------------------------------
  // The connection

  function isConnected() {
    return !!conn && conn.state === signalR.HubConnectionState.Connected;
  }

  function whenReady() {
    if (S.ready) return Promise.resolve();
    if (S.blocked) return Promise.reject({ notConnected: true });
    return new Promise(function (resolve, reject) {
      var waiter = { resolve: resolve };
      readyWaiters.push(waiter);
      setTimeout(function () {
        var index = readyWaiters.indexOf(waiter);
        if (index >= 0) { readyWaiters.splice(index, 1); reject({ notConnected: true }); }
      }, READY_TIMEOUT);
    });
  }

  function call(method, argument) {
    return whenReady().then(function () { return conn.invoke(method, argument); });
  }

  function connect() {
    conn = new signalR.HubConnectionBuilder()
      .withUrl(origin + '/hubs/patron', { withCredentials: false })
      .withAutomaticReconnect(RECONNECT_DELAYS)
      .configureLogging(signalR.LogLevel.Warning)
      .build();

    conn.on('MessageReceived', function (message) { addServerMessage(message, true); });
    conn.on('ConversationClaimed', function (notice) {
      if (!S.conv || !notice || !sameId(notice.conversationId, S.conv.conversationId)) return;
      S.librarianName = notice.librarianName;
      if (!isEnded()) S.convStatus = 'active';
      renderChatState();
    });
    conn.on('LibrarianTyping', function (notice) {
      if (!S.conv || !notice || !sameId(notice.conversationId, S.conv.conversationId)) return;
      setTyping(!!notice.isTyping);
    });
    conn.on('ConversationClosed', function (notice) {
      if (!S.conv || !notice || !sameId(notice.conversationId, S.conv.conversationId)) return;
      conversationClosed(notice.reason);
    });
    conn.on('Greeting', function (greeting) {
      if (!greeting || (S.conv && !isEnded()) || S.blocked) return;
      S.greeting = greeting;
      clearTimeout(S.greetingTimer);
      if (greeting.expiresInSeconds > 0) {
        // An unanswered greeting leaves quietly; one being answered stays (a late answer goes to the queue).
        S.greetingTimer = setTimeout(function () {
          var reply = ui.greetingSlot && ui.greetingSlot.querySelector('textarea');
          if (S.greeting !== greeting || (reply && reply.value.trim())) return;
          S.greeting = null;
          renderGreeting();
        }, greeting.expiresInSeconds * 1000);
      }
      if (S.view !== 'home') {
        if (S.view === 'chat' || S.view === 'blocked') return;
        showView('home', { focus: false });
      }
      renderGreeting();
      announce(fmt('Widget_Announce_Message', greeting.librarianName || t('Widget_Chat_Librarian'), greeting.text || ''));
      if (!S.open) openPanel(false);
    });
    conn.on('DeskStatusChanged', function (status) { applyStatus(status); });
    conn.on('Blocked', function (notice) { becomeBlocked(notice && notice.message); });

    conn.onreconnecting(function () {
      autoReconnecting = true;
      S.ready = false;
      setConnectionState('reconnecting');
    });
    conn.onreconnected(function () { autoReconnecting = false; afterConnect(); });
    conn.onclose(function () {
      S.ready = false;
      if (S.blocked) return;
      setConnectionState('offline');
      if (autoReconnecting) {
        // the automatic reconnect gave up after its last delay: from scratch, every 30 s from now on
        autoReconnecting = false;
        startAttempt = RECONNECT_DELAYS.length;
        scheduleStart(RETRY_EVERY);
      } else {
        // closed without an automatic reconnect (the server closed it, or Hello failed): the same ladder
        startAttempt = 1;
        scheduleStart(RECONNECT_DELAYS[1]);
      }
    });
    window.addEventListener('online', function () {
      if (!S.blocked && conn.state === signalR.HubConnectionState.Disconnected) scheduleStart(0);
    });
    start();
  }

  function scheduleStart(delay) {
    clearTimeout(startTimer);
    startTimer = setTimeout(start, delay);
  }

  function start() {
    if (S.blocked || conn.state !== signalR.HubConnectionState.Disconnected) return;
    conn.start().then(function () {
      startAttempt = 0;
      afterConnect();
    }, function () {
      startAttempt += 1;
      setConnectionState(S.status ? 'offline' : 'connecting');
      scheduleStart(startAttempt < RECONNECT_DELAYS.length ? RECONNECT_DELAYS[startAttempt] : RETRY_EVERY);
    });
  }

  function afterConnect() {
    conn.invoke('Hello', {
      visitorId: visitorId, pageUrl: location.href, pageTitle: document.title,
      referrer: document.referrer || null, language: lang
    }).then(function (hello) {
      S.questionTypes = (hello && hello.questionTypes) || [];
      if (hello && hello.limits) {
        S.limits = {
          maxMessageLength: hello.limits.maxMessageLength || S.limits.maxMessageLength,
          maxNameLength: hello.limits.maxNameLength || S.limits.maxNameLength
        };
      }
      if (ui.questionTypeSelect && ui.questionTypeSelect.isConnected) fillQuestionTypes(ui.questionTypeSelect, S.draft.questionTypeId);
      applyStatus(hello && hello.status);
      S.ready = true;
      setConnectionState('connected');
      readyWaiters.splice(0).forEach(function (w) { w.resolve(); });
      if (!S.pageReported) {
        S.pageReported = true;
        reportPage();
        // Single-page sites change the address or title without a new page load: report what changed.
        setInterval(function () {
          if (S.ready && (S.reportedUrl !== location.href || S.reportedTitle !== document.title)) reportPage();
        }, PAGE_CHECK_EVERY);
      }
      return S.conv ? resumeConversation() : null;
    }, function (err) {
      var hubError = parseHubError(err);
      if (hubError && hubError.code === 'blocked') { becomeBlocked(hubError.text); return; }
      if (!isConnected()) return; // dropped during Hello: the automatic reconnect calls it again
      if (hubError) showError(hubError.text);
      conn.stop().catch(function () { }); // refused: onclose starts again, with backoff
    }).then(function () {
      flush();
    });
  }

  function reportPage() {
    var page = { pageUrl: location.href, pageTitle: document.title };
    conn.invoke('PageChanged', page).then(function () {
      S.reportedUrl = page.pageUrl;
      S.reportedTitle = page.pageTitle;
    }, function () { /* not recorded: the next check reports it again */ });
  }

  /** Every message after the last one we hold; on a fresh page that is all of them. */
  function resumeConversation() {
    var conv = S.conv;
    if (!conv || !S.ready) return Promise.resolve();
    return conn.invoke('Resume', {
      conversationId: conv.conversationId, patronToken: conv.patronToken, afterSequence: S.contiguous
    }).then(function (result) {
      if (S.conv !== conv || !result) return;
      var live = S.resumedOnce;
      (result.messages || []).forEach(function (m) { addServerMessage(m, live); });
      S.resumedOnce = true;
      if (result.librarianName) S.librarianName = result.librarianName;
      var status = result.status;
      if (status === 'closed' || status === 'missed') {
        if (!isEnded() || !conv.closedReason) {
          conv.closedReason = conv.closedReason || (status === 'missed' ? 'missed' : null);
          conv.closedAt = conv.closedAt || Date.now();
        }
        S.convStatus = status;
        persistConversation();
      } else {
        S.convStatus = status || 'waiting';
      }
      renderChatState();
      scrollMessages(!live);
    }, function (err) {
      if (S.conv !== conv) return;
      var hubError = parseHubError(err);
      if (hubError && (hubError.code === 'forbidden' || hubError.code === 'not_found')) conversationGone(hubError.text);
      else if (hubError && hubError.code === 'blocked') becomeBlocked(hubError.text);
      else if (hubError) showError(hubError.text);
    });
  }
})();
