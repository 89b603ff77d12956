// Projects and their pipelines: create, change and delete them, queue builds, and upload signing
// material. Forms show the server's validation errors next to the fields they name.

import * as api from './api.js';
import {h, link, replace, route, table, time} from './dom.js';
import {area, field, file, fileBase64, form, list, pairs, password, select, text, values} from './forms.js';

const PLATFORMS = ['android', 'ios', 'macos', 'linux', 'windows', 'web'];

/** Days typed in, or null for the global default; a refusal at the field for anything but digits. */
function retentionDays(textValue) {
  if (textValue === '') return null;
  if (!/^[0-9]+$/.test(textValue)) {
    throw new api.ApiError(400, {errors: [{field: 'retention_days', message: 'must be a whole number of days'}]});
  }
  return Number(textValue);
}

/** Name, repository URL and retention: empty for a new project, its values for a change. */
function projectFields(project, ids) {
  const p = project || {};
  return [
    field('Name', 'name', text({id: ids && 'project-name', value: p.name})),
    field('Repository URL', 'repository_url', text({id: ids && 'project-repository',
      placeholder: 'https://git.example.com/app.git', value: p.repository_url})),
    field('Keep logs and artifacts (days)', 'retention_days', text({id: ids && 'project-retention',
      inputmode: 'numeric', placeholder: 'default', value: p.retention_days})),
  ];
}

/**
 * A delete button that asks first: the first click says what deleting does and offers "Really
 * delete?", whose click deletes.
 */
function deleteControl(what, consequences, remove) {
  const ask = h('button', {type: 'button', class: 'danger', dataset: {action: 'delete'}}, 'Delete ' + what);
  const really = h('button', {type: 'button', class: 'danger', dataset: {action: 'confirm-delete'}}, 'Really delete?');
  const keep = h('button', {type: 'button', class: 'secondary', dataset: {action: 'keep'}}, 'Keep it');
  const message = h('div', {'aria-live': 'polite'});
  const confirmation = h('div', {class: 'confirm', hidden: true},
    h('p', {}, consequences), h('div', {class: 'actions'}, really, keep));
  const asking = on => {
    confirmation.hidden = !on;
    ask.hidden = on;
    replace(message);
  };
  ask.addEventListener('click', () => asking(true));
  keep.addEventListener('click', () => asking(false));
  really.addEventListener('click', async () => {
    really.disabled = true;
    try {
      await remove();
    } catch (error) {
      replace(message, h('p', {class: 'error-banner'}, error.message));
    } finally {
      really.disabled = false;
    }
  });
  return h('div', {class: 'delete-control'}, h('div', {class: 'actions'}, ask), confirmation, message);
}

export function projectsPage(view) {
  const body = h('div');
  const create = form(projectFields(null, true), 'Create project', async el => {
    const v = values(el);
    const body = {name: v.name, repository_url: v.repository_url};
    const days = retentionDays(v.retention_days);
    if (days !== null) body.retention_days = days;
    const created = await api.createProject(body);
    location.hash = route('projects/' + created.id);
  }, {id: 'project-form'});
  view.append(h('h1', {}, 'Projects'), body, h('h2', {}, 'New project'), h('div', {class: 'card'}, create));
  return {
    async refresh() {
      const projects = await api.projects();
      replace(body, table(['Project', 'Repository', 'Retention', 'Created'],
        projects.map(p => ({
          attrs: {dataset: {project: p.id}},
          cells: [link(route('projects/' + p.id), p.name), h('code', {}, p.repository_url),
            p.retention_days ? p.retention_days + ' days' : 'default', time(p.created_at)],
        })),
        'No projects yet.'));
    },
  };
}

/**
 * Steps as lines "name: command" (a line without a name is named after its command). A step named
 * as one of `previous` keeps what else that one had (timeout_seconds, env), which no line shows.
 */
function steps(textValue, previous) {
  const before = new Map((Array.isArray(previous) ? previous : [])
    .filter(s => s && typeof s === 'object').map(s => [s.name, s]));
  return textValue.split('\n').map(l => l.trim()).filter(Boolean).map(line => {
    const at = line.indexOf(': ');
    const step = at > 0 ? {name: line.slice(0, at).trim(), run: line.slice(at + 2).trim()} : {name: line, run: line};
    return Object.assign({}, before.get(step.name), step);
  });
}

