-- What several of the engine's scripts share: the loader (EngineScripts) puts this file in front of each
-- of them, so each stays one atomic step while the rules they share (what "now" is, what a lease is,
-- how one ends) are written once. The api-service's scripts have a library of their own.
-- Keys are built from the namespace prefix inside the scripts where the data read decides which key
-- comes next: Hangar runs on one Redis, not a cluster.

-- Redis's clock in milliseconds: deadlines never depend on an instance's clock (ARCHITECTURE.md rule 4).
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- The names Keys gives in Java.
local function build_key_of(prefix, id) return prefix .. 'build:' .. id end
local function runner_key_of(prefix, id) return prefix .. 'runner:' .. id end
local function jobs_key_of(prefix, runner) return runner_key_of(prefix, runner) .. ':jobs' end
-- The per-class index of queued builds by the time they started waiting, which answers "how old is
-- the oldest waiting build" for /v1/queues without touching the broker. Every move into or out of
-- 'queued' updates it in the same script.
local function waiting_key_of(prefix, queue) return prefix .. 'waiting:' .. queue end

-- How many builds are in each status (hangar_builds, /v1/stats), kept by the scripts that move a build
-- in the same step as the move, so reading it never scans builds.
local function build_counts_key_of(prefix) return prefix .. 'builds:by-status' end
local function count_move(counts_key, from, to)
  if from then redis.call('HINCRBY', counts_key, from, -1) end
  redis.call('HINCRBY', counts_key, to, 1)
end

-- Claims and requeues per 10-second bucket, shared by every instance, for /v1/stats's last minute and
-- last hour. A bucket outlives the hour it is read for by one bucket, then Redis drops it.
local STATS_BUCKET_MS = 10000
local STATS_BUCKET_TTL_S = 3610
local function stats_key_of(prefix, bucket) return prefix .. 'stats:' .. bucket end
local function count_event(prefix, event, now)
  local key = stats_key_of(prefix, math.floor(now / STATS_BUCKET_MS))
  if redis.call('HINCRBY', key, event, 1) == 1 then redis.call('EXPIRE', key, STATS_BUCKET_TTL_S) end
end

-- The runner a token belongs to: its id and hash key, or nil for a token that is unknown or revoked.
-- The index entry is found by the token's hash; the runner's own copy of the hash is compared too, so
-- an index entry a rotation or removal left behind authorises nothing. (Lua compares interned
-- strings by identity, so the comparison says nothing through its timing.)
local function token_owner(prefix, index_key, token_hash)
  local id = redis.call('GET', index_key)
  if not id then return nil end
  local key = runner_key_of(prefix, id)
  if redis.call('HGET', key, 'token_hash') ~= token_hash then return nil end
  return id, key
end

-- Held by a runner under a lease: the statuses the lease-ending moves of BuildTransitions (Java) start from.
local function is_leased(status) return status == 'assigned' or status == 'running' end

-- Why runner_id may not write to the build at named_attempt as the holder of its lease, with the answers
-- of a status update (report.lua): no build -> job_not_found; never this runner's -> not_your_job; held
-- earlier, another attempt named, or the lease over -> lease_lost. nil when the runner holds the live
-- lease. Writes that a runner makes beside its status (log chunks, artifacts) check it in the same step
-- as the write, so no runner that lost the build adds to it.
local function lease_refusal(build_key, runner_id, named_attempt)
  local f = redis.call('HMGET', build_key, 'status', 'runner_id', 'attempt', 'lease_expires_at')
  local status, holder, attempt = f[1], f[2], f[3]
  if not status then return {'job_not_found', ''} end
  if holder ~= runner_id then
    for _, raw in ipairs(redis.call('LRANGE', build_key .. ':attempts', 0, -1)) do
      if cjson.decode(raw).runner_id == runner_id then
        return {'lease_lost', 'attempt ' .. attempt .. ' belongs to another runner'}
      end
    end
    return {'not_your_job', ''}
  end
  if named_attempt ~= attempt then
    return {'lease_lost', 'the current attempt is ' .. attempt .. ', not ' .. named_attempt}
  end
  if not is_leased(status) then return {'lease_lost', 'the build is ' .. status} end
  if tonumber(f[4]) <= now_ms() then return {'lease_lost', 'the lease expired'} end
  return nil
end

-- The bytes a build's artifacts take (Keys.artifactSpace): what is stored, and what uploads in progress
-- reserved. A reservation past its deadline belongs to an upload that died with its instance and is
-- dropped here, so a crash never holds space for good.
local function artifact_space(space_key, now)
  local stored, reserved = 0, 0
  local fields = redis.call('HGETALL', space_key)
  for i = 1, #fields, 2 do
    if fields[i] == 'stored' then
      stored = tonumber(fields[i + 1])
    else
      local size, deadline = string.match(fields[i + 1], '^(%d+) (%d+)$')
      if tonumber(deadline) <= now then
        redis.call('HDEL', space_key, fields[i])
      else
        reserved = reserved + tonumber(size)
      end
    end
  end
  return stored, reserved
