-- wrk script: POST /api/v1/dossiers with "submit": true, so each 201 is a dossier created and
-- submitted in one durable transaction.
--
--   wrk -t2 -c32 -d10s --latency -s bench/submit.lua http://127.0.0.1:8080 -- BODY_FILE TOKEN
--
-- BODY_FILE holds the JSON body, e.g.
--   {"procedure":"1.001193","place":"00004","form":{...},"submit":true}
-- (bench/services_bench.sh builds it from the procedure's form schema); TOKEN is an API bearer token
-- of the applicant (POST /api/v1/auth/login with "token": true).
--
-- Every request is the same, so it is formatted once per thread. Responses other than 2xx are
-- counted by status, and the first body of each such status is kept; done() prints them as
--   submit.lua: status 429 x 12: {"code":"too_many_requests",...}
-- which is what a failed run needs to be diagnosed (wrk itself only counts them).

local request_text
local failures = {}   -- status -> count, this thread
local first_body = {} -- status -> first body seen, this thread
failed = ""           -- the two tables above, serialized for done(); a global so thread:get finds it

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  local path, token = args[1], args[2]
  assert(path and token, "usage: -- BODY_FILE TOKEN")
  local file = assert(io.open(path, "rb"), "cannot open " .. path)
  local body = file:read("*a")
  file:close()
  request_text = wrk.format("POST", "/api/v1/dossiers", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

function request()
  return request_text
end

function response(status, headers, body)
  if status >= 200 and status < 300 then return end
  failures[status] = (failures[status] or 0) + 1
  if not first_body[status] then first_body[status] = (body or ""):sub(1, 300):gsub("[\r\n]", " ") end
  local lines = {}
  for s, n in pairs(failures) do
    lines[#lines + 1] = string.format("%d\t%d\t%s", s, n, first_body[s])
  end
  failed = table.concat(lines, "\n")
end

function done(summary, latency, requests)
  local total, body = {}, {}
  for _, thread in ipairs(threads) do
    local text = thread:get("failed") or ""
    for s, n, b in text:gmatch("(%d+)\t(%d+)\t([^\n]*)") do
      total[s] = (total[s] or 0) + tonumber(n)
      body[s] = body[s] or b
    end
  end
  for s, n in pairs(total) do
    io.write(string.format("submit.lua: status %s x %d: %s\n", s, n, body[s]))
  end
end
