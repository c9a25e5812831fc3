"""The one place MentorDesk talks to the OS keyring (through ``keyring``).

A database's passphrase is stored under the service "MentorDesk" with the
database's absolute path as the user name, so two databases keep two secrets; a shared
server's password under "MentorDesk server" with ``user@host:port/dbname`` as the user name.
When no real keyring works (headless Linux gets keyring's ``fail`` backend and
``NoKeyringError``; a plaintext backend from keyrings.alt would keep the secret
in a readable file) ``status()`` says so in words the user can act on, and
nothing is stored: the app asks for the passphrase instead. Secrets never reach
a log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "MentorDesk"


class KeyringUnavailable(Exception):
    """No usable keyring; the message says why, for the user."""


@dataclass(frozen=True)
class KeyringStatus:
    available: bool
    backend: str
    reason: str  # empty when available


def _keyring():
    # Imported on first use: keyring pulls in urllib and friends, a tenth of a second at
    # start-up that a plain (unencrypted) database never needs.
    import keyring

    return keyring


def _backends() -> list[object]:
    backend = _keyring().get_keyring()
    return list(getattr(backend, "backends", None) or [backend])


def _is_plaintext(backend: object) -> bool:
    cls = type(backend)
    return cls.__module__.startswith("keyrings.alt") or "plaintext" in cls.__name__.lower()


def status() -> KeyringStatus:
    """Whether passphrases can be remembered on this computer, and if not, why not."""
    backend = _keyring().get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    backends = _backends()
    if any(type(b).__module__ == "keyring.backends.fail" for b in backends) or not backends:
        return KeyringStatus(
            False,
            name,
            "no keyring service is running on this computer (on Linux: GNOME Keyring or KWallet "
            "through the Secret Service)",
        )
    if all(_is_plaintext(b) for b in backends):
        return KeyringStatus(
            False,
            name,
            "the only keyring found stores secrets in a readable file, which MentorDesk will not use",
        )
    return KeyringStatus(True, name, "")


def account(db_path: Path | str) -> str:
    return str(Path(db_path).expanduser().resolve())


def _read(service: str, name: str) -> str | None:
    if not status().available:
        return None
    from keyring.errors import KeyringError

    try:
        return _keyring().get_password(service, name)
    except KeyringError as exc:  # locked, refused, or the service went away
        log.warning("keyring read failed: %s", type(exc).__name__)
        return None


def _write(service: str, name: str, secret: str, what: str) -> None:
    state = status()
    if not state.available:
        raise KeyringUnavailable(f"The {what} cannot be remembered: {state.reason}.")
    from keyring.errors import KeyringError

    try:
        _keyring().set_password(service, name, secret)
    except KeyringError as exc:
        raise KeyringUnavailable(f"The keyring refused to store the {what} ({type(exc).__name__}).") from exc
    log.info("%s remembered in the keyring", what)


def get_passphrase(db_path: Path | str) -> str | None:
    """The remembered passphrase for ``db_path``; None when none is stored or no keyring works."""
    return _read(SERVICE, account(db_path))


def store_passphrase(db_path: Path | str, passphrase: str) -> None:
    """Remember the passphrase in the OS keyring; raises ``KeyringUnavailable`` rather than store it elsewhere."""
    _write(SERVICE, account(db_path), passphrase, "passphrase")


# A shared server's password: one per server account ("user@host:port/dbname", see store/server.py).
SERVER_SERVICE = "MentorDesk server"


def get_server_password(server_account: str) -> str | None:
    """The remembered password of a server account; None when none is stored or no keyring works."""
    return _read(SERVER_SERVICE, server_account)


def store_server_password(server_account: str, password: str) -> None:
    """Remember a server password in the OS keyring (never anywhere else)."""
    _write(SERVER_SERVICE, server_account, password, "server password")


def forget_passphrase(db_path: Path | str) -> bool:
    """Remove a remembered passphrase; True if one was removed."""
    if not status().available:
        return False
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        _keyring().delete_password(SERVICE, account(db_path))
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        log.warning("keyring delete failed: %s", type(exc).__name__)
        return False
    log.info("remembered passphrase removed from the keyring")
    return True


def is_remembered(db_path: Path | str) -> bool:
    return get_passphrase(db_path) is not None
