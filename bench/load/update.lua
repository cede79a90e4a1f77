-- (c) update: PATCH of the URL given to wrk with a whole YAML definition and no ETag (a blind write).
dofile(os.getenv("COFFER_LOAD_SCRIPTS") .. "/report.lua")

local file = assert(io.open(os.getenv("COFFER_UPDATE_BODY"), "rb"))
wrk.method = "PATCH"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/x-yaml"
