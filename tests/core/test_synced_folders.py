"""Which database paths sit in a synced folder or on a network mount (pure detection)."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

import pytest

from mentordesk.core.synced_folders import mount_of, risk

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
fileserver:/export/staff /mnt/staff nfs4 rw,relatime 0 0
//nas/office /media/office\\040share cifs rw 0 0
ana@host:/srv /home/ana/remote fuse.sshfs rw 0 0
/dev/sdb1 /home ext4 rw 0 0
portal /run/user/1000/doc fuse.portal rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "where"),
    [
        ("/home/ana/Dropbox/mentoring/mentordesk.db", "Dropbox"),
        ("/home/ana/Dropbox (Personal)/m.db", "Dropbox"),
        ("/home/ana/OneDrive - Riverside Trust/Documents/m.db", "OneDrive"),
        ("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/m.db", "iCloud Drive"),
        ("/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.org/My Drive/m.db", "Google Drive"),
        ("/Users/ana/Library/CloudStorage/OneDrive-Personal/m.db", "OneDrive"),
        ("/home/ana/Nextcloud/m.db", "Nextcloud"),
        ("/home/ana/ownCloud/work/m.db", "ownCloud"),
    ],
)
def test_synced_folders_are_named(path, where):
    found = risk(PurePosixPath(path), MOUNTS)
    assert found is not None and found.kind == "synced" and found.where == where
    assert f"synced by {where}" in found.message("m.db") and "shared server" in found.message("m.db")


def test_windows_paths():
    assert risk(PureWindowsPath(r"C:\Users\Ana\OneDrive\Documents\m.db")).where == "OneDrive"
    assert risk(PureWindowsPath(r"G:\My Drive\m.db")).where == "Google Drive"
    assert risk(PureWindowsPath(r"\\nas\office\m.db")).kind == "network"
    assert risk(PureWindowsPath(r"C:\Users\Ana\Documents\m.db")) is None


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/mnt/staff/mentoring/m.db", "nfs4"),
        ("/media/office share/m.db", "cifs"),
        ("/home/ana/remote/m.db", "fuse.sshfs"),
    ],
)
def test_network_mounts_from_proc_mounts(path, fstype):
    found = risk(PurePosixPath(path), MOUNTS)
    assert found is not None and found.kind == "network" and found.where == f"a network mount ({fstype})"


@pytest.mark.parametrize(
    "path",
    [
        "/home/ana/.local/share/MentorDesk/mentordesk.db",
        "/home/ana/Documents/sync notes/m.db",  # "sync" alone names no client
        "/home/ana/Dropboxes-old/m.db",  # not the client's folder
        "/run/user/1000/doc/m.db",  # a local FUSE file system that is not a network one
        "/mnt/stafffiles/m.db",  # a prefix of /mnt/staff, not inside it
    ],
)
def test_local_paths_are_fine(path):
    assert risk(PurePosixPath(path), MOUNTS) is None


def test_the_deepest_mount_wins():
    assert mount_of(PurePosixPath("/home/ana/remote/x"), MOUNTS) == ("/home/ana/remote", "fuse.sshfs")
    assert mount_of(PurePosixPath("/home/ana/x"), MOUNTS) == ("/home", "ext4")
