"""组织管理: the admins' window over the server's admin API (app/admin/api.py)."""
