"""The search index's stems are those the reader's browser makes of a query.

Sphinx stems every word of the book into the search index in Python and every word of a reader's query in the
browser; a word whose two stems differ is found only where one stem holds the other (Sphinx's search also matches
parts of words), and then ranked as such. Snowball 3.1's stemmers cut "international" to "internat", Sphinx 9.0's
page to "intern". The build stems with PyStemmer, the C implementation of the same Snowball algorithms, which
snowballstemmer uses when it is installed (a tenth of the HTML build went on stemming in pure Python): so each
side is checked against the other on every word the book and its banks hold.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import snowballstemmer
import sphinx
from sphinx.search.en import SearchEnglish
from test_parity import NODE

ROOT = Path(__file__).resolve().parent.parent

# Loads Sphinx's own stemmer files, as the book's pages do, and stems each word of a JSON list read from stdin.
STEM_IN_JS = r"""
const fs = require("fs");
const vm = require("vm");
const context = {};
vm.createContext(context);
for (const file of process.argv.slice(1)) vm.runInContext(fs.readFileSync(file, "utf8"), context);
const stemmer = vm.runInContext("new EnglishStemmer()", context);
const words = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(words.map((w) => stemmer.stemWord(w.toLowerCase()))));
"""


def _book_words() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in [*ROOT.glob("docs/*.md"), *ROOT.glob("exercises/*.yaml")]]
    return sorted({word for text in texts for word in re.findall(r"[^\W\d_]+", text.lower())})


def test_the_build_stems_in_c() -> None:
    """snowballstemmer hands stemming to PyStemmer when it is installed; without it every build is slower."""
    assert type(snowballstemmer.stemmer("english")).__module__ == "Stemmer"
    assert type(SearchEnglish({}).stemmer).__module__ == "Stemmer"


def test_the_index_and_the_browser_stem_every_word_of_the_book_alike() -> None:
    words = _book_words()
    assert len(words) > 3000
    language = SearchEnglish({})
    indexed = [language.stem(word) for word in words]
    # The stemmer code Sphinx writes into the pages' language_data.js.
    minified = Path(sphinx.__file__).parent / "search" / "minified-js"
    files = [minified / "base-stemmer.js", minified / SearchEnglish.js_stemmer_rawcode]
    done = subprocess.run(
        [NODE, "-e", STEM_IN_JS, *map(str, files)],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    queried = json.loads(done.stdout)
    differ = [
        (word, ours, theirs) for word, ours, theirs in zip(words, indexed, queried, strict=True) if ours != theirs
    ]
    assert differ == []
    assert dict(zip(words, indexed, strict=True))["metastases"] == "metastas"  # the stemmer did stem
