# The book and its tests. Every target sets up .venv on first use, so on a fresh
# Debian machine with Python 3.11 `make html` and `make test` are the whole set-up.

PYTHON      ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
BUILDDIR    := _build
SOURCEDIR   := docs
SPHINXOPTS  ?= -n -W --keep-going
PYTESTOPTS  ?=
SPHINXBUILD  = $(PY) -m sphinx -c . -d $(BUILDDIR)/doctrees/$@ $(SPHINXOPTS)
# Where `make site` gathers the PDFs and the EPUB, under the names conf.py's DOWNLOADS knows them by.
DOWNLOADS   := $(BUILDDIR)/downloads
# The EPUB's name as Sphinx makes it from the book's title (its default epub_basename).
EPUB_FILE   := MetastaticCancerASelf-CheckCourse.epub

# The PDF builder runs the `weasyprint` executable, which lives in the venv.
export PATH := $(abspath $(VENV))/bin:$(PATH)

.PHONY: help html site pdf latexpdf epub man texinfo live test check-content lint clean venv \
        student-html student-pdf student-epub instructor-html instructor-pdf instructor-epub editions

help:
	@echo "make html      the reader's book in $(BUILDDIR)/html"
	@echo "make site      the web book with its PDFs and EPUB to download, in $(BUILDDIR)/site: host that folder"
	@echo "make test      the whole test suite (installs Chromium, TeX Live, poppler-utils, Java, Node.js, valgrind if missing)"
	@echo "make check-content  an author's check in seconds: the banks (checks validate --strict), each chapter's shape"
	@echo "               and the typed answers' tests; run it before make html"
	@echo "make pdf       PDF through WeasyPrint (sphinx-simplepdf), $(BUILDDIR)/simplepdf"
	@echo "make latexpdf  book-quality PDF through XeLaTeX, $(BUILDDIR)/latex"
	@echo "make epub      EPUB, $(BUILDDIR)/epub"
	@echo "make man, make texinfo  manual page and Texinfo, $(BUILDDIR)/man, $(BUILDDIR)/texinfo"
	@echo "make live      rebuild and reload in the browser while writing"
	@echo "make student-html student-pdf student-epub           questions only, no keys ($(BUILDDIR)/student/)"
	@echo "make instructor-html instructor-pdf instructor-epub  keys, feedback, misconceptions, blueprint ($(BUILDDIR)/instructor/)"
	@echo "make editions  all six of the student and instructor builds above"
	@echo "make lint      ruff and mypy"
	@echo "make clean     remove $(BUILDDIR)"

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@tools/system-deps.sh venv
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[docs,test]"
	@touch $@

html: $(STAMP)
	$(SPHINXBUILD) -b html $(SOURCEDIR) $(BUILDDIR)/html
	@echo "The book is in $(BUILDDIR)/html/index.html"

# The hosted book: the PDFs and the EPUB first, then the web pages, which copy and link them (BOOK_DOWNLOADS).
site: pdf latexpdf epub
	rm -rf $(DOWNLOADS)
	mkdir -p $(DOWNLOADS)
	cp $(BUILDDIR)/latex/metastatic-cancer.pdf $(DOWNLOADS)/metastatic-cancer.pdf
	cp $(BUILDDIR)/simplepdf/metastatic-cancer.pdf $(DOWNLOADS)/metastatic-cancer-screen.pdf
	cp $(BUILDDIR)/epub/$(EPUB_FILE) $(DOWNLOADS)/metastatic-cancer.epub
	BOOK_DOWNLOADS=$(DOWNLOADS) $(SPHINXBUILD) -b html $(SOURCEDIR) $(BUILDDIR)/site
	@echo "The book and its downloads are in $(BUILDDIR)/site/index.html"

pdf: $(STAMP)
	$(SPHINXBUILD) -b simplepdf $(SOURCEDIR) $(BUILDDIR)/simplepdf
	@echo "The PDF is in $(BUILDDIR)/simplepdf/"

latexpdf: $(STAMP)
	@command -v xelatex >/dev/null && command -v latexmk >/dev/null && command -v xindy >/dev/null || \
	  { echo "make latexpdf needs TeX Live: apt-get install texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-xetex latexmk tex-gyre fonts-freefont-otf xindy" >&2; exit 1; }
	$(PY) -m sphinx -M latexpdf $(SOURCEDIR) $(BUILDDIR) -c . $(SPHINXOPTS)
	@echo "The PDF is in $(BUILDDIR)/latex/"

epub: $(STAMP)
	$(SPHINXBUILD) -b epub $(SOURCEDIR) $(BUILDDIR)/epub

man texinfo: $(STAMP)
	$(SPHINXBUILD) -b $@ $(SOURCEDIR) $(BUILDDIR)/$@

# Editions from one source: -D checks_edition=student|instructor.
student-html instructor-html: $(STAMP)
	$(SPHINXBUILD) -D checks_edition=$(@:-html=) -b html $(SOURCEDIR) $(BUILDDIR)/$(@:-html=)/html

student-epub instructor-epub: $(STAMP)
	$(SPHINXBUILD) -D checks_edition=$(@:-epub=) -b epub $(SOURCEDIR) $(BUILDDIR)/$(@:-epub=)/epub

student-pdf instructor-pdf: $(STAMP)
	$(SPHINXBUILD) -D checks_edition=$(@:-pdf=) -b simplepdf $(SOURCEDIR) $(BUILDDIR)/$(@:-pdf=)/simplepdf
	@command -v xelatex >/dev/null && command -v latexmk >/dev/null && command -v xindy >/dev/null || \
	  { echo "the LaTeX PDF needs TeX Live: apt-get install texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-xetex latexmk tex-gyre fonts-freefont-otf xindy" >&2; exit 1; }
	$(PY) -m sphinx -M latexpdf $(SOURCEDIR) $(BUILDDIR)/$(@:-pdf=) -c . $(SPHINXOPTS) -D checks_edition=$(@:-pdf=)

editions: student-html student-pdf student-epub instructor-html instructor-pdf instructor-epub

live: $(STAMP)
	$(PY) -m sphinx_autobuild -c . $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/live

test: $(STAMP)
	@tools/system-deps.sh tex browser pdftools java node valgrind
	$(PY) -m pytest $(PYTESTOPTS)

# What an author checks first, in seconds: the banks, strictly, then the rules for a chapter's shape and the rows of
# typed answers (tests/test_content.py, tests/test_text_answers.py), without the whole-book builds marked slow.
check-content: $(STAMP)
	$(PY) -m checks validate --strict
	$(PY) -m pytest -q -m "not slow" tests/test_content.py tests/test_text_answers.py

lint: $(STAMP)
	$(PY) -m ruff check src tests bench docs/figures docs/_ext conf.py
	$(PY) -m mypy

clean:
	rm -rf $(BUILDDIR)
