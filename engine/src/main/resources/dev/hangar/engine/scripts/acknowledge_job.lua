-- A runner fetched a job it holds (GET …/jobs/{id}): the claim answer evidently reached it, so from
-- now on its heartbeats renew this lease too (see renew_leases), and this one is renewed at once.
-- KEYS[1] build hash
-- ARGV[1] prefix, ARGV[2] build id, ARGV[3] runner id, ARGV[4] lease ttl ms
-- Returns the lease deadline in ms, or 0 when the runner does not hold a live lease on the build
local f = redis.call('HMGET', KEYS[1], 'status', 'runner_id', 'lease_expires_at')
local now = now_ms()
if not is_leased(f[1]) or f[2] ~= ARGV[3] or tonumber(f[3]) <= now then return 0 end
local deadline = now + tonumber(ARGV[4])
redis.call('HSET', KEYS[1], 'acknowledged', 1, 'lease_expires_at', deadline)
redis.call('ZADD', ARGV[1] .. 'leases', deadline, ARGV[2])
return deadline
