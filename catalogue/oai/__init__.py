"""OAI-PMH 2.0 at ``/oai``: the six verbs, ``oai_dc`` through ``catalogue.crosswalk``.

``protocol`` reads a request (arguments, dates, resumption tokens), ``repository`` answers
it from the database in a fixed number of queries, ``xml`` writes the response and
``views`` ties them together.
"""
