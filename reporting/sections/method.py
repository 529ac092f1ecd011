"""Metode and Glosarium: how each figure is computed, and the words the report uses.

Both are lists of plain lines built here, so a later feature adds its own line (e.g. the share
of labels that came from Citra's sentiment model) without touching the template. No internal
table names: the reader is the head of the office, not the data team.
"""

from __future__ import annotations

from reporting import formatting as fmt
from reporting.bursts import burst_rule
from reporting.sections.base import MonthContext
from reporting.sections.labels import label_sources


def build(ctx: MonthContext) -> list[tuple[str, str]]:
    """(term, explanation) lines of the method, in Bahasa Indonesia."""
    th, rule = ctx.data.settings.thresholds, burst_rule()
    labels = label_sources(ctx)
    return [
        (
            "Mention",
            "satu artikel, siaran, atau unggahan yang dilaporkan penyedia jasa pemantauan media atau kliping "
            "manual; mention yang sama dari beberapa ekspor dihitung sekali (duplikat antarekspor dibuang). "
            "Hari dan bulan dipotong menurut WITA (UTC+8).",
        ),
        (
            "Porsi positif dan negatif",
            "mention positif (atau negatif) dibagi mention berlabel (positif, netral, dan negatif); mention "
            "tanpa label sentimen tidak ikut dihitung dan porsinya disebut tersendiri.",
        ),
        *([labels] if labels else []),
        ("Indeks sentimen bersih", "(positif − negatif) ÷ mention berlabel × 100, dari −100 sampai +100."),
        ("Pangsa pemberitaan", "mention suatu isu dibagi seluruh mention bulan itu."),
        (
            "Perubahan",
            "dibanding bulan sebelumnya: porsi dalam poin persen, jumlah mention dalam persen. Membaik atau "
            f"memburuk disebut bila perubahan paling sedikit {fmt.number(th.stable_points, 1)} poin persen.",
        ),
        (
            "Batas penyebutan",
            f"porsi negatif suatu isu disebut bila isu itu punya paling sedikit {th.min_negative} mention negatif "
            f"dan {th.min_labelled} mention berlabel; perubahannya disebut bila bulan lalu juga punya "
            f"{th.min_labelled} mention berlabel. Isu perlu ditindaklanjuti bila ada lonjakan negatif, porsi "
            f"negatifnya {fmt.percent(th.attention_share, 0)} atau lebih, memburuk paling sedikit "
            f"{fmt.number(th.change_points, 1)} poin persen, atau bertahan di atas batas itu "
            f"{th.persistent_months} bulan berturut-turut.",
        ),
        (
            "Sampel kecil (*)",
            f"porsi dari kurang dari {th.min_labelled} mention berlabel ditandai * dan belum dapat disimpulkan.",
        ),
        (
            "Lonjakan negatif",
            f"mention negatif suatu isu se-provinsi dalam satu hari (paling sedikit {fmt.number(rule['min_count']['day'])}) "
            f"atau dalam jendela 6 jam WITA (paling sedikit {fmt.number(rule['min_count']['six_hours'])}) yang melampaui "
            f"median jendela yang sama pada {rule['window_days']} hari sebelumnya ditambah {fmt.number(rule['k'])} × "
            "1,4826 × MAD (simpangan median absolut); aturan yang sama dipakai peringatan dini dan pemeriksaan "
            "kualitas data.",
        ),
        (
            "Peringatan dini",
            "lonjakan negatif per isu dan per kabupaten/kota, lonjakan porsi suara suatu isu, dan kata pantauan yang "
            "muncul pertama kali. Peringatan dijawab oleh unggahan pertama akun resmi terdaftar setelah awal "
            "jendelanya yang memuat kata kunci isunya; waktu respons dihitung dari awal jendela.",
        ),
        (
            "Wilayah",
            "kabupaten/kota (atau provinsi) yang disebut dalam mention; mention tanpa wilayah yang dikenali "
            "ditampilkan sebagai Tidak teridentifikasi.",
        ),
        (
            "Pejabat yang dikutip",
            "pejabat publik (gubernur, wakil gubernur, sekretaris daerah, dan kepala perangkat daerah) yang nama "
            "atau jabatannya muncul utuh dalam judul atau cuplikan mention. Penulis media sosial tidak pernah "
            "disebut namanya (UU 27/2022).",
        ),
        (
            "Akun resmi",
            "interaksi = suka, komentar, bagikan, dan simpan; interaksi per tayangan = interaksi ÷ tayangan, "
            "dihitung sama untuk semua platform agar dapat dibandingkan.",
        ),
    ] + _amplification_line(ctx)


