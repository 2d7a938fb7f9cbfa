"""The HTML reader: what it reads as the article, and positions in the original file."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.config import load
from checker.model import ITALIC, QUOTATION, Kind, Source
from checker.read import ReadError, read_path, read_text
from checker.rules import off_topic
from checker.segment import SHAPED_PARAGRAPH, Segmenter
from tests.helpers import check_text
from tests.test_read import assert_invariant

PAGE = """\
<!DOCTYPE html>
<html>
<head>
  <title>Floods in Bangladesh | The Ledger</title>
  <meta property="article:published_time" content="2024-06-20T08:00:00Z">
  <style>p { color: red }</style>
</head>
<body>
<header class="site"><a href="/">The Ledger</a><nav><a href="/w">World</a></nav></header>
<article>
  <header>
    <h1>Floods cut off villages in
        northeast Bangladesh</h1>
    <p class="byline">By <a rel="author" href="/jr">Jane Roe</a></p>
  </header>
  <figure>
    <img src="flood.jpg" alt="Flood water in a street">
    <figcaption>Residents wade through floodwaters in Jacobabad, Pakistan, Aug. 27, 2020.
      <span class="credit">AP Photo/Pervez Masih/File</span></figcaption>
  </figure>
  <!-- checker: disable caption-mismatch -->
  <p>Floodwaters swallowed villages across Bangladesh&rsquo;s northeast on
     Thursday, officials &amp; aid workers said.</p>
  <h2>Rivers rising</h2>
  <p>The Surma rose <b>again</b> overnight.<br>Schools were closed.</p>
  <aside><p>Read more: Ten cafes in Melbourne</p></aside>
  <article class="card"><h3>Related story</h3><p>Another story's text.</p></article>
  <script>var p = "<p>not text</p>";</script>
</article>
<footer><p>Copyright The Ledger</p></footer>
</body>
</html>
"""


@pytest.fixture(scope="module")
def page() -> Source:
    return read_text(PAGE, "page.html", "html")


def _notices(count: int) -> str:
    """Paragraphs of a story for the page tests, each its own sentence."""
    return "".join(f"<p>The island ferry will cost more from June, the operator said in notice {n} after "
                   f"a year of losses.</p>" for n in range(1, count + 1))


def line_of(text: str, snippet: str) -> tuple[int, int]:
    """(line, column) of a snippet in the original file, 1-based."""
    at = text.index(snippet)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def block(source: Source, start: str):
    return next(b for b in source.blocks if b.text.startswith(start))


def paragraphs(sentence: str, n: int) -> str:
    """n <p>s of one sentence, numbered ("On day {n} of the search…"), as a story's body."""
    return "".join(f"<p>{sentence.format(n=i)}</p>" for i in range(n))


def test_reads_the_article_with_hints(page: Source) -> None:
    assert [(b.hint, b.text) for b in page.blocks if b.hint is not Kind.OTHER] == [
        (Kind.HEADLINE, "Floods cut off villages in northeast Bangladesh"),
        (Kind.BYLINE, "By Jane Roe"),
        (Kind.CAPTION, "Residents wade through floodwaters in Jacobabad, Pakistan, Aug. 27, 2020."),
        (Kind.CREDIT, "AP Photo/Pervez Masih/File"),
        (None, "Floodwaters swallowed villages across Bangladesh’s northeast on Thursday, "
               "officials & aid workers said."),
        (Kind.SUBHEAD, "Rivers rising"),
        (None, "The Surma rose again overnight."),
        (None, "Schools were closed."),
    ]
    assert page.format == "html"
    assert_invariant(page)


def test_a_fragment_is_read_by_its_containers(page: Source) -> None:
    """A short page or an article's own markup (a CMS export) has too little text for
    trafilatura to judge: its furniture and nested stories are left out by their tags."""
    text = page.text
    for furniture in ("World", "Read more", "Related story", "not text", "Copyright",
                      "The Ledger", "color", "Flood water in a street"):
        assert furniture not in text


STORY = [
    "Floodwaters swallowed villages across the northeast on Thursday after days of heavy rain, "
    "cutting off roads and leaving thousands of families stranded on rooftops and embankments.",
    "The Surma and Kushiyara rivers were running above danger level at a dozen monitoring "
    "stations, the flood forecasting centre said, and more rain was expected over the weekend.",
    "Army and navy units were deployed to ferry stranded families to safety by boat, while "
    "local officials opened schools and government buildings as temporary shelters.",
    "Health officials said their biggest worry was waterborne disease, and medical teams were "
    "being sent to the worst-hit districts with oral rehydration salts and water purification tablets.",
    "Farmers said the water had destroyed much of a harvest they had only just brought in, and "
    "many feared they would not be able to repay loans taken out for seed and fertiliser.",
    "Aid workers said the response was already stretched, with many shelters holding several "
    "times the number of people they were built for and food supplies running low.",
]

BIG_PAGE = f"""<!DOCTYPE html><html><head><title>Floods | The Ledger</title></head><body>
<header class="site"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="rail"><div class="teaser"><img src="t.jpg" alt="A striker celebrates a late winner at the stadium">
<a href="/x">Late winner keeps the title race alive</a></div></div>
<article class="story">
<h1>Floods cut off villages in the northeast</h1>
<div class="byline"><span class="author">Jane Roe</span><span class="date">Published June 20, 2024</span></div>
<figure><img src="lead.jpg" alt="x"><figcaption>Residents wade through a flooded street in the town
centre.</figcaption></figure>
<div class="body">
{"".join(f"<p>{p}</p>" for p in STORY[:3])}
<div class="share"><button>Share</button> <a href="/e">Share via email</a></div>
<figure><img src="boats.jpg" alt="y"><figcaption>Rescue boats carry families to a school used as a shelter.</figcaption></figure>
{"".join(f"<p>{p}</p>" for p in STORY[3:])}
</div>
<section class="related"><article class="card"><img src="c.jpg" alt="Shoppers queue outside a bakery before the holiday">
<h3>Bakeries report record holiday sales</h3></article></section>
</article>
<footer><p>Copyright The Ledger. All rights reserved.</p><p>About us. Contact. Careers.</p></footer>
</body></html>"""


def test_a_page_is_read_whole_and_its_furniture_kept_apart() -> None:
    """trafilatura says which blocks are the story; the rest of the page is read as page
    furniture (no rule judges it), and captions are the story's own only inside it."""
    source = read_text(BIG_PAGE, "page.html", "html")
    kinds = {b.text: (b.hint, b.note) for b in source.blocks}
    for paragraph in STORY:
        assert kinds[paragraph] == (None, ""), paragraph[:30]
    assert kinds["Floods cut off villages in the northeast"][0] is Kind.HEADLINE
    assert kinds["Residents wade through a flooded street in the town centre."][0] is Kind.CAPTION
    assert kinds["Rescue boats carry families to a school used as a shelter."][0] is Kind.CAPTION
    for furniture in ("Home World Sport", "A striker celebrates a late winner at the stadium",
                      "Late winner keeps the title race alive", "Share Share via email",
                      "Shoppers queue outside a bakery before the holiday",
                      "Bakeries report record holiday sales"):
        assert kinds.get(furniture) == (Kind.OTHER, "page furniture"), furniture
    assert all(hint is Kind.OTHER for text, (hint, _) in kinds.items() if "Copyright" in text)
    # two elements the page's style sets apart are never glued into one word
    assert any(b.text == "Jane Roe Published June 20, 2024" for b in source.blocks)
    assert_invariant(source)


def test_a_page_reviewed_flags_nothing_on_its_furniture(engine) -> None:
    result = check_text(engine, BIG_PAGE, "html", "page.html")
    assert result.error is None
    assert not [f for f in result.findings if f.severity.label != "info"], result.findings


def test_caption_and_its_credit_share_a_line(page: Source) -> None:
    caption, credit = block(page, "Residents"), block(page, "AP Photo")
    assert "\n" not in page.text[caption.start:credit.end]


def test_positions_point_into_the_original_file(page: Source) -> None:
    for snippet in ("Jacobabad", "AP Photo", "Floods cut", "northeast Bangladesh</h1>",
                    "Jane Roe", "Thursday", "aid workers", "again", "Schools", "Rivers rising"):
        word = snippet.split("<")[0]
        assert page.position(page.text.index(word)) == line_of(PAGE, snippet), snippet


def test_finding_inside_a_figcaption_maps_to_its_line(page: Source) -> None:
    caption = block(page, "Residents")
    line, _ = line_of(PAGE, "<figcaption>")
    for offset in range(caption.start, caption.end):
        assert page.position(offset)[0] == line
    assert page.position(caption.start) == line_of(PAGE, "Residents")
    assert page.position(caption.end - 1) == line_of(PAGE, ".\n      <span")


def test_entities_map_to_their_ampersand(page: Source) -> None:
    assert page.position(page.text.index("’s northeast")) == line_of(PAGE, "&rsquo;")
    assert page.position(page.text.index("& aid")) == line_of(PAGE, "&amp;")
    assert page.position(page.text.index("s northeast")) == line_of(PAGE, "s northeast")


def test_original_lines_for_excerpts(page: Source) -> None:
    line, _ = page.position(block(page, "Residents").start)
    assert page.original_line(line).strip().startswith("<figcaption>Residents wade")
    assert page.original_line(0) == page.original_line(10_000) == ""


def test_line_starts_follow_original_lines(page: Source) -> None:
    # rules slice "the line a segment is on" as text[line_starts[line - 1]:…]
    for b in page.blocks:
        line, _ = page.position(b.start)
        start = page.line_starts[line - 1]
        assert start <= b.start and page.position(start)[0] <= line
        assert start == 0 or page.text[start - 1] == "\n"


def test_directives_and_date_in_meta(page: Source) -> None:
    assert page.meta["directives"] == [
        {"line": line_of(PAGE, "<!--")[0], "text": "<!-- checker: disable caption-mismatch -->"}]
    assert page.meta["date"] == "2024-06-20T08:00:00Z"


def test_a_date_set_as_a_heading_is_the_storys_timestamp() -> None:
    source = read_text("<article><h1>Ferry fares rise</h1><h6 class='dateline'>February 26, 2016</h6>"
                       "<p>The island ferry will cost more from June.</p></article>", "t.html", "html")
    assert [(b.hint, b.note) for b in source.blocks if b.text == "February 26, 2016"] == [(Kind.OTHER, "timestamp")]


def test_a_posts_filing_and_a_days_box_say_nothing_of_its_text() -> None:
    """WordPress files a post in "category-code" on its box (beside "hentry"): its paragraphs
    are prose, not a code listing; filed under an author ("byline-jane-roe"), they are no byline. Blogger boxes a day's posts in "date-outer": a date's
    element holds a date, not the post's lines. Blogger names the post's body both
    description and articleBody: the body, not a standfirst."""
    paras = paragraphs("On day {n} we ran the experiment again, and 2) the results held for every "
                       "market we tried.", 5)
    wp = ("<html><head><title>Experiments</title></head><body><div class='post-17 post type-post "
          f"status-publish hentry category-code tag-data'><h1>Experiments</h1>{paras}</div></body></html>")
    # (a custom taxonomy of authors files it in "byline-jane-roe": the post, not its byline)
    wp_author = wp.replace("tag-data", "tag-data byline-jane-roe")
    blogger = ("<html><head><title>Experiments</title></head><body><div class='date-outer'><h2 class='date-header'>"
               "<span>Sunday, April 17, 2016</span></h2><div class='date-posts'><h3 class='post-title'>Experiments</h3>"
               f"<div class='post-body' itemprop='description articleBody'>{paras}</div></div></div></body></html>")
    for html in (wp, wp_author, blogger):
        source = read_text(html, "t.html", "html")
        story = [b for b in source.blocks if b.text.startswith("On day")]
        assert len(story) == 5 and all(b.hint is None and b.note == "" for b in story), html[:60]


def test_a_furniture_boxs_title_and_excerpt_are_furniture() -> None:
    paras = paragraphs("On day {n} the sales team met its number, and the firm said the training "
                       "had paid for itself within the quarter.", 5)
    html = (f"<html><head><title>Sales training</title></head><body><article><h1>Sales training</h1>{paras}"
            "<div class='author-bio-title'>ABOUT THE AUTHOR</div><div class='author-bio-excerpt'>"
            "<div class='tagline'>Leads the firm's focus on the chief executive's role in growth.</div></div>"
            "</article></body></html>")
    hints = {b.text: (b.hint, b.note) for b in read_text(html, "t.html", "html").blocks}
    assert hints["ABOUT THE AUTHOR"] == (Kind.OTHER, "page furniture")
    assert hints["Leads the firm's focus on the chief executive's role in growth."] == (Kind.OTHER, "page furniture")


def test_title_is_the_headline_without_h1() -> None:
    source = read_text("<title>A  Title</title><body><p>One paragraph.</p></body>", "t.html", "html")
    assert [(b.hint, b.text) for b in source.blocks] == [
        (Kind.HEADLINE, "A Title"), (None, "One paragraph.")]


@pytest.mark.parametrize("head, story, headline", [
    # a box the markup names the story's title, not a teaser's
    ("Scripting News: Tech press misses the name grab",
     "<div class='teaser'><div class='story-title'>Weather for the weekend</div></div>"
     "<div class='storyTitle'>Tech press misses the name grab</div>", "Tech press misses the name grab"),
    # the innermost block of the box that still carries the title: the box holds the byline too
    ("Registry keeps its names - The Daily Planet",
     "<div class='article_title'><dl><dt>Registry keeps its names</dt><dd>By Jane Roe</dd></dl></div>",
     "Registry keeps its names"),
    # a <title> inside the body: the story's template printing its own head
    ("News from India on Technology and more: EXAMPLE.COM",
     "<title>Network maker watches shadow IT</title><span class='header'>Network maker watches shadow IT</span>",
     "Network maker watches shadow IT"),
])
def test_with_no_h1_the_storys_own_title_is_its_headline(head: str, story: str, headline: str) -> None:
    paras = paragraphs("On day {n} the registry said it would keep the new names for its own "
                       "services, and critics said the web would be poorer for it.", 5)
    html = f"<html><head><title>{head}</title></head><body><div class='row'>{story}{paras}</div></body></html>"
    source = read_text(html, "t.html", "html")
    assert [b.text for b in source.blocks if b.hint is Kind.HEADLINE] == [headline]


def test_a_title_read_as_the_headline_leaves_the_site_and_section_names_out() -> None:
    def headline(title: str) -> tuple[str, str]:
        text = f"<title>{title}</title><body><p>One paragraph.</p></body>"
        source = read_text(text, "t.html", "html")
        block = next(b for b in source.blocks if b.hint is Kind.HEADLINE)
        return block.text, source.position(block.start)

    # The headline's position is its own part's in the file, not the title's.
    assert headline("Gamasutra - Features - The Media Molecule  Identity") == \
        ("The Media Molecule Identity", (1, len("<title>Gamasutra - Features - ") + 1))
    assert headline("Sea walls rise along the coast | Daily Planet")[0] == "Sea walls rise along the coast"
    # No part plainly the longest, or no parts: the whole title.
    assert headline("Simulators — LessWrong")[0] == "Simulators — LessWrong"
    assert headline("Tony Blair: Why there has to be compromise")[0] == "Tony Blair: Why there has to be compromise"


def test_a_part_of_the_title_the_page_names_its_site_is_never_the_headline() -> None:
    """An old WordPress title sets the post before the blog's longer name: the page's links
    to its home page and its feed name the blog, so the shorter part is the post's."""
    def headline(head: str) -> str:
        text = (f"<html><head><title>Twitter API and Me &laquo; Find Time for the Karussell</title>{head}</head>"
                "<body><p>One paragraph.</p></body></html>")
        return next(b.text for b in read_text(text, "t.html", "html").blocks if b.hint is Kind.HEADLINE)

    feed = ('<link rel="alternate" type="application/rss+xml" title="Find Time for the Karussell &raquo; Feed" '
            'href="/feed/">')
    assert headline(feed) == "Twitter API and Me"
    assert headline("<link rel='index' title='Find Time for the Karussell' href='/'>") == "Twitter API and Me"
    assert headline('<meta property="og:site_name" content="Find Time for the Karussell">') == "Twitter API and Me"
    # named nowhere, the longest part wins
    assert headline("") == "Find Time for the Karussell"


def test_the_part_of_the_title_the_page_sets_as_a_heading_is_the_headline() -> None:
    """A blog with no <h1> sets its post's title as an <h2>: that part of the <title> is the
    story's, though the blog's name beside it is longer."""
    html = ("<html><head><title>Quill 0.4 released | Notes by Jane Roe</title></head><body>"
            "<header><a href='/'>Notes by Jane Roe</a></header><div class='entry'><h2>Quill 0.4 released</h2>"
            "<p>Quill 0.4 is out, with a fix for the crash on empty files and a new flag to print line "
            "numbers.</p></div><div class='recent'><h2>Recent articles</h2><ul><li><a href='/a'>What I "
            "learned from rebuilding my tables</a></li></ul></div></body></html>")
    source = read_text(html, "t.html", "html")
    assert next(b.text for b in source.blocks if b.hint is Kind.HEADLINE) == "Quill 0.4 released"


def test_bare_text_in_a_box_is_read_a_paragraph_per_blank_line() -> None:
    """A page that sets its story's bare text by its style sheet: the blank lines between
    its paragraphs are what a reader sees; a <p>'s wrapped source is still one paragraph."""
    html = ("<html><head><title>Ministry revises climate guidelines</title></head><body>"
            "<h1>Ministry revises climate guidelines</h1><div class='content'>Taipei, Nov. 17 (CNA) The ministry "
            "released updated guidelines on Thursday.\n\nThe guidelines were first announced in 2017.\n  \n"
            "(By Jane Roe)\n\n</div><p>One paragraph\n\nwrapped in its source.</p></body></html>")
    source = read_text(html, "t.html", "html")
    texts = [b.text for b in source.blocks if b.hint is not Kind.HEADLINE]
    assert texts == ["Taipei, Nov. 17 (CNA) The ministry released updated guidelines on Thursday.",
                     "The guidelines were first announced in 2017.", "(By Jane Roe)",
                     "One paragraph wrapped in its source."]
    second = next(b for b in source.blocks if b.text.startswith("The guidelines"))
    at = html.index("The guidelines")
    assert source.position(second.start) == (html.count("\n", 0, at) + 1, at - html.rfind("\n", 0, at))


def test_h1_above_the_article_element_is_its_headline() -> None:
    source = read_text("<h1>The Headline</h1>\n<article><p>Body text.</p></article>\n"
                       "<article><h1>Other</h1></article>", "t.html", "html")
    assert [(b.hint, b.text) for b in source.blocks] == [
        (Kind.HEADLINE, "The Headline"), (None, "Body text.")]


def test_largest_article_and_else_main() -> None:
    source = read_text("<article><p>Short.</p></article><article><p>A much longer story "
                       "body.</p></article>", "t.html", "html")
    assert [b.text for b in source.blocks] == ["A much longer story body."]
    source = read_text("<div>Site chrome</div><main><p>Main text.</p></main>", "t.html", "html")
    assert [b.text for b in source.blocks] == ["Main text."]


