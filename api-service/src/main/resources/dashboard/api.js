// Every call the dashboard makes. The session lives in an HttpOnly cookie the server set at login;
// this code never sees the token. Calls that change something carry Hangar-CSRF, without which the
// server refuses a cookie-authenticated request (another site's page cannot add the header).

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
  }

  get code() {
    return this.problem.code;
  }
}

let unauthorized = () => {};

/** What to do when the session is gone (show the login form). */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

export async function call(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (method !== 'GET') headers['Hangar-CSRF'] = '1';
  const init = {method, headers, credentials: 'same-origin', cache: 'no-store'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const type = response.headers.get('Content-Type') || '';
  const data = response.status === 204 ? null
    : type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const error = new ApiError(response.status, typeof data === 'object' ? data : null);
    if (response.status === 401 && !path.startsWith('/v1/sessions/cookie')) unauthorized(error);
    throw error;
  }
  return data;
}

export const get = path => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const patch = (path, body) => call('PATCH', path, body);
export const del = path => call('DELETE', path);

const enc = encodeURIComponent;

export const login = (username, password) => post('/v1/sessions/cookie', {username, password});
export const me = () => get('/v1/sessions/current');
export const logout = () => del('/v1/sessions/current');

export const queues = () => get('/v1/queues');

export const runners = () => get('/v1/runners');
export const drainRunner = id => post('/v1/runners/' + enc(id) + '/drain');
export const deleteRunner = id => del('/v1/runners/' + enc(id));

export const projects = () => get('/v1/projects');
export const project = id => get('/v1/projects/' + enc(id));
export const createProject = body => post('/v1/projects', body);
export const updateProject = (id, body) => patch('/v1/projects/' + enc(id), body);
export const deleteProject = id => del('/v1/projects/' + enc(id));
export const pipelines = projectId => get('/v1/projects/' + enc(projectId) + '/pipelines');
export const createPipeline = (projectId, body) =>
  post('/v1/projects/' + enc(projectId) + '/pipelines', body);
export const pipeline = id => get('/v1/pipelines/' + enc(id));
export const updatePipeline = (id, body) => patch('/v1/pipelines/' + enc(id), body);
export const deletePipeline = id => del('/v1/pipelines/' + enc(id));
export const queueBuild = (pipelineId, body) =>
  post('/v1/pipelines/' + enc(pipelineId) + '/builds', body);

export const build = id => get('/v1/builds/' + enc(id));
export const cancelBuild = id => post('/v1/builds/' + enc(id) + '/cancel');
export const rerunBuild = id => post('/v1/builds/' + enc(id) + '/rerun');
export const artifacts = id => get('/v1/builds/' + enc(id) + '/artifacts');
export const artifactUrl = (id, name) => '/v1/builds/' + enc(id) + '/artifacts/' + enc(name);
export const logStreamUrl = id => '/v1/builds/' + enc(id) + '/logs/stream';

/**
 * One page of builds matching {status, project, pipeline, branch}, newest first: {builds,
 * next_cursor}. The server filters; `cursor` is the next_cursor of the page before. A page may be
 * short, even empty, and still have a next_cursor: only a null one means there is nothing further.
 */
export function recentBuilds(filters, cursor) {
  const query = new URLSearchParams();
  for (const key of ['status', 'project', 'pipeline', 'branch']) {
    if (filters[key]) query.set(key, filters[key]);
  }
  if (cursor) query.set('cursor', cursor);
  const s = query.toString();
  return get('/v1/builds' + (s ? '?' + s : ''));
}

export const signingKinds = ['android', 'ios'];
export const signing = (pipelineId, kind) =>
  get('/v1/pipelines/' + enc(pipelineId) + '/' + kind + '-signing');
export const uploadSigning = (pipelineId, kind, body) =>
  put('/v1/pipelines/' + enc(pipelineId) + '/' + kind + '-signing', body);
export const deleteSigning = (pipelineId, kind) =>
  del('/v1/pipelines/' + enc(pipelineId) + '/' + kind + '-signing');
