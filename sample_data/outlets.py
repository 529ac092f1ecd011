"""Who publishes the mentions and how humans label them: outlets, journalists, issue labels.

These are facts about the media landscape of Kalimantan Selatan that are not in the seeds
(outlet names, domains, audiences, the main town of each region, which agency owns an issue).
"""

from __future__ import annotations

# (Meltwater "Source", domain, URL section, weight, median reach)
NEWS_OUTLETS: list[tuple[str, str, str, float, int]] = [
    ("Banjarmasin Post", "banjarmasin.tribunnews.com", "", 0.17, 2_400_000),
    ("Antara Kalsel", "kalsel.antaranews.com", "berita", 0.12, 650_000),
    ("Radar Banjarmasin", "kalsel.jawapos.com", "berita", 0.08, 380_000),
    ("Kalsel Pos", "kalselpos.com", "berita", 0.06, 120_000),
    ("Jejakrekam.com", "jejakrekam.com", "berita", 0.08, 210_000),
    ("Kanal Kalimantan", "kanalkalimantan.com", "berita", 0.06, 150_000),
    ("Apahabar.com", "apahabar.com", "berita", 0.09, 900_000),
    ("Kompas.com", "regional.kompas.com", "read", 0.07, 48_000_000),
    ("Detik.com", "www.detik.com", "kalimantan/berita", 0.06, 41_000_000),
    ("Kumparan", "kumparan.com", "banjarhits", 0.05, 17_000_000),
    ("Tribunnews.com", "www.tribunnews.com", "regional", 0.05, 36_000_000),
    ("Duta TV", "dutatv.com", "berita", 0.03, 90_000),
    ("TVRI Kalimantan Selatan", "kalsel.tvrinews.com", "berita", 0.04, 400_000),
    ("RRI Banjarmasin", "rri.co.id", "banjarmasin", 0.04, 700_000),
]

# Manual clippings: (outlet, media_type, weight, median reach, domain or "" when offline)
KLIPING_OUTLETS: list[tuple[str, str, float, int, str]] = [
    ("Banjarmasin Post", "print", 0.18, 45_000, ""),
    ("Radar Banjarmasin", "print", 0.12, 30_000, ""),
    ("Kalsel Pos", "print", 0.07, 12_000, ""),
    ("Mata Banua", "print", 0.05, 8_000, ""),
    ("Media Kalimantan", "print", 0.04, 6_000, ""),
    ("TVRI Kalimantan Selatan", "tv", 0.10, 250_000, ""),
    ("Duta TV", "tv", 0.08, 120_000, ""),
    ("Banjar TV", "tv", 0.03, 40_000, ""),
    ("RRI Banjarmasin", "radio", 0.10, 80_000, ""),
    ("Radio Abdi Persada", "radio", 0.04, 20_000, ""),
    ("MC Kalsel", "online", 0.09, 60_000, "mc.kalselprov.go.id"),
    ("Jejakrekam.com", "online", 0.05, 210_000, "jejakrekam.com"),
    ("Kanal Kalimantan", "online", 0.05, 150_000, "kanalkalimantan.com"),
]

JOURNALISTS: list[str] = [
    "Muhammad Rahmadi",
    "Siti Rahmah",
    "Ahmad Fauzi",
    "Nurul Hidayah",
    "Rizki Maulana",
    "Dewi Lestari",
    "Hendra Saputra",
    "Fitriani",
    "Yusuf Hidayat",
    "Rina Marlina",
    "Akhmad Zaini",
    "Noor Hasanah",
    "Syahrani",
    "Gusti Rahmat",
    "Abdul Halim",
    "Mariani",
    "Fathurrahman",
    "Lia Amelia",
    "Taufik Rahman",
    "Hj. Masitah",
    "Wahyu Pratama",
    "Irfan Hakim",
    "Normilawati",
    "Raden Arif",
    "Agus Salim",
]

# Labels typed into Meltwater "Input Name" / the clipping sheet; each must map through
# dbt_project/seeds/issue_aliases.csv (checked at generation time). First label is the common one.
ISSUE_LABELS: dict[str, list[str]] = {
    "pendidikan": ["Pendidikan", "PENDIDIKAN", "Education"],
    "ekonomi": ["Ekonomi & UMKM", "Ekonomi", "ekonomi "],
    "kesehatan": ["Kesehatan", "Health", "kesehatan"],
    "infrastruktur": ["Infrastruktur", "Infrastructure", " Infrastruktur"],
    "banjir": ["Banjir", "BANJIR", "Flood"],
    "lingkungan_tambang": ["Lingkungan/Tambang", "Lingkungan & Tambang", "Tambang"],
    "pelayanan_publik": ["Pelayanan Publik", "pelayanan publik", "Public Service"],
    "sosial": ["Sosial", "SOSIAL", "Social"],
    "pariwisata": ["Pariwisata", "Tourism", "pariwisata"],
    "pemerintahan": ["Pemerintahan", "Government", "PEMERINTAHAN"],
}

# Main town of each region (blank for the province), used for City and news datelines.
MAIN_TOWN: dict[str, str] = {
    "63": "",
    "6301": "Pelaihari",
    "6302": "Kotabaru",
    "6303": "Martapura",
    "6304": "Marabahan",
    "6305": "Rantau",
    "6306": "Kandangan",
    "6307": "Barabai",
    "6308": "Amuntai",
    "6309": "Tanjung",
    "6310": "Batulicin",
    "6311": "Paringin",
    "6371": "Banjarmasin",
    "6372": "Banjarbaru",
}

# Relative weight of each region in coverage, and extra weight per issue (mining belt, flood plain).
REGION_WEIGHT: dict[str, float] = {
    "6301": 0.07,
    "6302": 0.07,
    "6303": 0.10,
    "6304": 0.05,
    "6305": 0.04,
    "6306": 0.05,
    "6307": 0.05,
    "6308": 0.04,
    "6309": 0.06,
    "6310": 0.08,
    "6311": 0.04,
    "6371": 0.22,
    "6372": 0.13,
}
ISSUE_REGION_BOOST: dict[str, dict[str, float]] = {
    "lingkungan_tambang": {"6310": 4.0, "6302": 2.5, "6309": 2.5, "6311": 2.5, "6301": 2.0, "6303": 1.5},
    "banjir": {"6303": 3.0, "6307": 3.0, "6306": 2.0, "6304": 2.0, "6371": 1.5, "6308": 2.0},
    "pariwisata": {"6306": 2.0, "6371": 1.5, "6302": 1.5},
}
PROVINCE_SHARE: float = 0.20

# Agency (agency_code in agencies.csv) that usually answers for an issue.
ISSUE_AGENCY: dict[str, str] = {
    "pendidikan": "disdik_kalsel",
    "ekonomi": "dpmptsp_kalsel",
    "kesehatan": "dinkes_kalsel",
    "infrastruktur": "dpupr_kalsel",
    "banjir": "bpbd_kalsel",
    "lingkungan_tambang": "dlh_kalsel",
    "pelayanan_publik": "disdukcapil_kalsel",
    "sosial": "dinsos_kalsel",
    "pariwisata": "dispar_kalsel",
    "pemerintahan": "biro_adpim_kalsel",
}

DOCUMENT_TAGS: list[str] = ["Prioritas", "Perlu Respons", "Laporan Pimpinan", "Isu Daerah"]