def test_alt_text_is_read_as_alt_text_not_as_a_caption() -> None:
    """An image's alt text describes the picture for those who cannot see it: kind other,
    noted "alt text", shown in the outline and judged by no rule; an icon's is not read."""
    html = ('<body><p>Text.</p>\n<img src="a" alt="Rescue &amp; relief boats on the river">'
            '<img src="logo" alt="Logo"></body>')
    source = read_text(html, "t.html", "html")
    assert [(b.hint, b.text, b.note) for b in source.blocks] == [
        (None, "Text.", ""), (Kind.OTHER, "Rescue & relief boats on the river", "alt text")]
    caption = source.blocks[1]
    assert source.position(caption.start) == line_of(html, "Rescue")
    # an entity in the attribute: the whole alt text maps to its start
    assert source.position(caption.end - 1) == line_of(html, "Rescue")
    plain = read_text('<p>x</p>\n\n  <img alt="Boats on the river">', "t.html", "html")
    assert plain.position(plain.text.index("river")) == line_of('<p>x</p>\n\n  <img alt="Boats on the river">', "river")


def test_bylines_by_class_itemprop_and_address() -> None:
    html = ('<article><h1>Head line</h1><div class="article__author">Jo Bloggs</div>'
            '<span itemprop="author">Al Smith</span><address>Cal Doe</address>'
            '<div class="bodyAuthor">Ann Lee, PhD</div><p>Body.</p></article>')
    source = read_text(html, "t.html", "html")
    assert [b.hint for b in source.blocks] == [Kind.HEADLINE] + [Kind.BYLINE] * 4 + [None]
    # a camel-cased class that closes on something else names no author
    source = read_text('<article><h1>Head line</h1><div class="authorBio">Ann Lee writes on health.</div>'
                       '<p>Body.</p></article>', "t.html", "html")
    assert [b.hint for b in source.blocks] == [Kind.HEADLINE, None, None]
    source = read_text('<p class="byline">By Jane Roe<br>June 3, 2024</p><p>Body.</p>', "t.html",
                       "html")
    assert [(b.hint, b.text) for b in source.blocks] == [
        (Kind.BYLINE, "By Jane Roe June 3, 2024"), (None, "Body.")]
    # A <br> after the byline's element has closed ends the byline: the post's text follows.
    source = read_text('<div class="post"><span class="byline-author">Posted by Jane Roe</span><br>\n<br>\n'
                       'At the lab, we care about faster pages.<br>\n<br>\nThe new encoder is free.</div>',
                       "t.html", "html")
    assert [(b.hint, b.text) for b in source.blocks] == [
        (Kind.BYLINE, "Posted by Jane Roe"), (None, "At the lab, we care about faster pages."),
        (None, "The new encoder is free.")]


@pytest.mark.parametrize("by", ["By", "BY"])
def test_a_by_name_heading_under_the_headline_is_a_byline_not_a_standfirst(by: str) -> None:
    html = ("<html><head><title>t</title></head><body><nav><a href='/'>Home</a></nav><article>"
            "<h1>What homeschooling taught me about teaching</h1>"
            f"<h4>{by} Jane Roe (Columnist) May 18, 2020</h4>"
            + "".join(f"<p>In week {n} of the school closures I set my children {n + 2} tasks a day, "
                      f"and we finished fewer of them than the week before.</p>" for n in range(12))
            + "</article></body></html>")
    source = read_text(html, "t.html", "html")
    assert source.meta.get("page")
    assert [(b.hint, b.text) for b in source.blocks if b.hint is not Kind.OTHER][:2] == [
        (Kind.HEADLINE, "What homeschooling taught me about teaching"),
        (Kind.BYLINE, f"{by} Jane Roe (Columnist) May 18, 2020")]


def test_what_the_page_marks_in_headings_captions_and_quotes() -> None:
    html = ("<h1>Fields seen from above</h1><h3 class='author'>Grace Ebert</h3>"
            "<figure><img src='a.jpg' alt=''><figcaption><span class='author'>© Adobe Stock/Jane Doe</span> "
            "<span class='caption'>Rows of wheat near the river.</span></figcaption></figure>"
            "<p>The photographer flew over the farms for a year.</p>"
            "<blockquote><p>Call me Ishmael. Some years ago, never mind how long precisely.</p></blockquote>"
            "<h3>Her next project</h3>")
    source = read_text(html, "t.html", "html")
    assert [(b.hint, b.note, b.text) for b in source.blocks] == [
        (Kind.HEADLINE, "", "Fields seen from above"),
        (Kind.BYLINE, "", "Grace Ebert"),
        (Kind.CREDIT, "", "© Adobe Stock/Jane Doe"),
        (Kind.CAPTION, "", "Rows of wheat near the river."),
        (None, "", "The photographer flew over the farms for a year."),
        (None, QUOTATION, "Call me Ishmael. Some years ago, never mind how long precisely."),
        (Kind.SUBHEAD, "", "Her next project")]


def test_a_quotation_set_between_pictures_of_its_marks_is_a_quotation_not_a_caption() -> None:
    """A 2008 news page sets its pull quote between images of quotation marks, in bold and
    with no full stop: the shape of a tabloid's caption, but someone's words."""
    story = paragraphs("On day {n} the central banks lent more cash to the banks, which have been "
                       "reluctant to lend to each other, officials in London said.", 6)
    box = ("<table align='right'><tr><td><div class='mva'><img src='/img/v3/start_quote_rb.gif' alt=''>"
           "<b>Bottom line of all this is that the Age of Anxiety is far from over</b>"
           "<img src='/img/v3/end_quote_rb.gif' alt=''><br clear='all'/></div>"
           "<div class='mva'><div>Robert Peston, Business editor</div></div></td></tr></table>")
    html = (f"<html><body><h1>More cash is injected into banks</h1>{story[:len(story) // 2]}{box}"
            f"{story[len(story) // 2:]}</body></html>")
    source = read_text(html, "t.html", "html")
    quote = next(b for b in source.blocks if b.text.startswith("Bottom line"))
    assert quote.note == QUOTATION
    article = Segmenter(load().segmenter).segment(source)
    kind = next(s.kind for s in article.segments if s.text.startswith("Bottom line"))
    assert kind is Kind.BODY
    plain = Segmenter(load().segmenter).segment(read_text(html.replace("_quote_rb.gif", "_rb.gif"), "t.html", "html"))
    assert next(s.kind for s in plain.segments if s.text.startswith("Bottom line")) is not Kind.BODY


def test_a_list_between_the_storys_paragraphs_is_the_storys_own() -> None:
    """trafilatura may drop a list a blog post sets between its paragraphs; beside them in
    their element and not a list of links, it is the post's."""
    lead = ("<p>In this game I want several things to be included, and I am going to list them here "
            "because a list is easier to read than a paragraph that runs on and on.</p>")
    items = "".join(f"<li>{t}</li>" for t in (
        "Background Image (what everything is drawn upon) which includes the water and the sand",
        "Menu items (the information block and buttons) which will have two states each",
        "Effects (muzzle flair, smoke, explosions) for every attack in the game"))
    after = paragraphs("To give you an idea of how big this is, part {n} of the art needs about four frames "
                       "per item, a default, two building up and a return frame.", 4)
    html = ("<html><head><title>Serge's Game Blog - Image Overload</title></head><body>"
            "<div class='Header'><h1>Serge's Blog</h1></div><div class='Body'><div class='FullTop'>"
            "<strong>Image Overload</strong></div><div class='FullPost'>" + lead + f"<ul>{items}</ul>" + after +
            "</div></div><div class='sidebar'><ul><li><a href='/Image-Overload/'>Image Overload</a></li>"
            "<li><a href='/Indie-Reviews/'>Indie Reviews 01</a></li></ul></div></body></html>")
    source = read_text(html, "t.html", "html")
    article = Segmenter(load().segmenter).segment(source)
    kinds = {s.text[:20]: s.kind for s in article.segments}
    assert kinds["Background Image (wh"] is Kind.BODY and kinds["Effects (muzzle flai"] is Kind.BODY
    # the blog's name in the site's header is no headline: the post's title, as its <title> gives it, is
    assert [b.text for b in source.blocks if b.hint is Kind.HEADLINE] == ["Image Overload"]
    linked = html.replace(f"<ul>{items}</ul>", "<ul>" + "".join(
        f"<li><a href='/p/{n}'>Another post of the blog, number {n} of the series</a></li>" for n in range(3)) + "</ul>")
    article = Segmenter(load().segmenter).segment(read_text(linked, "t.html", "html"))
    assert all(s.kind is not Kind.BODY for s in article.segments if s.text.startswith("Another post"))


def test_a_rails_comment_counts_do_not_stretch_the_story_over_it() -> None:
    story = paragraphs("On day {n} of the search, divers and police searched the river banks near the "
                       "old mill for the missing canoeist, the county said.", 6)
    rail = "".join(f"<li><a href='/world/story-{n}'>Headline of another story number {n} here</a>"
                   f"<p><span class='publish-date'>May 0{n}, 2010</span> <span>60{n} comments</span></p></li>"
                   for n in range(1, 4))
    html = ("<html><head><title>Search goes on for canoeist</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<div id='content'><h1>Search goes on for canoeist</h1>{story}"
            f"<div class='portlet'><h2>Most Commented</h2><ul>{rail}</ul></div></div>"
            "<footer>© Town Gazette</footer></body></html>")
    source = read_text(html, "t.html", "html")
    assert source.meta.get("page")
    teasers = [b for b in source.blocks if b.text.startswith("Headline of another")]
    assert len(teasers) == 3 and all(b.hint is Kind.OTHER for b in teasers)
    assert all(b.hint is None for b in source.blocks if b.text.startswith("On day"))


def test_a_figcaption_credit_after_a_camera_icon_and_a_caption_without_words() -> None:
    html = ("<h1>Voice of the highway ramp</h1><p>He stood by the ramp for years, the station said.</p>"
            "<figure><img src='a.jpg' alt=''><figcaption><span class='img-caption_txt'>Ted holds a sign near "
            "a highway ramp in Columbus, Ohio.</span> <i class='fa fa-camera' aria-hidden='true'></i>Jane Doe / AP"
            "</figcaption></figure>"
            "<figure><img src='b.jpg' alt=''><figcaption><i class='icon-photo'></i>A crowd at the ramp"
            "</figcaption></figure>"
            "<div class='img-caption img-caption_video'><i class='fa fa-play'></i> <span>2:44</span></div>"
            "<p>He now reads the news on the radio.</p>")
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    kinds = [(s.kind, s.text) for s in article.segments if s.kind in (Kind.CAPTION, Kind.CREDIT, Kind.OTHER)]
    assert (Kind.CAPTION, "Ted holds a sign near a highway ramp in Columbus, Ohio.") in kinds
    assert (Kind.CREDIT, "Jane Doe / AP") in kinds
    # an icon that is no camera leaves the caption whole
    assert (Kind.CAPTION, "A crowd at the ramp") in kinds
    assert (Kind.OTHER, "2:44") in kinds


def test_a_caption_element_holding_a_label_or_a_date_stamp_is_no_caption() -> None:
    html = ("<h1>Ramp voice</h1><p>He stood by the ramp for years, the station said on Friday.</p>"
            "<div class='post-meta'><span class='caption'>Posted:</span> <span class='publishdate'>"
            "Wednesday, May 06, 2015</span></div><figure><img src='a.jpg' alt=''>"
            "<figcaption>Credits:</figcaption></figure><p>He now reads the news on the radio.</p>")
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    assert not [s.text for s in article.segments if s.kind is Kind.CAPTION]


def test_a_heading_between_the_storys_paragraphs_is_its_subhead_though_trafilatura_drops_it(monkeypatch) -> None:
    import trafilatura

    real = trafilatura.extract
    dropped = ("Pricing", "Around the web", "THE PHONE'S battery is set to outlast every rival on the shelf this year.",
               "Battery notes")
    monkeypatch.setattr(trafilatura, "extract", lambda text, **kw: "\n".join(
        line for line in (real(text, **kw) or "").splitlines() if line.strip("# ") not in dropped))
    paras = paragraphs("Day {n}: the phone's battery lasted past midnight, and its camera kept up with a "
                       "busy street market in the rain, I found.", 4)
    html = ("<html><head><title>The phone review</title></head><body><div id='nav'><a href='/'>Home</a> "
            f"<a href='/a'>Archive</a></div><div id='main'><h1>The phone review</h1><div class='tools'>"
            "<a href='#c'>Add a comment</a></div><h2>THE PHONE'S battery is set to outlast every rival on the "
            f"shelf this year.</h2>{paras}<p><b>Battery notes</b></p>{paras}<h2>Pricing</h2>"
            f"{paras.replace('Day', 'Price')}<h2>Around the web</h2></div>"
            "<div id='footer'>© Daring Example</div></body></html>")
    source = read_text(html, "t.html", "html")
    assert source.meta.get("page")
    kinds = {b.text: b.hint for b in source.blocks if b.text in dropped}
    # a subhead set in bold in a <p> is left to the segmenter, as it is where trafilatura keeps it
    assert kinds == {"Pricing": Kind.SUBHEAD, "Around the web": Kind.OTHER, dropped[2]: Kind.SUBHEAD,
                     "Battery notes": None}


def test_the_paragraph_after_a_pull_quote_is_the_storys() -> None:
    """A class naming the paragraph's place beside a pull quote ("graf-after--pullquote") does
    not make it one."""
    paras = paragraphs("On day {n} the volunteers taught another class of beginners to write code, and "
                       "most of them came back the next week.", 5)
    html = ("<html><head><title>Learning to code</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Learning to code</h1>{paras}"
            "<blockquote class='graf graf--pullquote'>Most of them came back the next week.</blockquote>"
            "<p class='graf graf--p graf-after--pullquote'>So you open your browser and go to the lesson, "
            "and the first exercise asks you to print your own name on the screen.</p>"
            f"{paras}</article><footer>© Town Gazette</footer></body></html>")
    source = read_text(html, "t.html", "html")
    kinds = {b.text.split()[0]: b.hint for b in source.blocks if b.text.startswith(("So you", "Most of"))}
    assert kinds == {"Most": Kind.OTHER, "So": None}
    # A pull quote printed nowhere else in the story is the author's sentence, set large.
    own = html.replace("Most of them came back the next week.</blockquote>",
                       "What tangible difference has a degree made to my life?</blockquote>")
    source = read_text(own, "t.html", "html")
    assert [b.hint for b in source.blocks if b.text.startswith("What tangible")] == [None]
    # A data attribute names a pull quote too.
    marked = html.replace("<blockquote class='graf graf--pullquote'>", "<aside class='embed' data-content-type='pullquote'>"
                          ).replace("next week.</blockquote>", "next week.</aside>")
    source = read_text(marked, "t.html", "html")
    assert [b.hint for b in source.blocks if b.text == "Most of them came back the next week."] == [Kind.OTHER]


def test_a_pull_quote_in_an_aside_is_the_pages_design() -> None:
    paras = paragraphs("On day {n} he read the news on the radio, and the station said listeners called in "
                       "from three states to thank him.", 5)
    html = ("<html><head><title>Voice of the ramp</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Voice of the ramp</h1>{paras}"
            "<aside class='pullquote'><q>\"I'm having the time of my life.\"</q></aside>"
            "<p>\"I'm having the time of my life,\" he said on Friday, before his last show of the week.</p>"
            f"{paras}</article><footer>© Town Gazette</footer></body></html>")
    source = read_text(html, "t.html", "html")
    assert source.meta.get("page")
    quotes = [(b.hint, b.text) for b in source.blocks if "time of my life" in b.text]
    assert quotes[0] == (Kind.OTHER, "\"I'm having the time of my life.\"")
    assert quotes[1][0] is None


# the card's picture and title link to one story, or (a film strip's card) the picture to a
# special report and the title to one story of it
@pytest.mark.parametrize("title_href", ["/ni/1", "/ni/2"])
def test_a_teaser_cards_line_is_furniture_but_a_column_of_the_storys_paragraphs_is_not(
        monkeypatch, title_href: str) -> None:
    import trafilatura

    real = trafilatura.extract
    # trafilatura may keep a card's line with the story (a table-laid page's promo row)
    monkeypatch.setattr(trafilatura, "extract", lambda text, **kw: (real(text, **kw) or "") +
                        "\nThe coalition in the north is close to breaking point, its leaders say.")
    story = paragraphs("On day {n} of the search, divers and police searched the river banks near the "
                       "old mill for the missing canoeist, the county said.", 6)
    card = (f"<div class='card'><div><a href='/ni/1'><img src='t.jpg' alt=''></a><a href='{title_href}'>Near the rocks</a>"
            "</div><div>The coalition in the north is close to breaking point, its leaders say.</div></div>")
    # a byline box with the reporter's linked badge and name, then the story's own paragraphs
    byline_box = ("<div class='group'><a href='/reporter/jane'><img src='j.jpg' alt=''></a>"
                  f"<a href='/reporter/jane'>Jane Roe</a>{story}</div>")
    html = ("<html><head><title>Search goes on for canoeist</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Search goes on for canoeist</h1>{byline_box}{card}{story}</article>"
            "<footer>© Town Gazette</footer></body></html>")
    source = read_text(html, "t.html", "html")
    assert source.meta.get("page")
    teaser = [b.hint for b in source.blocks if b.text.startswith("The coalition")]
    assert teaser == [Kind.OTHER]
    assert all(b.hint is None for b in source.blocks if b.text.startswith("On day"))


def test_a_story_a_page_sets_in_noscript_is_read_where_it_stands() -> None:
    paras = "\n".join(f"<p>On day {n} of the trial, the jury heard from engineers who inspected the bridge "
                      f"and from residents who saw it fall into the river.</p>" for n in range(6))
    html = ("<html><head><title>Bridge trial opens</title></head><body>\n"
            "<nav><a href='/'>Home</a> <a href='/tech'>Tech</a> <a href='/finance'>Finance</a></nav>\n"
            "<div id='app'></div>\n"
            f"<noscript><article><h1>Bridge trial opens</h1>\n{paras}\n</article></noscript>\n"
            "<footer>© Town Gazette</footer></body></html>")
    source = read_text(html, "t.html", "html")
    story = [b for b in source.blocks if b.text.startswith("On day")]
    assert len(story) == 6 and all(b.hint is None for b in story)
    # positions still point into the file as written
    assert source.position(story[2].start) == line_of(html, "<p>On day 2")[0:1] + (line_of(html, "On day 2")[1],)
    # a <noscript> holding a tracking pixel's note is no story
    quiet = html.replace(f"<noscript><article><h1>Bridge trial opens</h1>\n{paras}\n</article></noscript>",
                         f"<article><h1>Bridge trial opens</h1>\n{paras}\n</article>"
                         "<noscript><p>Please enable JavaScript to view the comments.</p></noscript>")
    assert not any("enable JavaScript" in b.text for b in read_text(quiet, "t.html", "html").blocks)


def test_a_page_a_script_shows_once_loaded_is_read_as_shown() -> None:
    """A page hidden whole by an inline display:none until its layout script runs (most of
    its paragraphs inside) is read as a reader sees it; a hidden box beside a shown story
    (an unopened dialog's text) stays hidden."""
    paras = "\n".join(f"<p>On day {n} of the trial, the jury heard from engineers who inspected the bridge "
                      f"and from residents who saw it fall into the river.</p>" for n in range(6))
    html = ("<html><head><title>Bridge trial opens</title></head><body>\n"
            "<div id='loading'>Loading</div>\n"
            "<div id='i76' class='page' style='display: none;'>\n"
            "<nav><a href='/'>Home</a> <a href='/tech'>Tech</a></nav>\n"
            f"<article><h1>Bridge trial opens</h1>\n{paras}\n</article>\n"
            "<footer>© Town Gazette</footer></div>\n"
            "<script>document.getElementById('i76').style.display = 'block';</script></body></html>")
    source = read_text(html, "t.html", "html")
    story = [b for b in source.blocks if b.text.startswith("On day")]
    assert len(story) == 6 and all(b.hint is None for b in story)
    assert source.position(story[2].start) == line_of(html, "On day 2")
    dialog = "<div style='display:none'><p>Sign up to our newsletter to get the day's news in your inbox every morning.</p></div>"
    shown = html.replace(" style='display: none;'", "").replace("<footer>", dialog + "<footer>")
    assert not any("newsletter" in b.text for b in read_text(shown, "t.html", "html").blocks)


