-- Counts responses by status class in every wrk thread and, when wrk is done,
-- prints one line "BENCH_JSON {...}" with the totals and the latency percentiles
-- (in microseconds) for bench/load.py to read.

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    ok = 0
    not_ok = 0
end

function response(status, headers, body)
    if status >= 200 and status < 300 then
        ok = ok + 1
    else
        not_ok = not_ok + 1
    end
end

function done(summary, latency, requests)
    local ok_total, not_ok_total = 0, 0
    for _, thread in ipairs(threads) do
        ok_total = ok_total + thread:get("ok")
        not_ok_total = not_ok_total + thread:get("not_ok")
    end
    local errors = summary.errors
    io.write(string.format(
        'BENCH_JSON {"requests": %d, "duration_us": %d, "ok": %d, "not_ok": %d, '
        .. '"p50_us": %d, "p99_us": %d, "socket_errors": %d, "timeouts": %d}\n',
        summary.requests, summary.duration, ok_total, not_ok_total,
        latency:percentile(50), latency:percentile(99),
        errors.connect + errors.read + errors.write, errors.timeout))
end
