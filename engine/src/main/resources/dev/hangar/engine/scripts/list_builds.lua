-- Looks through one index of builds (every build, a project's or a pipeline's), newest first, from just
-- after a position, for builds that pass the filters. It looks at no more than a budget of entries, so a
-- filter that few builds pass costs no more per page than one that many pass; the position of the last
-- entry looked at is where the next page starts, whether or not that entry passed. Equal scores are
-- ordered by id (descending, as ZREVRANGEBYSCORE gives them), so a position is one exact place.
-- Reads only.
local index_key = KEYS[1]
local prefix = ARGV[1]
local top = ARGV[2]                  -- the position's score, or '+inf' from the newest
local after_id = ARGV[3]             -- the position's id, or '' from the newest
local budget = tonumber(ARGV[4])     -- most entries looked at
local limit = tonumber(ARGV[5])      -- most builds found
local statuses = ARGV[6]             -- ',queued,running,' or '' for any
local branch = ARGV[7]               -- or '' for any
-- Returns {1 when the index ended before the budget or the limit did, else 0, score and id of the last
-- entry looked at (or '' for none), the ids found...}

local BATCH = 100
local found, looked, offset = {}, 0, 0
local last_score, last_id = '', ''
local top_score = tonumber(top)
local ended = false
while looked < budget and #found < limit do
  local batch = redis.call('ZREVRANGEBYSCORE', index_key, top, '-inf', 'WITHSCORES', 'LIMIT', offset, BATCH)
  local entries = #batch / 2
  offset = offset + entries
  local i = 1
  while i <= #batch and looked < budget and #found < limit do
    local id, score = batch[i], tonumber(batch[i + 1])
    if not (after_id ~= '' and score == top_score and id >= after_id) then
      looked = looked + 1
      last_score, last_id = string.format('%.0f', score), id
      local f = redis.call('HMGET', build_key_of(prefix, id), 'status', 'branch')
      if f[1] and (statuses == '' or string.find(statuses, ',' .. f[1] .. ',', 1, true)) and (branch == '' or f[2] == branch) then
        found[#found + 1] = id
      end
    end
    i = i + 2
  end
  if entries < BATCH and i > #batch then
    ended = true
    break
  end
end
local reply = {ended and 1 or 0, last_score, last_id}
for _, id in ipairs(found) do reply[#reply + 1] = id end
return reply
