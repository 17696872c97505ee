from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from ..inputs import normalise_structured


class Pagination(PageNumberPagination):
    """Pages of 50 (page_size up to 500). A page or page size that is not a positive integer
    answers 400 naming it, rather than the first page as if it had not been given."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def _positive(self, request, name):
        raw = request.query_params.get(name)
        if raw is None or raw.strip() == "":
            return None
        try:
            value = int(normalise_structured(raw))
        except (ValueError, DjangoValidationError):
            value = 0
        if value < 1:
            raise ValidationError({name: [_("Enter a whole number of 1 or more.")]})
        return value

    def get_page_size(self, request):
        size = self._positive(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self._positive(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)
