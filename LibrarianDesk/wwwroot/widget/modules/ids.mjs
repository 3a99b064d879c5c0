/* Random ids the widget makes: client message ids and start keys (docs/widget-api.md). */

function cryptoOf() {
  return globalThis.crypto || globalThis.msCrypto;
}

/** 256 random bits in hex: a start key, as secret as the patron token it becomes. */
export function secretKey() {
  var bytes = new Uint8Array(32);
  cryptoOf().getRandomValues(bytes);
  var hex = '';
  for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 0x100).toString(16).slice(1);
  return hex;
}

export function uuid() {
  var bytes = new Uint8Array(16);
  var cryptoObj = cryptoOf();
  if (cryptoObj && cryptoObj.getRandomValues) cryptoObj.getRandomValues(bytes);
  else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  var hex = [];
  for (var j = 0; j < 16; j++) hex.push((bytes[j] + 0x100).toString(16).slice(1));
  return hex.slice(0, 4).join('') + '-' + hex.slice(4, 6).join('') + '-' + hex.slice(6, 8).join('') + '-' +
    hex.slice(8, 10).join('') + '-' + hex.slice(10, 16).join('');
}
