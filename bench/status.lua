-- wrk script: GET /api/v1/dossiers/{code}/status with a random dossier code per request.
--
--   wrk -t2 -c32 -d10s --latency -s bench/status.lua http://127.0.0.1:8080 -- CODES_FILE TOKEN
--
-- CODES_FILE has one dossier code per line (bench/services_bench.sh writes the applicant's codes
-- from GET /api/v1/dossiers); TOKEN is that applicant's API bearer token.
--
-- As in places.lua, every request is formatted once per thread in init(), so each request costs
-- wrk a table lookup; no response() function, so wrk does not hand every response to Lua (the
-- script counts non-2xx answers from wrk's own summary and shows one on its own when there are any).

local next_thread_id = 0
function setup(thread)
  next_thread_id = next_thread_id + 1
  thread:set("thread_id", next_thread_id)
end

local requests = {}

function init(args)
  local path, token = args[1], args[2]
  assert(path and token, "usage: -- CODES_FILE TOKEN")
  local headers = { ["Authorization"] = "Bearer " .. token }
  local file = assert(io.open(path, "r"), "cannot open " .. path)
  for line in file:lines() do
    local code = line:match("^%s*(%S+)%s*$")
    if code then
      requests[#requests + 1] = wrk.format("GET", "/api/v1/dossiers/" .. code .. "/status", headers)
    end
  end
  file:close()
  assert(#requests > 0, "no codes in " .. path)
  math.randomseed(os.time() * 1000 + (thread_id or 0))
end

function request()
  return requests[math.random(#requests)]
end
