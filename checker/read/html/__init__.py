"""HTML articles: the stdlib parser builds a light element tree, and the story is read from it.

Four layers, each importing only those below it:

- `tree`: the parser and the element tree, with the offset of every tag and text run;
- `kinds`: what one element is (furniture, a caption, a credit, a byline, a date, code, an
  embedded post) by its tag, attributes and class names, and the notes a block may get;
- `bounds`: where the story is (its container, or on a whole page the blocks trafilatura
  reads as the story), its headline and standfirst, and which blocks are the page's tools,
  teasers and rails (page furniture);
- `reader`: the walk over the tree that emits the blocks: headline, subheads, captions and
  their credits, bylines, alt texts, code, timestamps, and paragraphs for the segmenter.

Positions point into the HTML: each word of the derived text keeps the offset it came from.
"""
from checker.model import CODE
from checker.read.html.bounds import PAGE_CHARS, SHORT_PAGE_CHARS
from checker.read.html.kinds import ALT_TEXT, EMBED, FURNITURE, TAGS, TIMESTAMP
from checker.read.html.reader import parse
from checker.read.html.tree import MAX_DEPTH

__all__ = ["ALT_TEXT", "CODE", "EMBED", "FURNITURE", "MAX_DEPTH", "PAGE_CHARS", "SHORT_PAGE_CHARS", "TAGS",
           "TIMESTAMP", "parse"]
