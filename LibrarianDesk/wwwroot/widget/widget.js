/*
 * LibrarianDesk patron widget ("Tanya Pustakawan").
 *
 * Embed with one tag:
 *   <script async src="https://desk.example/widget.js" data-lang="id"></script>
 * Options (data attributes on that tag): data-lang ("id" | "en"), data-position ("right" | "left"),
 * data-color (a CSS colour, default #1f7a4d), data-title (the panel title).
 *
 * This classic script only loads the widget's ES modules from the desk (modules/, plain JavaScript, no
 * build step) and starts them with its own tag. One module per concern:
 *   boot.mjs           loads the style sheet (widget.css), the texts (/widget/strings/<lang>) and the vendored
 *                      SignalR client (vendor/); the widget shows itself only when all three arrived
 *   app.mjs            joins the modules below and answers the patron hub's events
 *   connection.mjs     connection and retry: connect, reconnect with backoff, calls wait for Hello
 *   sending.mjs        sends the patron's messages in order; resends keep their client message ids
 *   conversation.mjs   conversation state: the stored conversation and its patron token, sequence and
 *                      acknowledgement bookkeeping, Resume, the greeting on offer
 *   store.mjs, ids.mjs local storage with a memory fallback; random ids
 *   views.mjs          the frame, home (greeting, FAQ search), the forms' pages, the offline confirmation
 *   chat-view.mjs      the conversation: messages, composer, ending, rating, transcript
 *   attachments.mjs    files: what the picker offers, sizes and type labels, the upload and its retries
 *   attachments-view.mjs  the attach button, drop and paste, uploads' progress, thumbnails and file cards
 *   forms.mjs          the pre-chat and offline form and the greeting reply, with their validation rules
 *   dom.mjs            DOM helpers: every text is inserted as text, never as HTML
 *   i18n.mjs           the texts (no UI text lives in the code) and times in WIB
 * The modules without DOM (conversation, connection, sending, attachments, store, forms' rules, i18n)
 * take their storage, clock and transport as arguments and are unit-tested with Node:
 * LibrarianDesk.Tests/Widget/js.
 *
 * The widget speaks the PatronHub API at /hubs/patron (docs/widget-api.md) and renders inside an open
 * shadow root. A page on another origin loads module scripts with CORS: the desk answers widget/modules/
 * with the widget's CORS policy (Desk:Widget:AllowedOrigins), as it does the texts and the hub. Like
 * widget.css, the modules are served with no-cache and an ETag, so a new version of the desk reaches the
 * next page load; this file (cached five minutes) only ever calls boot.mjs's start(script).
 */
(function () {
  'use strict';

  if (window.LibrarianDeskWidget) return; // embedded twice: the first copy wins
  window.LibrarianDeskWidget = { loaded: true };

  var script = document.currentScript || findOwnScript();
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
  var boot = origin + '/widget/modules/boot.mjs';

  import(boot).then(function (widget) { widget.start(script); }, function (err) {
    if (!window.console) return;
    console.error('LibrarianDesk widget stays hidden: its code ' + boot + ' did not load (' + (err && err.message) +
      '). If this site sends a Content-Security-Policy, its script-src must list ' + origin +
      '; the desk must list this site in Desk:Widget:AllowedOrigins.');
  });

  function findOwnScript() {
    var scripts = document.getElementsByTagName('script');
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/widget\.js(?:[?#]|$)/.test(scripts[i].src || '')) return scripts[i];
    }
    return null;
  }
})();
