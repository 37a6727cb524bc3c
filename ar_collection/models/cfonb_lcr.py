"""The French CFONB 160-character file of bills of exchange (LCR) and
promissory notes (BOR) remitted to a bank: pure functions, no ORM.

Layout (positions 1-based, inclusive) from the CFONB specification "Remises
informatisées d'ordres de paiement LCR/BOR" (Effets de commerce, September
2002 edition), as described in the readme (CONFIGURE.md):

header (03)  1-2 "03", 3-4 "60", 5-12 record number, 13-18 issuer number
             (optional: the one the bank gave, else zeros), 19-24 blank,
             25-30 remittance date DDMMYY, 31-54 drawer's name, 55-78
             drawer's bank, 79 entry code (1 discount, 3 collection), 80
             Dailly code (blank), 81 currency "E", 82-86 bank code, 87-91
             branch code, 92-102 account number, 103-134 blank, 135-149
             drawer's SIREN, 150-160 remittance reference
detail (06)  1-2 "06", 3-4 "60", 5-12 record number, 13-20 blank,
             21-30 drawee's reference, 31-54 drawee's name, 55-78 drawee's
             bank, 79 acceptance code (1 accepted LCR, 0 otherwise), 80-81
             blank, 82-86 bank code, 87-91 branch code, 92-102 account number,
             103-114 amount in cents, 115-118 blank, 119-124 maturity DDMMYY,
             125-130 creation date DDMMYY, 131-141 blank, 142-150 drawee's
             SIREN, 151-160 drawer's reference
total (08)   1-2 "08", 3-4 "60", 5-12 record number, 13-102 blank,
             103-114 total in cents, 115-160 blank
"""

import unicodedata

from stdnum import iban as stdnum_iban

LINE_LENGTH = 160
# the CFONB character set: upper-case letters, digits, space and these
ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-()/'+:?")


def cfonb_text(value, size):
    """``value`` transliterated to the CFONB set (accents dropped, upper
    case, other characters as spaces), cut or padded with spaces to
    ``size``."""
    ascii_text = (
        unicodedata.normalize("NFKD", value or "")
        .encode("ascii", "ignore")
        .decode()
        .upper()
    )
    text = "".join(c if c in ALLOWED else " " for c in ascii_text)
    return text[:size].ljust(size)


def cfonb_amount(cents, size=12):
    """An amount in cents, right-aligned and zero-padded."""
    return str(cents).zfill(size)


def cfonb_date(date):
    return date.strftime("%d%m%y")


def rib_from_iban(iban):
    """(bank code, branch code, account number, key) of a valid French IBAN,
    else None."""
    compact = stdnum_iban.compact(iban or "")
    if not compact.startswith("FR") or len(compact) != 27:
        return None
    if not stdnum_iban.is_valid(compact):
        return None
    return compact[4:9], compact[9:14], compact[14:25], compact[25:27]


def header_record(remittance):
    """``remittance``: dict with date, name, bank, rib, entry_code,
    reference, siren, issuer (empty: zeros)."""
    bank, branch, account, _key = remittance["rib"]
    return "".join(
        [
            "03",
            "60",
            "00000001",
            (remittance["issuer"] or "").zfill(6),
            " " * 6,
            cfonb_date(remittance["date"]),
            cfonb_text(remittance["name"], 24),
            cfonb_text(remittance["bank"], 24),
            remittance["entry_code"],
            " ",
            "E",
            bank,
            branch,
            account,
            " " * 32,
            cfonb_text(remittance["siren"], 15),
            cfonb_text(remittance["reference"], 11),
        ]
    )


def detail_record(number, bill):
    """``bill``: dict with reference, name, bank, accepted, rib, cents,
    maturity, created, siren."""
    bank, branch, account, _key = bill["rib"]
    return "".join(
        [
            "06",
            "60",
            str(number).zfill(8),
            " " * 8,
            cfonb_text(bill["reference"], 10),
            cfonb_text(bill["name"], 24),
            cfonb_text(bill["bank"], 24),
            "1" if bill["accepted"] else "0",
            " " * 2,
            bank,
            branch,
            account,
            cfonb_amount(bill["cents"]),
            " " * 4,
            cfonb_date(bill["maturity"]),
            cfonb_date(bill["created"]),
            " " * 11,
            cfonb_text(bill["siren"], 9),
            cfonb_text(bill["reference"], 10),
        ]
    )


def total_record(number, cents):
    return "".join(
        [
            "08",
            "60",
            str(number).zfill(8),
            " " * 90,
            cfonb_amount(cents),
            " " * 46,
        ]
    )


def lcr_file(remittance, bills):
    """The whole file as bytes: header, one detail per bill, total; lines of
    160 characters ended by CRLF."""
    lines = [header_record(remittance)]
    lines += [detail_record(i, bill) for i, bill in enumerate(bills, start=2)]
    lines.append(total_record(len(bills) + 2, sum(b["cents"] for b in bills)))
    assert all(len(line) == LINE_LENGTH for line in lines)
    return "".join(line + "\r\n" for line in lines).encode("ascii")
