"""Inspections (督查记录): the list with its filters and detail, the new-inspection dialog, the
checklist editor.
"""
