"""Which RecordImport serves which record type ("app_label.ModelName"), for the batch pages."""

_importers = {}


def register(importer):
    _importers[importer.model()._meta.label] = importer
    return importer


def get(label):
    """The importer of a record type, or None (an unknown or removed type)."""
    if not _importers:  # a worker process: the importers are declared beside the URLs
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018
    return _importers.get(label)


def all_importers():
    return dict(_importers)
