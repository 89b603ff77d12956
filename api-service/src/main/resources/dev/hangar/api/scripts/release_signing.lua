-- Releases sealed signing material to a runner only while it holds the live lease of the job, and
-- records the release in the same step, so no runner that lost its lease can ever be handed it.
-- Order of refusals as for every runner job call: no build → job_not_found; never this runner's →
-- not_your_job; held earlier, expired, requeued or finished → lease_lost; then platform_mismatch,
-- then signing_not_configured. A release counts as the runner acknowledging the job.
-- KEYS[1] build hash
-- ARGV[1] prefix, ARGV[2] build id, ARGV[3] runner id, ARGV[4] kind, ARGV[5] platforms the kind
-- fits (comma-separated), ARGV[6] address, ARGV[7] X-Forwarded-For as received, or ''
-- Returns {'ok', sealed, pipeline id} or {code, detail}
local f = redis.call('HMGET', KEYS[1], 'status', 'runner_id', 'attempt', 'lease_expires_at', 'platform', 'pipeline_id')
if not f[1] then return {'job_not_found', 'no such job'} end
local now = now_ms()
if f[2] ~= ARGV[3] then
  for _, raw in ipairs(redis.call('LRANGE', KEYS[1] .. ':attempts', 0, -1)) do
    if cjson.decode(raw).runner_id == ARGV[3] then return {'lease_lost', 'this runner no longer holds the job'} end
  end
  return {'not_your_job', 'the job is not leased to this runner'}
end
-- Leased means assigned or running, as in the engine's build hash this script reads.
local leased = f[1] == 'assigned' or f[1] == 'running'
if not leased or tonumber(f[4]) <= now then return {'lease_lost', 'the job is ' .. f[1] .. ' and its lease is over'} end
local fits = false
for platform in string.gmatch(ARGV[5], '[^,]+') do
  if platform == f[5] then fits = true end
end
if not fits then return {'platform_mismatch', ARGV[4] .. ' signing is not for ' .. f[5] .. ' builds'} end
local signing = ARGV[1] .. 'signing:' .. f[6] .. ':' .. ARGV[4]
local sealed = redis.call('HGET', signing, 'sealed')
if not sealed then return {'signing_not_configured', 'the pipeline has no ' .. ARGV[4] .. ' signing'} end
redis.call('HSET', KEYS[1], 'acknowledged', 1)
redis.call('RPUSH', ARGV[1] .. 'signing-audit:' .. f[6], cjson.encode({action = 'released', kind = ARGV[4],
  runner_id = ARGV[3], job_id = ARGV[2], attempt = tonumber(f[3]), at = math.floor(now / 1000), address = ARGV[6],
  forwarded_for = ARGV[7] ~= '' and ARGV[7] or nil}))
return {'ok', sealed, f[6]}