def _amplification_line(ctx: MonthContext) -> list[tuple[str, str]]:
    """How ASN amplification is counted, with the office's k (once a roster is loaded)."""
    amplification = ctx.data.sections.get("amplifikasi")
    if amplification is None or not amplification.known:
        return []
    return [
        (
            "Amplifikasi oleh ASN",
            "unggahan media sosial ASN yang tercantum dalam daftar ASN instansinya pada hari itu dan yang "
            "membagikan atau mengutip tautan unggahan akun resmi (dalam bentuk tautan apa pun), menyebut akun "
            "resmi (@akun, RT @akun), atau memakai tagar kampanye selama kampanye berlangsung. ASN dikenali "
            f"dari nama samaran akunnya, tidak pernah dari namanya; angka yang menggambarkan kurang dari "
            f"{amplification.k} orang disamarkan dan tidak ada jumlah seluruh instansi, agar tidak ada ASN yang "
            "dapat dikenali (UU 27/2022).",
        )
    ]


GLOSSARY: list[tuple[str, str]] = [
    ("Mention", "satu artikel, siaran, atau unggahan yang menyebut isu yang dipantau."),
    ("Isu", "topik pemberitaan yang dipantau, misalnya Banjir atau Lingkungan & Tambang."),
    ("Penyedia jasa pemantauan", "perusahaan yang mengirim ekspor pemantauan media (vendor)."),
    ("Pangsa pemberitaan", "bagian suatu isu dari seluruh mention (share of voice)."),
    ("Poin persen", "selisih dua persentase: dari 20% ke 25% adalah naik 5 poin persen."),
    ("Indeks sentimen bersih", "positif dikurangi negatif per 100 mention berlabel (−100 sampai +100)."),
    ("Jangkauan", "perkiraan jumlah orang yang dapat melihat suatu mention atau unggahan (reach)."),
    ("Tayangan", "berapa kali unggahan ditampilkan (views)."),
    ("Interaksi", "suka, komentar, bagikan, dan simpan pada unggahan akun resmi (engagement)."),
    ("Pelanggan", "pengikut kanal YouTube (subscriber)."),
    ("Keluaran, serapan, hasil", "tingkat sasaran menurut kerangka AMEC: output, outtake, dan outcome."),
    ("SKPD/OPD", "satuan kerja atau organisasi perangkat daerah, misalnya dinas, badan, atau biro."),
    (
        "ASN",
        "aparatur sipil negara: pegawai pemerintah yang akun media sosialnya tercantum dalam daftar ASN instansinya.",
    ),
    ("Amplifikasi", "ASN membagikan, mengutip, atau menyebut pesan akun resmi agar menjangkau lebih banyak orang."),
    (
        "Disamarkan",
        "angka yang tidak ditampilkan karena menggambarkan terlalu sedikit orang (kurang dari 5, atau batas "
        "lebih tinggi yang ditetapkan kantor), agar tidak ada orang yang dapat dikenali (UU 27/2022).",
    ),
    ("WITA", "Waktu Indonesia Tengah (UTC+8); semua hari dan jam dalam laporan memakai WITA."),
]


def glossary(ctx: MonthContext) -> list[tuple[str, str]]:
    return GLOSSARY
