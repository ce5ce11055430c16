"""The compare stage: a researcher's coded project against kruispunt's codings."""
