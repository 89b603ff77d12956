-- Resolves a runner token and records the contact in the same round trip, returning what a claim
-- needs to decide eligibility, so the hot path pays one Redis call for all of it.
-- KEYS[1] token index entry
-- ARGV[1] prefix, ARGV[2] token hash
-- Returns nil for an unknown or revoked token, else {runner id, draining, capacity, caps_rev,
-- capabilities json, jobs held}
local id, key = token_owner(ARGV[1], KEYS[1], ARGV[2])
if not id then return nil end
local r = redis.call('HMGET', key, 'draining', 'capacity', 'caps_rev', 'capabilities')
redis.call('HSET', key, 'last_contact_at', now_ms())
return {id, r[1] or '0', r[2], r[3], r[4], redis.call('SCARD', jobs_key_of(ARGV[1], id))}
