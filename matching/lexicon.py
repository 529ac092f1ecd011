"""Words the matcher treats specially: function words, generic words of government news, the
short forms Indonesian outlets use for offices and titles, number words and headline tags.

Offices, officials and places come from the reference seeds as well (``matching.seeds``): what
the warehouse knows as one agency, official or region is one term here.
"""

from __future__ import annotations

# function words, honorifics, weekdays and reporting verbs: carry no meaning of their own
STOPWORDS: frozenset[str] = frozenset(
    """
    yang dan di ke dari untuk dengan pada ini itu akan telah sudah oleh dalam para sebagai juga
    tersebut bagi atas hingga sampai serta agar karena secara lebih masih bisa dapat ada tidak tak
    adalah yakni yaitu kata ujar ungkap jelas sebut tutur menurut kepada terhadap antara sejak
    setelah sebelum saat ketika usai jadi menjadi kini kembali pun lagi saja hanya bahwa namun
    tetapi tapi atau maupun sedang sebanyak sekitar mulai per se nya lah kah via vs rp
    h hj dr drs dra ir prof st mm msi mh se spd ssos sh mpd
    senin selasa rabu kamis jumat sabtu minggu ahad
    ini itu sini sana begini begitu hal cara
    the a an of in on for to and at by is are with
    berita foto video
    udah udh sdh dah gak ga gk nggak ngga enggak engga tdk yg dgn utk krn aja aj nih dong deh sih
    kok yuk ayo yok loh lho kan wah wow mantap mantul keren lumayan akhirnya semoga moga amin
    aamiin alhamdulillah makasih terimakasih thanks guys gaes min mimin kak sob bgt banget bener
    sampe buat tiap info
    kami kita saya aku gue gw kamu anda kalian mereka dia beliau
    ulun pian kada wan lawan nang jua haja banar
    """.split()
)
# (the last three lines: the words of social posts and Banjar speech that say nothing about
# which story a post tells: particles, pronouns, praise, casual spellings of function words)

# words of almost every government story: they say little about which story it is
GENERIC: frozenset[str] = frozenset(
    """
    warga masyarakat pemerintah pemprov pemkab pemkot pemda provinsi kabupaten kota kecamatan
    desa kelurahan daerah wilayah program kegiatan layanan pelayanan bantuan baru tahun bulan
    hari pekan minggu orang pihak sejumlah ribuan ratusan puluhan banyak besar kecil kepala dinas
    badan kantor pejabat gubernur bupati wali walikota camat lurah
    """.split()
)

# headline tags an outlet puts before the story ("VIDEO:", "[FOTO]", "BREAKING NEWS -")
HEADLINE_TAGS: tuple[str, ...] = (
    "video",
    "foto",
    "infografis",
    "galeri",
    "galeri foto",
    "berita foto",
    "breaking news",
    "breaking",
    "update",
    "terkini",
    "terbaru",
    "live",
    "eksklusif",
    "advertorial",
    "adv",
    "rilis",
    "siaran pers",
    "press release",
    "opini",
    "viral",
    "cek fakta",
)

# multi-word and short forms of the same thing -> one term (applied longest first, after the
# seeds' agencies, officials and regions)
# abbreviations expanded before phrases are looked up (*Kab. Banjar* is *Kabupaten Banjar*)
ABBREVIATIONS: dict[str, str] = {"kab": "kabupaten", "kec": "kecamatan", "kel": "kelurahan", "prov": "provinsi"}

PHRASES: dict[str, str] = {
    "pemerintah provinsi": "pemprov",
    "pemerintah prov": "pemprov",
    "pemprov": "pemprov",
    "pemerintah kabupaten": "pemkab",
    "pemerintah kota": "pemkot",
    "pemerintah daerah": "pemda",
    "wakil gubernur": "wagub",
    "sekretaris daerah": "sekda",
    "sekdaprov": "sekda",
    "wali kota": "walikota",
    "dewan perwakilan rakyat daerah": "dprd",
    "aparatur sipil negara": "asn",
    "organisasi perangkat daerah": "opd",
    "satuan kerja perangkat daerah": "opd",
    "skpd": "opd",
    "usaha mikro kecil dan menengah": "umkm",
    "usaha mikro kecil menengah": "umkm",
    "bantuan sosial": "bansos",
    "sembilan bahan pokok": "sembako",
    "lanjut usia": "lansia",
    "anggaran pendapatan dan belanja daerah": "apbd",
    "rumah sakit umum daerah": "rsud",
    "rumah sakit": "rs",
    "kartu tanda penduduk": "ktp",
    "kilometer": "km",
    "hektare": "ha",
    "hektar": "ha",
    "meter": "m",
    "ton": "ton",
    "persen": "persen",
    "daring": "online",
    "luring": "offline",
}

