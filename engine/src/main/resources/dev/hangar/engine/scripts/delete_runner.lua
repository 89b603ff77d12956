-- Unregisters a runner: its token stops working and every job it holds is released at once, as if
-- its leases had expired (counting toward max attempts), instead of waiting out the lease. One step,
-- so the runner cannot claim or report between losing its jobs and losing its token.
-- Its moves are the RUNNER_REMOVAL rows of BuildTransitions (Java), made by release_lease;
-- BuildTransitionsIT keeps the two in step.
local runner_key = KEYS[1]
local runner_jobs_key = KEYS[2]
local runners_key = KEYS[3]          -- the runner index
local prefix = ARGV[1]
local runner_id = ARGV[2]
local max_attempts = tonumber(ARGV[3])
local retention_ms = tonumber(ARGV[4]) -- HANGAR_RETENTION, for builds this ends (end_build)
-- Returns nil for an unknown runner, else {build id, action, attempt, runner id, queue, priority}
-- for each job released (release_lease)

local token_hash = redis.call('HGET', runner_key, 'token_hash')
if not token_hash then return nil end
local now = now_ms()
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', runner_jobs_key)) do
  local f = redis.call('HMGET', build_key_of(prefix, id), 'status', 'runner_id')
  if is_leased(f[1]) and f[2] == runner_id then
    release_lease(prefix, id, 'runner_deleted', now, max_attempts, retention_ms, out)
  end
end
redis.call('DEL', prefix .. 'runner-token:' .. token_hash, runner_key, runner_jobs_key)
redis.call('SREM', runners_key, runner_id)
return out
