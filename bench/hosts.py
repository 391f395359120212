"""The portal on several hosts, proven: network namespaces joined by veth pairs to a bridge of
their own, two portal hosts (gunicorn, 2 sync workers, and an RQ worker each), one host with a
throwaway PostgreSQL and Redis, an HAProxy load balancer and a client host. Mixed real work
runs through the balancer; halfway, one portal host's gunicorn and worker get `kill -9`, and
the host is started again a few seconds later.

    sudo python bench/hosts.py --seconds 60        # make bench-hosts
    sudo python bench/hosts.py --seconds 15        # the reduced form of the test suite

Hosts (10.77.0.0/24, in namespaces `pk<tag>-…`; traffic never leaves them):
db .10 (PostgreSQL, Redis) · a .11 · b .12 (portal) · lb .20 (HAProxy :80) · cl .30 (clients)

What is checked is listed in bench/hosts_clients.py. Everything (processes, the database
cluster, the namespaces) is torn down at the end, also after a failure or Ctrl-C. Needs root,
`ip netns`, HAProxy (Debian's `haproxy`) and PostgreSQL's server binaries.
"""
from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NET = "10.77.0"
HOSTS = {"db": 10, "a": 11, "b": 12, "lb": 20, "cl": 30}
PORTAL_PORT = 8000
PASSWORD = "kinerja2026"  # noqa: S105 - the demo's password, for a throwaway database


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


def missing() -> str | None:
    """Why this machine cannot build the hosts, or None."""
    if os.geteuid() != 0:
        return "butuh root (ip netns)"
    if not shutil.which("ip"):
        return "iproute2 (ip) tidak ada"
    if not shutil.which("haproxy"):
        return "haproxy tidak terpasang (apt-get install haproxy)"
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        return "server PostgreSQL (initdb) tidak ada"
    if not shutil.which("redis-server"):
        return "redis-server tidak ada"
    probe = f"pkprobe{os.getpid()}"
    try:
        _ip("netns", "add", probe)
    except (subprocess.CalledProcessError, OSError) as exc:
        return f"ip netns tidak bisa dipakai: {getattr(exc, 'stderr', b'') or exc}"
    _ip("netns", "del", probe)
    return None


