-- Creates a user unless the username is taken, checked and written in one step, so two api-service
-- instances bootstrapping the admin at once (or two admins adding the same name) end with exactly one
-- user.
local username_key = KEYS[1]         -- the username's index entry
local user_key = KEYS[2]
local users_key = KEYS[3]            -- the user index
local user_id = ARGV[1]
local username = ARGV[2]
local password_hash = ARGV[3]
local admin = ARGV[4]                -- '1' or '0'
-- Returns 1 when created, 0 when the name was taken

if redis.call('EXISTS', username_key) == 1 then return 0 end
redis.call('SET', username_key, user_id)
redis.call('HSET', user_key, 'id', user_id, 'username', username, 'password_hash', password_hash,
  'admin', admin, 'created_at', now_ms())
redis.call('SADD', users_key, user_id)
return 1
