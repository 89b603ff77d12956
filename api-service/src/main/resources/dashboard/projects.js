// Projects and their pipelines: create them, queue builds, and upload signing material. Forms show
// the server's validation errors next to the fields they name.

import * as api from './api.js';
import {h, link, replace, route, table, time} from './dom.js';
import {area, field, file, fileBase64, form, list, pairs, password, select, text, values} from './forms.js';

const PLATFORMS = ['android', 'ios', 'macos', 'linux', 'windows', 'web'];

export function projectsPage(view) {
  const body = h('div');
  const create = form([
    field('Name', 'name', text({id: 'project-name'})),
    field('Repository URL', 'repository_url', text({id: 'project-repository', placeholder: 'https://git.example.com/app.git'})),
    field('Keep logs and artifacts (days)', 'retention_days', text({id: 'project-retention', inputmode: 'numeric', placeholder: 'default'})),
  ], 'Create project', async el => {
    const v = values(el);
    const body = {name: v.name, repository_url: v.repository_url};
    if (v.retention_days) body.retention_days = Number(v.retention_days);
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

/** Steps as lines "name: command" (a line without a name is named after its command). */
function steps(textValue) {
  return textValue.split('\n').map(l => l.trim()).filter(Boolean).map(line => {
    const at = line.indexOf(': ');
    return at > 0 ? {name: line.slice(0, at).trim(), run: line.slice(at + 2).trim()} : {name: line, run: line};
  });
}

function pipelineForm(projectId, onCreated) {
  const platform = select(PLATFORMS, {id: 'pipeline-platform'});
  return form([
    field('Name', 'name', text({id: 'pipeline-name'})),
    field('Platform', 'platform', platform),
    field('Tools (minimum versions, one per line: xcode=16)', 'tools', area({id: 'pipeline-tools'})),
    field('Labels (comma separated)', 'labels', text({id: 'pipeline-labels'})),
    field('Steps (one per line, "name: command"; none for Flutter\'s defaults)', 'config.steps',
      area({id: 'pipeline-steps'}), {class: 'wide'}),
    field('Artifacts (glob patterns, one per line)', 'config.artifacts', area({id: 'pipeline-artifacts'})),
    field('Upload artifacts', 'config.artifacts_when',
      select([['on_success', 'on success'], ['on_failure', 'on failure'], ['always', 'always']], {id: 'pipeline-artifacts-when'})),
  ], 'Create pipeline', async el => {
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

// Editing and deleting a pipeline belong on its card once PATCH/DELETE /v1/pipelines/{id} exist.
function pipelineCard(pipeline) {
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
    signingSection(pipeline));
}

export function projectPage(view, [projectId]) {
  const title = h('h1', {}, 'Project');
  const facts = h('p', {class: 'muted'});
  const pipelines = h('div', {id: 'pipelines'});
  async function load() {
    const [project, list] = await Promise.all([api.project(projectId), api.pipelines(projectId)]);
    replace(title, project.name);
    replace(facts, h('code', {}, project.repository_url), ' · ',
      link(route('builds', {project: project.id}), 'builds'));
    replace(pipelines, list.length ? list.map(pipelineCard) : h('p', {class: 'muted'}, 'No pipelines yet.'));
  }
  view.append(title, facts, pipelines,
    h('h2', {}, 'New pipeline'), h('div', {class: 'card'}, pipelineForm(projectId, load)));
  load().catch(error => replace(pipelines, h('p', {class: 'error-banner'}, error.message)));
  // Editing and deleting the project belong here once PATCH/DELETE /v1/projects/{id} exist.
  return {};
}
