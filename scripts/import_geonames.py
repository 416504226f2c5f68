#!/usr/bin/env python3
"""Build entx's built-in place and group gazetteers from a GeoNames dump.

Usage (from the repository root):

    python3 scripts/import_geonames.py ../shared/data/geonames gazetteers/ \
        [../shared/data/public/country-codes.csv]

Reads, from the GeoNames directory given as first argument, the standard dumps
``countryInfo.txt``, ``admin1CodesASCII.txt`` and ``cities15000.txt``
(https://download.geonames.org/export/dump/), plus the hand-written
``<out>/loc-regions.tsv`` (only to keep aliases unambiguous, see below), and
writes into the output directory:

    loc-countries.tsv   every country/territory of countryInfo.txt
    loc-admin1.tsv      every first-level division of admin1CodesASCII.txt
    loc-cities.tsv      every city of cities15000.txt
    norp.tsv            nationalities (demonyms) and religious, ethnic and
                        political groups, from the curated tables below

The optional third argument (default
``../shared/data/public/country-codes.csv``, from datasets/country-codes,
ODC-PDDL-1.0) gives each country its Wikidata id, joined on the GeoNames id
(its ``Geoname ID`` and ``wikidata_id`` columns): ``wikidata=Q...``.  A country
that file does not list keeps no Wikidata id; no id is ever guessed.

Output is deterministic: same input, same bytes (rows sorted by id, no
timestamps).  Python 3 standard library only.

Gazetteer format (one entity a line, TAB separated, ``#`` comments):

    id<TAB>type<TAB>name<TAB>aliases<TAB>attributes

Data decisions (all documented here so the output can be regenerated):

* Countries: the GeoNames name, except where English news uses another one
  (COUNTRY_NAMES), plus the curated English aliases of COUNTRY_ALIASES.  Bare
  ISO-2 codes are never aliases (IN, IT, NO, ... are English words).
* Admin1: name = the ASCII column, unless that column is a German-style
  transliteration (``OEstergoetland``), then the UTF-8 name; the other one is an
  alias when it differs by more than diacritics.  Generic-word names get the
  country in parentheses (see below), and so do names equal to a NORP alias
  (Isle of Man's ``German``); a few well-known names are fixed in
  ADMIN1_OVERRIDES (Gaza for the Gaza Strip, Baluchistan, Transdniestria ...).
* Cities: name = the ``name`` column; aliases = the ``asciiname`` when it
  differs by more than diacritics, the curated English names of CITY_OVERRIDES
  (Kiev, Calcutta, Peking, Cologne ...), and, only for countries whose main
  language is written in a non-Latin script (NON_LATIN_LANGUAGES: Arabic,
  Persian, Cyrillic, Chinese ... names reach English text through varying
  transliterations), at most MAX_CITY_ALTERNATES alternate names.  (The
  alternate names of Latin-script countries are other languages' exonyms,
  "Monaco di Baviera", "Lisboa", that English text does not use and that
  collide with English words and names.)  An alternate must be Latin script,
  >= 3 chars, not all lower-case, without digits, not all capitals (codes),
  without a foreign administrative word (FOREIGN_LABEL_TOKENS), not a common
  English word or name (ALTERNATE_STOPWORDS), not a declined form of another
  candidate (Pekina, Kirkukas), and either close to the name (spelling variant:
  Qum, Arbil) or shared in near-identical spellings by several languages (an
  exonym such as Bombay); candidates are de-duplicated case-insensitively
  after removing diacritics and ranked: Arabic article dropped (Fallujah for
  Al Fallujah) first, then plain ASCII spellings without a j-for-y, then
  closeness to the name.  Alternates are also dropped
  when they are a country/admin1/region alias, a NORP alias, the name of
  another city not PRIMARY_STEAL_RATIO times smaller, or the alternate of a
  more populous city (one owner per surface form).
* Places whose single-word name is a common English word ("March", "Police",
  "Central": COMMON_WORD_NAMES) or in news mostly a person, company or brand
  ("Bush" for Būsh, "Kim", "Howard", "Toyota": PERSON_OR_BRAND_NAMES) are
  kept but renamed "<name> (<country>)" ("March (United Kingdom)",
  "Western (Ghana)") so that they cannot match ordinary text.  Both lists were
  chosen by hand after checking which place names are frequent lower-case
  words or frequent capitalised non-place words in English news.
* Demonyms are NORP, never places: any city alias equal to a NORP alias is
  dropped (the NORP aliases are the exclusion set), and the script refuses to
  write if a NORP alias equals a country, admin1 or region alias.
* Capitals and admin1 seats (PPLC / PPLA) that share their name with an admin1
  division of the same country (Baghdad, Kabul, Berlin, Washington ...) get
  priority 21 instead of 10, so that in news text the city wins over the
  province/state (priority 20) -- unless a division of another country has the
  same name (Florida, Uruguay does not beat the US state).  New York City
  (alias "New York") also gets 21, Québec City keeps 10 (CITY_OVERRIDES).
* Admin1 divisions named like a city of >= 150,000 people in another country
  get priority 9 (below cities): Jamaica's Manchester parish must not win
  "Manchester".  ADMIN1_NO_YIELD lists the exceptions.
"""

import csv
import os
import re
import sys
import unicodedata

# --------------------------------------------------------------------------
# Constants and curated tables
# --------------------------------------------------------------------------

GEONAMES_HEADER = [
    "Source: GeoNames (https://www.geonames.org/), licence CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/).",
    "generated by scripts/import_geonames.py — do not edit by hand",
    "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes",
]

MAX_CITY_ALTERNATES = 8
PRIORITY_COUNTRY = 30
PRIORITY_ADMIN1 = 20
PRIORITY_CITY = 10
PRIORITY_CITY_SEAT = 21
PRIMARY_STEAL_RATIO = 5
# An admin1 division named like a city of another country with at least this
# population gets PRIORITY_ADMIN1_YIELD, below cities, so that "Manchester",
# "Santiago", "Sofia" or "La Paz" mean the city, not a Jamaican parish, a
# Dominican province, a Malagasy region or a Salvadoran department.
ADMIN1_YIELD_POPULATION = 150000
PRIORITY_ADMIN1_YIELD = 9
# ... except these divisions, better known than the homonymous city
# (Australia's Victoria, Canada's Ontario, Bali, Valencia, La Rioja ...).
ADMIN1_NO_YIELD = {
    "geonames:2145234", "geonames:6093943", "geonames:7521315",
    "geonames:1650535", "geonames:3336897", "geonames:2593113",
    "geonames:3450387", "geonames:3455077", "geonames:739598",
    "geonames:828260", "geonames:2263478",
}  # capital / admin seat named like an admin1 division

# English news name when it differs from GeoNames' (ISO-2 -> name).  The
# GeoNames name then becomes an alias.
COUNTRY_NAMES = {
    "AX": "Åland Islands",
    "BL": "Saint Barthélemy",
    "CV": "Cape Verde",
    "CW": "Curaçao",
    "CZ": "Czech Republic",
    "MO": "Macau",
    "NL": "Netherlands",
    "PS": "Palestinian Territories",
    "RE": "Réunion",
    "ST": "São Tomé and Príncipe",
    "TL": "East Timor",
    "VA": "Vatican City",
    "BQ": "Bonaire, Sint Eustatius and Saba",
}

