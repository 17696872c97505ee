"""An upload handler that refuses an oversized import file at once, in bounded memory."""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

MULTIPART_SLACK = 64 * 1024  # the form's other fields and the multipart boundaries


class LimitedUploadHandler(FileUploadHandler):
    """First in the request's handlers: sets `request.upload_too_large` and stops.

    A declared Content-Length over the limit ends the parsing before one byte of the body
    is read; without one, the bytes are counted as they arrive and the upload stops at the
    limit. Either way the view answers 400 with a message, within a second.
    """

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        request.upload_too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # noqa: N803
        if content_length and content_length > self.limit + MULTIPART_SLACK:
            self.request.upload_too_large = True
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data  # the next handler keeps it

    def file_complete(self, file_size):
        return None
