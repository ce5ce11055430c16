"""Training and evaluation of the bundled Dutch spaCy pipeline (`models/nl_ud_sm`).

The recipe reads the UD Dutch treebanks (CoNLL-U), normalises them to one annotation
convention, builds the train/dev/test split, converts it to spaCy's DocBin format, trains
with the committed config and writes the pipeline with its test-set scores in `meta.json`.
"""
