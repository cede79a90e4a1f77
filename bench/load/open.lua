-- (a) open + read: POST .../open, then GET .../open/{id} of the session it returned. Each thread
-- keeps the ids its opens returned and reads one before opening again, so opens and reads
-- alternate; "operations" counts the opens that answered 200 with an id.
dofile(os.getenv("COFFER_LOAD_SCRIPTS") .. "/report.lua")

local environment = os.getenv("COFFER_ENVIRONMENT_PATH")
local ids = {}
opens = 0

function request()
   local id = table.remove(ids)
   if id then
      return wrk.format("GET", environment .. "/open/" .. id)
   end
   return wrk.format("POST", environment .. "/open")
end

function response(status, headers, body)
   if status == 200 then
      local id = body:match('^{"id":"(%x+)"}$')
      if id then
         opens = opens + 1
         table.insert(ids, id)
      end
   end
end
