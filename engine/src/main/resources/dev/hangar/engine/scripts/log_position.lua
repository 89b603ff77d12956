-- Where a build's live log stands for the attempt a runner names, read in one round trip before a chunk
-- is masked: the build's pipeline and platform (whose signing passwords are masked) and, when the log's
-- state is of that attempt, the bytes received and the pending tail. A state of another attempt counts
-- as nothing received: append_log.lua starts that attempt afresh.
local build_key = KEYS[1]
local state_key = KEYS[2]
local named_attempt = ARGV[1]
-- Returns {pipeline id or '', platform or '', bytes received, pending tail or ''}

local b = redis.call('HMGET', build_key, 'pipeline_id', 'platform')
local s = redis.call('HMGET', state_key, 'attempt', 'received', 'pending')
if s[1] ~= named_attempt then return {b[1] or '', b[2] or '', 0, ''} end
return {b[1] or '', b[2] or '', tonumber(s[2]), s[3] or ''}
