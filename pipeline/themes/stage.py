"""The themes stage over folders: term hits and tokens in, theme tables and the model out."""

from __future__ import annotations

from pathlib import Path

from pipeline.params import Params
from pipeline.tables import read_table, write_json, write_table


def themes(interim: Path, processed: Path, model_dir: Path, metrics: Path, params: Params) -> dict:
    """Run the themes stage: contexts, BERTopic themes, the codebook and coded contexts.

    Args:
        interim: Folder holding tokens.parquet and documents.parquet; receives the embeddings.
        processed: Folder holding term_hits.parquet; receives the theme tables.
        model_dir: Folder for the fitted theme model (safetensors, no pickles).
        metrics: Folder for themes.json.
        params: Validated parameters.

    Returns:
        The theme metrics.
    """
    from pipeline.stopwords import dutch_stop_words
    from pipeline.themes.fit import fit_themes

    term_hits = read_table(processed / "term_hits.parquet", "term_hits")
    tokens = read_table(interim / "tokens.parquet", "tokens")
    documents = read_table(interim / "documents.parquet", "documents")
    cache = interim / "theme_embeddings"
    cache.mkdir(parents=True, exist_ok=True)  # a DVC output, even when nothing is embedded
    result = fit_themes(
        term_hits,
        tokens,
        documents,
        params=params.themes,
        terms=list(params.associate.terms),
        stop_words=dutch_stop_words(params.associate.extra_stop_words),
        embedding_cache=cache,
        spacy_model=params.annotate.model,
    )
    write_table(result.contexts, processed / "contexts.parquet", "contexts")
    write_table(result.themes, processed / "themes.csv", "themes")
    write_table(result.coded_contexts, processed / "coded_contexts.parquet", "coded_contexts")
    write_table(result.term_theme_matrix, processed / "term_theme_matrix.csv")
    result.save_model(model_dir)
    write_json(metrics / "themes.json", result.metrics)
    return result.metrics
