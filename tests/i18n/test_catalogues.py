"""Issue 18: every catalogue is complete, with no stale (fuzzy or `#|`) entry."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(
    path.relative_to(settings.BASE_DIR)
    for path in Path(settings.BASE_DIR).glob("**/locale/*/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "staticfiles" not in path.parts
)


def test_every_app_has_a_catalogue():
    assert len(CATALOGUES) >= 7, CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=str)
def test_catalogue_has_no_fuzzy_stale_or_untranslated_entry(path):
    po = polib.pofile(str(settings.BASE_DIR / path))
    bad = [
        f"{entry.linenum}: {entry.msgid!r}"
        + (" (fuzzy)" if entry.fuzzy else "")
        + (f" (was {entry.previous_msgid!r})" if entry.previous_msgid else "")
        + ("" if entry.translated() or entry.fuzzy else " (untranslated)")
        for entry in po
        if not entry.obsolete and (entry.fuzzy or entry.previous_msgid or not entry.translated())
    ]
    assert not bad, f"{path}:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", CATALOGUES, ids=str)
def test_catalogue_has_no_previous_msgid_comment(path):
    # `#|` lines that lost their fuzzy flag still mark a translation of another text.
    text = (settings.BASE_DIR / path).read_text(encoding="utf-8")
    assert "\n#|" not in text
