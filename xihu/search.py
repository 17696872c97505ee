"""The lists' text search (`?q=`): a case-insensitive substring match, indexed on PostgreSQL.

The meaning is Django's `icontains` on each search field, OR-ed. On PostgreSQL a model whose
`search_fields` carry a gram index (`GramIndex` in its migrations) adds a condition that
the index answers: the row's set of characters and character pairs (of the upper-cased
fields, as `icontains` upper-cases them) must contain the query's pairs (or its one
character). Every row where the query is a substring of a field passes it, so with the
`icontains` condition kept the results are those of `icontains` alone. For a query of one
or two characters the two conditions are the same statement (the pair *is* the query), so
only the indexed one is sent: the planner then estimates the matches from the index's
statistics instead of multiplying two correlated guesses, which made it sort every match
of a common word (75,000 rows for 断桥 at 1M) rather than walk the date index to 50.

pg_trgm cannot serve this: it needs three characters of the query, and Chinese words are
mostly two (断桥, 西溪). SQLite keeps the plain `icontains` scan.
"""

from django.db import connection, migrations
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

# xihu_grams(a, b, …): every character and every pair of neighbouring characters of each
# argument (NULLs skipped), duplicates left to GIN. plpgsql: ~10-30 µs a row, 4× faster than
# the same in SQL with generate_series. IMMUTABLE, as an index expression must be.
FUNCTIONS_SQL = r"""
CREATE OR REPLACE FUNCTION xihu_grams(VARIADIC parts text[]) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  part text;
  chars text[];
  grams text[] := '{}';
BEGIN
  FOREACH part IN ARRAY parts LOOP
    CONTINUE WHEN part IS NULL;
    chars := string_to_array(part, NULL);
    grams := grams || chars;
    FOR i IN 1 .. coalesce(cardinality(chars), 0) - 1 LOOP
      grams := grams || (chars[i] || chars[i + 1]);
    END LOOP;
  END LOOP;
  RETURN grams;
END
$$;
CREATE OR REPLACE FUNCTION xihu_gram_keys(query text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN char_length(query) <= 1 THEN ARRAY[query]
         ELSE ARRAY(SELECT substr(query, i, 2) FROM generate_series(1, char_length(query) - 1) i)
         END
$$;
"""
DROP_FUNCTIONS_SQL = """
DROP FUNCTION IF EXISTS xihu_gram_keys(text);
DROP FUNCTION IF EXISTS xihu_grams(VARIADIC text[]);
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def gram_functions():
    """The migration operation creating xihu_grams and xihu_gram_keys (PostgreSQL only)."""
    return migrations.RunPython(
        _on_postgresql(FUNCTIONS_SQL), _on_postgresql(DROP_FUNCTIONS_SQL), elidable=False
    )


def _grams_expression(table, fields, qualify):
    quote = connection.ops.quote_name
    prefix = f"{quote(table)}." if qualify else ""
    return "xihu_grams({})".format(", ".join(f"upper({prefix}{quote(f)})" for f in fields))


def GramIndex(table, fields, name):  # noqa: N802 (reads as the migration operation it makes)
    """The migration operation adding a GIN gram index on `fields` of `table` (PostgreSQL only).

    `fields` are column names, in the order of the model's `search_fields`: the query repeats
    the same expression, or the planner cannot use the index.
    """
    expression = _grams_expression(table, fields, qualify=False)
    create = f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ({expression})'
    drop = f'DROP INDEX IF EXISTS "{name}"'
    return migrations.RunPython(_on_postgresql(create), _on_postgresql(drop), elidable=False)


def text_search(queryset, fields, value):
    """`queryset` narrowed to rows where `value` is a case-insensitive substring of a field.

    `fields` may follow relations (`venue__name`); only a model's own `search_fields` are
    indexed, and only those take the index on PostgreSQL.
    """
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": value})
    model = queryset.model
    if connection.vendor != "postgresql" or tuple(fields) != getattr(model, "search_fields", ()):
        return queryset.filter(condition)
    columns = [model._meta.get_field(f).column for f in fields]
    grams = _grams_expression(model._meta.db_table, columns, qualify=True)
    indexed = RawSQL(f"{grams} @> xihu_gram_keys(upper(%s))", [value], output_field=BooleanField())
    if len(value) <= 2:
        return queryset.filter(indexed)  # the same condition as `condition`, see above
    return queryset.filter(condition).filter(indexed)
