"""Reading a credit insurer's decision file: pure functions, no Odoo."""

import csv
import io
import re
from datetime import datetime


class RowError(ValueError):
    """A row that cannot be read; its message says why."""


def read_rows(data, delimiter):
    """[(line number, {column: value})] of a CSV file's bytes, header first
    (UTF-8 with or without BOM, else Latin-1, as French exports often are)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return [
        (
            reader.line_num,
            {(k or "").strip(): (v or "").strip() for k, v in row.items()},
        )
        for row in reader
    ]


def parse_amount(value, decimal):
    """A float of ``"1 234,56"`` (decimal ``,``) or ``"1,234.56"`` (``.``);
    None when empty."""
    if not value:
        return None
    thousands = "." if decimal == "," else ","
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", value).replace(thousands, "")
    cleaned = cleaned.replace(decimal, ".")
    try:
        amount = float(cleaned)
    except ValueError as error:
        raise RowError(value) from error
    if amount < 0:
        raise RowError(value)
    return amount


def parse_date(value, date_format):
    if not value:
        return None
    try:
        return datetime.strptime(value, date_format).date()
    except ValueError as error:
        raise RowError(value) from error


def siren_of(value):
    """The SIREN in a SIREN or SIRET cell, spaces allowed; None otherwise."""
    digits = re.sub(r"\s", "", value or "")
    if re.fullmatch(r"\d{9}|\d{14}", digits):
        return digits[:9]
    return None


def vat_of(value):
    return re.sub(r"[\s.\-]", "", value or "").upper() or None
