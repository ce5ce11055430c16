"""What every take-home column means, in Dutch and in English.

The English text of the associate stage's columns comes from the table contracts in
`pipeline.schemas` (one source of truth); the export's own tables describe their columns
here. The Dutch text is written for researchers, not translated word by word.
"""

from __future__ import annotations

import pandas as pd

from pipeline.export.compare_glossary import CONTRACT_OF_COMPARE_SHEET, DUTCH_OF_SHEET
from pipeline.schemas import describe

# Dutch descriptions by column name; a column means the same in every sheet it appears in.
DUTCH: dict[str, str] = {
    "code_id": "Pad van de code: `term`, `term/thema` of `codeboek/<uw code>`.",
    "guid": "Vaste GUID van de code, dezelfde als in codebook.qdc en kruispunt.qdpx.",
    "code_guid": "GUID van de code, dezelfde als in codebook.qdc en kruispunt.qdpx.",
    "level": "`term` (focusterm), `theme` (thema onder een term), `codebook` (uw codeboek) "
    "of `deductive` (code uit uw codeboek, deductief toegepast).",
    "parent_code_id": "Bovenliggende code (leeg voor termen).",
    "term": "Focusterm (canonieke vorm uit de termenlijst).",
    "theme": "Themacode zoals `T03-sociale-netwerken` (leeg bij termcodes).",
    "theme_id": "Nummer van het thema (-1 voor uitschieters).",
    "name": "Unieke naam van de code in QDA-programma's: de term, `T03 label (term)` of de "
    "naam uit uw codeboek.",
    "label": "Label van het thema (de belangrijkste trefwoorden); bij termcodes de term.",
    "definition": "Omschrijving: varianten van de term, of het label van het thema.",
    "keywords": "Termen: sterkste associaties; thema's: trefwoorden met c-TF-IDF-gewicht.",
    "n_codings": "Aantal coderingen: treffers (termen) of contexten (thema's).",
    "n_segments": "Aantal segmenten (beurten of alinea's) met deze code.",
    "n_docs": "Aantal documenten waarin het voorkomt.",
    "n_speakers": "Aantal verschillende sprekers.",
    "docs": "De documenten, gescheiden door `; `.",
    "example_quotes": "Voorbeeldcitaten als `[seg_id] citaat`, gescheiden door ` || `.",
    "example_seg_ids": "seg_id's van die citaten, gescheiden door `;`.",
    "color": "Kleur van de code in QDA-programma's (#RRGGBB).",
    "description": "Leeg: ruimte voor uw eigen omschrijving.",
    "doc_id": "Document: pad van het bestand binnen de invoermap.",
    "seg_id": "Segment (sprekersbeurt of alinea): `<doc_id>#<volgnummer>`.",
    "seg_idx": "Volgnummer van het segment in het document, vanaf 0.",
    "speaker": "Spreker van de beurt (leeg als onbekend).",
    "section": "Kop of onderdeel waaronder het segment valt.",
    "start_s": "Begintijd in seconden (vtt, srt of tijdcodes).",
    "end_s": "Eindtijd in seconden.",
    "probability": "Themakans of -gelijkenis (0-1) van de context; leeg bij termen.",
    "matched": "De vormen van de term (of de woorden van uw code) zoals ze in de tekst staan.",
    "terms": "Alle focustermen in het segment, gescheiden door `;`.",
    "char_start": "Beginpositie in de documenttekst (Unicode-tekens vanaf 0).",
    "char_end": "Eindpositie (exclusief) in de documenttekst.",
    "text": "De tekst van het segment.",
    "coding_id": "De codering: `hit:<hit_id>` (treffer), `context:<context_id>` (context) of "
    "`deductive:<coding_id>` (code uit uw codeboek).",
    "coded_text": "De gecodeerde tekst, precies zoals kruispunt.qdpx hem codeert.",
    "segment_char_start": "Begin van het geciteerde segment in de documenttekst (bij meer "
    "dan 2.000 tekens: het stuk van zo'n 2.000 tekens rond de gecodeerde tekst).",
    "segment_char_end": "Eind (exclusief) van het geciteerde segment.",
    "segment_text": "Het segment (beurt of alinea), of bij meer dan 2.000 tekens het stuk "
    "van zo'n 2.000 tekens rond de gecodeerde tekst.",
    "left": "Linkercontext van het trefwoord.",
    "keyword": "Het trefwoord zoals het in de tekst staat.",
    "right": "Rechtercontext van het trefwoord.",
    "hit_id": "Treffer: `<seg_id>:<eerste token>`.",
    "associate": "Geassocieerd lemma of woordgroep.",
    "kind": "`word` (woord) of `phrase` (woordgroep).",
    "upos": "Woordsoort (bij woordgroepen een patroon zoals ADJ+NOUN).",
    "relations": "Syntactische relaties met de term en hoe vaak ze voorkomen.",
    "n_cooc": "a: contexteenheden met term en associatie samen (discourse: gewogen).",
    "n_term": "a+b: contexteenheden met de term (discourse: gewogen).",
    "n_assoc": "a+c: contexteenheden met de associatie.",
    "n_total": "N: alle contexteenheden.",
    "expected": "Verwacht aantal bij toeval: (a+b)(a+c)/N.",
    "pmi": "Pointwise mutual information: log2(a/verwacht).",
    "log_dice": "logDice: 14 + log2(2a/((a+b)+(a+c))); maximaal 14.",
    "log_likelihood": "Dunnings G² over de 2x2-tabel (hoe zeker de samenhang is).",
    "signed_log_likelihood": "G² met het teken van a - verwacht (minder dan toeval: negatief).",
    "t_score": "t-score: (a - verwacht)/wortel(a).",
    "fisher_p": "Eenzijdige p-waarde van Fishers exacte toets, P(A >= a).",
    "stated": "Patroon waarmee de tekst de associatie zelf noemt (leeg: geen).",
    "stated_hit_id": "Treffer van de zin die de associatie noemt.",
    "stated_quote": "De zin die de associatie noemt.",
    "match_kind": "term, compound (samenstelling), anaphor (de term) of bridged (kern).",
    "keyness": "log2-verhouding van corpus- tot algemeen-Nederlandse frequentie.",
    "example_hit_ids": "Treffers met een voorbeeld van het paar, gescheiden door `;`.",
    "examples": "De zinnen van die voorbeeldtreffers als `[seg_id] zin`.",
    "total": "Totaal van de rij.",
}

