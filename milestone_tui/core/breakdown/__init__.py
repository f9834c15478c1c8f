"""The issue breakdown: the proposer (``propose``), the pure edit operations (``edits``), slugs and the
vocabulary of component kinds the proposer reads specs with."""
