"""The book's PDFs and EPUB on its web pages, when the build has them.

``make site`` builds the PDFs and the EPUB, puts them in one folder and builds the web pages with the environment
variable BOOK_DOWNLOADS naming it (``book_downloads_folder``). conf.py asks ``downloads_in`` which of the book's
files are there: those are copied beside the pages (``html_extra_path``) and linked with their format and size, in
the sidebar of every page (docs/_templates/book-downloads.html), on the start page (the ``book-downloads``
directive, in an ``{only}`` block for the tag ``book_downloads`` that this extension sets) and in the note for
readers without JavaScript (``checks_printed_editions``). A build without them, such as ``make html``, links none
and reads as before. A folder named but not there, or holding none of the files, is a warning: a site built without
the files it was meant to offer would not say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

TAG = "book_downloads"
logger = logging.getLogger(__name__)
MEDIA_TYPES = {"PDF": "application/pdf", "EPUB": "application/epub+zip"}


@dataclass(frozen=True)
class Download:
    """One file of the book, beside the web pages."""

    file: str  # its name there, which is also its address from the site's top folder
    label: str  # what it is to a reader: "PDF for print"
    size: int  # in bytes

    @property
    def format(self) -> str:
        return PurePosixPath(self.file).suffix.removeprefix(".").upper()

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES.get(self.format, "application/octet-stream")

    @property
    def text(self) -> str:
        """The link's words: what the file is and how much there is to download, "PDF for print (2.1 MB)"."""
        return f"{self.label} ({size_text(self.size)})"


def size_text(size: int) -> str:
    """A file's size as a reader weighs a download: megabytes to one decimal, kilobytes below a tenth of one."""
    if size >= 100_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} kB"


def downloads_in(folder: str | Path | None, known: dict[str, str]) -> list[Download]:
    """The files of ``known`` (name: label, in the order to list them) that ``folder`` holds; none without it."""
    if not folder or not Path(folder).is_dir():
        return []
    folder = Path(folder)
    return [
        Download(name, label, (folder / name).stat().st_size)
        for name, label in known.items()
        if (folder / name).is_file()
    ]


def printed_editions(downloads: list[Download]) -> dict[str, str]:
    """Each format's first file, by format ("PDF": its name): what the note for readers without JavaScript links."""
    found: dict[str, str] = {}
    for download in downloads:
        found.setdefault(download.format, download.file)
    return found


class BookDownloadsDirective(SphinxDirective):
    """A list of the book's files, each linked with its format and size; nothing when the build has none."""

    def run(self) -> list[nodes.Node]:
        downloads: list[Download] = self.config.book_downloads
        if not downloads:
            return []
        items = nodes.bullet_list(classes=["book-downloads"])
        for download in downloads:
            link = nodes.reference(download.text, download.text, refuri=self._from_page(download.file), internal=True)
            items += nodes.list_item("", nodes.paragraph("", "", link))
        return [items]

    def _from_page(self, file: str) -> str:
        # A web page is its document's name with a suffix, in the same folder: "sub/page" is "sub/page.html".
        return relative_uri(self.env.docname, file)


def _config_inited(app: Sphinx, config: Config) -> None:
    folder = config.book_downloads_folder
    if folder and not Path(folder).is_dir():
        logger.warning(
            "BOOK_DOWNLOADS names %s, which is not a folder: no file is offered to download",
            folder,
            type="book_downloads",
            subtype="folder",
        )
    elif folder and not config.book_downloads:
        # A folder of other names (files renamed, or the wrong folder) would leave the site without them unsaid.
        logger.warning(
            "BOOK_DOWNLOADS names %s, which holds none of the files `make site` puts there: no file is offered "
            "to download",
            folder,
            type="book_downloads",
            subtype="folder",
        )
    if config.book_downloads:
        app.tags.add(TAG)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    context["book_downloads"] = app.config.book_downloads


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("book_downloads_folder", "", "env", types=[str])
    app.add_config_value("book_downloads", [], "env", types=[list])
    app.add_directive("book-downloads", BookDownloadsDirective)
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
