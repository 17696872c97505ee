"""Named figure conditions seen from a related model.

Each domain app writes its figure conditions once, as `Q` objects relative to its own model
(`Hazard`: `Q(disposition="on_spot")`). An aggregate over another model that reaches it
through a relation (an inspection joined to its hazards) reads the same condition with
`relative(ON_SPOT, "hazards__")`, instead of restating it.
"""

from django.db.models import F, Q


def relative(condition: Q, prefix: str) -> Q:
    """The condition with every lookup (and every F() it compares with) under `prefix`.

    relative(Q(disposition="on_spot") | ~Q(x=F("y")), "hazards__")
        == Q(hazards__disposition="on_spot") | ~Q(hazards__x=F("hazards__y"))
    """
    out = Q()
    out.connector, out.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            out.children.append(relative(child, prefix))
        else:
            lookup, value = child
            if isinstance(value, F):
                value = F(f"{prefix}{value.name}")
            out.children.append((f"{prefix}{lookup}", value))
    return out
