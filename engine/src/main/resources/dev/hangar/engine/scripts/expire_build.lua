-- Marks a build as expired once every kind of data it kept (log, artifacts) was deleted, and takes it
-- out of the retention index: RetentionSweep's last step for a build, so a sweep stopped before it
-- leaves the build in the index and the next sweep deletes again what may be left. The first
-- expiry time stays should two dispatchers expire one build; a build record deleted meanwhile is not
-- brought back as a hash of this one field.
local build_key = KEYS[1]
local index_key = KEYS[2]            -- the retention index
local build_id = ARGV[1]
-- Returns nothing

if redis.call('EXISTS', build_key) == 1 then
  redis.call('HSETNX', build_key, 'data_expired_at', now_ms())
end
redis.call('ZREM', index_key, build_id)
