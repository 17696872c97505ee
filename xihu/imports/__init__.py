"""Import of records from CSV, XLSX and XLS (SPEC §2 Imports): upload, preview, confirm, undo.

Columns are named as in SPEC §2 (the export's names) or by the fields' Chinese or English
labels, so an exported file imports again, as updates of its records. Each upload is a
batch (models.py): its preview says what every row will do, the confirmation carries it out
all or nothing, and undo reverses it. Files are read by files.py, rows checked once by
engine.py (each cell through xihu.inputs, then the record's form), and written by writer.py
with history rows set-wise.

Use: subclass `RecordImport` per record type, name its `pages` bundle and the `fields` it
accepts, and include its `urls()` next to the pages' own; the list then shows an Import
button, and the batch pages (urls.py) serve every record type.
"""

from .engine import Plan, RecordImport, RowError, Upload
from .files import ImportFileError, read_table

__all__ = ["ImportFileError", "Plan", "RecordImport", "RowError", "Upload", "read_table"]
