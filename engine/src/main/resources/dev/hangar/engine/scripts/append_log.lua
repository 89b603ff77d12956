-- A runner appends a chunk of its job's output to the build's live log (docs/logs.md). The lease is
-- checked in the same step as the append (lease_refusal), so no runner that lost the build can add a
-- byte to it.
-- Offsets count the bytes of one attempt's output as the runner sent them; the stored log is what is
-- left after masking, every attempt one after another. A chunk that starts past what was received is a
-- gap; one that ends at or before it was stored already (a retry) and changes nothing.
-- The caller masked the chunk against the state it read just before; if that state moved on meanwhile
-- the chunk is refused as stale and the caller reads again.
-- Nothing here moves a build: it only reads the build hash.
local build_key = KEYS[1]
local log_key = KEYS[2]
local state_key = KEYS[3]
local live_key = KEYS[4]
local build_id = ARGV[1]
local runner_id = ARGV[2]
local named_attempt = ARGV[3]        -- the attempt the runner names
local offset = tonumber(ARGV[4])     -- where the chunk starts in the attempt's output
local length = tonumber(ARGV[5])     -- the chunk's length as sent
local based_on = tonumber(ARGV[6])   -- the bytes received as the caller read them before masking
local text = ARGV[7]                 -- what the chunk stores: masked, with what the pending tail released
local pending = ARGV[8]              -- the new pending tail (sealed), or ''
local max_bytes = tonumber(ARGV[9])
local marker = ARGV[10]              -- ends a log cut at max_bytes
local mask = ARGV[11]                -- stands for a pending tail an earlier attempt left
local header = ARGV[12]              -- opens the output of an attempt after the first
local channel = ARGV[13]             -- where followers hear of new bytes
-- Returns {'ok', bytes received, log length}, {'gap', bytes received}, {'stale', bytes received},
-- {'log_limit_reached', bytes received} or {refusal code, detail}

local refusal = lease_refusal(build_key, runner_id, named_attempt)
if refusal then return refusal end

local s = redis.call('HMGET', state_key, 'attempt', 'received', 'pending', 'length', 'truncated')
local same = s[1] == named_attempt
local received = same and tonumber(s[2]) or 0
if s[5] == '1' then return {'log_limit_reached', received} end
if offset > received then return {'gap', received} end
if offset + length <= received then return {'ok', received, tonumber(s[4]) or 0} end
if offset < received or received ~= based_on then return {'stale', received} end

local pieces = {}
if not same then
  -- An earlier attempt's pending tail can never be completed now: it was the start of a secret.
  if s[3] and s[3] ~= '' then table.insert(pieces, mask) end
  if tonumber(named_attempt) > 1 then table.insert(pieces, header) end
end
table.insert(pieces, text)
local piece = table.concat(pieces)
local start = redis.call('STRLEN', log_key)
local room = math.max(max_bytes - start, 0)
local truncated = #piece > room
if truncated then
  piece = string.sub(piece, 1, room) .. marker
  pending = ''
end
if #piece > 0 then redis.call('APPEND', log_key, piece) end
redis.call('HSET', state_key, 'attempt', named_attempt, 'received', offset + length, 'pending', pending,
  'length', start + #piece)
if truncated then redis.call('HSET', state_key, 'truncated', 1) end
redis.call('SADD', live_key, build_id)
if #piece > 0 then redis.call('PUBLISH', channel, start .. '\n' .. piece) end
if truncated then return {'log_limit_reached', offset + length} end
return {'ok', offset + length, start + #piece}
