"""Sphinx configuration for the book. Sources live in docs/; build with ``-c .``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from book_downloads import downloads_in, printed_editions  # noqa: E402 (found through the line above)

# -- Project ------------------------------------------------------------------
project = "Metastatic Cancer: A Self-Check Course"
author = "The Metastatic Cancer Course authors"
copyright = "2026, The Metastatic Cancer Course authors"
version = "0.1"
release = "0.1.0"
language = "en"
# The book's home, and the identifier of its EPUB: the same for every version, as EPUB readers expect. The
# student and instructor editions add their edition to it (docs/_ext/epub_identifier.py).
REPOSITORY = "https://github.com/metastatic-cancer-course/book"
DESCRIPTION = (
    "A short course about metastatic cancer: what it is, how it spreads, how it is found and treated, and what "
    "survival figures can and cannot tell us, with self-check exercises in every chapter. "
    "Education, not medical advice."
)

# -- General ------------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "sphinxcontrib.cairosvgconverter",
    "sphinx_simplepdf",
    "checks",
    "book_pdf",
    "book_html",
    "page_downloads",
    "book_downloads",
    "book_epub",
    "epub_style",
    "book_latex",
    "latex_index",
    "epub_dropdowns",
    "epub_identifier",
    "numrefs",
    "fast_citations",
    "author_date",
    "warned_pages",
    "young_collections",
]
root_doc = "index"
exclude_patterns = ["_build", "_ext", "data", "**/.*"]
templates_path = ["docs/_templates"]
numfig = True
nitpicky = True

myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3

bibtex_bibfiles = ["docs/references.bib"]
# Author–date citations with letters after the year where author and year repeat (docs/_ext/author_date.py).
bibtex_default_style = "author_date"
bibtex_reference_style = "author_date"

# Where exercise banks live, relative to this file.
checks_banks = "exercises"
# Where answers go in print: "appendix", "inline" or "hidden".
checks_answers = os.environ.get("CHECKS_ANSWERS", "appendix")
# Which edition: "reader" (the hosted book), "student" (no keys) or "instructor" (every key and a blueprint).
# The Makefile's student-* and instructor-* targets set it with -D checks_edition=….
checks_edition = "reader"

# -- HTML -----------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Metastatic Cancer"
html_static_path = ["docs/_static"]
html_js_files = ["theme-fixes.js"]
html_css_files = ["theme-fixes.css"]
html_favicon = "docs/_static/favicon.svg"
html_last_updated_fmt = None
# No copy of each page's MyST source in _sources: of no use to a reader, and the student edition's would give the
# examples its pages leave out. The download menu prints the page instead (docs/_ext/page_downloads.py).
html_copy_source = False
html_context = {"default_mode": "auto"}
html_theme_options = {
    "repository_url": REPOSITORY,
    "use_repository_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    # The top bar held only a second Search button, the sidebar's twin (two Search stops for Tab), and on a phone
    # it was an empty strip: phones search from the article's header, and Ctrl+K opens search everywhere.
    # With items in it again, the theme would write a hidden pair of sidebar toggles there and bind only those,
    # leaving the article header's visible toggles dead (pydata-sphinx-theme#2451): they would need their clicks
    # forwarded again, as docs/_static/theme-fixes.js did before the bar was emptied.
    "navbar_persistent": [],
}

# -- Downloads ------------------------------------------------------------------------
# `make site` puts the PDFs and the EPUB in one folder and names it in BOOK_DOWNLOADS: the web pages then carry the
# files found there and link them, on the start page and in every page's sidebar (docs/_ext/book_downloads.py).
# The names are the ones the Makefile gives the files; a build without the folder (`make html`) links none.
DOWNLOADS = {
    "metastatic-cancer.pdf": "PDF for print",  # XeLaTeX: two-sided, with an index
    "metastatic-cancer-screen.pdf": "PDF for screens",  # WeasyPrint: one-sided, no blank pages
    "metastatic-cancer.epub": "EPUB",
}
# A folder named from the top of the repository, as the Makefile names it, or anywhere by its full path.
book_downloads_folder = str(ROOT / os.environ["BOOK_DOWNLOADS"]) if os.environ.get("BOOK_DOWNLOADS") else ""
book_downloads = downloads_in(book_downloads_folder, DOWNLOADS)
if book_downloads:
    html_extra_path = [str(Path(book_downloads_folder, download.file)) for download in book_downloads]
    # At the foot of the sidebar, before the theme's own item there (empty but on Read the Docs).
    html_theme_options["primary_sidebar_end"] = ["book-downloads.html", "sidebar-ethical-ads.html"]
# The note before a page's first exercise, for readers without JavaScript, links the PDF and EPUB it names.
checks_printed_editions = printed_editions(book_downloads)

# -- PDF through WeasyPrint --------------------------------------------------------
simplepdf_file_name = "metastatic-cancer.pdf"
# Sphinx's localtoc.html, less the heading's link to the start page (a file:// link in the PDF).
simplepdf_sidebars = {"**": ["pdf-contents.html"]}
simplepdf_vars = {
    "primary": "#1f4e79",
    "secondary": "#2e6da4",
    "cover": "#ffffff",
    "white": "#ffffff",
    "links": "#1f4e79",
    "cover-bg": "#1f4e79",
    "cover-overlay": "rgba(31, 78, 121, 0.6)",
    # The chapter's title at the top right (the theme's default), the page number at the foot.
    "top-left-content": "none",
    "bottom-center-content": "counter(page)",
}

# -- LaTeX ------------------------------------------------------------------------
latex_engine = "xelatex"
latex_use_xindy = True
# The PDF starts at docs/book.md (the chapters only); glossary, references and answers are appendices.
latex_documents = [
    ("book", "metastatic-cancer.tex", project, author, "manual"),
]
latex_appendices = ["glossary", "references", "answers"]
# The PDF leaves index.md out: links to these of its labels go to book.md's own words instead
# (docs/_ext/book_latex.py).
book_latex_stand_ins = {"source-article": "source-article-print"}
# A cross-reference to a chapter or section prints its page in print, e.g. "Diagnosis (page 35)".
latex_show_pagerefs = True
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # The running header is 13.6pt high in this font: room for it, so fancyhdr need not enlarge it on every page.
    "geometry": r"\usepackage[headheight=14pt]{geometry}",
    # The education notice before chapter 1 is a page of its own: page number only, no "CONTENTS" left over
    # in the running footer from the table of contents.
    "tableofcontents": r"\sphinxtableofcontents\markboth{}{}\thispagestyle{plain}",
    "preamble": "\n".join(
        [
            # Citations inside table captions are moving arguments: keep \hyperlink from breaking there.
            r"\usepackage{etoolbox}\robustify{\hyperlink}",
            # Chapters are numbered, sections are not, as in HTML: "1.10" would read as Exercise 1.10.
            r"\setcounter{secnumdepth}{0}",
            # A web address may break at any character, not only at "/": the long addresses of the reference
            # list ran into the margin.
            r"\usepackage{xurl}",
            # The reference list (docs/_ext/author_date.py) is ragged right: justified, a line that ended before a
            # long web address was stretched to the margin, with wide gaps between its words.
            r"\newenvironment{sphinxclassreference-list}{\raggedright}{\par}",
        ]
    ),
}

# -- EPUB -------------------------------------------------------------------------
# Manual page and Texinfo: the whole site, as the web book has it.
man_pages = [(root_doc, "metastatic-cancer", project, [author], 7)]
texinfo_documents = [
    (
        root_doc,
        "metastatic-cancer",
        project,
        author,
        "metastatic-cancer",
        "An open textbook with self-checks.",
        "Medicine",
    )
]

epub_title = project
epub_author = author
epub_publisher = author
epub_contributor = author
epub_copyright = copyright
epub_description = DESCRIPTION
# Sphinx's defaults are "unknown": the package's dc:identifier, and the id of that element. This is the reader
# edition's; the others get REPOSITORY#student and REPOSITORY#instructor, so that an EPUB library keeps each
# edition as a book of its own. The NCX gives the identifier too (docs/_ext/epub_identifier.py).
epub_identifier = REPOSITORY
epub_scheme = "URL"
epub_uid = "book-id"
epub_show_urls = "no"
