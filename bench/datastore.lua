-- wrk script: CKAN datastore_search pages of 1,000 rows at offsets spread over a dataset, as a
-- harvester pages it.
--
--   wrk -t2 -c32 -d10s --latency -s bench/datastore.lua http://127.0.0.1:8080 -- RESOURCE_ID TOTAL_ROWS
--
-- Every request is formatted once per thread in init(), so each request costs wrk a table lookup.
local requests = {}
local n = 0

function init(args)
  local resource, total = args[1], tonumber(args[2])
  for offset = 0, total - 1, 1000 do
    n = n + 1
    requests[n] = wrk.format("GET", string.format(
      "/api/3/action/datastore_search?resource_id=%s&limit=1000&offset=%d", resource, offset))
  end
end

local i = 0
function request()
  i = i % n + 1
  return requests[i]
end
