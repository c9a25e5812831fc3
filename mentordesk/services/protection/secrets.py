"""The one place MentorDesk talks to the OS keyring (through ``keyring``).

A database's passphrase is stored under the service "MentorDesk" with the
database's absolute path as the user name, so two databases keep two secrets; a shared
server's password under "MentorDesk server" with ``user@host:port/dbname`` as the user name.
Only backends on an allow-list (``SECURE_BACKENDS``: Secret Service, KWallet,
macOS Keychain, Windows Credential Locker) are used; with none of them (headless
Linux gets keyring's ``fail`` backend; keyrings.alt's backends keep the secret in
a file) ``status()`` says why in words the user can act on, and nothing is
stored: the app asks for the passphrase instead. Secrets never reach
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


# Only these keep secrets encrypted by the operating system, unlocked with the user's login. Anything
# else -- keyring's ``null`` and ``fail`` backends, keyrings.alt's plaintext and "encrypted" files, a
# backend some package registered -- is refused, by name, rather than guessed at.
SECURE_BACKENDS: dict[str, str] = {
    "keyring.backends.SecretService.Keyring": "Secret Service (GNOME Keyring, KeePassXC)",
    "keyring.backends.libsecret.Keyring": "Secret Service (libsecret)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Locker",
}
_ALLOWED_NAMES = "Secret Service, KWallet, macOS Keychain or Windows Credential Locker"


def _name(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _backends() -> list[object]:
    backend = _keyring().get_keyring()
    return list(getattr(backend, "backends", None) or [backend])


def _is_plaintext(backend: object) -> bool:
    cls = type(backend)
    return (
        cls.__module__.startswith("keyrings.alt")
        or "plaintext" in cls.__name__.lower()
        or "file" in cls.__name__.lower()
    )


def _chosen() -> tuple[object | None, str]:
    """The secure backend to use, highest priority first, or None and the reason for the user."""
    found = _backends()
    for backend in found:
        if _name(backend) in SECURE_BACKENDS:
            return backend, ""
    names = [_name(b) for b in found]
    if not found or all(n.startswith(("keyring.backends.fail", "keyring.backends.null")) for n in names):
        return None, (
            "no keyring service is running on this computer (on Linux: GNOME Keyring or KWallet "
            "through the Secret Service)"
        )
    if any(_is_plaintext(b) for b in found):
        return None, (
            "the only keyring found stores secrets in a readable file, which MentorDesk will not use; "
            f"use the {_ALLOWED_NAMES}"
        )
    return None, (
        f"the keyring found ({', '.join(names)}) is not one MentorDesk knows to be secure; "
        f"use the {_ALLOWED_NAMES}"
    )


def status() -> KeyringStatus:
    """Whether passphrases can be remembered on this computer, and if not, why not."""
    backend, reason = _chosen()
    if backend is None:
        return KeyringStatus(False, _name(_keyring().get_keyring()), reason)
    return KeyringStatus(True, SECURE_BACKENDS[_name(backend)], "")


def account(db_path: Path | str) -> str:
    return str(Path(db_path).expanduser().resolve())


def _read(service: str, name: str) -> str | None:
    backend, _ = _chosen()
    if backend is None:
        return None
    from keyring.errors import KeyringError

    try:
        return backend.get_password(service, name)  # type: ignore[attr-defined]
    except KeyringError as exc:  # locked, refused, or the service went away
        log.warning("keyring read failed: %s", type(exc).__name__)
        return None


def _write(service: str, name: str, secret: str, what: str) -> None:
    """Store ``secret`` in an allowed keyring; raises ``KeyringUnavailable`` rather than store it elsewhere."""
    backend, reason = _chosen()
    if backend is None:
        raise KeyringUnavailable(f"The {what} cannot be remembered: {reason}.")
    from keyring.errors import KeyringError

    try:
        backend.set_password(service, name, secret)  # type: ignore[attr-defined]
    except KeyringError as exc:
        raise KeyringUnavailable(f"The keyring refused to store the {what} ({type(exc).__name__}).") from exc
    log.info("%s remembered in the keyring", what)


def get_passphrase(db_path: Path | str) -> str | None:
    """The remembered passphrase for ``db_path``; None when none is stored or no keyring works."""
    return _read(SERVICE, account(db_path))


def store_passphrase(db_path: Path | str, passphrase: str) -> None:
    """Remember the passphrase in the OS keyring; raises ``KeyringUnavailable`` rather than store it elsewhere."""
    _write(SERVICE, account(db_path), passphrase, "passphrase")


SERVER_SERVICE = "MentorDesk server"


def get_server_password(server_account: str) -> str | None:
    """The remembered password for a shared server account (``user@host:port/dbname``), or None."""
    return _read(SERVER_SERVICE, server_account)


def store_server_password(server_account: str, password: str) -> None:
    """Remember a shared server's password in the OS keyring (never in a file)."""
    _write(SERVER_SERVICE, server_account, password, "server password")


def forget_passphrase(db_path: Path | str) -> bool:
    """Remove a remembered passphrase; True if one was removed."""
    backend, _ = _chosen()
    if backend is None:
        return False
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        backend.delete_password(SERVICE, account(db_path))  # type: ignore[attr-defined]
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        log.warning("keyring delete failed: %s", type(exc).__name__)
        return False
    log.info("remembered passphrase removed from the keyring")
    return True


def is_remembered(db_path: Path | str) -> bool:
    return get_passphrase(db_path) is not None
