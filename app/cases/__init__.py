"""Cases from other sources (问题来源): the import of a hotline or 随手拍 export, the cases window
and its triage (docs/architecture.md, rooms of the client)."""
