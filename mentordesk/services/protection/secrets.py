"""The one place MentorDesk talks to the OS keyring (through ``keyring``).

A database's passphrase is stored under the service "MentorDesk" with the
database's absolute path as the user name, so two databases keep two secrets.
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


def get_passphrase(db_path: Path | str) -> str | None:
    """The remembered passphrase for ``db_path``; None when none is stored or no keyring works."""
    if not status().available:
        return None
    from keyring.errors import KeyringError

    try:
        return _keyring().get_password(SERVICE, account(db_path))
    except KeyringError as exc:  # locked, refused, or the service went away
        log.warning("keyring read failed: %s", type(exc).__name__)
        return None


def store_passphrase(db_path: Path | str, passphrase: str) -> None:
    """Remember the passphrase in the OS keyring; raises ``KeyringUnavailable`` rather than store it elsewhere."""
    state = status()
    if not state.available:
        raise KeyringUnavailable(f"The passphrase cannot be remembered: {state.reason}.")
    from keyring.errors import KeyringError

    try:
        _keyring().set_password(SERVICE, account(db_path), passphrase)
    except KeyringError as exc:
        raise KeyringUnavailable(
            f"The keyring refused to store the passphrase ({type(exc).__name__})."
        ) from exc
    log.info("passphrase remembered in the keyring")


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
