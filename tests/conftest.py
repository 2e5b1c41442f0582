"""Shared test setup: no test reaches the internet; sample texts are loaded once."""
from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

_real_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None:
        try:
            if not ipaddress.ip_address(host).is_loopback:
                raise RuntimeError(f"tests must not use the network (tried {address!r})")
        except ValueError:
            if host != "localhost":
                raise RuntimeError(f"tests must not use the network (tried {address!r})") from None
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


def sample_text(prefix: str) -> str:
    """The raw text of sample ``prefix`` ('000'..'004')."""
    return next(SAMPLES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
