"""Background jobs (e.g. a ZIP of every rapor of a period), kept in the database so that every
web worker sees their state and progress.

- Job: `kind` names the handler, `params` (JSON) its input, `owner_id` who started it and alone
  may download the result. Status antre (queued), berjalan (running), selesai (done), gagal
  (failed). `done`/`total` count documents; `failures` (JSON list) names the documents that
  failed without stopping the rest; `result_path` is relative to the instance folder;
  `heartbeat` is touched by the worker (pid `worker_pid`) so a dead worker can be detected.
"""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

STATUS_JOB = ("antre", "berjalan", "selesai", "gagal")


class Job(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[str] = mapped_column(Text, default="{}")
    owner_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="antre")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    failures: Mapped[str] = mapped_column(Text, default="[]")
    error: Mapped[str | None] = mapped_column(Text)
    result_path: Mapped[str | None] = mapped_column(String(300))
    worker_pid: Mapped[int | None]
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat: Mapped[datetime] = mapped_column(default=utcnow)

    owner = relationship("Pegawai")
    __table_args__ = (Index("ix_job_status_heartbeat", "status", "heartbeat"),)

    @property
    def param(self) -> dict:
        return json.loads(self.params or "{}")

    @property
    def failure_list(self) -> list[str]:
        return json.loads(self.failures or "[]")

    @property
    def finished(self) -> bool:
        return self.status in ("selesai", "gagal")
