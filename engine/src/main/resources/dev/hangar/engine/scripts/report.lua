-- A runner's status update (SPEC "Job status update"). The lease is checked before the transition:
-- a runner that never held the build → not_your_job; one that held an earlier attempt, or whose
-- lease ran out, or that names a stale attempt → lease_lost, and nothing changes (DESIGN rule 3).
-- The allowed moves are BuildStatus.allowsReport's table; TransitionTableIT keeps the two in step.
-- KEYS[1] build hash, KEYS[2] runner hash
-- ARGV[1] prefix, ARGV[2] build id, ARGV[3] runner id, ARGV[4] attempt named by the runner or '',
-- ARGV[5] new status, ARGV[6] lease ttl ms, ARGV[7] exit code or '', ARGV[8] message or '',
-- ARGV[9] progress json or '', ARGV[10] steps json or ''
-- Returns {'ok', status, attempt, lease deadline or 0, cancel_requested} or {error code, detail}
local ALLOWED = {
  assigned = {running = true, failed = true, cancelled = true},
  running = {running = true, succeeded = true, failed = true, cancelled = true},
}
local TERMINAL = {succeeded = true, failed = true, cancelled = true}

local prefix, id, runner, new = ARGV[1], ARGV[2], ARGV[3], ARGV[5]
local f = redis.call('HMGET', KEYS[1], 'status', 'runner_id', 'attempt', 'lease_expires_at', 'cancel_requested')
local status, holder, attempt = f[1], f[2], f[3]
if not status then return {'job_not_found', ''} end

if holder ~= runner then
  for _, raw in ipairs(redis.call('LRANGE', KEYS[1] .. ':attempts', 0, -1)) do
    if cjson.decode(raw).runner_id == runner then return {'lease_lost', 'attempt ' .. attempt .. ' belongs to another runner'} end
  end
  return {'not_your_job', ''}
end
if ARGV[4] ~= '' and ARGV[4] ~= attempt then
  return {'lease_lost', 'the current attempt is ' .. attempt .. ', not ' .. ARGV[4]}
end

local now = now_ms()
if TERMINAL[status] then
  -- Ended by the engine (lease expired at the last attempt, or after a cancel request): the
  -- runner lost its lease. Ended by this runner's own report: a retry of the same report gets the
  -- same answer (idempotent), any other is an invalid move.
  local last = redis.call('LINDEX', KEYS[1] .. ':attempts', -1)
  local outcome = last and cjson.decode(last).outcome
  if outcome ~= status then return {'lease_lost', 'the lease ended: ' .. tostring(outcome)} end
  if status == new then return {'ok', status, attempt, 0, f[5] or '0'} end
  return {'invalid_transition', 'the build is already ' .. status}
end
if tonumber(f[4]) <= now then return {'lease_lost', 'the lease expired'} end
if not (ALLOWED[status] and ALLOWED[status][new]) then
  return {'invalid_transition', 'cannot move from ' .. status .. ' to ' .. new}
end

redis.call('HSET', KEYS[1], 'status', new, 'updated_at', now)
if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'exit_code', ARGV[7]) end
if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'message', ARGV[8]) end
if ARGV[9] ~= '' then redis.call('HSET', KEYS[1], 'progress', ARGV[9]) end
if ARGV[10] ~= '' then redis.call('HSET', KEYS[1], 'steps', ARGV[10]) end
redis.call('HSET', KEYS[2], 'last_contact_at', now)

local deadline = 0
if TERMINAL[new] then
  redis.call('HSET', KEYS[1], 'finished_at', now)
  redis.call('HDEL', KEYS[1], 'lease_expires_at')
  if new == 'failed' then redis.call('HSET', KEYS[1], 'failure_reason', 'runner_reported') end
  redis.call('ZREM', prefix .. 'leases', id)
  redis.call('SREM', jobs_key_of(prefix, runner), id)
  end_attempt(prefix, id, new, now)
end
-- Every accepted update renews every lease the runner holds, this one included while it runs.
for _, lease in ipairs(renew_leases(prefix, runner, tonumber(ARGV[6]), now)) do
  if lease[1] == id then deadline = lease[2] end
end
return {'ok', new, attempt, deadline, f[5] or '0'}
