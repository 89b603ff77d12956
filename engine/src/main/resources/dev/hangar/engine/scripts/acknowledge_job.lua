-- A runner fetched a job it holds (GET …/jobs/{id}): the claim answer evidently reached it, so from now
-- on its heartbeats renew this lease too (see renew_leases), and this one is renewed at once. One step,
-- so a lease that lapsed or moved to another runner meanwhile is neither marked nor renewed.
local build_key = KEYS[1]
local prefix = ARGV[1]
local build_id = ARGV[2]
local runner_id = ARGV[3]
local lease_ttl_ms = tonumber(ARGV[4])
-- Returns 1, or 0 when the runner does not hold a live lease on the build

local f = redis.call('HMGET', build_key, 'status', 'runner_id', 'lease_expires_at')
local now = now_ms()
if not is_leased(f[1]) or f[2] ~= runner_id or tonumber(f[3]) <= now then return 0 end
local deadline = now + lease_ttl_ms
redis.call('HSET', build_key, 'acknowledged', 1, 'lease_expires_at', deadline)
redis.call('ZADD', prefix .. 'leases', deadline, build_id)
return 1
