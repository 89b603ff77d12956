-- The first step of deleting a pipeline: its record moves aside (Keys.deletedPipeline), so from here on
-- nobody reads or changes it or queues a build on it, and a build of it that ends is due for retention at
-- once (end_build). The later steps find the set-aside record, so a retried DELETE resumes.
local pipeline_key = KEYS[1]
local deleted_pipeline_key = KEYS[2]
local deletions_key = KEYS[3]        -- deletions begun and not finished
local pipeline_id = ARGV[1]
-- Returns the pipeline's record (json) when there is a deletion to carry out, begun now or earlier;
-- nil when the pipeline is gone

if redis.call('EXISTS', pipeline_key) == 1 then
  redis.call('RENAME', pipeline_key, deleted_pipeline_key)
  redis.call('SADD', deletions_key, pipeline_id)
end
return redis.call('GET', deleted_pipeline_key)
