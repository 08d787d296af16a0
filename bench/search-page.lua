-- wrk script: search pages for queries drawn from NASHRA_QUERIES (one per line). Each request
-- excludes a made-up word of its own (-zqN), which changes no result but makes every page a miss
-- for the page cache, so the search itself is measured.
local queries = {}
local counter = 0

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  for line in io.lines(os.getenv("NASHRA_QUERIES")) do
    if #line > 0 then queries[#queries + 1] = line end
  end
  math.randomseed(os.time() + (tonumber(os.getenv("NASHRA_RUN")) or 0))
end

function request()
  counter = counter + 1
  local query = queries[math.random(#queries)] .. " -zq" .. (os.getenv("NASHRA_RUN") or "") .. counter
  return wrk.format("GET", "/search?q=" .. encode(query), { ["Accept-Encoding"] = "gzip" })
end
