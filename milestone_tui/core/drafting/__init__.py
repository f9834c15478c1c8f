"""Drafting the breakdown with a language model, when the planner configures one.

``config`` reads the configuration (flags, environment, config files; the key only from the environment or
the user's own file), ``prompt`` builds what is sent from the session, ``reply`` describes and normalises
what comes back into the rules' ``Proposal``, ``client`` is the only module that imports ``openai``, and
``draft`` ties them together with the fallback on the rules. Nothing here imports Textual.
"""
