"""The artifacts: rendered from sandboxed jinja2 templates (``render``), parsed back into a session
(``parse``), with the markdown escaping both sides share (``markdown``)."""
