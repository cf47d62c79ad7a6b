"""Widgets the rooms share: the list-table setup, the delayed progress window."""
