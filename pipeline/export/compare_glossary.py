"""What the columns of the comparison sheets mean, in Dutch (the contracts give English).

The sheets "Overeenstemming" (agreement.csv) and "Verschillen" (disagreements.csv) reuse
column names that mean something else elsewhere (`kind`, `units`), so their Dutch text
is kept per sheet here; `pipeline.export.glossary` looks it up before the shared one.
"""

from __future__ import annotations

from pipeline.export.compare_tables import AGREEMENT_SHEET, DISAGREEMENT_SHEET

_PAIR = {
    "kind": "human-kruispunt (onderzoeker tegen kruispunt) of human-human (twee codeurs).",
    "coder_a": "Referentiecodeur: de gebruiker uit het gecodeerde project.",
    "code_a": "Code van codeur a (pad, `ouder/kind`).",
    "coder_b": "Andere codeur: `kruispunt`, of een tweede codeur uit het project.",
    "code_b": "Code van codeur b.",
}

AGREEMENT_DUTCH: dict[str, str] = {
    **_PAIR,
    "kappa": "Cohens kappa (leeg: niet gedefinieerd, bijvoorbeeld zonder variantie).",
    "alpha": "Krippendorffs alfa, nominaal (leeg: niet gedefinieerd).",
    "precision": "Precisie: n_both / n_b, met codeur a als referentie.",
    "recall": "Recall (sensitiviteit): n_both / n_a.",
    "f1": "F1: harmonisch gemiddelde van precisie en recall.",
    "units": "Eenheden (segmenten of zinnen) waarop beide codeurs vergeleken zijn.",
    "n_a": "Eenheden die codeur a met code_a codeerde.",
    "n_b": "Eenheden die codeur b met code_b codeerde.",
    "n_both": "Eenheden die beiden codeerden.",
    "paired_by": "Hoe het paar gevormd is: mapping (het mappingbestand), name (dezelfde "
    "codenaam) of proposed (voorgesteld op overlap).",
}

DISAGREEMENT_DUTCH: dict[str, str] = {
    **_PAIR,
    "coded_by": "Wie de eenheid codeerde: a of b (de ander niet).",
    "unit_id": "De eenheid: een seg_id, of `<seg_id>@<zinsnummer>`.",
    "doc_id": "Document: pad van het bestand binnen de invoermap.",
    "char_start": "Beginpositie van de eenheid in de documenttekst (Unicode-tekens vanaf 0).",
    "char_end": "Eindpositie (exclusief) van de eenheid.",
    "quote": "De tekst van de eenheid.",
}

DUTCH_OF_SHEET = {AGREEMENT_SHEET: AGREEMENT_DUTCH, DISAGREEMENT_SHEET: DISAGREEMENT_DUTCH}
CONTRACT_OF_COMPARE_SHEET = {AGREEMENT_SHEET: "agreement", DISAGREEMENT_SHEET: "disagreements"}
