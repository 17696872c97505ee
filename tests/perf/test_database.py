"""Connection settings decided by measurement (issue 20)."""

import pytest
from django.db import connection


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT")
def test_jit_is_off_on_the_applications_connections():
    # xihu/settings.py carries the measurement: compilation costs more than our statements.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's work_mem")
def test_work_mem_keeps_a_common_words_search_bitmap_exact():
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone()[0] == "32MB"
