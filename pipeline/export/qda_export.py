"""The REFI-QDA take-home files of a run: codebook.qdc and kruispunt.qdpx.

What a researcher finds where after importing them is told in the README (REFI-QDA files);
`QDA_NOTES` is the short version the HTML report prints.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.export.coding import run_selections
from pipeline.export.notes import build_notes
from pipeline.export.qde import ProjectInfo, project_xml
from pipeline.export.qdpx import check_source_text, qdpx_bytes
from pipeline.export.refiqda import codebook_xml
from pipeline.tables import write_bytes

if TYPE_CHECKING:
    import pandas as pd

    from pipeline.export.inputs import ExportInputs
    from pipeline.params import Params

log = logging.getLogger(__name__)

QDA_NOTES = [
    "REFI-QDA 1.0 files target ATLAS.ti, NVivo, MAXQDA and QualCoder.",
    "Source texts are the normalised document texts: UTF-8 without BOM, NFC, '\\n' line "
    "ends. Selection offsets count Unicode code points from 0; the end is exclusive.",
    "Term codes are top-level codes coded on every hit; each theme is nested under every "
    "term it occurs with, named after both ('T03 netwerk, steun (zelfredzaamheid)'), and "
    "coded on the whole context. A set per theme groups its nested codes across terms.",
    "The researcher's own codebook (compare.codebook), applied deductively, is one more "
    "top-level code, 'codeboek', with its codes nested under it, each coded on the "
    "sentences its rules matched.",
    "Every code has a memo (a Note): the theme's label, keywords and quotes, or the term's "
    "associates with their statistics.",
    "Document metadata are variables of each document and of its case (one per document, "
    "linked by a case code on the whole text); a set per metadata value groups the "
    "documents ('municipality::Utrecht').",
    "GUIDs are derived from the code paths, document ids and hit/context ids, so reruns "
    "give the same GUIDs; the user and date are export.user_name and export.creation_date.",
]


def write_refiqda(
    out: Path,
    inputs: ExportInputs,
    codebook: pd.DataFrame,
    params: Params,
    *,
    origin: str,
    description: str,
) -> list[str]:
    """Write codebook.qdc and kruispunt.qdpx.

    Args:
        out: The reports folder.
        inputs: The stage outputs.
        codebook: The codebook (see `build_codebook`).
        params: Validated parameters whose export section names the user and the date
            (see `pipeline.export.provenance.with_run_identity`).
        origin: The exporting software and version.
        description: How the export was made, the project's description.

    Returns:
        The warnings about source texts (characters some programs count differently).
    """
    options = params.export
    # Check the texts first, since a bad text would shift every coding.
    documents = inputs.documents
    warnings = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        warnings += check_source_text(doc_id, text)
    for warning in warnings:
        log.warning("export: %s", warning)

    # The codebook on its own, then the project with its selections and memos.
    write_bytes(out / "codebook.qdc", codebook_xml(codebook, origin=origin))
    info = ProjectInfo(
        name=options.project_name,
        origin=origin,
        user_name=str(options.user_name),
        created=str(options.creation_date),
        description=description,
    )
    selections = run_selections(inputs, codebook)
    notes = build_notes(
        codebook, inputs.themes, inputs.associations, measure=options.network_measure
    )
    project = project_xml(
        documents,
        codebook,
        selections,
        info=info,
        metadata_columns=inputs.metadata_columns,
        notes=notes,
    )
    qdpx = qdpx_bytes(project, documents, stamp=info.created, notes=notes)
    write_bytes(out / "kruispunt.qdpx", qdpx)
    return warnings
