#!/usr/bin/env python3
"""Builds the offline reading site target/site/ from the committed, executed notebooks.

    python3 environment/site.py [--out DIR] [NOTEBOOK.ipynb ...]

No kernel is started: the pages render the outputs the notebooks were committed with.

  index.html            the README's notebook table: thumbnail, title, one-line claim
  NN-name.html          one page per notebook: its own title, previous/next links
  img/                  every output picture, as a file (pages carry no base64 images)
  figures/              the thumbnails (copied from notebooks/figures/)
  assets/               shared by every page, never inlined: notebook.css (the notebook
                        styles, written once), site.css, MathJax (a local copy:
                        Debian's libjs-mathjax, or the copy Jupyter Notebook ships) and
                        plotly.js (a local copy: Debian python3-plotly; only
                        pages with an interactive figure load it)

Every script, style and font reference is relative: the site opens from file:// with no
network. Exit 0 on success; a problem prints one 'site: error: ...' line and exits 2.
"""
import argparse
import base64
import hashlib
import html
import os
import re
import shutil
import sys
from pathlib import Path

HOME = Path(__file__).resolve().parent.parent

MATHJAX_CANDIDATES = [
    Path("/usr/share/javascript/mathjax"),  # Debian libjs-mathjax
    Path("/usr/share/jupyter/nbextensions/mathjax"),
    Path("/usr/lib/python3/dist-packages/notebook/static/components/MathJax"),
]
# the parts of MathJax 2 that the TeX-AMS_CHTML configuration loads
MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_CHTML.js", "config/local", "extensions", "jax/input/TeX",
                 "jax/output/CommonHTML", "jax/element", "fonts/HTML-CSS/TeX/woff"]

PLOTLY_CANDIDATES = [
    Path("/usr/share/python3-plotly/plotly.js"),  # Debian python3-plotly: plotly.js 2.6.3, MIT
    Path("/usr/lib/python3/dist-packages/plotly/package_data/plotly.min.js"),  # pip's plotly
]

SITE_CSS = """
html body, body.jp-Notebook { margin: 0; padding: 0 !important; background: #fff; }
.site-nav { display: flex; justify-content: space-between; align-items: center; gap: 1em;
  padding: 0.6em 1.2em; background: #f3f5f8; border-bottom: 1px solid #d8dde5;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.site-nav a { color: #1a4f8b; text-decoration: none; }
.site-nav a:hover { text-decoration: underline; }
.site-nav .prev, .site-nav .next { flex: 1; }
.site-nav .next { text-align: right; }
.site-nav .home { flex: 0 0 auto; font-weight: 600; }
.site-main { max-width: 1100px; margin: 0 auto; padding: 1em 1.2em 3em; }
.site-index { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
.site-index h1 { font-size: 1.8em; margin: 0.6em 0 0.2em; }
.site-index table { border-collapse: collapse; width: 100%; }
.site-index td { border-top: 1px solid #e2e6ec; padding: 0.8em 0.6em; vertical-align: top; }
.site-index td.thumb img { width: 260px; border: 1px solid #e2e6ec; }
.site-index .name { font-weight: 600; font-size: 1.05em; margin-bottom: 0.3em; }
.site-index code { background: #f3f5f8; padding: 0 0.2em; }
.causal-heads-explorer img.ch-twin { max-width: 100%; }
"""

MATHJAX_CONFIG = """<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  tex2jax: { inlineMath: [['$','$'], ['\\\\(','\\\\)']], displayMath: [['$$','$$'], ['\\\\[','\\\\]']],
             processEscapes: true, processEnvironments: true },
  TeX: { equationNumbers: { autoNumber: "AMS", useLabelIds: true } },
  displayAlign: 'center',
  CommonHTML: { linebreaks: { automatic: true } },
  menuSettings: { zoom: "None" },
  showMathMenu: false
});
MathJax.Hub.Queue(function () { document.documentElement.setAttribute('data-mathjax', 'done'); });
</script>"""


class SiteError(Exception):
    pass


def first_existing(paths, what):
    for p in paths:
        if p.exists():
            return p
    raise SiteError(f"no local {what} found (looked in {', '.join(str(p) for p in paths)})")


