"""The review web application: Starlette routes over the project's own files.

Pages are rendered on the server by Jinja2 (autoescaped); a small script adds keyboard
shortcuts and sends the forms with ``fetch``, replacing one entry with the fragment the
server returns.  Without the script every form still works.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import polib
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..checks import check_catalog
from ..errors import InputError
from ..files import file_stat, load_po, read_text
from ..glossary import Glossary, load_glossary
from ..lang import language as language_facts
from ..model import STATUSES, Document, Finding
from ..project import CatalogueRef, Project
from . import security
from .actions import Decision, Refused, find_entry, perform
from .catalogue import FINDING_FILTERS, STATUS_FILTERS, EntryView, Filters, check_ids, \
    entry_views, status_counts

HERE = Path(__file__).parent
FETCH = "fetch"  # X-Requested-With of the page's own script


@dataclass
class Context:
    """What every request needs: where the project is and who may use it."""

    root: Path
    access: security.Access
    _glossary: tuple[tuple | None, Glossary] | None = None

    def project(self) -> Project:
        """Read afresh for each request: the files are the only store."""
        return Project.at(self.root)

    def glossary(self, project: Project) -> Glossary:
        """The glossary, parsed again only when its file changed."""
        path = project.config.glossary_path
        stat = file_stat(path)
        key = (str(path), stat.st_size, stat.st_mtime_ns) if stat else None
        if self._glossary is None or self._glossary[0] != key:
            self._glossary = (key, load_glossary(path))
        return self._glossary[1]


def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["ORDER"] = [s.value for s in reversed(STATUSES)]  # reviewed first
    return env


TEMPLATES = _templates()


def render(request: Request, name: str, status: int = 200, **values) -> HTMLResponse:
    values.update(request=request, reviewer=reviewer_of(request),
                  csrf=security.csrf_token(request.session))
    return HTMLResponse(TEMPLATES.get_template(name).render(**values), status_code=status)


def context_of(request: Request) -> Context:
    return request.app.state.context


def reviewer_of(request: Request) -> str | None:
    """The signed-in reviewer (from the session), or the local user on loopback."""
    access = context_of(request).access
    return access.local_reviewer or request.session.get("name")


def _document(project: Project, key: str, language: str | None = None) -> Document:
    """A known document (and language of it); anything else is 404, never a path."""
    document = next((d for d in project.documents if d.key == key and d.translate), None)
    if document is None or (language is not None and language not in document.languages):
        raise HTTPException(404, "no such document or language")
    return document


# -- pages ---------------------------------------------------------------------------------

async def overview(request: Request) -> Response:
    from .overview import overview_data
    project = context_of(request).project()
    data = await run_in_threadpool(overview_data, project)
    return render(request, "overview.html", data=data)


@dataclass(frozen=True)
class _CataloguePage:
    """The catalogue a page shows, and what checking it needs."""

    catalogue: CatalogueRef
    glossary: Glossary
    disabled: frozenset[str]

    def findings(self, catalog: polib.POFile) -> list[Finding]:
        return check_catalog(catalog, self.catalogue.document.source_language, self.catalogue.language,
                             self.glossary, self.disabled, self.catalogue.name)

    def errors(self, entry: polib.POEntry) -> list[Finding]:
        """Check errors of one entry as it is in memory (before it is signed)."""
        single = polib.POFile()
        single.append(entry)
        return [f for f in self.findings(single) if f.severity == "error"]

    def views(self, catalog: polib.POFile) -> list[EntryView]:
        return entry_views(catalog, self.catalogue.document.source_language, self.catalogue.language,
                           self.glossary, self.findings(catalog))

    def view(self, catalog: polib.POFile, key: str) -> EntryView | None:
        """One entry's view, checking only that entry."""
        entry = find_entry(catalog, key)
        if entry is None:
            return None
        single = polib.POFile()
        single.append(entry)
        return entry_views(catalog, self.catalogue.document.source_language, self.catalogue.language,
                           self.glossary, self.findings(single), only=key)[0]

    def values(self, filters: Filters) -> dict:
        """What every template of the catalogue page needs besides the entries."""
        query = urlencode({"status": filters.status, "finding": filters.finding})
        return {"document": self.catalogue.document, "language": self.catalogue.language,
                "language_name": language_facts(self.catalogue.language).name,
                "dir": language_facts(self.catalogue.language).direction,
                "source_dir": language_facts(self.catalogue.document.source_language).direction,
                "filters": filters,
                "action_url": f"/c/{self.catalogue.language}/{quote(self.catalogue.document.key)}/act?{query}"}


def _open(ctx: Context, key: str, language: str) -> tuple[Project, _CataloguePage]:
    project = ctx.project()
    document = _document(project, key, language)
    catalogue = next(project.catalogues((language,), (document,)))
    if not catalogue.path.exists():
        raise HTTPException(404, "no catalogue yet for this document: run l10n update")
    return project, _CataloguePage(catalogue, ctx.glossary(project),
                                   frozenset(project.config.checks.disable))


def _page(opened: _CataloguePage, catalog: polib.POFile, filters: Filters) -> dict:
    views = opened.views(catalog)
    return {**opened.values(filters), "entries": [v for v in views if filters.keeps(v)],
            "counts": status_counts(views), "status_filters": STATUS_FILTERS,
            "finding_filters": [*FINDING_FILTERS, *check_ids(views)]}


