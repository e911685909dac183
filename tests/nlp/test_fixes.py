"""warta_ner_fixes on the made-up examples of issue 14: the model's spans are given, the rules
must repair them."""

from __future__ import annotations

from spacy.tokens import Doc

from warta.nlp.fixes import apply
from warta.nlp.tokenizer import blank

NLP = blank()


def fixed(
    text: str, ents: list[tuple[str, str]], groups: tuple[str, ...] | None = None
) -> set[tuple[str, str]]:
    """``text`` with the model's ``ents`` (mention, label; each mention's first occurrence)."""
    doc: Doc = NLP.make_doc(text)
    spans = []
    for mention, label in ents:
        at = text.index(mention)
        span = doc.char_span(at, at + len(mention), label=label)
        assert span is not None, mention
        spans.append(span)
    doc.ents = spans
    out = apply(doc) if groups is None else apply(doc, groups)
    return {(e.text, e.label_) for e in out.ents}


def test_brackets_never_inside_a_span() -> None:
    text = "Penyidik Komisi Pemberantasan Korupsi (KPK) memeriksa kader (PSI) itu."
    got = fixed(text, [("Komisi Pemberantasan Korupsi (KPK", "ORG"), ("(PSI", "ORG")])
    assert got == {("Komisi Pemberantasan Korupsi", "ORG"), ("KPK", "ORG"), ("PSI", "ORG")}


def test_acronym_after_a_name_and_its_later_mentions() -> None:
    text = "Keputusan diambil Rapat Umum Anggota (RUA) kemarin. Peserta RUA adalah anggota."
    got = fixed(text, [("Rapat Umum Anggota", "ORG")])
    assert got == {("Rapat Umum Anggota", "ORG"), ("RUA", "ORG")}
    doc = NLP.make_doc(text)
    doc.ents = []
    assert [e.text for e in apply(doc).ents].count("RUA") == 2


def test_name_split_from_the_office_before_it() -> None:
    text = "Ketua Fraksi PKS Jazuli mengatakan hal itu."
    assert fixed(text, [("Fraksi PKS Jazuli", "ORG")]) == {
        ("Fraksi PKS", "ORG"),
        ("Jazuli", "PER"),
    }


def test_titles_and_honorifics_outside_a_person() -> None:
    text = "Presiden Joko Widodo bertemu Pak Budi di Bandung."
    got = fixed(text, [("Presiden Joko Widodo", "PER"), ("Bandung", "LOC")])
    assert got == {("Joko Widodo", "PER"), ("Budi", "PER"), ("Bandung", "LOC")}


def test_role_nouns_are_no_person() -> None:
    text = "Mendagri dan Kapolri hadir."
    assert fixed(text, [("Mendagri", "PER"), ("Kapolri", "PER")]) == set()


def test_bare_person_name_not_org() -> None:
    text = "Menurut Budi, itu benar, kata Budi Santoso."
    got = fixed(text, [("Budi", "ORG"), ("Budi Santoso", "PER")])
    assert got == {("Budi", "PER"), ("Budi Santoso", "PER")}


def test_dateline_is_place_and_outlet() -> None:
    text = "BANDUNG, KOMPAS — Warga berkumpul."
    assert fixed(text, [("BANDUNG", "ORG")]) == {("BANDUNG", "LOC"), ("KOMPAS", "ORG")}


def test_initials_standing_for_a_person() -> None:
    text = "Polisi menangkap tersangka berinisial RS di rumahnya."
    assert fixed(text, []) == {("RS", "PER")}


def test_place_inside_an_organisation_name() -> None:
    text = "Pemerintah Kota Surabaya dan Pemkot Malang bekerja sama dengan Timnas Perancis."
    got = fixed(
        text, [("Surabaya", "LOC"), ("Pemkot", "ORG"), ("Malang", "LOC"), ("Perancis", "LOC")]
    )
    assert got == {
        ("Pemerintah Kota Surabaya", "ORG"),
        ("Pemkot Malang", "ORG"),
        ("Timnas Perancis", "ORG"),
    }


def test_long_agency_names_and_not_entities() -> None:
    text = "Kasus Covid-19 ditangani Dinas Pertanahan dan Penataan Ruang serta rumah sakit."
    got = fixed(text, [("Covid", "PER"), ("Dinas Pertanahan", "ORG"), ("rumah sakit", "LOC")])
    assert got == {("Dinas Pertanahan dan Penataan Ruang", "ORG")}


def test_a_group_can_be_left_out() -> None:
    text = "Mendagri hadir."
    assert fixed(text, [("Mendagri", "PER")], groups=("brackets",)) == {("Mendagri", "PER")}


def test_untagged_agency_name_and_repeated_names() -> None:
    text = (
        "Wakil Ketua Badan Legislasi DPR hadir. PT Maju Jaya menolak. Kata PT Maju Jaya, itu salah."
    )
    got = fixed(text, [("DPR", "ORG"), ("PT Maju Jaya", "ORG")])
    assert got == {("Badan Legislasi DPR", "ORG"), ("PT Maju Jaya", "ORG")}
    doc = NLP.make_doc(text)
    at = text.index("PT Maju Jaya")
    span = doc.char_span(at, at + len("PT Maju Jaya"), label="ORG")
    assert span is not None
    doc.ents = [span]
    assert [e.text for e in apply(doc).ents].count("PT Maju Jaya") == 2


def test_split_name_after_a_place_before_a_verb_of_saying() -> None:
    text = "Juru Bicara Satgas Covid-19 Kabupaten Bogor Irwan Purnawan menambahkan, itu benar."
    got = fixed(text, [("Kabupaten Bogor Irwan Purnawan", "LOC")], groups=("names",))
    assert got == {("Kabupaten Bogor", "LOC"), ("Irwan Purnawan", "PER")}


def test_rank_before_a_name_and_an_office_is_no_rank() -> None:
    text = "Korban ditolong Kapten Andi Saputra. Direktur Jenderal Politik hadir."
    assert fixed(text, []) == {("Andi Saputra", "PER")}


def test_first_name_after_a_title_but_not_an_office_field() -> None:
    text = "Wakil Presiden Ma’ruf Amin dan Menteri Keuangan Sri Mulyani hadir."
    got = fixed(text, [("Amin", "PER"), ("Keuangan Sri Mulyani", "PER")], groups=("names",))
    assert ("Ma’ruf Amin", "PER") in got
    assert ("Keuangan", "PER") not in got and ("Menteri Keuangan", "PER") not in got


def test_commas_hyphens_faculties_and_sites() -> None:
    text = "Warga ke Puncak, Bogor lewat Tol Manado-Bitung menuju Asrama Haji Surabaya."
    got = fixed(
        text, [("Puncak, Bogor", "LOC"), ("Manado", "LOC"), ("Bitung", "LOC"), ("Surabaya", "LOC")]
    )
    assert got == {
        ("Puncak", "LOC"),
        ("Bogor", "LOC"),
        ("Manado-Bitung", "LOC"),
        ("Asrama Haji Surabaya", "LOC"),
    }
    text = (
        "Oleh tim Fakultas Kesehatan Masyarakat Universitas Indonesia dan Gugus Tugas Penanganan"
        " Covid-19 hadir."
    )
    got = fixed(text, [("Fakultas Kesehatan Masyarakat", "ORG"), ("Universitas Indonesia", "ORG")])
    assert got == {
        ("Fakultas Kesehatan Masyarakat Universitas Indonesia", "ORG"),
        ("Gugus Tugas Penanganan Covid-19", "ORG"),
    }