def test_the_h1_the_markup_names_the_headline_wins_over_the_sharing_title() -> None:
    paras = paragraphs("On day {n}, the council heard from engineers about the cost of repairs to the old "
                       "bridge and the closure of the river road.", 5)
    html = ("<html><head><title>The Thread That Links Every Bridge Repair Together</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><header>"
            "<h1 class='entry-title' itemprop='headline'>Council Votes To Close The River Road</h1></header>"
            f"{paras}<h4>Every bridge repair in the county links back to one thread</h4>{paras}</article>"
            "<footer>© Town Gazette</footer></body></html>")
    source = read_text(html, "t.html", "html")
    assert [b.text for b in source.blocks if b.hint is Kind.HEADLINE] == ["Council Votes To Close The River Road"]


def test_the_h1_of_the_articles_header_wins_over_a_feed_cards() -> None:
    paras = paragraphs("On day {n}, the owner landed his helicopter on the pitch and the league called "
                       "off the game, parents said.", 5)
    html = ("<html><head><title>Owner apologizes for landing helicopter at kids' game</title></head><body>"
            "<nav><a href='/'>Home</a></nav><div class='feed'><article class='news-feed-item'><h1><a href='/s/2'>"
            "Owner apologizes for landing helicopter at kids' game</a></h1></article></div>"
            "<div id='main'><header class='article-header'><h1>Team Owner Apologizes After Helicopter Landing Stops "
            f"Youth Game</h1></header>{paras}</div><footer>© Town Gazette</footer></body></html>")
    source = read_text(html, "t.html", "html")
    assert [b.text for b in source.blocks if b.hint is Kind.HEADLINE][:1] == [
        "Team Owner Apologizes After Helicopter Landing Stops Youth Game"]


def test_a_bylines_handle_set_apart_is_not_glued_to_the_name() -> None:
    html = ("<h1>Council approves budget</h1><div class='byline'><a class='author' rel='author' href='/a/jr'>"
            "Jane Roe</a><a class='author-twitter' href='https://x.example/janeroe'>@janeroe</a></div>"
            "<p>The council approved its budget on Tuesday, the clerk said.</p>")
    source = read_text(html, "t.html", "html")
    assert [b.text for b in source.blocks if b.hint is Kind.BYLINE] == ["Jane Roe @janeroe"]


@pytest.mark.parametrize("box", [
    # White space between the name's paragraph and the author's "Twitter" link says nothing of
    # the link: a unit is what its first words are.
    "<p class='byline__name'><a rel='author' href='/people/jr'>Jane Roe</a></p>\n  <a "
    "class='byline__social-handle' href='https://x.example/janeroe'>Twitter</a>\n",
    # the buttons a byline's box holds are the page's tools
    "<a rel='author' href='/a/jr'>Jane Roe</a><ul><li class='printbtn ks-byline-print'><a "
    "href='javascript:window.print()'><span>print</span></a></li><li class='byline-email-btn'><a "
    "href='#'>email</a></li></ul>",
])
def test_an_authors_social_link_or_a_button_in_the_bylines_box_is_no_byline(box: str) -> None:
    html = (f"<h1>Council approves budget</h1><div class='byline'>{box}</div>"
            "<p>The council approved its budget on Tuesday, the clerk said.</p>")
    source = read_text(html, "t.html", "html")
    assert [b.text for b in source.blocks if b.hint is Kind.BYLINE] == ["Jane Roe"]


def test_a_byline_beside_the_authors_avatar_is_no_teaser_card() -> None:
    """The author's avatar and name both link to the author's page, as a teaser card's
    picture and title link to a story: a rel="author" link is no teaser's."""
    paras = paragraphs("On day {n} of the session the council met again and voted on the budget for "
                       "the coming year, which adds twelve bus drivers and a new library in the east of "
                       "the town, officials said.", 8)
    byline = ("<div class='byline'><div class='byline__photo'><a href='/people/1/jane-roe' rel='author'>"
              "<img src='jr.jpg' alt=''></a></div><p class='byline__name'><a href='/people/1/jane-roe' "
              "rel='author'>Jane Roe</a></p><a class='byline__social-handle' href='https://x.example/jr'>"
              "Twitter</a></div>")
    html = ("<html><head><title>Budget passes | Gazette</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/news'>News</a> <a href='/sport'>Sport</a></nav><div id='main'><h1>Budget passes "
            "after a long night</h1><p class='dek'>The vote adds twelve bus drivers and a library, and ends "
            f"a month of talks between the parties on the council.</p>{byline}<div id='storytext'>{paras}"
            "</div></div><footer><a href='/about'>About</a> <a href='/contact'>Contact</a></footer></body></html>")
    source = read_text(html, "t.html", "html")
    assert [b.text for b in source.blocks if b.hint is Kind.BYLINE] == ["Jane Roe"]


def test_a_paragraph_wholly_in_italics_is_noted() -> None:
    html = ("<h1>Council approves budget</h1>"
            "<p>The council approved its budget on Tuesday, the clerk said.</p>"
            "<p>The plan adds <em>twelve</em> bus drivers, <i>the mayor</i> said.</p>"
            "<p><em>Jane Roe is the paper's city hall reporter. <a href='/x'>Email her</a>.</em></p>")
    source = read_text(html, "t.html", "html")
    assert [(b.note, b.text[:16]) for b in source.blocks if b.hint is None] == [
        ("", "The council appr"), ("", "The plan adds tw"), (ITALIC, "Jane Roe is the ")]


def test_a_box_its_class_names_as_tags_is_the_storys_tags() -> None:
    story = "".join(f"<p>On day {n} of the debate the council heard from engineers, residents and shop owners "
                    f"about the cost of the new bridge and the closure of the old one.</p>" for n in range(8))
    html = ("<html><head><title>t</title></head><body><nav><a href='/'>Home</a></nav><article>"
            f"<h1>Council votes on the bridge</h1>{story}"
            "<h3 class='tags' id='tags_desktop'><a href='/t/a'>#stop motion</a> <a href='/t/b'>#video</a></h3>"
            "<p>The vote is on Friday.</p></article><footer>© Town Gazette</footer></body></html>")
    source = read_text(html, "t.html", "html")
    assert source.meta.get("page")
    tags = [b for b in source.blocks if b.text.startswith("#stop")]
    assert [(b.hint, b.note) for b in tags] == [(Kind.OTHER, "tags")]


@pytest.mark.parametrize("box,caption", [
    ("<div class='picBox'><a href='#'><img src='k.jpg'></a> <p>Kabuga's trial will be closely watched</p></div>",
     True),
    ("<div><img src='k.jpg'><span>Rescue boats carry families to a school used as a shelter</span></div>", True),
    # an author's box: their picture beside their name
    ("<div class='writerProfile'><a href='/t/jr'><img alt='Jane Roe' src='jr.jpg'></a>"
     "<p>Jane Roe Senior Washington Correspondent</p></div>", False),
    # a teaser: its title beside its thumbnail is a link
    ("<div><a href='/x'><img src='t.jpg'></a><p><a href='/x'>Council approves the new bridge budget</a></p></div>",
     False),
    # a label beside a picture
    ("<div><img src='t.jpg'><p>Episode teaser image:</p></div>", False),
    # a share button's label beside its spinner
    ("<div class='util-bar-share-submit-wrap'><span><img src='l.gif' alt='Loading'></span>"
     "<span class='util-bar-share-submit-btn'>Post to Facebook right now please</span></div>", False),
    # a tool's label beside its icon, in a bar of the page's actions, or in a box its class
    # names in camel case
    ("<ul class='actions'><li><div class='kindleWidget'><img src='white-15.png'><span>Send to Kindle</span>"
     "</div></li></ul>", False),
    ("<div class='shareButton'><img src='fb.png'><span>Share this story with friends</span></div>", False),
    # a box of paragraphs beside a photo is the story
    ("<div><img src='t.jpg'><div><p>First paragraph of text here.</p><p>Second one.</p></div></div>", False),
])
def test_the_line_that_shares_a_box_with_a_picture_is_its_caption(box: str, caption: bool) -> None:
    source = read_text(f"<h1>Floods cut off three villages</h1><p>Rivers rose overnight.</p>{box}", "t.html", "html")
    hints = [b.hint for b in source.blocks[2:]]
    assert (Kind.CAPTION in hints) is caption, [(b.hint, b.text) for b in source.blocks]


@pytest.mark.parametrize("after, caption", [
    # the page prints the caption under the picture and copies its opening into the alt
    ("<p class='t-dim'>A pro-Russian militant guards the Donetsk administration building. Leaflets posted there purport "
     "to say Jews must register.</p>", True),
    # the story's next paragraph, which does not open as the alt does
    ("<p>Leaflets posted in the area purport to say that Jews in Donetsk must register with the "
     "regional government.</p>", False),
])
def test_a_line_under_a_picture_opening_with_its_alt_text_is_its_caption(after: str, caption: bool) -> None:
    paras = "".join(f"<p>On day {n} the regional government said it had not written the leaflets, and "
                    "community leaders called them a provocation.</p>" for n in range(6))
    html = ("<html><body><article><h1>Leaflet in Donetsk calls on Jews to register</h1><div class='lead'>"
            "<img src='m.jpg' alt='A pro-Russian militant guards a barricade in front of the building'>"
            f"{after}<p>Officials said on Monday they would look into who had printed them and who had "
            f"handed them out.</p></div>{paras}</article></body></html>")
    block = next(b for b in read_text(html, "t.html", "html").blocks if b.text.startswith(("A pro-Russian militant guards the", "Leaflets")))
    assert (block.hint is Kind.CAPTION) is caption, (block.hint, block.text)


def test_figcaption_without_credit_markup_is_one_caption() -> None:
    source = read_text("<figure><figcaption>A crowd in Dhaka. Photo: AP</figcaption></figure>"
                       "<p>Body.</p>", "t.html", "html")
    assert [(b.hint, b.text) for b in source.blocks] == [
        (Kind.CAPTION, "A crowd in Dhaka. Photo: AP"), (None, "Body.")]


def test_internet_explorers_conditional_comments_end_at_their_first_close() -> None:
    # "<![endif]-->" read as a marked section ran to the "10]>" of the next conditional
    # comment, swallowing the page's body and headline.
    html = ("<html><head><!--[if lt IE 10]><![else]--><script>var ads = 1;</script><![endif]--></head><body>"
            "<h1>Council votes to reopen the bridge</h1><p>The council voted on Tuesday.</p>"
            "<!--[if lt IE 10]><em>Please upgrade your browser.</em><![endif]-->"
            "<![if !IE]><p>Thanks for reading.</p><![endif]></body></html>")
    source = read_text(html, "t.html", "html")
    assert [(b.hint, b.text) for b in source.blocks] == [
        (Kind.HEADLINE, "Council votes to reopen the bridge"), (None, "The council voted on Tuesday."),
        (None, "Thanks for reading.")]
    # A CDATA section keeps its own end: its text stays out of the blocks.
    cdata = read_text("<p>Before</p><![CDATA[ x ]> y ]]><p>After</p>", "t.html", "html")
    assert [b.text for b in cdata.blocks] == ["Before", "After"]


def test_a_figcaptions_closing_credit_is_a_credit_segment() -> None:
    html = ("<figure><figcaption>A flag flies over a refinery in Carson, California. "
            "(AP Photo/Damian Dovarganes)</figcaption></figure><p>Body text of the story.</p>")
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    assert [(s.kind, s.text) for s in article.segments[:2]] == [
        (Kind.CAPTION, "A flag flies over a refinery in Carson, California."),
        (Kind.CREDIT, "(AP Photo/Damian Dovarganes)")]
    # A figcaption that is only a credit stays one credit.
    only = Segmenter(load().segmenter).segment(read_text(
        "<figure><figcaption>(AP Photo/Damian Dovarganes)</figcaption></figure><p>Body.</p>", "t.html", "html"))
    assert [s.kind for s in only.segments[:1]] == [Kind.CREDIT]


@pytest.mark.parametrize("html", [
    "<p>Unclosed <b>bold <i>italic",
    "</div></p><p>Stray end tags</span>",
    "<p>Before<![foo[ odd marked section ]]> after</p>",
    "<p>Text</p><!-- never closed",
    "<p>Text</p><script>var x = 1;",
    "<p>Bad &entity; &#xZZ; & &#9999999999; refs</p>",
    "<p attr='unterminated>Text</p>",
    "<<<>>>< p>Text",
    "<!DOCTYPE x [ <!ELEMENT> ]><p>Text</p>",
])
def test_broken_html_does_not_crash(html: str) -> None:
    source = read_text(html, "broken.html", "html")
    assert source.blocks
    assert_invariant(source)


@pytest.mark.parametrize("html", ["", "<html><head><script>var a;</script></head></html>",
                                  "<nav><a>Home</a></nav>", "<!-- only a comment -->"])
def test_nothing_to_read_is_a_clear_error(html: str) -> None:
    with pytest.raises(ReadError, match=r"^empty\.html: no article text found in the HTML"):
        read_text(html, "empty.html", "html")


_SOUP = st.lists(st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<figure>", "<figcaption>",
    "</figcaption>", "<br>", "<img alt='a b c d'>", "<article>", "</article>", "<nav>", "<!--",
    "-->", "&amp;", "&rsquo;", "&#65;", "&", "<", ">", "\n", "  ", "word", "Other words.",
    "<span class=credit>", "</span>", "<script>", "</script>", "<![x[", "]]>", "é😀", "\t",
]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_SOUP)
def test_any_tag_soup_reads_or_fails_cleanly(html: str) -> None:
    try:
        source = read_text(html, "soup.html", "html")
    except ReadError:
        return
    assert_invariant(source)
    lines = html.split("\n")
    for b in source.blocks:
        for offset in (b.start, b.end - 1):
            line, column = source.position(offset)
            assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


def test_read_path_picks_the_reader_by_extension(tmp_path: Path) -> None:
    for name in ("a.html", "b.htm"):
        path = tmp_path / name
        path.write_text("<h1>Title here</h1><p>Body.</p>", encoding="utf-8")
        assert read_path(path).format == "html"


