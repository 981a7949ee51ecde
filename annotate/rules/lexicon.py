"""Word lists shared by the PER, ORG and STANCE rules. Pure (constants only).

Everything here is general Indonesian news language, written from how Indonesian
outlets report (Kompas, Tempo, Antara, detik style guides and ordinary usage), not
from any annotated data set:

    "Menteri Keuangan Sri Mulyani Indrawati"    title words: Menteri, (portfolio) Keuangan
    "Kapolri Jenderal Pol. Darmawan"            titles and ranks, chained
    "dr. Hendrawan Saputra-Lim, M.Kes"          academic prefix and degree after a comma
    "..., kata Presiden Tokayev."               attribution verb before the speaker
    "Yohana ... menolak usulan ..."             speech / position verb after the speaker
    "Komisi Pemberantasan Korupsi (KPK)"        organisation head word, acronym definition
    "tidak setuju" / "tidak menolak"            negation in front of a position word

All words are lowercase; callers lowercase the token (and drop a final dot) first.
Data that is a list of names (people, organisations, places) lives in
`annotate/gazetteers/` instead, with its sources.
"""

from __future__ import annotations

from corpus.schemas import Polarity


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`: long lists read best as running text."""
    return frozenset(text.split())


# --- person titles --------------------------------------------------------------------------

# Offices and functions written before a name ("Presiden Joko Widodo", "Kepala BPKH Dr. X").
# Words of multi-word titles are listed one by one ("wakil", "juru", "bicara", "wali"):
# a title is any chain of them, so "Wakil Sekretaris Jenderal" needs no entry of its own.
OFFICE_TITLES = words(
    """
    presiden wapres wakil menteri menko menlu menkeu mendagri menhan menkes mendag
    mentan wamen wamenlu gubernur wagub bupati wabup walikota wali wawali camat lurah
    kades sekda penjabat pj plt plh ketua ketum sekretaris sekjen bendahara direktur
    dirut dirjen deputi asdep kepala kabag kabid kasubdit kasubbag kadis kabiro kapusat
    kapuspen kapuspenkum kapolri wakapolri kapolda wakapolda kapolres wakapolres
    kapolresta kapolrestabes kapolsek kabareskrim kakorlantas kadiv kadivhumas
    kabidhumas kasat kasatreskrim kasatlantas dirlantas dirreskrimum dirreskrimsus
    dirresnarkoba panglima pangdam pangkostrad danjen danrem dandim danramil danlantamal
    danlanud ksad ksal ksau kasad kasal kasau jaksa hakim juru bicara jubir komisaris
    komisioner manajer manager ceo cfo coo chairman presdir presiden-direktur pendiri
    founder pemimpin pimpinan koordinator kuasa pengacara advokat analis ekonom peneliti
    pengamat dosen guru rektor dekan perdana raja ratu pangeran sultan paus kanselir
    senator anggota duta dubes konsul atase utusan staf stafsus asisten pelaksana harian
    kapten komandan inspektur sekretaris-jenderal ketua-umum penasihat pembina
    ketua-harian kasi kasie kapolsubsektor kanit kapospol
    pelatih pemain atlet wasit kiper penyerang gelandang pebalap petenis pegolf perenang
    pesilat pelari direksi komut mantan eks almarhum almarhumah mendiang
    """
) | words(
    # Ministers by their portfolio's short form, as the press writes them ("Menhub X",
    # "Menkominfo X", "Mensesneg X"), current and past cabinets; "Wamen..." the same.
    """
    menhub mendikbud mendikbudristek mendikdasmen mendiktisaintek menristek
    menristekdikti menag mensos menpora menperin menkominfo menkomdigi menaker
    menakertrans menkumham menkum menimipas menpan menpanrb menpupr menpera menlhk
    menkop menkopukm menpar menparekraf menekraf mendes mendesa mendes-pdtt mensesneg
    menseskab menbumn meneg menpppa menpp menkp menesdm menatr menppn menko menkopolhukam
    menkopolkam menkokesra menkopmk menkomaritim menkomarves menkoekuin menkoperekonomian
    menkopangan menkoinfra menhut menbud menhaj mentrans menpkp menlh wamenkeu wamendag
    wamenhan wamenkes wamenag wamendagri wamen-bumn wamenbumn wamenkumham wamenaker
    wamenpan wamendes wamenparekraf wamenkominfo wamenpupr wamenperin wamenhub
    wamendikbud wamendikti
    """
)

# Police and military ranks ("Kombes Andreas", "Jenderal Pol. Darmawan", "Letjen TNI X").
RANKS = words(
    """
    jenderal letjen mayjen brigjen laksamana laksdya laksda laksma marsekal marsdya
    marsda marsma kolonel letkol mayor kapten lettu letda serka sertu serda kopral prada
    pratu komjen irjen kombes akbp kompol akp iptu ipda aiptu aipda bripka brigadir
    briptu bripda bharada bharatu bharaka pol purn purnawirawan inf kav art cpm mar
    """
)

# Honorifics and forms of address ("Pak Darto", "Bu Siti", "Mbak Rina", "KH Ma'ruf").
HONORIFICS = words(
    """
    pak bu bapak ibu mas mbak bang kak dik om tante mbah eyang ning kang teh ustaz
    ustadz ustazah ustazah kiai kyai kh habib syekh syeikh gus romo pastor pendeta pdt
    suster bruder haji hajjah tuan nyonya nona ny nn saudara saudari sdr sdri mr mrs ms sir
    datuk tun
    """
)

# Academic and religious prefixes written with a dot ("Dr.", "dr.", "Prof.", "Ir.", "H.", "Hj.").
ACADEMIC_PREFIXES = words(
    """
    dr drg drh prof ir drs dra h hj kh k.h ph
    """
)

TITLE_WORDS = OFFICE_TITLES | RANKS | HONORIFICS | ACADEMIC_PREFIXES

# Degrees written after a name, with or without dots ("M.Kes", "Sp.PD", "S.H.", "SH", "MBA").
# Lowercased and with dots removed before lookup; anything shaped like "Xx.Yy" also counts.
DEGREES = words(
    """
    sh mh se mm mba msi mpd spd st mt skom mkom phd ma msc bsc ba lc sag mag sip ssos
    skm mkes sppd spa spog spb spjp spkk spm spn spp sps sprad span spkj ked sked mked
    apt sfarm mfarm sh mhum shum mhi shi ssi sgz mgz amd amkeb spsi mpsi psi cpa cfa mkn
    """
)

# Lowercase role nouns written just before a name ("peneliti ICW Tama", "kuasa hukum X").
ROLE_NOUNS = words(
    """
    peneliti ekonom analis pengamat dosen guru mahasiswa pelajar siswa warga petani
    nelayan pedagang buruh karyawan pegawai sopir pengemudi pengusaha pemilik pendiri
    koordinator juru bicara jubir hukum pengacara advokat aktivis politikus politisi
    pakar praktisi ahli tokoh ulama wartawan jurnalis fotografer penulis seniman artis
    aktor aktris penyanyi pemain pelatih atlet pebulu tangkis pesepak bola kapten wasit
    dokter perawat bidan suaminya istrinya anaknya ayahnya ibunya adiknya kakaknya
    koordinatornya ketuanya pemimpinnya pengacaranya kuasa ketua direktur kepala anggota
    sekretaris bendahara tersangka terdakwa terpidana saksi korban pelaku pemohon
    penggugat tergugat pelapor terlapor caleg capres cawapres kandidat calon relawan
    manajer bek kiper gelandang penyerang striker petenis pebalap pembalap pegolf petinju
    pesepakbola pebasket pelari perenang
    """
)

# Nouns of places named after people: what follows them is no person ("Jalan Daan Mogot",
# "Masjid Istiqlal", "Stadion Gelora Bung Karno").
PLACE_NOUNS = words(
    """
    jalan jl gang gg kampung desa dusun kelurahan kecamatan kabupaten kota sungai kali
    gunung pulau danau selat teluk tanjung pantai gedung masjid gereja pura vihara
    klenteng stasiun terminal bandara pelabuhan lapangan taman stadion museum monumen
    tugu jembatan bendung bendungan waduk pasar kompleks perumahan wisma hotel apartemen
    menara tol ruas simpang bundaran kawasan blok pondok kepulauan kapanewon lapas rutan kemantren
    distrik nagari gampong padukuhan dukuh kampong kelurahan provinsi
    """
)

# Words after which capitals name where someone lives or comes from ("warga Sukamaju",
# "berdomisili Cibubur"): a place, not a person. "warga, Budi" (a comma) still names one.
RESIDENCE_WORDS = words("warga berdomisili beralamat penduduk")

# Words after which capitals name a field, not a person ("Deputi Bidang Pencegahan ...").
FIELD_WORDS = words("bidang urusan seksi subbidang")

# Abbreviated given names written with a dot ("Moh. Edy", "Muh. Ali"): part of the name.
ABBREVIATED_GIVEN_NAMES = words("moh muh moch mochamad mhd muhd abd ach ahm mohd")

# Noble name prefixes written short, in capitals, and part of the name ("TB Suryana" is
# Tubagus Suryana): name words, not acronyms.
NOBLE_ABBREVIATIONS = words("tb")

# Verbs that follow a speaker ("Hendra Wibisana menilai ...", "Yosua Pangaribuan, mengatakan").
SPEECH_VERBS = words(
    """
    mengatakan menyatakan menjelaskan menilai mengungkapkan mengungkap menambahkan
    menegaskan menyebut menyebutkan mengakui mengaku memastikan menuturkan memaparkan
    merinci menerangkan menyampaikan mengingatkan berharap meminta mendesak menolak
    mendukung mengkritik mengecam membantah menyambut menanggapi mengusulkan menyarankan
    mendorong menekankan mengimbau mengklaim berpendapat bercerita berujar berkata
    mengutarakan membenarkan mengonfirmasi menginformasikan mengemukakan menceritakan
    mengeluhkan menyesalkan menyayangkan mengapresiasi menyoroti mempertanyakan menduga
    memperkirakan memprediksi menargetkan mengimbuhkan melanjutkan menyebutnya
    mengatakannya menjawab mengomentari menampik menentang mengutuk memprotes setuju
    sepakat menuding menuduh mencontohkan menganggap memandang menyerukan mewanti-wanti
    berjanji bersikeras
    """
)

# Words that may stand between a speaker and the speech verb ("Tokayev juga mengatakan").
SUBJECT_ADVERBS = words(
    """
    juga pun justru bahkan lalu kemudian sebelumnya pula tetap telah sudah akan masih
    langsung kembali sempat pernah secara terpisah tegas resmi hanya sendiri pun mengaku
    sekali lagi yang tidak tak belum baru memang bisa dapat harus ingin mau enggan sedang
    tengah terus segera mampu sukses gagal sangat selalu malah lantas kini lebih
    """
)

# Predicates without a verb prefix that say what a person does or is ("Jokowi tiba di ...",
# "Ahok yakin ..."): after an unknown capitalised word mid-sentence they make it a name.
PERSON_PREDICATES = words(
    """
    tiba hadir yakin percaya bilang tahu lahir tewas wafat pulang datang pergi siap
    """
)

# Attribution verbs written before the speaker, after a quote or a comma
# ("…,” kata Pudji", "…, ujar Andreas", "Menurut Hendra, ...").
ATTRIBUTION_VERBS = words(
    """
    kata ujar tutur ungkap sambung jelas tambah imbuh tegas lanjut terang pungkas papar
    ucap seru tanya timpal kilah tulis sebut cetus katanya ujarnya tuturnya ungkapnya
    tandas urai tukas seloroh beber jawab kelakar cuit kicau sindir
    """
)


# Passive speech verbs, before their agent: "Hal itu disampaikan Jonan di Jakarta".
PASSIVE_SPEECH_VERBS = words(
    """
    disampaikan diungkapkan dikatakan dijelaskan ditegaskan diakui diutarakan dikemukakan
    dipaparkan diterangkan dituturkan
    """
)


# Attribution verbs with the clitic "-nya": the speaker is the person last mentioned.
NYA_ATTRIBUTIONS = words(
    """
    katanya ujarnya tuturnya ungkapnya sambungnya jelasnya tambahnya imbuhnya tegasnya
    lanjutnya terangnya pungkasnya paparnya ucapnya serunya kilahnya tulisnya sebutnya
    cetusnya akunya menurutnya tandasnya urainya tukasnya selorohnya bebernya jawabnya
    kelakarnya cuitnya kicaunya sindirnya
    """
)

# Name particles, kept inside a name only between two name words ("Ramon dela Cruz").
NAME_PARTICLES = words(
    """
    bin binti van von der den de dela del da dos du la le al el ibn ter ten bte
    """
)

# --- organisations -------------------------------------------------------------------------

# A capitalised word that opens an organisation name ("Badan Pusat Statistik",
# "Partai Golkar", "Polda Metro Jaya"). The head alone is not a name ("34 Polda").
# "Liga" is not one: a league is a competition, an event ("Liga Champions"); the few
# organisations called "Liga" are in the lists.
ORG_HEADS = words(
    """
    kementerian kementrian kemenko badan dewan komisi majelis mahkamah pengadilan
    kejaksaan kejati kejari kepolisian lembaga institut universitas universiti
    politeknik akademi fakultas partai fraksi koalisi aliansi asosiasi ikatan persatuan
    perhimpunan perkumpulan himpunan serikat gabungan federasi konfederasi yayasan
    organisasi bank bursa otoritas perum perumda pt cv koperasi dinas direktorat ditjen
    biro sekretariat kedutaan kedubes konsulat polda polres polresta polrestabes polsek
    polrestro polsubsektor polair polairud lanal kodaeral koopsud pomdam denpom
    kodam korem kodim koramil lantamal lanud pemprov pemkab pemkot dprd rsud rsup satgas
    korps komite komnas konsorsium forum gerakan front jaringan perserikatan paguyuban
    persekutuan bawaslu kpu bpbd tim departemen divisi pengurus subdirektorat
    dinkes diskes disdik dishub dinsos disnaker disperindag diskominfo disdukcapil
    bappeda bapenda bpkad dlh
    """
)

# Two-word heads ("Pemerintah Provinsi DKI Jakarta", "Rumah Sakit Cipto Mangunkusumo").
ORG_HEADS_2 = frozenset(
    {
        ("pemerintah", "provinsi"),
        ("pemerintah", "kabupaten"),
        ("pemerintah", "kota"),
        ("rumah", "sakit"),
        ("sekolah", "tinggi"),
        ("satuan", "tugas"),
        ("pusat", "studi"),
        ("pusat", "kajian"),
        ("pusat", "penelitian"),
        ("kantor", "berita"),
        ("kantor", "staf"),
        ("kamar", "dagang"),
        ("panitia", "kerja"),
        ("panitia", "khusus"),
        ("kantor", "imigrasi"),
        ("kantor", "wilayah"),
        ("kantor", "pajak"),
        ("kantor", "pertanahan"),
        # Regional offices of the search and rescue agency ("Kantor Pencarian dan
        # Pertolongan Kota X"), where "Kantor" is part of the agency's name.
        ("kantor", "pencarian"),
    }
)

# Heads of institutions often named after a person, with the person's title kept in the
# name ("RSUD Dr. Soetomo", "Universitas Dr. Soetomo"): the title does not end the name and
# the name after it is no PER.
NAMED_AFTER_PEOPLE = frozenset({"rsud", "rsup", "rs", "rsia", "universitas", "sekolah", "yayasan"})

# Heads of units inside an organisation: an ORG only together with their parent
# ("Departemen Komunikasi BI", "Pengurus Besar IDI"); alone they are generic
# ("Kepala Divisi Pengadaan").
UNIT_HEADS = frozenset({"departemen", "divisi", "pengurus", "subdirektorat", "bagian", "biro"})

# Units that every branch of an organisation has: with their parent after them, the span is
# the parent alone ("Direktorat Kriminal Umum [Polda X]", "Biro Humas [Kementerian X]",
# "Dewan Komisioner [Otoritas Jasa Keuangan]", "Unit Laka Lantas [Polrestabes X]"). A unit
# head followed only by these function words is such a unit; a unit with a name of its own
# ("Departemen Komunikasi BI", "Direktorat Jenderal Pajak") is not.
GENERIC_UNIT_HEADS = words(
    """
    direktorat subdirektorat subdit biro bagian subbagian divisi bidang seksi unit satuan
    dewan tim
    """
)
GENERIC_UNIT_WORDS = words(
    """
    humas hubungan masyarakat kriminal reserse reskrim umum khusus krimum krimsus narkoba
    narkotika lalu lintas lantas laka kecelakaan komisioner direksi intelijen intelkam
    keamanan pengamanan samapta sabhara propam profesi siber cyber crime reaksi cepat
    operasi operasional tindak pidana korupsi tipikor tipidkor binmas pembinaan hukum
    kepegawaian perencanaan administrasi protokol
    """
)

# Nouns before a name in single quotes that make it a business ("kedai ‘Kopi Bu Siti’").
BUSINESS_NOUNS = words(
    """
    kedai warung toko restoran rumah makan kafe kafé kedai kopi usaha merek brand butik
    bengkel katering outlet gerai studio salon toserba minimarket apotek klinik
    """
)

# English head words that make a capitalised run an organisation wherever they stand
# ("Collective Security Treaty Organization", "Indonesia Corruption Watch").
ORG_HEADS_EN = words(
    """
    organization organisation institute bank fund watch council agency association
    corporation company group foundation commission network society
    federation authority union university college alliance coalition initiative party
    committee board ministry department bureau office service services agency academy
    consortium partners holdings holding capital securities ventures airlines airways
    sekuritas asuransi fc united club motors motor inc corp co llc plc gmbh ag
    electronics pictures studios entertainment records technologies systems
    communications telecom pharmaceuticals petroleum chemical chemicals steel mining
    energy resources logistics foods beverages manufacturing automotive plantations
    properties realty cement textile
    """
)

# Verbs and phrases that cite a source: a single capitalised name after them is the outlet
# or agency cited ("data yang dihimpun X", "dilansir X", "dikutip dari X").
SOURCE_CITING = words(
    """
    dihimpun dilansir melansir dikutip mengutip dihubungi dikonfirmasi diberitakan
    memberitakan
    """
)

# Lowercase nouns that say the capitalised name after them is a company, club, brand,
# outlet, party or group ("perusahaan Y", "saham Y", "klub Y", "harian Y", "partai Y",
# "kantor berita Y", "surat kabar Y", "kelompok Y").
ORG_CONTEXT_NOUNS = words(
    """
    perusahaan perseroan emiten saham maskapai operator produsen pabrikan startup
    klub kesebelasan raksasa korporasi konglomerasi grup konsorsium distributor
    pengembang developer vendor peritel ritel waralaba harian koran majalah tabloid
    televisi portal situs label studio bank sekuritas asuransi tim pemain
    partai organisasi ormas lembaga kelompok milisi faksi radio kabar berita
    """
)

# Context nouns of clubs and teams ("tim X", "klub X", "pemain X"): a name after one is the
# club wherever the article names it again (it masks person readings of the same words).
# After "tim" and "pemain" a person may follow too ("tim Budi", "pemain Budi Santoso"): there
# the name must not open with a listed given name or surname, nor be a bare acronym ("tim SAR").
CLUB_CONTEXT_NOUNS = words("klub kesebelasan tim pemain")
PERSON_OR_CLUB_NOUNS = words("tim pemain")

# Legal forms kept inside a company name as written ("PT X (Persero) Tbk").
LEGAL_FORMS = frozenset({"tbk", "(persero)", "(perseroda)", "(persero)tbk", "persero", "ltd"})

# Lowercase words that join the capitalised words of one name ("Badan Pengawas Obat dan
# Makanan", "Institute for Development of Economics"): a capitalised run goes on over them.
CONNECTORS = frozenset({"dan", "untuk", "and", "of", "for", "the", "&"})
# Inside an organisation name also the articles of French names ("Banque de France").
ORG_CONNECTORS = CONNECTORS | {"de", "du", "des"}

# Vocabulary of portfolios, units and company names: never part of a person's name
# ("Menteri [Keuangan]", "Deputi [Bidang Statistik Distribusi dan Jasa] BPS",
# "PT [Cahaya Investama Sekuritas]").
ORG_WORDS = words(
    """
    keuangan pertanian luar negeri dalam pertahanan kesehatan pendidikan kebudayaan
    agama sosial perhubungan perdagangan perindustrian komunikasi informatika digital
    hukum ham lingkungan hidup kehutanan kelautan perikanan energi sumber daya mineral
    pekerjaan umum perumahan rakyat tenaga kerja ketenagakerjaan koperasi usaha kecil
    menengah mikro pariwisata ekonomi kreatif pemuda olahraga desa pembangunan daerah
    tertinggal transmigrasi perencanaan nasional internasional dunia agraria tata ruang
    aparatur negara reformasi birokrasi pemberdayaan perempuan perlindungan anak
    investasi riset teknologi inovasi sains statistik pusat utama bidang departemen
    divisi bagian seksi unit urusan pengawas pengawasan penyelenggara penyelenggaraan
    pemeriksa pemeriksaan pengelola pengelolaan penanggulangan bencana pencegahan
    pengendalian penyakit menular penanganan pemberantasan korupsi pemilihan pemilu
    konstitusi agung tinggi militer polisi keamanan ketahanan pangan logistik distribusi
    jasa komunitas operasi kampanye lalu lintas angkutan cabang wilayah regional
    provinsi kabupaten kota kecamatan kelurahan republik besar pengurus staf khusus
    pelayanan layanan pers humas hubungan masyarakat publik informasi penerangan data
    intelijen siber sandi narkotika terorisme meteorologi klimatologi geofisika
    kependudukan sekuritas investama finance capital holding group grup sejahtera makmur
    sentosa perkasa persada abadi sukses gemilang cemerlang terpadu terbuka energi
    solusi teknologi industri industries persero perseroda tbk metro jaya raya kawasan
    umrah haji perjalanan ibadah pengadaan pelaksana perbendaharaan anggaran pajak cukai
    imigrasi pemasyarakatan reserse kriminal narkoba propam provos samapta bhayangkara
    angkatan darat laut udara armada pangkalan kodiklat tentara bersenjata harian
    pemasaran penjualan produksi operasional eksekutif legislatif yudisial
    polhukam polkam perekonomian kemaritiman maritim investasi pmk kesra ekuin marves
    pangan infrastruktur kabinet kepresidenan kesekretariatan
    """
)

# Words after "kata"/"ujar" or before "itu" that name a person without naming them
# ("sambung presiden berusia 68 tahun itu", "dosen berusia 46 tahun itu", "pria itu").
PERSON_NOUNS = words(
    """
    presiden menteri gubernur bupati wali kota dosen peneliti pria wanita perempuan
    lelaki laki-laki ibu bapak politikus politisi ekonom pengamat analis ketua direktur
    kepala pejabat jenderal hakim jaksa pengacara advokat mantan warga petani pedagang
    pengemudi nenek kakek remaja mahasiswa guru dokter ayah anak sosok tokoh ulama kiai
    perdana wakil anggota juru bicara jubir legislator senator diplomat duta besar
    pengusaha
    """
)

# Nouns that stand for an organisation ("lembaga antirasuah itu", "perseroan").
INSTITUTION_NOUNS = words(
    """
    lembaga badan kementerian partai perusahaan perseroan komisi institusi organisasi
    asosiasi koalisi kepolisian emiten bank
    """
)

# Subject pronouns that refer back to the last person mentioned ("Ia meminta ...").
PERSON_PRONOUNS = frozenset({"ia", "dia", "beliau"})

# --- stance --------------------------------------------------------------------------------
# Polarity lexicon. Position verbs are exactly the closed list of the guidelines v0.1
# (§6.1: mendukung, menyatakan dukungannya, menolak, mengkritik, menyambut baik, setuju /
# tidak setuju, membantah, mengecam, meminta, mendesak); verbs that report speech without a
# position (mengatakan, menilai, mendorong, sepakat, ...) make no stance outside quotes.
# Requests ("meminta", "mendesak") favour the action requested (§6.3).

POSITION_VERBS: dict[str, Polarity] = {
    "mendukung": Polarity.FAVOR,
    "menyambut baik": Polarity.FAVOR,
    "setuju": Polarity.FAVOR,
    "meminta": Polarity.FAVOR,
    "mendesak": Polarity.FAVOR,
    "menolak": Polarity.AGAINST,
    "mengkritik": Polarity.AGAINST,
    "mengecam": Polarity.AGAINST,
    "membantah": Polarity.AGAINST,
    "menyatakan dukungannya": Polarity.FAVOR,
    "menyatakan dukungan": Polarity.FAVOR,
    "menyatakan penolakannya": Polarity.AGAINST,
    "menyatakan penolakan": Polarity.AGAINST,
    "menyatakan keberatannya": Polarity.AGAINST,
    "menyatakan keberatan": Polarity.AGAINST,
}

# Speech verbs the stance rules also read as attributions (a subject that says something
# becomes the article's current speaker), beyond `SPEECH_VERBS`, which the PER rules use.
REPORTING_VERBS = SPEECH_VERBS | words(
    """
    melaporkan menyinggung mengabarkan menginformasikan memberitahukan mengumumkan
    menyebutkan mengimbau menambahkan melanjutkan
    """
)

# Requests: their "untuk"/"agar" clause is the requested action, inside the object.
REQUEST_VERBS = frozenset({"meminta", "mendesak"})

# Contrast markers: what follows them is what the speaker stresses ("Kami tidak menolak
# ETLE. Tapi jangan sampai ..."), so cues after one count double.
CONTRASTS = frozenset({"tetapi", "tapi", "namun", "sayangnya", "hanya saja"})

# Negators whose scope is the next two words ("tidak setuju", "tak menolak", "belum
# mendukung", "bukan menolak").
NEGATIONS = frozenset(
    {"tidak", "tak", "tiada", "belum", "bukan", "enggan", "tanpa", "nggak", "enggak", "gak"}
)

# --- quote polarity (annotate.rules.polarity) ------------------------------------------------
# Position words inside a quote, as in the closed verb list plus their bare forms
# ("kami dukung", "tolak"); a negation in front of a favor word makes it against, in front
# of an against word a concession.
QUOTE_POSITION: dict[str, Polarity] = {
    "mendukung": Polarity.FAVOR,
    "dukung": Polarity.FAVOR,
    "setuju": Polarity.FAVOR,
    "sepakat": Polarity.FAVOR,
    "menyambut baik": Polarity.FAVOR,
    "mengapresiasi": Polarity.FAVOR,
    "apresiasi": Polarity.FAVOR,
    "bisa menerima": Polarity.FAVOR,
    "menolak": Polarity.AGAINST,
    "tolak": Polarity.AGAINST,
    "mengkritik": Polarity.AGAINST,
    "mengecam": Polarity.AGAINST,
    "kecam": Polarity.AGAINST,
    "menentang": Polarity.AGAINST,
    "keberatan": Polarity.AGAINST,
    "membantah": Polarity.AGAINST,
}
# Requests and appeals: favor when the speaker makes them ("Kami minta ...", "Mohon ...",
# "Kami mengimbau supaya ..."), neutral when the quote reports someone else's.
APPEAL_WORDS = words(
    """
    minta meminta mohon memohon imbau mengimbau ingatkan mengingatkan ajak mengajak
    desak mendesak serukan menyerukan harap berharap tolong mari ayo silakan
    """
)
# The speaker's own proposal: "Komposisi ini kami ajukan ...", "kami usulkan".
PROPOSAL_WORDS = words("ajukan mengajukan usulkan mengusulkan tawarkan menawarkan")
# Advice that needs no subject: "Sebaiknya pengelola ...".
ADVICE_WORDS = words("sebaiknya hendaknya seyogianya seyogyanya")
# The speaker, for appeals and commitments.
FIRST_PERSON = words("kami kita saya aku")
# Words that may stand before an appeal verb without being its subject ("Di sini kami ...").
FILLERS = words("di sini ya jadi maka oleh karena itu ini dan sekaligus pula")
# Praise as a predicate ("warganya rukun", "cukup bagus"): favor. Not listed on purpose:
# "aman", "layak", "berhasil" (reports: "pindah ke lokasi yang aman", "layak diperiksa"),
# "baik" alone ("dengan baik" = well, "baik ... maupun" = both).
PRAISE = words(
    """
    rukun kompak bagus hebat bangga membanggakan cocok
    """
) | frozenset(
    {
        "cukup baik",
        "sangat baik",
        "juga baik",
        "cukup bagus",
        "terima kasih",
        "diakui dunia",
        "luar biasa",
    }
)
# An intensifier before a positive adjective is praise: "sangat wajar", "cukup membantu".
INTENSIFIERS = words("sangat cukup amat begitu sungguh paling")
POSITIVE_ADJECTIVES = words(
    """
    baik bagus wajar tepat penting membantu bermanfaat positif cocok efektif adil
    transparan
    """
)
# Complaints: against. Naming an act terror or aggression condemns it.
COMPLAINTS = words(
    """
    kecewa mengecewakan menyesalkan menyayangkan disayangkan mengeluhkan merugikan
    dirugikan mengorbankan memberatkan membebani dibebani lamban rugi padahal
    capek lelah jenuh kesal jengkel muak
    """
) | frozenset(
    {
        "serangan teror",
        "aksi teror",
        "tindakan agresi",
        "adu domba",
        "tidak adil",
        "terlalu mahal",
        "terlalu tinggi",
        "terlalu lama",
        "belum cukup",
        "tidak masuk",
    }
)
# "jangan", "tidak usah", "tidak boleh" before these is an appeal for calm or care (favor);
# before anything else a prohibition (against): "jangan panik" vs "jangan berlebihan".
CALM_WORDS = words(
    """
    panik khawatir cemas takut resah gelisah lengah lalai gegabah terpancing terprovokasi
    mudah ragu-ragu ragu
    """
)
# A clause that flatly denies: "Tidak ada itu", "Itu tidak benar", "Mana ada", "Hoaks itu".
DENIAL_RE = (
    r"^(?:itu |hal itu |kabar itu )?(?:tidak|tak|enggak|nggak|gak) (?:ada|benar)"
    r"(?: itu| begitu| seperti itu| sama sekali)?$"
    r"|^(?:itu |hal itu |kabar itu )?(?:tidak|tak) benar\b"
    r"|^(?:itu )?(?:bohong|hoaks|fitnah)\b|^mana ada\b|^bukan begitu\b"
)
# The speaker commits to something: "Kami akan terus menjaga ...", "tetap kita lanjutkan".
COMMITMENT_RE = (
    r"\b(?:kami|kita|saya) (?:akan (?:terus|tetap)|siap|berkomitmen)\b"
    r"|\b(?:tetap|terus) (?:kami|kita) \w+kan\b"
)
