"""Person names found by `deduce`, the Dutch de-identification library.

Only deduce's name annotators are used, built from its shipped lookup lists each time a
process first needs them (a few seconds). Deduce's default constructor would also build its
street and institution tries (minutes on a small machine) and store everything as a pickle
inside site-packages; this project reads and writes no pickles, so that route is avoided.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from pipeline.privacy.lexicon import import_deduce
from pipeline.privacy.spans import Span

_NAME_LISTS = [
    "names/lst_first_name",
    "names/lst_surname",
    "names/lst_interfix_surname",
    "names/lst_interfix",
    "names/lst_prefix",
    "names/lst_initial",
    "whitelist/lst_common_word",
    "whitelist/lst_medical_term",
    "whitelist/lst_stop_word",
]
# patient_name needs patient metadata; eponymous_disease guards medical terms such as
# "Alzheimer", which meeting talk hardly has, and costs seconds to build.
_SKIPPED = {"patient_name", "eponymous_disease"}


@lru_cache(maxsize=1)
def deduce_name_finder():
    """Build a deduce de-identifier that only annotates person names, once per process.

    Returns:
        A `docdeid.DocDeid` whose `deidentify(text)` annotates names with tag `persoon`.
    """
    import_deduce()
    import docdeid as dd
    from deduce import lookup_struct_loader as loaders
    from deduce.deduce import _LOOKUP_LIST_PATH, Deduce, _DeduceProcessorLoader
    from deduce.lookup_structs import load_raw_itemsets

    tokenizer = Deduce._initialize_tokenizer(_LOOKUP_LIST_PATH)
    raw = load_raw_itemsets(base_path=_LOOKUP_LIST_PATH, subdirs=_NAME_LISTS)
    structs = dd.ds.DsCollection()
    for name in ("initial", "interfix_surname"):
        structs[name] = dd.ds.LookupSet()
        structs[name].add_items_from_iterable(raw[name])
    structs["prefix"] = loaders.load_prefix_lookup(raw)
    structs["interfix"] = loaders.load_interfix_lookup(raw)
    structs["whitelist"] = loaders.load_whitelist_lookup(raw)
    structs["first_name"] = loaders.load_first_name_lookup(raw, tokenizer)
    structs["surname"] = loaders.load_surname_lookup(raw, tokenizer)

    config = copy.deepcopy(dict(Deduce._initialize_config(load_base_config=True)))
    config["annotators"] = {
        name: spec
        for name, spec in config["annotators"].items()
        if spec.get("group") == "names" and name not in _SKIPPED
    }
    finder = dd.DocDeid()
    finder.tokenizers = {"default": tokenizer}
    finder.processors = _DeduceProcessorLoader().load(
        config=config, extras={"tokenizer": tokenizer, "ds": structs}
    )
    return finder


def find_names_deduce(text: str) -> list[Span]:
    """Person names in a text according to deduce.

    Args:
        text: Any text.

    Returns:
        Spans of kind `person`, as deduce marks them (titles such as "mevrouw" included).
    """
    if not text.strip():
        return []
    document = deduce_name_finder().deidentify(text)
    return sorted(
        Span(a.start_char, a.end_char)
        for a in document.annotations
        if a.tag.startswith("persoon") or a.tag == "patient"
    )
