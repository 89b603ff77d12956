-- A runner starts uploading an artifact (docs/artifacts.md): the lease is checked (lease_refusal) and the
-- artifact's size is reserved against the build's limit in the same step, before a byte is read, so two
-- uploads in parallel cannot both squeeze under it. The same name uploaded again replaces the old
-- artifact, whose bytes then no longer count. The reservation ends when the upload is recorded
-- (record_artifact.lua) or fails (release_artifact.lua), or at its deadline if its instance dies.
-- Nothing here moves a build: it only reads the build hash.
local build_key = KEYS[1]
local artifacts_key = KEYS[2]
local space_key = KEYS[3]
local runner_id = ARGV[1]
local named_attempt = ARGV[2]
local name = ARGV[3]
local size = tonumber(ARGV[4])
local max_build = tonumber(ARGV[5])  -- the most a build's artifacts may take, in bytes
local upload_id = ARGV[6]
local hold_ms = tonumber(ARGV[7])    -- how long the reservation lasts without a record or a release
-- Returns {'ok'}, {'build_artifacts_too_large', bytes already taken} or {refusal code, detail}

local refusal = lease_refusal(build_key, runner_id, named_attempt)
if refusal then return refusal end

local now = now_ms()
local stored, reserved = artifact_space(space_key, now)
local old = redis.call('HGET', artifacts_key, name)
local replaced = old and cjson.decode(old).size or 0
local taken = stored - replaced + reserved
if taken + size > max_build then return {'build_artifacts_too_large', string.format('%d', taken)} end
redis.call('HSET', space_key, 'upload:' .. upload_id, ARGV[4] .. ' ' .. string.format('%d', now + hold_ms))
return {'ok'}
