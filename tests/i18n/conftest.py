from tests.security.conftest import builder, users  # noqa: F401  (the same world of objects)
