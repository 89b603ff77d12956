-- Unregisters a runner: its token stops working and every job it holds is released at once, as if
-- its leases had expired (counting toward max attempts), instead of waiting out the lease.
-- KEYS[1] runner hash, KEYS[2] runner's jobs, KEYS[3] runner index
-- ARGV[1] prefix, ARGV[2] runner id, ARGV[3] max attempts
-- Returns nil for an unknown runner, else {build id, action, attempt, runner id, queue, priority}
-- for each job released
local prefix = ARGV[1]
local token = redis.call('HGET', KEYS[1], 'token_hash')
if not token then return nil end
local now = now_ms()
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local f = redis.call('HMGET', build_key_of(prefix, id), 'status', 'runner_id')
  if is_leased(f[1]) and f[2] == ARGV[2] then
    release_lease(prefix, id, 'runner_deleted', now, tonumber(ARGV[3]), out)
  end
end
redis.call('DEL', prefix .. 'runner-token:' .. token, KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[2])
return out
