"""Stage `entities`: one entity per person across spellings and scripts; roles."""


def test_spellings_and_scripts_merge_namesakes_stay_apart(analyze):
    text = (
        "Lukashenko meets envoy\n\n"
        "Belarusian leader Alexander Lukashenko met the envoy in Minsk on Monday. "
        "Lukashenka, as his name is spelled in Belarusian, said little. "
        "State television showed Лукашэнка shaking hands with the guest.\n\n"
        "Donald Trump and his son Donald Trump Jr. were also mentioned in the talks."
    )
    doc = analyze((text, "t.txt"))
    by_name = {e.name: e for e in doc.entities}
    luka = by_name["Alexander Lukashenko"]
    assert {"Lukashenka", "Лукашэнка"} <= set(luka.aliases)
    assert "Belarusian leader" in luka.roles
    assert luka.type == "PERSON"
    trumps = [e for e in doc.entities if "Trump" in e.name]
    assert len(trumps) == 2


def test_media_type_and_mentions_offsets(analyze):
    doc = analyze(("Port reopens\n\nThe port reopened on Tuesday, Reuters reported, citing two officials.", "t.txt"))
    media = [e for e in doc.entities if e.type == "MEDIA"]
    assert media and media[0].name == "Reuters"
    m = media[0].mentions[0]
    assert doc.text[m.start:m.end] == m.text
