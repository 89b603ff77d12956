-- Stores a new pipeline if its project still exists, in one step: a project's deletion sets its record
-- aside first, so no pipeline can be added behind its back.
local project_key = KEYS[1]
local pipeline_key = KEYS[2]
local project_pipelines_key = KEYS[3]
local pipeline_id = ARGV[1]
local pipeline = ARGV[2]             -- json
local score = ARGV[3]                -- creation time, milliseconds
-- Returns 1, or 0 when the project is gone

if redis.call('EXISTS', project_key) == 0 then return 0 end
redis.call('SET', pipeline_key, pipeline)
redis.call('ZADD', project_pipelines_key, score, pipeline_id)
return 1
