"""Is a database file in a cloud-synced folder or on a network mount? Then it is at risk.

A sync client (Dropbox, OneDrive, Google Drive, iCloud, Nextcloud/ownCloud) copies the file while
SQLite writes it, and two computers editing "the same" file end with a conflicted copy or a
damaged one; a network file system (NFS, SMB/CIFS, SSHFS) breaks SQLite's locking. Pure logic:
the caller passes the path (resolved) and, on Linux, the text of /proc/mounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

# Folder names the sync clients create, lower-cased; matched against each folder of the path.
SYNC_FOLDERS: dict[str, str] = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "icloud": "iCloud Drive",
    "mobile documents": "iCloud Drive",  # ~/Library/Mobile Documents on macOS
    "com~apple~clouddocs": "iCloud Drive",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "box": "Box",
    "box sync": "Box",
    "pcloud drive": "pCloud",
    "sync": "",  # too common a word to name on its own
}
# Prefixes: "OneDrive - Riverside Trust", "Dropbox (Personal)", "GoogleDrive-ana@example.org".
SYNC_PREFIXES: dict[str, str] = {
    "onedrive - ": "OneDrive",
    "onedrive-": "OneDrive",
    "dropbox (": "Dropbox",
    "googledrive-": "Google Drive",
    "nextcloud-": "Nextcloud",
}
# macOS keeps every File Provider sync folder (OneDrive, Google Drive, Dropbox) here.
CLOUD_STORAGE = "cloudstorage"

NETWORK_FS = ("nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "sshfs", "afs", "9p", "davfs", "ncpfs")
NETWORK_FUSE = ("sshfs", "rclone", "s3fs", "gcsfuse", "davfs", "onedrive", "dropbox", "google", "gvfs")


@dataclass(frozen=True)
class Risk:
    kind: str  # "synced" or "network"
    where: str  # "Dropbox", "a network mount (nfs4)"

    def message(self, filename: str) -> str:
        what = (
            f"in a folder synced by {self.where}" if self.kind == "synced" else f"on {self.where}"
        )
        return (
            f"{filename} is {what}. Syncing or sharing a database file can damage it or lose changes "
            "when two computers use it. Keep it in a local folder (File › Open local file… after moving "
            "it), and to work together from several desks use a shared server instead (File › Connect "
            "to a shared server…; docs/shared-server.md)."
        )


def _sync_name(folder: str) -> str | None:
    low = folder.lower()
    if low in SYNC_FOLDERS and SYNC_FOLDERS[low]:
        return SYNC_FOLDERS[low]
    for prefix, name in SYNC_PREFIXES.items():
        if low.startswith(prefix):
            return name
    return None


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a mount point as \\040 (and tab, newline, backslash alike)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mount_of(path: PurePath, mounts_text: str) -> tuple[str, str] | None:
    """(mount point, file-system type) of the deepest mount holding ``path``, from /proc/mounts text."""
    best: tuple[str, str] | None = None
    text = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, fstype = _unescape(parts[1]), parts[2]
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, fstype)
    return best


def is_network_fs(fstype: str) -> bool:
    low = fstype.lower()
    if low in NETWORK_FS:
        return True
    if low.startswith("fuse."):
        return any(word in low for word in NETWORK_FUSE)
    return False


def risk(path: PurePath, mounts_text: str | None = None) -> Risk | None:
    """Why ``path`` (absolute, resolved) is a risky place for a database, or None when it looks local."""
    folders = path.parts[:-1]
    for folder in folders:
        name = _sync_name(folder)
        if name:
            return Risk("synced", name)
    lowered = [f.lower() for f in folders]
    if CLOUD_STORAGE in lowered:  # ~/Library/CloudStorage/<Provider-account>
        index = lowered.index(CLOUD_STORAGE)
        provider = folders[index + 1] if index + 1 < len(folders) else ""
        return Risk("synced", _sync_name(provider) or provider.split("-")[0] or "a cloud provider")
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return Risk("network", "a network share")
    if mounts_text:
        found = mount_of(path, mounts_text)
        if found is not None and is_network_fs(found[1]):
            return Risk("network", f"a network mount ({found[1]})")
    return None
