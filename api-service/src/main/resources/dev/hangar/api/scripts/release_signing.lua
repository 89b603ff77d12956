-- Releases sealed signing material to a runner only while it holds the live lease of the job, and
-- records the release in the same step, so no runner that lost its lease can ever be handed it.
-- Order of refusals as for every runner job call: no build → job_not_found; never this runner's →
-- not_your_job; held earlier, expired, requeued or finished → lease_lost; then platform_mismatch,
-- then signing_not_configured. A release counts as the runner acknowledging the job.
-- The build hash is the engine's: this script reads its fields by the names the engine writes, and
-- sets only 'acknowledged', as the engine's acknowledge_job.lua does.
local build_key = KEYS[1]
local prefix = ARGV[1]
local build_id = ARGV[2]
local runner_id = ARGV[3]
local kind = ARGV[4]                 -- 'android' or 'ios'
local platforms = ARGV[5]            -- the build platforms the kind fits, comma-separated
local address = ARGV[6]              -- the connection's peer
local forwarded_for = ARGV[7]        -- X-Forwarded-For as received, or ''
-- Returns {'ok', sealed, pipeline id} or {refusal code, detail}

local f = redis.call('HMGET', build_key, 'status', 'runner_id', 'attempt', 'lease_expires_at', 'platform', 'pipeline_id')
if not f[1] then return {'job_not_found', 'no such job'} end
local now = now_ms()
if f[2] ~= runner_id then
  for _, raw in ipairs(redis.call('LRANGE', build_key .. ':attempts', 0, -1)) do
    if cjson.decode(raw).runner_id == runner_id then return {'lease_lost', 'this runner no longer holds the job'} end
  end
  return {'not_your_job', 'the job is not leased to this runner'}
end
-- Leased means assigned or running, as in the engine's build hash this script reads.
local leased = f[1] == 'assigned' or f[1] == 'running'
if not leased or tonumber(f[4]) <= now then return {'lease_lost', 'the job is ' .. f[1] .. ' and its lease is over'} end
local fits = false
for platform in string.gmatch(platforms, '[^,]+') do
  if platform == f[5] then fits = true end
end
if not fits then return {'platform_mismatch', kind .. ' signing is not for ' .. f[5] .. ' builds'} end
local pipeline_id = f[6]
local sealed = redis.call('HGET', prefix .. 'signing:' .. pipeline_id .. ':' .. kind, 'sealed')
if not sealed then return {'signing_not_configured', 'the pipeline has no ' .. kind .. ' signing'} end
redis.call('HSET', build_key, 'acknowledged', 1)
redis.call('RPUSH', prefix .. 'signing-audit:' .. pipeline_id, cjson.encode({action = 'released', kind = kind,
  runner_id = runner_id, job_id = build_id, attempt = tonumber(f[3]), at = math.floor(now / 1000),
  address = address, forwarded_for = forwarded_for ~= '' and forwarded_for or nil}))
return {'ok', sealed, pipeline_id}