def test_engine_finds_the_foreign_caption_on_its_line(engine) -> None:
    """The seed damage, as an HTML page: the finding lands on the figcaption's line."""
    sample = (Path(__file__).parent.parent / "samples" / "foreign-caption-same-topic.txt")
    paragraphs = [p.strip() for p in sample.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    credit = "AP Photo/Pervez Masih/File"
    lines = ["<html><head><title>Floods</title></head><body><nav>Home</nav><article>",
             f"<h1>{paragraphs[0]}</h1>"]
    for p in paragraphs[1:]:
        if p.startswith(credit):
            lines += ["<figure>", f"  <figcaption>{p[len(credit):]} <span class='credit'>{credit}"
                      "</span></figcaption>", "</figure>"]
        else:
            lines.append(f"<p>{p}</p>")
    html = "\n".join(lines + ["</article></body></html>"])
    result = check_text(engine, html, "html", "flood.html")
    assert result.error is None
    (finding,) = [f for f in result.findings if f.rule == "caption-mismatch"]
    assert (finding.line, finding.column) == line_of(html, "Residents wade")
    assert finding.end_line == finding.line


def test_a_page_with_no_story_says_so(engine) -> None:
    gallery = ("<html><body><h1>Photos of the week</h1>"
               + "".join(f'<figure><img src="{i}.jpg"><figcaption>Picture {i} of the week\'s '
                         f'news from around the world.</figcaption></figure>' for i in range(12))
               + "</body></html>")
    result = check_text(engine, gallery, "html", "gallery.html")
    (found,) = [f for f in result.findings if f.evidence.get("kind") == "no article body"]
    assert found.severity.label == "info" and "No article body found" in found.message
    assert result.verdict != "fail"


def test_deep_nesting_is_read_not_a_crash() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    html = "<html><body>" + "<div>" * 3000 + paragraphs + "</div>" * 3000 + "</body></html>"
    source = read_text(html, "deep.html", "html")
    assert STORY[0] in source.text and STORY[-1] in source.text
    assert_invariant(source)


def test_a_reader_that_fails_is_an_error_of_its_file_only(tmp_path, monkeypatch) -> None:
    from checker.engine import read_all
    from checker.read import READERS

    def broken(text, path):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(READERS, "html", broken)
    page, story = tmp_path / "page.html", tmp_path / "story.txt"
    page.write_text("<p>x</p>")
    story.write_text("Headline\n\nA paragraph of the story.\n")
    bad, good = read_all([str(page), str(story)])
    assert "page.html: cannot read: RecursionError" in bad.error
    assert isinstance(good, Source)


def test_the_page_copies_of_its_headline_are_layout_not_a_repeat(engine) -> None:
    """A sticky bar that repeats the headline and an image whose alt text a CMS copied from
    it are the page's layout: furniture, not a headline printed twice (duplicate)."""
    page = BIG_PAGE.replace(
        '<div class="body">',
        '<div class="sticky"><span class="title">Floods cut off villages in the northeast</span></div>'
        '<div class="body"><img src="h.jpg" alt="Floods cut off villages in the northeast">', 1)
    source = read_text(page, "page.html", "html")
    copies = [b for b in source.blocks if b.text == "Floods cut off villages in the northeast"]
    assert [b.hint for b in copies].count(Kind.HEADLINE) == 1 and len(copies) >= 2
    assert all(b.note == "page furniture" for b in copies if b.hint is not Kind.HEADLINE)
    result = check_text(engine, page, "html", "page.html")
    assert not [f for f in result.findings if f.rule == "duplicate"], result.findings


def test_sibling_elements_and_run_in_headings_are_not_glued() -> None:
    page = BIG_PAGE.replace(
        f"<p>{STORY[3]}</p>",
        f'<div><span class="s">{STORY[3]}</span><span class="s">Officials said more rain was due.</span>'
        f"<strong>Relief effort</strong>Volunteers packed food parcels in the town hall.</div>", 1)
    text = read_text(page, "page.html", "html").text
    assert "tablets. Officials said" in text and "Relief effort Volunteers" in text
    assert "tablets.Officials" not in text and "effortVolunteers" not in text


def test_a_label_in_the_headline_is_not_glued_to_its_words() -> None:
    """"<h1><span class='uppercase'>You're reading</span>Does The Type of Water…</h1>": the
    headline is read by its own path, which sets the label apart as the story's paragraphs do;
    a word split by markup in lower case stays one word ("Inter<b>national</b>")."""
    page = BIG_PAGE.replace("<h1>", "<h1><span class='uppercase'>You're reading</span>", 1)
    head = next(b.text for b in read_text(page, "page.html", "html").blocks if b.hint is Kind.HEADLINE)
    assert head == "You're reading Floods cut off villages in the northeast"
    whole = BIG_PAGE.replace("<h1>", "<h1><b>Inter</b>national and ", 1)
    head = next(b.text for b in read_text(whole, "page.html", "html").blocks if b.hint is Kind.HEADLINE)
    assert head.startswith("International and ")


def test_a_bold_label_before_a_link_is_not_glued_to_it() -> None:
    """"<strong>Source</strong><a>Star Wars official site</a>": a run-in label the page's style
    sets apart, as after a heading in bold; one word run on in lower case stays one word."""
    page = BIG_PAGE.replace(
        f"<p>{STORY[3]}</p>",
        f'<p>{STORY[3]}</p><ul><li><strong>Source</strong><a href="/x">Star Wars official site</a></li></ul>'
        f'<p>The <b>inter</b><a href="/y">national</a> desk was told.</p>', 1)
    text = read_text(page, "page.html", "html").text
    assert "Source Star Wars official site" in text and "SourceStar" not in text
    assert "international desk" in text


def test_the_story_article_is_told_from_the_cards_beside_it() -> None:
    """When teasers in <article> cards are read as story text too, the story's own <article>
    is the one that holds most of its words: its paragraphs are never taken for a card's."""
    cards = "".join(f'<article class="card"><p>Teaser {i} about another story entirely, with a '
                    f"few more words to read.</p></article>" for i in range(3))
    page = BIG_PAGE.replace("<footer>", f"<section>{cards}</section><footer>", 1)
    source = read_text(page, "page.html", "html")
    body = [b.text for b in source.blocks if b.hint is None]
    assert all(p in body for p in STORY)


def test_a_pull_quote_is_layout_not_a_paragraph_printed_twice(engine) -> None:
    """A pull quote repeats a line of the story in large type: furniture, not a duplicate."""
    quote = STORY[1]
    page = BIG_PAGE.replace(
        '<div class="body">',
        f'<div class="body"><div role="blockquote" class="article-body__pull-quote"><p>{quote}</p></div>', 1)
    source = read_text(page, "page.html", "html")
    copies = [b for b in source.blocks if b.text == quote]
    assert len(copies) == 2 and sorted(b.note for b in copies) == ["", "page furniture"]
    result = check_text(engine, page, "html", "page.html")
    assert not [f for f in result.findings if f.rule == "duplicate"], result.findings


def test_the_publishers_own_promo_on_a_page_is_layout_but_damage_in_a_fragment(engine) -> None:
    """A subscribe promo between a page's paragraphs is its layout (info); the same line in a
    CMS fragment, as in plain text, is boilerplate in the story (warning)."""
    promo = "<p>Sign up for our morning newsletter.</p>"
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body">{promo}', 1)
    assert read_text(page, "page.html", "html").meta.get("page") is True
    found = [f for f in check_text(engine, page, "html", "page.html").findings if f.rule == "boilerplate"]
    assert [f.severity.label for f in found] == ["info"] and "layout" in found[0].message
    fragment = f"<article><h1>Floods cut off villages</h1><p>{STORY[0]}</p>{promo}<p>{STORY[1]}</p></article>"
    found = [f for f in check_text(engine, fragment, "html", "fragment.html").findings if f.rule == "boilerplate"]
    assert [f.severity.label for f in found] == ["warning"]


def test_a_caption_and_its_credit_in_styled_spans_are_not_glued(engine) -> None:
    """'<span class="mr10">…</span><span>Credit: …</span>': the page's style sets them
    apart, so the reader never makes one word "town.Credit:" of them."""
    figure = ('<figure><img src="f.jpg" alt=""><figcaption><p><span class="mr10">Residents wade '
              'through a flooded street in the town.</span><span>Credit: Jane Doe</span></p>'
              '</figcaption></figure>')
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body">{figure}', 1)
    source = read_text(page, "page.html", "html")
    assert not any("town.Credit" in b.text for b in source.blocks)
    found = check_text(engine, page, "html", "page.html").findings
    assert not [f for f in found if f.rule == "extraction-artifact" and "Credit" in f.excerpt], found


def test_a_repeat_on_a_page_is_its_layout_but_damage_in_a_fragment(engine) -> None:
    """A paragraph printed twice on a published page is its design (info); in a CMS fragment
    it is the damage the duplicate rule exists for (warning)."""
    again = f"<p>{STORY[2]}</p>"
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body">{again}', 1)
    found = [f for f in check_text(engine, page, "html", "page.html").findings if f.rule == "duplicate"]
    assert [f.severity.label for f in found] == ["info"] and "layout" in found[0].message
    fragment = (f"<article><h1>Floods cut off villages</h1><p>{STORY[0]}</p>{again}"
                f"<p>{STORY[1]}</p>{again}</article>")
    found = [f for f in check_text(engine, fragment, "html", "fragment.html").findings if f.rule == "duplicate"]
    assert [f.severity.label for f in found] == ["warning"]


def test_another_outlets_line_on_a_page_stays_a_warning(engine) -> None:
    """The publisher's own promo is its layout; a line of another outlet is damage anywhere."""
    page = BIG_PAGE.replace("<head>", '<head><meta property="og:site_name" content="The Ledger">', 1)
    own = page.replace('<div class="body">', '<div class="body"><p>Sign up for The Ledger newsletter.</p>', 1)
    other = page.replace('<div class="body">',
                         '<div class="body"><p>The Iraq Report is a weekly feature at The New Arab.</p>', 1)
    assert read_text(own, "page.html", "html").meta["site_name"] == "The Ledger"
    severities = {name: [f.severity.label for f in check_text(engine, html, "html", "page.html").findings
                         if f.rule == "boilerplate"] for name, html in (("own", own), ("other", other))}
    assert severities == {"own": ["info"], "other": ["warning"]}


def test_an_alt_text_never_reaches_caption_mismatch(engine) -> None:
    """An alt text describes what a reader cannot see, not how the picture bears on the story:
    it is judged by no rule, where a figcaption as far off is an error (in a CMS fragment). On
    a whole published page a figcaption far off on topic alone is not said: the publisher set
    the picture in the story itself."""
    scene = "A chef plates a dessert at a restaurant during a food festival"
    story = "".join(f"<p>{p}</p>" for p in STORY)
    alt = f'<article><h1>Floods cut off villages</h1>{story}<img src="d.jpg" alt="{scene}"></article>'
    fig = (f'<article><h1>Floods cut off villages</h1>{story}<figure><img src="d.jpg" alt="">'
           f'<figcaption>{scene}.</figcaption></figure></article>')
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body"><figure><img src="d.jpg" alt="">'
                                                 f'<figcaption>{scene}.</figcaption></figure>', 1)
    assert any(b.note == "alt text" for b in read_text(alt, "a.html", "html").blocks if b.text == scene)

    def severities(html: str) -> list[str]:
        return [f.severity.label for f in check_text(engine, html, "html", "a.html").findings
                if f.rule == "caption-mismatch"]

    assert severities(alt) == [] and severities(fig) == ["error"] and severities(page) == []
    on_page = BIG_PAGE.replace('<div class="body">', f'<div class="body"><img src="d.jpg" alt="{scene}">', 1)
    assert [(b.hint, b.note) for b in read_text(on_page, "a.html", "html").blocks if b.text == scene] == \
        [(Kind.OTHER, "alt text")]
    assert severities(on_page) == []

def _page_with_figure(caption: str) -> str:
    story = ["Journalist Omar Haddad was killed on Friday while filming shelling near the border "
             "in southern Lebanon, his colleagues said.",
             "Omar Haddad, 37, had worked for the agency for fifteen years and covered wars across "
             "the region, his editor said.",
             "Lebanese officials said the army would investigate the shelling of the group of reporters.",
             "Colleagues gathered in Beirut on Saturday to remember him and to call for an inquiry.",
             "Six other reporters were wounded in the same strike, two of them seriously, according "
             "to the hospital in Tyre that treated them.",
             "Press freedom groups said it was the deadliest day for journalists in Lebanon in years "
             "and asked both sides to let reporters work safely near the border.",
             "The agency said it had asked the army for the footage of the strike and for the names "
             "of the units that were firing in the area at the time.",
             "Omar Haddad leaves a wife and two daughters; his funeral will be held in his home village "
             "on Monday, the family said."]
    return ("<html><head><title>Journalist killed</title></head><body><nav><a href='/'>Home</a></nav>"
            "<article><h1>Journalist killed while filming in southern Lebanon</h1>"
            f"<p>{story[0]}</p><figure><img src='a.jpg'><figcaption>{caption}</figcaption></figure>"
            + "".join(f"<p>{p}</p>" for p in story[1:])
            + "</article><footer><p>© The Ledger. Our journalism is funded by readers: we rely on "
            "subscriptions to report from the places others leave. The Ledger is published by Ledger "
            "Media, a company owned by a trust whose charter keeps the paper independent of any party "
            "or owner. Corrections and complaints go to the readers' editor, whose reports appear "
            "monthly.</p><ul><li><a href='/a'>Markets steady as traders wait for the central bank</a></li>"
            "<li><a href='/b'>Farmers count the cost of a dry spring in the valley</a></li>"
            "<li><a href='/c'>City council approves a new cycle lane on the ring road</a></li></ul>"
            "</footer></body></html>")


def test_on_a_page_the_picture_of_the_storys_own_person_is_a_note(engine) -> None:
    own = check_text(engine, _page_with_figure(
        "Journalist Omar Haddad takes a selfie while working in Maras, Turkey"), "html", "own.html")
    (finding,) = [f for f in own.findings if f.rule == "caption-mismatch"]
    assert finding.severity.label == "info" and "its subject, Journalist Omar Haddad" in finding.message
    other = check_text(engine, _page_with_figure(
        "Farmer Jane Doe takes a selfie while working in Maras, Turkey"), "html", "other.html")
    (finding,) = [f for f in other.findings if f.rule == "caption-mismatch"]
    assert finding.severity.label in ("warning", "error")


def test_on_a_page_an_older_picture_of_the_storys_own_person_is_a_note(engine) -> None:
    """The publisher chose the picture of the person the story mourns whenever it was taken:
    its date, a year before the story, is a note; another person's picture as old is not."""
    def dated(caption: str) -> str:
        return _page_with_figure(caption).replace(
            "<title>", '<meta property="article:published_time" content="2024-03-07"><title>', 1)

    own = check_text(engine, dated("Journalist Omar Haddad takes a selfie in Maras, Turkey, "
                                   "February 11, 2023."), "html", "own.html")
    (finding,) = [f for f in own.findings if f.rule == "date-inconsistency"]
    assert finding.severity.label == "info" and "its subject, Journalist Omar Haddad" in finding.message
    other = check_text(engine, dated("Farmer Jane Doe takes a selfie in Maras, Turkey, "
                                     "February 11, 2023."), "html", "other.html")
    (finding,) = [f for f in other.findings if f.rule == "date-inconsistency"]
    assert finding.severity.label == "warning"


def test_a_logo_set_as_h1_is_not_the_headline() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    html = ('<html><head><title>Floods cut off villages in the north -- The Ledger</title>'
            '<meta property="og:title" content="Floods cut off villages in the north"></head><body>'
            '<header><a href="/"><h1><span>The Ledger</span></h1></a></header>'
            f'<div class="post"><h4 class="post_title">Floods cut off villages in the north</h4>{paragraphs}</div>'
            '<footer><p>© The Ledger</p></footer></body></html>')
    source = read_text(html, "logo.html", "html")
    headline = [b.text for b in source.blocks if b.hint is Kind.HEADLINE]
    assert headline == ["Floods cut off villages in the north"]


def _story_page(extra: str, wrapper: str = "div") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return ('<html><head><title>Floods cut off villages in the north | The Ledger</title></head><body>'
            '<nav><a href="/">Home</a></nav>'
            f'<{wrapper} class="sidebar-grid__container"><h1>Floods cut off villages in the north</h1>'
            f'{paragraphs}</{wrapper}>{extra}<footer>© The Ledger</footer></body></html>')


def test_boxes_the_page_names_as_furniture_are_furniture() -> None:
    comments = ('<div class="visitors_comment_block"><div class="visitors_comment_content"><h3>Who pays?</h3>'
                '<p>The council should have built the flood wall years ago, as everyone here knows well.</p>'
                '<p class="common_date">Posted by: Jane Doe, 27 Sep 2011 | 15:22</p></div></div>'
                '<div id="sidebar"><div class="widget widget_text"><h2>Resources</h2>'
                '<p><a href="/times">Check local movie times</a></p></div></div>'
                )
    source = read_text(_story_page(comments), "page.html", "html")
    kinds = {b.text: b.hint for b in source.blocks}
    assert kinds["Check local movie times"] is Kind.OTHER
    assert kinds["Posted by: Jane Doe, 27 Sep 2011 | 15:22"] is Kind.OTHER
    # a layout box whose class merely starts with a furniture word holds the story
    assert all(kinds[p] is not Kind.OTHER for p in STORY)