function stepsText(list) {
  return (Array.isArray(list) ? list : [])
    .map(s => !s.name || s.name === s.run ? s.run : s.name + ': ' + s.run).join('\n');
}

function toolsText(tools) {
  return Object.entries(tools || {}).map(([k, v]) => k + '=' + v).join('\n');
}

/** A pipeline's inputs: empty for a new one (with ids), its values for a change. */
function pipelineFields(pipeline, ids) {
  const p = pipeline || {};
  const c = p.config || {};
  const id = suffix => ids ? 'pipeline-' + suffix : null;
  const platform = select(PLATFORMS, {id: id('platform')});
  const tools = area({id: id('tools')});
  const stepLines = area({id: id('steps')});
  const artifacts = area({id: id('artifacts')});
  const when = select([['on_success', 'on success'], ['on_failure', 'on failure'], ['always', 'always']],
    {id: id('artifacts-when')});
  if (pipeline) {
    platform.value = p.platform;
    tools.value = toolsText(p.tools);
    stepLines.value = stepsText(c.steps);
    artifacts.value = (Array.isArray(c.artifacts) ? c.artifacts : []).join('\n');
    when.value = c.artifacts_when || 'on_success';
  }
  return [
    field('Name', 'name', text({id: id('name'), value: p.name})),
    field('Platform', 'platform', platform),
    field('Tools (minimum versions, one per line: xcode=16)', 'tools', tools),
    field('Labels (comma separated)', 'labels', text({id: id('labels'), value: (p.labels || []).join(', ')})),
    field('Steps (one per line, "name: command"; none for Flutter\'s defaults)', 'config.steps',
      stepLines, {class: 'wide'}),
    field('Artifacts (glob patterns, one per line)', 'config.artifacts', artifacts),
    field('Upload artifacts', 'config.artifacts_when', when),
  ];
}

function pipelineForm(projectId, onCreated) {
  return form(pipelineFields(null, true), 'Create pipeline', async el => {
    const v = values(el);
    const config = {};
    const stepList = steps(v['config.steps']);
    if (stepList.length) config.steps = stepList;
    const artifacts = list(v['config.artifacts']);
    if (artifacts.length) {
      config.artifacts = artifacts;
      config.artifacts_when = v['config.artifacts_when'];
    }
    const created = await api.createPipeline(projectId, {
      name: v.name, platform: v.platform, tools: pairs(v.tools), labels: list(v.labels), config,
    });
    el.reset();
    await onCreated(created);
  }, {id: 'pipeline-form'});
}

/**
 * The merge patch that makes the pipeline what the form says: tools it no longer lists are sent as
 * null (tools merge key by key), and steps and artifacts only when their text changed, so config
 * the form does not show (flavor, a step's timeout) stays as it was.
 */
function pipelineChanges(pipeline, v) {
  const c = pipeline.config || {};
  const tools = pairs(v.tools);
  for (const tool of Object.keys(pipeline.tools || {})) if (!(tool in tools)) tools[tool] = null;
  const config = {};
  if (v['config.steps'] !== stepsText(c.steps)) {
    const stepList = steps(v['config.steps'], c.steps);
    config.steps = stepList.length ? stepList : null;
  }
  const artifacts = list(v['config.artifacts']);
  if (artifacts.join('\n') !== (Array.isArray(c.artifacts) ? c.artifacts : []).join('\n')) {
    config.artifacts = artifacts.length ? artifacts : null;
  }
  const when = artifacts.length ? v['config.artifacts_when'] : null;
  if (when !== (artifacts.length ? c.artifacts_when || 'on_success' : c.artifacts_when ?? null)) {
    config.artifacts_when = when;
  }
  return {name: v.name, platform: v.platform, labels: list(v.labels), tools, config};
}

function pipelineEditForm(pipeline, onChanged) {
  return form(pipelineFields(pipeline, false), 'Save pipeline', async el => {
    await api.updatePipeline(pipeline.id, pipelineChanges(pipeline, values(el)));
    await onChanged();
  }, {dataset: {editForm: 'pipeline'}});
}

