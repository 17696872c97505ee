from rest_framework.permissions import SAFE_METHODS, BasePermission

from ..roles import Role, may_delete


class HasRole(BasePermission):
    """Signed in with one of the roles; deleting is for supervisors and admins.

    The delete right is checked on the record, after the scoped lookup: a record of another
    station answers 404 to staff, as every other request for it does (SPEC §1), and only
    a record they may see answers 403.
    """

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.role in Role.values)

    def has_object_permission(self, request, view, obj):
        if request.method == "DELETE":
            return may_delete(request.user)
        return True


class AdminWritesOthersRead(BasePermission):
    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return request.user.role == Role.ADMIN
