"""The digital signature (PAdES) on every issued PDF.

The portal asks one thing of a signer:

    class Signer(Protocol):
        label: str                      # who signs, as the register shows it
        def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes: ...

`sign` gets the finished PDF and returns it signed (a PAdES signature added as an incremental
update, so the bytes before it stay as rendered). `LocalSigner` signs with the instansi's
certificate from a PKCS#12 file (DOKUMEN_P12_PATH, DOKUMEN_P12_PASSWORD). BSrE's TTE
(Tanda Tangan Elektronik of Balai Sertifikasi Elektronik) signs on its own server: a class whose
`sign` sends the PDF to TTE's signing endpoint with the signer's NIK and passphrase and returns
the PDF it answers takes this one's place, named in DOKUMEN_SIGNER ("package.module:Class",
built with the app's config) — nothing else in the portal changes.

Without a configured certificate outside production, a demo CA and an instansi certificate are
made once under `instance/dokumen/` (`flask dokumen sertifikat-demo`, run by `make run`); a
verifier trusts `instance/dokumen/demo-ca.pem`. Production refuses to issue without one.
"""
from __future__ import annotations

import asyncio
import secrets
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, timedelta
from importlib import import_module
from io import BytesIO
from pathlib import Path
from threading import Lock
from typing import Protocol

from flask import current_app

from portal import clock

DEMO_DIR = "dokumen"
DEMO_CA = "demo-ca.pem"
DEMO_P12 = "demo-instansi.p12"
DEMO_PASSWORD_FILE = "demo-instansi.sandi"  # noqa: S105  (a file name)
_CACHE: dict[tuple, object] = {}
_LOCK = Lock()


class SertifikatTidakAda(RuntimeError):
    """No certificate is configured where one is required (production)."""


class Signer(Protocol):
    label: str

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes: ...


class LocalSigner:
    """PAdES B-B with a PKCS#12 key and certificate (and its chain) held by the portal."""

    def __init__(self, p12_path: str | Path, password: bytes | None):
        from pyhanko.sign import signers

        data = Path(p12_path).read_bytes()
        self._signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=None,
                                                             passphrase=password)
        self.label = self._signer.signing_cert.subject.human_friendly

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        meta = signers.PdfSignatureMetadata(
            field_name="TandaTanganInstansi", md_algorithm="sha256", reason=reason,
            location=location, subfilter=fields.SigSeedSubFilter.PADES)
        pdf_signer = signers.PdfSigner(meta, signer=self._signer)
        return _run(lambda: pdf_signer.async_sign_pdf(writer)).getvalue()


def _run(make_coroutine):
    """pyHanko signs with asyncio: in a thread of its own when this one already runs an event
    loop (an async server, a browser-driving test), else right here."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def _demo_paths(instance: Path) -> tuple[Path, Path, Path]:
    folder = instance / DEMO_DIR
    return folder / DEMO_CA, folder / DEMO_P12, folder / DEMO_PASSWORD_FILE


def make_demo_certificate(instance: str | Path, instansi: str = "Instansi Demo") -> Path:
    """A demo CA and an instansi certificate signed by it, once, under instance/dokumen/.
    Returns the PKCS#12 path (an existing one is kept)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    ca_path, p12_path, password_path = _demo_paths(Path(instance))
    if p12_path.exists() and ca_path.exists() and password_path.exists():
        return p12_path
    p12_path.parent.mkdir(parents=True, exist_ok=True)
    # Valid from a year back, so a clock set a little ahead (a demo, a test) still signs.
    now = clock.utcnow().replace(tzinfo=UTC) - timedelta(days=365)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, instansi[:64]),
                          x509.NameAttribute(NameOID.COMMON_NAME, cn[:64])])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = name("CA Demo Portal Kinerja (bukan untuk produksi)")
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now).not_valid_after(now + timedelta(days=3650 + 365))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                       key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, key_cert_sign=True, crl_sign=True,
                                       encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                         critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(name(instansi)).issuer_name(ca_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + timedelta(days=1825 + 365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    password = secrets.token_urlsafe(18).encode()
    p12 = pkcs12.serialize_key_and_certificates(
        b"instansi", key, cert, [ca], serialization.BestAvailableEncryption(password))
    for path, data in ((ca_path, ca.public_bytes(serialization.Encoding.PEM)),
                       (password_path, password), (p12_path, p12)):
        path.write_bytes(data)
        path.chmod(0o600 if path != ca_path else 0o644)
    return p12_path


def _local() -> LocalSigner:
    cfg = current_app.config
    path, password = cfg.get("DOKUMEN_P12_PATH"), cfg.get("DOKUMEN_P12_PASSWORD")
    if not path:
        if cfg.get("PRODUCTION"):
            raise SertifikatTidakAda("DOKUMEN_P12_PATH wajib diisi di produksi: dokumen tidak "
                                     "diterbitkan tanpa sertifikat instansi.")
        from portal.dokumen.register import instansi_nama

        path = make_demo_certificate(current_app.instance_path, instansi_nama())
        password = _demo_paths(Path(current_app.instance_path))[2].read_text()
    key = ("lokal", str(path))
    if key not in _CACHE:
        with _LOCK:
            if key not in _CACHE:
                _CACHE[key] = LocalSigner(path, password.encode() if password else None)
    return _CACHE[key]


def signer() -> Signer:
    """The signer of this deployment: DOKUMEN_SIGNER's class, or the local certificate."""
    named = current_app.config.get("DOKUMEN_SIGNER")
    if named:
        module, _, cls = named.partition(":")
        key = ("kelas", named)
        if key not in _CACHE:
            _CACHE[key] = getattr(import_module(module), cls)(current_app.config)
        return _CACHE[key]
    return _local()


def validate(pdf: bytes, trust_root_pem: str | Path):
    """pyHanko's verdict on the (one) signature of `pdf` against a trust root: a status with
    `intact` (the signed bytes are unchanged), `valid`, `trusted` and `bottom_line`."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(BytesIO(pdf), strict=False)
    if not reader.embedded_signatures:
        raise ValueError("PDF ini tidak bertanda tangan elektronik.")
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(trust_root_pem))])
    signature = reader.embedded_signatures[-1]
    return _run(lambda: async_validate_pdf_signature(signature, context))


def demo_ca_path(instance: str | Path) -> Path:
    return _demo_paths(Path(instance))[0]
