"""The database proxy every model binds to, and the model they all derive from.

Apart from ``db`` (how a file is opened) so that the models need nothing of the open path: ``db``
imports the models to migrate them, never the other way round.
"""

from __future__ import annotations

from peewee import AutoField, DatabaseProxy, Model

from mentordesk.store import versions

database = DatabaseProxy()


class BaseModel(Model):
    """Every model binds to the proxy; saving or deleting an ``audited`` model leaves an audit event.

    A model with a ``version`` field is saved only if nobody saved it since it was read
    (store/versions.py): otherwise ``RecordChanged``, and nothing is written."""

    id = AutoField()  # peewee's default primary key, declared so that type checkers know it

    class Meta:
        database = database
        legacy_table_names = False

    def __init__(self, *args, **kwargs) -> None:
        loaded = "__no_default__" in kwargs  # built from a query row, not by the application
        super().__init__(*args, **kwargs)
        if loaded:
            versions.note_loaded(self)

    def _pk_expr(self):
        return versions.guard(self, super()._pk_expr())  # type: ignore[misc]

    def save(self, force_insert: bool = False, only=None) -> int:  # type: ignore[override]
        # Imported here, the one import in store/ that cannot be at the top: the audit trail writes
        # AuditEvent rows, a model, and every model derives from this class.
        from mentordesk.store import audit

        parent = super().save

        def checked(force_insert: bool = False, only=None) -> int:
            return versions.checked_save(self, parent, force_insert, only)

        return audit.audited_save(self, checked, force_insert, only)

    def delete_instance(self, recursive: bool = False, delete_nullable: bool = False) -> int:
        from mentordesk.store import audit

        parent = super().delete_instance
        return audit.audited_delete(
            self, lambda: parent(recursive=recursive, delete_nullable=delete_nullable)
        )
