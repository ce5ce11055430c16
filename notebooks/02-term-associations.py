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
# # 02 · One term: frequency, contexts and associations
#
# For the focal term set in the parameters cell: how often it is used in each meeting and
# by each speaker, every occurrence in context (a KWIC browser you filter by meeting,
# speaker or words), its collocates under four association measures side by side, the
# syntactic relations it enters, and a network of its strongest associates.
#
# Point `outputs_path` at a project after `dvc repro` (its root folder) or at the `--out`
# folder of `kruispunt run`; `term` must be one of the focal terms in `params.yaml`
# (`associate.terms`). Every number leads back to quotes: hits carry `hit_id`s and
# `seg_id`s that point into the transcripts.

# %% tags=["parameters"]
outputs_path = ".."  # project root after `dvc repro`, or the --out folder of `kruispunt run`
term = "zelfredzaamheid"  # a focal term (associate.terms in params.yaml)
top_n = 10  # associates per measure
network_measure = "log_dice"  # pmi | log_likelihood | log_dice | t_score
kwic_doc = None  # KWIC browser: a doc_id, a list of them, or None for all
kwic_speaker = None  # a speaker label, a list of them, or None for all
kwic_contains = None  # a regular expression the context must match, e.g. "gemeente|wethouder"

# %%
# %matplotlib inline
import pandas as pd

from pipeline import explore, outputs
from pipeline.explore import figures
from pipeline.export.associate_tables import friendly_associations

pd.set_option("display.max_colwidth", 120)
pd.set_option("display.max_rows", 100)

run = outputs.load(outputs_path)
print(f"outputs: {run.layout.root.resolve()}")
words = explore.segment_words(run.segments, run.tokens, documents=run.documents)
terms = sorted(run.term_hits["term"].unique())
if term not in terms:
    raise ValueError(f"no hits for {term!r}; terms with hits: {', '.join(terms)}")
hits = run.term_hits[run.term_hits["term"] == term]
print(f"{term}: {len(hits)} hits in {hits['doc_id'].nunique()} documents")
print(f"surface forms: {', '.join(sorted(hits['matched'].str.lower().unique()))}")

# %% [markdown]
# ## Frequency
#
# Hits per document, also per 1,000 words so that long and short meetings compare fairly.
# Documents where the term never occurs are listed with 0.

# %%
by_document = explore.term_frequency(run.term_hits, words, term=term, by="doc_id")
by_document

# %% [markdown]
# **Figure:** the term's relative frequency in every document (hits per 1,000 words), the
# meetings that use it most at the top.

# %%
figures.bar_chart(
    by_document.sort_values("per_1000_words", ascending=False),
    label="doc_id",
    value="per_1000_words",
    title=f"'{term}' per 1,000 words, by document",
    xlabel="hits per 1,000 words",
)

# %% [markdown]
# Per speaker within each document (the speakers who use the term at all), and per
# meeting type when the metadata sidecar has one.

# %%
by_speaker = explore.term_frequency(run.term_hits, words, term=term, by=["doc_id", "speaker"])
by_speaker[by_speaker["hits"] > 0]

# %%
for field in explore.metadata_columns(run.documents):
    if field in ("meeting_type", "municipality"):
        display(explore.term_frequency(run.term_hits, words, term=term, by=field))

# %% [markdown]
# ### Compared with the other focal terms
#
# Hits per 1,000 words of every focal term per meeting type (per document when the run has
# no metadata), to see whether this term belongs to some kinds of meetings more than the
# others do.

# %%
compare_by = (
    "meeting_type" if "meeting_type" in explore.metadata_columns(run.documents) else "doc_id"
)
rates = explore.compare_terms(run.term_hits, words, terms=terms, by=compare_by)
rates

# %% [markdown]
# **Figure:** the same rates as a heat map, one column per term; compare a column with its
# neighbours rather than absolute shades, since common terms are darker everywhere.

# %%
figures.count_heatmap(
    rates,
    title=f"Focal terms per 1,000 words, by {compare_by.replace('_', ' ')}",
    xlabel="term",
    ylabel=compare_by.replace("_", " "),
    value_label="hits per 1,000 words",
    number_format="{:.1f}",
)

