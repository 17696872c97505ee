"""Walk the project's URLconf and turn every pattern into a concrete URL for a test.

Generic on purpose: the domain apps keep adding pages and API routes, and the security
tests must cover them without being edited. A pattern's model is read from its view
(RecordPages bundle, DRF viewset, ModelAdmin); its path parameters are filled with the
primary key (or lookup field) of an object built for that model, so detail URLs hit a real
record of station A.
"""

import datetime
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import IntegrityError, models, transaction
from django.urls import Resolver404, get_resolver, resolve
from django.utils import timezone

PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)|\((?!\?)[^()]*\)")


@dataclass
class Pattern:
    name: str  # namespaced name, or "<unnamed> route" for patterns without one
    route: str  # the joined route/regex text
    callback: object
    params: list = field(default_factory=list)  # parameter names in order ("" = positional)

    @property
    def model(self):
        return view_model(self)

    @property
    def is_api(self):
        return self.route.startswith("api/")

    @property
    def is_admin(self):
        return self.route.startswith("admin/")

    @property
    def label(self):
        """A readable test id: the URL's name and its path with the parameters named,
        e.g. "incidents:case_detail /incidents/cases/<pk>/"."""
        path = PARAM.sub(lambda m: f"<{m[1] or m[2] or 'arg'}>", self.route)
        path = "/" + path.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
        name = "unnamed" if self.name.startswith("<unnamed>") else self.name
        return f"{name} {path}"


