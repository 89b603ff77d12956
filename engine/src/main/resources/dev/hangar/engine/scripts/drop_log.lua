-- Removes a closed live log from Redis once its file is written, and files it for retention by the time
-- its build finished. A log not closed (close_log.lua) is left alone.
local build_key = KEYS[1]
local log_key = KEYS[2]
local state_key = KEYS[3]
local live_key = KEYS[4]
local archived_key = KEYS[5]
local build_id = ARGV[1]
-- Returns 1 when the log was removed, else 0

if redis.call('HGET', state_key, 'closed') ~= '1' then return 0 end
local finished = tonumber(redis.call('HGET', build_key, 'finished_at')) or now_ms()
redis.call('DEL', log_key, state_key)
redis.call('SREM', live_key, build_id)
redis.call('ZADD', archived_key, finished, build_id)
return 1
