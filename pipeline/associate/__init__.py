"""The associate stage: where the focal terms occur and what they are associated with.

`stage` runs it over folders and `associations.associate_terms` (in memory) or
`associations.associate_files` (streamed from the annotate stage's files) is the analysis,
chunk by chunk of documents (`chunk`) and added up (`merge`). The other modules hold one
concept each: `terms` (the lexicon), `hits`, `sections`, `references` (anaphora and
bridging), `discourse` (the graded units), `kwic`, `order`, `vocabulary`, `dutch_words`,
`candidates`, `collocates`, `windows`, `stats`, `ranking`, `stated`, `relations`,
`keyness` and `variants`.
"""
