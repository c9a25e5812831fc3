"""The database proxy every model binds to, and the model they all derive from.

Apart from ``db`` (how a file is opened) so that the models need nothing of the open path: ``db``
imports the models to migrate them, never the other way round.
"""

from __future__ import annotations

from peewee import AutoField, DatabaseProxy, Model

database = DatabaseProxy()


class BaseModel(Model):
    """Every model binds to the proxy; saving or deleting an ``audited`` model leaves an audit event."""

    id = AutoField()  # peewee's default primary key, declared so that type checkers know it

    class Meta:
        database = database
        legacy_table_names = False

    def save(self, force_insert: bool = False, only=None) -> int:  # type: ignore[override]
        # Imported here, the one import in store/ that cannot be at the top: the audit trail writes
        # AuditEvent rows, a model, and every model derives from this class.
        from mentordesk.store import audit

        return audit.audited_save(self, super().save, force_insert, only)

    def delete_instance(self, recursive: bool = False, delete_nullable: bool = False) -> int:
        from mentordesk.store import audit

        parent = super().delete_instance
        return audit.audited_delete(
            self, lambda: parent(recursive=recursive, delete_nullable=delete_nullable)
        )
