# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Themes around the focal terms
#
# The themes stage groups the talk around every term hit (the hit's sentence with
# `context_sentences` on either side) into themes with BERTopic. This notebook shows the
# resulting codebook, how large each theme is per term and per meeting, the quotes that
# represent each theme, and how to fit the themes again with other settings by calling
# the library, to compare before you change `params.yaml`.
#
# Point `outputs_path` at a project after `dvc repro` (its root folder) or at the `--out`
# folder of `kruispunt run`.

# %% tags=["parameters"]
outputs_path = ".."  # project root after `dvc repro`, or the --out folder of `kruispunt run`
theme_code = None  # a theme code to read its contexts, or None for the largest theme
n_themes = 3  # the number of themes to try in the re-fit at the end

# %%
# %matplotlib inline
import pandas as pd

from pipeline import explore, outputs
from pipeline.explore import figures
from pipeline.stopwords import dutch_stop_words

pd.set_option("display.max_colwidth", 160)
pd.set_option("display.max_rows", 100)

run = outputs.load(outputs_path)
print(f"outputs: {run.layout.root.resolve()}")
themes = run.themes.sort_values("theme_id")
print(f"{len(themes)} themes over {len(run.contexts)} contexts of {len(run.term_hits)} hits")

# %% [markdown]
# ## The fit
#
# The stage's metrics: the number of themes, the regime (`small` or `small-fallback`:
# PCA + KMeans for small corpora; `large`: UMAP + HDBSCAN), outliers, topic diversity
# (share of unique keywords over all themes, 1 = no overlap) and NPMI coherence (do a
# theme's keywords occur together in the contexts, from −1 to 1).

# %%
pd.Series(run.theme_metrics)

# %% [markdown]
# ## The codebook
#
# One row per theme: its code (stable, used in every export), a label from its top
# keywords with their c-TF-IDF weights, its size in contexts, and how many documents and
# speakers it spans. `description` is left empty for the researcher to fill in the
# exported codebook.

# %%
themes[["code", "label", "keywords", "size", "n_docs", "n_speakers", "description"]]

# %% [markdown]
# ## Theme sizes per term
#
# Contexts of each theme per focal term; a context in which two terms occur counts for
# both.

# %%
per_term = explore.theme_sizes(run.coded_contexts, themes, run.documents, by="term")
per_term

# %% [markdown]
# **Figure:** the same counts as a heat map, to see which themes each term is talked
# about in.

# %%
figures.count_heatmap(
    per_term.set_index("term").drop(columns="total"),
    title="Contexts per term and theme",
    xlabel="theme",
    ylabel="term",
)

# %% [markdown]
# ## Theme sizes per meeting
#
# Contexts of each theme per document, and per meeting type when the metadata sidecar
# has one.

# %%
per_document = explore.theme_sizes(run.coded_contexts, themes, run.documents, by="doc_id")
per_document

# %% [markdown]
# **Figure:** each document as one bar divided among the themes by their share of its
# contexts, to compare what the meetings talk about regardless of their length.

# %%
figures.share_chart(
    per_document,
    index="doc_id",
    title="Themes per document",
    xlabel="share of the document's contexts",
)

# %%
if "meeting_type" in explore.metadata_columns(run.documents):
    display(explore.theme_sizes(run.coded_contexts, themes, run.documents, by="meeting_type"))

# %% [markdown]
# ## Representative quotes
#
# The quotes closest to each theme's centre, as the codebook gives them; the `seg_id`
# leads to the turn in the transcript.

# %%
explore.theme_quotes(themes)

# %% [markdown]
# More contexts of one theme (`theme_code` in the parameters cell), the most typical
# first (`probability`: how close the context is to the theme).

# %%
code = theme_code or themes.sort_values("size", ascending=False)["code"].iloc[0]
contexts = run.coded_contexts[run.coded_contexts["code"] == code]
contexts.sort_values("probability", ascending=False)[
    ["doc_id", "speaker", "terms", "probability", "text"]
].head(10)

# %% [markdown]
# ## Fitting the themes again with other settings
#
# To try other settings, call the library the stage calls, `pipeline.themes.fit_themes`,
# on this run's tables with a changed copy of the themes params. `run.themes_params` gives
# the params that made the codebook above (as saved with the theme model); a field you
# change is validated at once. This writes nothing: when you like the result, put the
# value in `params.yaml` (section `themes`) and run `dvc repro`.
#
# Here the number of themes is fixed to `n_themes`. It applies in the small-corpus regime
# (up to `kmeans_max_contexts` contexts); for larger corpora change `min_cluster_size` instead.
# Other fields worth trying: `context_sentences` (more or less talk around each hit),
# `exclude_terms`, `top_keywords`, and `embedding` (`sentence-transformers:<local path>`
# if you have such a model on disk).

# %%
from pipeline.themes import fit_themes  # imported here: loading BERTopic takes a while

params = run.themes_params
params.n_themes = n_themes
refit = fit_themes(
    run.term_hits,
    run.tokens,
    run.documents,
    params=params,
    terms=run.theme_model_info["terms"],
    stop_words=dutch_stop_words(run.params.associate.extra_stop_words),
)
refit.themes[["code", "label", "size", "n_docs", "n_speakers"]]

# %% [markdown]
# The stage's metrics next to the re-fit's:

# %%
pd.DataFrame({"stage": pd.Series(run.theme_metrics), "re-fit": pd.Series(refit.metrics)})

# %% [markdown]
# Where the contexts went: rows are the stage's themes, columns the re-fit's, cells count
# contexts. The adjusted Rand index summarises the agreement (1 = the same grouping,
# about 0 = no more alike than chance).

# %%
agreement = explore.coding_agreement(run.coded_contexts, refit.coded_contexts)
print(f"adjusted Rand index: {agreement:.3f}")
moved = explore.compare_codings(run.coded_contexts, refit.coded_contexts)
moved

# %% [markdown]
# **Figure:** the same cross-table as a heat map; a theme that splits spreads over several
# columns, themes that merge share a column.

# %%
figures.count_heatmap(
    moved,
    title=f"Contexts per theme: stage against re-fit with n_themes={n_themes}",
    xlabel="re-fit theme",
    ylabel="stage theme",
)
