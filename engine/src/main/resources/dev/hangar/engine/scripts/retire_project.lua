-- The first step of deleting a project: its record and its pipelines' move aside (Keys.deletedProject,
-- Keys.deletedPipeline), so from here on nobody reads, changes, or queues a build on them (create_build.lua,
-- create_pipeline.lua and replace_record.lua all need the records in place), and a build of theirs that
-- ends is due for retention at once (end_build). The deletion's later steps find the set-aside record, so
-- a DELETE retried after a crash resumes where the first one stopped.
local project_key = KEYS[1]
local deleted_project_key = KEYS[2]
local projects_key = KEYS[3]         -- every project
local project_pipelines_key = KEYS[4]
local deletions_key = KEYS[5]        -- deletions begun and not finished
local prefix = ARGV[1]
local project_id = ARGV[2]
-- Returns 1 when there is a deletion to carry out (begun now or earlier), 0 when the project is gone

if redis.call('EXISTS', project_key) == 0 then
  return redis.call('EXISTS', deleted_project_key)
end
for _, pipeline_id in ipairs(redis.call('ZRANGE', project_pipelines_key, 0, -1)) do
  local pipeline_key = prefix .. 'pipeline:' .. pipeline_id
  if redis.call('EXISTS', pipeline_key) == 1 then
    redis.call('RENAME', pipeline_key, prefix .. 'deleted-pipeline:' .. pipeline_id)
  end
end
redis.call('RENAME', project_key, deleted_project_key)
redis.call('ZREM', projects_key, project_id)
redis.call('SADD', deletions_key, project_id)
return 1
