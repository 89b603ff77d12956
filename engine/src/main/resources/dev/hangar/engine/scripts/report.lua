-- A runner's status update (README "The API"). The lease is checked before the move, in the
-- same step as the move: a runner that never held the build → not_your_job; one that held an earlier
-- attempt, or whose lease ran out, or that names a stale attempt → lease_lost, and nothing changes
-- (ARCHITECTURE.md rule 3).
-- The moves it allows are the RUNNER_REPORT rows of BuildTransitions (Java), the one table of a build's
-- moves; BuildTransitionsIT keeps the two in step.
local build_key = KEYS[1]
local runner_key = KEYS[2]
local prefix = ARGV[1]
local build_id = ARGV[2]
local runner_id = ARGV[3]
local named_attempt = ARGV[4]        -- the attempt the runner names, or ''
local new = ARGV[5]                  -- the status reported
local lease_ttl_ms = tonumber(ARGV[6])
local exit_code = ARGV[7]            -- or ''
local message = ARGV[8]              -- or ''
local progress = ARGV[9]             -- json, or ''
local steps = ARGV[10]               -- json, or ''
local retention_ms = tonumber(ARGV[11]) -- HANGAR_RETENTION, should this report end the build (end_build)
-- Returns {'ok', status, attempt, lease deadline ms or 0, cancel_requested} or {error code, detail}

local ALLOWED = {
  assigned = {running = true, failed = true, cancelled = true},
  running = {running = true, succeeded = true, failed = true, cancelled = true},
}
local TERMINAL = {succeeded = true, failed = true, cancelled = true}

local f = redis.call('HMGET', build_key, 'status', 'runner_id', 'attempt', 'lease_expires_at', 'cancel_requested')
local status, holder, attempt, cancel_requested = f[1], f[2], f[3], f[5] or '0'
if not status then return {'job_not_found', ''} end

if holder ~= runner_id then
  for _, raw in ipairs(redis.call('LRANGE', build_key .. ':attempts', 0, -1)) do
    if cjson.decode(raw).runner_id == runner_id then
      return {'lease_lost', 'attempt ' .. attempt .. ' belongs to another runner'}
    end
  end
  return {'not_your_job', ''}
end
if named_attempt ~= '' and named_attempt ~= attempt then
  return {'lease_lost', 'the current attempt is ' .. attempt .. ', not ' .. named_attempt}
end

local now = now_ms()
if TERMINAL[status] then
  -- Ended by the engine (lease expired at the last attempt, or after a cancel request): the runner
  -- lost its lease. Ended by this runner's own report: a retry of the same report gets the same
  -- answer (idempotent), any other is an invalid move.
  local last = redis.call('LINDEX', build_key .. ':attempts', -1)
  local outcome = last and cjson.decode(last).outcome
  if outcome ~= status then return {'lease_lost', 'the lease ended: ' .. tostring(outcome)} end
  if status == new then return {'ok', status, attempt, 0, cancel_requested} end
  return {'invalid_transition', 'the build is already ' .. status}
end
if tonumber(f[4]) <= now then return {'lease_lost', 'the lease expired'} end
if not (ALLOWED[status] and ALLOWED[status][new]) then
  return {'invalid_transition', 'cannot move from ' .. status .. ' to ' .. new}
end

redis.call('HSET', build_key, 'status', new, 'updated_at', now)
if new ~= status then count_move(build_counts_key_of(prefix), status, new) end
if exit_code ~= '' then redis.call('HSET', build_key, 'exit_code', exit_code) end
if message ~= '' then redis.call('HSET', build_key, 'message', message) end
if progress ~= '' then redis.call('HSET', build_key, 'progress', progress) end
if steps ~= '' then redis.call('HSET', build_key, 'steps', steps) end
redis.call('HSET', runner_key, 'last_contact_at', now)

local deadline = 0
if TERMINAL[new] then
  end_build(prefix, build_id, now, retention_ms)
  redis.call('HDEL', build_key, 'lease_expires_at')
  if new == 'failed' then redis.call('HSET', build_key, 'failure_reason', 'runner_reported') end
  redis.call('ZREM', prefix .. 'leases', build_id)
  redis.call('SREM', jobs_key_of(prefix, runner_id), build_id)
  end_attempt(prefix, build_id, new, now)
end
-- Every accepted update renews every lease the runner holds, this one included while it runs.
for _, lease in ipairs(renew_leases(prefix, runner_id, lease_ttl_ms, now)) do
  if lease[1] == build_id then deadline = lease[2] end
end
return {'ok', new, attempt, deadline, cancel_requested}
