-- wrk script: POST /api/v1/auth/login with the demo citizen's credentials (username and password
-- are passed after `--`). Each login verifies an Argon2id hash and opens a session.
local username, password
function init(args)
  username, password = args[1], args[2]
end
function request()
  return wrk.format("POST", "/api/v1/auth/login", { ["Content-Type"] = "application/json" },
    string.format('{"username":"%s","password":"%s"}', username, password))
end