# Curated English aliases (ISO-2 -> aliases).  Only surface forms English news
# actually writes.  Periods matter to the matcher, so "U.S." and "US" are both
# listed; case, diacritics and hyphen/space variants are handled by the matcher.
COUNTRY_ALIASES = {
    "AE": ["UAE", "U.A.E."],
    "BA": ["Bosnia-Herzegovina", "Bosnia"],
    "BL": ["St. Barts", "St Barts", "Saint Barts"],
    "BN": ["Brunei Darussalam"],
    "BQ": ["Caribbean Netherlands"],
    "BY": ["Republic of Belarus"],
    "CC": ["Cocos (Keeling) Islands", "Keeling Islands"],
    # "Congo" alone: news mostly means the DRC (Reuters style: "Congo" vs
    # "Congo Republic"); the Republic of the Congo keeps its explicit forms.
    "CD": ["DR Congo", "D.R. Congo", "DRC", "Democratic Republic of Congo",
           "Congo-Kinshasa", "Congo", "Zaire"],
    "CG": ["Congo Republic", "Republic of Congo", "Congo-Brazzaville"],
    "CI": ["Côte d'Ivoire", "Côte d’Ivoire"],
    "CN": ["People's Republic of China", "People’s Republic of China", "PRC"],
    "CV": ["Cabo Verde"],
    "CZ": ["Czechia"],
    "DE": ["Federal Republic of Germany"],
    "FK": ["Falklands", "Malvinas"],
    "FM": ["Federated States of Micronesia"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain",
           "United Kingdom of Great Britain and Northern Ireland"],
    "IE": ["Republic of Ireland"],
    "IO": ["Chagos Islands", "Chagos Archipelago"],
    "IR": ["Islamic Republic of Iran", "Persia"],
    "KG": ["Kyrgyz Republic"],
    "KH": ["Kampuchea"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "KP": ["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea",
           "Democratic People’s Republic of Korea"],
    # Bare "Korea" in news (and markets) normally means South Korea.
    "KR": ["Republic of Korea", "Korea"],
    "LA": ["Lao PDR", "Lao People's Democratic Republic"],
    "LC": ["St Lucia", "St. Lucia"],
    "MD": ["Republic of Moldova"],
    "MF": ["St. Martin", "St Martin"],
    "MK": ["Macedonia", "Republic of North Macedonia",
           "Former Yugoslav Republic of Macedonia", "FYROM"],
    "MM": ["Burma"],
    "MO": ["Macao"],
    "NL": ["Holland"],
    "PM": ["St. Pierre and Miquelon", "St Pierre and Miquelon"],
    "PS": ["Palestine", "Palestinian Territory", "State of Palestine",
           "Occupied Palestinian Territories", "Occupied Palestinian Territory"],
    "RU": ["Russian Federation"],
    "SH": ["St Helena", "St. Helena"],
    "SJ": ["Svalbard", "Spitsbergen"],
    "SR": ["Surinam"],
    "SK": ["Slovak Republic"],
    "SY": ["Syrian Arab Republic"],
    "SZ": ["Swaziland", "eSwatini"],
    "TC": ["Turks and Caicos"],
    "TL": ["Timor-Leste"],
    "TR": ["Türkiye"],
    "TZ": ["United Republic of Tanzania"],
    "US": ["U.S.", "US", "USA", "U.S.A.", "United States of America",
           "America"],
    "VA": ["Vatican", "Holy See"],
    "VC": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "VI": ["US Virgin Islands", "United States Virgin Islands"],
    "VN": ["Viet Nam"],
}

# Places (admin1 divisions and cities) whose name is a common English word or
# a direction: kept, but renamed "<name> (<country>)" so that they cannot match
# ordinary capitalised words ("March", "Police", "Central", "Western" ...).
# Compared after folding (lower case, no diacritics, hyphen = space), so
# "Salé" and "Tô" are covered by "sale" and "to".  Chosen by hand from the
# single-word place names that are frequent lower-case words in English news;
# real places whose capitalised form is nearly always the place stay matchable
# (York, Nice, Split, Reading, Malé, Acre, Troy, Worms, Saga, Bath ...).
COMMON_WORD_NAMES = {
    # directions and generic region words
    "central", "centre", "center", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "north west", "north east",
    "south west", "south east", "northwest", "northeast", "southwest",
    "southeast", "north western", "far north", "far west", "upper east",
    "upper west", "gulf", "islands", "island", "rivers", "delta", "plateau",
    "littoral", "maritime", "midlands", "capital", "coast", "lakes", "lake",
    "bay", "interior", "border", "mountain", "valley", "lower", "upper",
    "north side", "east end", "west end", "downtown", "federal", "union",
    "republic", "independence", "liberty", "university",
    # ordinary English words
    "to", "of", "than", "bank", "time", "can", "most", "sale", "same", "much",
    "say", "buy", "deal", "best", "marks", "come", "date", "hit", "officer",
    "mobile", "along", "police", "mine", "normal", "sterling", "cocoa", "man",
    "opportunity", "store", "young", "summit", "goes", "spring", "pace",
    "save", "begun", "gap", "rugby", "surprise", "manage", "drama", "van",
    "mission", "sulphur", "lend", "pop", "boom", "holiday", "fleet", "bear",
    "march", "rich", "bar", "alliance", "golden", "orange", "mile", "green",
    "pool", "liberal", "peer", "lira", "tire", "enterprise", "plunge",
    "forest", "superior", "coin", "tank", "sue", "bow", "oral", "retreat",
    "hire", "banning", "dinar", "sake", "clay", "upland", "wedding",
    "prosper", "dig", "crystal", "hook", "dire", "gay", "sedan", "borne",
    "shaping", "pen", "bell", "punch", "pare",
}

# Places whose single-word name is, in English news, overwhelmingly a person's
# name, a company or brand, or part of other names (Bush for Būsh, Egypt;
# Kim; Howard; Ferguson; Toyota; Nokia; Brent, as in Brent crude; Göd,
# Hungary, folds to "God"; Obama, Japan; Xinhua, China; Meta, Colombia), or
# an organisation's acronym once the matcher lets upper-case text match
# (ILO, ITU, OAS, KUNA).  Treated like COMMON_WORD_NAMES: renamed
# "<name> (<country>)" and never taken as a city alternate.  Chosen by hand.
PERSON_OR_BRAND_NAMES = set("""
abu adam ali alicia allen anderson andreas arnold asahi avon barnes barry
beverly bentley brent brits bryan burke burton bush campbell carney carson
cesar champlin chelsea clayton clinton clive corona cueto dana davenport david
davies davis diana dixon dole dome douglas duncan dyer eagle eastwood edison
elizabeth eugene evans ferguson foley franklin frederick fuji fujioka garcia
gardner gary george gillette god goodyear graham greenwood hale harper
harrison harvey hassan hayes henderson hercules hitachi honda howard hudson
ifo imperial irving ito jackson johnston jupiter kato kim kong kuroda
lansdowne lawrence leigh leo leslie lindsay livingstone lombard lopez lucas
marion marshall martin martinez mary mason mercedes metro michael mitchell
monsanto montagu montgomery moore morton murphy murray nelson nigel nikko
nokia norman norton olympic orion pa paine palmer paramount parker paterson
patrick paul peabody perez perry pontiac prescott radcliffe robert robertson
rogers roman ron roy saito salt san sanford schroeder shaw soriano stanley
staunton stuart taft takahashi tamura taylor thomson toyota tucker vera
vincent vista vladimir walker warren wayne weir whitney wilson wright
ben michel mel pak chang serena charlton francois lim gill katerina lone dar
lion millan newman jefferson mobil bra dame
warburg midland burlington redland nederland baldwin wimbledon banco wal
ciba milburn
holden semi este weston mena mclean palo castro adrian nancy richardson griffin
irvine sheridan lamont kirwan vulcan rosenberg espinosa santana keswick cicero
kanye ramon lac boone brad ann marco oakley keystone aloha hoover tata gilbert
redford vaughan adler hopkins temple sim arvin wako wertheim buchanan apex
vernon ina komatsu yao bartlett moreno carey paradise everett magna herve
sandy alice vic ho anna lennox ajax carlton mariano puma holt soo maki rubio
iwai patterson linda chandler greer tyler keller rodriguez pereira trinity
barroso liang chino milton ashton pullman sebastian moss jam donna bonny
roosevelt balfour alvin hartley savage nan florin hashimoto matthews kadoorie
lai fountain chas centurion sunrise hopewell atlantis thornton chia grove
pendleton villalba roth mendes dalton addison shevchenko latham sherman cabot
kendall langley massey seguin willoughby carteret claremont soma hanford raha
whitman kearney gil bowie shirley caldwell hyde valente chin garland easton
flores melville manga whalley linden stanton johnstone wharton ridder lara
gaspar hays ramada mascot plantation mao teo mori emin kyle kamal sal sur
antony stella alexandra mandela godfrey mustang butterfly gore estelle
iglesias carnegie brody solana brick holloway hutchinson pickering kai lutz
shelby monroe tak po canning paco dumas inca marina mentor durant tabor bryant
maytag rashid hanna manning ana salam agro kamara rau markova mora
obama morsi xinhua meta benfica mizuho malema imamoglu sandu valls palin duma
kuna sama tui itu ilo oas bla boe isna livni cair munger chidambaram
""".split()) | {"rio tinto", "winnie mandela", "mohammed bin zayed"}

# Single words that are never taken as a city *alternate* name: frequent
# lower-case English words found among the Latin alternate names of
# cities15000 (e.g. "From" for Frome, "But" for Buta, "One" for Onex, "Soul"
# for Seoul), plus COMMON_WORD_NAMES and PERSON_OR_BRAND_NAMES.
ALTERNATE_STOPWORDS = COMMON_WORD_NAMES | PERSON_OR_BRAND_NAMES | set("""
acre aim alliance along alter angle area bad bag ban banning bar barrow basic
bay bear begun bell best bid big bone boom bore born borne bow brake bust but
buy can canal care cars center central chair champion clay cocoa com come
crossroads crystal dam date dig dinar dire downtown drama drug dual due empire
enterprise era ever evergreen far federal fleet forest freedom from gap gay
goes gold golden grants hall hang hire hit holiday human independence keen
kilo lag lessen liberal liberty lira lively log loop lot luck male man manage
marathon march market marks media mile mission mobile more most much name
never nice normal north off officer okay one opportunity oral orange pace
pare peer pen pin plain plunge police pop port possession punch put rand rapid
rata reading republic rest retreat rise risen roles rot rugby saga sake sale
same save say sedan seen set shaping she shot shut side since sing slaughter
sole solo soul sour split spoken sterling sue sues sulphur summit superior
surprise tale tank tape tell tender than time tire tone torn tour trojan troy
tune tunes turn union university upland van vans veto waits wave wedding wil
worms worth yen young
""".split())
# Names that get "<name> (<country>)".
NEUTRALISED_NAMES = COMMON_WORD_NAMES | PERSON_OR_BRAND_NAMES

# Curated fixes keyed by admin1 code: "name" replaces the name (the GeoNames
# names stay aliases), "aliases" are added, "priority" overrides.
ADMIN1_OVERRIDES = {
    # "Gaza" in news is the Gaza Strip, not Mozambique's Gaza province.
    "PS.GZ": {"aliases": ["Gaza"], "priority": 21},
    "PK.02": {"aliases": ["Baluchistan"]},
    "MD.58": {"aliases": ["Transdniestria", "Trans-Dniester", "Pridnestrovie"]},
    "CN.21": {"aliases": ["Ningxia"]},
    "CN.20": {"aliases": ["Inner Mongolia Autonomous Region"]},
    "PK.03": {"aliases": ["North-West Frontier Province", "NWFP"]},
    # The region names are also NORP (demonym / ethnic group) words.
    "ET.52": {"name": "Somali Region", "drop_geonames_name": True},
}

# Curated city fixes keyed by geonameid: English exonyms and former names that
# English news uses (the automatic alternate selection cannot tell languages
# apart), and a few priorities.
CITY_OVERRIDES = {
    # New York City: "New York" in news is the city far more than the state.
    "5128581": {"aliases": ["New York", "NYC"], "priority": PRIORITY_CITY_SEAT},
    "4140963": {"aliases": ["Washington, D.C.", "Washington D.C.",
                            "Washington DC"]},
    "703448": {"aliases": ["Kiev"]},
    "1275004": {"aliases": ["Calcutta"]},
    "1264527": {"aliases": ["Madras"]},
    "1275339": {"aliases": ["Bombay"]},
    "1816670": {"aliases": ["Peking"]},
    "1809858": {"aliases": ["Canton"]},
    "1566083": {"aliases": ["Saigon"]},
    "1298824": {"aliases": ["Rangoon"]},
    "745044": {"aliases": ["Constantinople"]},
    "498817": {"aliases": ["St. Petersburg", "St Petersburg", "Leningrad"]},
    "1277333": {"aliases": ["Bangalore"]},
    "1259229": {"aliases": ["Poona"]},
    "706483": {"aliases": ["Kharkov"]},
    "698740": {"aliases": ["Odessa"]},
    "702550": {"aliases": ["Lvov"]},
    "1814906": {"aliases": ["Chungking"]},
    "1799962": {"aliases": ["Nanking"]},
    "1792947": {"aliases": ["Tientsin"]},
    "2886242": {"aliases": ["Cologne"]},
    "2660646": {"aliases": ["Geneva"]},
    "2803138": {"aliases": ["Antwerp"]},
    "2711537": {"aliases": ["Gothenburg"]},
    "2510911": {"aliases": ["Seville"]},
    "104515": {"aliases": ["Mecca"]},
    "109223": {"aliases": ["Medina"]},
    "3094802": {"aliases": ["Cracow"]},
    "2995469": {"aliases": ["Marseilles"]},
    "2661552": {"aliases": ["Berne"]},
    "1185241": {"aliases": ["Dacca"]},
    "2861650": {"aliases": ["Nuremberg"]},
    # Québec City: "Quebec" in news is mostly the province.
    "6325494": {"priority": PRIORITY_CITY},
    "2910831": {"aliases": ["Hanover"]},
}

# Words that mark an alternate name as a foreign-language label or an
# administrative unit rather than a name English text uses.  An alternate
# containing one of these tokens (after folding) is dropped, unless the city's
# own name contains it too.
FOREIGN_LABEL_TOKENS = {
    "lungsod", "dakbayan", "bayan", "kota", "bandar", "raya", "cathair",
    "municipality", "municipio", "municipiul", "comune", "gemeinde", "kommune",
    "gmina", "okrug", "rayon", "raion", "qada'", "qadha", "markaz", "nahiyat",
    "nahiya", "muhafazat", "mohafazat", "vilojati", "viloyati", "shahrestan",
    "provincia", "province", "governorate", "prefecture", "district", "county",
    "shi", "xian", "di", "e", "ng", "sa", "del", "della", "do", "du", "des",
    "der", "den", "het", "im", "am", "an", "bei", "von", "van", "na", "nad", "shaary", "khot", "osh", "kenti", "borg", "stad", "stadt",
    "urbo", "by", "byen", "hiria", "miasto", "gorod", "siti", "sahari",
    "hiri", "shahri", "madinat", "kalasi", "qalasi", "kommun", "kunta", "linn", "città",
    "citta", "ciudad", "cidade", "ciutat", "cite", "ville", "oras", "orasul",
    "grad", "mesto", "mesta", "varos", "polis", "pole", "i",
}

# --------------------------------------------------------------------------
# NORP: demonyms (ISO-2 -> (name, aliases)).  name = the plural people form
# ("Iranians"; invariant forms such as "Chinese" stay as they are).
# --------------------------------------------------------------------------

DEMONYMS = {
    "AD": ("Andorrans", ["Andorran"]),
    "AE": ("Emiratis", ["Emirati"]),
    "AF": ("Afghans", ["Afghan"]),
    "AG": ("Antiguans", ["Antiguan"]),
    "AI": ("Anguillans", ["Anguillan"]),
    "AL": ("Albanians", ["Albanian"]),
    "AM": ("Armenians", ["Armenian"]),
    "AO": ("Angolans", ["Angolan"]),
    "AR": ("Argentines", ["Argentine", "Argentinian", "Argentinians"]),
    "AS": ("American Samoans", ["American Samoan"]),
    "AT": ("Austrians", ["Austrian"]),
    "AU": ("Australians", ["Australian"]),
    "AW": ("Arubans", ["Aruban"]),
    "AZ": ("Azerbaijanis", ["Azerbaijani", "Azeri", "Azeris"]),
    "BA": ("Bosnians", ["Bosnian"]),
    "BB": ("Barbadians", ["Barbadian"]),
    "BD": ("Bangladeshis", ["Bangladeshi"]),
    "BE": ("Belgians", ["Belgian"]),
    "BF": ("Burkinabe", []),
    "BG": ("Bulgarians", ["Bulgarian"]),
    "BH": ("Bahrainis", ["Bahraini"]),
    "BI": ("Burundians", ["Burundian"]),
    "BJ": ("Beninese", []),
    "BM": ("Bermudians", ["Bermudian"]),
    "BN": ("Bruneians", ["Bruneian"]),
    "BO": ("Bolivians", ["Bolivian"]),
    "BR": ("Brazilians", ["Brazilian"]),
    "BS": ("Bahamians", ["Bahamian"]),
    "BT": ("Bhutanese", []),
    "BW": ("Batswana", ["Motswana", "Botswanan", "Botswanans"]),
    "BY": ("Belarusians", ["Belarusian"]),
    "BZ": ("Belizeans", ["Belizean"]),
    "CA": ("Canadians", ["Canadian"]),
    "CF": ("Central Africans", ["Central African"]),
    "CH": ("Swiss", []),
    "CI": ("Ivorians", ["Ivorian"]),
    "CK": ("Cook Islanders", ["Cook Islander"]),
    "CL": ("Chileans", ["Chilean"]),
    "CM": ("Cameroonians", ["Cameroonian"]),
    "CN": ("Chinese", []),
    "CO": ("Colombians", ["Colombian"]),
    "CR": ("Costa Ricans", ["Costa Rican"]),
    "CU": ("Cubans", ["Cuban"]),
    "CV": ("Cape Verdeans", ["Cape Verdean", "Cabo Verdean", "Cabo Verdeans"]),
    "CY": ("Cypriots", ["Cypriot"]),
    "CZ": ("Czechs", ["Czech"]),
    "DE": ("Germans", ["German"]),
    "DJ": ("Djiboutians", ["Djiboutian"]),
    "DK": ("Danes", ["Danish", "Dane"]),
    "DO": ("Dominicans", ["Dominican"]),
    "DZ": ("Algerians", ["Algerian"]),
    "EC": ("Ecuadorians", ["Ecuadorian", "Ecuadorean", "Ecuadoreans"]),
    "EE": ("Estonians", ["Estonian"]),
    "EG": ("Egyptians", ["Egyptian"]),
    "EH": ("Sahrawis", ["Sahrawi", "Saharawi", "Saharawis"]),
    "ER": ("Eritreans", ["Eritrean"]),
    "ES": ("Spaniards", ["Spanish", "Spaniard"]),
    "ET": ("Ethiopians", ["Ethiopian"]),
    "FI": ("Finns", ["Finnish", "Finn"]),
    "FJ": ("Fijians", ["Fijian"]),
    "FK": ("Falkland Islanders", ["Falkland Islander"]),
    "FM": ("Micronesians", ["Micronesian"]),
    "FO": ("Faroese", []),
    "FR": ("French", ["Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"]),
    "GA": ("Gabonese", []),
    "GB": ("British", ["Briton", "Britons"]),
    "GD": ("Grenadians", ["Grenadian"]),
    "GE": ("Georgians", ["Georgian"]),
    "GH": ("Ghanaians", ["Ghanaian"]),
    "GI": ("Gibraltarians", ["Gibraltarian"]),
    "GL": ("Greenlanders", ["Greenlander", "Greenlandic"]),
    "GM": ("Gambians", ["Gambian"]),
    "GN": ("Guineans", ["Guinean"]),
    "GQ": ("Equatorial Guineans", ["Equatorial Guinean"]),
    "GR": ("Greeks", ["Greek"]),
    "GT": ("Guatemalans", ["Guatemalan"]),
    "GU": ("Guamanians", ["Guamanian"]),
    "GW": ("Bissau-Guineans", ["Bissau-Guinean"]),
    "GY": ("Guyanese", []),
    "HK": ("Hongkongers", ["Hongkonger", "Hong Konger", "Hong Kongers"]),
    "HN": ("Hondurans", ["Honduran"]),
    "HR": ("Croats", ["Croat", "Croatian", "Croatians"]),
    "HT": ("Haitians", ["Haitian"]),
    "HU": ("Hungarians", ["Hungarian"]),
    "ID": ("Indonesians", ["Indonesian"]),
    "IE": ("Irish", ["Irishman", "Irishmen", "Irishwoman", "Irishwomen"]),
    "IL": ("Israelis", ["Israeli"]),
    "IM": ("Manx", []),
    "IN": ("Indians", ["Indian"]),
    "IQ": ("Iraqis", ["Iraqi"]),
    "IR": ("Iranians", ["Iranian"]),
    "IS": ("Icelanders", ["Icelander", "Icelandic"]),
    "IT": ("Italians", ["Italian"]),
    "JM": ("Jamaicans", ["Jamaican"]),
    "JO": ("Jordanians", ["Jordanian"]),
    "JP": ("Japanese", []),
    "KE": ("Kenyans", ["Kenyan"]),
    "KG": ("Kyrgyz", ["Kyrgyzstani", "Kyrgyzstanis"]),
    "KH": ("Cambodians", ["Cambodian"]),
    "KI": ("I-Kiribati", []),
    "KM": ("Comorians", ["Comorian"]),
    "KN": ("Kittitians", ["Kittitian"]),
    "KP": ("North Koreans", ["North Korean"]),
    "KR": ("South Koreans", ["South Korean"]),
    "KW": ("Kuwaitis", ["Kuwaiti"]),
    "KY": ("Caymanians", ["Caymanian"]),
    "KZ": ("Kazakhs", ["Kazakh", "Kazakhstani", "Kazakhstanis"]),
    "LA": ("Laotians", ["Laotian"]),
    "LB": ("Lebanese", []),
    "LC": ("Saint Lucians", ["Saint Lucian", "St Lucian", "St. Lucian",
                             "St Lucians", "St. Lucians"]),
    "LI": ("Liechtensteiners", ["Liechtensteiner"]),
    "LK": ("Sri Lankans", ["Sri Lankan"]),
    "LR": ("Liberians", ["Liberian"]),
    "LS": ("Basotho", ["Mosotho"]),
    "LT": ("Lithuanians", ["Lithuanian"]),
    "LU": ("Luxembourgers", ["Luxembourger", "Luxembourgish"]),
    "LV": ("Latvians", ["Latvian"]),
    "LY": ("Libyans", ["Libyan"]),
    "MA": ("Moroccans", ["Moroccan"]),
    "MC": ("Monegasques", ["Monegasque"]),
    "MD": ("Moldovans", ["Moldovan"]),
    "ME": ("Montenegrins", ["Montenegrin"]),
    "MG": ("Malagasy", []),
    "MH": ("Marshallese", []),
    "MK": ("Macedonians", ["Macedonian", "North Macedonian",
                           "North Macedonians"]),
    "ML": ("Malians", ["Malian"]),
    "MM": ("Burmese", []),
    "MN": ("Mongolians", ["Mongolian"]),
    "MO": ("Macanese", []),
    "MR": ("Mauritanians", ["Mauritanian"]),
    "MT": ("Maltese", []),
    "MU": ("Mauritians", ["Mauritian"]),
    "MV": ("Maldivians", ["Maldivian"]),
    "MW": ("Malawians", ["Malawian"]),
    "MX": ("Mexicans", ["Mexican"]),
    "MY": ("Malaysians", ["Malaysian"]),
    "MZ": ("Mozambicans", ["Mozambican"]),
    "NA": ("Namibians", ["Namibian"]),
    "NC": ("New Caledonians", ["New Caledonian"]),
    "NE": ("Nigeriens", ["Nigerien"]),
    "NG": ("Nigerians", ["Nigerian"]),
    "NI": ("Nicaraguans", ["Nicaraguan"]),
    "NL": ("Dutch", ["Dutchman", "Dutchmen", "Dutchwoman", "Dutchwomen"]),
    "NO": ("Norwegians", ["Norwegian"]),
    "NP": ("Nepalis", ["Nepali", "Nepalese"]),
    "NR": ("Nauruans", ["Nauruan"]),
    "NU": ("Niueans", ["Niuean"]),
    "NZ": ("New Zealanders", ["New Zealander"]),
    "OM": ("Omanis", ["Omani"]),
    "PA": ("Panamanians", ["Panamanian"]),
    "PE": ("Peruvians", ["Peruvian"]),
    "PF": ("French Polynesians", ["French Polynesian"]),
    "PG": ("Papua New Guineans", ["Papua New Guinean"]),
    "PH": ("Filipinos", ["Filipino", "Filipina", "Filipinas", "Philippine"]),
    "PK": ("Pakistanis", ["Pakistani"]),
    "PL": ("Poles", ["Polish", "Pole"]),
    "PR": ("Puerto Ricans", ["Puerto Rican"]),
    "PS": ("Palestinians", ["Palestinian"]),
    "PT": ("Portuguese", []),
    "PW": ("Palauans", ["Palauan"]),
    "PY": ("Paraguayans", ["Paraguayan"]),
    "QA": ("Qataris", ["Qatari"]),
    "RO": ("Romanians", ["Romanian"]),
    "RS": ("Serbs", ["Serb", "Serbian", "Serbians"]),
    "RU": ("Russians", ["Russian"]),
    "RW": ("Rwandans", ["Rwandan"]),
    "SA": ("Saudis", ["Saudi", "Saudi Arabian", "Saudi Arabians"]),
    "SB": ("Solomon Islanders", ["Solomon Islander"]),
    "SC": ("Seychellois", []),
    "SD": ("Sudanese", []),
    "SE": ("Swedes", ["Swedish", "Swede"]),
    "SG": ("Singaporeans", ["Singaporean"]),
    "SI": ("Slovenians", ["Slovenian", "Slovene", "Slovenes"]),
    "SK": ("Slovaks", ["Slovak", "Slovakian", "Slovakians"]),
    "SL": ("Sierra Leoneans", ["Sierra Leonean"]),
    "SM": ("Sammarinese", []),
    "SN": ("Senegalese", []),
    "SO": ("Somalis", ["Somali"]),
    "SR": ("Surinamese", []),
    "SS": ("South Sudanese", []),
    "SV": ("Salvadorans", ["Salvadoran", "Salvadorean", "Salvadoreans"]),
    "SY": ("Syrians", ["Syrian"]),
    "SZ": ("Swazis", ["Swazi"]),
    "TD": ("Chadians", ["Chadian"]),
    "TG": ("Togolese", []),
    "TH": ("Thais", ["Thai"]),
    "TJ": ("Tajiks", ["Tajik", "Tajikistani", "Tajikistanis"]),
    "TL": ("East Timorese", ["Timorese"]),
    "TM": ("Turkmens", ["Turkmen"]),
    "TN": ("Tunisians", ["Tunisian"]),
    "TO": ("Tongans", ["Tongan"]),
    "TR": ("Turks", ["Turk", "Turkish"]),
    "TT": ("Trinidadians", ["Trinidadian"]),
    "TV": ("Tuvaluans", ["Tuvaluan"]),
    "TW": ("Taiwanese", []),
    "TZ": ("Tanzanians", ["Tanzanian"]),
    "UA": ("Ukrainians", ["Ukrainian"]),
    "UG": ("Ugandans", ["Ugandan"]),
    "US": ("Americans", ["American"]),
    "UY": ("Uruguayans", ["Uruguayan"]),
    "UZ": ("Uzbeks", ["Uzbek"]),
    "VC": ("Vincentians", ["Vincentian"]),
    "VE": ("Venezuelans", ["Venezuelan"]),
    "VN": ("Vietnamese", []),
    "VU": ("Ni-Vanuatu", []),
    "WS": ("Samoans", ["Samoan"]),
    "XK": ("Kosovars", ["Kosovar", "Kosovan", "Kosovans"]),
    "YE": ("Yemenis", ["Yemeni"]),
    "ZA": ("South Africans", ["South African"]),
    "ZM": ("Zambians", ["Zambian"]),
    "ZW": ("Zimbabweans", ["Zimbabwean"]),
}

# Groups without one country: (name, aliases, ISO-2 of the country or None).
# Sub-national nations, former states, continents, religions, ethnic and
# political groups.  Houthis, Taliban etc. are organisations, not NORP.
NORP_GROUPS = [
    # nations inside a country
    ("English", ["Englishman", "Englishmen", "Englishwoman", "Englishwomen"], "GB"),
    ("Scots", ["Scottish", "Scot", "Scotsman", "Scotsmen", "Scotswoman",
               "Scotswomen"], "GB"),
    ("Welsh", ["Welshman", "Welshmen", "Welshwoman", "Welshwomen"], "GB"),
    ("Northern Irish", [], "GB"),
    ("Catalans", ["Catalan"], "ES"),
    ("Basques", ["Basque"], "ES"),
    ("Greek Cypriots", ["Greek Cypriot"], "CY"),
    ("Turkish Cypriots", ["Turkish Cypriot"], "CY"),
    ("Kosovo Albanians", ["Kosovo Albanian"], "XK"),
    ("Bosniaks", ["Bosniak"], "BA"),
    ("Koreans", ["Korean"], None),
    ("Congolese", [], None),  # DR Congo and Republic of the Congo
    ("Quebecers", ["Quebecer", "Québécois"], "CA"),
    # former states (common in older news)
    ("Soviets", ["Soviet"], None),
    ("Yugoslavs", ["Yugoslav"], None),
    ("Czechoslovaks", ["Czechoslovak"], None),
    ("East Germans", ["East German"], None),
    ("West Germans", ["West German"], None),
    # continents and wider groups
    ("Europeans", ["European"], None),
    ("Africans", ["African"], None),
    ("Asians", ["Asian"], None),
    ("Arabs", ["Arab"], None),
    ("Latinos", ["Latino", "Latina", "Latinas"], None),
    ("Hispanics", ["Hispanic"], None),
    ("Latin Americans", ["Latin American"], None),
    ("Westerners", ["Westerner"], None),
    ("Scandinavians", ["Scandinavian"], None),
    ("Slavs", ["Slav", "Slavic"], None),
    ("Native Americans", ["Native American"], "US"),
    ("African Americans", ["African American", "African-Americans"], "US"),
    ("Asian Americans", ["Asian American"], "US"),
    ("Aborigines", ["Aboriginal", "Aborigine", "Aboriginal Australians"], "AU"),
    ("Maori", ["Maoris"], "NZ"),
    ("Inuit", [], None),
    # religious groups
    ("Shiites", ["Shiite", "Shia", "Shias", "Shi'ite", "Shi'ites", "Shi’ite",
                 "Shi’ites", "Shi'a", "Shi’a", "Shi'i", "Shi’i"], None),
    ("Sunnis", ["Sunni"], None),
    ("Muslims", ["Muslim", "Moslem", "Moslems"], None),
    ("Christians", ["Christian"], None),
    ("Jews", ["Jew", "Jewish"], None),
    ("Hindus", ["Hindu"], None),
    ("Buddhists", ["Buddhist"], None),
    ("Sikhs", ["Sikh"], None),
    ("Catholics", ["Catholic", "Roman Catholic", "Roman Catholics"], None),
    ("Protestants", ["Protestant"], None),
    ("Evangelicals", ["Evangelical"], None),
    ("Anglicans", ["Anglican"], None),
    ("Lutherans", ["Lutheran"], None),
    ("Methodists", ["Methodist"], None),
    ("Baptists", ["Baptist"], None),
    ("Presbyterians", ["Presbyterian"], None),
    ("Pentecostals", ["Pentecostal"], None),
    ("Mormons", ["Mormon"], None),
    ("Copts", ["Copt", "Coptic"], None),
    ("Maronites", ["Maronite"], None),
    ("Alawites", ["Alawite"], None),
    ("Druze", ["Druse"], None),
    ("Yazidis", ["Yazidi", "Yezidi", "Yezidis"], None),
    ("Ismailis", ["Ismaili"], None),
    ("Ahmadis", ["Ahmadi"], None),
    ("Sufis", ["Sufi"], None),
    ("Salafists", ["Salafist", "Salafi", "Salafis"], None),
    ("Wahhabis", ["Wahhabi"], None),
    ("Zoroastrians", ["Zoroastrian"], None),
    ("Baha'is", ["Baha'i", "Bahá’í", "Bahá’ís"], None),
    ("Haredim", ["Haredi"], None),
    ("Islamists", ["Islamist"], None),
    ("Jihadists", ["Jihadist", "Jihadi", "Jihadis"], None),
    ("Zionists", ["Zionist"], None),
    # ethnic groups
    ("Kurds", ["Kurd", "Kurdish"], None),
    ("Pashtuns", ["Pashtun", "Pakhtun", "Pakhtuns", "Pathan", "Pathans"], None),
    ("Hazaras", ["Hazara"], None),
    ("Baloch", ["Baluch", "Balochi", "Baluchi"], None),
    ("Uyghurs", ["Uyghur", "Uighur", "Uighurs", "Uygur", "Uygurs"], None),
    ("Rohingya", ["Rohingyas"], None),
    ("Persians", ["Persian"], None),
    ("Berbers", ["Berber", "Amazigh"], None),
    ("Tutsis", ["Tutsi"], None),
    ("Hutus", ["Hutu"], None),
    ("Tamils", ["Tamil"], None),
    ("Sinhalese", [], "LK"),
    ("Bengalis", ["Bengali"], None),
    ("Punjabis", ["Punjabi"], None),
    ("Sindhis", ["Sindhi"], None),
    ("Kashmiris", ["Kashmiri"], None),
    ("Chechens", ["Chechen"], None),
    ("Tatars", ["Tatar"], None),
    ("Tibetans", ["Tibetan"], None),
    ("Han Chinese", [], "CN"),
    ("Malays", ["Malay"], None),
    ("Bedouin", ["Bedouins"], None),
    ("Zulus", ["Zulu"], "ZA"),
    ("Xhosa", [], "ZA"),
    ("Afrikaners", ["Afrikaner"], "ZA"),
    ("Igbo", [], "NG"),
    ("Yoruba", [], "NG"),
    ("Hausa", [], None),
    ("Fulani", [], None),
    ("Oromo", [], "ET"),
    ("Tigrayans", ["Tigrayan"], "ET"),
    ("Kikuyu", [], "KE"),
    ("Maasai", ["Masai"], None),
    ("Assyrians", ["Assyrian"], None),
    ("Hmong", [], None),
    # political groups
    ("Republicans", ["Republican"], None),
    ("Democrats", ["Democrat"], None),
    ("Conservatives", ["Tories", "Tory"], None),
    ("Communists", ["Communist"], None),
    ("Socialists", ["Socialist"], None),
    ("Maoists", ["Maoist"], None),
    ("Marxists", ["Marxist"], None),
    ("Bolsheviks", ["Bolshevik"], None),
    ("Nazis", ["Nazi"], None),
    ("Neo-Nazis", ["Neo-Nazi"], None),
    ("Fascists", ["Fascist"], None),
    ("Baathists", ["Baathist", "Ba'athist", "Ba'athists"], None),
    ("Peronists", ["Peronist"], None),
    ("Gaullists", ["Gaullist"], None),
    ("Chavistas", ["Chavista"], None),
    ("Unionists", ["Unionist"], None),
    ("Loyalists", ["Loyalist"], None),
]

# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

APOSTROPHES = "’‘ʼ`´"
LATIN_PUNCT = set(" -.'’ʼ")


def fold(s):
    """Case-, diacritic-, apostrophe- and hyphen-insensitive key."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    for a in APOSTROPHES:
        s = s.replace(a, "'")
    s = s.lower().replace("-", " ")
    return " ".join(s.split())


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")


def is_latin(s):
    """Every char is an ASCII letter, a Latin letter (with diacritics), a
    combining mark, or one of space, hyphen, period, apostrophe."""
    for c in unicodedata.normalize("NFC", s):
        if c in LATIN_PUNCT:
            continue
        if unicodedata.combining(c):
            continue
        if c.isascii():
            if not c.isalpha():
                return False
            continue
        if not c.isalpha():
            return False
        try:
            if "LATIN" not in unicodedata.name(c):
                return False
        except ValueError:
            return False
    return True


def levenshtein(a, b, limit):
    """Edit distance, or limit + 1 when it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        best = i
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            cur.append(v)
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def clean_alias(s):
    return " ".join(s.replace("\t", " ").replace("|", " ").split())


def uppercase_count(s):
    return sum(1 for c in s if c.isupper())


# --------------------------------------------------------------------------
# Readers
# --------------------------------------------------------------------------


def read_countries(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) < 17 or not c[0].strip():
                continue
            rows.append({"iso": c[0].strip(), "name": c[4].strip(),
                         "population": int(c[7] or 0),
                         "languages": [x.split("-")[0].strip()
                                       for x in c[15].split(",") if x.strip()],
                         "geonameid": c[16].strip()})
    return rows


def read_admin1(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            code, name, ascii_name, gid = line.rstrip("\n").split("\t")
            rows.append({"code": code, "name": name.strip(),
                         "ascii": ascii_name.strip(), "geonameid": gid.strip()})
    return rows


def read_cities(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 19:
                continue
            rows.append({"geonameid": c[0], "name": c[1].strip(),
                         "ascii": c[2].strip(),
                         "alternates": [a.strip() for a in c[3].split(",")
                                        if a.strip()],
                         "fcode": c[7], "country": c[8], "admin1": c[10],
                         "population": int(c[14] or 0)})
    return rows


def read_tsv_aliases(path):
    """(id, name + aliases) of a gazetteer file, or [] when it is missing."""
    out = []
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            c = line.split("\t")
            names = [c[2]] + [a for a in c[3].split("|") if a]
            out.append((c[0], names))
    return out


# --------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------


def variant_key(s):
    """What the matcher treats as the same alias: diacritics folded, hyphen =
    space.  Case is kept (smart case: "eSwatini" matches text that
    "Eswatini" does not) and so are apostrophe variants (’ vs ')."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.replace("-", " ").split())


def dedup_aliases(name, aliases):
    """Drop empty aliases, aliases equal to the name and duplicates up to
    diacritics and hyphens."""
    seen = {variant_key(name)}
    out = []
    for a in aliases:
        a = clean_alias(a)
        if a and variant_key(a) not in seen:
            seen.add(variant_key(a))
            out.append(a)
    return out


def read_country_wikidata(path):
    """GeoNames id -> Wikidata id from datasets/country-codes' CSV."""
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            gid = (row.get("Geoname ID") or "").strip()
            url = (row.get("wikidata_id") or "").strip()
            q = url.rsplit("/", 1)[-1]
            if gid.isdigit() and re.fullmatch(r"Q[1-9][0-9]*", q):
                if out.get(gid, q) != q:
                    raise ValueError("two Wikidata ids for geonames:%s" % gid)
                out[gid] = q
    return out


def build_countries(countries, wikidata):
    entities = []
    for c in countries:
        iso = c["iso"]
        name = COUNTRY_NAMES.get(iso, c["name"])
        aliases = list(COUNTRY_ALIASES.get(iso, []))
        # "The Netherlands": the article is not part of the mention
        if fold(c["name"]) != fold(name) and not c["name"].startswith("The "):
            aliases.append(c["name"])
        entities.append({
            "id": "geonames:" + c["geonameid"], "type": "LOC", "name": name,
            "aliases": dedup_aliases(name, aliases),
            "attrs": [("priority", PRIORITY_COUNTRY),
                      ("population", c["population"]), ("iso", iso)]
            + ([("wikidata", wikidata[c["geonameid"]])]
               if c["geonameid"] in wikidata else [])
            + [("source", "geonames")],
        })
    return entities


def admin1_names(row):
    """(name, aliases) for an admin1 row."""
    name, ascii_name = row["name"], row["ascii"]
    g = name
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "AE"),
                 ("Ö", "OE"), ("Ü", "UE"), ("Đ", "GJ"), ("đ", "dj")):
        g = g.replace(a, b)
    german = fold(g) == fold(ascii_name) and fold(name) != fold(ascii_name)
    canonical = name if german else ascii_name
    aliases = []
    other = ascii_name if german else name
    if fold(other) != fold(canonical) and not german:
        aliases.append(other)
    # letters that Unicode does not decompose (Đ, ł, ø, ı ...): add the plain
    # Latin spelling ("Dak Lak" for "Đắk Lắk") when the ASCII column was unusable
    plain = "".join(PLAIN_LATIN.get(ch, ch) for ch in name)
    if german and fold(plain) != fold(name):
        aliases.append(plain)
    return canonical, aliases


PLAIN_LATIN = {"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o",
               "ı": "i", "Æ": "Ae", "æ": "ae", "ß": "ss", "Þ": "Th", "þ": "th",
               "ð": "d", "Ħ": "H", "ħ": "h", "Œ": "Oe", "œ": "oe"}


def build_admin1(admin1, country_by_iso, norp_keys):
    entities = []
    for r in admin1:
        iso = r["code"].split(".")[0]
        country = country_by_iso[iso]
        name, aliases = admin1_names(r)
        ov = ADMIN1_OVERRIDES.get(r["code"], {})
        if "name" not in ov and (fold(name) in NEUTRALISED_NAMES
                                 or fold(name) in norp_keys):
            cname = COUNTRY_NAMES.get(iso, country["name"])
            name = "%s (%s)" % (name, cname)
            aliases = []
        if "name" in ov:
            old = [name] + aliases
            name = ov["name"]
            aliases = [] if ov.get("drop_geonames_name") else old
        aliases += ov.get("aliases", [])
        entities.append({
            "id": "geonames:" + r["geonameid"], "type": "LOC", "name": name,
            "aliases": dedup_aliases(name, aliases),
            "attrs": [("priority", ov.get("priority", PRIORITY_ADMIN1)),
                      ("country", "geonames:" + country["geonameid"]),
                      ("source", "geonames")],
            "code": r["code"],
        })
    return entities


ARTICLE = re.compile(r"^(al|an|ar|as|ash|at|ad|az|adh|ath)[ \-]", re.I)


# Countries whose main language (the first one of countryInfo.txt that is not
# English) is written in a non-Latin script: their city names reach English
# text through transliteration, so spelling variants among the alternate names
# are useful (Qom/Qum, Erbil/Arbil/Irbil, Kiev).  Cities of Latin-script
# countries only get their asciiname and CITY_OVERRIDES: their alternate names
# are other languages' exonyms (Monaco di Baviera, Lisboa) that English text
# does not use and that collide with English words and names.
NON_LATIN_LANGUAGES = {
    "ar", "fa", "ps", "ur", "ru", "uk", "be", "bg", "mk", "sr", "kk", "ky",
    "tg", "tk", "uz", "mn", "zh", "cmn", "yue", "ja", "ko", "th", "lo", "km",
    "my", "ka", "hy", "el", "he", "yi", "hi", "bn", "pa", "gu", "ta", "te",
    "kn", "ml", "si", "ne", "mr", "am", "ti", "dv", "dz", "bo", "ug", "or",
}


def non_latin_country(country):
    langs = [l for l in country.get("languages", []) if l != "en"]
    return bool(langs) and langs[0] in NON_LATIN_LANGUAGES


INFLECTION_SUFFIXES = ("a", "o", "e", "i", "u", "y", "as", "us", "is", "um",
                       "ae", "ja", "jo", "en", "an", "on", "as", "os", "ai")


def alternate_ok(alt, name_tokens):
    if len(alt) < 3 or not is_latin(alt):
        return False
    if alt == alt.lower() or alt == alt.upper():
        return False  # all lower-case (transliteration keys) or codes
    if not alt[0].isalpha() or not (alt[-1].isalpha() or alt[-1] == "."):
        return False
    if "|" in alt or "\t" in alt or ";" in alt:
        return False
    if fold(alt) in ALTERNATE_STOPWORDS:
        return False
    toks = set(fold(alt).split())
    if (toks & FOREIGN_LABEL_TOKENS) - name_tokens:
        return False
    return True


def pick_alternates(city):
    """Choose at most MAX_CITY_ALTERNATES alternate names for a city."""
    name, ascii_name = city["name"], city["ascii"]
    own = {fold(name), fold(ascii_name)}
    name_tokens = set(fold(name).split()) | set(fold(ascii_name).split())
    stripped = {ARTICLE.sub("", fold(n)) for n in (name, ascii_name)}
    # group candidates by folded form; representative: ASCII first, then the
    # one with fewest capitals (matches more text), then lexicographic
    groups = {}
    for alt in city["alternates"]:
        alt = clean_alias(alt)
        if not alternate_ok(alt, name_tokens):
            continue
        k = fold(alt)
        if k in own:
            continue
        groups.setdefault(k, []).append(alt)
    if not groups:
        return []
    keys = sorted(groups)
    nkeys = [k.replace(" ", "").replace("'", "").replace(".", "") for k in keys]
    base = fold(ascii_name).replace(" ", "").replace("'", "")
    stems = set(nkeys) | {base}
    has_j = "j" in base
    scored = []
    for i, k in enumerate(keys):
        nk = nkeys[i]
        lim = max(1, len(nk) // 4)
        support = 0
        for j, other in enumerate(nkeys):
            if i != j and levenshtein(nk, other, lim) <= lim:
                support += 1
        support += len(set(groups[k])) - 1  # same name in several spellings
        dist = levenshtein(nk, base, len(base) + len(nk))
        similar = dist <= max(1, int(0.34 * max(len(nk), len(base))))
        is_stripped = k in stripped or ARTICLE.sub("", k) in stripped
        if len(nk) < 5 and dist > 1 and not is_stripped:
            continue  # short and unlike the name: Rim (Rome), Vin (Vienna)
        if not (similar or is_stripped or support >= 3):
            continue
        rep = sorted(groups[k], key=lambda a: (not a.isascii(),
                                               uppercase_count(a), a))[0]
        # Inflected / derived spellings of another candidate (Pekina, Pekino,
        # Kirkukas: Lithuanian, Latvian, Esperanto, Latin endings) and
        # j-for-y or diacritic-only spellings rank after plain English-like
        # ones.
        inflected = any(nk.endswith(suf) and nk[:-len(suf)] in stems
                        for suf in INFLECTION_SUFFIXES)
        if inflected and not is_stripped:
            continue
        foreign = (("j" in nk and not has_j) + (not rep.isascii()))
        scored.append(((0 if is_stripped else 1, int(inflected), foreign,
                        dist, -support, k), rep, k))
    scored.sort()
    return [(rep, k) for _, rep, k in scored]


def build_cities(cities, country_by_iso, admin1_by_code, blocked,
                 admin1_keys_by_country, admin1_countries):
    """blocked: folded aliases owned by countries, regions, NORP (never a city
    alternate).  admin1 aliases are blocked too, except for the division the
    city is the seat of."""
    # primary names of all cities: an alternate may take another city's name
    # only when its city is at least PRIMARY_STEAL_RATIO times as populous
    # (Geneva, Switzerland vs Geneva, Illinois)
    primary = {}
    for c in cities:
        for n in {fold(c["name"]), fold(c["ascii"])}:
            primary[n] = max(primary.get(n, 0), c["population"])
    # candidate alternates per city
    cand = {}
    for c in cities:
        if non_latin_country(country_by_iso[c["country"]]):
            cand[c["geonameid"]] = pick_alternates(c)
        else:
            cand[c["geonameid"]] = []
    # one owner per alternate: the most populous city proposing it
    owner = {}
    order = sorted(cities, key=lambda c: (-c["population"], int(c["geonameid"])))
    for c in order:
        for _, k in cand[c["geonameid"]]:
            owner.setdefault(k, c["geonameid"])
    entities = []
    for c in cities:
        gid = c["geonameid"]
        name = c["name"]
        iso = c["country"]
        seat = c["fcode"] in ("PPLC", "PPLA")
        own_admin1 = admin1_by_code.get(iso + "." + c["admin1"])
        own_admin1_keys = own_admin1["keys"] if own_admin1 else set()
        aliases = []
        if fold(c["ascii"]) != fold(name):
            aliases.append(c["ascii"])
        picked = 0
        for rep, k in cand[gid]:
            if picked >= MAX_CITY_ALTERNATES:
                break
            if k in blocked or owner.get(k) != gid:
                continue
            if k in primary and (c["population"]
                                 < PRIMARY_STEAL_RATIO * primary[k]):
                continue
            short_form = fold(name) == k + " city"  # Oklahoma City -> Oklahoma
            if k in admin1_keys_by_country.get(iso, set()) and (
                    short_form or not (seat or k in own_admin1_keys)):
                continue
            if k in admin1_keys_by_country.get("*", set()) and \
                    k not in admin1_keys_by_country.get(iso, set()):
                continue  # an admin1 name of another country
            aliases.append(rep)
            picked += 1
        ov = CITY_OVERRIDES.get(gid, {})
        aliases += ov.get("aliases", [])
        if fold(name) in NEUTRALISED_NAMES:
            name = "%s (%s)" % (name, COUNTRY_NAMES.get(
                iso, country_by_iso[iso]["name"]))
            aliases = [a for a in aliases
                       if fold(a) not in ALTERNATE_STOPWORDS
                       and fold(a) != fold(c["name"])]
        aliases = [a for a in dedup_aliases(name, aliases)
                   if fold(a) not in blocked or a in ov.get("aliases", [])]
        # demonyms are NORP, never places
        aliases = [a for a in aliases if fold(a) not in NORP_KEYS]
        priority = PRIORITY_CITY
        keys = {fold(name)} | {fold(a) for a in aliases}
        shared = keys & admin1_keys_by_country.get(iso, set())
        if seat and shared and not any(
                admin1_countries.get(k, {iso}) - {iso} for k in shared):
            priority = PRIORITY_CITY_SEAT
        priority = ov.get("priority", priority)
        entities.append({
            "id": "geonames:" + gid, "type": "LOC", "name": name,
            "aliases": aliases,
            "attrs": [("population", c["population"]),
                      ("country", "geonames:" + country_by_iso[iso]["geonameid"]),
                      ("priority", priority), ("source", "geonames")],
        })
    return entities


NORP_KEYS = set()

# ids that differ from "norp:" + slug(name), to merge with the hand-written
# entries of gazetteers/core.tsv (same id = same entity).
NORP_IDS = {"Shiites": "norp:shia"}


def build_norp(country_by_iso):
    entities = []
    for iso in sorted(DEMONYMS):
        name, aliases = DEMONYMS[iso]
        entities.append(("norp:" + slug(name), name, aliases,
                         country_by_iso[iso]["geonameid"]))
    for name, aliases, iso in NORP_GROUPS:
        eid = NORP_IDS.get(name, "norp:" + slug(name))
        entities.append((eid, name, aliases,
                         country_by_iso[iso]["geonameid"] if iso else None))
    out = []
    for eid, name, aliases, cid in entities:
        attrs = []
        if cid:
            attrs.append(("country", "geonames:" + cid))
        attrs.append(("source", "curated"))
        out.append({"id": eid, "type": "NORP", "name": name,
                    "aliases": dedup_aliases(name, aliases), "attrs": attrs})
    return out


# --------------------------------------------------------------------------
# Writer
# --------------------------------------------------------------------------


def write_tsv(path, title, notes, entities):
    entities = sorted(entities, key=lambda e: (e["id"].split(":")[0],
                                               int(e["id"].split(":")[1])
                                               if e["id"].split(":")[1].isdigit()
                                               else 0, e["id"]))
    lines = ["# " + title]
    lines += ["# " + n for n in notes]
    for e in entities:
        for a in e["aliases"]:
            assert a and a == a.strip() and "|" not in a and "\t" not in a, a
        attrs = ";".join("%s=%s" % kv for kv in e["attrs"])
        assert "\t" not in attrs and "\n" not in attrs
        lines.append("\t".join([e["id"], e["type"], e["name"],
                                "|".join(e["aliases"]), attrs]))
    data = "\n".join(lines) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    return len(entities), sum(len(e["aliases"]) for e in entities)


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    src, out = argv[1], argv[2]
    codes = argv[3] if len(argv) == 4 else os.path.join(
        "..", "shared", "data", "public", "country-codes.csv")
    wikidata = read_country_wikidata(codes)
    countries = read_countries(os.path.join(src, "countryInfo.txt"))
    admin1 = read_admin1(os.path.join(src, "admin1CodesASCII.txt"))
    cities = read_cities(os.path.join(src, "cities15000.txt"))
    country_by_iso = {c["iso"]: c for c in countries}

    def keys_of(e):
        return {fold(e["name"])} | {fold(a) for a in e["aliases"]}

    norp_ents = build_norp(country_by_iso)
    NORP_KEYS.clear()
    for e in norp_ents:
        NORP_KEYS.update(keys_of(e))
    country_ents = build_countries(countries, wikidata)
    admin1_ents = build_admin1(admin1, country_by_iso, NORP_KEYS)
    regions = read_tsv_aliases(os.path.join(out, "loc-regions.tsv"))
    # NORP aliases must never be place aliases
    loc_keys = {}
    for e in country_ents + admin1_ents:
        for k in keys_of(e):
            loc_keys.setdefault(k, e["id"])
    for rid, names in regions:
        for n in names:
            loc_keys.setdefault(fold(n), rid)
    clash = sorted((k, loc_keys[k]) for k in NORP_KEYS if k in loc_keys)
    if clash:
        sys.stderr.write("NORP aliases that are also place aliases: %r\n" % clash)
        return 1
    # unique ids across our files
    ids = [e["id"] for e in country_ents + admin1_ents + norp_ents]
    ids += [rid for rid, _ in regions]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        sys.stderr.write("duplicate ids: %r\n" % dup)
        return 1

    blocked = set(NORP_KEYS)
    for e in country_ents:
        blocked |= keys_of(e)
    for _, names in regions:
        blocked |= {fold(n) for n in names}
    admin1_by_code = {}
    admin1_keys_by_country = {"*": set()}
    for e in admin1_ents:
        ks = keys_of(e)
        admin1_by_code[e["code"]] = {"keys": ks}
        iso = e["code"].split(".")[0]
        admin1_keys_by_country.setdefault(iso, set()).update(ks)
        admin1_keys_by_country["*"].update(ks)
    admin1_countries = {}
    for e in admin1_ents:
        for k in keys_of(e):
            admin1_countries.setdefault(k, set()).add(e["code"].split(".")[0])
    # admin1 divisions named like a large city of another country yield to it
    big_city = {}
    for c in cities:
        extra = CITY_OVERRIDES.get(c["geonameid"], {}).get("aliases", [])
        for k in {fold(c["name"]), fold(c["ascii"])} | {fold(a) for a in extra}:
            if c["population"] >= ADMIN1_YIELD_POPULATION:
                big_city.setdefault(k, set()).add(c["country"])
    for e in admin1_ents:
        iso = e["code"].split(".")[0]
        if e["id"] in ADMIN1_NO_YIELD or dict(e["attrs"])["priority"] != \
                PRIORITY_ADMIN1:
            continue
        if any(big_city.get(k, set()) - {iso} for k in keys_of(e)):
            e["attrs"] = [(k, PRIORITY_ADMIN1_YIELD if k == "priority" else v)
                          for k, v in e["attrs"]]
    city_ents = build_cities(cities, country_by_iso, admin1_by_code, blocked,
                             admin1_keys_by_country, admin1_countries)

    os.makedirs(out, exist_ok=True)
    report = []
    report.append(("loc-countries.tsv", write_tsv(
        os.path.join(out, "loc-countries.tsv"),
        "loc-countries.tsv — countries and territories (GeoNames countryInfo.txt)",
        GEONAMES_HEADER + [
            "English names and aliases curated in COUNTRY_NAMES / "
            "COUNTRY_ALIASES of the script.",
            "wikidata= joined on the GeoNames id from datasets/country-codes "
            "(ODC-PDDL-1.0)."],
        country_ents)))
    report.append(("loc-admin1.tsv", write_tsv(
        os.path.join(out, "loc-admin1.tsv"),
        "loc-admin1.tsv — first-level administrative divisions "
        "(GeoNames admin1CodesASCII.txt)",
        GEONAMES_HEADER + [
            "Generic-word names get the country in parentheses; fixes in "
            "ADMIN1_OVERRIDES of the script."],
        admin1_ents)))
    report.append(("loc-cities.tsv", write_tsv(
        os.path.join(out, "loc-cities.tsv"),
        "loc-cities.tsv — cities with population >= 15,000 "
        "(GeoNames cities15000.txt)",
        GEONAMES_HEADER + [
            "Aliases: asciiname, curated English names, and for countries "
            "written in non-Latin scripts at most %d Latin-script alternate "
            "names (see the script's docstring)." % MAX_CITY_ALTERNATES],
        city_ents)))
    report.append(("norp.tsv", write_tsv(
        os.path.join(out, "norp.tsv"),
        "norp.tsv — nationalities, religious, ethnic and political groups (NORP)",
        ["Source: curated by hand (DEMONYMS and NORP_GROUPS in "
         "scripts/import_geonames.py); country ids from GeoNames (CC BY 4.0).",
         "generated by scripts/import_geonames.py — do not edit by hand",
         "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes"],
        norp_ents)))
    for fname, (n, na) in report:
        sys.stderr.write("%-18s %6d entities %7d aliases\n" % (fname, n, na))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
