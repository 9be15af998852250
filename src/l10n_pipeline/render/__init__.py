"""Every output of every command, in one place: stages return data, this renders it.

One module per command's output (``findings``, ``report``, ``verdict`` for the gate,
``badge``, ``prefill``, ``review``, ``run``), shared status bars (``bars``) and one
escaper per target (``escape``: terminal, HTML, Markdown, GitHub workflow commands).
"""
