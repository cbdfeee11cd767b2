-- wrk script: POST the small request body to the softmax cross-entropy endpoint.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("BODY") or "target/small.json", "r")
wrk.body = f:read("*a")
f:close()
