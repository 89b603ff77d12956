-- A runner's PATCH: name, capabilities and drain flag change together. A capability change bumps
-- caps_rev in the same step, so a claim matched against the old capabilities is refused (see
-- claim.lua).
local runner_key = KEYS[1]
local name = ARGV[1]                 -- or '' to keep it
local capabilities = ARGV[2]         -- json, or '' to keep them
local capacity = ARGV[3]             -- given with the capabilities
local draining = ARGV[4]             -- '1', '0', or '' to keep it
-- Returns the update time in ms, or nil for a runner deleted after its request was authenticated:
-- writing anyway would leave a half runner hash behind (no token, no capabilities) that every later
-- read trips over.

if redis.call('EXISTS', runner_key) == 0 then return nil end
local now = now_ms()
if name ~= '' then redis.call('HSET', runner_key, 'name', name) end
if capabilities ~= '' then
  redis.call('HSET', runner_key, 'capabilities', capabilities, 'capacity', capacity)
  redis.call('HINCRBY', runner_key, 'caps_rev', 1)
end
if draining ~= '' then redis.call('HSET', runner_key, 'draining', draining) end
redis.call('HSET', runner_key, 'updated_at', now, 'last_contact_at', now)
return now
