-- Gives back a claim whose answer could not be delivered (the long-polling client left, or its wait
-- ended, in the instant the claim was made). The build goes back to queued at the same attempt, as if
-- it had never been handed out: the attempt did not run, so it must not count toward max attempts.
-- Its old message was acked, so the outbox entry written here is its only way back to a queue; lease,
-- runner's job set, attempt history, waiting index and outbox change in one step so no claim or
-- reaper sees a build that is half given back.
-- Its move is the GIVE_BACK row of BuildTransitions (Java); BuildTransitionsIT keeps the two in step.
local build_key = KEYS[1]
local runner_jobs_key = KEYS[2]
local prefix = ARGV[1]
local build_id = ARGV[2]
local runner_id = ARGV[3]
local attempt = ARGV[4]
-- Returns {'returned', queue, priority}, or {'kept'} when the build has moved on meanwhile (the runner
-- reported on it, or its lease ended)

local f = redis.call('HMGET', build_key, 'status', 'runner_id', 'attempt', 'queue', 'priority')
if f[1] ~= 'assigned' or f[2] ~= runner_id or f[3] ~= attempt then return {'kept'} end
local now = now_ms()
redis.call('HSET', build_key, 'status', 'queued', 'updated_at', now)
redis.call('HDEL', build_key, 'runner_id', 'lease_expires_at', 'acknowledged')
redis.call('ZREM', prefix .. 'leases', build_id)
redis.call('SREM', runner_jobs_key, build_id)
redis.call('RPOP', build_key .. ':attempts')
redis.call('ZADD', waiting_key_of(prefix, f[4]), now, build_id)
redis.call('ZADD', prefix .. 'outbox', now, build_id .. ':' .. attempt)
count_move(build_counts_key_of(prefix), 'assigned', 'queued')
count_event(prefix, 'requeues', now)
return {'returned', f[4], f[5]}
