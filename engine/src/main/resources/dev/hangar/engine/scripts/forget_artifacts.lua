-- Every artifact of a build is deleted (retention, a deleted build): the listing, the space it took and
-- its entry in the retention index go in one step, before the caller deletes the blobs, so nothing is
-- listed whose file is gone.
local artifacts_key = KEYS[1]
local space_key = KEYS[2]
local index_key = KEYS[3]
local build_id = ARGV[1]
-- Returns {}

redis.call('DEL', artifacts_key, space_key)
redis.call('ZREM', index_key, build_id)
return {}
