-- Resolves a runner token and records the contact in the same round trip, returning what a claim
-- needs to decide eligibility, so the hot path pays one Redis call for all of it.
-- KEYS[1] token index entry
-- ARGV[1] prefix
-- Returns nil for an unknown token, else {runner id, token hash, draining, capacity, caps_rev,
-- capabilities json, jobs held}
local id = redis.call('GET', KEYS[1])
if not id then return nil end
local key = ARGV[1] .. 'runner:' .. id
local r = redis.call('HMGET', key, 'token_hash', 'draining', 'capacity', 'caps_rev', 'capabilities')
if not r[1] then return nil end
redis.call('HSET', key, 'last_contact_at', now_ms())
return {id, r[1], r[2] or '0', r[3], r[4], r[5], redis.call('SCARD', jobs_key(ARGV[1], id))}
