"""The import template of a record type: an XLSX to fill in, in Chinese.

Sheet 1 has the columns headed by their Chinese labels (each header's comment gives the
column's name, which the import accepts too), a drop-down list on every choice and yes/no
column and date formats on date columns; sheet 2 describes each column: name, labels,
whether it is required, and the valid values with their codes.
"""

import io

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .. import inputs
from ..models import Station

ROWS = 2000  # rows prepared with drop-downs and formats


def template_workbook(importer) -> bytes:
    with translation.override("zh-hans"):
        return _build(importer)


def _build(importer):
    model = importer.model()
    book = Workbook()
    sheet = book.active
    sheet.title = str(model._meta.verbose_name_plural)[:31]
    lists = book.create_sheet(_("Choices")[:31])
    about = book.create_sheet(_("Columns")[:31])
    about.append([_("Column"), _("Name"), _("English"), _("Required"), _("What to enter")])
    for cell in about[1]:
        cell.font = Font(bold=True)
    required = set(importer.required())
    for index, name in enumerate(importer.columns(), start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=importer.label(name))
        header.font = Font(bold=True)
        header.comment = Comment(name, "xihu")
        sheet.column_dimensions[letter].width = 18
        spellings = _spellings(model, name)
        if spellings:
            lists.cell(row=1, column=index, value=name)
            for row, (_code, label) in enumerate(spellings, start=2):
                lists.cell(row=row, column=index, value=label)
            source = f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${len(spellings) + 1}"
            check = DataValidation(type="list", formula1=source, allow_blank=True)
            check.error = _("Choose a value from the list.")
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}{ROWS}")
        number_format = _number_format(model, name)
        if number_format:
            for row in range(2, ROWS + 1):
                sheet.cell(row=row, column=index).number_format = number_format
        with translation.override("en"):
            english = importer.label(name, "en")
        about.append(
            [
                importer.label(name),
                name,
                english,
                _("yes") if name in required else _("no"),
                _describe(model, name),
            ]
        )
    lists.sheet_state = "hidden"
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 22
    about.column_dimensions["E"].width = 90
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _spellings(model, name):
    """(code, Chinese label) of a choice or yes/no column, or []."""
    if name == "station":
        return [(s.code, s.code) for s in Station.objects.order_by("code")]
    field = model._meta.get_field(name)
    if field.choices:
        return [(code, str(label)) for code, label in field.flatchoices if code != ""]
    if isinstance(field, models.BooleanField):
        return [("true", "是"), ("false", "否")]
    return []


def _number_format(model, name):
    if name == "station":
        return None
    field = model._meta.get_field(name)
    if isinstance(field, models.DateTimeField):
        return "yyyy-mm-dd hh:mm"
    if isinstance(field, models.DateField):
        return "yyyy-mm-dd"
    if isinstance(field, models.DecimalField):
        return "0.00"
    return None


def _describe(model, name):
    if name == "station":
        return _("Station code; staff may leave it empty (their own station).")
    field = model._meta.get_field(name)
    if field.choices:
        return _("One of: %(choices)s") % {"choices": inputs.describe_choices(field.choices)}
    if isinstance(field, models.BooleanField):
        return _("Yes or no: 是/否, true/false, 1/0.")
    if isinstance(field, models.DateTimeField):
        return _("Date and time, Beijing time: 2024-02-10 08:30, or a date-time cell.")
    if isinstance(field, models.DateField):
        return _("Date: 2024-02-10, or a date cell.")
    if isinstance(field, models.DecimalField):
        return _("Amount in yuan, 2 decimal places.")
    if isinstance(field, models.IntegerField):
        return _("Whole number, 0 or more.")
    help_text = str(field.help_text or "")
    return help_text or _("Text.")
