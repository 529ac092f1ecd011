"""The sample's hoaxes: what the hoax desk registers, and how people spread and debunk them.

Three claims around the sample's issues: a fake flood-aid registration link (debunked by
Diskominfo the next morning, then back after a quiet week), a false school closure (denied by
Disdikbud) and a claim that a bridge is closed for good, which nobody clarifies. ``{link}`` is
the hoax's fake link, ``{klarifikasi}`` the clarification's page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HoaxTemplate:
    key: str
    claim: str
    keywords: str
    category: str
    issue: str
    region: str
    link: str
    klarifikasi_path: str | None  # None: never clarified
    registered_by: str
    official: str  # the account whose post clarifies it
    spread: tuple[str, ...]
    debunk_news: tuple[str, ...]
    debunk_social: tuple[str, ...]
    official_post: str


HOAXES: tuple[HoaxTemplate, ...] = (
    HoaxTemplate(
        key="bantuan_banjir",
        claim="Pendaftaran bantuan korban banjir Rp 3,5 juta per KK dari Pemprov Kalsel lewat link bantuan-banjir-kalsel.blogspot.com",
        keywords="bantuan-banjir-kalsel; bantuan banjir 3,5 juta",
        category="hoaks",
        issue="Banjir",
        region="",
        link="bantuan-banjir-kalsel.blogspot.com",
        klarifikasi_path="https://diskominfo.kalselprov.go.id/{y}/{m:02d}/{d:02d}/hoaks-pendaftaran-bantuan-banjir/",
        registered_by="Diskominfo Kalsel",
        official="diskominfokalsel",
        spread=(
            "Alhamdulillah ada bantuan banjir Rp 3,5 juta per KK dari Pemprov, daftar di {link} sebelum ditutup",
            "Dulur yang rumahnya kebanjiran buruan daftar bantuan 3,5 juta per KK, linknya {link}",
            "Info dari grup RT: pendaftaran bantuan korban banjir Rp3.500.000/KK lewat {link}, isi NIK dan rekening",
            "Sudah daftar bantuan banjir 3,5 juta kah dulur? Katanya cair minggu depan, link {link}",
            "Bantuan banjir dari Pemprov Kalsel 3,5 juta per kepala keluarga, daftar online di {link}",
            "Korban banjir di {town} bisa daftar bantuan Rp 3,5 juta per KK lewat {link}, sebarkan",
        ),
        debunk_news=(
            "Diskominfo Kalsel Pastikan Link Pendaftaran Bantuan Banjir Rp 3,5 Juta Hoaks",
            "[HOAKS] Pendaftaran Bantuan Korban Banjir Rp3,5 Juta per KK lewat Blogspot",
            "Pemprov Kalsel Bantah Buka Pendaftaran Bantuan Banjir Rp 3,5 Juta secara Online",
            "Cek Fakta: Link Bantuan Banjir Rp 3,5 Juta per KK Bukan dari Pemprov Kalsel",
        ),
        debunk_social=(
            "Hati-hati dulur, link bantuan banjir 3,5 juta itu penipuan, sudah diklarifikasi Diskominfo {klarifikasi}",
            "Itu hoaks, Pemprov tidak pernah buka pendaftaran bantuan banjir 3,5 juta lewat blogspot",
            "Baca dulu sebelum sebar: {klarifikasi} #bantuanbanjir",
        ),
        official_post=(
            "[HOAKS] Link pendaftaran bantuan korban banjir Rp3,5 juta per KK mengatasnamakan Pemprov Kalsel. "
            "Pemprov tidak membuka pendaftaran lewat blogspot. Penjelasan: {klarifikasi}"
        ),
    ),
    HoaxTemplate(
        key="sekolah_libur",
        claim="Seluruh sekolah di Kalimantan Selatan diliburkan dua minggu karena wabah",
        keywords="sekolah libur dua minggu",
        category="hoaks",
        issue="Pendidikan",
        region="",
        link="",
        klarifikasi_path="https://disdikbud.kalselprov.go.id/{y}/{m:02d}/{d:02d}/klarifikasi-sekolah-tidak-diliburkan/",
        registered_by="Disdikbud Kalsel",
        official="disdikbudkalsel",
        spread=(
            "Katanya seluruh sekolah di Kalsel diliburkan dua minggu gara-gara wabah, benar kah?",
            "INFO: semua sekolah se-Kalimantan Selatan libur 2 minggu karena wabah, anak belajar di rumah",
            "Surat edaran beredar: sekolah di Kalsel diliburkan 14 hari karena wabah",
            "Alhamdulillah sekolah libur dua minggu, jaga anak-anak dari wabah dulur",
            "Sekolah di {town} ikut libur dua minggu kah? Wabahnya makin banyak katanya",
        ),
        debunk_news=(
            "Disdikbud Kalsel: Kabar Sekolah Diliburkan Dua Minggu karena Wabah Tidak Benar",
            "[HOAKS] Surat Edaran Libur Sekolah Dua Minggu di Kalimantan Selatan",
            "Sekolah di Kalsel Tidak Diliburkan, Disdikbud Minta Orang Tua Abaikan Pesan Berantai",
        ),
        debunk_social=(
            "Ternyata hoax, sekolah tidak libur dua minggu. Besok anak tetap masuk ya dulur",
            "Surat edaran libur sekolah dua minggu itu palsu, sudah diklarifikasi Disdikbud {klarifikasi}",
        ),
        official_post=(
            "Klarifikasi: sekolah di Kalimantan Selatan TIDAK diliburkan karena wabah. Kegiatan belajar berjalan "
            "seperti biasa. Surat edaran yang beredar palsu. {klarifikasi}"
        ),
    ),
    HoaxTemplate(
        key="jembatan_ditutup",
        claim="Jembatan Alalak retak parah dan ditutup permanen mulai pekan depan",
        keywords="jembatan alalak ditutup",
        category="misinformasi",
        issue="Infrastruktur",
        region="Barito Kuala",
        link="",
        klarifikasi_path=None,
        registered_by="Diskominfo Kalsel",
        official="diskominfokalsel",
        spread=(
            "Jembatan Alalak retak parah, katanya ditutup permanen mulai pekan depan. Siap-siap macet",
            "Info dari grup sopir: Jembatan Alalak ditutup total karena retak, cari jalan lain dulur",
            "Jembatan Alalak ditutup permanen? Video retakannya sudah viral, ngeri banar",
            "Warga resah, kabar Jembatan Alalak retak dan ditutup permanen beredar di media sosial",
            "Lewat Jembatan Alalak tadi, katanya minggu depan ditutup permanen karena retak",
        ),
        debunk_news=(),
        debunk_social=(),
        official_post="",
    ),
)
