/*
 * The conversation as the patron's browser knows it, without any DOM: the stored record (its id and
 * patron token, the only key to it, kept in local storage so it survives a reload or the next page),
 * the messages in server order with the patron's own unsent ones, and the greeting on offer.
 * store is store.mjs's; now() is the clock in milliseconds.
 */

/** A closed conversation stays on screen (to rate it, ask for the transcript) this long, then is forgotten. */
export var KEEP_CLOSED_CONVERSATION = 30 * 60 * 1000;

function sameId(a, b) {
  return String(a).toLowerCase() === String(b).toLowerCase();
}

export function createConversation(store, now) {
  var c = {
    // stored: { conversationId, patronToken, lastSequence, name, email, member, questionTypeId, pending,
    //           closedReason, closedAt, rated, transcriptTo }
    record: null,
    status: null, // waiting | active | closed | missed
    librarianName: null,
    entries: [],  // { seq, cid, author, authorName, text, sentAt, state: sending | sent | failed, attachment }
    contiguous: 0, // every sequence up to this one is held: what Resume asks after
    resumedOnce: false
  };
  var bySeq = {};
  var byCid = {};

  c.isEnded = function () {
    return c.status === 'closed' || c.status === 'missed';
  };

  /** True when notice (a push or an answer) is about the conversation held now. */
  c.isFor = function (notice) {
    return !!(c.record && notice && sameId(notice.conversationId, c.record.conversationId));
  };

  c.reset = function () {
    c.entries = [];
    bySeq = {};
    byCid = {};
    c.contiguous = 0;
    c.status = null;
    c.librarianName = null;
    c.resumedOnce = false;
  };

  /** A conversation just started (or a greeting answered): record is what to keep of it. */
  c.begin = function (record, status, librarianName) {
    c.reset();
    c.record = record;
    c.status = status;
    c.librarianName = librarianName || null;
  };

  c.forget = function () {
    c.record = null;
    store.save('conversation', null);
    c.reset();
  };

  c.persist = function () {
    if (!c.record) return;
    c.record.lastSequence = c.contiguous;
    c.record.pending = c.entries
      .filter(function (e) { return e.seq == null && e.author === 'patron'; })
      .map(function (e) { return { clientMessageId: e.cid, text: e.text }; });
    store.save('conversation', c.record);
  };

  /**
   * On page load: the stored conversation with the patron's unsent messages, to show at once (the
   * history follows from Resume). One closed longer than KEEP_CLOSED_CONVERSATION ago is dropped.
   */
  c.restore = function (newId) {
    var stored = store.load('conversation');
    if (!stored || !stored.conversationId || !stored.patronToken) return null;
    if (stored.closedAt && now() - stored.closedAt > KEEP_CLOSED_CONVERSATION) {
      store.save('conversation', null);
      return null;
    }
    c.reset();
    c.record = stored;
    c.status = stored.closedAt ? 'closed' : null;
    (stored.pending || []).forEach(function (p) { c.addOwn(p.text, p.clientMessageId, newId); });
    return stored;
  };

  /** The patron's message, shown as "sending" until the desk acknowledges it with a sequence. */
  c.addOwn = function (text, clientMessageId, newId) {
    var entry = {
      seq: null, cid: clientMessageId || newId(), author: 'patron', authorName: c.record && c.record.name,
      text: text, sentAt: null, state: 'sending'
    };
    c.entries.push(entry);
    byCid[entry.cid] = entry;
    return entry;
  };

  /** The patron's oldest message still to send (a failed one waits for the patron's retry). */
  c.nextToSend = function () {
    for (var i = 0; i < c.entries.length; i++) {
      var e = c.entries[i];
      if (e.author === 'patron' && e.seq == null && e.state === 'sending') return e;
    }
    return null;
  };

  /**
   * A message from the desk (a push, Resume or an acknowledgement), never held twice: answers
   * { entry, fresh } (fresh: not shown before; otherwise the patron's own message, now acknowledged),
   * or null when it is another conversation's or already held.
   */
  c.receive = function (message) {
    if (!message || !c.isFor(message)) return null;
    var seq = message.sequence;
    if (bySeq[seq]) return null;
    var entry = message.clientMessageId ? byCid[message.clientMessageId] : null;
    var fresh = !entry;
    if (entry && entry.seq != null) return null; // already held under another sequence: never show it twice
    if (entry) {
      entry.seq = seq;
      entry.sentAt = message.sentAt;
      entry.state = 'sent';
    } else {
      entry = {
        seq: seq, cid: message.clientMessageId || null, author: message.author || 'system',
        authorName: message.authorName, text: message.text || '', sentAt: message.sentAt, state: 'sent',
        attachment: message.attachment || null
      };
      c.entries.push(entry);
      if (entry.cid) byCid[entry.cid] = entry;
    }
    bySeq[seq] = entry;
    while (bySeq[c.contiguous + 1]) c.contiguous += 1;
    if (entry.author === 'librarian') {
      if (!c.librarianName && entry.authorName) c.librarianName = entry.authorName;
      if (c.status === 'waiting' || c.status == null) c.status = 'active';
    }
    c.persist();
    return { entry: entry, fresh: fresh };
  };

  /** Resume's request: every message after the last one held in order; on a fresh page that is all of them. */
  c.resumeRequest = function () {
    return { conversationId: c.record.conversationId, patronToken: c.record.patronToken, afterSequence: c.contiguous };
  };

  /** Resume's answer, after its messages were received: who serves, and whether it has ended meanwhile. */
  c.resumed = function (result) {
    var record = c.record;
    c.resumedOnce = true;
    if (result.librarianName) c.librarianName = result.librarianName;
    var status = result.status;
    if (status === 'closed' || status === 'missed') {
      if (!c.isEnded() || !record.closedReason) {
        record.closedReason = record.closedReason || (status === 'missed' ? 'missed' : null);
        record.closedAt = record.closedAt || now();
      }
      c.status = status;
      c.persist();
    } else {
      c.status = status || 'waiting';
    }
  };

  c.claimed = function (librarianName) {
    c.librarianName = librarianName;
    if (!c.isEnded()) c.status = 'active';
  };

  /** Ended by the patron, a librarian or the desk (missed, blocked): reason is the desk's. */
  c.closed = function (reason) {
    if (!c.record) return;
    c.record.closedReason = reason;
    c.record.closedAt = c.record.closedAt || now();
    c.status = reason === 'missed' ? 'missed' : 'closed';
    c.persist();
  };

  c.answered = function () {
    return c.entries.some(function (e) { return e.author === 'librarian'; });
  };

  c.patronTexts = function () {
    // a file's message holds only its name: not something to write again in the offline form
    return c.entries.filter(function (e) { return e.author === 'patron' && !e.attachment; }).map(function (e) { return e.text; });
  };

  return c;
}

/**
 * The greeting a librarian (or the desk) sends a visitor. Shown only to a visitor with no open
 * conversation; an unanswered one leaves quietly when it expires, one being answered stays (a late
 * answer goes to the queue). timers: { setTimeout, clearTimeout }.
 */
export function createGreetingSlot(timers) {
  var slot = { current: null };
  var timer = null;

  /**
   * Offers greeting; answers whether it is shown. isBusy: a conversation is open or the visitor is
   * blocked. isBeingAnswered() is asked at expiry; expired() is told when it left.
   */
  slot.offer = function (greeting, isBusy, isBeingAnswered, expired) {
    if (!greeting || isBusy) return false;
    slot.current = greeting;
    timers.clearTimeout(timer);
    if (greeting.expiresInSeconds > 0) {
      timer = timers.setTimeout(function () {
        if (slot.current !== greeting || isBeingAnswered()) return;
        slot.current = null;
        expired();
      }, greeting.expiresInSeconds * 1000);
    }
    return true;
  };

  /** Answered (the chat opens with it) or gone (answered already, in another tab). */
  slot.clear = function () {
    slot.current = null;
    timers.clearTimeout(timer);
  };

  return slot;
}
