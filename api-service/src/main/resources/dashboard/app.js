// The dashboard: hash routes, a login form while there is no session, and pages that poll the API
// every two seconds while they are shown.

import * as api from './api.js';
import {h, replace} from './dom.js';
import {field, form, password, text, values} from './forms.js';
import {queuesPage} from './queues.js';
import {runnersPage} from './runners.js';
import {buildsPage} from './builds.js';
import {buildPage} from './build.js';
import {projectsPage, projectPage} from './projects.js';

const POLL_MS = 2000;
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

/** The page shown now: its refresh (polled) and its cleanup. */
let current = null;
let timer = null;

const routes = [
  [/^queues$/, () => queuesPage],
  [/^runners$/, () => runnersPage],
  [/^builds$/, () => buildsPage],
  [/^builds\/([^/]+)$/, () => buildPage],
  [/^projects$/, () => projectsPage],
  [/^projects\/([^/]+)$/, () => projectPage],
];

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query] = raw.split('?');
  return {path: path || 'queues', query: new URLSearchParams(query || '')};
}

function stop() {
  clearInterval(timer);
  timer = null;
  if (current && current.leave) current.leave();
  current = null;
}

async function show() {
  stop();
  const {path, query} = parseHash();
  nav.querySelectorAll('a').forEach(a =>
    a.classList.toggle('active', path.split('/')[0] === a.dataset.route));
  const match = routes.find(([pattern]) => pattern.test(path));
  if (!match) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, h('a', {href: '#/queues'}, 'Back to the queues')));
    return;
  }
  const params = path.match(match[0]).slice(1).map(decodeURIComponent);
  const page = match[1]();
  const view = h('section', {dataset: {page: path.split('/')[0]}});
  replace(main, view);
  const shown = page(view, params, query) || {};
  current = shown;
  await refresh(shown);
  if (shown.refresh && current === shown) {
    timer = setInterval(() => {
      if (!document.hidden) refresh(shown);
    }, POLL_MS);
  }
}

async function refresh(shown) {
  if (!shown.refresh) return;
  try {
    await shown.refresh();
    if (shown.banner) shown.banner.remove();
  } catch (error) {
    if (error.status === 401) return;
    if (!shown.banner) shown.banner = h('div', {class: 'error-banner', role: 'alert'});
    replace(shown.banner, 'Could not refresh: ' + error.message);
    main.prepend(shown.banner);
  }
}

function showLogin(reason) {
  stop();
  nav.hidden = true;
  who.hidden = true;
  const username = text({autocomplete: 'username', id: 'login-username', required: true});
  const pass = password({autocomplete: 'current-password', id: 'login-password', required: true});
  const loginForm = form([
    field('Username', 'username', username, {class: 'wide'}),
    field('Password', 'password', pass, {class: 'wide'}),
  ], 'Log in', async el => {
    const {username: u} = values(el);
    const session = await api.login(u, pass.value);
    signedIn(session.user);
  }, {id: 'login-form'});
  replace(main, h('div', {class: 'login card'},
    h('h1', {}, 'Log in to Hangar'),
    reason ? h('p', {class: 'notice'}, reason) : null,
    loginForm));
  username.focus();
}

function signedIn(user) {
  nav.hidden = false;
  who.hidden = false;
  replace(document.getElementById('who-name'), user.username);
  show();
}

api.onUnauthorized(() => showLogin('Your session has ended; log in again.'));

document.getElementById('logout').addEventListener('click', async () => {
  try {
    await api.logout();
  } finally {
    showLogin('Logged out.');
  }
});

window.addEventListener('hashchange', () => {
  if (!nav.hidden) show();
});

async function start() {
  let user;
  try {
    user = await api.me();
  } catch (error) {
    showLogin(error.status === 401 ? null : 'Hangar did not answer: ' + error.message);
    return;
  }
  signedIn(user);
}

start();
