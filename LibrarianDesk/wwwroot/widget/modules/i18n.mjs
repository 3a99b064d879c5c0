/*
 * The widget's words and times. The words come from /widget/strings/<lang> (the desk's resource files,
 * DeskStrings*.resx); no UI text lives in the widget's code. Times are shown in WIB (Asia/Jakarta).
 */

/** "id" unless the embed tag asks for English: the desk speaks only these two. */
export function languageOf(value) {
  return String(value || 'id').toLowerCase().slice(0, 2) === 'en' ? 'en' : 'id';
}

/**
 * Fetches the texts, trying three more times over 7 s (a desk restarting comes back; a site's CSP refuses
 * every time). Rejects with the last error once the fourth try fails.
 */
export function loadTexts(url, fetchText, wait) {
  function attempt(number) {
    return fetchText(url).catch(function (err) {
      if (number >= 3) throw err;
      return wait(1000 * Math.pow(2, number)).then(function () { return attempt(number + 1); });
    });
  }
  return attempt(0);
}

/**
 * t(key) is the text for key, or the key itself when the desk sent none (a missing text shows its name
 * rather than nothing). now() is the clock that decides what "today" is.
 */
export function createTexts(strings, lang, now) {
  strings = strings || {};
  now = now || function () { return new Date(); };

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

  /** The text split around {0}, with part in its place: for a name that needs its own element. */
  function fmtParts(key, part) {
    var pieces = t(key).split('{0}');
    var out = [pieces[0]];
    for (var i = 1; i < pieces.length; i++) out.push(part, pieces[i]);
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
    var a = wibParts(d), b = wibParts(now());
    return a.year === b.year && a.month === b.month && a.day === b.day;
  }

  function wibClock(parts) {
    return parts.hour + (lang === 'en' ? ':' : '.') + parts.minute;
  }

  /** "14.05" (or "14:05" in English), in WIB. */
  function clockWib(iso) {
    var d = toDate(iso);
    return d ? wibClock(wibParts(d)) : '';
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

  return {
    lang: lang, t: t, fmt: fmt, fmtParts: fmtParts,
    isTodayInWib: isTodayInWib, clockWib: clockWib, formatWib: formatWib, formatWibFull: formatWibFull
  };
}
