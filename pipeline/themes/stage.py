"""The themes stage over folders: term hits and tokens in, theme tables and the model out."""

from __future__ import annotations

from pathlib import Path

from pipeline.failures import failures_path, isolate_failures, only, write_failures
from pipeline.params import Params
from pipeline.tables import read_json, read_table, write_json, write_table
from pipeline.tempfiles import remove_stale


def themes(
    interim: Path,
    processed: Path,
    model_dir: Path,
    metrics: Path,
    params: Params,
    *,
    threads: int | None = None,
) -> dict:
    """Run the themes stage: contexts, BERTopic themes, the codebook and coded contexts.

    With `themes.update: frozen` and a saved model, the model and codebook stay and the
    contexts are coded into them (`pipeline.themes.update`); else the themes are refit.

    Args:
        interim: Folder holding tokens.parquet and documents.parquet; receives the embeddings.
        processed: Folder holding term_hits.parquet; receives the theme tables.
        model_dir: Folder for the fitted theme model (safetensors, no pickles).
        metrics: Folder for themes.json.
        params: Validated parameters.
        threads: Threads of the e5 embedding (the run's `--workers`; None: every core).

    Returns:
        The theme metrics.
    """
    from pipeline.stopwords import dutch_stop_words

    # A killed run's temporary files go first (a live run's are locked, and kept).
    for folder, names in _outputs(processed, interim, model_dir, metrics):
        remove_stale(folder, names=names)
    term_hits = read_table(processed / "term_hits.parquet", "term_hits")
    tokens = read_table(interim / "tokens.parquet", "tokens")
    documents = read_table(interim / "documents.parquet", "documents")
    cache = interim / "theme_embeddings"
    cache.mkdir(parents=True, exist_ok=True)  # a DVC output, even when nothing is embedded
    stop_words = dutch_stop_words(params.associate.extra_stop_words)
    terms = list(params.associate.terms)
    if params.themes.update == "frozen" and _saved(model_dir, processed):
        return _frozen(term_hits, tokens, documents, processed, model_dir, metrics,
                       params.themes, terms=terms, stop_words=stop_words, cache=cache)  # fmt: skip

    return _refit(term_hits, tokens, documents, processed, model_dir, metrics, params.themes,
                  params.annotate.model, terms=terms, stop_words=stop_words, cache=cache,
                  threads=threads)  # fmt: skip


def _refit(term_hits, tokens, documents, processed, model_dir, metrics, p, spacy_model, *,
           terms, stop_words, cache, threads) -> dict:  # fmt: skip
    """Fit the themes afresh; write the tables, the model and the metrics."""
    from pipeline.themes.fit import fit_themes

    # A document that makes the stage fail is reported and left out (pipeline.failures).
    result, failed = isolate_failures(
        lambda keep: fit_themes(
            only(term_hits, keep),
            only(tokens, keep),
            only(documents, keep),
            params=p,
            terms=terms,
            stop_words=stop_words,
            embedding_cache=cache,
            spacy_model=spacy_model,
            threads=threads,
        ),
        [*documents["doc_id"], *term_hits["doc_id"]],
        stage="themes",
    )
    write_failures(failures_path(processed, "themes"), failed)
    write_table(result.contexts, processed / "contexts.parquet", "contexts")
    write_table(result.themes, processed / "themes.csv", "themes")
    write_table(result.coded_contexts, processed / "coded_contexts.parquet", "coded_contexts")
    write_table(result.term_theme_matrix, processed / "term_theme_matrix.csv")
    result.save_model(model_dir)
    write_json(metrics / "themes.json", result.metrics)
    return result.metrics


def _outputs(processed: Path, interim: Path, model_dir: Path, metrics: Path) -> list:
    """The stage's output folders, each with the names it writes there (None: all)."""
    tables = ["contexts.parquet", "themes.csv", "coded_contexts.parquet"]
    tables += ["term_theme_matrix.csv", "themes_failures.json"]
    return [
        (processed, tables),
        (interim / "theme_embeddings", None),
        (model_dir, None),
        (metrics, ["themes.json"]),
    ]


def _saved(model_dir: Path, processed: Path) -> bool:
    """Whether a fitted model and the tables it coded are there to stay frozen to."""
    from pipeline.themes.model import MARKER

    needed = (model_dir / MARKER, processed / "themes.csv", processed / "coded_contexts.parquet")
    return all(path.exists() for path in needed)


def _frozen(term_hits, tokens, documents, processed, model_dir, metrics, p, *, terms,
            stop_words, cache) -> dict:  # fmt: skip
    """Code the contexts into the saved model; write the tables and the drift report."""
    from pipeline.themes.fit import theme_contexts, theme_stop_words
    from pipeline.themes.model import ThemeModel
    from pipeline.themes.update import largest_share, update_frozen

    contexts = theme_contexts(
        term_hits, tokens, documents, params=p, stop_words=theme_stop_words(stop_words, p)
    )
    themes, coded, matrix, drift = update_frozen(
        contexts,
        ThemeModel.load(model_dir),
        read_table(processed / "coded_contexts.parquet", "coded_contexts"),
        read_table(processed / "themes.csv", "themes"),
        params=p,
        terms=terms,
        cache_dir=cache,
    )
    previous = metrics / "themes.json"
    report = read_json(previous) if previous.exists() else {}
    report |= {
        "n_contexts": len(coded),
        "n_hits": len(term_hits),
        "largest_share": largest_share(coded),
        "update": "frozen",
        "drift": drift,
    }
    write_table(contexts, processed / "contexts.parquet", "contexts")
    write_table(themes, processed / "themes.csv", "themes")
    write_table(coded, processed / "coded_contexts.parquet", "coded_contexts")
    write_table(matrix, processed / "term_theme_matrix.csv")
    write_json(previous, report)
    return report
