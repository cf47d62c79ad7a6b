"""A userspace link shaper: a TCP proxy on 127.0.0.1 that makes loopback look like a slow,
distant link (this Linux has no netem). Each direction is one link shared by every connection
through the proxy (as a laptop's uplink is): bytes leave at `rate` bit/s one after the other
(a clock that only moves forward: a chunk departs when the link is free, and takes
len × 8 / rate seconds), then arrive `delay` seconds later (half the round trip). The proxy
reads at most `queue` bytes ahead of the link (a router's buffer): beyond it the sender is held
back by TCP itself, as on a real bottleneck.

    python bench/shaper.py LISTEN_PORT TARGET_PORT [--mbit 10] [--rtt-ms 100] [--queue-kib 256]

Prints "ready" once it listens. bench/shaped_link.py runs it and measures its floor.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time

CHUNK = 16 * 1024


class Link:
    """One direction: when the link is next free, and the bytes read but not yet delivered."""

    def __init__(self, rate: float, delay: float, queue: int) -> None:
        self.rate = rate  # bytes per second
        self.delay = delay
        self.queue = queue
        self.free_at = 0.0
        self.queued = 0
        self.drained = asyncio.Condition()

    def depart(self, size: int) -> float:
        """When this chunk, sent now, arrives at the other end."""
        start = max(time.monotonic(), self.free_at)
        self.free_at = start + size / self.rate
        return self.free_at + self.delay


async def pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, link: Link) -> None:
    """Carry one direction of one connection over `link`: read, schedule, deliver in order."""
    deliveries: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def deliver() -> None:
        while True:
            at, data = await deliveries.get()
            wait = at - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                writer.write_eof() if writer.can_write_eof() else writer.close()
                return
            writer.write(data)
            async with link.drained:
                link.queued -= len(data)
                link.drained.notify_all()
            await writer.drain()

    delivering = asyncio.create_task(deliver())
    try:
        while True:
            async with link.drained:
                await link.drained.wait_for(lambda: link.queued < link.queue)
            data = await reader.read(CHUNK)
            if not data:
                await deliveries.put((time.monotonic() + link.delay, b""))
                break
            link.queued += len(data)
            await deliveries.put((link.depart(len(data)), data))
        await delivering
    except (ConnectionError, asyncio.CancelledError):
        delivering.cancel()
    finally:
        if not writer.is_closing():
            writer.close()


async def serve(listen: int, target: int, mbit: float, rtt_ms: float, queue: int) -> None:
    up = Link(mbit * 1e6 / 8, rtt_ms / 2000, queue)  # laptop -> server
    down = Link(mbit * 1e6 / 8, rtt_ms / 2000, queue)

    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        # the TCP handshake crosses the link too: a round trip before the first byte
        await asyncio.sleep(rtt_ms / 1000)
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(
            pump(client_r, server_w, up), pump(server_r, client_w, down), return_exceptions=True
        )

    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("listen", type=int)
    parser.add_argument("target", type=int)
    parser.add_argument("--mbit", type=float, default=10.0)
    parser.add_argument("--rtt-ms", type=float, default=100.0)
    parser.add_argument("--queue-kib", type=int, default=256)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.listen, args.target, args.mbit, args.rtt_ms, args.queue_kib * 1024))
    return 0


if __name__ == "__main__":
    sys.exit(main())
