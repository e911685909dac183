"""The events stage: political events coded in the PLOVER ontology from Indonesian news.

Who did what to whom, when and where, each field traceable to character offsets of the
clean text. Definition of an event and of its fields: ``../shared/docs/event-annotation-guide.md``.

- :mod:`warta.events.lexicon` loads the per-language data tables (``data/``): triggers, actor
  nouns, the PLOVER -> CAMEO mapping.
- :mod:`warta.events.actors` finds actor mentions in a sentence and resolves them to a
  name, country (ISO3 or IGO) and PLOVER sector with the knowledge base (``warta.kb``).
- :mod:`warta.events.context` reads dates, places and casualties for an event (adapters over
  the times and places stages, with small fallbacks while those stages are absent).
- :mod:`warta.events.coder` turns one article into events; :mod:`warta.events.component`
  is the pipeline stage; :mod:`warta.events.plover` writes PLOVER-standard records;
  :mod:`warta.events.evaluate` is ``warta eval events``.
"""
