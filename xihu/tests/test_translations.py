"""Chinese first: every catalogue is complete, and the committed .mo matches its .po."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(
    path
    for path in Path(settings.BASE_DIR).glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)


def test_there_are_catalogues():
    assert CATALOGUES, "no zh_Hans catalogue found"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.parent.parent.parent.parent))
def test_catalogue_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()][:10]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()][:10]
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run msgfmt"
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(mo_path))
    }
    for entry in po.translated_entries():
        expected = entry.msgstr or entry.msgstr_plural
        got = compiled.get((entry.msgctxt, entry.msgid))
        assert got == expected, f"{mo_path} is stale for {entry.msgid!r}: run msgfmt"