def walk(resolver=None, prefix="", namespace=None):
    """Every leaf pattern of the URLconf, with its full route and namespaced name."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if hasattr(entry, "url_patterns"):
            ns = entry.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry, route, full)
            continue
        if entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
        else:
            name = f"<unnamed> {route}"
        params = [m[1] or m[2] or "" for m in PARAM.finditer(route)]
        yield Pattern(name=name, route=route, callback=entry.callback, params=params)


def pages_of(callback):
    """The RecordPages bundle a generic record view serves, if it is one."""
    return (getattr(callback, "view_initkwargs", None) or {}).get("pages")


def viewset_of(callback):
    cls = getattr(callback, "cls", None)
    return cls if cls is not None and hasattr(cls, "get_queryset") else None


def view_model(pattern):
    callback = pattern.callback
    pages = pages_of(callback)
    if pages is not None:
        return pages.model
    model_admin = getattr(callback, "model_admin", None)
    if model_admin is not None:
        return model_admin.model
    viewset = viewset_of(callback)
    if viewset is not None:
        if getattr(viewset, "pages", None) is not None:
            return viewset.pages.model
        if getattr(viewset, "queryset", None) is not None:
            return viewset.queryset.model
        serializer = getattr(viewset, "serializer_class", None)
        if serializer is not None and hasattr(serializer, "Meta"):
            return getattr(serializer.Meta, "model", None)
    if pattern.name.startswith("admin:"):
        # simple-history's and the password views carry no model_admin: read the name.
        if pattern.name.startswith("admin:auth_user_"):
            return apps.get_model(settings.AUTH_USER_MODEL)
        for model in admin.site._registry:
            if pattern.name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
                return model
    view_class = getattr(callback, "view_class", None)
    model = getattr(view_class, "model", None)
    if isinstance(model, type) and issubclass(model, models.Model):
        return model
    # A function view of an app that takes e.g. <slug>: the app's model with that unique field.
    app_label = pattern.name.split(":")[0] if ":" in pattern.name else None
    if app_label and pattern.params and app_label in {c.label for c in apps.get_app_configs()}:
        for candidate in apps.get_app_config(app_label).get_models():
            for name in pattern.params:
                if any(f.name == name and f.unique for f in candidate._meta.concrete_fields):
                    return candidate
    return None


def lookup_field(pattern):
    viewset = viewset_of(pattern.callback)
    if viewset is not None:
        return getattr(viewset, "lookup_field", "pk")
    view_class = getattr(pattern.callback, "view_class", None)
    return getattr(view_class, "slug_field", "slug") if view_class is not None else "pk"


def is_station_scoped(model):
    return model is not None and any(f.name == "station" for f in model._meta.concrete_fields)


class Builder:
    """Makes one saved object of any model: a factory where an app offers one, else a
    minimal object from its fields' types. Objects of station-scoped models go to `station`.
    """

    def __init__(self, station, user):
        self.station = station
        self.user = user
        self.counter = itertools.count(1)
        self.cache = {}
        self.notes = []

    def get(self, model):
        if model is None:
            return None
        if model._meta.proxy:
            # A proxy may number its objects differently (DRF's TokenProxy uses the user id).
            concrete = self.get(model._meta.concrete_model)
            return None if concrete is None else model._base_manager.get(pk=concrete.pk)
        if model not in self.cache:
            self.cache[model] = self.build(model)
        return self.cache[model]

    def build(self, model):
        from knox.models import AuthToken

        from xihu.models import Station, User

        if model is Station:
            return self.station
        if issubclass(model, User):
            return self.user
        if model is AuthToken:  # its manager answers (token, secret) and fills the hash
            return AuthToken.objects.create(user=self.user)[0]
        factory = find_factory(model)
        try:
            with transaction.atomic():
                if factory is not None:
                    kwargs = {"station": self.station} if is_station_scoped(model) else {}
                    return factory(**kwargs)
                return self.from_fields(model)
        except Exception as exc:  # noqa: BLE001  (a note, then the pattern is skipped)
            self.notes.append(f"cannot build {model._meta.label}: {exc!r}"[:300])
            return None

    def from_fields(self, model):
        values = {}
        for f in model._meta.concrete_fields:
            if f.primary_key or f.has_default() or getattr(f, "auto_now", False):
                continue
            if getattr(f, "auto_now_add", False):
                continue
            if f.null and not f.choices:
                continue
            if isinstance(f, models.ForeignKey):
                related = self.get(f.related_model)
                if related is None:
                    raise IntegrityError(f"no {f.related_model._meta.label} for {f.name}")
                values[f.name] = related
                continue
            if f.blank and isinstance(f, models.CharField | models.TextField) and not f.choices:
                continue
            values[f.name] = self.value_for(f)
        obj = model(**values)
        if hasattr(obj, "version"):
            obj.save(by=self.user) if "by" in obj.save.__code__.co_varnames else obj.save()
        else:
            obj.save()
        return obj

    def value_for(self, f):
        n = next(self.counter)
        if f.choices:
            return f.choices[0][0]
        if isinstance(f, models.BooleanField):
            return False
        if isinstance(f, models.DecimalField):
            return Decimal("1.00")
        if isinstance(f, models.IntegerField):
            return 1
        if isinstance(f, models.FloatField):
            return 1.0
        if isinstance(f, models.DateTimeField):
            return timezone.now()
        if isinstance(f, models.DateField):
            return timezone.localdate()
        if isinstance(f, models.TimeField):
            return datetime.time(10, 0)
        if isinstance(f, models.GenericIPAddressField):
            return "127.0.0.1"
        if isinstance(f, models.EmailField):
            return f"x{n}@example.com"
        if isinstance(f, models.SlugField):
            return f"sec-{n}"
        if isinstance(f, models.URLField):
            return "https://example.com/"
        if isinstance(f, models.UUIDField):
            import uuid

            return uuid.uuid4()
        if isinstance(f, models.JSONField):
            return {}
        max_length = f.max_length or 20
        return f"安全{n}"[:max_length]


def find_factory(model):
    """A factory-boy factory for the model in `<app>/tests/factories.py` or
    `tests/<app>/factories.py`, if the app wrote one."""
    import importlib

    from factory.django import DjangoModelFactory

    label = model._meta.app_label
    for module_name in (f"{label}.tests.factories", f"tests.{label}.factories"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DjangoModelFactory)
                and getattr(value._meta, "model", None) is model
            ):
                return value
    return None


def concrete_url(pattern, obj, extra=None):
    """The pattern's route with every parameter filled; None when one cannot be."""
    from django.contrib.contenttypes.models import ContentType

    values = dict(extra or {})
    positional = []
    if obj is not None:
        for name in pattern.params:
            if name and name not in ("pk", "id", "object_id") and hasattr(obj, name):
                values[name] = getattr(obj, name)
        key = getattr(obj, lookup_field(pattern), obj.pk)
        for name in ("pk", "object_id", "id", "slug", "code"):
            values.setdefault(name, key)
        positional.append(obj.pk)
        history = getattr(obj, "history", None)
        if history is not None and hasattr(history, "order_by"):
            latest = history.order_by("-history_id").first()
            if latest is not None:
                positional.append(latest.history_id)
        values.setdefault("content_type_id", ContentType.objects.get_for_model(obj).pk)
    values.setdefault("format", "json")
    values.setdefault("fmt", "csv")
    values.setdefault("app_label", "xihu")
    values.setdefault("url", "no-such-page/")
    values.setdefault("token", "0" * 32)
    values.setdefault("number", 1)  # a publication's number
    values.setdefault("lang", "zh")
    values.setdefault("kind", "pdf")
    pos = iter(positional)
    missing = []

    def fill(match):
        name = match[1] or match[2]
        if "drf_format_suffix" in match[0]:
            return ".json"
        if name:
            if name not in values:
                missing.append(name)
                return "x"
            return str(values[name])
        try:
            return str(next(pos))
        except StopIteration:
            missing.append("(positional)")
            return "x"

    path = PARAM.sub(fill, pattern.route)
    if missing:
        return None
    path = "/" + path.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
    # Sanity: the URL must resolve to the pattern we meant (not a catch-all before it).
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.func is not pattern.callback and match.func != pattern.callback:
        return None
    return path


def needs_object(pattern):
    return (
        any(p in ("pk", "object_id", "id", "slug", "code", "") for p in pattern.params)
        or "content_type_id" in pattern.params
    )