function buildForm(pipeline) {
  const result = h('div', {'aria-live': 'polite'});
  const el = form([
    field('Commit SHA', 'commit_sha', text({dataset: {input: 'commit'}, placeholder: 'a1b2c3d'})),
    field('Branch', 'branch', text({dataset: {input: 'branch'}, value: 'main'})),
    field('Priority', 'priority', select(['normal', 'high'])),
  ], 'Queue build', async f => {
    const v = values(f);
    const created = await api.queueBuild(pipeline.id, v);
    replace(result, h('p', {class: 'notice'}, 'Queued ', link(route('builds/' + created.id),
      'build #' + created.build_number, {dataset: {queuedBuild: created.id}}), '.'));
  }, {dataset: {buildForm: pipeline.id}});
  return h('div', {}, el, result);
}

function signingFacts(kind, info) {
  if (!info) return h('p', {class: 'muted'}, 'No ' + kind + ' signing material.');
  const cert = info.certificate || {};
  const rows = kind === 'android'
    ? [['Key alias', info.key_alias], ['Keystore', info.keystore_type], ['Subject', cert.subject],
      ['Certificate expires', time(cert.not_after)], ['Uploaded', time(info.uploaded_at)]]
    : [['Team', info.team_id], ['Subject', cert.subject], ['Certificate expires', time(cert.not_after)],
      ['Profiles', (info.profiles || []).map(p => p.bundle_id + ' (' + p.name + ', expires ' + time(p.expires_at) + ')').join('; ')],
      ['Uploaded', time(info.uploaded_at)]];
  return h('dl', {class: 'facts'}, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v ?? '—'))));
}

function signingForm(pipeline, kind, done) {
  if (kind === 'android') {
    const keystore = file({accept: '.jks,.keystore,.p12,.pfx'});
    return form([
      field('Keystore file', 'keystore_base64', keystore),
      field('Keystore password', 'keystore_password', password()),
      field('Key alias', 'key_alias', text()),
      field('Key password', 'key_password', password()),
    ], 'Upload Android signing', async el => {
      const v = values(el);
      await api.uploadSigning(pipeline.id, kind, {
        keystore_base64: (await fileBase64(keystore)) ?? '', keystore_password: v.keystore_password,
        key_alias: v.key_alias, key_password: v.key_password,
      });
      el.reset();
      await done();
    }, {dataset: {signingForm: kind}});
  }
  const p12 = file({accept: '.p12,.pfx'});
  const profile = file({accept: '.mobileprovision,.provisionprofile'});
  return form([
    field('Team id', 'team_id', text({placeholder: 'ABCDE12345'})),
    field('Certificate (.p12)', 'certificate_p12_base64', p12),
    field('Certificate password', 'certificate_password', password()),
    field('Bundle id', 'profiles[0].bundle_id', text({placeholder: 'com.example.app'})),
    field('Provisioning profile', 'profiles', profile),
  ], 'Upload iOS signing', async el => {
    const v = values(el);
    await api.uploadSigning(pipeline.id, kind, {
      team_id: v.team_id, certificate_p12_base64: (await fileBase64(p12)) ?? '',
      certificate_password: v.certificate_password,
      profiles: [{bundle_id: v['profiles[0].bundle_id'], profile_base64: (await fileBase64(profile)) ?? ''}],
    });
    el.reset();
    await done();
  }, {dataset: {signingForm: kind}});
}

function signingSection(pipeline) {
  const kind = pipeline.platform === 'android' ? 'android'
    : ['ios', 'macos'].includes(pipeline.platform) ? 'ios' : null;
  if (!kind) return null;
  const facts = h('div');
  const message = h('div', {'aria-live': 'polite'});
  const remove = h('button', {type: 'button', class: 'danger', hidden: true}, 'Delete ' + kind + ' signing');
  async function load() {
    try {
      const info = await api.signing(pipeline.id, kind);
      replace(facts, signingFacts(kind, info));
      remove.hidden = false;
    } catch (error) {
      if (error.code !== 'signing_not_configured') throw error;
      replace(facts, signingFacts(kind, null));
      remove.hidden = true;
    }
  }
  remove.addEventListener('click', async () => {
    if (!confirm('Delete the ' + kind + ' signing material of ' + pipeline.name + '?')) return;
    try {
      await api.deleteSigning(pipeline.id, kind);
      replace(message);
    } catch (error) {
      replace(message, h('p', {class: 'error-banner'}, error.message));
    }
    await load();
  });
  load().catch(error => replace(facts, h('p', {class: 'error-banner'}, error.message)));
  return h('details', {},
    h('summary', {}, 'Signing (' + kind + ')'),
    facts, message, h('div', {class: 'actions'}, remove),
    h('p', {class: 'muted'}, 'Secrets are sent once and sealed on the server; they are never shown again.'),
    signingForm(pipeline, kind, load));
}