class Hosts:
    """The namespaces and every process started in them; `close()` undoes all of it."""

    def __init__(self, seconds: float, workdir: Path, clients: int = 20):
        self.tag = secrets.token_hex(2)
        self.seconds, self.dir, self.n_clients = seconds, workdir, clients
        self.ns = {h: f"pk{self.tag}-{h}" for h in [*HOSTS, "sw"]}
        self.procs: dict[str, subprocess.Popen] = {}
        self.pgdata = self.dir / "pg"
        self.pg_ctl = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]
        self.secret = secrets.token_hex(32)
        self.database = f"postgresql+psycopg://postgres@{NET}.10:5432/portal"
        self.events: dict[str, float] = {}

    def addr(self, host: str) -> str:
        return f"{NET}.{HOSTS[host]}"

    def run_in(self, host: str, argv: list[str], **kw) -> subprocess.CompletedProcess:
        return subprocess.run(["ip", "netns", "exec", self.ns[host], *argv], **kw)

    def start_in(self, host: str, name: str, argv: list[str], env: dict | None = None,
                 cwd: Path = ROOT) -> subprocess.Popen:
        log = open(self.dir / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
        proc = subprocess.Popen(["ip", "netns", "exec", self.ns[host], *argv], cwd=cwd,
                                env=env or os.environ.copy(), stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self.procs[name] = proc
        return proc

    # --- the network -------------------------------------------------------------------------
    def build_network(self) -> None:
        sw = self.ns["sw"]
        _ip("netns", "add", sw)
        _ip("-n", sw, "link", "add", "br0", "type", "bridge")
        _ip("-n", sw, "link", "set", "br0", "up")
        for host, last in HOSTS.items():
            ns = self.ns[host]
            _ip("netns", "add", ns)
            _ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name",
                f"p-{host}", "netns", sw)
            _ip("-n", sw, "link", "set", f"p-{host}", "master", "br0", "up")
            _ip("-n", ns, "addr", "add", f"{NET}.{last}/24", "dev", "eth0")
            _ip("-n", ns, "link", "set", "eth0", "up")
            _ip("-n", ns, "link", "set", "lo", "up")

    # --- the database host ---------------------------------------------------------------------
    def start_database(self) -> None:
        self.dir.chmod(0o755)
        self.pgdata.mkdir()
        shutil.chown(self.pgdata, "postgres", "postgres")
        initdb = str(Path(self.pg_ctl).with_name("initdb"))
        subprocess.run(["runuser", "-u", "postgres", "--", initdb, "-D", str(self.pgdata),
                        "-A", "trust", "-U", "postgres", "--no-sync"], check=True,
                       capture_output=True)
        with open(self.pgdata / "pg_hba.conf", "a") as hba:
            hba.write(f"host all all {NET}.0/24 trust\n")
        options = (f"-c listen_addresses={self.addr('db')} -c port=5432 "
                   f"-c unix_socket_directories={self.pgdata} -c max_connections=100")
        self.run_in("db", ["runuser", "-u", "postgres", "--", self.pg_ctl, "-D",
                           str(self.pgdata), "-o", options, "-l", str(self.pgdata / "server.log"),
                           "-w", "start"], check=True, capture_output=True)
        self.run_in("db", ["runuser", "-u", "postgres", "--", "psql", "-h", self.addr("db"),
                           "-U", "postgres", "-c", "CREATE DATABASE portal"],
                    check=True, capture_output=True)
        self.start_in("db", "redis", ["redis-server", "--bind", self.addr("db"), "--port",
                                      "6379", "--protected-mode", "no", "--save", "",
                                      "--appendonly", "no",
                                      "--dir", str(self.dir)])

    # --- the portal hosts ----------------------------------------------------------------------
    def portal_env(self, host: str) -> dict:
        instance = self.dir / f"instance-{host}"  # each host its own: nothing is shared there
        instance.mkdir(exist_ok=True)
        return os.environ | {
            "DATABASE_URL": self.database, "REDIS_URL": f"redis://{self.addr('db')}:6379/0",
            "SECRET_KEY": self.secret, "INSTANCE_PATH": str(instance),
            "FLASK_ENV": "development", "PORTAL_ENV": "", "PROXY_FIX_HOPS": "1",
            "LOGIN_MAX_PER_NIP": "6", "LOGIN_MAX_PER_ADDRESS": "100000",
            "DOKUMEN_P12_PATH": str(self.dir / "cert" / "dokumen" / "demo-instansi.p12"),
            "DOKUMEN_P12_PASSWORD": self._cert_password(),
            "PUBLIC_BASE_URL": f"http://{self.addr('lb')}",
        }

    def _cert_password(self) -> str:
        path = self.dir / "cert" / "dokumen" / "demo-password.txt"
        return path.read_text().strip() if path.exists() else ""

    def prepare_database(self) -> None:
        """Migrations, the demo, and one certificate every host signs with (a deployment
        hands the same PKCS#12 to each host, as it hands them the same SECRET_KEY)."""
        env = self.portal_env("a") | {"DOKUMEN_P12_PATH": "", "DOKUMEN_P12_PASSWORD": ""}
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        for args in (["db", "upgrade"], ["seed-demo", "--password", PASSWORD]):
            self.run_in("a", flask + args, cwd=ROOT, env=env, check=True, capture_output=True)
        self.run_in("a", flask + ["dokumen", "sertifikat-demo"], cwd=ROOT, check=True,
                    capture_output=True, env=env | {"INSTANCE_PATH": str(self.dir / "cert")})

    def start_portal(self, host: str) -> None:
        env = self.portal_env(host)
        gunicorn = [sys.executable, "-m", "gunicorn"]
        if "--no-control-socket" in subprocess.run(gunicorn + ["--help"], capture_output=True,
                                                   text=True).stdout:
            # Its default control socket is one path in the file system the hosts share here.
            gunicorn.append("--no-control-socket")
        self.start_in(host, f"gunicorn-{host}", [
            *gunicorn, "--workers", "2", "--timeout", "60",
            "--bind", f"{self.addr(host)}:{PORTAL_PORT}", "wsgi:app"], env)
        self.start_in(host, f"worker-{host}", [sys.executable, "-m", "flask", "--app", "wsgi",
                                               "worker"], env)

    def ready(self, host: str, seconds: float = 60) -> bool:
        url = f"http://{self.addr(host)}:{PORTAL_PORT}/healthz"
        probe = ("import sys,urllib.request\ntry:\n urllib.request.urlopen(sys.argv[1],"
                 "timeout=2)\nexcept Exception:\n sys.exit(1)")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.run_in("cl", [sys.executable, "-c", probe, url]).returncode == 0:
                return True
            time.sleep(0.3)
        return False

    def kill_host(self, host: str) -> None:
        """kill -9 of the host's gunicorn (master and workers) and its job worker."""
        for name in (f"gunicorn-{host}", f"worker-{host}"):
            proc = self.procs.pop(name)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    # --- the balancer ------------------------------------------------------------------------
    def start_balancer(self) -> None:
        servers = "\n".join(
            f"    server {h} {self.addr(h)}:{PORTAL_PORT} check inter 1s fall 2 rise 2"
            for h in ("a", "b"))
        config = self.dir / "haproxy.cfg"
        config.write_text(f"""global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 90s
    timeout server 90s
    # A host busy with the whole load answers its health check late, not never: only a
    # refused or silent host is taken out (a killed one refuses at once).
    timeout check 10s
    retries 3
    # Only a connection that failed is sent to the other host: a request that reached a host
    # is never replayed by the balancer (the client retries its writes with the same key).
    retry-on conn-failure
    option redispatch
    option forwardfor
frontend portal
    bind {self.addr('lb')}:80
    default_backend hosts
backend hosts
    balance roundrobin
    option httpchk GET /healthz
{servers}
""")
        self.start_in("lb", "haproxy", ["haproxy", "-db", "-f", str(config)])

    # --- the run -----------------------------------------------------------------------------
    def clients(self, kill: bool) -> dict:
        """The client host's work (bench/hosts_clients.py); host a is killed halfway."""
        argv = [sys.executable, str(ROOT / "bench" / "hosts_clients.py"),
                "--seconds", str(self.seconds), "--clients", str(self.n_clients),
                "--database", self.database,
                "--balancer", f"http://{self.addr('lb')}",
                "--host-a", f"http://{self.addr('a')}:{PORTAL_PORT}",
                "--host-b", f"http://{self.addr('b')}:{PORTAL_PORT}"]
        with open(self.dir / "clients.log", "ab") as log:
            proc = subprocess.Popen(["ip", "netns", "exec", self.ns["cl"], *argv], cwd=ROOT,
                                    stdout=subprocess.PIPE, stderr=log, text=True,
                                    start_new_session=True)
        self.procs["clients"] = proc
        for line in proc.stdout:
            if line.startswith("LOAD "):
                self.events["load_started"] = float(line.split()[1])
                break
        else:
            proc.stdout.close()
            proc.wait()
            raise RuntimeError("klien berhenti sebelum beban dimulai; lihat clients.log")
        if kill:
            time.sleep(self.seconds / 2)
            self.events["killed"] = time.time()
            self.kill_host("a")
            time.sleep(min(5, self.seconds / 6))
            self.start_portal("a")
            self.events["restarted"] = time.time()
            self.events["back"] = time.time() if self.ready("a") else float("nan")
        out = proc.stdout.read()
        proc.stdout.close()
        proc.wait()
        return json.loads(out)

    def close(self) -> None:
        for name, proc in list(self.procs.items()):
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            if proc.stdout:
                proc.stdout.close()
            self.procs.pop(name)
        if (self.pgdata / "postmaster.pid").exists():
            subprocess.run(["runuser", "-u", "postgres", "--", self.pg_ctl, "-D",
                            str(self.pgdata), "-m", "immediate", "stop"], capture_output=True)
        for ns in self.ns.values():
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)


