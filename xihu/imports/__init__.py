"""Import of records from CSV/XLSX: upload → preview with per-row errors → confirm.

Columns are named as in SPEC §2 (the export's names), so an exported file imports again.
An import is all or nothing: one bad row and nothing is written. Rows are validated with a
Django form per row, written with bulk_create in batches and their history with
simple-history's `bulk_create_with_history`, in one transaction.

Use: subclass `RecordImport` per record type, name its `pages` bundle and the `fields` it
accepts, and include its `urls()` next to the pages' own; the list then shows an Import
button. Between preview and confirm the parsed rows wait in a server-side file named by a
random token that only the uploader's session knows (views.py).
"""

from .engine import Checked, RecordImport, RowError
from .files import ImportFileError, read_table

__all__ = ["Checked", "ImportFileError", "RecordImport", "RowError", "read_table"]
