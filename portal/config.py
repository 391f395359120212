"""Settings read from the environment (and an optional `.env` file) with safe defaults."""
import os
import secrets
from pathlib import Path


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance_path: Path, production: bool) -> str:
    """In production SECRET_KEY must be given; in development one is made once and kept."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise RuntimeError("SECRET_KEY wajib diisi di produksi (FLASK_ENV=production).")
    path = instance_path / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _engine_options(database_url: str) -> dict:
    """Connections each process may hold: a sync worker uses one at a time, so the pool rarely
    grows past one or two; the caps matter against PostgreSQL's max_connections when hosts ×
    workers grow (docs/operasional.md has the sum)."""
    options: dict = {"pool_pre_ping": True}
    if not database_url.startswith("sqlite"):
        options["pool_size"] = int(os.environ.get("DB_POOL_SIZE", "5"))
        options["max_overflow"] = int(os.environ.get("DB_MAX_OVERFLOW", "10"))
    return options


def _import_max() -> int:
    return int(os.environ.get("IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))


def load(instance_path: str) -> dict:
    """Build the config mapping for `create_app`; every value can be overridden by env."""
    instance = Path(instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    production = os.environ.get("FLASK_ENV", os.environ.get("PORTAL_ENV", "")) == "production"
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'portal.db'}"
    if database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgres://")
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")
    return {
        "SECRET_KEY": _secret_key(instance, production),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": _engine_options(database_url),
        "PORT": int(os.environ.get("PORT", "5000")),
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        # The dashboard's aggregates are kept this long per viewer scope (0: always computed).
        "DASHBOARD_CACHE_SECONDS": int(os.environ.get("DASHBOARD_CACHE_SECONDS", "60")),
        "JOB_STALE_SECONDS": int(os.environ.get("JOB_STALE_SECONDS", "300")),
        "PROXY_FIX_HOPS": int(os.environ.get("PROXY_FIX_HOPS", "0")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": int(os.environ.get("IDLE_TIMEOUT_MINUTES", "120")) * 60,
        "WTF_CSRF_TIME_LIMIT": None,
        "LOGIN_MAX_PER_NIP": int(os.environ.get("LOGIN_MAX_PER_NIP", "10")),
        "LOGIN_MAX_PER_ADDRESS": int(os.environ.get("LOGIN_MAX_PER_ADDRESS", "200")),
        "LOGIN_WINDOW_MINUTES": int(os.environ.get("LOGIN_WINDOW_MINUTES", "15")),
        "PASSWORD_MIN_LENGTH": int(os.environ.get("PASSWORD_MIN_LENGTH", "8")),
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).resolve().parent.parent
                                             / "translations"),
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("PORTAL_TIMEZONE", "Asia/Jakarta"),
        "PRODUCTION": production,
        "IMPORT_MAX_BYTES": _import_max(),
        # Werkzeug refuses a body above this before reading it (413). A little above the largest
        # upload allowed (the import file), so the upload forms still answer their own, more
        # specific messages for files between their limit and this one.
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH")
                                  or _import_max() + 1024 * 1024),
        # One PDF render that runs longer than this is stopped ("waktu habis"); kept below
        # gunicorn's default --timeout (30 s) so the portal, not the arbiter, ends a slow render.
        "PDF_TIME_LIMIT": float(os.environ.get("PDF_TIME_LIMIT", "20")),
        # A whole background job (a batch of rapor) is stopped after this many seconds.
        "JOB_TIME_LIMIT": int(os.environ.get("JOB_TIME_LIMIT", str(6 * 3600))),
        # Issued documents (docs/dokumen.md): where their bytes are kept, the instansi's
        # certificate (a demo one is made under instance/dokumen/ outside production), the
        # address printed in their QR codes, and the public verifier's limits.
        "DOKUMEN_STORAGE": os.environ.get("DOKUMEN_STORAGE", "database"),
        "DOKUMEN_STORAGE_DIR": os.environ.get("DOKUMEN_STORAGE_DIR") or None,
        "DOKUMEN_S3_BUCKET": os.environ.get("DOKUMEN_S3_BUCKET") or None,
        "DOKUMEN_S3_ENDPOINT": os.environ.get("DOKUMEN_S3_ENDPOINT") or None,
        "DOKUMEN_S3_PREFIX": os.environ.get("DOKUMEN_S3_PREFIX", ""),
        "DOKUMEN_P12_PATH": os.environ.get("DOKUMEN_P12_PATH") or None,
        "DOKUMEN_P12_PASSWORD": os.environ.get("DOKUMEN_P12_PASSWORD") or None,
        "DOKUMEN_SIGNER": os.environ.get("DOKUMEN_SIGNER") or None,
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL") or None,
        "VERIFIKASI_MAX_PER_ALAMAT": int(os.environ.get("VERIFIKASI_MAX_PER_ALAMAT", "60")),
        "VERIFIKASI_WINDOW_MINUTES": int(os.environ.get("VERIFIKASI_WINDOW_MINUTES", "10")),
        "VERIFIKASI_UNGGAH_MAX_BYTES": int(os.environ.get("VERIFIKASI_UNGGAH_MAX_BYTES",
                                                          str(5 * 1024 * 1024))),
        # SIASN (BKN), docs/siasn.md: mati (off, default) | kering (queued and shown, never
        # sent) | kirim. Credentials from the environment only, never the database.
        "SIASN_MODE": os.environ.get("SIASN_MODE", "mati"),
        "SIASN_BASE_URL": os.environ.get("SIASN_BASE_URL") or None,
        "SIASN_TOKEN_URL": os.environ.get("SIASN_TOKEN_URL") or None,
        "SIASN_CLIENT_ID": os.environ.get("SIASN_CLIENT_ID") or None,
        "SIASN_CLIENT_SECRET": os.environ.get("SIASN_CLIENT_SECRET") or None,
        "SIASN_SSO_TOKEN": os.environ.get("SIASN_SSO_TOKEN") or None,
        "SIASN_TIMEOUT": float(os.environ.get("SIASN_TIMEOUT", "10")),
        # Requests per token per minute on /api/v1.
        "API_MAX_PER_MENIT": int(os.environ.get("API_MAX_PER_MENIT", "120")),
        # The public figures (/publik) are computed at most this often.
        "PUBLIK_CACHE_SECONDS": int(os.environ.get("PUBLIK_CACHE_SECONDS", "3600")),
        # Pages and fragments: brotli (or gzip) at a level that costs ~1 ms per response; static
        # files are compressed once at the highest level by portal/compression.py instead, and
        # responses up to 16 KB at brotli 3 / gzip 4 (compression.SMALL).
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_ALGORITHM_STREAMING": ["br", "deflate"],
        "COMPRESS_BR_LEVEL": 5,
        "COMPRESS_MIN_SIZE": 200,
    }
