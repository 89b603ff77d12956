-- Takes due entries of the deadline index in one batch and ends their leases (DESIGN rule 5).
-- Each entry is re-checked against the build hash, so a lease renewed after the index was read, or a
-- build already handled by another dispatcher, is left alone: two dispatchers never requeue one
-- expiry twice. The batch bound keeps one call short so Redis stays responsive.
-- KEYS[1] deadline index
-- ARGV[1] prefix, ARGV[2] batch size, ARGV[3] max attempts
-- Returns {build id, action, attempt, runner id, queue, priority} for each lease ended
local prefix = ARGV[1]
local now = now_ms()
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))) do
  local key = build_key_of(prefix, id)
  local f = redis.call('HMGET', key, 'status', 'lease_expires_at')
  if not is_leased(f[1]) then
    redis.call('ZREM', KEYS[1], id)
  elseif tonumber(f[2]) > now then
    redis.call('ZADD', KEYS[1], f[2], id)
  else
    release_lease(prefix, id, 'lease_expired', now, tonumber(ARGV[3]), out)
  end
end
return out
