"""PIPL masking of parties' personal data, written once for lists, exports, API and admin.

Whole values are shown only on the detail page (and the API's retrieve) of a record the user
may see, and every such reveal is written to the audit log (`log_reveal`).
"""

import re


def mask_name(name: str) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" if name else ""
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678: the carrier prefix and the last four digits stay.

    Masked on the digits alone, whatever separators were typed (`138-1234-5678`,
    `+86 138 1234 5678` -> 138****5678), so that the mask always hides the same four
    digits (SPEC §2's example) and a separator never shifts it.
    """
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 13 and digits.startswith("86"):  # +86 before a mobile
        digits = digits[2:]
    if not digits:
        return ""
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_id_number(number: str) -> str:
    """330106199001011234 -> 330106********1234: the region and the last four stay."""
    number = (number or "").strip()
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def masked_party(party) -> dict:
    return {
        "name": mask_name(party.name),
        "role": party.role,
        "phone": mask_phone(party.phone),
        "id_number": mask_id_number(party.id_number),
    }


def masked_names(parties) -> str:
    """张*、李* — for a list cell."""
    return "、".join(mask_name(p.name) for p in parties)


def masked_parties_text(parties) -> str:
    """One export cell: name/role/phone/id_number of each party, masked, '; ' between."""
    return "; ".join(
        "/".join(v for v in masked_party(p).values() if v is not None) for p in parties
    )


def log_reveal(request, dispute, *, via: str) -> None:
    """Write the reveal of a dispute's parties to the audit log (who, when, where, which)."""
    from xihu import audit

    parties = list(dispute.parties.all())
    if not parties:
        return  # nothing personal was shown
    audit.record(
        "unmask",
        request=request,
        obj=dispute,
        detail=f"parties={len(parties)} via={via}",
    )
