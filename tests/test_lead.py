"""Headlines and summaries derived from an article's opening."""

from generator.lead import headline_case, sentences, shorten, title_and_summary


def test_the_title_is_the_lead_sentence_cut_at_a_word():
    lead = ("The Central Command of the United States Armed Forces (Centcom) announced on Sunday the death "
            "of a leader of the terrorist organization Islamic State (IS) during a bombing in eastern Syria. More.")
    title, summary = title_and_summary((lead,))
    assert len(title) <= 100 and title.endswith("…")
    assert "(Centcom)" not in title
    assert lead.replace(" (Centcom)", "").startswith(title[:-1])
    assert summary == lead.removesuffix(" More.")  # one long sentence is summary enough


def test_a_newswire_headline_becomes_the_title_and_the_dateline_leaves_the_summary():
    title, summary = title_and_summary(("JAPANESE PREMIER SAYS HE WATCHING U.S. MARKET", "TOKYO, Oct 20 - Prime Minister Nakasone spoke. He left."))
    assert title == "Japanese Premier Says He Watching U.S. Market"
    assert summary == "Prime Minister Nakasone spoke. He left."


def test_abbreviations_do_not_end_sentences():
    assert sentences("The U.S. Navy said so. Gen. Smith agreed.") == ["The U.S. Navy said so.", "Gen. Smith agreed."]


def test_shorten_never_cuts_a_word():
    text = "word " * 40
    short = shorten(text, 30)
    assert len(short) <= 30 and short.endswith("word…")
    assert headline_case("OIL PRICES FALL IN THE GULF") == "Oil Prices Fall in the Gulf"
