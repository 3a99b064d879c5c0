/* DOM helpers for the views and forms: no innerHTML anywhere, every text is inserted as text. */

var SVG_NS = 'http://www.w3.org/2000/svg';
var ICONS = {
  chat: 'M5 4h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H10l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  close: 'M6 6l12 12M18 6L6 18',
  send: 'M4 12l16-8-5 16-3-7-8-1z',
  back: 'M15 5l-7 7 7 7',
  star: 'M12 3.5l2.6 5.5 6 .7-4.4 4.1 1.2 6L12 16.8 6.6 19.8l1.2-6L3.4 9.7l6-.7z',
  attach: 'M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9',
  file: 'M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M9 13h6M9 17h6',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14'
};

export function icon(name) {
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
export function el(tag, attrs, children) {
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

export function append(node, children) {
  if (children == null) return node;
  if (!Array.isArray(children)) children = [children];
  children.forEach(function (child) {
    if (child == null || child === false) return;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  });
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function setText(node, text) {
  node.textContent = text == null ? '' : text;
}

export function show(node, visible) {
  node.hidden = !visible;
}

var idCounter = 0;

/** An id unique in the library's page, for label and aria-describedby links. */
export function nextId(name) {
  idCounter += 1;
  return 'librariandesk-' + name + '-' + idCounter;
}
