-- Stores a pipeline's sealed signing material and its metadata, and records the upload in the
-- pipeline's audit trail in the same step.
-- KEYS[1] signing hash, KEYS[2] audit list
-- ARGV[1] sealed material, ARGV[2] metadata json, ARGV[3] kind, ARGV[4] user id, ARGV[5] address,
-- ARGV[6] X-Forwarded-For as received, or ''
local at = math.floor(now_ms() / 1000)
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'sealed', ARGV[1], 'info', ARGV[2])
redis.call('RPUSH', KEYS[2], cjson.encode({action = 'uploaded', kind = ARGV[3], user_id = ARGV[4], at = at, address = ARGV[5],
  forwarded_for = ARGV[6] ~= '' and ARGV[6] or nil}))
return at
