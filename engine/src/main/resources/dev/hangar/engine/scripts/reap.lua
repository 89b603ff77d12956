-- Takes due entries of the deadline index in one batch and ends their leases (ARCHITECTURE.md rule 5). Each
-- entry is re-checked against its build in the same step, so a lease renewed after the index was read,
-- or a build another dispatcher already handled, is left alone: two dispatchers never requeue one
-- expiry twice. The batch bound keeps one call short so Redis stays responsive.
-- Its moves are the REAPER rows of BuildTransitions (Java), made by release_lease; BuildTransitionsIT
-- keeps the two in step.
local leases_key = KEYS[1]           -- the deadline index
local prefix = ARGV[1]
local batch = tonumber(ARGV[2])
local max_attempts = tonumber(ARGV[3])
local retention_ms = tonumber(ARGV[4]) -- HANGAR_RETENTION, for builds this ends (end_build)
-- Returns {build id, action, attempt, runner id, queue, priority} for each lease ended (release_lease)

local now = now_ms()
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', leases_key, '-inf', now, 'LIMIT', 0, batch)) do
  local f = redis.call('HMGET', build_key_of(prefix, id), 'status', 'lease_expires_at')
  if not is_leased(f[1]) then
    redis.call('ZREM', leases_key, id)
  elseif tonumber(f[2]) > now then
    redis.call('ZADD', leases_key, f[2], id)
  else
    release_lease(prefix, id, 'lease_expired', now, max_attempts, retention_ms, out)
  end
end
return out
