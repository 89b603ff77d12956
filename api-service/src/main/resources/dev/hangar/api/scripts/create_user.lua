-- Creates a user unless the username is taken, so two api-service instances bootstrapping the admin
-- at once (or two admins adding the same name) end with exactly one user.
-- KEYS[1] username index entry, KEYS[2] user hash, KEYS[3] user index
-- ARGV[1] user id, ARGV[2] username, ARGV[3] password hash, ARGV[4] admin '1'/'0'
-- Returns 1 when created, 0 when the name was taken
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'id', ARGV[1], 'username', ARGV[2], 'password_hash', ARGV[3], 'admin', ARGV[4],
  'created_at', now_ms())
redis.call('SADD', KEYS[3], ARGV[1])
return 1
