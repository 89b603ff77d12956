-- Every artifact of a build is deleted (retention, a deleted project): the listing and the space it took
-- go in one step, before the caller deletes the blobs, so nothing is listed whose file is gone.
local artifacts_key = KEYS[1]
local space_key = KEYS[2]
-- Returns {}

redis.call('DEL', artifacts_key, space_key)
return {}