def test_a_blogs_recent_articles_box_is_furniture_though_trafilatura_keeps_it(monkeypatch) -> None:
    import trafilatura

    real = trafilatura.extract
    rail = "Vibe coding apps for the weekend is a lot of fun - 27th March 2026"
    monkeypatch.setattr(trafilatura, "extract", lambda text, **kw: (real(text, **kw) or "") + "\nRecent articles\n" + rail)
    box = ('<div class="recent-articles"><h2>Recent articles</h2><ul class="bullets"><li><a href="/2026/a/">'
           'Vibe coding apps for the weekend is a lot of fun</a> - 27th March 2026</li></ul></div>')
    page = BIG_PAGE.replace(f"<p>{STORY[4]}</p>", f"<p>{STORY[4]}</p>{box}", 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds["Recent articles"] is Kind.OTHER and kinds[rail] is Kind.OTHER


def test_a_short_post_laid_out_as_a_page_is_a_page() -> None:
    html = ('<html><head><title>Stand Up Guys | The Film Gang</title></head><body>'
            '<nav><a href="/">Home</a> <a href="/films">Films</a></nav>'
            '<h1><a href="http://blogs.example.org/filmgang/">The Film Gang</a></h1>'
            '<h2><a href="http://blogs.example.org/filmgang/2013/02/08/stand-up-guys/">Stand Up Guys</a></h2>'
            '<p>Listen to the review by Jane Doe of the new film about two old friends, above.</p>'
            '<p>Two retired safecrackers meet again after thirty years and spend one long night '
            'settling old scores across the city, in a comedy that the review finds warm but slight.</p>'
            '<p>The film opens on Friday in cinemas across the county; the review runs eight minutes '
            'and was first broadcast on the morning show.</p>'
            '<div id="sidebar"><p>Thoughtful film critiques of the latest movies.</p></div></body></html>')
    source = read_text(html, "post.html", "html")
    assert source.meta.get("page") is True
    assert [b.text for b in source.blocks if b.hint is Kind.HEADLINE] == ["Stand Up Guys"]


def test_a_box_is_furniture_by_its_name_unless_it_names_the_story_first() -> None:
    """One furniture vocabulary serves both tests of a class name: a whole furniture name
    ("widget") and a furniture word (or its stem, "share") before the story's word in a
    longer name ("share-article" is the share bar's); "article-widget" is the story's box."""
    line = ("Residents of the valley said the council had promised a flood wall for years, "
            "and that nothing had been built.")

    def hint(names: str) -> Kind | None:
        box = f'<div class="{names}"><p>{line}</p></div>'
        page = _story_page("").replace(f"<p>{STORY[3]}", f"{box}<p>{STORY[3]}", 1)
        return block(read_text(page, "page.html", "html"), "Residents").hint

    assert hint("widget share-article") is Kind.OTHER
    assert hint("widget") is Kind.OTHER
    assert hint("article-widget") is None
    # a right-hand column, named either way round
    assert hint("colright") is Kind.OTHER and hint("right-col") is Kind.OTHER


def test_hidden_elements_are_not_read_as_text() -> None:
    """What the page does not show (the hidden attribute, an inline display:none or
    visibility:hidden, screen-reader-only text) is not read, on a page or in a fragment: a
    hidden metadata copy of the story's summary is no paragraph printed twice."""
    hidden = (f'<div style="display: none;"><div property="dc:title">{STORY[0]}</div></div>'
              '<p hidden>A notice the page keeps hidden until it is needed.</p>'
              '<h2 class="visually-hidden">Story text</h2>'
              '<span style="color:red;visibility:hidden">Secret label</span>'
              '<span class="section-desc off-screen">From the section </span>')
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body">{hidden}', 1)
    fragment = f"<article><h1>Floods cut off villages</h1>{hidden}<p>{STORY[1]}</p></article>"
    for html in (page, fragment):
        source = read_text(html, "page.html", "html")
        assert [b for b in source.blocks if b.text == STORY[0]] == ([block(source, STORY[0][:30])]
                                                                    if html is page else [])
        for text in ("hidden until", "Story text", "Secret label", "From the section"):
            assert text not in source.text


def test_shown_elements_are_read_even_when_hidden_from_screen_readers() -> None:
    """aria-hidden hides from screen readers what is on the screen (pages set it on the
    story's paragraphs under a paywall); a style that shows the element hides nothing."""
    shown = (f'<p aria-hidden="true">{STORY[3]}</p>'
             '<p style="display:block" class="visually-hidden-focusable">Readers can see this line.</p>')
    page = BIG_PAGE.replace(f"<p>{STORY[3]}</p>", shown, 1)
    fragment = f"<article><h1>Floods cut off villages</h1>{shown}<p>{STORY[1]}</p></article>"
    for html in (page, fragment):
        source = read_text(html, "page.html", "html")
        assert STORY[3] in source.text and "Readers can see this line." in source.text
    assert block(read_text(fragment, "page.html", "html"), STORY[3][:30]).hint is None


def test_the_story_body_a_paywall_hides_by_style_is_read() -> None:
    """"<div id='articleBody' style='display: none'>": the publisher's text, served in the
    page for a script to reveal to subscribers, is the story; a hidden box of another name is
    still not read."""
    body = "".join(f"<p>{p}</p>" for p in STORY)
    page = BIG_PAGE.replace(BIG_PAGE[BIG_PAGE.index('<div class="body">'):BIG_PAGE.index('</article>')],
                            f'<div id="articleBody" class="content" style="display: none">{body}</div>'
                            '<div style="display: none"><p>Log in to keep reading this story.</p></div>'
                            '<p class="paywall">Please sign up or log in to continue reading</p>', 1)
    source = read_text(page, "page.html", "html")
    kinds = {b.text: b.hint for b in source.blocks}
    assert all(kinds.get(p, "missing") is None for p in STORY), kinds
    assert "Log in to keep reading" not in source.text


def test_captions_and_credits_outside_figcaption_are_captions(engine) -> None:
    """A caption the page's class names as one ("wp-caption-text", "image-caption",
    "cutline", a credit "photoCredit") is the story's caption inside its figures, so a foreign
    one is still caught; its picture's alt text, which it makes redundant, is not read."""
    foreign = "Tourists watch the sunset from a beach in Goa, India, Dec. 30, 2019."
    figure = ('<div class="media-box"><img src="f.jpg" alt="Flood photo">'
              f'<p class="wp-caption-text">{foreign} <span class="photoCredit">Jane Doe/AP</span></p></div>'
              '<div class="pic"><img src="g.jpg" alt=""><div class="cutline">Rescue boats carry '
              'families to a shelter.</div><div class="image-credit">Omar Haddad</div></div>')
    page = BIG_PAGE.replace(f"<p>{STORY[4]}</p>", f"{figure}<p>{STORY[4]}</p>", 1)
    source = read_text(page, "page.html", "html")
    kinds = {b.text: b.hint for b in source.blocks}
    assert kinds[foreign] is Kind.CAPTION and kinds["Jane Doe/AP"] is Kind.CREDIT
    assert kinds["Rescue boats carry families to a shelter."] is Kind.CAPTION
    assert kinds["Omar Haddad"] is Kind.CREDIT
    assert "Flood photo" not in kinds
    found = check_text(engine, page, "html", "page.html").findings
    assert [f.rule for f in found if f.excerpt.startswith("Tourists")] == ["caption-mismatch"]


def test_a_lead_picture_in_the_storys_header_fields_is_its_own() -> None:
    """A CMS node holds the title, the lead picture's caption and credit fields and the body
    field side by side: the picture above the story's first paragraph is the story's."""
    body = "".join(f"<p>{p}</p>" for p in STORY)
    page = BIG_PAGE.replace(
        BIG_PAGE[BIG_PAGE.index("<article"):BIG_PAGE.index("</article>") + len("</article>")],
        '<div class="node"><h1>Floods cut off villages in the northeast</h1>'
        '<div class="field-image"><img src="a.jpg" alt=""></div>'
        '<div class="field field-name-field-image-credit">Jane Doe</div>'
        '<div class="field field-name-field-image-caption"><p>Residents wade through a flooded '
        'street in the town centre.</p></div>'
        f'<div class="field field-name-field-body"><div class="field-item">{body}</div></div></div>', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds["Residents wade through a flooded street in the town centre."] is Kind.CAPTION
    assert kinds["Jane Doe"] is Kind.CREDIT


def test_captions_of_rails_and_controls_named_caption_are_not_the_storys() -> None:
    """Teasers of other stories keep their captions as furniture, a control that shows a
    caption is no caption, and a byline set in a "caption" span stays a byline."""
    rail = ('<div class="rail"><a href="/other"><img src="r.jpg" alt=""><span class="caption">Bakeries '
            'report record holiday sales across the region</span></a></div>')
    header = ('<div class="post-info"><span class="caption">By <a rel="author" href="/jr">Jane Roe</a>'
              '</span></div><label class="reveal-caption">Show caption</label>')
    page = BIG_PAGE.replace('<div class="rail">', f'{rail}<div class="rail">', 1).replace(
        '<div class="byline">', f'{header}<div class="byline">', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds["Bakeries report record holiday sales across the region"] is Kind.OTHER
    assert kinds["Show caption"] is not Kind.CAPTION
    assert kinds["By Jane Roe"] is Kind.BYLINE


def _header_page(header: str, extra: str = "") -> str:
    return BIG_PAGE.replace('<div class="byline">', f'{header}<div class="byline">', 1).replace(
        '<div class="rail">', f'{extra}<div class="rail">', 1)


def test_a_standfirst_under_the_headline_is_story_text() -> None:
    """The story's standfirst (a class naming it, schema.org's description of the article, a
    sentence-long heading right after the headline) is body text with the note "standfirst",
    never furniture nor, for its shape, a subhead."""
    dek = "Rivers burst their banks after a week of rain across the northeast"
    cases = [f'<p class="article__standfirst">{dek}</p>',
             f'<div class="field field-name-field-deck"><div class="field-item"><p>{dek}</p></div></div>',
             f'<h2>{dek}</h2>',
             f'<div itemprop="description"><p>{dek}</p></div>',
             f'<div class="article-description"><p>{dek}</p></div>',
             f'<div id="articleSubTitle" class="articleSubTitle"><h2>{dek}</h2></div>']
    for header in cases:
        page = _header_page(header)
        if "itemprop" in header:
            page = page.replace('<article class="story">',
                                '<article class="story" itemscope itemtype="https://schema.org/NewsArticle">', 1)
        source = read_text(page, "page.html", "html")
        assert (block(source, dek).hint, block(source, dek).note) == (None, "standfirst"), header
        article = Segmenter(load().segmenter).segment(source)
        assert [s.kind for s in article.segments if s.text == dek] == [Kind.BODY], header
    # A tabloid's dek is a few words: a heading of four or more right after the headline.
    source = read_text(_header_page("<h2>Pols jet past junket pinch</h2>"), "page.html", "html")
    assert block(source, "Pols jet past junket pinch").note == "standfirst"


@pytest.mark.parametrize("text, description, kind", [
    # the lead, set apart above the rest (a Joomla K2 page's "itemIntroText"); the page's
    # description is its opening, cut short
    ("Rivers burst their banks after a week of rain across the northeast, and hundreds of "
     "families spent the night on rooftops waiting for boats to reach them.",
     "Rivers burst their banks after a week of rain across the northeast, and hundreds of fam…", (None, "")),
    # a description opening on a repost's headline and byline before the lead
    ("Rivers burst their banks after a week of rain across the northeast, and hundreds of "
     "families spent the night on rooftops waiting for boats to reach them.",
     "Floods in the northeast JANE ROE Rivers burst their banks after a week of rain across the north…", (None, "")),
    # a dek in a box no class names, which the description repeats whole
    ("Rivers burst their banks after a week of rain across the northeast",
     "Rivers burst their banks after a week of rain across the northeast", (None, "standfirst")),
    # no description to tell it by: what trafilatura leaves out stays the page's
    ("Rivers burst their banks after a week of rain across the northeast", "", (Kind.OTHER, "page furniture")),
    # a description of something else says nothing of it
    ("Rivers burst their banks after a week of rain across the northeast",
     "The Ledger brings you the latest news, sport and weather from the region every day", (Kind.OTHER, "page furniture")),
])
def test_what_trafilatura_leaves_out_above_the_story_is_told_by_the_pages_description(
        monkeypatch, text: str, description: str, kind: tuple) -> None:
    import trafilatura

    real = trafilatura.extract
    monkeypatch.setattr(trafilatura, "extract", lambda html, **kw: "\n".join(
        line for line in real(html, **kw).splitlines() if not line.startswith("Rivers burst")))
    page = BIG_PAGE.replace('<div class="body">', f'<div class="intro"><p>{text}</p></div><div class="body">', 1)
    if description:
        page = page.replace("</title>", f'</title><meta property="og:description" content="{description}">', 1)
    found = block(read_text(page, "page.html", "html"), text)
    assert (found.hint, found.note) == kind


def test_what_only_looks_like_a_standfirst_is_not_one() -> None:
    """A teaser's summary in a rail, a short label set as a heading after the headline, the
    description of a video, and a "summary" box around the whole story are no standfirst."""
    teaser = "Bakeries report record holiday sales across the region this year"
    page = _header_page('<h2>Share this story</h2><div itemscope itemtype="https://schema.org/VideoObject">'
                        '<p itemprop="description">Watch: the flood seen from a helicopter over the delta</p></div>'
                        '<div class="author-description"><p>Jane Roe writes about weather and climate for '
                        'the paper</p></div><div class="article-description"><p><a href="/t">READ | Full '
                        'transcript of the interview</a></p></div>',
                        f'<div class="rail"><a href="/b"><p class="summary">{teaser}</p></a></div>')
    kinds = {b.text: (b.hint, b.note) for b in read_text(page, "page.html", "html").blocks}
    assert kinds["Share this story"][1] != "standfirst"
    assert kinds["Watch: the flood seen from a helicopter over the delta"][1] != "standfirst"
    assert kinds["Jane Roe writes about weather and climate for the paper"][1] != "standfirst"
    assert kinds["READ | Full transcript of the interview"][1] != "standfirst"
    assert kinds[teaser] == (Kind.OTHER, "page furniture")
    wrapped = BIG_PAGE.replace('<div class="body">', '<div class="body summary">', 1)
    notes = {b.text: b.note for b in read_text(wrapped, "page.html", "html").blocks}
    assert all(notes[p] == "" for p in STORY)


def test_a_paragraph_after_a_box_in_its_block_keeps_its_own_kind() -> None:
    """"<p><div class='related'>…</div>CITY (Wire) — the lede…</p>": a browser closes the
    paragraph at the box, and trafilatura loses the lede with it; the lede is still the
    story's, the box's own lines still furniture."""
    lede = ("DHAKA (Wire) — Floodwaters cut off hundreds of villages in the northeast on "
            "Thursday, officials said, as rivers rose for a fifth day.")
    box = ('<div class="related-box"><h3>Related coverage</h3><ul><li><a href="/a">Rains close '
           'schools across the delta region</a></li><li><a href="/b">Aid agencies appeal for '
           'boats and water tablets</a></li></ul></div>')
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body"><p>{box}{lede}</p>', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds[lede] is None
    for line in ("Related coverage", "Rains close schools across the delta region"):
        assert kinds[line] is Kind.OTHER


def test_the_storys_paragraphs_in_every_element_named_its_body_are_the_storys(monkeypatch) -> None:
    """A page that splits its story into several itemprop='articleBody' groups around a video
    player: trafilatura stops at the player, the rest is still the story's; a caption in a
    picture's box inside the body stays out of it."""
    import trafilatura

    real = trafilatura.extract
    after = ("Some analysts doubted the figures released by the statistics bureau on Monday.",
             "Others said the rains had only delayed the harvest by a few weeks this year.")
    monkeypatch.setattr(trafilatura, "extract", lambda text, **kw: "\n".join(
        line for line in (real(text, **kw) or "").splitlines() if line not in after))
    first = "".join(f"<p>{p}</p>" for p in STORY[:4])
    player = ('<div class="inline-player"><iframe src="v.html"></iframe><div class="headline">'
              '<a href="/video/1">Is the flood a threat to the harvest?</a></div></div>')
    photo = ('<aside itemprop="associatedMedia" itemscope itemtype="http://schema.org/ImageObject">'
             '<img src="h.jpg" alt="x"><p>The home where the family rented a room before the flood.</p></aside>')
    body = (f'<div class="group" itemprop="articleBody">{first}</div>{player}'
            f'<div class="group" itemprop="articleBody">{photo}{"".join(f"<p>{p}</p>" for p in after)}</div>')
    page = BIG_PAGE.replace(BIG_PAGE[BIG_PAGE.index('<div class="body">'):BIG_PAGE.index('</article>')], body, 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert [kinds[p] for p in after] == [None, None]
    assert kinds["The home where the family rented a room before the flood."] is not None


def test_a_teaser_cards_title_and_source_are_the_cards() -> None:
    """"<div class='news-item'><div><a href='/2'><img></a><span class='main-author'>gulfnews.com
    </span></div><p><a href='/2'>Title</a></p><p>summary…</p></div>" in the story: the
    card's title and its source are furniture; an author's name beside the avatar that links
    to the author's page is still the story's byline."""
    card = ('<div class="news-item"><div class="item-top"><a href="/2016/05/13/eurozone">'
            '<img src="e.png" alt="Eurozone growth revised down"></a><div class="excerpt-top"><span class="category">'
            '<a href="/business">Business</a></span></div><div class="excerpt-bottom"><span class="main-author">'
            'gulfnews.com</span></div></div><p class="entry-title"><a href="/2016/05/13/eurozone">Eurozone growth '
            'revised down slightly despite Germany</a></p><p class="summary">Madrid: The eurozone economy grew '
            'slightly less than first estimated in the first quarter, though momentum was still the fastest in a '
            'year.</p></div>')
    page = BIG_PAGE.replace('<div class="share">', f'{card}<div class="share">', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds["Eurozone growth revised down slightly despite Germany"] is Kind.OTHER
    assert kinds["gulfnews.com"] is Kind.OTHER
    avatar = ('<div class="article-byline"><div><a href="/staff/jane-roe/"><img src="a.png" alt=""></a></div>'
              '<div class="article-byline__info"><div class="article-byline__authors"><a rel="author" '
              'href="/staff/jane-roe/">Jane Roe</a></div><time>June 20, 2024</time></div></div>')
    page = BIG_PAGE.replace('<div class="byline"><span class="author">Jane Roe</span>'
                            '<span class="date">Published June 20, 2024</span></div>', avatar, 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds["Jane Roe"] is Kind.BYLINE


def test_an_attribution_box_beside_a_picture_is_its_credit() -> None:
    box = ('<div class="embed-container image" itemscope itemtype="http://schema.org/ImageObject">'
           '<img src="a.jpg" alt="x"><div class="attribution">Universal History Archive | UIG | Getty Images</div>'
           '<div class="caption">A carrier leads a formation of ships during an exercise.</div></div>')
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body">{box}', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds["Universal History Archive | UIG | Getty Images"] is Kind.CREDIT
    # a "photo-byline" is the picture's credit, not the story's byline
    box = ('<div class="inline-photo"><img src="b.jpg" alt="x"><p class="photo-byline">Hilary Swift / The New York Times</p>'
           '<p class="caption">Dawn at the Capitol in Washington, Jan. 19, 2017.</p></div>')
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body">{box}', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds["Hilary Swift / The New York Times"] is Kind.CREDIT


def test_bare_text_after_a_box_in_the_block_holding_the_paragraphs_is_the_storys(monkeypatch) -> None:
    """"<div class='body'><p>…</p><div class='ad'>…</div>The lawmaker argued…<p>…</p>": a
    paragraph the CMS left as bare text after an ad, in the block that holds the story's
    paragraphs, is the story's own, though trafilatura drops it with the ad."""
    import trafilatura

    real = trafilatura.extract
    monkeypatch.setattr(trafilatura, "extract", lambda text, **kw: "\n".join(
        line for line in (real(text, **kw) or "").splitlines() if not line.startswith("The regional minister")))
    bare = ("The regional minister, who has long opposed the dam, argued that the floods "
            "showed what the valley stands to lose.")
    ad = ('<p></p><div id="ad-1-wrapper" class="dfp-tag-wrapper"><div id="ad-1"><span>ADVERTISEMENT</span>'
          '<script>display("ad-1");</script></div></div>')
    body = "".join(f"<p>{p}</p>" for p in STORY[:2]) + ad + bare + "".join(f"<p>{p}</p>" for p in STORY[2:])
    page = BIG_PAGE.replace(BIG_PAGE[BIG_PAGE.index('<div class="body">'):BIG_PAGE.index('</article>')],
                            f'<div class="field-items"><div class="field-item">{body}</div></div>', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds[bare] is None
    assert kinds["ADVERTISEMENT"] is Kind.OTHER


def test_a_teaser_or_label_after_a_box_stays_furniture() -> None:
    """After a box in its block, a link's text (a teaser's headline) and a label (no
    sentence) stay furniture with the box."""
    teaser = "Aid agencies appeal for boats and water tablets as the rains go on"
    box = ('<div class="related-box"><h3>Related coverage</h3><ul><li><a href="/a">Rains close '
           'schools across the delta region</a></li></ul></div>')
    extra = f'<p>{box}<a href="/b">{teaser}</a></p><p>{box}Advertisement</p>'
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body">{extra}', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds[teaser] is Kind.OTHER
    assert kinds["Advertisement"] is Kind.OTHER


def test_a_line_by_its_author_above_the_story_is_its_byline() -> None:
    """"By JANE DOE 10/ 5/11 09:19 PM ET" or "by Jane Doe" between the headline and the story,
    in markup that does not name it a byline, is the story's byline."""
    dated = "By JANE DOE 10/ 5/11 09:19 PM ET"
    page = BIG_PAGE.replace('<div class="byline"><span class="author">Jane Roe</span>'
                            '<span class="date">Published June 20, 2024</span></div>',
                            '<div class="meta-row"><p><span class="bold">By JANE DOE</span> 10/ 5/11 09:19 PM ET</p>'
                            '<p><a href="#">by Omar Haddad</a></p></div>', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds[dated] is Kind.BYLINE and kinds["by Omar Haddad"] is Kind.BYLINE
    text = f"Floods cut off villages\n\n{dated}\n\n{STORY[0]}"
    article = Segmenter(load().segmenter).segment(read_text(text, "a.txt", "txt"))
    assert [s.kind for s in article.segments if s.text == dated] == [Kind.BYLINE]


def test_a_byline_with_its_time_stamp_below_a_standfirst_is_the_storys(monkeypatch) -> None:
    """"<h1>…</h1><h3>standfirst</h3><p class='small'><span>By Jane Doe, The Ledger Posted:
    Jun 19, 2017 1:05 PM MT Last Updated: Jun 20, 2017 10:05 AM MT</span></p>", which
    trafilatura drops: the byline, its time stamp not counted against a byline's length."""
    import trafilatura

    line = "By Jane Doe, The Ledger Posted: Jun 19, 2017 1:05 PM MT Last Updated: Jun 20, 2017 10:05 AM MT"
    real = trafilatura.extract
    monkeypatch.setattr(trafilatura, "extract", lambda text, **kw: "\n".join(
        x for x in (real(text, **kw) or "").splitlines() if not x.startswith("By Jane Doe")))
    page = BIG_PAGE.replace('<div class="byline"><span class="author">Jane Roe</span>'
                            '<span class="date">Published June 20, 2024</span></div>',
                            '<h3 class="deck">Hundreds of villages are cut off as the rivers rise for a fifth day '
                            f'running</h3><p class="small lighttext"><span class="spaced">{line}</span></p>', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds[line] is Kind.BYLINE


def test_lines_opening_with_by_elsewhere_are_not_bylines() -> None:
    """"By the numbers" under the headline is no name, and a "By …" line in a rail above the
    headline is a teaser's."""
    page = BIG_PAGE.replace('<div class="byline">',
                            '<p class="label"><a href="/n">By the numbers</a></p><div class="byline">', 1)
    page = page.replace('<div class="rail">', '<div class="rail"><p>By Omar Haddad</p>', 1)
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert kinds["By the numbers"] is Kind.OTHER
    assert kinds["By Omar Haddad"] is Kind.OTHER


def test_code_listings_are_the_storys_code_not_prose(engine) -> None:
    """Text in <pre>, a syntax highlighter's box or a <code> on a line of its own is code:
    kind other, noted "code", on a page and in a fragment, so that no rule reads
    "import os.pathList;" as glued words; inline code inside a sentence stays in its
    paragraph."""
    listing = ('<div class="geshifilter"><pre class="java geshifilter-java">import java.util.List;\n'
               'import org.example.feedReader;</pre></div>'
               '<table class="syntaxhighlighter"><tr><td class="code"><div class="line">x = getSrc()'
               '</div></td></tr></table>'
               '<p>To update, run<br><code>sudo gem update rhc</code><br>and wait.</p>'
               '<p>Call <code>getSrc()</code> on the image to read its address.</p>')
    page = BIG_PAGE.replace(f"<p>{STORY[4]}</p>", f"<p>{STORY[4]}</p>{listing}", 1)
    fragment = f"<article><h1>Floods cut off villages</h1><p>{STORY[1]}</p>{listing}</article>"
    for html in (page, fragment):
        source = read_text(html, "page.html", "html")
        kinds = {b.text: (b.hint, b.note) for b in source.blocks}
        for code in ("import java.util.List; import org.example.feedReader;", "x = getSrc()",
                     "sudo gem update rhc"):
            assert kinds[code] == (Kind.OTHER, "code"), code
        assert kinds["Call getSrc() on the image to read its address."][0] is None
        assert kinds["To update, run"][0] is None
    found = check_text(engine, page, "html", "page.html").findings
    assert not [f for f in found if f.rule == "extraction-artifact"], found


def test_what_only_looks_like_code_is_prose() -> None:
    """A "code" class on inline markup (a promo code's span) or a "highlight" box of key
    points is no code listing."""
    points = "Rescue boats carried more than two thousand families to schools on higher ground."
    extra = (f'<div class="highlights"><p>{points}</p></div>'
             '<p>Readers can use the <span class="code">FLOOD</span> voucher at the shop.</p>')
    page = BIG_PAGE.replace(f"<p>{STORY[4]}</p>", f"<p>{STORY[4]}</p>{extra}", 1)
    notes = {b.text: b.note for b in read_text(page, "page.html", "html").blocks}
    assert notes[points] != "code"
    assert notes["Readers can use the FLOOD voucher at the shop."] != "code"


def test_a_pre_of_prose_is_the_storys_paragraphs_not_code() -> None:
    """A blog that prints its post as typed, in one <pre> with paragraphs between blank
    lines: the story's paragraphs, one each; a <pre> of code stays code."""
    prose = "\n\n".join(STORY)
    code = "def flood(level):\n    if level > 3:\n        return alarm()\n    return None\n" * 6
    html = ("<html><head><title>Floods cut off villages</title></head><body><h1>Floods cut off villages</h1>"
            f"<pre>{prose}</pre><pre>{code}</pre></body></html>")
    blocks = read_text(html, "post.html", "html").blocks
    kinds = {b.text: (b.hint, b.note) for b in blocks}
    assert all(kinds[p] == (None, "") for p in STORY), kinds
    assert [b.note for b in blocks if b.text.startswith("def flood")] == ["code"]


def test_the_story_ends_before_the_pages_tools_and_columns() -> None:
    """What trafilatura keeps after the story but the page marks as its tools and teasers is
    furniture: a box with a form (add to blog, send by e-mail), links to the next and previous
    stories, a rail column, teaser headings in list items; tag links are noted "tags"."""
    tools = ('<div id="to-blog"><h2>Add to blog</h2><p>You may place this material on your blog '
             'by copying the link.</p><h3>Publication code:</h3><textarea>&lt;a href="/x"&gt;'
             '</textarea></div>'
             '<p id="next-prev">Next Story: <a href="/n" rel="next">Council votes to close the old '
             'library</a><br>Previous Story: <a href="/p" rel="prev">Bakeries report record holiday '
             'sales</a></p>'
             '<p class="taxonomy">Tags: <a href="/t/floods" rel="tag">Floods</a>, '
             '<a href="/t/monsoon" rel="tag">Monsoon</a></p>'
             '<div class="author-bio"><h2>About the author</h2><p>Jane Roe covers weather and '
             'climate for the paper and has reported from a dozen countries.</p></div>')
    column = ('<div class="r-col"><h2>Top multimedia</h2><ul><li><p><h3><span>Video: </span>'
              '<a href="/v/1">Rescue boats reach the stranded villages</a></h3></p></li>'
              '<li><p><h3><a href="/v/2">Villagers return to flooded homes</a></h3></p></li></ul></div>')
    page = BIG_PAGE.replace('<section class="related">', f'{tools}<section class="related">', 1)
    page = page.replace("</article>\n<footer>", f"</article>{column}\n<footer>", 1)
    kinds = {b.text: (b.hint, b.note) for b in read_text(page, "page.html", "html").blocks}
    for paragraph in STORY:
        assert kinds[paragraph] == (None, ""), paragraph[:30]
    for line in ("Add to blog", "You may place this material on your blog by copying the link.",
                 "Publication code:", "Next Story: Council votes to close the old library",
                 "Previous Story: Bakeries report record holiday sales", "About the author",
                 "Video: Rescue boats reach the stranded villages", "Villagers return to flooded homes"):
        assert kinds[line] == (Kind.OTHER, "page furniture"), line
    assert kinds["Tags: Floods, Monsoon"][0] is Kind.OTHER


def test_tag_lines_closing_datelines_and_next_story_links_in_plain_text() -> None:
    """The same lines in a plain-text article, by their words: a line of tags is other
    ("tags"), a wire dateline on its own line a dateline, a "Next Story:" link boilerplate."""
    text = (f"Floods cut off villages\n\n{STORY[0]}\n\n{STORY[1]}\n\nSMALLVILLE, April 10 (Metro News)"
            "\n\nTopics: Floods, Bangladesh\n\nNext Story: Council votes to close the old library\n")
    article = Segmenter(load().segmenter).segment(read_text(text, "a.txt", "txt"))
    kinds = {s.text: (s.kind, s.note) for s in article.segments}
    assert kinds["SMALLVILLE, April 10 (Metro News)"][0] is Kind.DATELINE
    assert kinds["Topics: Floods, Bangladesh"] == (Kind.OTHER, "tags")
    assert kinds["Next Story: Council votes to close the old library"][0] is Kind.BOILERPLATE
    assert kinds[STORY[1]][0] is Kind.BODY


def test_the_storys_own_links_forms_and_linked_words_stay_the_story() -> None:
    """A form inside the story's run of paragraphs (a poll between them) cuts no paragraph,
    a subhead with a link in its words stays a subhead, and a sentence naming a tag link
    stays a sentence."""
    poll = ('<div class="part"><p>{}</p><form><input type="radio" name="q"> Yes</form><p>{}</p></div>'
            .format(STORY[3], STORY[4]))
    subhead = '<h2>Where the <a href="/rivers">rivers</a> rose</h2>'
    tagged = ('<p>Officials said the water would take weeks to recede, as <a href="/t/monsoon" rel="tag">'
              'monsoon</a> rains were forecast to continue into next month across the region.</p>')
    story = "".join(f"<p>{p}</p>" for p in STORY[:3]) + subhead + poll + tagged + f"<p>{STORY[5]}</p>"
    page = BIG_PAGE[:BIG_PAGE.index('<div class="body">')] + f'<div class="body">{story}</div>' + \
        BIG_PAGE[BIG_PAGE.index('<section class="related">'):]
    kinds = {b.text: (b.hint, b.note) for b in read_text(page, "page.html", "html").blocks}
    for paragraph in STORY:
        assert kinds[paragraph] == (None, ""), paragraph[:30]
    assert kinds["Where the rivers rose"][0] is Kind.SUBHEAD
    assert kinds[next(t for t in kinds if t.startswith("Officials said"))] == (None, "")


def test_a_copyright_sign_before_an_agency_and_photographer_is_a_credit() -> None:
    """"© AGENCY/ PHOTOGRAPHER" by a picture and "[photo: NAME]" closing a story are credits;
    the house line "© Daily Planet Media" stays boilerplate."""
    text = (f"Floods cut off villages\n\n© AFP/ JANE DOE\n\n{STORY[0]}\n\n{STORY[1]}\n\n"
            "[photo: Omar Haddad]\n\n© Daily Planet Media\n")
    article = Segmenter(load().segmenter).segment(read_text(text, "a.txt", "txt"))
    kinds = {s.text: s.kind for s in article.segments}
    assert kinds["© AFP/ JANE DOE"] is Kind.CREDIT
    assert kinds["[photo: Omar Haddad]"] is Kind.CREDIT
    assert kinds["© Daily Planet Media"] is Kind.BOILERPLATE


def test_a_line_that_is_only_the_storys_date_is_a_timestamp() -> None:
    """"<p itemprop='datePublished'>Published Thursday, June 20, 2024 | 2:02 p.m.</p>" or a
    <time> on its own line is kind other, noted "timestamp", not body; a sentence with a
    <time> in it stays a sentence."""
    stamps = ('<p class="bypubdate" itemprop="datePublished">Published Thursday, June 20, 2024 | '
              '2:02 p.m.</p><p><time datetime="2024-06-21">Updated June 21, 2024</time></p>')
    dated = ('<p>The river peaked on <time datetime="2024-06-19">Wednesday</time> evening, and '
             'officials expect it to stay above danger level until the end of the week.</p>')
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body">{stamps}', 1).replace(
        f"<p>{STORY[5]}</p>", f"<p>{STORY[5]}</p>{dated}", 1)
    kinds = {b.text: (b.hint, b.note) for b in read_text(page, "page.html", "html").blocks}
    assert kinds["Published Thursday, June 20, 2024 | 2:02 p.m."] == (Kind.OTHER, "timestamp")
    assert kinds["Updated June 21, 2024"] == (Kind.OTHER, "timestamp")
    assert kinds[next(t for t in kinds if t.startswith("The river peaked"))] == (None, "")


def test_an_embedded_post_is_quoted_not_the_storys_prose(engine) -> None:
    """A tweet set by its embed code (<blockquote class="twitter-tweet">) is kind other, noted
    "embedded post": its short links and handles ("pic.example.com/2Ur09qccLI") are no glued
    words and no paragraph of the story; a plain quotation block stays the story's text."""
    tweet = ('<blockquote class="twitter-tweet"><p>Water is up to the second step of the school '
             '#flood pic.example.com/2Ur09qccLIx</p>&mdash; Jane Roe (@janeroe) '
             '<a href="https://example.com/s/1">June 4, 2024</a></blockquote>')
    quote = ('<blockquote><p>We have never seen the river this high in June, and the school '
             'is now a shelter for forty families.</p></blockquote>')
    page = BIG_PAGE.replace(f"<p>{STORY[4]}</p>", f"<p>{STORY[4]}</p>{tweet}{quote}", 1)
    source = read_text(page, "page.html", "html")
    notes = {b.text[:30]: (b.hint, b.note) for b in source.blocks}
    assert notes["Water is up to the second step"] == (Kind.OTHER, "embedded post")
    assert notes["We have never seen the river th"[:30]][0] is None
    found = check_text(engine, page, "html", "page.html").findings
    assert not [f for f in found if f.rule == "extraction-artifact"], found


def test_donation_and_membership_boxes_are_furniture() -> None:
    """A box asking readers to donate or join, set inside the story's container after its
    text, is the page's, not paragraphs or subheads of the story."""
    boxes = ('<div class="donation-box"><h3>Support independent journalism</h3><p>Our reporting '
             'is free to read and paid for by readers like you; give what you can today.</p></div>'
             '<aside id="membership"><h3>Become a member</h3><p>Members get the weekly letter from '
             'our editors and invitations to events in the city.</p></aside>')
    page = BIG_PAGE.replace(f"<p>{STORY[4]}</p>", f"<p>{STORY[4]}</p>{boxes}", 1)
    notes = {b.text[:25]: (b.hint, b.note) for b in read_text(page, "page.html", "html").blocks}
    for text in ("Support independent journ", "Our reporting is free to ", "Become a member",
                 "Members get the weekly le"):
        assert notes[text] == (Kind.OTHER, "page furniture"), text
    assert notes[STORY[4][:25]][0] is None


PARAGRAPHS_STORY = STORY[:3]


def _fragment(*blocks: str, tail: str = "") -> str:
    """An article's own markup (read by its containers), its story's paragraphs around
    `blocks`, and `tail` closing it."""
    return (f"<article><h1>Floods cut off villages in the northeast</h1><p>{PARAGRAPHS_STORY[0]}</p>"
            f"{''.join(blocks)}<p>{PARAGRAPHS_STORY[1]}</p><p>{PARAGRAPHS_STORY[2]}</p>{tail}</article>")


def test_the_reader_marks_the_blocks_set_as_paragraphs() -> None:
    """<p>, <li>, <blockquote>, <dd> and <td> set running text, each line after a <br> too, and
    so does a list item's <div>; a heading, a <div> and a line all in bold type (a subhead set
    by style) are not marked."""
    source = read_text(_fragment(
        "<p>Finally, the council will meet again<br>on Monday</p>", "<ul><li>Temp rating: 15F</li></ul>",
        "<blockquote>Water everywhere</blockquote>", "<dl><dt>Fill</dt><dd>Synthetic</dd></dl>",
        "<table><tr><th>Zone</th><td>Corn Belt</td></tr></table>", "<h2>Rivers rising</h2>",
        "<div>Street lighting</div>", "<p><strong>Water woes</strong></p>",
        "<p><b>Reducing the number of boats</b><br>Officials said more were coming</p>",
        "<p><strong>W</strong>orld Vision built a borehole</p>",
        "<ul><li><div class='item-text'>Banks are moving jobs away</div></li></ul>"), "a.html", "html")
    marked = {b.text: b.paragraph for b in source.blocks}
    for text in ("Finally, the council will meet again", "on Monday", "Temp rating: 15F", "Water everywhere",
                 "Synthetic", "Corn Belt", "Officials said more were coming", "World Vision built a borehole",
                 "Banks are moving jobs away", PARAGRAPHS_STORY[0]):
        assert marked[text], text
    for text in ("Floods cut off villages in the northeast", "Fill", "Zone", "Rivers rising", "Street lighting",
                 "Water woes", "Reducing the number of boats"):
        assert not marked[text], text
    assert not any(b.paragraph for b in read_text(f"Floods\n\n{STORY[0]}\n\nShort line\n", "a.txt", "txt").blocks)


def test_a_paragraph_is_no_subhead_or_caption_by_its_shape_alone() -> None:
    """A sign-off, a short <p> with no full stop, a list item opening on a link and a long
    line after a <br> are body: the page set them as running text. Their shape is noted (the
    judges of a line read a title-shaped one as such); the same lines in plain text keep the
    segmenter's guess."""
    sentence = "If you already have one, make sure it is the latest version of the flood map app"
    article = Segmenter(load().segmenter).segment(read_text(_fragment(
        "<p>Finally, the council will meet again on Monday</p>",
        f"<p>{STORY[3]}<br>{sentence}</p>",
        "<ul><li><a href='#map'>Sign up for an account</a> to try the flood map yourself</li></ul>",
        "<p>Jane Roe</p>"), "a.html", "html"))
    kinds = {s.text: (s.kind, s.note) for s in article.segments}
    shaped = (Kind.BODY, SHAPED_PARAGRAPH)
    assert kinds["Finally, the council will meet again on Monday"] == shaped
    assert kinds["Sign up for an account to try the flood map yourself"] == shaped
    assert kinds["Jane Roe"] == shaped
    assert kinds[sentence] == (Kind.BODY, "")
    assert off_topic._title_shaped(next(s for s in article.segments if s.text == "Jane Roe"))
    text = (f"Floods cut off villages\n\n{STORY[0]}\n\nFinally, the council will meet again on Monday\n\n"
            f"{STORY[1]}\n\n{sentence}\n\n{STORY[2]}\n")
    plain = {s.text: s.kind for s in Segmenter(load().segmenter).segment(read_text(text, "a.txt", "txt")).segments}
    assert plain["Finally, the council will meet again on Monday"] is Kind.SUBHEAD
    assert plain[sentence] is Kind.CAPTION


def test_a_paragraph_is_still_what_its_words_or_markup_say() -> None:
    """Set as a paragraph, a line is still what its words say (a closing dateline, a wire
    credit line, a promo, a caption's phrasing or credit, related-story links in a row,
    title-shaped lines closing the story, where the lines link elsewhere) and a heading, a bold
    line or one in capitals is still a subhead."""
    article = Segmenter(load().segmenter).segment(read_text(_fragment(
        "<h2>Rivers rising</h2>", "<p><strong>Water woes</strong></p>", "<p>NEVER SAY GOODBYE</p>",
        "<p><a href='/p'><strong>5. GET ADVICE FROM A PRO</strong></a></p>",
        "<p>MOSCOW, April 10 (RIA Novosti)</p>", "<p>(Reporting by Jane Roe; Editing by Omar Haddad)</p>",
        "<p>Sign up for our newsletter</p>",
        "<p>In this photo, residents wade through a flooded street in Sylhet on Thursday</p>",
        "<p>Residents wade through a flooded street in Sylhet on Thursday. (AP Photo/Jane Roe)</p>",
        "<p><a href='/b'>Baker Ships Birthday Cake Across the Atlantic</a></p>"
        "<p><a href='/v'>Village Pumpkin Contest Draws Record Entries</a> (video)</p>",
        "<ul><li>Hang Seng Index Down Half a Percent</li><li>Shanghai Composite Up Two Percent</li></ul>",
        "<p><a href='/c'><strong>CHINA'S CAR SALES BROKE A RECORD LAST YEAR</strong></a></p>",
        tail="<p>Bakeries report record holiday sales</p>"), "a.html", "html"))
    kinds = {s.text: s.kind for s in article.segments}
    for text in ("Rivers rising", "Water woes", "NEVER SAY GOODBYE"):
        assert kinds[text] is Kind.SUBHEAD, text
    assert kinds["MOSCOW, April 10 (RIA Novosti)"] is Kind.DATELINE
    assert kinds["(Reporting by Jane Roe; Editing by Omar Haddad)"] is Kind.CREDIT
    assert kinds["Sign up for our newsletter"] is Kind.BOILERPLATE
    assert kinds["In this photo, residents wade through a flooded street in Sylhet on Thursday"] is Kind.CAPTION
    assert kinds["Residents wade through a flooded street in Sylhet on Thursday."] is Kind.CAPTION
    assert kinds["(AP Photo/Jane Roe)"] is Kind.CREDIT
    assert kinds["Baker Ships Birthday Cake Across the Atlantic"] is Kind.BOILERPLATE
    # Title lines in a row that link nowhere are the story's own list (a market wrap's rows).
    assert kinds["Hang Seng Index Down Half a Percent"] is Kind.BODY
    # A linked line in capitals is a promo of another story; a numbered point of the story's
    # own list stays its subhead.
    assert kinds["CHINA'S CAR SALES BROKE A RECORD LAST YEAR"] is Kind.BOILERPLATE
    assert kinds["5. GET ADVICE FROM A PRO"] is Kind.SUBHEAD

    assert kinds["Bakeries report record holiday sales"] is Kind.RELATED


def test_text_hidden_by_a_class_and_from_screen_readers_is_not_read() -> None:
    """A share menu a framework's class hides and aria-hidden hides from screen readers
    ("<ul class='share-buttons hidden' aria-hidden='true'>") is shown to no reader until its
    button is pressed: its labels are not read, not even as the byline around them. Either
    sign alone hides nothing."""
    menu = ('<div class="byline post-share-buttons"><ul class="share-buttons hidden" aria-hidden="true">'
            '<li>Get link</li><li>Facebook</li><li>Other Apps</li></ul></div>')
    page = BIG_PAGE.replace('<div class="body">', f'{menu}<div class="body">', 1)
    source = read_text(page, "page.html", "html")
    assert "Get link" not in source.text and "Other Apps" not in source.text
    for shown in (f'<p class="hidden md:block">{STORY[3]}</p>', f'<p aria-hidden="true">{STORY[3]}</p>'):
        source = read_text(BIG_PAGE.replace(f"<p>{STORY[3]}</p>", shown, 1), "page.html", "html")
        assert STORY[3] in source.text


def test_a_byline_class_beside_a_class_naming_another_line_is_no_byline() -> None:
    """Blogger gives every line of a post's header and footer the class "byline": another
    class of the element says what the line is (a date, tags, a place), and only the author's
    line is a byline; an empty label's element says nothing of its line."""
    header = ('<div class="post-header"><span class="byline post-timestamp"><a href="/p">'
              '<time class="published" datetime="2015-04-14">April 14, 2015</time></a></span></div>'
              '<div class="post-header-2"><span class="byline post-author">Posted by Jane Roe</span></div>')
    footer = ('<div class="post-footer"><span class="byline post-labels"><span class="byline-label"></span>'
              '<a href="/l/floods" rel="tag">floods</a> <a href="/l/rain" rel="tag">rain</a></span></div>'
              '<div class="post-footer-2"><span class="byline post-location">Location: Sylhet, Bangladesh</span></div>'
              '<ul class="share"><li class="facebook ks-byline-fb"><a href="/s/fb"><span>facebook</span></a></li></ul>')
    page = BIG_PAGE.replace('<div class="body">', f'{header}<div class="body">', 1).replace(
        "</div>\n<section", f"{footer}</div>\n<section", 1)
    source = read_text(page, "page.html", "html")
    kinds = {b.text: (b.hint, b.note) for b in source.blocks}
    assert kinds["April 14, 2015"] == (Kind.OTHER, "timestamp")
    assert kinds["Posted by Jane Roe"][0] is Kind.BYLINE
    assert kinds["floods rain"][0] is not Kind.BYLINE
    assert kinds["Location: Sylhet, Bangladesh"][0] is not Kind.BYLINE
    assert kinds["facebook"][0] is not Kind.BYLINE  # a share button in the byline's row


def test_a_heading_the_page_names_as_the_story_filing_is_tags() -> None:
    """A heading whose class ends on "category" ("<h3 class='category'>") is the story's
    filing, not its subhead; WordPress's "category-news" on a box names the story's
    category, not a box of links."""
    filing = ('<h3 class="category"><a href="/category/floods/">Floods</a> '
              '<a href="/category/asia/">Asia</a></h3>')
    page = BIG_PAGE.replace('<div class="body">', f'<div class="body">{filing}', 1)
    source = read_text(page, "page.html", "html")
    assert (block(source, "Floods Asia").hint, block(source, "Floods Asia").note) == (Kind.OTHER, "tags")
    story = BIG_PAGE.replace('<div class="body">', '<div class="body category-news">', 1)
    assert block(read_text(story, "page.html", "html"), STORY[3][:30]).hint is None


def test_a_heading_inside_a_link_to_another_page_is_a_teaser() -> None:
    """A teaser card whose link wraps its picture and title ("<a href='/story-2'><img><h2>…
    </h2></a>") is another story's: its title is no subhead of this one. A subhead linking
    to a place on its own page stays a subhead."""
    teaser = ('<a href="/opinion-floods/a-1"><div class="teaserImg"><img src="t.jpg" alt=""></div>'
              '<h2>Opinion: The floods were foretold <span class="date">16.05.2020</span></h2></a>')
    own = '<a href="#rescue"><h2>Rescue boats reach the villages</h2></a>'
    page = BIG_PAGE.replace(f"<p>{STORY[3]}</p>", f"{own}<p>{STORY[3]}</p>", 1).replace(
        "</div>\n<section", f"{teaser}</div>\n<section", 1)
    source = read_text(page, "page.html", "html")
    assert block(source, "Opinion: The floods").hint is Kind.OTHER
    assert block(source, "Rescue boats reach").hint is Kind.SUBHEAD


def test_a_line_that_is_only_a_link_after_the_story_is_furniture() -> None:
    """Text in no block of its own that is all a link to another page, after the story's last
    paragraph ("<section>…<p>…</p><a href='/pages/about-reviews'>About Our Reviews</a>
    </section>"), is the page's link, not the story's subhead; a line of the story's own
    words there is the story's."""
    page = BIG_PAGE.replace("</div>\n<section", '<a href="/pages/about-reviews">About Our Reviews</a>'
                            '</div>\n<section', 1)
    source = read_text(page, "page.html", "html")
    assert block(source, "About Our Reviews").hint is Kind.OTHER
    assert block(source, STORY[5][:30]).hint is None


def _outside_page(header: str, before: str = "") -> str:
    """A page whose headline and header stand outside the <article> that holds only the
    story's paragraphs (`before`: what stands between them)."""
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return ('<!DOCTYPE html><html><head><title>Floods cut off villages in the northeast | The Ledger</title>'
            '</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><main>'
            f'<div class="head"><h1>Floods cut off villages in the northeast</h1>{header}</div>'
            f'{before}<article class="body">{paragraphs}</article></main>'
            '<footer><p>Copyright The Ledger. All rights reserved.</p></footer></body></html>')


DEK = "Rivers rose above danger levels at a dozen stations after a week of heavy rain in the hills."


def test_the_header_above_a_story_outside_its_article_is_the_story_s() -> None:
    """Headline and standfirst may stand outside the <article> that holds only the story's
    paragraphs: the standfirst is still the story's, as is its byline's date line."""
    header = (f'<h2 class="Headline__Desc">{DEK}</h2><div class="Byline">'
              '<div class="Byline__Author">By Jane Roe</div><div class="Byline__Meta">June 20, 2024, 7:19 PM</div>'
              '</div>')
    source = read_text(_outside_page(header), "page.html", "html")
    kinds = {b.text: (b.hint, b.note) for b in source.blocks}
    assert kinds[DEK] == (None, "standfirst")
    assert kinds["By Jane Roe"][0] is Kind.BYLINE
    assert kinds["June 20, 2024, 7:19 PM"] == (Kind.OTHER, "timestamp")
    # a byline's words with a date stay a byline
    source = read_text(_outside_page(header.replace("June 20", "Jane Roe, June 20")), "page.html", "html")
    assert block(source, "Jane Roe, June 20").hint is Kind.BYLINE
    # a date line with the time in two zones is a date line
    source = read_text(_outside_page(header.replace("June 20, 2024, 7:19 PM", "Updated 1354 GMT (2154 HKT) June 20, 2024")),
                       "page.html", "html")
    assert block(source, "Updated 1354 GMT").hint is Kind.OTHER
    # a day named by how near it is is a date too ("Published: Today")
    source = read_text(_outside_page(header.replace("June 20, 2024, 7:19 PM", "Published: Today")), "page.html", "html")
    assert (block(source, "Published: Today").hint, block(source, "Published: Today").note) == (Kind.OTHER, "timestamp")


def test_a_byline_after_a_standfirst_the_story_holds_is_the_story_s() -> None:
    """A byline between a standfirst trafilatura keeps as the story's and the story's lead
    paragraph stands above the story: the line its markup names a byline is the story's
    byline, not the share tools of the byline's box."""
    header = (f'<p class="dek">{DEK}</p><div class="byline_box"><div class="byline">By Jane Roe</div>'
              '<div class="tools"><span>Share</span></div></div>')
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    page = ('<!DOCTYPE html><html><head><title>Floods cut off villages in the northeast | The Ledger</title>'
            '</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>'
            f'<div class="head"><h1>Floods cut off villages in the northeast</h1>{header}</div>'
            f'<div class="body">{paragraphs}</div></article>'
            '<footer><p>Copyright The Ledger. All rights reserved.</p></footer></body></html>')
    source = read_text(page, "page.html", "html")
    kinds = {b.text: (b.hint, b.note) for b in source.blocks}
    assert kinds[DEK] == (None, "standfirst")
    assert kinds["By Jane Roe"][0] is Kind.BYLINE
    assert kinds["Share"][0] is Kind.OTHER


def test_a_posted_by_line_under_the_headline_is_a_byline() -> None:
    """A blog's "Posted by NAME on DATE" under the headline, in a block no markup names, is
    the story's byline, as "By NAME" is."""
    line = "Posted by Jane Roe on June 20, 2024"
    page = BIG_PAGE.replace('<div class="byline"><span class="author">Jane Roe</span><span class="date">'
                            'Published June 20, 2024</span></div>', f'<p class="meta">{line}</p>', 1)
    assert block(read_text(page, "page.html", "html"), line).hint is Kind.BYLINE


def test_a_caption_in_the_lead_picture_box_before_the_article_is_the_story_s() -> None:
    """The lead picture set across the page just before the story's <article>, its caption in
    a heading the class names one ("<h5 class='caption-lede'>"), is the story's figure; a
    box there the page names as furniture is not."""
    lead = ('<section class="lede"><img src="lead.jpg" alt=""><h5 class="caption-lede"><p>Residents wade '
            'through a flooded street in Sylhet. Image: Jane Doe/Flickr</p></h5></section>')
    page = BIG_PAGE.replace('<article class="story">', f'{lead}<article class="story">', 1)
    source = read_text(page, "page.html", "html")
    assert block(source, "Residents wade through a flooded street in Sylhet").hint is Kind.CAPTION
    rail = lead.replace('class="lede"', 'class="rail"')
    source = read_text(BIG_PAGE.replace('<article class="story">', f'{rail}<article class="story">', 1),
                       "page.html", "html")
    assert block(source, "Residents wade through a flooded street in Sylhet").hint is Kind.OTHER


def test_a_caption_element_that_holds_the_headline_is_read_as_the_header() -> None:
    """A headline laid over the lead picture inside its <figcaption> ("<figcaption><p>Trailers
    </p><h3>Headline</h3></figcaption>") is the story's headline, not a caption; the picture's
    own caption beside it is its caption."""
    hero = ('<figure class="main-post"><img src="lead.jpg" alt=""><figcaption><p class="tag-line">'
            '<a href="/category/floods/">Floods</a></p><h3 class="major-title">Floods cut off villages in the '
            'northeast</h3></figcaption><span class="image-caption">Residents wade through a flooded street: '
            'Jane Doe</span></figure>')
    page = _outside_page("").replace('<div class="head"><h1>Floods cut off villages in the northeast</h1></div>',
                                    hero, 1)
    source = read_text(page, "page.html", "html")
    kinds = {b.text: b.hint for b in source.blocks}
    assert kinds["Floods cut off villages in the northeast"] is Kind.HEADLINE
    assert kinds["Residents wade through a flooded street: Jane Doe"] is Kind.CAPTION


def test_the_headline_is_the_story_s_own_not_a_sticky_bar_s_copy() -> None:
    """A bar that rolls down over the page as it scrolls ("<header class='roll-up'
    id='article_rollup'><h1>…") repeats the headline: the headline is the story's own <h1>,
    and its standfirst is read as one; a page whose only <h1> is in such a bar keeps it."""
    title = "Floods cut off villages in the northeast"
    rollup = f'<header class="roll-up" id="article_rollup"><h1 class="primary">{title}</h1></header>'
    page = BIG_PAGE.replace("</h1>", f'</h1><h2 class="dek">{DEK}</h2>', 1)
    page = page.replace('<div class="rail">', f'{rollup}<div class="rail">', 1)
    source = read_text(page, "page.html", "html")
    copies = [(b.hint, b.start) for b in source.blocks if b.text == title]
    assert [hint for hint, _ in sorted(copies, key=lambda c: c[1])] == [Kind.OTHER, Kind.HEADLINE]
    assert (block(source, DEK).hint, block(source, DEK).note) == (None, "standfirst")
    only = BIG_PAGE.replace("<h1>", '<header class="sticky-title"><h1>', 1).replace(
        "</h1>", "</h1></header>", 1)
    assert [b.text for b in read_text(only, "page.html", "html").blocks if b.hint is Kind.HEADLINE] == [title]


def test_the_publisher_s_appeal_after_the_story_is_boilerplate() -> None:
    """The publisher's paragraph-long appeal for members after the story ("Do stories like
    this matter to you? Become a Ledger Member and support independent journalism. …") is
    boilerplate, not a paragraph of the story; a story's sentence about people becoming
    members is body."""
    appeal = ("<p><strong>Do stories like this matter to you?</strong> <em>Become a Ledger Member and "
              "support independent journalism. Join a community of readers who care about the north, "
              "and get exclusive access to interviews and events.</em></p>")
    members = ("<p>Hundreds of farmers chose to become members of the cooperative last year, hoping its "
               "grain store would support them through the floods.</p>")
    page = BIG_PAGE.replace("</div>\n<section", f"{members}{appeal}</div>\n<section", 1)
    article = Segmenter(load().segmenter).segment(read_text(page, "page.html", "html"))
    kinds = {s.text[:25]: s.kind for s in article.segments}
    assert kinds["Do stories like this matt"] is Kind.BOILERPLATE
    assert kinds["Hundreds of farmers chose"] is Kind.BODY


def test_a_reading_time_in_a_byline_s_box_is_no_byline() -> None:
    """"5 min read" in the byline's box is the page's note on the story's length, not its
    author; the author's line beside it stays a byline."""
    header = ('<div class="Byline"><div class="Byline__Author">By Jane Roe</div>'
              '<div class="Byline__ReadTime">5 min read</div></div>')
    source = read_text(_outside_page(header), "page.html", "html")
    assert block(source, "By Jane Roe").hint is Kind.BYLINE
    assert block(source, "5 min read").hint is Kind.OTHER


def test_a_byline_s_by_set_apart_from_the_name_is_one_byline() -> None:
    """"By" and the author's name in blocks of their own inside the byline's box ("<div
    class='Byline__ByCopy'>By</div><div class='Byline__Author'>Jane Roe</div>") are one
    byline; a "By" with no byline block after it stays apart from what follows."""
    header = '<div class="Byline"><div class="Byline__ByCopy">By</div><div class="Byline__Author">Jane Roe</div></div>'
    source = read_text(_outside_page(header), "page.html", "html")
    assert block(source, "By Jane Roe").hint is Kind.BYLINE
    alone = '<div class="Byline"><div class="Byline__ByCopy">By</div></div><div class="kicker">Floods</div>'
    source = read_text(_outside_page(alone), "page.html", "html")
    assert [b.text for b in source.blocks if b.text.startswith("By")] == ["By"]


def test_an_old_page_names_its_byline_and_caption_by_id_not_its_tagline() -> None:
    html = ('<div id="topbyline">The best harbour news blog</div><article><h1>Ferry fares rise</h1>'
            '<p id="byline">Jane Roe</p><div id="bylineArea">By Omar Haddad</div>'
            '<p>The island ferry will cost more from June, the operator said on Tuesday after a year of losses.</p>'
            '<img src="f.jpg" alt=""><p id="lead-caption">The island ferry leaves Northport harbour on a calm morning.</p>'
            '<p>Fares for cars rise by a tenth and for foot passengers by a twentieth, the operator said.</p></article>')
    hints = {b.text: b.hint for b in read_text(html, "t.html", "html").blocks}
    assert hints["Jane Roe"] is Kind.BYLINE
    assert hints["By Omar Haddad"] is Kind.BYLINE  # a camel-cased id is words too
    drupal = read_text('<div class="field field-name-field-autor"><div class="field-items"><a href="/p/j">Jane Roe</a>'
                       '</div></div><p>Body.</p>', "t.html", "html")
    assert [b.hint for b in drupal.blocks if b.text == "Jane Roe"] == [Kind.BYLINE]  # in the site's language
    assert hints["The island ferry leaves Northport harbour on a calm morning."] is Kind.CAPTION
    assert hints.get("The best harbour news blog") is not Kind.BYLINE


def test_a_heading_after_the_storys_last_paragraph_heads_what_follows_it() -> None:
    html = ('<article><h1>Ferry fares rise</h1>'
            + "".join(f'<p>The island ferry will cost more from June, the operator said in its notice number {n}.</p>'
                      for n in range(1, 6))
            + '<h2>A fare table for every route</h2><p>Cars pay a tenth more on every route from June, and foot passengers a twentieth.</p>'
            '<h2>Latest news and headlines from the wire</h2><div class="player"></div></article>')
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    kinds = {s.text: s.kind for s in article.segments}
    assert kinds["A fare table for every route"] is Kind.SUBHEAD
    assert kinds["Latest news and headlines from the wire"] is Kind.OTHER


def test_a_rail_of_prose_taken_for_the_story_gives_way_to_the_post_under_the_headline(monkeypatch) -> None:
    """When trafilatura's reading passes over three paragraphs of prose under the headline,
    its reading that favours recall is asked; the test stands in for both readings."""
    from checker.read.html import bounds

    post = [f"Paragraph {n} of the post explains how the ferry timetable was rebuilt after the storm, why "
            f"the council chose a new operator, and what passengers should expect next spring." for n in range(1, 8)]
    quotes = [f"Working with the author on project {n} was a pleasure; the advice on timetables saved our "
              f"team months of work and taught us to see the business side of every question." for n in range(1, 20)]
    html = ('<html><head><title>Rebuilding the ferry timetable</title></head><body><table><tr><td>'
            '<div class="post"><h2><a href="/p/1" rel="bookmark">Rebuilding the ferry timetable</a></h2>'
            '<div class="entry">' + "".join(f"<p>{p}</p>" for p in post) + '</div></div></td>'
            '<td><div class="side">' + "".join(f"<p>{q}</p>" for q in quotes) + '</div></td></tr></table></body></html>')
    asked = []

    def reading(cls, text: str, recall: bool = False):
        asked.append(recall)
        return cls([bounds._words(p) for p in (post if recall else quotes)])

    monkeypatch.setattr(bounds._Main, "of", classmethod(reading))
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    body = [s.text for s in article.body]
    assert asked == [False, True]
    assert body == post


def test_a_timestamp_set_as_a_heading_is_furniture_not_a_subhead() -> None:
    html = ('<article><h1>Ferry fares rise</h1><h6 class="dateline">Published: November 13, 2010</h6>'
            + "".join(f"<p>The island ferry will cost more from June, the operator said in notice {n}.</p>"
                      for n in range(1, 6)) + '<h2>What changes for cars</h2><p>Cars pay a tenth more.</p></article>')
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    kinds = {s.text: s.kind for s in article.segments}
    assert kinds["Published: November 13, 2010"] is Kind.OTHER
    assert kinds["What changes for cars"] is Kind.SUBHEAD


def test_a_bylines_social_links_box_is_no_byline() -> None:
    html = ('<article><h1>Ferry fares rise</h1><div class="byline">By Jane Roe</div>'
            '<div class="byline-social"><a href="https://social.example/share">Share this story</a></div>'
            '<p>The island ferry will cost more from June, the operator said on Tuesday after a year of losses.</p></article>')
    hints = {b.text: b.hint for b in read_text(html, "t.html", "html").blocks}
    assert hints["By Jane Roe"] is Kind.BYLINE
    assert hints.get("Share this story") is not Kind.BYLINE


def test_elements_after_a_styled_one_are_never_glued_to_it() -> None:
    html = ('<article><h1>Ferry fares rise</h1><p class="byline"><span class="author"><span>Jane Roe</span></span>'
            '<span><span class="date">14:40, Feb 17 2021</span></span></p>'
            '<p>The island ferry will cost more from June, the operator said. <span class="count">27</span>'
            '<strong>Comments</strong></p></article>')
    texts = [b.text for b in read_text(html, "t.html", "html").blocks]
    assert "Jane Roe 14:40, Feb 17 2021" in texts
    assert texts[-1].endswith("said. 27 Comments")
    # nor before an element that opens on a styled one: "…12:45 PM</span><span><a class='icon'>"
    html = ('<article><h1>Ferry fares rise</h1><p class="meta">By Jane Roe <span><time>on Aug. 1, 2014 - '
            '12:45 PM</time></span><span><a class="comment_icon" href="#c">Comment</a></span></p>'
            '<p>The island ferry will cost more from June, the <span><b>oper</b></span>ator said.</p></article>')
    texts = [b.text for b in read_text(html, "t.html", "html").blocks]
    assert "12:45 PM Comment" in texts[1] and texts[-1].endswith("the operator said.")


@pytest.mark.parametrize("box,others", [
    # the author's other stories: a kicker, a headline and that story's byline
    ('<div class="byline"><span class="name">By Jane Roe</span><div class="related-content"><a class="kicker" '
     'href="/topic/travel">Travel</a><h3><a href="/a/1">Harbour tolls double for yachts</a></h3>'
     '<div class="byline">Omar Haddad</div></div></div>',
     ["Travel", "Harbour tolls double for yachts", "Omar Haddad"]),
    # share buttons
    ('<div class="c-story__byline-wrapper"><div class="c-story__byline">By Jane Roe</div>'
     '<ul class="c-story__sharebar"><li><a href="https://social.example/a">Facebook</a></li>'
     '<li><a href="https://social.example/b">Reddit</a></li></ul></div>',
     ["Facebook", "Reddit"]),
])
def test_a_bylines_box_gives_only_the_byline(box: str, others: list[str]) -> None:
    paragraphs = _notices(6)
    html = (f'<html><body><article><header><h1>Ferry fares rise</h1>{box}</header>'
            f'<div class="article-body">{paragraphs}</div></article></body></html>')
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    kinds = {s.text: s.kind for s in article.segments}
    assert kinds["By Jane Roe"] is Kind.BYLINE
    assert all(kinds[text] is Kind.OTHER for text in others)


def test_an_h1_the_page_names_its_dek_gives_way_to_the_heading_it_names_its_headline() -> None:
    paragraphs = _notices(5)
    html = ('<html><head><title>The operator blames a year of losses and a costly new ramp. - Daily Planet</title>'
            '</head><body><nav><a href="/">Home</a></nav>'
            '<article><h2 class="art-head-hed">Ferry fares rise</h2>'
            '<h1 class="art-head-dek">The operator blames a year of losses and a costly new ramp.</h1>'
            f'{paragraphs}</article><footer>© 2026 Daily Planet</footer></body></html>')
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    assert article.headline is not None and article.headline.text == "Ferry fares rise"


def test_a_paragraph_trafilatura_drops_among_the_storys_alike_ones_is_the_storys(monkeypatch) -> None:
    from checker.read.html import bounds

    paragraphs = ["The island ferry will cost more from June, the operator said on Tuesday after a year of losses.",
                  "Fares for cars rise by a tenth and for foot passengers by a twentieth on every route it runs.",
                  "The council, which owns the harbour, said it had not been asked about the rise in advance.",
                  "Islanders who commute to the mainland for work say the rise will cost them a week's wages.",
                  "The operator blamed the price of fuel and the cost of repairing a ramp damaged in a storm.",
                  "A public meeting on the fares will be held in the island's school hall on Friday evening."]
    promo = "Sign up for our newsletter and get the best stories of the week delivered every Friday morning."
    html = ('<html><head><title>Ferry fares rise</title></head><body><nav><a href="/">Home</a></nav><article>'
            '<h1>Ferry fares rise</h1>'
            + "".join(f'<div class="text section"><div class="text"><p>{p}</p></div></div>' for p in paragraphs[:4])
            + f'<div class="promo-box"><p>{promo}</p></div>'
            + "".join(f'<div class="text section"><div class="text"><p>{p}</p></div></div>' for p in paragraphs[4:])
            + '</article><footer>© 2026 Daily Planet</footer></body></html>')
    dropped = {paragraphs[3], paragraphs[5]}  # one between kept paragraphs, one after the last

    def reading(cls, text: str, recall: bool = False):
        return cls([bounds._words(p) for p in paragraphs if p not in dropped])

    monkeypatch.setattr(bounds._Main, "of", classmethod(reading))
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    assert [s.text for s in article.body] == paragraphs


def test_teasers_bylines_in_the_pages_menu_are_not_the_storys() -> None:
    paragraphs = _notices(6)
    html = ('<html><head><title>Ferry fares rise</title></head><body><div id="header"><ul id="menu"><li>'
            '<a href="/video">video</a><div class="links">'
            '<h4><a href="/v/1">Harbour tolls double for yachts</a></h4><span class="author"><a class="author" '
            'href="/people/omar">Omar Haddad</a></span></div></li></ul></div>'
            '<article><header><h1>Ferry fares rise</h1><div class="byline">By Jane Roe</div></header>'
            f'<div class="article-body">{paragraphs}</div></article></body></html>')
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    kinds = {s.text: s.kind for s in article.segments}
    assert kinds["By Jane Roe"] is Kind.BYLINE
    assert kinds.get("Omar Haddad") is not Kind.BYLINE


def test_a_related_link_kept_before_the_story_is_no_lead_and_a_sign_up_box_is_furniture(monkeypatch) -> None:
    """trafilatura may keep a related-content rail's first link before the story; the story's
    lead is still its first paragraph, so the rail the page names "related-bar" is
    furniture, and so is a sign-up box among the paragraphs."""
    import trafilatura

    real = trafilatura.extract
    rail_line = "Half of all firms unprepared for the true cost of software audits"
    monkeypatch.setattr(trafilatura, "extract", lambda text, **kw: rail_line + "\n" + (real(text, **kw) or ""))
    story = paragraphs("On day {n} of the audit, the council's inspectors checked the licences of every "
                       "program the town hall runs, the clerk said.", 6).replace("</p><p>", "</p>\n<p>").split("\n")
    html = ("<html><head><title>Audit finds unlicensed software</title></head><body><nav><a href='/'>Home</a></nav>"
            "<div class='page'><article><h1>Audit finds unlicensed software at the town hall</h1>"
            f"<aside class='related-bar'><ul><li><a href='/n/1'>{rail_line}</a><span>– Other Site</span></li></ul>"
            f"</aside><div class='body'>{''.join(story[:3])}"
            "<section class='sign-up-wrapper'><h2>Most cloud apps are not secure enough</h2>"
            "<p>Access this e-guide with six key articles on cloud security and protect your data.</p></section>"
            f"{''.join(story[3:])}</div></article></div><footer>© Town Gazette</footer></body></html>")
    source = read_text(html, "t.html", "html")
    kinds = {b.text: b.hint for b in source.blocks}
    assert [b.hint for b in source.blocks if b.text.startswith(rail_line)] == [Kind.OTHER]
    assert kinds["Access this e-guide with six key articles on cloud security and protect your data."] is Kind.OTHER
    assert all(b.hint is None for b in source.blocks if b.text.startswith("On day"))


def test_a_byline_heading_under_the_headline_is_a_byline_though_a_rail_copy_comes_first(monkeypatch) -> None:
    """AP's page sets "By JANE ROE" in a side rail's <h4> before the headline and again in an
    <h6> under it; trafilatura may keep the rail's copy as the story's first block. The one
    between the headline and the story is the story's byline all the same."""
    import trafilatura

    real = trafilatura.extract
    monkeypatch.setattr(trafilatura, "extract", lambda text, **kw: "By JANE ROE\n" + (real(text, **kw) or ""))
    story = paragraphs("On day {n} of the hearing, the judge heard from engineers who inspected the bridge "
                       "before it fell into the river.", 6)
    html = ("<html><head><title>Bridge hearing opens</title></head><body>"
            "<div class='rail'><h4>By JANE ROE</h4><h4>May 25, 2017</h4></div>"
            "<div class='main'><h1>Bridge hearing opens in Metro City</h1><div><h6>By JANE ROE</h6></div>"
            f"<div class='articleBody'>{story}</div></div><footer>© Town Gazette</footer></body></html>")
    source = read_text(html, "t.html", "html")
    article = Segmenter(load().segmenter).segment(source)
    head = next(i for i, s in enumerate(article.segments) if s.kind is Kind.HEADLINE)
    assert [s.kind for s in article.segments[head:] if s.text == "By JANE ROE"] == [Kind.BYLINE]


def test_an_ads_iframe_carrying_a_document_of_its_own_does_not_end_the_page() -> None:
    """A saved page's ad <iframe> may hold "<html><body …></body></html>" as its content, raw
    text to a browser; read as markup, its "</body>" would close the page's body halfway."""
    iframe = ("<iframe id='ad' src=\"javascript:\"<html><body style='background:transparent'></body></html>\"\">"
              "</iframe>")
    page = BIG_PAGE.replace('<div class="body">', f'{iframe}<div class="body">', 1)
    source = read_text(page, "page.html", "html")
    assert source.meta.get("page") is True
    body = [b.text for b in source.blocks if b.hint is None]
    assert all(p in body for p in STORY)


def test_a_hover_card_over_a_name_is_hidden_but_the_name_is_read() -> None:
    """The Hill's name links carry a card the page's style shows on hover, holding the name
    again and the person's latest headlines: no words of the story."""
    card = ("<a class='rollover-people-link' href='/people/jane-roe'>Jane Roe</a>"
            "<span class='rollover-people-block'><span class='rollover-block'><a class='name' href='/people/jane-roe'>"
            "Jane Roe</a><a class='people-articles' href='/n/1'>Mayor unveils a new budget</a></span></span>")
    html = (f"<article><h1>Council approves budget</h1><p>Sen. {card} (D-Metro) said on Sunday the vote "
            "would go ahead.</p><p>The clerk said the council met for three hours.</p></article>")
    texts = [b.text for b in read_text(html, "t.html", "html").blocks]
    assert "Sen. Jane Roe (D-Metro) said on Sunday the vote would go ahead." in texts
    assert not any("Mayor unveils" in t for t in texts)


def test_a_heading_in_an_authors_box_is_the_byline_and_the_follow_links_are_not() -> None:
    html = ('<article><h1>Ferry fares rise</h1><div class="author" itemprop="author">'
            '<h4 class="author-name"><a href="/profile/jane-roe" rel="author">Jane Roe</a>'
            '<span class="author-title"> Transport editor</span></h4>'
            '<ul class="author-contacts"><li><a href="https://social.example/janeroe">Follow @janeroe</a></li></ul>'
            f'</div>{_notices(5)}</article>')
    kinds = {b.text: b.hint for b in read_text(html, "t.html", "html").blocks}
    assert kinds["Jane Roe Transport editor"] is Kind.BYLINE
    assert kinds["Follow @janeroe"] is Kind.OTHER


def test_a_linked_title_case_line_between_paragraphs_is_a_promo_of_another_story() -> None:
    """"<p style='text-align: center;'><a href='…'><strong>Singer Covers Her Mentor's Old Hit
    in a New Video</strong></a></p>" between a story's paragraphs: another story's headline
    the page links, not a subhead of this one; a short linked label stays what it was."""
    promo = ("<p style='text-align: center;'><a href='/s'><strong>Singer Covers Her Mentor's Old Hit in "
             "a New Video</strong></a></p>")
    label = "<p><a href='/m'><strong>Flood Warnings</strong></a></p>"
    page = BIG_PAGE.replace(f"<p>{STORY[2]}</p>", f"{promo}<p>{STORY[2]}</p>{label}", 1)
    article = Segmenter(load().segmenter).segment(read_text(page, "page.html", "html"))
    kinds = {s.text: s.kind for s in article.segments}
    assert kinds["Singer Covers Her Mentor's Old Hit in a New Video"] is Kind.BOILERPLATE
    assert kinds["Flood Warnings"] is not Kind.BOILERPLATE


def test_an_h1_sharing_no_word_with_the_title_gives_way_to_the_titles_copy_in_the_page() -> None:
    """A hidden search panel's "<h1>No matches for your search</h1>" is the page's only <h1>;
    the story's title is a <div> whose text is the page's title word for word."""
    html = ("<html><head><title>Glass recycling piles rise at a desert plant - Cool Site</title></head><body>"
            "<nav><a href='/'>Home</a></nav><div class='title'>Glass recycling piles rise at a desert plant</div>"
            f"{_notices(5)}<div class='section hidden' id='search'><h1>No matches for your search</h1></div>"
            "<footer>© Cool Site</footer></body></html>")
    source = read_text(html, "t.html", "html")
    assert [b.text for b in source.blocks if b.hint is Kind.HEADLINE] == ["Glass recycling piles rise at a desert plant"]


def test_a_page_that_never_writes_body_has_one_as_a_browser_reads_it() -> None:
    """"</head><div id='page'>…" with no <body> tag (The Week, 2014): the page is still a
    page, its rails furniture, and a box whose id names the headline carries it."""
    page = BIG_PAGE.replace("<body>", "").replace("</body>", "").replace(
        "<h1>Floods cut off villages in the northeast</h1>", "<div id='nfHeadline'>Floods | The Ledger</div>")
    source = read_text(page, "page.html", "html")
    assert source.meta.get("page") is True
    hints = {b.text: b.hint for b in source.blocks}
    assert hints["Late winner keeps the title race alive"] is Kind.OTHER
    assert [b.text for b in source.blocks if b.hint is Kind.HEADLINE] == ["Floods | The Ledger"]


def test_the_implied_body_opens_at_the_first_element_no_head_holds() -> None:
    from checker.read.html.reader import _tree
    from checker.read.html.tree import _elements

    tree = _tree("<html><head><title>t</title><meta charset='utf-8'><div id='page'><p>Text.</p></div></html>")
    (html,) = [n for n in tree.root.children if getattr(n, "tag", None) == "html"]
    head, body = [n for n in html.children if hasattr(n, "tag")]
    assert (head.tag, body.tag) == ("head", "body")
    assert [n.tag for n in _elements(head)] == ["title", "meta"]
    assert [n.tag for n in _elements(body)] == ["div", "p"]
    # a page that writes its <body> gets no second one
    tree = _tree("<html><head><title>t</title></head><body><p>Text.</p></body></html>")
    assert sum(n.tag == "body" for n in _elements(tree.root)) == 1


def test_a_headings_end_tag_closes_whichever_heading_is_open() -> None:
    """"<h1 class='single-title'>…</h2>" (a WordPress theme's slip): a browser closes the <h1>
    there; read as a stray end tag, the headline swallowed the whole story."""
    from checker.read.html.reader import _tree
    from checker.read.html.tree import _elements

    tree = _tree("<body><h1>Headline</h2><p>First paragraph.</p><h3>Sub</h4><p>Second.</p></body>")
    (h1,) = [n for n in _elements(tree.root) if n.tag == "h1"]
    assert [n.tag for n in _elements(h1)] == []
    body = next(n for n in _elements(tree.root) if n.tag == "body")
    assert [n.tag for n in body.children if hasattr(n, "tag")] == ["h1", "p", "h3", "p"]


def test_a_short_sentence_dropped_between_the_storys_paragraphs_is_the_storys_but_not_after_them(monkeypatch) -> None:
    from checker.read.html import bounds

    paragraphs = ["The island ferry will cost more from June, the operator said on Tuesday after a year of losses.",
                  "Fares for cars rise by a tenth and for foot passengers by a twentieth on every route it runs.",
                  "But then the council said it had never been asked about it.",
                  "Islanders who commute to the mainland for work say the rise will cost them a week's wages.",
                  "The operator blamed the price of fuel and the cost of repairing a ramp damaged in a storm.",
                  "Send us your own ferry stories by email today."]
    html = ('<html><head><title>Ferry fares rise</title></head><body><nav><a href="/">Home</a></nav><article>'
            '<h1>Ferry fares rise</h1>'
            + "".join(f'<div class="text"><p>{p}</p></div>' for p in paragraphs)
            + '</article><footer>© 2026 Daily Planet</footer></body></html>')
    dropped = {paragraphs[2], paragraphs[5]}

    def reading(cls, text: str, recall: bool = False):
        return cls([bounds._words(p) for p in paragraphs if p not in dropped])

    monkeypatch.setattr(bounds._Main, "of", classmethod(reading))
    article = Segmenter(load().segmenter).segment(read_text(html, "t.html", "html"))
    assert [s.text for s in article.body] == paragraphs[:5]


@pytest.mark.parametrize("line", [
    "<p>Copyright © 2019, respective author or news agency, Reuters</p>",
    "<p>(Copyright 2020 The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed without permission.)</p>",
    "<p><span class='dateline'>AUSTIN, Texas</span><a rel='item-license'>Copyright 2017 The Associated Press. "
    "All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</a></p>",
])
def test_a_news_agencys_copyright_line_on_a_page_is_its_credit(engine, line: str) -> None:
    """A site republishing wire copy closes it with the agency's copyright: the agency's credit
    (info); another outlet's promo stays a warning, and so does the same line in plain text."""
    page = BIG_PAGE.replace("<head>", '<head><meta property="og:site_name" content="The Ledger">', 1)
    wire = page.replace("</div>\n<section", f"{line}</div>\n<section", 1)
    assert line in wire
    found = [f for f in check_text(engine, wire, "html", "page.html").findings if f.rule == "boilerplate"]
    assert [f.severity.label for f in found] == ["info"] and "credit" in found[0].message
    text = "Floods cut off villages\n\n" + "\n\n".join(STORY) + "\n\nCopyright © 2019, respective author or news agency, Reuters\n"
    found = [f for f in check_text(engine, text, "txt", "story.txt").findings if f.rule == "boilerplate"]
    assert [f.severity.label for f in found] == ["warning"]


@pytest.mark.parametrize("mark", ["&shy;", "\u00ad", "&#8203;", "\u2060"])
def test_soft_hyphens_and_zero_width_spaces_are_not_part_of_the_words(mark: str) -> None:
    """"Chi&shy;na re&shy;searchers": line-break hints some CMSs put in every long word are
    invisible on the page, so the text read has the words whole, each still pointing into the
    file."""
    page = (f"<html><body><article><h1>Chi{mark}na re{mark}searchers tout lab data</h1>"
            f"<p>Re{mark}searchers in Wuhan said on Tuesday that the drug worked in the lab.</p></article></body></html>")
    source = read_text(page, "page.html", "html")
    assert [b.text for b in source.blocks][:2] == [
        "China researchers tout lab data", "Researchers in Wuhan said on Tuesday that the drug worked in the lab."]
    at = source.text.index("searchers tout")
    line, column = source.position(at)
    assert page.splitlines()[line - 1][column - 1:].startswith("searchers tout")


@pytest.mark.parametrize("site_heading", [
    '<header itemscope itemtype="https://schema.org/WPHeader"><h1 class="hide" itemprop="headline">example.com</h1></header>',
    '<header itemscope itemtype="https://schema.org/WPHeader"><h1 itemprop="headline">example.com</h1></header>',
    '<div class="top"><h1 class="hidden" itemprop="headline">example.com</h1></div>',
])
def test_a_heading_naming_the_site_is_not_the_headline_whatever_its_markup_says(site_heading: str) -> None:
    """A site header's <h1 itemprop='headline'> holding the site's name (schema.org's
    WPHeader, or a class that hides it) is the site's, not the story's."""
    page = ("<html><head><title>Floods cut off villages in the northeast - Example</title></head><body>"
            f"{site_heading}<section id='content_body'><header><h1>Floods cut off villages in the northeast</h1>"
            "</header>" + "".join(f"<p>{p}</p>" for p in STORY) + "</section></body></html>")
    source = read_text(page, "page.html", "html")
    assert [b.text for b in source.blocks if b.hint is Kind.HEADLINE] == ["Floods cut off villages in the northeast"]


def test_the_story_under_the_headline_wins_over_the_next_one_a_page_appends(monkeypatch) -> None:
    """An infinite scroll saved with the page appends the next story below; trafilatura may
    keep that longer one. The body the page names (itemprop='articleBody') first after the
    headline holds the story; the story appended below it is the page's."""
    import trafilatura

    own = ["Floodwaters cut off villages across the northeast on Thursday as rivers rose for a fifth day, "
           "officials said.", "Rescue boats reached the worst-hit villages by the evening, and the army "
           "flew food to three more that no boat could reach, a spokesman said."]
    other = [f"The city council approved its budget for next year on Tuesday, item {n} of the agenda, after a "
             "debate that lasted most of the evening and drew a large crowd to the hall." for n in range(8)]
    page = ("<html><head><title>Floods cut off villages - The Ledger</title></head><body>"
            "<h1>Floods cut off villages</h1><div itemprop='articleBody'><p>" + "<br/>".join(own) + "</p></div>"
            "<div class='next-story'><h2>Council approves budget</h2>" + "".join(f"<p>{p}</p>" for p in other)
            + "</div></body></html>")
    monkeypatch.setattr(trafilatura, "extract", lambda html, **kw: "\n".join(other))
    kinds = {b.text: b.hint for b in read_text(page, "page.html", "html").blocks}
    assert [kinds[p] for p in own] == [None, None]
    assert all(kinds[p] is Kind.OTHER for p in other)
