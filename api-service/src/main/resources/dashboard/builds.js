// Builds of every project, newest first, filtered by the server with the filters kept in the address
// (#/builds?status=&project=&pipeline=&branch=), the first page live and older ones on "More".

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

/**
 * The builds shown: the first page, fetched again on every refresh, and the older pages "More" added.
 * Older builds stay put while the first page moves: those that slid off its end are kept (they are
 * older than all it holds), so nothing between it and the older pages goes missing. Older pages are
 * not fetched again.
 */
class BuildPages {
  constructor() {
    this.shown = [];
    this.cursor = null;
    this.extended = false;
  }

  /** A new first page. */
  head(page) {
    const fresh = page.builds;
    if (!this.extended || page.next_cursor === null) {
      this.shown = fresh;
      this.cursor = page.next_cursor;
      this.extended = this.extended && page.next_cursor !== null;
      return;
    }
    if (fresh.length === 0) return;
    const ids = new Set(fresh.map(b => b.id));
    const oldest = fresh[fresh.length - 1].created_at;
    this.shown = fresh.concat(this.shown.filter(b => !ids.has(b.id) && b.created_at <= oldest));
  }

  /** The page after the last one shown. */
  older(page) {
    const ids = new Set(this.shown.map(b => b.id));
    this.shown = this.shown.concat(page.builds.filter(b => !ids.has(b.id)));
    this.cursor = page.next_cursor;
    this.extended = true;
  }
}

export function buildsPage(view, params, query) {
  const filters = {
    status: query.get('status') || '',
    project: query.get('project') || '',
    pipeline: query.get('pipeline') || '',
    branch: query.get('branch') || '',
  };
  const projectNames = {};
  const pipelineNames = new Map();
  const statusOptions = [['', 'any status'], ...STATUSES];
  if (filters.status && !STATUSES.includes(filters.status)) statusOptions.push(filters.status);
  const status = select(statusOptions, {id: 'filter-status'});
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
  const more = h('button', {type: 'button', class: 'secondary', id: 'more-builds', hidden: true}, 'More');
  const end = h('p', {class: 'muted', id: 'builds-end', 'aria-live': 'polite'});
  view.append(h('h1', {}, 'Builds'),
    h('div', {class: 'filters'},
      h('label', {}, 'Status', status), h('label', {}, 'Project', project),
      h('label', {}, 'Pipeline', pipeline), h('label', {}, 'Branch', branch)),
    body, end, h('div', {class: 'actions'}, more));

  const loadNames = (async () => {
    const projects = await api.projects();
    for (const p of projects) {
      projectNames[p.id] = p.name;
      project.append(h('option', {value: p.id}, p.name));
    }
    project.value = filters.project;
    const choices = filters.project
      ? await api.pipelines(filters.project).catch(error => {
        if (error.status === 404) return [];
        throw error;
      })
      : [];
    for (const pl of choices) {
      pipelineNames.set(pl.id, Promise.resolve(pl.name));
      pipeline.append(h('option', {value: pl.id}, pl.name));
    }
    pipeline.value = filters.pipeline;
    pipeline.disabled = !filters.project;
  })();

  /** Each pipeline's name is asked for once, when a build of it is first shown. */
  function pipelineName(id) {
    if (!pipelineNames.has(id)) pipelineNames.set(id, api.pipeline(id).then(p => p.name, () => id));
    return pipelineNames.get(id);
  }

  const pages = new BuildPages();

  async function render() {
    const ids = [...new Set(pages.shown.map(b => b.pipeline_id))];
    const names = new Map(await Promise.all(ids.map(async id => [id, await pipelineName(id)])));
    replace(body, table(
      ['Build', 'Project / pipeline', 'Branch', 'Commit', 'Status', 'Attempt', 'Runner', 'Duration', 'Queued'],
      pages.shown.map(b => ({
        attrs: {dataset: {build: b.id}},
        cells: [
          link(route('builds/' + b.id), '#' + b.build_number),
          (projectNames[b.project_id] || b.project_id) + ' / ' + (names.get(b.pipeline_id) || b.pipeline_id),
          b.branch || '—',
          h('code', {}, (b.commit_sha || '').slice(0, 10)),
          badge(b.status),
          b.attempt,
          b.runner_id ? h('code', {}, b.runner_id) : '—',
          span(duration(b)),
          ago(b.created_at),
        ],
      })),
      pages.cursor ? 'None of the most recent builds match.' : 'No builds match.'));
    more.hidden = !pages.cursor;
    end.dataset.end = pages.cursor ? 'more' : 'all';
    replace(end, pages.cursor
      ? 'Older builds may match too: More looks further back.'
      : pages.shown.length ? 'That is every build that matches.' : '');
  }

  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      pages.older(await api.recentBuilds(filters, pages.cursor));
      await render();
    } catch (error) {
      replace(end, h('span', {class: 'form-error'}, 'Could not load more: ' + error.message));
    } finally {
      more.disabled = false;
    }
  });

  return {
    async refresh() {
      await loadNames;
      let page;
      try {
        page = await api.recentBuilds(filters);
      } catch (error) {
        if (error.code !== 'invalid_parameter') throw error;
        // A filter naming a project or pipeline deleted since: say so instead of retrying it.
        replace(body, h('p', {class: 'error-banner', id: 'builds-refused'}, error.message, ' ',
          link(route('builds'), 'Show every build')));
        more.hidden = true;
        replace(end);
        return;
      }
      pages.head(page);
      await render();
    },
  };
}
