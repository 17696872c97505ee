"""Exports: no cell of any export starts with a character a spreadsheet runs as a formula."""

import csv
import io

import pytest
from django.db import IntegrityError, models, transaction

from xihu.exports import FORMULA_PREFIXES

from .conftest import client_for
from .urlwalk import concrete_url, pages_of, walk

PAYLOADS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.django_db
def test_no_export_cell_starts_a_formula(supervisor, builder):
    client = client_for(supervisor)
    cells = exports = 0
    failures = []
    for pattern in walk():
        pages = pages_of(pattern.callback)
        if pages is None or not pattern.name.endswith("_export"):
            continue
        obj = builder.get(pages.model)
        if obj is None:
            continue
        text_fields = [
            f.name
            for f in pages.model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
            and not f.choices
            and f.name in pages.export_fields
        ]
        for i, name in enumerate(text_fields):
            # Straight to the table: the point is what the export does with whatever is there.
            try:
                with transaction.atomic():
                    pages.model._base_manager.filter(pk=obj.pk).update(
                        **{name: PAYLOADS[i % len(PAYLOADS)]}
                    )
            except IntegrityError:
                pass  # a field a constraint ties to another (a notice number needs a deadline)
        url = concrete_url(pattern, None, {"fmt": "csv"})
        body = client.get(url).content.decode("utf-8-sig")
        exports += 1
        for row in csv.reader(io.StringIO(body, newline="")):
            for cell in row:
                cells += 1
                if cell.startswith(FORMULA_PREFIXES):
                    failures.append(f"{url}: {cell!r}")
    print(f"\nexports: {exports} CSV exports, {cells} cells, none starting a formula")
    assert exports
    assert not failures, failures
