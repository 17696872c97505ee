from rest_framework.permissions import SAFE_METHODS, BasePermission

from ..roles import Role, may_delete


class HasRole(BasePermission):
    """Signed in with one of the roles; deleting is for supervisors and admins."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.role in Role.values):
            return False
        if request.method == "DELETE":
            return may_delete(user)
        return True


class AdminWritesOthersRead(BasePermission):
    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return request.user.role == Role.ADMIN