# number words as outlets write them instead of digits ("tiga perusahaan", "kesembilan kalinya")
NUMBER_WORDS: dict[str, int] = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "seribu": 1000,
    "kedua": 2,
    "ketiga": 3,
    "keempat": 4,
    "kelima": 5,
    "keenam": 6,
    "ketujuh": 7,
    "kedelapan": 8,
    "kesembilan": 9,
    "kesepuluh": 10,
}

# scale words after a number; "m" and "t" mean miliar and triliun only after "Rp"
SCALES: dict[str, int] = {
    "ribu": 10**3,
    "rb": 10**3,
    "juta": 10**6,
    "jt": 10**6,
    "miliar": 10**9,
    "milyar": 10**9,
    "triliun": 10**12,
    "trilyun": 10**12,
}
MONEY_SCALES: dict[str, int] = {"m": 10**9, "t": 10**12, "k": 10**3}


# the other provinces of Indonesia, their short forms and capitals, as one term each
# (``xp:<province>``): a story of another province's programme is not a pickup of a Kalsel
# release however many words it shares. Capitals that are also common words (*Padang*, *Medan*,
# *Serang*, *Palu*) and *Jakarta* alone (where Kalsel officials often are) are left out.
ELSEWHERE: dict[str, tuple[str, ...]] = {
    "aceh": ("aceh", "banda aceh", "nanggroe aceh darussalam"),
    "sumut": ("sumatera utara", "sumatra utara", "sumut"),
    "sumbar": ("sumatera barat", "sumatra barat", "sumbar"),
    "riau": ("riau", "pekanbaru"),
    "kepri": ("kepulauan riau", "kepri", "tanjungpinang", "batam"),
    "jambi": ("jambi",),
    "sumsel": ("sumatera selatan", "sumatra selatan", "sumsel", "palembang"),
    "babel": ("bangka belitung", "babel", "pangkalpinang"),
    "bengkulu": ("bengkulu",),
    "lampung": ("lampung", "bandar lampung"),
    "dki": ("dki jakarta", "dki", "pemprov dki"),
    "jabar": ("jawa barat", "jabar", "bandung"),
    "banten": ("banten",),
    "jateng": ("jawa tengah", "jateng", "semarang"),
    "diy": ("yogyakarta", "diy", "jogja", "yogya"),
    "jatim": ("jawa timur", "jatim", "surabaya"),
    "bali": ("bali", "denpasar"),
    "ntb": ("nusa tenggara barat", "ntb", "mataram"),
    "ntt": ("nusa tenggara timur", "ntt", "kupang"),
    "kalbar": ("kalimantan barat", "kalbar", "pontianak"),
    "kalteng": ("kalimantan tengah", "kalteng", "palangka raya", "palangkaraya"),
    "kaltim": ("kalimantan timur", "kaltim", "samarinda", "balikpapan"),
    "kaltara": ("kalimantan utara", "kaltara", "tanjung selor"),
    "sulut": ("sulawesi utara", "sulut", "manado"),
    "gorontalo": ("gorontalo",),
    "sulteng": ("sulawesi tengah", "sulteng"),
    "sulbar": ("sulawesi barat", "sulbar", "mamuju"),
    "sulsel": ("sulawesi selatan", "sulsel", "makassar"),
    "sultra": ("sulawesi tenggara", "sultra", "kendari"),
    "maluku": ("maluku", "ambon"),
    "malut": ("maluku utara", "malut", "ternate", "sofifi"),
    "papua": ("papua", "jayapura"),
    "pabar": ("papua barat", "manokwari"),
    "pbd": ("papua barat daya", "sorong"),
    "papsel": ("papua selatan", "merauke"),
    "papteng": ("papua tengah", "nabire"),
    "pappeg": ("papua pegunungan", "wamena"),
}
