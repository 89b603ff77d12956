-- Undoes a claim whose answer could not be delivered (the long-polling client left, or its wait
-- ended, in the instant the claim was made). The build goes back to queued at the same attempt, as
-- if it had never been handed out: the attempt did not run, so it must not count toward max
-- attempts. Its old message was acked, so the outbox entry written here is its only way back.
-- KEYS[1] build hash, KEYS[2] runner's jobs
-- ARGV[1] prefix, ARGV[2] build id, ARGV[3] runner id, ARGV[4] attempt
-- Returns {'returned', queue, priority} or {'kept'} when the build has moved on meanwhile
local f = redis.call('HMGET', KEYS[1], 'status', 'runner_id', 'attempt', 'queue', 'priority')
if f[1] ~= 'assigned' or f[2] ~= ARGV[3] or f[3] ~= ARGV[4] then return {'kept'} end
local now = now_ms()
redis.call('HSET', KEYS[1], 'status', 'queued', 'updated_at', now)
redis.call('HDEL', KEYS[1], 'runner_id', 'lease_expires_at', 'acknowledged')
redis.call('ZREM', ARGV[1] .. 'leases', ARGV[2])
redis.call('SREM', KEYS[2], ARGV[2])
redis.call('RPOP', KEYS[1] .. ':attempts')
redis.call('ZADD', waiting_key_of(ARGV[1], f[4]), now, ARGV[2])
redis.call('ZADD', ARGV[1] .. 'outbox', now, ARGV[2] .. ':' .. ARGV[4])
return {'returned', f[4], f[5]}
