// Recent builds with filters kept in the address (#/builds?status=&project=&pipeline=&branch=).

import * as api from './api.js';
import {ago, badge, h, link, replace, route, span, table} from './dom.js';
import {select} from './forms.js';

export const STATUSES = ['queued', 'assigned', 'running', 'succeeded', 'failed', 'cancelled'];

/** Seconds a build ran, or has run so far: from its first claim to its end. */
export function duration(b) {
  const first = (b.attempts || [])[0];
  if (!first) return null;
  const ended = ['succeeded', 'failed', 'cancelled'].includes(b.status);
  return (ended ? b.updated_at : Date.now() / 1000) - first.claimed_at;
}

export function buildsPage(view, params, query) {
  const filters = {
    status: query.get('status') || '',
    project: query.get('project') || '',
    pipeline: query.get('pipeline') || '',
    branch: query.get('branch') || '',
  };
  const names = {projects: {}, pipelines: {}};
  const status = select([['', 'any status'], ...STATUSES], {id: 'filter-status'});
  const project = select([['', 'any project']], {id: 'filter-project'});
  const pipeline = select([['', 'any pipeline']], {id: 'filter-pipeline'});
  const branch = h('input', {type: 'text', id: 'filter-branch', placeholder: 'any branch', value: filters.branch});
  status.value = filters.status;
  const apply = () => {
    location.hash = route('builds', {
      status: status.value, project: project.value,
      pipeline: project.value === filters.project ? pipeline.value : '', branch: branch.value.trim(),
    });
  };
  [status, project, pipeline].forEach(s => s.addEventListener('change', apply));
  branch.addEventListener('change', apply);
  const body = h('div');
  view.append(h('h1', {}, 'Builds'),
    h('div', {class: 'filters'},
      h('label', {}, 'Status', status), h('label', {}, 'Project', project),
      h('label', {}, 'Pipeline', pipeline), h('label', {}, 'Branch', branch)),
    body);

  const loadNames = (async () => {
    const projects = await api.projects();
    for (const p of projects) {
      names.projects[p.id] = p.name;
      project.append(h('option', {value: p.id}, p.name));
    }
    project.value = filters.project;
    const shown = filters.project ? [filters.project] : projects.map(p => p.id);
    for (const id of shown) {
      for (const pl of await api.pipelines(id)) {
        names.pipelines[pl.id] = pl.name;
        if (filters.project) pipeline.append(h('option', {value: pl.id}, pl.name));
      }
    }
    pipeline.value = filters.pipeline;
    pipeline.disabled = !filters.project;
  })();

  return {
    async refresh() {
      await loadNames;
      const builds = await api.recentBuilds(filters);
      replace(body, table(
        ['Build', 'Project / pipeline', 'Branch', 'Commit', 'Status', 'Attempt', 'Runner', 'Duration', 'Queued'],
        builds.map(b => ({
          attrs: {dataset: {build: b.id}},
          cells: [
            link(route('builds/' + b.id), '#' + b.build_number),
            (names.projects[b.project_id] || b.project_id) + ' / ' + (names.pipelines[b.pipeline_id] || b.pipeline_id),
            b.branch || '—',
            h('code', {}, (b.commit_sha || '').slice(0, 10)),
            badge(b.status),
            b.attempt,
            b.runner_id ? h('code', {}, b.runner_id) : '—',
            span(duration(b)),
            ago(b.created_at),
          ],
        })),
        'No builds match.'));
    },
  };
}
