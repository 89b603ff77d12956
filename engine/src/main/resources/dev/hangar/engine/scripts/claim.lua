-- The "record" of claim = take, record, ack (ARCHITECTURE.md rule 2): runs after a message was taken and before
-- it is acked, so the broker forgets the message only once the lease exists. One step, because
-- everything it checks (the build still waits at this attempt, the runner's token still counts, it is
-- not draining, has room, has the capabilities it was matched with) must still hold when the lease is
-- written.
-- A message whose build no longer waits at that attempt (cancelled, claimed through a redelivered
-- copy, requeued since) is stale: the caller acks and drops it. A runner that changed meanwhile is
-- refused: the caller returns the message to the queue.
-- The token is checked here, not only before the claim: the caller may have chosen the queue from
-- what an earlier request's authentication said, sparing each claim a round trip.
-- Its move is the CLAIM row of BuildTransitions (Java); BuildTransitionsIT keeps the two in step.
local build_key = KEYS[1]
local runner_key = KEYS[2]
local runner_jobs_key = KEYS[3]
local token_index_key = KEYS[4]
local prefix = ARGV[1]
local build_id = ARGV[2]
local attempt = ARGV[3]              -- the attempt the message stands for
local runner_id = ARGV[4]
local lease_ttl_ms = tonumber(ARGV[5])
local caps_rev = ARGV[6]             -- the capabilities revision the caller matched the build against
local token_hash = ARGV[7]
-- Returns {'claimed', lease deadline ms, ms the build waited in its queue, project id, pipeline id,
-- build number, platform, config snapshot json, commit sha, branch, repository url},
-- {'stale', status or 'missing'}, or
-- {'refused', 'token_revoked' | 'draining' | 'at_capacity' | 'capabilities_changed'}

local build = redis.call('HMGET', build_key, 'status', 'attempt', 'queue')
if not build[1] then return {'stale', 'missing'} end
if build[1] ~= 'queued' or build[2] ~= attempt then return {'stale', build[1]} end

if token_owner(prefix, token_index_key, token_hash) ~= runner_id then return {'refused', 'token_revoked'} end
local now = now_ms()
-- The token checked out: the runner made contact, whatever the claim's outcome (README "The API").
redis.call('HSET', runner_key, 'last_contact_at', now)
local runner = redis.call('HMGET', runner_key, 'draining', 'capacity', 'caps_rev')
if runner[1] == '1' then return {'refused', 'draining'} end
if redis.call('SCARD', runner_jobs_key) >= tonumber(runner[2]) then return {'refused', 'at_capacity'} end
-- Eligibility was matched against this revision of the capabilities; a concurrent PATCH voids it.
if runner[3] ~= caps_rev then return {'refused', 'capabilities_changed'} end

local deadline = now + lease_ttl_ms
local waiting_key = waiting_key_of(prefix, build[3])
local waited_ms = now - (tonumber(redis.call('ZSCORE', waiting_key, build_id)) or now)
redis.call('HSET', build_key, 'status', 'assigned', 'runner_id', runner_id, 'lease_expires_at', deadline,
  'updated_at', now)
redis.call('ZADD', prefix .. 'leases', deadline, build_id)
redis.call('ZREM', waiting_key, build_id)
count_move(build_counts_key_of(prefix), 'queued', 'assigned')
count_event(prefix, 'claims', now)
redis.call('SADD', runner_jobs_key, build_id)
redis.call('RPUSH', build_key .. ':attempts',
  cjson.encode({attempt = tonumber(attempt), runner_id = runner_id, claimed_at = now}))
-- The repository URL comes last: a build queued before builds carried one has none, and a nil ends
-- the reply there.
local job = redis.call('HMGET', build_key, 'project_id', 'pipeline_id', 'build_number', 'platform',
  'config_snapshot', 'commit_sha', 'branch', 'repository_url')
return {'claimed', deadline, waited_ms, job[1], job[2], job[3], job[4], job[5], job[6], job[7], job[8]}
