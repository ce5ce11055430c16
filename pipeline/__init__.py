"""kruispunt: reproducible qualitative analysis of Dutch meeting transcripts."""

__version__ = "0.1.0"
