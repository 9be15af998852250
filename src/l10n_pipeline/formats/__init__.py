"""File formats: what the pipeline reads and writes.

PO catalogues: :mod:`.po_read` (fast reading into polib's objects) and :mod:`.po_write`
(writing byte for byte as GNU gettext does).  Interchange formats, one module a format: :mod:`.inline` (Markdown inline syntax as protected codes),
:mod:`.xliff` (XLIFF 1.2 and 2.1), :mod:`.tmx` (TMX 1.4b), :mod:`.tbx` (TBX-Basic), and
:mod:`.xml` (safe XML parsing and layout they share).  Each module turns plain data
into bytes and bytes into plain data; reading and writing the project is the stages'
work (:mod:`l10n_pipeline.exchange`).
"""
