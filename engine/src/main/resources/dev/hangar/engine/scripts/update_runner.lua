-- A runner's PATCH: name, capabilities and drain flag change together; a capability change bumps
-- caps_rev so a claim matched against the old capabilities is refused (see claim.lua).
-- KEYS[1] runner hash
-- ARGV[1] name or '', ARGV[2] capabilities json or '', ARGV[3] capacity or '', ARGV[4] draining '1'/'0' or ''
-- Returns nil for a runner deleted after its request was authenticated: writing anyway would leave a
-- half runner hash behind (no token, no capabilities) that every later read trips over.
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local now = now_ms()
if ARGV[1] ~= '' then redis.call('HSET', KEYS[1], 'name', ARGV[1]) end
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'capabilities', ARGV[2], 'capacity', ARGV[3])
  redis.call('HINCRBY', KEYS[1], 'caps_rev', 1)
end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'draining', ARGV[4]) end
redis.call('HSET', KEYS[1], 'updated_at', now, 'last_contact_at', now)
return now
