"""Phrase search: Chinese, full pinyin, initials, mixed, prefixes, one typo, and shortcut codes.

The face: `index.SearchIndex` (`.build(phrases)`, `.search(query)`) and `index.Hit` (a phrase with its
match spans); `cache.load_or_build_index` keeps a built index on disk; `fold.fold_question` is how a
buyer's question is folded before searching. How search ranks: `rank.py` holds every weight and quality.
The engine behind the index, in pipeline order: fold -> terms (what a term can mean) -> relaxed (looser
readings) -> alphabet/patterns/fields (the dual views and postings) -> candidates -> scan -> match -> run.

Nothing is imported here, so importing one module does not load the whole stack (the CLI and the app
load it on first use).
"""