def run(seconds: float = 60, kill: bool = True, keep_logs: bool = False,
        clients: int = 20) -> dict:
    reason = missing()
    if reason:
        raise RuntimeError(reason)
    workdir = Path(tempfile.mkdtemp(prefix="portal-hosts-"))
    hosts = Hosts(seconds, workdir, clients)
    old = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    try:
        hosts.build_network()
        hosts.start_database()
        hosts.prepare_database()
        for host in ("a", "b"):
            hosts.start_portal(host)
        if not (hosts.ready("a") and hosts.ready("b")):
            raise RuntimeError("host portal tidak siap dalam 60 detik")
        hosts.start_balancer()
        result = hosts.clients(kill)
        result["events"] = {k: round(v - hosts.events.get("load_started", v), 2)
                            for k, v in hosts.events.items()}
        result["kill_window"] = _window(hosts.events)
        result["passed"] = passed(result, kill)
        result["load_average"] = os.getloadavg()
        result["wall_seconds"] = round(time.monotonic() - started, 1)
        result["logs"] = str(workdir)
        return result
    finally:
        hosts.close()
        signal.signal(signal.SIGTERM, old)
        if not keep_logs:
            shutil.rmtree(workdir, ignore_errors=True)


def _window(events: dict) -> tuple[float, float] | None:
    """Wall-clock span in which answers cut by the kill may come back as 5xx: from the kill
    until the balancer has seen the host go down (2 failed checks, 0.5 s apart) plus one
    gunicorn timeout's worth of requests already queued at the host — and around the restart."""
    if "killed" not in events:
        return None
    return events["killed"] - 0.5, events.get("back", events["killed"]) + 3


def passed(result: dict, kill: bool) -> bool:
    window = result.get("kill_window")
    def cut(t: float) -> bool:
        return bool(window) and window[0] <= t <= window[1]

    outside = [s for t, s in result["server_errors_at"] if s == 500 or not cut(t)]
    result["server_errors_outside_kill"] = len(outside)
    result["server_errors_cut_by_kill"] = len(result["server_errors_at"]) - len(outside)
    lost = [t for t in result["evidence_during_load"]["failed_at"] if not cut(t)]
    result["checks"]["evidence_failures_only_at_kill"] = not lost
    checks = result["checks"]
    return (not outside and result["gave_up"] == 0 and all(checks.values())
            and (not kill or result["kill_window"] is not None))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--no-kill", action="store_true", help="no host is killed")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--keep-logs", action="store_true")
    args = parser.parse_args()
    result = run(args.seconds, not args.no_kill, args.keep_logs, args.clients)
    print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
