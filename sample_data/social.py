"""Social-media side of the sample: platforms, author handles and post texts in Banjar-tinged Indonesian.

Kept apart from the news vocabulary because posts read differently (short, first person,
hashtags) and carry platform-specific URLs and handles.
"""

from __future__ import annotations

from .vocabulary import Templates

# (Meltwater "Source", share of social mentions, median reach)
PLATFORMS: list[tuple[str, float, int]] = [
    ("TikTok", 0.28, 2500),
    ("Instagram", 0.27, 1800),
    ("Twitter", 0.20, 600),
    ("Facebook", 0.17, 900),
    ("YouTube", 0.08, 3000),
]

HANDLE_STEMS: list[str] = [
    "warga_banjar",
    "urang_banua",
    "info_banua",
    "kabar_banua",
    "julak_",
    "acil_",
    "galuh_",
    "utuh_",
    "bubuhan_",
    "sungai_",
    "lanting_",
    "soto_",
    "kayuh_",
    "jukung_",
    "sasirangan_",
    "balamut_",
    "pasar_terapung_",
    "amang_",
    "ading_",
    "nanang_",
]
HANDLE_COUNT_PER_STEM: int = 99

SOCIAL_POSTS: Templates = {
    "pendidikan": {
        "pos": ["Alhamdulillah anak ulun dapat beasiswa, terima kasih Pemprov! {region}"],
        "neu": ["Info PPDB {region} sudah keluar kah? Mohon infonya dulur"],
        "neg": ["Sekolah di {region} atapnya bocor terus, kasihan anak-anak belajar"],
    },
    "ekonomi": {
        "pos": ["Jualan sasirangan makin laris, UMKM {region} mantap"],
        "neu": ["Pasar murah di {region} hari ini, siapa yang ke sana?"],
        "neg": ["Harga cabai di {region} gila banar, 100 ribu sekilo"],
    },
    "kesehatan": {
        "pos": ["Puskesmas di {region} pelayanannya sekarang cepat, salut"],
        "neu": ["Jadwal imunisasi di {region} minggu ini, catat dulur"],
        "neg": ["Antre di RSUD {region} dari subuh sampai sore belum dipanggil"],
    },
    "infrastruktur": {
        "pos": ["Jalan di {region} akhirnya diaspal, makasih pak!"],
        "neu": ["Ada perbaikan jalan di {region}, hati-hati lewat"],
        "neg": ["Jalan di {region} rusak parah lagi, kapan diperbaiki? Tolong viralkan"],
    },
    "banjir": {
        "pos": ["Relawan gerak cepat bantu korban banjir {region}, Banua kuat"],
        "neu": ["Air sungai di {region} mulai naik, waspada dulur"],
        "neg": ["Rumah kami di {region} terendam lagi, bantuan belum datang"],
    },
    "lingkungan_tambang": {
        "pos": ["Bekas tambang di {region} sekarang jadi hijau, keren"],
        "neu": ["Asap mulai tipis di {region} pagi ini"],
        "neg": ["Truk batu bara lewat jalan umum di {region} lagi, jalan hancur, debu di mana-mana"],
    },
    "pelayanan_publik": {
        "pos": ["Bikin KTP di {region} cuma sebentar, mantap pelayanannya"],
        "neu": ["Disdukcapil {region} buka Sabtu kah?"],
        "neg": ["Sudah 3 bulan KTP belum jadi di {region}, blangko habis terus"],
    },
    "sosial": {
        "pos": ["Terima kasih bantuan sembakonya, warga {region} senang"],
        "neu": ["Jemaah haul sudah ramai di {region}, jalan padat"],
        "neg": ["Bansos di {region} kok yang dapat itu-itu saja?"],
    },
    "pariwisata": {
        "pos": ["Healing ke {region} dulu, pemandangannya bagus banar"],
        "neu": ["Ada festival di {region} minggu depan kah?"],
        "neg": ["Tempat wisata di {region} kotor, sampah di mana-mana"],
    },
    "pemerintahan": {
        "pos": ["Bangga, {region} dapat penghargaan lagi"],
        "neu": ["Live rapat paripurna DPRD {region} hari ini"],
        "neg": ["Pejabat {region} diperiksa kejaksaan, semoga diusut tuntas"],
    },
}

BURST_POSTS: list[str] = [
    "Jalan di {region} amblas gara-gara lubang tambang, ini bahaya banar! Pemerintah ke mana?",
    "Detik-detik jalan putus di {region}, truk batu bara tetap lewat #SaveBanua",
    "Kami warga {region} cuma minta jalan yang layak, bukan janji",
]

# Appended to a few posts so that some text fields carry an embedded line break.
HASHTAG_TAIL: str = "\n\n#banua #infobanua"
