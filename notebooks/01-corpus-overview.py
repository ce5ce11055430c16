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
# # 01 · Corpus overview
#
# What a run read and how much was said: the documents with their metadata, the words and
# speakers of every meeting, the same counts per metadata field (meeting type,
# municipality), where the focal terms occur, and the input files that were skipped, failed
# or read with a warning.
#
# The notebook reads the stage outputs only. Point `outputs_path` in the parameters cell at
# a project after `dvc repro` (its root folder) or at the `--out` folder of
# `kruispunt run`. Words are non-punctuation tokens; "speakers" counts distinct speaker
# labels per document, so "Spreker 1" in two meetings counts as two people.

# %% tags=["parameters"]
outputs_path = ".."  # project root after `dvc repro`, or the --out folder of `kruispunt run`
metadata_fields = ["meeting_type", "municipality"]  # columns of the metadata sidecar

# %%
# %matplotlib inline
import pandas as pd

from pipeline import explore, outputs
from pipeline.explore import figures

pd.set_option("display.max_colwidth", 100)
pd.set_option("display.max_rows", 100)

run = outputs.load(outputs_path)
print(f"outputs: {run.layout.root.resolve()}")
words = explore.segment_words(run.segments, run.tokens, documents=run.documents)
fields = [f for f in metadata_fields if f in explore.metadata_columns(run.documents)]
print(f"{len(run.documents)} documents, {len(run.segments)} segments, {words['words'].sum()} words")
print(f"metadata fields: {', '.join(explore.metadata_columns(run.documents)) or 'none'}")

# %% [markdown]
# ## Documents
#
# One row per document: its format, title and metadata, then segments (speaker turns or
# paragraphs), speakers and words.

# %%
per_document = explore.with_metadata(explore.corpus_summary(words, by="doc_id"), run.documents)
per_document = per_document.merge(run.documents[["doc_id", "format", "title"]], on="doc_id")
per_document

# %% [markdown]
# **Figure:** the length of every meeting in words, coloured by its meeting type, longest
# first.

# %%
figures.bar_chart(
    per_document.sort_values("words", ascending=False),
    label="doc_id",
    value="words",
    title="Words per document",
    xlabel="words",
    color_by=fields[0] if fields else None,
)

# %% [markdown]
# ## Speakers
#
# Turns and words per speaker in each document, and each speaker's share of the
# document's words. Segments without a speaker label (minutes, reports) count under
# "(no speaker)".

# %%
speakers = explore.speaker_summary(words)
speakers

# %% [markdown]
# **Figure:** each document as one bar divided among its speakers by their share of the
# words, the most talkative first (darkest); a meeting dominated by one voice shows one long
# dark segment.

# %%
figures.speaker_shares(speakers, title="Who speaks in each document")

# %% [markdown]
# ## Per metadata field
#
# The same counts grouped by each metadata field of the sidecar (`metadata.csv`).

# %%
for field in fields:
    display(explore.corpus_summary(words, by=field))

# %% [markdown]
# **Figure:** words per value of the first metadata field, to see how the corpus is
# balanced between kinds of meetings.

# %%
if fields:
    by_field = explore.corpus_summary(words, by=fields[0]).sort_values("words", ascending=False)
    display(
        figures.bar_chart(
            by_field,
            label=fields[0],
            value="words",
            title=f"Words per {fields[0].replace('_', ' ')}",
            xlabel="words",
        )
    )

# %% [markdown]
# ## Focal terms per document
#
# Hits of each focal term in each document (details per term in notebook 02).

# %%
hits = pd.crosstab(run.term_hits["doc_id"], run.term_hits["term"])
hits

# %% [markdown]
# **Figure:** a heat map of the same counts, to see at a glance which meetings talk about
# which term.

# %%
figures.count_heatmap(
    hits,
    title="Term hits per document",
    xlabel="term",
    ylabel="document",
    value_label="term hits",
)

# %% [markdown]
# ## Ingest report
#
# Every input file has a row in `ingest_report.json`. Below: how many files were read,
# skipped or failed, then the files that were not read cleanly, with the reason. A file
# listed with status `ok` and a warning was read, but check it (for example a transcript
# where no speaker labels were found).

# %%
run.ingest_report["status"].value_counts()

# %%
explore.ingest_problems(run.ingest_report)

# %% [markdown]
# The language model that annotated the run:

# %%
pd.Series(run.nlp_info)
