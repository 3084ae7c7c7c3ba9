"""Wirehouse: an incremental news-event data warehouse (discover → extract → normalise → resolve → load → validate)."""
