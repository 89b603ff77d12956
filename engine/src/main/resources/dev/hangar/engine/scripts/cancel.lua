-- A user's cancel. A waiting build ends at once (its message is dropped when a claim meets it); a
-- leased one is flagged, and its runner learns it from its next heartbeat or status answer. One step,
-- so a claim or a report cannot slip in between reading the status and acting on it.
-- Its moves are the CANCEL rows of BuildTransitions (Java); BuildTransitionsIT keeps the two in step.
local build_key = KEYS[1]
local prefix = ARGV[1]
local retention_ms = tonumber(ARGV[2]) -- HANGAR_RETENTION, should this end the build (end_build)
-- Returns {'cancelled', 'cancelled'}, {'requested', status}, {'finished', status} or {'missing', ''}

local f = redis.call('HMGET', build_key, 'status', 'queue', 'id')
local status = f[1]
if not status then return {'missing', ''} end
local now = now_ms()
if status == 'queued' then
  redis.call('HSET', build_key, 'status', 'cancelled', 'updated_at', now)
  redis.call('ZREM', waiting_key_of(prefix, f[2]), f[3])
  end_build(prefix, f[3], now, retention_ms)
  count_move(build_counts_key_of(prefix), 'queued', 'cancelled')
  return {'cancelled', 'cancelled'}
end
if is_leased(status) then
  redis.call('HSET', build_key, 'cancel_requested', 1, 'updated_at', now)
  return {'requested', status}
end
return {'finished', status}