def _filters(request: Request) -> Filters:
    status = request.query_params.get("status", "all")
    finding = request.query_params.get("finding", "any")
    return Filters(status if status in STATUS_FILTERS else "all", finding[:60])


def _catalogue_page(ctx: Context, key: str, language: str, filters: Filters) -> dict:
    _, opened = _open(ctx, key, language)
    return _page(opened, load_po(opened.catalogue.path), filters)


async def catalogue(request: Request) -> Response:
    values = await run_in_threadpool(_catalogue_page, context_of(request),
                                     request.path_params["doc"], request.path_params["lang"],
                                     _filters(request))
    return render(request, "catalogue.html", **values)


async def source(request: Request) -> Response:
    project = context_of(request).project()
    document = _document(project, request.path_params["doc"])
    text = read_text(project.source_file(document))
    return render(request, "source.html", document=document, lines=text.split("\n"),
                  dir=language_facts(document.source_language).direction)


# -- actions -------------------------------------------------------------------------------

def _act(ctx: Context, key: str, language: str, decision: Decision, reviewer: str
         ) -> tuple[_CataloguePage, polib.POFile, Refused | None]:
    """Apply the decision; the catalogue as it is afterwards, and the refusal if any."""
    project, opened = _open(ctx, key, language)
    try:
        catalog = perform(project.root, opened.catalogue.path, (project.config.translations_path,),
                          decision, reviewer, opened.errors)
        return opened, catalog, None
    except Refused as exc:
        return opened, load_po(opened.catalogue.path), exc


async def act(request: Request) -> Response:
    reviewer = reviewer_of(request)
    if reviewer is None:
        raise HTTPException(403, "sign in first")
    if not security.same_origin(request.headers):
        raise HTTPException(403, "cross-origin request refused")
    form = await request.form(max_files=0, max_fields=20)
    if not security.csrf_ok(request.session, request.headers.get("x-csrf-token")
                            or str(form.get("csrf", ""))):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page")
    text = form.get("text")
    decision = Decision(str(form.get("action", "")), str(form.get("entry", "")),
                        str(form.get("version", "")), None if text is None else str(text),
                        str(form.get("reason", "")), form.get("override") == "1")
    opened, catalog, refused = await run_in_threadpool(
        _act, context_of(request), request.path_params["doc"], request.path_params["lang"],
        decision, reviewer)
    status = 200 if refused is None else 409 if refused.conflict else 422
    notice = {"entry": decision.entry, "refused": refused,
              "attempted": decision.text if refused and decision.text is not None else None}
    filters = _filters(request)
    if request.headers.get("x-requested-with") == FETCH:
        return render(request, "_entry.html", status, entry=opened.view(catalog, decision.entry),
                      notice=notice,
                      **opened.values(filters))
    if refused is None:
        return RedirectResponse(f"{request.url.path.removesuffix('/act')}?{request.url.query}"
                                f"#e-{decision.entry}", status_code=303)
    return render(request, "catalogue.html", status, notice=notice,
                  **_page(opened, catalog, filters))


# -- signing in ----------------------------------------------------------------------------

async def login(request: Request) -> Response:
    access = context_of(request).access
    if access.token is None:
        return RedirectResponse("/", status_code=303)
    if request.method == "GET":
        return render(request, "login.html")
    form = await request.form(max_files=0, max_fields=5)
    name = security.valid_name(str(form.get("name", "")))
    if not security.csrf_ok(request.session, str(form.get("csrf", ""))) or \
            not security.same_origin(request.headers):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page")
    if not security.token_matches(str(form.get("token", "")), access.token) or name is None:
        await asyncio.sleep(1)  # slows guessing
        return render(request, "login.html", 403,
                      error="wrong token, or no name (one line, at most 80 characters)")
    request.session.clear()
    request.session.update(name=name, csrf=secrets.token_urlsafe(32))
    return RedirectResponse("/", status_code=303)


async def logout(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=5)
    if not security.csrf_ok(request.session, str(form.get("csrf", ""))):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page")
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


# -- the application -----------------------------------------------------------------------

class SignInRequired:
    """ASGI middleware: with a token, every page but sign-in and static files needs a name."""

    OPEN = ("/login", "/static/")

    def __init__(self, app, context: Context):
        self.app = app
        self.context = context

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and self.context.access.token is not None \
                and not scope["path"].startswith(self.OPEN) \
                and not scope.get("session", {}).get("name"):
            await RedirectResponse("/login", status_code=303)(scope, receive, send)
            return
        await self.app(scope, receive, send)


async def _error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        status, message = exc.status_code, exc.detail
    else:
        status, message = 422, str(exc)  # an InputError: a broken file, named
    return render(request, "error.html", status, message=message)


def create_app(root: Path, access: security.Access) -> Starlette:
    """The application for the project at ``root``."""
    context = Context(root, access)
    routes = [
        Route("/", overview),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/c/{lang}/{doc:path}/act", act, methods=["POST"]),
        Route("/c/{lang}/{doc:path}", catalogue),
        Route("/source/{doc:path}", source),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [
        Middleware(security.Guard),
        Middleware(TrustedHostMiddleware, allowed_hosts=access.allowed_hosts),
        Middleware(SessionMiddleware, secret_key=secrets.token_urlsafe(32),
                   session_cookie="l10n_session", same_site="strict", max_age=12 * 3600),
        Middleware(SignInRequired, context=context),
    ]
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: _error, InputError: _error})
    app.state.context = context
    return app
