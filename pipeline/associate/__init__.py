"""The associate stage: where the focal terms occur and what they are associated with.

`stage` runs it over folders and `associations.associate_terms` is the analysis; the other
modules hold one concept each: `terms` (the lexicon), `hits`, `kwic`, `vocabulary`,
`candidates`, `collocates`, `stats`, `relations` and `keyness`.
"""
