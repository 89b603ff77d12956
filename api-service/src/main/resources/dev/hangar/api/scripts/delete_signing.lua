-- Deletes a pipeline's signing material of one kind, recording who did it.
-- KEYS[1] signing hash, KEYS[2] audit list
-- ARGV[1] kind, ARGV[2] user id, ARGV[3] address, ARGV[4] X-Forwarded-For as received, or ''
-- Returns 1, or 0 when there was nothing to delete
if redis.call('DEL', KEYS[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], cjson.encode({action = 'deleted', kind = ARGV[1], user_id = ARGV[2],
  at = math.floor(now_ms() / 1000), address = ARGV[3], forwarded_for = ARGV[4] ~= '' and ARGV[4] or nil}))
return 1
