-- Records a new build and its outbox entry in one step (ARCHITECTURE.md rule 6): once this returns, the build
-- cannot be lost even if the publish that follows fails; a dispatcher republishes the entry. The
-- project's build number, its build list and the class's waiting index move in the same step, so
-- numbers are never skipped or shared and /v1/queues counts the build from the moment it exists.
local counter_key = KEYS[1]          -- the project's build counter
local build_key = KEYS[2]
local project_builds_key = KEYS[3]   -- the project's builds by number
local outbox_key = KEYS[4]
local waiting_key = KEYS[5]          -- the class's index of waiting builds
local counts_key = KEYS[6]           -- builds by status
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
-- Returns nothing: the caller reads the build back as any reader would

local now = now_ms()
local number = redis.call('INCR', counter_key)
redis.call('HSET', build_key, 'id', build_id, 'build_number', number, 'status', 'queued', 'attempt', 1,
  'cancel_requested', 0, 'created_at', now, 'updated_at', now, 'project_id', project_id,
  'pipeline_id', pipeline_id, 'platform', platform, 'queue', queue, 'priority', priority,
  'commit_sha', commit_sha, 'branch', branch, 'config_snapshot', config_snapshot, 'created_by', created_by,
  'repository_url', repository_url)
redis.call('ZADD', project_builds_key, number, build_id)
redis.call('ZADD', outbox_key, now, build_id .. ':1')
redis.call('ZADD', waiting_key, now, build_id)
count_move(counts_key, nil, 'queued')
