-- The last step of deleting a pipeline, once its builds are cancelled, their data due and out of the
-- listings, and its signing material gone: the set-aside record, its build index, its place in the project.
local deleted_pipeline_key = KEYS[1]
local pipeline_builds_key = KEYS[2]
local project_pipelines_key = KEYS[3]
local deletions_key = KEYS[4]        -- deletions begun and not finished
local pipeline_id = ARGV[1]
-- Returns nothing

redis.call('DEL', deleted_pipeline_key, pipeline_builds_key)
redis.call('ZREM', project_pipelines_key, pipeline_id)
redis.call('SREM', deletions_key, pipeline_id)
