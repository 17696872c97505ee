from .pages import home, language
from .records import RecordPages

__all__ = ["RecordPages", "home", "language"]
