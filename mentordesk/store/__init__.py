"""Persistence: the database proxy, the models, migrations, settings and backups."""