function pipelineCard(pipeline, reload) {
  const c = pipeline.config || {};
  const tools = Object.entries(pipeline.tools || {}).map(([k, v]) => k + ' ≥ ' + v).join(', ');
  return h('div', {class: 'card', dataset: {pipeline: pipeline.id}},
    h('h2', {}, pipeline.name, ' ', h('span', {class: 'muted'}, pipeline.platform)),
    h('p', {class: 'muted'},
      'Queue ', h('code', {}, pipeline.queue),
      tools ? ' · tools ' + tools : '',
      (pipeline.labels || []).length ? ' · labels ' + pipeline.labels.join(', ') : '',
      ' · ', Array.isArray(c.steps) ? c.steps.length + ' steps' : 'Flutter\'s default steps',
      Array.isArray(c.artifacts) ? ' · keeps ' + c.artifacts.join(', ') : '',
      ' · ', link(route('builds', {project: pipeline.project_id, pipeline: pipeline.id}), 'builds')),
    buildForm(pipeline),
    signingSection(pipeline),
    h('details', {dataset: {edit: 'pipeline'}},
      h('summary', {}, 'Change or delete this pipeline'),
      h('p', {class: 'muted'}, 'Changes apply to builds queued afterwards; builds already queued keep what they were queued with.'),
      pipelineEditForm(pipeline, reload),
      deleteControl('pipeline',
        'Deleting pipeline ' + pipeline.name + ' cancels its waiting builds and stops those running, ' +
        'removes its signing material, and deletes its builds\' logs and artifacts. The builds stay ' +
        'readable at their own addresses but are listed nowhere. This cannot be undone.',
        async () => {
          await api.deletePipeline(pipeline.id);
          await reload();
        })));
}

function projectSettings(project, pipelineCount, reload) {
  const edit = form(projectFields(project, false), 'Save project', async el => {
    const v = values(el);
    await api.updateProject(project.id, {
      name: v.name, repository_url: v.repository_url, retention_days: retentionDays(v.retention_days),
    });
    await reload();
  }, {dataset: {editForm: 'project'}});
  return h('details', {dataset: {edit: 'project'}},
    h('summary', {}, 'Change or delete this project'),
    h('p', {class: 'muted'}, 'A new repository URL applies to builds queued afterwards; a new retention to builds that end afterwards. Empty retention keeps the global default.'),
    edit,
    deleteControl('project',
      'Deleting project ' + project.name + ' deletes its pipelines (' + pipelineCount + ') and their ' +
      'signing material, cancels their waiting builds and stops those running, and deletes the ' +
      'builds\' logs and artifacts. ' +
      'The builds stay readable at their own addresses but are listed nowhere. This cannot be undone.',
      async () => {
        await api.deleteProject(project.id);
        location.hash = route('projects');
      }));
}

export function projectPage(view, [projectId]) {
  const title = h('h1', {}, 'Project');
  const facts = h('p', {class: 'muted'});
  const settings = h('div', {class: 'card', id: 'project-settings'});
  const pipelines = h('div', {id: 'pipelines'});
  async function load() {
    const [project, list] = await Promise.all([api.project(projectId), api.pipelines(projectId)]);
    replace(title, project.name);
    replace(facts, h('code', {}, project.repository_url), ' · ',
      project.retention_days ? 'keeps logs and artifacts ' + project.retention_days + ' days' : 'default retention',
      ' · ', link(route('builds', {project: project.id}), 'builds'));
    replace(settings, projectSettings(project, list.length, load));
    replace(pipelines, list.length ? list.map(p => pipelineCard(p, load)) : h('p', {class: 'muted'}, 'No pipelines yet.'));
  }
  view.append(title, facts, settings, pipelines,
    h('h2', {}, 'New pipeline'), h('div', {class: 'card'}, pipelineForm(projectId, load)));
  load().catch(error => replace(pipelines, h('p', {class: 'error-banner'}, error.message)));
  return {};
}
