-- GET of the URL given to wrk: reading an open session (b), and the static endpoint.
dofile(os.getenv("COFFER_LOAD_SCRIPTS") .. "/report.lua")
