"""Data protection in the GUI: encryption, unlocking, backups, audit log, data requests, app lock."""
