"""Reading a built page's stylesheets: which files it links, and what they declare for a selector."""

from __future__ import annotations

import re


def linked(page: str) -> list[str]:
    """The addresses of the stylesheets a page links, in order."""
    links = re.findall(r"<link\b[^>]*>", page)
    return [m[1] for link in links if 'rel="stylesheet"' in link and (m := re.search(r'href="([^"]+)"', link))]


def declarations(css: str, selector: str) -> dict[str, str]:
    """Property → value for every rule of ``css`` whose selector list names ``selector`` exactly; later wins."""
    found: dict[str, str] = {}
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if selector in (" ".join(s.split()) for s in selectors.split(",")):
            for declaration in body.split(";"):
                name, colon, value = declaration.partition(":")
                if colon:
                    found[name.strip()] = value.strip()
    return found
