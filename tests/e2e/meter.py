"""Bytes on the wire: what one navigation cost, counted by Chromium over the DevTools protocol
(headers plus compressed body), and its network emulation for the slow-network tests.
Used by test_budgets.py and test_slow.py (the browser itself comes from harness.py)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Visit:
    """What one navigation cost: every response as counted by Chromium (headers + compressed
    body), and how many requests went to the network (cache hits excluded)."""
    rows: list[dict] = field(default_factory=list)

    @property
    def bytes(self) -> int:
        return sum(r["bytes"] for r in self.rows if not r["cached"])

    @property
    def requests(self) -> int:
        return sum(1 for r in self.rows if not r["cached"])

    @property
    def distinct_requests(self) -> int:
        """Requests for different URLs: Chromium's icon service sometimes asks for the same
        favicon twice in one navigation, which is the browser's doing, not the page's."""
        return len({r["url"] for r in self.rows if not r["cached"]})

    def fetched(self, part: str) -> list[dict]:
        return [r for r in self.rows if part in r["url"] and not r["cached"]]

    def table(self) -> str:
        return "\n".join(f"  {r['bytes']:>7} {'cache' if r['cached'] else 'net  '} {r['url']}"
                         for r in self.rows)


class ByteMeter:
    """Listens to the DevTools Network domain of one page: `Network.loadingFinished`'s
    encodedDataLength is what travelled on the wire for a response."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self._rows: dict[str, dict] = {}
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.requestServedFromCache", self._cached)
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.loadingFailed", self._failed)

    def _sent(self, p):
        self._rows[p["requestId"]] = {"url": p["request"]["url"], "bytes": 0, "cached": False,
                                      "status": None, "type": p.get("type", "")}

    def _cached(self, p):
        if p["requestId"] in self._rows:
            self._rows[p["requestId"]]["cached"] = True

    def _received(self, p):
        row = self._rows.get(p["requestId"])
        if row is not None:
            row["status"] = p["response"]["status"]
            row["encoding"] = {k.lower(): v for k, v in p["response"]["headers"].items()
                               }.get("content-encoding", "")
            if p["response"].get("fromDiskCache") or p["response"].get("fromPrefetchCache"):
                row["cached"] = True

    def _finished(self, p):
        row = self._rows.get(p["requestId"])
        if row is not None:
            row["bytes"] = int(p["encodedDataLength"])

    def _failed(self, p):
        row = self._rows.get(p["requestId"])
        if row is not None:
            row["failed"] = True

    def clear_cache(self) -> None:
        self.cdp.send("Network.clearBrowserCache")

    def start(self) -> None:
        self._rows = {}

    def stop(self) -> Visit:
        self.page.wait_for_load_state("networkidle")
        return Visit([r for r in self._rows.values() if not r["url"].startswith("data:")])

    def visit(self, url: str) -> Visit:
        self.start()
        self.page.goto(url)
        return self.stop()

    def throttle(self, down_kbit: int = 400, up_kbit: int = 400, latency_ms: int = 400) -> None:
        """Chromium's network emulation ("slow 3G"-like): throughput in bytes per second."""
        self.cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": latency_ms,
            "downloadThroughput": down_kbit * 1000 / 8, "uploadThroughput": up_kbit * 1000 / 8})

    def unthrottle(self) -> None:
        self.cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start
