/*
 * Starts the widget for widget.js's script tag: the style sheet, the texts and the SignalR client load
 * in parallel, and the widget shows itself only when all three arrived (unstyled, it would spill its
 * words down the library's page). Otherwise it leaves the page as it found it and tells the library's
 * web team why, in the console.
 */
import { languageOf, loadTexts } from './i18n.mjs';
import { runWidget } from './app.mjs';
import { el } from './dom.mjs';

var READY_TIMEOUT = 15000;

/** script is widget.js's tag: its address names the desk, its data attributes the options. */
export function start(script) {
  var origin = new URL(script.src, location.href).origin;
  var data = script.dataset || {};
  var options = {
    lang: languageOf(data.lang),
    position: data.position === 'left' ? 'left' : 'right',
    accent: validColour(data.color) ? data.color : '#1f7a4d',
    title: data.title
  };

  /** A part the widget cannot work without did not arrive; a site's CSP is the usual cause. */
  function missing(part, url, directive, detail) {
    var error = new Error('LibrarianDesk widget stays hidden: ' + part + ' ' + url + ' did not load' +
      (detail ? ' (' + detail + ')' : '') + '. If this site sends a Content-Security-Policy, its ' + directive +
      ' must list ' + origin + '.');
    error.explained = true;
    return error;
  }

  function fetchStrings(url) {
    return fetch(url, { credentials: 'omit', headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function loadStrings() {
    var url = origin + '/widget/strings/' + options.lang;
    return loadTexts(url, fetchStrings, wait).catch(function (err) {
      throw missing('its texts', url, 'connect-src', err && err.message);
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

  whenBody().then(function () {
    var root = createRoot();
    return Promise.all([loadStrings(), loadSignalR(), loadStyleSheet(root)]).then(function (loaded) {
      runWidget({ root: root, origin: origin, options: options, strings: loaded[0] || {}, signalR: loaded[1] });
    }).catch(function (err) {
      var host = root.host || root;
      if (host.parentNode) host.parentNode.removeChild(host);
      throw err;
    });
  }).catch(function (err) {
    if (!window.console) return;
    console.error(err && err.explained ? err.message : 'LibrarianDesk widget stays hidden: it could not start (' + err + ').');
  });
}

function validColour(value) {
  if (!value) return false;
  if (window.CSS && CSS.supports) return CSS.supports('color', value);
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value);
}

function whenBody() {
  return new Promise(function (resolve) {
    if (document.body) resolve();
    else document.addEventListener('DOMContentLoaded', function () { resolve(); });
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

function createRoot() {
  var host = document.createElement('div');
  host.id = 'librariandesk-widget';
  host.setAttribute('data-librariandesk', 'widget');
  host.style.cssText = 'position:static;display:block;width:0;height:0;margin:0;padding:0;border:0;overflow:visible;';
  document.body.appendChild(host);
  return host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
}
