"""The Textual application: ``app`` (the shell), ``screens`` (one per phase, and the dashboard),
``dialogs`` (modal questions), ``widgets`` (reusable parts). Calls the core; the core never calls back."""
