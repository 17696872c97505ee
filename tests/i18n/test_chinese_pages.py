"""Issue 18: every page, signed in as each role, shows Chinese (no stray English words).

The URL walk of the security suite visits every HTML page with an object of every model;
the visible text (text nodes and the title, placeholder, aria-label and alt attributes)
must not contain English words outside an allow-list of codes, names and units.
"""

import re
from html.parser import HTMLParser

import pytest

from tests.security.conftest import client_for
from tests.security.urlwalk import concrete_url, needs_object, walk

# Words that stay as they are in a Chinese page: units, file formats, codes and names.
ALLOWED = {
    # formats, protocols and product names
    "csv",
    "xlsx",
    "xls",
    "sha",
    "docx",
    "pdf",
    "excel",
    "utf",
    "api",
    "json",
    "http",
    "https",
    "ip",
    "url",
    "id",
    "sha256",
    "token",
    "swagger",
    "redoc",
    "openapi",
    "django",
    "get",
    "post",
    # units and abbreviations
    "km",
    "kg",
    "am",
    "pm",
    # the demo's and the tests' station codes and user names
    "beishan",
    "xixi",
    "staff",
    "supervisor",
    "admin",
    "sec",
    # record types in the audit log name the app ("xihu.Station")
    "xihu",
    # the language switch names English in English
    "english",
    # the stations' English names, shown beside the Chinese ones in the admin
    "police",
    "station",
    # key names in Django's Chinese help text ("按住 Control 键，或 Mac 上的 Command 键")
    "control",
    "command",
    "mac",
    "ldap",
    "accept",
    # Django admin's yes/no/unknown icons carry a fixed alt text (admin_list._boolean_icon)
    "true",
    "false",
    "none",
    # django-axes' records name themselves in English (no gettext in their __str__)
    "attempted",
    "access",
    "log",
    "for",
    "failed",
    "from",
    "user",
    "unknown",
}
# django-rest-knox's token fields have no verbose names; naming them would change its
# migrations (the admin of tokens lists and revokes them, xihu/admin.py).
KNOX_ONLY = {"created", "expiry", "user", "key", "token", "digest"}
# django-tasks' results name themselves "DBTaskResult object (…)", and its admin labels two
# fields outside gettext.
TASKS_ONLY = {"dbtaskresult", "object", "default", "run", "after", "traceback"}
# Only on the admin pages of django-axes' records.
AXES_ONLY = {"attempted", "access", "log", "for", "failed", "from", "user", "unknown"}
WORD = re.compile(r"[A-Za-z]{3,}")
ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
SKIPPED = ("script", "style", "code", "kbd", "textarea")  # textarea: text the user edits
# Django stores permission names in English ("Can add …"); the admin lists them as they are.
PERMISSIONS = ("permissions", "user_permissions")


class VisibleText(HTMLParser):
    """The text a reader meets: text nodes outside script/style, and labelling attributes.

    Text in <code> and <kbd> is a code to type (a column name, a choice's code), not prose.
    """

    def __init__(self):
        super().__init__()
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED or (tag == "select" and dict(attrs).get("name") in PERMISSIONS):
            self.skipping += 1
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if (tag in SKIPPED or tag == "select") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def english_words(html, url=""):
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    # addresses, paths, file names, hexadecimal keys (API tokens), masked salts and hashes
    text = re.sub(
        # (a UUID before a plain hex key: "a71d9170-5feb-…" once left "feb" behind)
        r"\S+@\S+|/\S*|\S+\.(?:csv|xlsx|json)\b|\b[0-9a-f-]{36}\b|\b[0-9a-f]{8,}\b|\S*\*{3,}\S*",
        " ",
        text,
    )
    allowed = ALLOWED - AXES_ONLY - KNOX_ONLY - TASKS_ONLY
    if url.startswith("/admin/django_tasks_database/"):
        allowed |= TASKS_ONLY
    if url.startswith("/admin/axes/"):
        allowed |= AXES_ONLY
    if url.startswith("/admin/knox/"):
        allowed |= KNOX_ONLY
    return sorted({w for w in WORD.findall(text) if w.lower() not in allowed})


def html_pages():
    for pattern in walk():
        if pattern.is_api or pattern.name.startswith("<unnamed>"):
            continue
        if pattern.name in ("logout", "logout_everywhere", "set_language", "admin:logout"):
            continue
        yield pattern


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff_a", "supervisor", "admin"])
def test_every_page_is_in_chinese(role, users, builder):
    client = client_for(users[role], raise_request_exception=False)
    visited, found = 0, []
    for pattern in html_pages():
        model = pattern.model
        obj = builder.get(model) if needs_object(pattern) else None
        url = concrete_url(pattern, obj)
        if url is None:
            continue
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        visited += 1
        words = english_words(response.content.decode(), url)
        if words:
            found.append(f"{url}: {' '.join(words)}")
    print(f"\n{role}: {visited} pages read")
    assert visited > 20
    assert not found, "English words on Chinese pages:\n" + "\n".join(found)


def test_ids_are_not_words():
    """A random task id in an admin page is no English word (it made the admin case flaky)."""
    assert english_words("<p>a71d9170-5feb-4dca-9e3b-0c1d2e3f4a5b 0123456789abcdef</p>") == []
    assert english_words("<p>Category</p>") == ["Category"]
