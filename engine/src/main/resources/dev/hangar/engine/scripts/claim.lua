-- The "record" of claim = get, record, ack (DESIGN rule 2). Runs between basic.get and ack.
-- A message whose build is no longer queued at that attempt (cancelled, claimed through a
-- redelivered copy, requeued since) is 'stale': the caller acks and drops it. A runner that may not
-- take work right now is 'refused': the caller returns the message to the queue.
-- The runner's token is checked here, not only before the claim: the caller may have chosen the
-- queue from what an earlier request's authentication said, sparing each claim a round trip.
-- KEYS[1] build hash, KEYS[2] runner hash, KEYS[3] runner's jobs, KEYS[4] token index entry
-- ARGV[1] prefix, ARGV[2] build id, ARGV[3] attempt in the message, ARGV[4] runner id,
-- ARGV[5] lease ttl ms, ARGV[6] capabilities revision the caller matched against, ARGV[7] token hash
local b = redis.call('HMGET', KEYS[1], 'status', 'attempt', 'queue')
if not b[1] then return {'stale', 'missing'} end
if b[1] ~= 'queued' or b[2] ~= ARGV[3] then return {'stale', b[1]} end

if token_owner(ARGV[1], KEYS[4], ARGV[7]) ~= ARGV[4] then return {'refused', 'token_revoked'} end
local now = now_ms()
-- The token checked out: the runner made contact, whatever the claim's outcome (SPEC "Runners").
redis.call('HSET', KEYS[2], 'last_contact_at', now)
local r = redis.call('HMGET', KEYS[2], 'draining', 'capacity', 'caps_rev')
if r[1] == '1' then return {'refused', 'draining'} end
if redis.call('SCARD', KEYS[3]) >= tonumber(r[2]) then return {'refused', 'at_capacity'} end
-- Eligibility was matched against this revision of the capabilities; a concurrent PATCH voids it.
if r[3] ~= ARGV[6] then return {'refused', 'capabilities_changed'} end

local deadline = now + tonumber(ARGV[5])
local id = ARGV[2]
redis.call('HSET', KEYS[1], 'status', 'assigned', 'runner_id', ARGV[4], 'lease_expires_at', deadline, 'updated_at', now)
redis.call('ZADD', ARGV[1] .. 'leases', deadline, id)
redis.call('ZREM', waiting_key_of(ARGV[1], b[3]), id)
redis.call('SADD', KEYS[3], id)
redis.call('RPUSH', KEYS[1] .. ':attempts',
  cjson.encode({attempt = tonumber(ARGV[3]), runner_id = ARGV[4], claimed_at = now}))
local job = redis.call('HMGET', KEYS[1], 'project_id', 'pipeline_id', 'build_number', 'platform',
  'config_snapshot', 'commit_sha', 'branch')
return {'claimed', deadline, job[1], job[2], job[3], job[4], job[5], job[6], job[7]}
