-- Removes a closed live log from Redis once its file is written. A log not closed (close_log.lua) is
-- left alone. How long the file is kept is the retention index's (end_build), which files the build
-- when it ends.
local log_key = KEYS[1]
local state_key = KEYS[2]
local live_key = KEYS[3]
local build_id = ARGV[1]
-- Returns 1 when the log was removed, else 0

if redis.call('HGET', state_key, 'closed') ~= '1' then return 0 end
redis.call('DEL', log_key, state_key)
redis.call('SREM', live_key, build_id)
return 1
