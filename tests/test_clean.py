"""Stage `clean`: furniture out (with reasons), body kept, glued words repaired."""

from presswatch.stages.clean import clean
from presswatch.stages.clean.glue import split_glued

ARTICLE = """River levels keep rising in the valley

By Tomasz Wierzba, Staff Writer

Updated: 14 June 2026, 09:12

Share  |  Tweet  |  WhatsApp

(function(w,d){w._q=w._q||[];d.createElement('script');})(window,document);

By Tuesday, the river had risen two metres above its usual level.

Emergency crews spent the night filling sandbags near the old mill, and officialssaid more help was on the way.

Photo: Volunteers fill sandbags / Valley Courier

Volunteers fill sandbags near the old mill.

Волонтёры наполняют мешки с песком.

Volunteers fill sandbags near the old mill.

It rained.

The forecast is available at www.weather-service.example/valley for anyone who wants it.

Read also: Farmers count the cost of a wet spring

Subscribe to our morning newsletter and never miss a story.

We use cookies to personalise content. By continuing to browse you accept our cookie policy.

Back to top ↑
"""


def test_furniture_is_removed_with_reasons():
    result = clean(ARTICLE)
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["By Tomasz Wierzba, Staff Writer"] == "byline"
    assert reasons["Share  |  Tweet  |  WhatsApp"] == "share"
    assert reasons["Photo: Volunteers fill sandbags / Valley Courier"] == "credit"
    assert reasons["Волонтёры наполняют мешки с песком."] == "caption"
    assert reasons["Read also: Farmers count the cost of a wet spring"] == "related"
    assert reasons["Subscribe to our morning newsletter and never miss a story."] == "newsletter"
    assert reasons["Back to top ↑"] == "navigation"
    assert any(r.reason == "tracking" for r in result.removed)
    assert any(r.reason == "cookie" for r in result.removed)
    assert any(r.reason == "dateline-meta" for r in result.removed)
    assert result.title == "River levels keep rising in the valley"


def test_body_lines_that_look_like_furniture_are_kept():
    result = clean(ARTICLE)
    assert "By Tuesday, the river had risen two metres above its usual level." in result.text
    assert "It rained." in result.text
    assert "www.weather-service.example/valley" in result.text
    # a duplicated caption leaves exactly one copy; the other is recorded as a caption
    caption = "Volunteers fill sandbags near the old mill."
    assert result.text.count(caption) == 1
    assert [r.reason for r in result.removed if r.text == caption] == ["caption"]


def test_glued_words_are_split_and_offsets_map_back():
    result = clean(ARTICLE)
    assert "officials said more help" in result.text
    pos = result.text.index("more help")
    from presswatch.document import Document

    doc = Document(id="x", source="x", text=result.text, offset_map=result.offset_map)
    assert ARTICLE[doc.source_offset(pos) : doc.source_offset(pos) + 9] == "more help"


def test_glue_never_splits_words_or_names():
    assert split_glued("electionwhich") == ("election", "which")
    assert split_glued("counterattack") is None
    assert split_glued("disinformation") is None
    result = clean("Title line\n\nThe McCarthyWhich foundation said it was disappointed by the ruling.\n")
    assert "McCarthyWhich" in result.text
