// One row per capability class: what waits, for how long, who could take it, and whether nobody
// will (stuck).

import * as api from './api.js';
import {h, replace, span, table} from './dom.js';

export function queuesPage(view) {
  const body = h('div');
  view.append(h('h1', {}, 'Queues'), body);
  return {
    async refresh() {
      const queues = await api.queues();
      const stuck = queues.filter(q => q.stuck).length;
      replace(body,
        stuck > 0 ? h('p', {class: 'error-banner', id: 'stuck-summary'},
          stuck + (stuck === 1 ? ' queue has' : ' queues have')
            + ' builds waiting and no eligible runner online.') : null,
        table(['Queue', 'Platform', 'Labels', 'Tools', 'Ready', 'High', 'Oldest waiting', 'Runners online / busy / draining', ''],
          queues.map(q => ({
            attrs: {class: q.stuck ? 'stuck' : '', dataset: {queue: q.name}},
            cells: [
              h('code', {}, q.name),
              q.platform,
              h('span', {dataset: {labels: ''}}, q.labels.join(', ') || '—'),
              h('span', {dataset: {tools: ''}}, toolFloors(q.tools) || '—'),
              h('span', {dataset: {ready: q.ready}}, q.ready),
              q.ready_high,
              q.oldest_age_seconds === null ? '—' : span(q.oldest_age_seconds),
              q.runners_online_eligible + ' / ' + q.runners_busy_eligible + ' / ' + q.runners_draining_eligible,
              q.stuck ? h('span', {class: 'stuck-flag', dataset: {stuck: 'true'},
                title: 'builds wait and no eligible runner is online or busy'}, 'STUCK') : '',
            ],
          })),
          'No queues yet: a pipeline makes its queue.'));
    },
  };
}

// A class's tools are minimum versions: "xcode ≥ 16".
function toolFloors(tools) {
  return Object.entries(tools || {}).map(([tool, version]) => tool + ' ≥ ' + version).join(', ');
}
