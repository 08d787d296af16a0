-- wrk script: a spam bot: no cookie, no token, links in the text; every other post fills the honeypot.
-- Each connection waits NASHRA_FLOOD_DELAY_MS (default 8) between posts, so the flood arrives at a
-- steady rate (about connections × 1000 / delay posts a second) instead of taking every spare cycle.
local counter = 0
local pause = tonumber(os.getenv("NASHRA_FLOOD_DELAY_MS") or "8")

function delay()
  return pause
end

function request()
  counter = counter + 1
  local body = "author=bot&email=bot" .. counter .. "%40spam.example&comment=buy+http%3A%2F%2Fa.example+http%3A%2F%2Fb.example"
  if counter % 2 == 0 then body = body .. "&contact_me=1" end
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  return wrk.format("POST", os.getenv("NASHRA_PATH") .. "/comments", headers, body)
end
