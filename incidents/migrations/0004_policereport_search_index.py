# The police report list's text search (?q=) served by a GIN gram index (xihu.search),
# PostgreSQL only: ≈1 s of substring scan at 1M reports becomes an index lookup.

from django.db import migrations

from xihu.search import GramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0003_count_constraints"),
        ("xihu", "0004_gram_search_functions"),
    ]

    operations = [
        GramIndex("incidents_policereport", ("location", "summary"), "policereport_search_idx"),
    ]
