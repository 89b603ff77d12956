-- Closes the live log of a build that has finished, before it is archived: no runner can append any
-- more (append_log.lua needs a live lease), so what is stored now is the whole log, except a pending
-- tail, which was the start of a secret and is stored as the mask. Followers are told the build ended.
-- Idempotent: whoever archives (the instance that saw the build end, a dispatcher's sweep) closes first.
local build_key = KEYS[1]
local log_key = KEYS[2]
local state_key = KEYS[3]
local mask = ARGV[1]
local channel = ARGV[2]
-- Returns {'running'} while the build may still log, else {'closed', status, log length}

local status = redis.call('HGET', build_key, 'status')
if status == 'queued' or is_leased(status) then return {'running'} end
status = status or ''
local s = redis.call('HMGET', state_key, 'closed', 'pending', 'length')
local length = tonumber(s[3]) or 0
if s[1] == '1' then return {'closed', status, length} end
if s[2] and s[2] ~= '' then
  redis.call('APPEND', log_key, mask)
  redis.call('PUBLISH', channel, length .. '\n' .. mask)
  length = length + #mask
end
if s[3] then redis.call('HSET', state_key, 'closed', 1, 'pending', '', 'length', length) end
redis.call('PUBLISH', channel, 'end ' .. status .. ' ' .. length .. '\n')
return {'closed', status, length}
