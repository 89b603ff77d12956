-- A runner's heartbeat: its token checked, its contact recorded and every live lease it holds renewed,
-- in one round trip because heartbeats are the most frequent call Hangar answers, and in one step so a
-- token revoked meanwhile renews nothing.
local token_index_key = KEYS[1]
local prefix = ARGV[1]
local path_runner_id = ARGV[2]       -- the runner the request path names
local token_hash = ARGV[3]
local lease_ttl_ms = tonumber(ARGV[4])
-- Returns {'unauthorized'} for an unknown or revoked token, {'not_your_runner'} for another runner's
-- path, else {'ok', draining, capacity, then job id, lease deadline ms, cancel_requested for each lease
-- the runner still holds}

local runner_id, runner_key = token_owner(prefix, token_index_key, token_hash)
if not runner_id then return {'unauthorized'} end
if runner_id ~= path_runner_id then return {'not_your_runner'} end
local runner = redis.call('HMGET', runner_key, 'draining', 'capacity')
local now = now_ms()
redis.call('HSET', runner_key, 'last_contact_at', now)
local out = {'ok', runner[1] or '0', runner[2]}
for _, lease in ipairs(renew_leases(prefix, runner_id, lease_ttl_ms, now)) do
  table.insert(out, lease[1]); table.insert(out, lease[2]); table.insert(out, lease[3])
end
return out
