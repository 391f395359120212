-- wrk script of bench/entry_post.py: the quick entry as the page posts it (htmx), one logged-in
-- person after another, each request with a key of its own.
--   wrk ... -s bench/entry_post.lua <url> -- <clients file> <run id>
-- The clients file has one line per person: cookie TAB csrf token TAB form body (without the key).
local counter, clients, run = 0, {}, "x"
local thread_no = 0

function setup(thread)
   thread:set("id", thread_no)
   thread_no = thread_no + 1
end

function init(args)
   for line in io.lines(args[1]) do
      local cookie, token, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      clients[#clients + 1] = {cookie = cookie, token = token, body = body}
   end
   run = args[2]
   counter = id * 7  -- threads start at different people
end

function request()
   counter = counter + 1
   local c = clients[(counter % #clients) + 1]
   return wrk.format("POST", "/harian/entri", {
      ["Cookie"] = c.cookie, ["X-CSRFToken"] = c.token, ["HX-Request"] = "true",
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Accept-Encoding"] = "br, gzip", ["User-Agent"] = "portal-bench",
   }, c.body .. "&kunci=" .. run .. "-" .. id .. "-" .. counter)
end
