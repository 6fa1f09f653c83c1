// Building DOM nodes. Text is only ever set with textContent: nothing from the server is parsed as HTML.

/**
 * el('p', { class: 'x', attrs: { 'aria-label': 'y' }, on: { click: f } }, 'text', otherNode, ...)
 * Children that are strings (or numbers) become text nodes; null/undefined/false children are skipped.
 */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [event, handler] of Object.entries(options.on ?? {})) node.addEventListener(event, handler);
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

export function setText(node, text) {
  node.textContent = text ?? '';
}

/** A definition list from [term, value] pairs; values may be nodes or text. */
export function definitionList(pairs, className = 'fields') {
  const dl = el('dl', { class: className });
  for (const [term, value] of pairs) {
    dl.append(el('dt', {}, term), el('dd', {}, value));
  }
  return dl;
}

/** A bullet list of text items. */
export function textList(items, label) {
  return el('ul', { class: 'chips', attrs: { 'aria-label': label } }, items.map((item) => el('li', {}, String(item))));
}

/** <option>s for a select, keeping the current choice when it is still offered. */
export function fillSelect(select, options, { blank } = {}) {
  const current = select.value;
  clear(select);
  if (blank !== undefined) select.append(el('option', { attrs: { value: '' } }, blank));
  for (const { value, label } of options) select.append(el('option', { attrs: { value } }, label ?? value));
  if ([...select.options].some((o) => o.value === current)) select.value = current;
}
