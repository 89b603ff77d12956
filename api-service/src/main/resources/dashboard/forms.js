// Forms that show the server's own refusals: a validation_failed problem lists
// errors: [{field, message}], and each message goes next to the input for that field.

import {h, replace} from './dom.js';

/** A labelled input; `field` is the wire name the server's errors use for it. */
export function field(label, field, input, attrs) {
  input.dataset.field = field;
  input.name = field;
  const error = h('span', {class: 'field-error', dataset: {errorFor: field}, 'aria-live': 'polite'});
  return h('label', attrs || {}, label, input, error);
}

export const text = (attrs) => h('input', Object.assign({type: 'text'}, attrs || {}));
export const password = (attrs) => h('input', Object.assign({type: 'password', autocomplete: 'off'}, attrs || {}));
export const area = (attrs) => h('textarea', attrs || {});
export const file = (attrs) => h('input', Object.assign({type: 'file'}, attrs || {}));

export function select(options, attrs) {
  return h('select', attrs || {}, options.map(o =>
    Array.isArray(o) ? h('option', {value: o[0]}, o[1]) : h('option', {value: o}, o)));
}

/**
 * A form that runs `submit(form)` and shows what went wrong: field errors next to their inputs,
 * anything else above the button. `submit` answers a message to show, or nothing.
 */
export function form(children, submitLabel, submit, attrs) {
  const message = h('div', {class: 'form-error', 'aria-live': 'polite'});
  const button = h('button', {type: 'submit'}, submitLabel);
  const el = h('form', Object.assign({class: 'grid', novalidate: true}, attrs || {}),
    children, h('div', {class: 'wide'}, message, h('div', {class: 'actions'}, button)));
  el.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(el);
    button.disabled = true;
    try {
      await submit(el);
    } catch (error) {
      showErrors(el, message, error);
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

export function clearErrors(el) {
  el.querySelectorAll('.field-error').forEach(e => e.replaceChildren());
  el.querySelectorAll('.invalid').forEach(e => e.classList.remove('invalid'));
  el.querySelectorAll('.form-error').forEach(e => e.replaceChildren());
}

/** Each error at the input it names, or at the nearest enclosing field (tools.xcode at tools). */
function showErrors(el, message, error) {
  const problem = error.problem || {};
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  const inputs = [...el.querySelectorAll('[data-field]')];
  const unplaced = [];
  for (const e of errors) {
    const input = nearest(inputs, String(e.field || ''));
    if (!input) {
      unplaced.push((e.field ? e.field + ': ' : '') + e.message);
      continue;
    }
    input.classList.add('invalid');
    const slot = el.querySelector('[data-error-for="' + CSS.escape(input.dataset.field) + '"]');
    slot.append((slot.textContent ? '; ' : '') + e.message);
  }
  if (errors.length === 0) unplaced.push(error.message);
  replace(message, unplaced.join(' · '));
}

function nearest(inputs, name) {
  let best = null;
  for (const input of inputs) {
    const f = input.dataset.field;
    const matches = name === f || name.startsWith(f + '.') || name.startsWith(f + '[');
    if (matches && (!best || f.length > best.dataset.field.length)) best = input;
  }
  return best;
}

/** The form's inputs by field name, trimmed. */
export function values(el) {
  const out = {};
  el.querySelectorAll('[data-field]').forEach(input => {
    if (input.type !== 'file') out[input.dataset.field] = input.value.trim();
  });
  return out;
}

/** The chosen file of a file input as base64, or undefined. */
export function fileBase64(input) {
  const chosen = input.files && input.files[0];
  if (!chosen) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(chosen);
  });
}

/** "a, b,c" → ["a", "b", "c"]. */
export function list(textValue) {
  return textValue.split(/[,\n]/).map(s => s.trim()).filter(Boolean);
}

/** Lines of "key=value" → {key: value}. */
export function pairs(textValue) {
  const out = {};
  for (const line of textValue.split(/[,\n]/)) {
    const at = line.indexOf('=');
    if (line.trim() === '') continue;
    if (at < 0) out[line.trim()] = '';
    else out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}
