def axes_username(request, credentials):
    """Usernames are matched case-insensitively for lockout, so 'Zhang' cannot dodge 'zhang'."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
