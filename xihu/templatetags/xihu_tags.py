from django import template

register = template.Library()


@register.filter
def verbose_name_plural(formset_or_model):
    """The plural name of a formset's model (templates cannot read `_meta`)."""
    model = getattr(formset_or_model, "model", formset_or_model)
    return model._meta.verbose_name_plural


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    """The `<tr>` rows of a FastRowsMixin table's current page (xihu/tables.py)."""
    return table.rows_html(context)
