-- Registers a runner: its hash, its token's index entry and its place in the runner index are written
-- together, stamped with Redis's clock, so no request can find the token without the runner or list a
-- runner whose token does not work yet.
local runner_key = KEYS[1]
local token_index_key = KEYS[2]
local runners_key = KEYS[3]          -- the runner index
local runner_id = ARGV[1]
local name = ARGV[2]
local capabilities = ARGV[3]         -- json
local capacity = ARGV[4]
local token_hash = ARGV[5]
local registered_by = ARGV[6]        -- the user id
-- Returns the registration time in ms

local now = now_ms()
redis.call('HSET', runner_key, 'id', runner_id, 'name', name, 'capabilities', capabilities,
  'capacity', capacity, 'token_hash', token_hash, 'registered_by', registered_by, 'caps_rev', 1,
  'draining', 0, 'created_at', now, 'updated_at', now, 'last_contact_at', now)
redis.call('SET', token_index_key, runner_id)
redis.call('SADD', runners_key, runner_id)
return now
