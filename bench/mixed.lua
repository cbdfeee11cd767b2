-- wrk script for the load test: mostly small softmax cross-entropy requests, one in LARGE_EVERY large.
local function read(path)
  local f = assert(io.open(path, "r"))
  local body = f:read("*a")
  f:close()
  return body
end

local small, large
local large_every = tonumber(os.getenv("LARGE_EVERY") or "50")
local counter = 0
statuses = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  small = read(os.getenv("SMALL") or "target/bench/small.json")
  large = read(os.getenv("LARGE") or "target/bench/medium.json")
end

function request()
  counter = counter + 1
  local body = (counter % large_every == 0) and large or small
  return wrk.format("POST", "/losses/softmax-cross-entropy", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("status %d: %d\n", status, count))
  end
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
