# The SQL functions of the lists' gram-indexed text search (xihu.search), PostgreSQL only.

from django.db import migrations

from xihu.search import gram_functions


class Migration(migrations.Migration):
    dependencies = [
        ("xihu", "0002_audit_and_form_tokens"),
    ]

    operations = [gram_functions()]
