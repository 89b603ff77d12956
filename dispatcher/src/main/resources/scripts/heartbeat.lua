-- A runner's heartbeat: contact now, every live lease it holds renewed.
-- KEYS[1] runner hash
-- ARGV[1] prefix, ARGV[2] runner id, ARGV[3] lease ttl ms
-- Returns {draining, capacity, then job_id, deadline, cancel_requested for each held lease}
local now = now_ms()
local r = redis.call('HMGET', KEYS[1], 'draining', 'capacity')
if not r[2] then return {} end
redis.call('HSET', KEYS[1], 'last_contact_at', now)
local out = {r[1] or '0', r[2]}
for _, lease in ipairs(renew_leases(ARGV[1], ARGV[2], tonumber(ARGV[3]), now)) do
  table.insert(out, lease[1]); table.insert(out, lease[2]); table.insert(out, lease[3])
end
return out
