"""Issued documents: the register (register.py), where their bytes are kept (storage.py), the
digital signature (signer.py) and sealing a final document (seal.py)."""