# %% [markdown]
# ## KWIC browser
#
# Every hit with its left and right context, aligned on the keyword. Narrow it down with
# `kwic_doc`, `kwic_speaker` and `kwic_contains` in the parameters cell, or call
# `explore.filter_kwic` in a new cell with other values: it takes a `doc_id`, `speaker`
# (one value or a list) and `contains` (a regular expression, case-insensitive). The
# `hit_id` column leads to the sentence in `run.term_hits` and to the transcript.

# %%
lines = explore.filter_kwic(
    run.kwic, term=term, doc_id=kwic_doc, speaker=kwic_speaker, contains=kwic_contains
)
explore.style_kwic(lines)

# %% [markdown]
# For example, only the lines in which the municipality ("gemeente") is mentioned:

# %%
explore.style_kwic(explore.filter_kwic(run.kwic, term=term, contains=r"gemeente"))

# %% [markdown]
# ## Associations: four measures side by side
#
# Each measure compares how often the term and a word share a context unit (`n_cooc`,
# by default a sentence) with how often they would by chance (`expected`). They answer
# different questions:
#
# | measure | what it rewards | use it when |
# |---|---|---|
# | **PMI**, log2(observed / expected) | exclusivity: words that hardly occur without the term | you look for what is *specific* to the term. It overrates rare words: a word seen twice, both times with the term, tops the list. Read it with `n_cooc` and treat pairs seen 2–3 times as leads, not findings. |
# | **log-likelihood (G²)** | evidence that the pair is not chance | you want to know whether an association is *real* given the amount of data, and in small corpora like meeting transcripts. G² > 3.84, 6.63 and 10.83 correspond to p < 0.05, 0.01 and 0.001 for one test (no correction for testing many words). It grows with corpus size, so do not compare its values across corpora of different sizes. |
# | **log-Dice**, 14 + log2(2·observed / (f(term) + f(word))) | a balance of frequency and exclusivity, independent of corpus size (maximum 14) | you describe the *typical* collocates of a term or *compare* a term across corpora or subcorpora (one municipality against another). A good default, and the measure of the HTML report's network. |
# | **t-score**, (observed − expected) / √observed | frequent, reliable co-occurrence | you want the *common* companions of the term, which tend to be general words. Despite its name it is not a t-test: do not read p-values into it. |
#
# Only pairs seen together more often than chance are ranked here: G² is also large when
# a frequent word *avoids* the term, and log-Dice does not look at chance at all.

# %%
explore.top_associates(run.associations, term, top_n=top_n)

# %% [markdown]
# **Figure:** the same top lists as bar charts, one panel per measure; PMI's top is
# usually made of rare words, t-score's of frequent ones, with log-likelihood and
# log-Dice in between.

# %%
figures.measure_bars(run.associations, term, top_n=top_n)

# %% [markdown]
# How far the measures agree: the share of each pair of top lists that the two have in
# common (1 = the same words, 0 = none).

# %%
explore.measure_overlap(run.associations, term, top_n=top_n)

# %% [markdown]
# Every association of the term with its counts, the syntactic relations behind it and the
# sentences it is based on (the `examples` column: `[seg_id] sentence`), strongest by
# log-Dice first.

# %%
table = friendly_associations(run.associations, run.term_hits, terms=[term])
table[table["term"] == term].drop(columns=["term"]).head(30)

# %% [markdown]
# ## Syntactic relations
#
# What the dependency parse says about the term: which adjectives modify it ("*complex*
# maatwerk"), what it is said to be ("zelfredzaamheid *is een groeiproces*"), which verbs
# take it as subject or object ("de gemeente *neemt* regie"), which words it is
# coordinated with. Each row gives one example sentence; all are in `run.relations`. The
# parse is automatic, so check the example before you quote it.

# %%
explore.relation_summary(run.relations, term)

# %% [markdown]
# ## Association network
#
# **Figure:** the term in the middle and its strongest associates under
# `network_measure` around it; the closer a word and the thicker its edge, the stronger
# the association, and larger nodes co-occur more often. Save it for a paper with
# `figure.savefig("network.pdf")`.

# %%
figure = figures.association_network(run.associations, term, measure=network_measure, top_n=12)
figure
