# The SQL functions of the lists' gram-indexed text search (xihu.search), PostgreSQL only.

from django.db import migrations

from xihu.search import gram_functions


class Migration(migrations.Migration):
    dependencies = [
        ("xihu", "0003_api_tokens"),
    ]

    operations = [gram_functions()]
