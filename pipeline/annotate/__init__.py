"""The annotate stage: every segment through the Dutch spaCy pipeline, one row per token.

`stage` runs it over folders; `tokens` turns parsed segments into token rows, `cache`
decides what to parse and where, and `store` keeps each document's tokens on disk.
"""
