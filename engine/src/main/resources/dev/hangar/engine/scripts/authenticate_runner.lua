-- Resolves a runner token and records the contact in the same round trip, returning what a claim
-- needs to decide eligibility, so the hot path pays one Redis call for all of it.
local token_index_key = KEYS[1]
local prefix = ARGV[1]
local token_hash = ARGV[2]
-- Returns nil for an unknown or revoked token, else {runner id, draining, capacity, caps_rev,
-- capabilities json, jobs held}

local runner_id, runner_key = token_owner(prefix, token_index_key, token_hash)
if not runner_id then return nil end
local r = redis.call('HMGET', runner_key, 'draining', 'capacity', 'caps_rev', 'capabilities')
redis.call('HSET', runner_key, 'last_contact_at', now_ms())
return {runner_id, r[1] or '0', r[2], r[3], r[4], redis.call('SCARD', jobs_key_of(prefix, runner_id))}
