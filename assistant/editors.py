"""The editors' page (/editors): the missing-FAQ report behind a login, with a chart, filters and exports."""

from __future__ import annotations

import base64
import binascii
import html
import secrets
import time

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from assistant.report import Report, ReportBuilder, parse_since, to_csv, to_markdown
from ingest.settings import Settings

EXPORTS = {"csv": (to_csv, "text/csv; charset=utf-8"), "md": (to_markdown, "text/markdown; charset=utf-8")}
OFF = ("The editors' page is off. Set HYPERFAQ_EDITOR_USER and HYPERFAQ_EDITOR_PASSWORD in the environment "
       "and restart the app to turn it on.")


def editors_router(settings: Settings, builder: ReportBuilder, duplicates: dict | None = None) -> APIRouter:
    router = APIRouter()
    enabled = bool(settings.editor_user and settings.editor_password)

    def authorised(request: Request) -> bool:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return secrets.compare_digest(user.encode(), settings.editor_user.encode()) & secrets.compare_digest(
            password.encode(), settings.editor_password.encode())

    def guard(request: Request) -> Response | None:
        if not enabled:
            return PlainTextResponse(OFF, status_code=404)
        if not authorised(request):
            return PlainTextResponse("Editors only: log in with the editors' user and password.", status_code=401,
                                     headers={"WWW-Authenticate": 'Basic realm="editors", charset="UTF-8"'})
        return None

    def report(request: Request) -> Report:
        since = parse_since(request.query_params.get("since") or None)
        page = request.query_params.get("page") or None
        return builder.build(since=since, page=page, duplicate_slugs=duplicates)

    @router.get("/editors")
    def page(request: Request) -> Response:
        if (refused := guard(request)) is not None:
            return refused
        try:
            data = report(request)
        except ValueError as err:
            return PlainTextResponse(str(err), status_code=400)
        query = request.url.query
        return HTMLResponse(render(data, request.query_params.get("since", ""), request.query_params.get("page", ""),
                                   query), headers={"Cache-Control": "no-store"})

    @router.get("/editors/report.{extension}")
    def export(request: Request, extension: str) -> Response:
        if (refused := guard(request)) is not None:
            return refused
        if extension not in EXPORTS:
            return PlainTextResponse("Export as report.csv or report.md.", status_code=404)
        render_as, media_type = EXPORTS[extension]
        try:
            text = render_as(report(request))
        except ValueError as err:
            return PlainTextResponse(str(err), status_code=400)
        return Response(text, media_type=media_type, headers={
            "Content-Disposition": f'attachment; filename="missing-faqs.{extension}"', "Cache-Control": "no-store"})

    return router


MAX_BAR = 40  # px, in the chart's 720-wide view


def chart(per_day: tuple[tuple[str, int, int], ...], width: int = 720, height: int = 160) -> str:
    """Questions per day as bars, the answered share as a line; inline SVG, no script."""
    if not per_day:
        return "<p>No questions in this period.</p>"
    top = max(n for _, n, _ in per_day) or 1
    step = width / len(per_day)
    bar = min(step - 2, MAX_BAR)  # a week of data is not one slab across the page
    bars, points, dots = [], [], []
    for i, (day, asked, answered) in enumerate(per_day):
        h = asked / top * (height - 20)
        x = i * step + (step - bar) / 2
        bars.append(f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{max(bar, 1):.1f}" height="{h:.1f}" '
                    f'fill="#c7d2fe"><title>{day}: {asked} asked, {answered} answered</title></rect>')
        rate = answered / asked if asked else 0
        cx, cy = i * step + step / 2, height - rate * (height - 20)
        points.append(f"{cx:.1f},{cy:.1f}")
        dots.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="#4338ca"/>')  # one day is a point, not a line
    line = f'<polyline points="{" ".join(points)}" fill="none" stroke="#4338ca" stroke-width="2"/>'
    return (f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="Questions per day and answered '
            f'rate">{"".join(bars)}{line}{"".join(dots)}</svg><p class="legend">Bars: questions per day '
            f'({per_day[0][0]} to {per_day[-1][0]}). Line: share answered.</p>')


def render(report: Report, since: str, page: str, query: str) -> str:
    e = html.escape
    rate = f"{report.answered / report.questions:.0%}" if report.questions else "-"
    rows = []
    for n, t in enumerate(report.missing, 1):
        rows.append(
            f"<tr><td>{n}</td><td><b>{e(t.question)}</b><br><small>{'; '.join(e(p) for p in t.phrasings[1:])}</small>"
            f"</td><td>{t.count}</td><td>{e(t.title or '-')}<br><small>{e(t.reason)}</small>"
            + (f"<br><small>Perhaps answered already by its FAQ {e(t.answered_by)}</small>" if t.answered_by else "")
            + "</td>"
            f"<td><pre>{e(t.faq_entry)}</pre></td></tr>")
    off_topic = "".join(f"<li>{e(t.question)} ({t.count})</li>" for t in report.off_topic) or "<li>none</li>"
    other_language = "".join(f"<li>{e(q)} ({n})</li>" for q, n in report.other_language) or "<li>none</li>"
    promote = "".join(f"<li>{e(t.question)} ({t.count}) — <a href=\"{e(t.url or '')}\">{e(t.title or '')}</a></li>"
                      for t in report.promote) or "<li>none</li>"
    unhelpful = "".join(f"<li><b>{e(u.question)}</b><br>{e(u.answer[:300])}</li>" for u in report.unhelpful) or "<li>none</li>"
    c = report.coverage
    duplicates = "".join(f"<li><code>{e(s)}</code>: {e(', '.join(f))}</li>" for s, f in c.duplicate_slugs.items())
    suffix = f"?{e(query)}" if query else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Missing FAQs · editors</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#111}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.5rem;vertical-align:top;text-align:left}}
pre{{white-space:pre-wrap;background:#f6f6f8;padding:.5rem;margin:0;font-size:.85rem}}.legend{{color:#555;font-size:.85rem}}
form{{display:flex;gap:.75rem;align-items:end;flex-wrap:wrap}}</style></head><body>
<h1>Missing FAQs</h1>
<p>{report.questions} questions, {report.answered} answered ({rate}). Generated {time.strftime("%Y-%m-%d %H:%M")} UTC.</p>
<form method="get"><label>Since<br><input type="date" name="since" value="{e(since)}"></label>
<label>Post (slug)<br><input name="page" value="{e(page)}"></label><button>Filter</button>
<a href="/editors/report.csv{suffix}">Export CSV</a> <a href="/editors/report.md{suffix}">Export Markdown</a></form>
{chart(report.per_day)}
<h2>Missing</h2><table><tr><th>#</th><th>Question and phrasings</th><th>Asked</th><th>Belongs in</th>
<th>FAQ entry to paste</th></tr>{"".join(rows) or '<tr><td colspan="5">Nothing missing.</td></tr>'}</table>
<h2>Off the blog's subjects</h2><p class="legend">Asked, but near no post: no FAQ to add.</p><ul>{off_topic}</ul>
<h2>Asked in another language</h2><p class="legend">Asked again in English: perhaps posts to translate.</p>
<ul>{other_language}</ul>
<h2>Promote to a FAQ</h2><ul>{promote}</ul>
<h2>Unhelpful answers</h2><ul>{unhelpful}</ul>
<h2>Coverage</h2><ul><li>Posts without a FAQ section: {e(', '.join(c.posts_without_faq) or 'none')}</li>
<li>FAQ pairs never matched: {c.faq_pairs_never_matched} of {c.faq_pairs}</li>{duplicates}</ul>
</body></html>"""
