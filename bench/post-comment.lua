-- wrk script: posts valid, distinct comments as one returning reader (cookie + form token).
-- Environment: NASHRA_PATH (article path), NASHRA_COOKIE, NASHRA_TOKEN, NASHRA_ORIGIN, and
-- NASHRA_RUN (optional) to keep posts of wrk processes running side by side distinct.
local counter = 0
local thread_id = 0
local threads = 0

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

function init(args)
  thread_id = tonumber(wrk.thread:get("thread_id")) or 0
end

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  counter = counter + 1
  local id = (os.getenv("NASHRA_RUN") or "") .. thread_id .. "-" .. counter
  local body = "author=" .. encode("قارئ " .. id)
    .. "&email=" .. encode("reader" .. id .. "@example.com")
    .. "&comment=" .. encode("تعليق للقياس رقم " .. id)
    .. "&_token=" .. encode(os.getenv("NASHRA_TOKEN"))
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = os.getenv("NASHRA_COOKIE"),
    ["Origin"] = os.getenv("NASHRA_ORIGIN"),
  }
  return wrk.format("POST", os.getenv("NASHRA_PATH") .. "/comments", headers, body)
end
