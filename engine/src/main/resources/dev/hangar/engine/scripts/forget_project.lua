-- The last step of deleting a project, once its builds are cancelled, their data due and out of the
-- listings, and its pipelines' signing material gone: everything left of the project and its pipelines.
local deleted_project_key = KEYS[1]
local project_pipelines_key = KEYS[2]
local project_builds_key = KEYS[3]
local counter_key = KEYS[4]
local deletions_key = KEYS[5]        -- deletions begun and not finished
local prefix = ARGV[1]
local project_id = ARGV[2]
-- Returns nothing

for _, pipeline_id in ipairs(redis.call('ZRANGE', project_pipelines_key, 0, -1)) do
  local pipeline_key = prefix .. 'pipeline:' .. pipeline_id
  redis.call('DEL', pipeline_key, pipeline_key .. ':builds', prefix .. 'deleted-pipeline:' .. pipeline_id)
  redis.call('SREM', deletions_key, pipeline_id)
end
redis.call('SREM', deletions_key, project_id)
redis.call('DEL', deleted_project_key, project_pipelines_key, project_builds_key, counter_key)
