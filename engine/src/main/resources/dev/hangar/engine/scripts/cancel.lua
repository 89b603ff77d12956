-- A user's cancel. A waiting build ends at once (its message is dropped when a claim meets it);
-- a leased one is flagged, and its runner learns it from its next heartbeat or status answer.
-- KEYS[1] build hash
-- ARGV[1] prefix
-- Returns {'cancelled'|'requested'|'finished'|'missing', status}
local f = redis.call('HMGET', KEYS[1], 'status', 'queue', 'id')
local status = f[1]
if not status then return {'missing', ''} end
local now = now_ms()
if status == 'queued' then
  redis.call('HSET', KEYS[1], 'status', 'cancelled', 'finished_at', now, 'updated_at', now)
  redis.call('ZREM', waiting_key_of(ARGV[1], f[2]), f[3])
  return {'cancelled', 'cancelled'}
end
if is_leased(status) then
  redis.call('HSET', KEYS[1], 'cancel_requested', 1, 'updated_at', now)
  return {'requested', status}
end
return {'finished', status}