def copy_mathjax(dest):
    src = first_existing([p for p in MATHJAX_CANDIDATES if (p / "MathJax.js").exists()] or MATHJAX_CANDIDATES,
                         "MathJax (apt-get install -y libjs-mathjax)")
    for part in MATHJAX_PARTS:
        s, d = src / part, dest / part
        if not s.exists():
            continue
        d.parent.mkdir(parents=True, exist_ok=True)
        if s.is_dir():
            shutil.copytree(s, d, dirs_exist_ok=True)
        else:
            shutil.copyfile(s, d)
    return src


def pip_plotly():
    """plotly.min.js inside an importable plotly package (pip or conda installs)."""
    try:
        import plotly
    except ImportError:
        return []
    return [Path(plotly.__file__).parent / "package_data" / "plotly.min.js"]


def readme_rows():
    """(name, claim markdown, thumbnail path) per row of the README's notebook table."""
    rows = []
    pat = re.compile(r"^\|\s*\[([^\]]+)\]\(notebooks/([^)]+)\.ipynb\)\s*\|(.*)\|\s*<img src=\"([^\"]+)\"[^|]*\|\s*$")
    for line in (HOME / "README.md").read_text(encoding="utf-8").splitlines():
        m = pat.match(line)
        if m:
            rows.append((m.group(2), m.group(3).strip(), m.group(4)))
    return rows


def notebook_title(nb, name):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return re.sub(r"[`*_]", "", m.group(1)).strip()
    return name


class Extractor:
    """Moves base64 pictures out of a page into img/, one file per distinct picture."""

    def __init__(self, out):
        self.dir = out / "img"
        self.dir.mkdir(parents=True, exist_ok=True)

    def __call__(self, page_html, stem):
        def repl(m):
            kind, data = m.group(1), m.group(2)
            raw = base64.b64decode(data)
            name = f"{stem}-{hashlib.sha1(raw).hexdigest()[:12]}.{'jpg' if kind == 'jpeg' else kind}"
            (self.dir / name).write_bytes(raw)
            return f'src="img/{name}"'
        return re.sub(r'src="data:image/(png|jpeg|gif);base64,([A-Za-z0-9+/=\s]+)"', repl, page_html)


STYLE_RE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
BODY_RE = re.compile(r"<body[^>]*>(.*)</body>", re.S)


def page(title, body, nav, has_plotly):
    head = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f"<title>{html.escape(title)}</title>",
        '<link rel="stylesheet" href="assets/notebook.css">',
        '<link rel="stylesheet" href="assets/site.css">',
    ]
    if has_plotly:
        head.append('<script src="assets/plotly.js" charset="utf-8"></script>')
    head += [MATHJAX_CONFIG, '<script src="assets/mathjax/MathJax.js?config=TeX-AMS_CHTML"></script>', "</head>"]
    return "\n".join(head + [
        '<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">',
        nav, f'<main class="site-main">{body}</main>', nav.replace('class="site-nav"', 'class="site-nav bottom"'),
        "</body>", "</html>", ""])


def nav_bar(prev, nxt):
    def link(entry, cls, arrow):
        if entry is None:
            return f'<span class="{cls}"></span>'
        stem, title = entry
        text = f"{arrow} {html.escape(title)}" if arrow == "←" else f"{html.escape(title)} {arrow}"
        return f'<a class="{cls}" href="{stem}.html">{text}</a>'
    return ('<nav class="site-nav">' + link(prev, "prev", "←")
            + '<a class="home" href="index.html">causal-heads notebooks</a>' + link(nxt, "next", "→") + "</nav>")


