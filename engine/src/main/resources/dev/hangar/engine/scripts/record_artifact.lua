-- An upload arrived whole and its checksum matched: the artifact is listed, if the runner still holds the
-- lease and the build's artifacts still fit, both checked again in this step, so an upload that
-- straddled a lease loss is never listed. The upload's reservation ends here whatever the answer.
-- The same name replaces the old entry; its blob is returned for the caller to delete.
-- Nothing here moves a build: it only reads the build hash.
local build_key = KEYS[1]
local artifacts_key = KEYS[2]
local space_key = KEYS[3]
local build_id = ARGV[1]
local runner_id = ARGV[2]
local named_attempt = ARGV[3]
local name = ARGV[4]
local upload_id = ARGV[5]
local size = tonumber(ARGV[6])
local sha256 = ARGV[7]
local content_type = ARGV[8]
local blob = ARGV[9]
local max_build = tonumber(ARGV[10])
-- Returns {'ok', created_at, replaced blob or ''}, {'build_artifacts_too_large', bytes already taken}
-- or {refusal code, detail}

redis.call('HDEL', space_key, 'upload:' .. upload_id)
local refusal = lease_refusal(build_key, runner_id, named_attempt)
if refusal then return refusal end

local now = now_ms()
local stored, reserved = artifact_space(space_key, now)
local old = redis.call('HGET', artifacts_key, name)
local previous = old and cjson.decode(old)
local replaced = previous and previous.size or 0
local taken = stored - replaced + reserved
if taken + size > max_build then return {'build_artifacts_too_large', string.format('%d', taken)} end

redis.call('HSET', artifacts_key, name, cjson.encode({
  size = size, sha256 = sha256, content_type = content_type, created_at = now,
  attempt = tonumber(named_attempt), blob = blob}))
redis.call('HSET', space_key, 'stored', string.format('%d', stored - replaced + size))
return {'ok', now, previous and previous.blob or ''}
