"""``l10n serve``: review in the browser, over the project's own PO files.

No database: every page reads the files, every action writes them through the same
functions as ``l10n review`` (sign-off comments, atomic writes, the project lock).
"""

from __future__ import annotations

from pathlib import Path

from .app import create_app
from .security import Access, access

__all__ = ["Access", "access", "create_app", "serve"]


def serve(root: Path, access: Access, port: int) -> None:
    """Run the server until interrupted."""
    import uvicorn

    uvicorn.run(create_app(root, access), host=access.host, port=port, log_level="warning",
                server_header=False, timeout_keep_alive=5, limit_concurrency=200)
