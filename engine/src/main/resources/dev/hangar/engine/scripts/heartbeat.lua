-- A runner's heartbeat: its token checked, contact now, every live lease it holds renewed, all in
-- one round trip (heartbeats are the most frequent call Hangar answers).
-- KEYS[1] token index entry
-- ARGV[1] prefix, ARGV[2] runner id of the request path, ARGV[3] token hash, ARGV[4] lease ttl ms
-- Returns {'unauthorized'} for an unknown or revoked token, {'not_your_runner'} for another runner's
-- path, else {'ok', draining, capacity, then job_id, deadline, cancel_requested for each held lease}
local id, key = token_owner(ARGV[1], KEYS[1], ARGV[3])
if not id then return {'unauthorized'} end
if id ~= ARGV[2] then return {'not_your_runner'} end
local r = redis.call('HMGET', key, 'draining', 'capacity')
local now = now_ms()
redis.call('HSET', key, 'last_contact_at', now)
local out = {'ok', r[1] or '0', r[2]}
for _, lease in ipairs(renew_leases(ARGV[1], id, tonumber(ARGV[4]), now)) do
  table.insert(out, lease[1]); table.insert(out, lease[2]); table.insert(out, lease[3])
end
return out
