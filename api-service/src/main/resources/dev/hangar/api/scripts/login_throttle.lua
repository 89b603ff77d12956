-- Throttles password checks: a count of failures per username and per peer address, each locked for a
-- delay once it reaches its limit, the delay doubling with every further failure up to a cap.
-- 'reserve' counts an attempt as a failure BEFORE its password is hashed, so parallel attempts cannot
-- all pass before the counts move and a locked-out flood costs no hashing; 'succeed' takes a
-- successful attempt back. A refused attempt counts nothing: a guesser gets one try per delay, and the
-- real user's wait does not grow while someone else keeps trying. Each is one step, so two instances
-- checking the same username at once see each other's counts.
local username_key = KEYS[1]         -- the username's failures (hash: failures, locked_until ms)
local address_key = KEYS[2]          -- the address's failures, alike
local operation = ARGV[1]            -- 'reserve' or 'succeed'
-- reserve's arguments:
local username_limit = tonumber(ARGV[2])
local address_limit = tonumber(ARGV[3])
local first_delay_ms = tonumber(ARGV[4])
local longest_delay_ms = tonumber(ARGV[5])
-- failures are forgotten this long after the last one (never shorter than the longest delay, so a
-- lock never outlives its count)
local window_ms = tonumber(ARGV[6])
-- succeed's argument:
local lock_it_set = ARGV[2]          -- the address's locked_until the reservation set, or '0'
-- reserve returns {'refused', ms until both allow an attempt} or {'allowed', ms this attempt locks for
-- if it fails (0: none), the address's locked_until it set (0: none)}.
-- succeed forgets the username's failures, takes the attempt back from the address's count and lifts
-- the address's lock if this attempt set it; it returns {'ok'}.

local now = now_ms()

if operation == 'succeed' then
  redis.call('DEL', username_key)
  if redis.call('EXISTS', address_key) == 1 then
    if lock_it_set ~= '0' and redis.call('HGET', address_key, 'locked_until') == lock_it_set then
      redis.call('HDEL', address_key, 'locked_until')
    end
    if redis.call('HINCRBY', address_key, 'failures', -1) <= 0 then redis.call('DEL', address_key) end
  end
  return {'ok'}
end

local counted = {username_key, address_key}
local limits = {username_limit, address_limit}

local wait = 0
for _, key in ipairs(counted) do
  local locked_until = tonumber(redis.call('HGET', key, 'locked_until') or '0')
  wait = math.max(wait, locked_until - now)
end
if wait > 0 then return {'refused', wait} end

local locks_for, address_locked_until = 0, 0
for i, key in ipairs(counted) do
  local failures = redis.call('HINCRBY', key, 'failures', 1)
  if failures >= limits[i] then
    local delay = math.floor(math.min(first_delay_ms * 2 ^ (failures - limits[i]), longest_delay_ms))
    redis.call('HSET', key, 'locked_until', now + delay)
    locks_for = math.max(locks_for, delay)
    if key == address_key then address_locked_until = now + delay end
  end
  redis.call('PEXPIRE', key, window_ms)
end
return {'allowed', locks_for, address_locked_until}