end

-- Records that a build has ended and files it in the retention index by the time what it keeps (its
-- log, its artifacts) expires: now plus its project's retention_days, or plus the global default
-- (HANGAR_RETENTION) for a project without one. A build whose project or pipeline is gone (deleted)
-- expires at once, so its data does not outlive them. Every move into an ended status calls this.
local function end_build(prefix, id, now, default_retention_ms)
  local key = build_key_of(prefix, id)
  local f = redis.call('HMGET', key, 'project_id', 'pipeline_id')
  redis.call('HSET', key, 'finished_at', now)
  local project = f[1] and redis.call('GET', prefix .. 'project:' .. f[1])
  local expires = now
  if project and f[2] and redis.call('EXISTS', prefix .. 'pipeline:' .. f[2]) == 1 then
    local days = cjson.decode(project).retention_days
    expires = now + (type(days) == 'number' and days * 86400000 or default_retention_ms)
  end
  redis.call('ZADD', prefix .. 'retention', expires, id)
end

-- Closes the newest attempt entry with how it ended.
local function end_attempt(prefix, id, outcome, now)
  local list = build_key_of(prefix, id) .. ':attempts'
  local last = redis.call('LINDEX', list, -1)
  if last then
    local entry = cjson.decode(last)
    if entry.ended_at == nil then
      entry.ended_at = now
      entry.outcome = outcome
      redis.call('LSET', list, -1, cjson.encode(entry))
    end
  end
end

-- Ends the lease of a build whose runner is gone (lease expired, runner deleted). A cancel request
-- turns into cancelled, the last allowed attempt into failed, anything else back into queued with
-- attempt+1 and an outbox entry, so the publish that follows can be retried by any dispatcher.
-- Appends to out: build id, 'requeued'|'cancelled'|'failed', attempt afterwards, the runner that lost
-- it, queue and priority (what a publish needs); ReleasedLease reads these groups in Java.
local function release_lease(prefix, id, outcome, now, max_attempts, retention_ms, out)
  local key = build_key_of(prefix, id)
  local f = redis.call('HMGET', key, 'runner_id', 'attempt', 'cancel_requested', 'queue', 'priority', 'status')
  local attempt = tonumber(f[2])
  redis.call('ZREM', prefix .. 'leases', id)
  if f[1] then redis.call('SREM', jobs_key_of(prefix, f[1]), id) end
  end_attempt(prefix, id, outcome, now)
  redis.call('HDEL', key, 'lease_expires_at')
  redis.call('HSET', key, 'updated_at', now)
  local action
  if f[3] == '1' then
    redis.call('HSET', key, 'status', 'cancelled')
    end_build(prefix, id, now, retention_ms)
    action = 'cancelled'
  elseif attempt >= max_attempts then
    redis.call('HSET', key, 'status', 'failed', 'failure_reason', 'lease_expired_max_attempts')
    end_build(prefix, id, now, retention_ms)
    action = 'failed'
  else
    attempt = attempt + 1
    redis.call('HDEL', key, 'runner_id', 'acknowledged')
    redis.call('HSET', key, 'status', 'queued', 'attempt', attempt)
    redis.call('ZADD', waiting_key_of(prefix, f[4]), now, id)
    redis.call('ZADD', prefix .. 'outbox', now, id .. ':' .. attempt)
    action = 'requeued'
    count_event(prefix, 'requeues', now)
  end
  count_move(build_counts_key_of(prefix), f[6], action == 'requeued' and 'queued' or action)
  for _, v in ipairs({id, action, attempt, f[1] or '', f[4], f[5]}) do table.insert(out, v) end
end

-- Moves every live lease of a runner to now + ttl (heartbeats and accepted status updates).
-- An expired lease is not revived: the reaper owns it from its deadline on. Nor is the lease of a
-- job the runner has not acknowledged (reported on, or fetched) since its claim: if the claim answer
-- never reached the runner (the connection dropped), heartbeats must not keep that job from
-- everyone else; it keeps its claim deadline and is requeued when that passes.
-- Returns {job id, deadline, cancel_requested} triples for the leases the runner still holds.
local function renew_leases(prefix, runner, ttl, now)
  local held = {}
  for _, id in ipairs(redis.call('SMEMBERS', jobs_key_of(prefix, runner))) do
    local key = build_key_of(prefix, id)
    local f = redis.call('HMGET', key, 'status', 'runner_id', 'lease_expires_at', 'cancel_requested', 'acknowledged')
    if is_leased(f[1]) and f[2] == runner then
      if tonumber(f[3]) > now then
        local deadline = tonumber(f[3])
        if f[1] == 'running' or f[5] == '1' then
          deadline = now + ttl
          redis.call('HSET', key, 'lease_expires_at', deadline)
          redis.call('ZADD', prefix .. 'leases', deadline, id)
        end
        table.insert(held, {id, deadline, f[4] or '0'})
      end
    else
      redis.call('SREM', jobs_key_of(prefix, runner), id)
    end
  end
  return held
end
