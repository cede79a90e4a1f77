-- Shared by the wrk scripts: the access token on every request, and one JSON line at the end.
-- wrk counts a response with a status of 400 or more as an error ("status").

wrk.headers["Authorization"] = "token " .. os.getenv("COFFER_TOKEN")

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

-- The number of completed operations, when a script counts them itself (see open.lua).
function operations()
   local total = 0
   for _, thread in ipairs(threads) do
      total = total + (thread:get("opens") or 0)
   end
   return total
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      '{"requests":%d,"operations":%d,"seconds":%.3f,"socketErrors":%d,"statusErrors":%d,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f}\n',
      summary.requests, operations(), summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
