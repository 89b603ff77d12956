// One build: what it is, its attempts and steps, its artifacts, and its log as it is written
// (Server-Sent Events from /logs/stream, resumed where it left off after a dropped connection);
// cancel it, or run it again.

import * as api from './api.js';
import {ago, badge, bytes, h, link, replace, route, span, table, time} from './dom.js';
import {duration} from './builds.js';

const ENDED = ['succeeded', 'failed', 'cancelled'];

function facts(b) {
  const rows = [
    ['Status', badge(b.status)],
    ['Attempt', b.attempt],
    ['Runner', b.runner_id ? h('code', {}, b.runner_id) : '—'],
    ['Branch', b.branch || '—'],
    ['Commit', h('code', {}, b.commit_sha)],
    ['Priority', b.priority],
    ['Queue', h('code', {}, b.queue)],
    ['Duration', span(duration(b))],
    ['Queued', time(b.created_at)],
    b.progress ? ['Progress', (b.progress.step || '') + (b.progress.percent != null ? ' ' + b.progress.percent + '%' : '')] : null,
    b.cancel_requested && !ENDED.includes(b.status) ? ['Cancel', 'requested'] : null,
    b.failure_reason ? ['Failure', b.failure_reason] : null,
    b.exit_code != null ? ['Exit code', b.exit_code] : null,
    b.message ? ['Message', b.message] : null,
    b.data_expired_at ? ['Log and artifacts', 'deleted ' + time(b.data_expired_at)] : null,
  ].filter(Boolean);
  return h('dl', {class: 'facts'}, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
}

function followLog(buildId, pre, state) {
  const source = new EventSource(api.logStreamUrl(buildId));
  let last = -1;
  source.addEventListener('log', event => {
    const data = JSON.parse(event.data);
    if (data.offset < last) return;
    last = Number(event.lastEventId);
    const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 8;
    pre.append(data.text);
    if (atBottom) pre.scrollTop = pre.scrollHeight;
  });
  source.addEventListener('end', event => {
    const data = JSON.parse(event.data);
    source.close();
    replace(state, 'Log complete: the build ' + data.status + '.');
    state.dataset.logState = 'complete';
  });
  source.addEventListener('open', () => {
    replace(state, 'Following the log live…');
    state.dataset.logState = 'live';
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      replace(state, 'The log is not available.');
      state.dataset.logState = 'closed';
    } else {
      replace(state, 'Reconnecting to the log…');
    }
  });
  return source;
}

export function buildPage(view, [buildId]) {
  const title = h('h1', {}, 'Build');
  const summary = h('div', {class: 'card'});
  const message = h('div', {'aria-live': 'polite'});
  const cancel = h('button', {type: 'button', class: 'danger', id: 'cancel-build', hidden: true}, 'Cancel build');
  const rerun = h('button', {type: 'button', class: 'secondary', id: 'rerun-build', hidden: true,
    title: 'Queue this commit again on its pipeline, with the pipeline\'s current settings'}, 'Rerun');
  const origin = h('p', {class: 'muted', id: 'rerun-of', hidden: true});
  const attempts = h('div');
  const steps = h('div');
  const artifacts = h('div', {id: 'artifacts'});
  const logState = h('p', {class: 'muted', id: 'log-state'}, 'Connecting to the log…');
  const log = h('pre', {class: 'log', id: 'log'});
  view.append(title, origin, message, h('div', {class: 'actions'}, rerun, cancel), summary,
    h('h2', {}, 'Log'), logState, log,
    h('h2', {}, 'Artifacts'), artifacts,
    h('h2', {}, 'Steps'), steps,
    h('h2', {}, 'Attempts'), attempts);

  rerun.addEventListener('click', async () => {
    rerun.disabled = true;
    try {
      const b = await api.rerunBuild(buildId);
      location.hash = route('builds/' + b.id);
    } catch (error) {
      replace(message, h('p', {class: 'error-banner'}, error.message));
      rerun.disabled = false;
    }
  });

  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try {
      const b = await api.cancelBuild(buildId);
      replace(message, h('p', {class: 'notice'},
        b.status === 'cancelled' ? 'Cancelled.' : 'Cancel requested: the runner stops the build.'));
      await page.refresh();
    } catch (error) {
      replace(message, h('p', {class: 'error-banner'}, error.message));
    } finally {
      cancel.disabled = false;
    }
  });

  let source = null;
  let artifactsSeen = '';
  let originShown = false;
  async function showOrigin(b) {
    if (originShown || !b.rerun_of) return;
    originShown = true;
    let number = null;
    try {
      number = (await api.build(b.rerun_of)).build_number;
    } catch (error) {
      if (error.status !== 404) {
        originShown = false;
        throw error;
      }
    }
    replace(origin, 'Rerun of ', link(route('builds/' + b.rerun_of),
      number != null ? '#' + number : b.rerun_of, {dataset: {rerunOf: b.rerun_of}}));
    origin.hidden = false;
  }
  const page = {
    async refresh() {
      const b = await api.build(buildId);
      if (!source) source = followLog(buildId, log, logState);
      replace(title, 'Build #' + b.build_number + ' ',
        h('span', {class: 'muted'}, '· ', link(route('builds', {project: b.project_id}), 'project builds')));
      replace(summary, facts(b));
      cancel.hidden = ENDED.includes(b.status) || b.cancel_requested;
      rerun.hidden = false;
      await showOrigin(b);
      replace(steps, table(['Step', 'Status', 'Exit code', 'Duration'],
        (b.steps || []).map(s => ({cells: [s.name, badge(s.status), s.exit_code ?? '—',
          s.duration_ms != null ? span(s.duration_ms / 1000) : '—']})),
        'No steps reported yet.'));
      replace(attempts, table(['Attempt', 'Runner', 'Claimed', 'Ended', 'Outcome'],
        (b.attempts || []).map(a => ({cells: [a.attempt, h('code', {}, a.runner_id),
          time(a.claimed_at), a.ended_at ? time(a.ended_at) : '—', a.outcome || 'running']})),
        'Not claimed yet.'));
      const list = (await api.artifacts(buildId)).artifacts || [];
      const seen = JSON.stringify(list);
      if (seen !== artifactsSeen) {
        artifactsSeen = seen;
        replace(artifacts, table(['File', 'Size', 'SHA-256', 'Attempt', 'Uploaded'],
          list.map(a => ({
            attrs: {dataset: {artifact: a.name}},
            cells: [link(api.artifactUrl(buildId, a.name), a.name, {download: a.name}),
              bytes(a.size), h('code', {title: a.sha256}, a.sha256.slice(0, 12) + '…'), a.attempt, ago(a.created_at)],
          })),
          'No artifacts.'));
      }
    },
    leave() {
      if (source) source.close();
    },
  };
  return page;
}
