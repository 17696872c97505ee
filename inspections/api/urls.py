# (prefix, viewset, basename) registered on the API v1 router
routes = []
