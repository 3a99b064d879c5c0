/*
 * Sends the patron's messages in order, each with its client message id kept across every retry, so a
 * resend never stores a message twice (docs/widget-api.md). No DOM: conversation is conversation.mjs's,
 * connection connection.mjs's, timers { setTimeout, clearTimeout }.
 */
import { parseHubError } from './connection.mjs';

/**
 * The desk could not store a message (its database busy or failing): nothing was saved, so the message
 * stays pending and is sent again after 1, 2, 4, 8, 16, then every 30 s.
 */
export var UNAVAILABLE_DELAYS = [1000, 2000, 4000, 8000, 16000, 30000];

export function unavailableDelay(attempt) {
  return UNAVAILABLE_DELAYS[Math.min(attempt, UNAVAILABLE_DELAYS.length - 1)];
}

/**
 * events: acknowledged(message) with the acknowledgement as a message of the conversation; failed(entry,
 * hubError) for a refusal the patron may retry, retrying(entry) when the patron does; unavailable(text) when it waits to send again;
 * recovered() when a send succeeds after that; gone(text), blocked(text).
 */
export function createSender(conversation, connection, timers, events) {
  var flushing = false;
  var unavailable = { attempt: 0, timer: null };

  function sendAgainLater(text) {
    events.unavailable(text);
    var delay = unavailableDelay(unavailable.attempt);
    unavailable.attempt += 1;
    unavailable.timer = timers.setTimeout(function () { unavailable.timer = null; flush(); }, delay);
  }

  /** Sends the next unsent message, then the one after it; a dropped connection leaves them for the reconnect. */
  function flush() {
    if (flushing || unavailable.timer || !connection.ready || !conversation.record || conversation.isEnded()) return;
    var next = conversation.nextToSend();
    if (!next) return;
    flushing = true;
    var record = conversation.record;
    connection.invoke('SendMessage', {
      conversationId: record.conversationId, patronToken: record.patronToken, clientMessageId: next.cid, text: next.text
    }).then(function (ack) {
      flushing = false;
      if (unavailable.attempt) { unavailable.attempt = 0; events.recovered(); }
      if (conversation.record !== record) return;
      events.acknowledged({
        conversationId: record.conversationId, sequence: ack.sequence, author: 'patron', authorName: record.name,
        text: next.text, sentAt: ack.sentAt, clientMessageId: next.cid
      });
      flush();
    }, function (err) {
      flushing = false;
      if (conversation.record !== record) return;
      var hubError = parseHubError(err);
      if (!hubError && !connection.isConnected()) return; // stays "sending"; sent again after the reconnect
      if (hubError && (hubError.code === 'forbidden' || hubError.code === 'not_found')) {
        events.gone(hubError.text);
        return;
      }
      if (hubError && hubError.code === 'blocked') { events.blocked(hubError.text); return; }
      if (hubError && hubError.code === 'unavailable') { sendAgainLater(hubError.text); return; }
      next.state = 'failed';
      events.failed(next, hubError);
      flush();
    });
  }

  /** The patron asked to send a failed message again. */
  function retry(entry) {
    entry.state = 'sending';
    events.retrying(entry);
    flush();
  }

  return { flush: flush, retry: retry };
}
