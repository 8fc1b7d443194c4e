"""The corpus store: one SQLite file that owns every table presswatch keeps.

Design, after datasette/sqlite-utils: plain tables with foreign keys and views
with friendly names, so the file is readable as-is by Datasette and
sqlite-utils; the schema lives in `migrations`. `PRAGMA application_id` marks
the file as ours, so presswatch never writes into a database that belongs to
something else.

Ids are content hashes: an article's id is the hash of its input bytes, so
re-ingesting the same file finds the same row and changes nothing.

This module opens the file (read-only or read-write, migrating the latter) and
runs transactions; every storage failure comes out as `StoreError`."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from .migrations import APPLICATION_ID, SCHEMA_VERSION, migrate

DEFAULT_DB = "presswatch.db"
MMAP_BYTES = 2**31
BUSY_TIMEOUT_MS = 60_000  # a second ingest waits for the first one's write, not fails


class StoreError(Exception):
    """The file cannot be used as a presswatch store (not SQLite, not ours, too new...)."""


def default_db_path() -> Path:
    """$PRESSWATCH_DB, or ./presswatch.db."""
    return Path(os.environ.get("PRESSWATCH_DB") or DEFAULT_DB)


def open_db(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and, when writable, create or migrate) a presswatch store.

    Raises StoreError, never a bare sqlite3 error, for files that are not ours.
    Read-only opens never modify the file, not even to migrate it."""
    path = Path(path)
    _check_path(path, readonly)
    try:
        conn = _connect(path, readonly)
        _check_ours(conn, path)
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # 64 MB of page cache (default 2 MB): a big corpus's indexes are written all over
            conn.execute("PRAGMA cache_size = -65536")
            migrate(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        # Reads through memory-mapped pages (SQLite clamps this to its build's limit, 2 GB
        # here): a dossier of a popular entity touches some 10^5 pages, and one read()
        # call per page cost about as much as the query itself. Writes still go through
        # write(), so a full disk is an error SQLite reports, not a signal.
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if readonly and version == 0:
            raise StoreError(f"{path}: an empty database, no corpus in it yet (run `presswatch ingest` first)")
        if readonly and version < SCHEMA_VERSION:
            raise StoreError(f"{path}: written by an older presswatch; run `presswatch ingest` once to upgrade it")
        return conn
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "not a database" not in str(exc):
            # locked for too long, disk full during a migration, I/O error...
            raise StoreError(f"{path}: cannot open the corpus: {exc}") from None
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
    except OSError as exc:
        raise StoreError(f"{path}: {exc.strerror or exc}") from None


def _check_path(path: Path, readonly: bool) -> None:
    """Refuse, before SQLite sees it, a path that cannot be this store."""
    if readonly and not path.exists():
        raise StoreError(f"{path}: no such database (run `presswatch ingest` first)")
    if path.exists() and path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database")
    if not readonly and not path.parent.is_dir():
        raise StoreError(f"{path}: no such directory {path.parent}")
    if path.exists() and not os.access(path, os.R_OK if readonly else os.R_OK | os.W_OK):
        raise StoreError(f"{path}: permission denied")


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    # check_same_thread=False: the web server opens a connection in one worker thread
    # and uses it in another (FastAPI runs a dependency and its endpoint apart); one
    # request at a time holds a connection, so its use is still never concurrent.
    if readonly:
        conn = _connect_readonly(path)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection, also to a corpus in a folder the user cannot write.

    Reading a WAL database needs its `-shm` index beside it, which SQLite creates
    when missing: in a folder we cannot write, that fails ("attempt to write a
    readonly database"). Then, when no WAL holds changes the file lacks, the file
    is opened `immutable`: read as it is, without locks or the WAL. SQLite's docs
    warn that immutable is only safe while nothing writes the file; no WAL means
    no writer has it open now (a writer keeps its WAL until the last one closes),
    and a reading command is short. When a WAL does hold changes, reading them
    needs the `-shm` file, and the StoreError says so."""
    conn = _open_uri(path, "mode=ro")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read opens the WAL
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if (exc.sqlite_errorcode & 0xFF) not in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
            raise
    pending = [p for p in (_beside(path, "-wal"), _beside(path, "-journal")) if p.exists() and p.stat().st_size]
    if pending:
        raise StoreError(
            f"{path}: cannot be read without write access to {path.parent.resolve()}: its latest changes are"
            f" in {pending[0].name}, and SQLite reads them only through a {path.name}-shm file it must create"
            " there; ask for write access to the folder, or ask its owner to fold the changes into the file"
            f" (sqlite3 {path.name} 'PRAGMA wal_checkpoint(TRUNCATE)')"
        )
    return _open_uri(path, "mode=ro&immutable=1")


def _open_uri(path: Path, params: str) -> sqlite3.Connection:
    # quoted: a '?', '#' or '%' in the file name must not be read as URI syntax
    return sqlite3.connect(
        f"file:{quote(str(path))}?{params}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    # the three reads in one snapshot: another ingest creating the same new file
    # commits its tables and its application id together, and a reader that saw
    # the id before that commit and the tables after it took the file for a stranger's
    conn.execute("BEGIN")
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        conn.execute("COMMIT")
    if app_id != APPLICATION_ID and (has_tables or version):
        raise StoreError(f"{path}: not a presswatch database (it belongs to another program); choose another --db")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer presswatch (schema {version}, this one knows {SCHEMA_VERSION}); upgrade presswatch"
        )


def write_error(exc: sqlite3.Error) -> StoreError | None:
    """The StoreError a failed write means for the user (disk full, read-only
    file, locked for too long, damaged file), or None for a programming error."""
    if isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
        return None
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    return StoreError(f"cannot write the corpus: {exc}")


class transaction:
    """`with transaction(conn):` — BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error.

    Storage failures (disk full, read-only file, lock timeout) come out as
    StoreError; earlier transactions stay committed."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise (write_error(exc) or exc) from None
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> Literal[False]:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return False
            except sqlite3.Error as commit_exc:
                self._rollback()
                raise (write_error(commit_exc) or commit_exc) from None
        self._rollback()
        if isinstance(exc, sqlite3.Error) and (translated := write_error(exc)) is not None:
            raise translated from None
        return False

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (SQLITE_FULL, SQLITE_IOERR);
        # a failing ROLLBACK must not hide the error that caused it.
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
