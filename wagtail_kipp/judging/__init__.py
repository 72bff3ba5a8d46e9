"""Judging: the entry state table, the service layer every state change goes through, and permissions."""
