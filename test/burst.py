#!/usr/bin/python3
# test/burst.py HOST PORT PATH N [TIMEOUT] - N HTTP/1.1 GETs of PATH at
# once, each on its own connection, all opened together (asyncio); for
# make bench-burst (test/bench-burst.sh).  Prints one line:
#   200=N 502=N ... closed=N reset=N timeout=N wall=S p50=S p99=S max=S
# "closed": the server closed the connection without an answer.
import asyncio
import collections
import sys
import time


async def one(host, port, request, timeout, counts, took):
    t0 = time.monotonic()
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port), timeout)
        writer.write(request)
        data = await asyncio.wait_for(reader.read(), timeout)
        writer.close()
        line = data.split(b"\r\n", 1)[0].split()
        counts[line[1].decode() if len(line) > 1 else "closed"] += 1
    except asyncio.TimeoutError:
        counts["timeout"] += 1
    except ConnectionResetError:
        counts["reset"] += 1
    except OSError as e:
        counts[type(e).__name__] += 1
    took.append(time.monotonic() - t0)


async def main():
    host, port, path, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    timeout = float(sys.argv[5]) if len(sys.argv) > 5 else 90
    request = ("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
               % (path, host)).encode()
    counts, took = collections.Counter(), []
    t0 = time.monotonic()
    await asyncio.gather(*(one(host, port, request, timeout, counts, took)
                           for _ in range(n)))
    wall = time.monotonic() - t0
    took.sort()
    out = ["%s=%d" % kv for kv in sorted(counts.items())]
    out.append("wall=%.2f p50=%.2f p99=%.2f max=%.2f" % (
        wall, took[len(took) // 2], took[int(len(took) * 0.99)], took[-1]))
    print(" ".join(out))


asyncio.run(main())
