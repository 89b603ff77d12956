-- Records a new build and its outbox entry in one step (ARCHITECTURE.md rule 6): once this returns, the build
-- cannot be lost even if the publish that follows fails; a dispatcher republishes the entry. The
-- project's build number, its build list and the class's waiting index move in the same step, so
-- numbers are never skipped or shared and /v1/queues counts the build from the moment it exists.
-- The project and pipeline must still exist in the same step: a deletion sets their records aside before
-- it cancels their builds, so no build can be queued behind its back.
local counter_key = KEYS[1]          -- the project's build counter
local build_key = KEYS[2]
local project_builds_key = KEYS[3]   -- the project's builds by number
local outbox_key = KEYS[4]
local waiting_key = KEYS[5]          -- the class's index of waiting builds
local counts_key = KEYS[6]           -- builds by status
local project_key = KEYS[7]
local pipeline_key = KEYS[8]
local by_creation_key = KEYS[9]      -- every build by creation time
local pipeline_builds_key = KEYS[10] -- the pipeline's builds by creation time
local build_id = ARGV[1]
local project_id = ARGV[2]
local pipeline_id = ARGV[3]
local platform = ARGV[4]
local queue = ARGV[5]                -- the capability class
local priority = ARGV[6]
local commit_sha = ARGV[7]
local branch = ARGV[8]
local config_snapshot = ARGV[9]      -- json
local created_by = ARGV[10]          -- the user id
local repository_url = ARGV[11]      -- the project's, copied like the config: the runner fetches from it
local rerun_of = ARGV[12]            -- the build this one runs again, or ''
-- Returns 1, or 0 when the project or pipeline is gone; the caller reads the build back as any reader would

if redis.call('EXISTS', project_key) == 0 or redis.call('EXISTS', pipeline_key) == 0 then return 0 end
local now = now_ms()
local number = redis.call('INCR', counter_key)
redis.call('HSET', build_key, 'id', build_id, 'build_number', number, 'status', 'queued', 'attempt', 1,
  'cancel_requested', 0, 'created_at', now, 'updated_at', now, 'project_id', project_id,
  'pipeline_id', pipeline_id, 'platform', platform, 'queue', queue, 'priority', priority,
  'commit_sha', commit_sha, 'branch', branch, 'config_snapshot', config_snapshot, 'created_by', created_by,
  'repository_url', repository_url)
if rerun_of ~= '' then redis.call('HSET', build_key, 'rerun_of', rerun_of) end
redis.call('ZADD', project_builds_key, number, build_id)
redis.call('ZADD', by_creation_key, now, build_id)
redis.call('ZADD', pipeline_builds_key, now, build_id)
redis.call('ZADD', outbox_key, now, build_id .. ':1')
redis.call('ZADD', waiting_key, now, build_id)
count_move(counts_key, nil, 'queued')
return 1
