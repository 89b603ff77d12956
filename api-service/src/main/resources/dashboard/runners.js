// Every runner: status, what it can build, what it holds, when it was last heard from; drain and
// remove.

import * as api from './api.js';
import {ago, badge, h, link, replace, route, table} from './dom.js';

function capabilities(c) {
  if (!c) return '—';
  const tools = Object.entries(c.tools || {}).map(([k, v]) => k + ' ' + v);
  return [
    (c.platforms || []).join(', ') || 'no platform',
    tools.length ? tools.join(', ') : null,
    (c.labels || []).length ? 'labels: ' + c.labels.join(', ') : null,
    'capacity ' + c.capacity,
  ].filter(Boolean).join(' · ');
}

export function runnersPage(view) {
  const body = h('div');
  const message = h('div', {'aria-live': 'polite'});
  view.append(h('h1', {}, 'Runners'), message, body);

  async function act(label, action) {
    try {
      await action();
      replace(message, h('p', {class: 'notice'}, label));
    } catch (error) {
      replace(message, h('p', {class: 'error-banner'}, error.message));
    }
    await page.refresh();
  }

  const page = {
    async refresh() {
      const runners = await api.runners();
      replace(body, table(
        ['Name', 'Status', 'Capabilities', 'Current jobs', 'Last contact', ''],
        runners.map(r => ({
          attrs: {dataset: {runner: r.id}},
          cells: [
            h('span', {}, r.name || h('span', {class: 'muted'}, 'unnamed'), h('br'), h('code', {class: 'muted'}, r.id)),
            badge(r.status),
            capabilities(r.capabilities),
            (r.current_jobs || []).length === 0 ? '—'
              : r.current_jobs.map(id => [link(route('builds/' + id), id), h('br')]),
            ago(r.last_heartbeat_at),
            h('div', {class: 'actions'},
              h('button', {type: 'button', class: 'secondary', dataset: {action: 'drain'},
                disabled: r.status === 'draining' || r.status === 'offline',
                onclick: () => act('Draining ' + (r.name || r.id) + '.', () => api.drainRunner(r.id))}, 'Drain'),
              h('button', {type: 'button', class: 'danger', dataset: {action: 'delete'},
                onclick: () => {
                  if (confirm('Remove runner ' + (r.name || r.id) + '? Its token stops working and its jobs are queued again.')) {
                    act('Removed ' + (r.name || r.id) + '.', () => api.deleteRunner(r.id));
                  }
                }}, 'Delete')),
          ],
        })),
        'No runners registered.'));
    },
  };
  return page;
}