# English descriptions of the export's own columns (the contracts describe the rest).
ENGLISH: dict[str, str] = {
    "code_id": "Path of the code: `term`, `term/theme` or `codeboek/<your code>`.",
    "guid": "Stable GUID of the code, the same as in codebook.qdc and kruispunt.qdpx.",
    "code_guid": "GUID of the code, the same as in codebook.qdc and kruispunt.qdpx.",
    "level": "`term` (focal term), `theme` (theme under a term), `codebook` (your codebook) "
    "or `deductive` (a code of your codebook, applied deductively).",
    "parent_code_id": "Parent code (empty for terms).",
    "theme": "Theme code such as `T03-sociale-netwerken` (empty for term codes).",
    "theme_id": "Theme number (-1 for outliers).",
    "name": "Unique name of the code in QDA programs: the term, `T03 label (term)` or the "
    "name in your codebook.",
    "label": "The theme's label (its top keywords); the term itself for term codes.",
    "definition": "Definition: the term's variants, or the theme's label.",
    "keywords": "Terms: strongest associates; themes: keywords with c-TF-IDF weights.",
    "n_codings": "Number of codings: hits (terms) or contexts (themes).",
    "n_segments": "Segments (turns or paragraphs) carrying the code.",
    "docs": "The documents, `; `-separated.",
    "example_quotes": "Example quotes as `[seg_id] quote`, joined by ` || `.",
    "example_seg_ids": "seg_ids of those quotes, `;`-separated.",
    "color": "Colour of the code in QDA programs (#RRGGBB).",
    "description": "Empty: room for your own description.",
    "probability": "Theme probability or similarity (0-1) of the context; empty for terms.",
    "coding_id": "The coding: `hit:<hit_id>` (a term hit), `context:<context_id>` or "
    "`deductive:<coding_id>` (a code of your codebook).",
    "coded_text": "The coded text, exactly as kruispunt.qdpx codes it.",
    "segment_char_start": "Start of the quoted segment in documents.text (over 2,000 "
    "characters: the passage of about 2,000 characters around the coded span).",
    "segment_char_end": "End (exclusive) of the quoted segment in documents.text.",
    "segment_text": "The segment (speaker turn or paragraph), or for one over 2,000 "
    "characters the passage of about 2,000 characters around the coded span.",
    "matched": "The forms of the term (or the words of your code) as they occur in the text.",
    "terms": "All focal terms in the segment, `;`-separated.",
    "examples": "The sentences of those example hits as `[seg_id] sentence`.",
    "stated_quote": "The sentence that states the association.",
    "total": "Row total.",
    "n_docs": "Documents in which it occurs.",
    "n_speakers": "Distinct speakers.",
}

MATRIX_NOTE = (
    "Eén kolom per themacode: aantal contexten met dat thema.",
    "One column per theme code: number of contexts with that theme.",
)

# Which contract describes the columns of a sheet that copies a stage table.
CONTRACT_OF_SHEET = {"kwic": "kwic", "associations": "associations", **CONTRACT_OF_COMPARE_SHEET}
_CONTRACT_FALLBACK = ("segments", "term_hits", "documents")


def _english(column: str, contract: str | None) -> str:
    if contract is not None and column in describe(contract):
        return describe(contract)[column]
    if column in ENGLISH:
        return ENGLISH[column]
    for name in _CONTRACT_FALLBACK:
        if column in describe(name):
            return describe(name)[column]
    return ""


def describe_sheet(sheet: str, table: pd.DataFrame, *, theme_codes: list[str]) -> pd.DataFrame:
    """Describe every column of one take-home table in Dutch and English.

    Args:
        sheet: Sheet name (also the table's name).
        table: The table as it is written.
        theme_codes: Theme codes, which appear as matrix columns and share one note.

    Returns:
        One row per column, in the table's order. Columns: sheet, column, nederlands,
        english. Matrix theme columns are folded into one row named `<themecode>`;
        metadata sidecar columns get a generic description.
    """
    rows: list[dict[str, str]] = []
    folded = False
    for column in table.columns:
        if column in theme_codes:
            if not folded:
                nl, en = MATRIX_NOTE
                rows.append({"column": "<themecode>", "nederlands": nl, "english": en})
                folded = True
            continue
        nl = DUTCH_OF_SHEET.get(sheet, {}).get(column) or DUTCH.get(column, "")
        en = _english(column, CONTRACT_OF_SHEET.get(sheet))
        if not nl and not en:
            nl = "Metadata van het document (uit het metadatabestand)."
            en = "Document metadata (from the metadata sidecar)."
        rows.append({"column": column, "nederlands": nl, "english": en})
    frame = pd.DataFrame(rows, columns=["column", "nederlands", "english"])
    frame.insert(0, "sheet", sheet)
    return frame
