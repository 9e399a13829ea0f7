-- wrk script: GET /api/v1/places/{code} with a random administrative-unit code per request.
--
--   wrk -t2 -c64 -d10s --latency -s bench/places.lua http://127.0.0.1:8080 -- packs/vn/admin-units/units-2025.csv
--
-- The argument is the pack's units CSV; its first column (after the header) is the code.
-- Codes keep their leading zeros ("01", "00004"), so they are handled as strings throughout.

local default_csv = "packs/vn/admin-units/units-2025.csv"

-- setup() runs in wrk's main Lua state once per thread; numbering the threads lets each one seed
-- its own random generator, so threads do not all replay the same sequence of codes.
local next_thread_id = 0
function setup(thread)
  next_thread_id = next_thread_id + 1
  thread:set("thread_id", next_thread_id)
end

local requests = {}

function init(args)
  local path = args[1] or default_csv
  local file = assert(io.open(path, "r"), "cannot open " .. path)
  local header = true
  for line in file:lines() do
    if header then
      header = false
    else
      local code = line:match("^([^,]+)")
      if code and code ~= "" then
        -- Formatting every request here, once, keeps the per-request Lua work to a table lookup,
        -- so the client spends (nearly) as little time per request as with a plain URL.
        requests[#requests + 1] = wrk.format("GET", "/api/v1/places/" .. code)
      end
    end
  end
  file:close()
  assert(#requests > 0, "no codes found in " .. path)
  math.randomseed(os.time() * 1000 + (thread_id or 0))
end

function request()
  return requests[math.random(#requests)]
end
