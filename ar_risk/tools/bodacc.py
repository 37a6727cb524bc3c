"""Read the BODACC open-data export of commercial announcements (JSON or CSV
with ``;``, as published by DILA) into plain dicts. No ORM here."""

import csv
import io
import json
import re

# what a judgment means for the suite, from the words of its nature
EVENTS = (
    ("conversion", r"conversion.*liquidation|prononçant la liquidation"),
    ("closure", r"clôture"),
    ("plan", r"arrêt(ant)? (du )?plan|homologu|plan de (sauvegarde|redressement)"),
    ("sale", r"plan de cession|cession"),
    ("liquidation", r"liquidation judiciaire"),
    ("redressement", r"redressement judiciaire"),
    ("sauvegarde", r"sauvegarde"),
)


def event_of(family, nature):
    """The event an announcement records, or ``None`` if it is not one the
    suite follows."""
    text = (nature or "").lower()
    if family == "vente":
        return "sale"
    if family != "collective":
        return None
    if "ouverture" in text:
        for kind in ("sauvegarde", "redressement", "liquidation"):
            if kind in text:
                return kind
    for event, pattern in EVENTS:
        if re.search(pattern, text):
            return event
    return None


def sirens_of(registre):
    """The 9-digit SIRENs of the ``registre`` field (a list, or a
    comma-separated string such as ``"732 829 320,732829320"``)."""
    items = registre if isinstance(registre, list) else str(registre or "").split(",")
    found = []
    for item in items:
        digits = re.sub(r"\D", "", str(item))
        if len(digits) == 9 and digits not in found:
            found.append(digits)
    return found


def normalize(record):
    """One announcement as the suite reads it; raises ``ValueError`` when the
    record lacks what is needed."""
    ref = str(record.get("id") or "").strip()
    if not ref:
        raise ValueError("no announcement id")
    published = str(record.get("dateparution") or "").strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        raise ValueError("%s: publication date %r" % (ref, published))
    judgment = record.get("jugement") or {}
    if isinstance(judgment, str):
        judgment = json.loads(judgment) if judgment.strip() else {}
    judgment_date = str(judgment.get("date") or "").strip() or False
    if judgment_date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", judgment_date):
        raise ValueError("%s: judgment date %r" % (ref, judgment_date))
    family = str(record.get("familleavis") or "").strip()
    nature = str(judgment.get("nature") or record.get("familleavis_lib") or "")
    return {
        "ref": ref,
        "sirens": sirens_of(record.get("registre")),
        "name": str(record.get("commercant") or "").strip(),
        "court": str(record.get("tribunal") or "").strip(),
        "published": published,
        "judgment_date": judgment_date,
        "nature": nature.strip(),
        "event": event_of(family, nature),
    }


def iter_records(content, filename):
    """Yield ``(position, record, error)`` for each announcement of a JSON
    (a list, or ``{"results": [...]}``) or CSV file given as bytes."""
    text = content.decode("utf-8-sig")
    if filename.lower().endswith(".json"):
        data = json.loads(text)
        records = data.get("results", []) if isinstance(data, dict) else data
        rows = enumerate(records, start=1)
    else:
        rows = enumerate(csv.DictReader(io.StringIO(text), delimiter=";"), start=2)
    for position, raw in rows:
        try:
            if not isinstance(raw, dict):
                raise TypeError("not an object")
            yield position, normalize(raw), None
        except (ValueError, TypeError, AttributeError) as error:
            yield position, None, str(error)