def build(out, notebooks):
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.filters.markdown import markdown2html

    if out.exists():
        shutil.rmtree(out)
    assets = out / "assets"
    assets.mkdir(parents=True)
    mathjax_src = copy_mathjax(assets / "mathjax")
    (assets / "site.css").write_text(SITE_CSS, encoding="utf-8")

    exporter = HTMLExporter(template_name="lab")
    extract = Extractor(out)
    entries, css = [], None
    for path in notebooks:
        nb = nbformat.read(str(path), as_version=4)
        entries.append((path.stem, notebook_title(nb, path.stem), nb))

    plotly_src = None
    pages = 0
    for k, (stem, title, nb) in enumerate(entries):
        full, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
        styles = STYLE_RE.findall(full)
        if css is None:
            css = "\n".join(styles)
        body_m = BODY_RE.search(full)
        if not body_m:
            raise SiteError(f"{stem}: nbconvert produced no <body>")
        body = extract(body_m.group(1), stem)
        has_plotly = "causal-heads-explorer" in body
        if has_plotly and plotly_src is None:
            plotly_src = first_existing(PLOTLY_CANDIDATES + pip_plotly(), "plotly.js (apt-get install -y python3-plotly)")
            shutil.copyfile(plotly_src, assets / "plotly.js")
        prev = entries[k - 1][:2] if k > 0 else None
        nxt = entries[k + 1][:2] if k + 1 < len(entries) else None
        (out / f"{stem}.html").write_text(page(title, body, nav_bar(prev, nxt), has_plotly), encoding="utf-8")
        pages += 1
    (assets / "notebook.css").write_text(css or "", encoding="utf-8")

    # the index: the README's table, in the README's order, restricted to the pages built
    built = {stem: title for stem, title, _ in entries}
    rows = [r for r in readme_rows() if r[0] in built]
    listed = {r[0] for r in rows}
    rows += [(stem, "", None) for stem in built if stem not in listed]
    (out / "figures").mkdir()
    trs = []
    for stem, claim, thumb in rows:
        img = ""
        if thumb:
            src = HOME / thumb
            if not src.exists():
                raise SiteError(f"README thumbnail {thumb} of {stem} does not exist")
            shutil.copyfile(src, out / "figures" / src.name)
            img = f'<a href="{stem}.html"><img src="figures/{src.name}" alt="{html.escape(built[stem])}"></a>'
        claim_html = markdown2html(claim) if claim else ""
        trs.append(f'<tr><td class="thumb">{img}</td><td><div class="name"><a href="{stem}.html">'
                   f'{html.escape(built[stem])}</a></div>{claim_html}</td></tr>')
    first = (entries[0][0], entries[0][1]) if entries else None
    body = ('<div class="site-index"><h1>causal-heads notebooks</h1>'
            "<p>Java notebooks in which a reader watches transformers learn causal graphs. "
            "Each page is a committed, executed notebook; figures marked interactive can be hovered, "
            "zoomed and filtered (click a legend entry).</p>"
            f'<table>{"".join(trs)}</table></div>')
    (out / "index.html").write_text(page("causal-heads notebooks", body, nav_bar(None, first), False), encoding="utf-8")

    check_local(out)
    return pages, mathjax_src, plotly_src


def check_local(out):
    """No page or stylesheet may load a script, style or font from the network."""
    bad = []
    ref = re.compile(r"""(?:<script[^>]+src|<link[^>]+href|url\()\s*=?\s*["']?(https?:)?//""", re.I)
    for f in list(out.glob("*.html")) + [out / "assets" / "notebook.css", out / "assets" / "site.css"]:
        text = f.read_text(encoding="utf-8")
        for m in ref.finditer(text):
            bad.append(f"{f.name}: {text[m.start():m.start() + 120]!r}")
    if bad:
        raise SiteError("network references in the site: " + "; ".join(bad[:5]))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(HOME / "target" / "site"))
    ap.add_argument("notebooks", nargs="*")
    a = ap.parse_args(argv)
    nbs = [Path(p) for p in a.notebooks] or sorted((HOME / "notebooks").glob("*.ipynb"))
    for p in nbs:
        if not p.exists():
            print(f"site: error: no notebook '{p}'", file=sys.stderr)
            return 2
    try:
        pages, mj, pl = build(Path(a.out), nbs)
    except SiteError as e:
        print(f"site: error: {e}", file=sys.stderr)
        return 2
    print(f"site: {pages} page(s) and an index in {os.path.relpath(a.out)}/ (MathJax from {mj}"
          + (f", plotly.js from {pl}" if pl else "") + ")", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
