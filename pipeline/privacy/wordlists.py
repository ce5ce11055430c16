"""Curated word lists for finding names in Dutch meeting talk.

The large lists (Dutch first names, surnames, place names) come from the lookup data that
ships with `deduce` (see `pipeline.privacy.lexicon`). These lists hold what those miss:
the roles and titles of meeting talk, political parties, and the places, organisations,
languages and feasts that are capitalised in Dutch but are not people. Everything is
lower-cased; lookups lower-case the word first.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(line.strip().casefold() for line in text.split(",") if line.strip())


# Forms of address that precede a surname. "de heer" is two words; the finder joins them.
HONORIFICS = _words(
    """
    mevrouw, mevr, mevr., mw, mw., meneer, mijnheer, heer, de heer, dhr, dhr., juffrouw, juf,
    meester, mr, mr., dr, dr., drs, drs., ir, ir., ing, ing., prof, prof., ds, ds., mej, mej.
    """
)

# Roles that are kept in a pseudonym ("Wethouder Bakker" -> "Wethouder A").
ROLES = _words(
    """
    wethouder, burgemeester, raadslid, commissielid, gedeputeerde, minister, staatssecretaris,
    griffier, voorzitter, commissievoorzitter, inspreker, secretaris, gemeentesecretaris,
    notulist, interviewer, facilitator, moderator, gespreksleider, procesbegeleider,
    beleidsmedewerker, beleidsadviseur, adviseur, klantmanager, consulent,
    inburgeringsconsulent, woonconsulent, coördinator, coordinator, projectleider,
    programmamanager, teamleider, manager, directeur, docent, taaldocent, taalcoach, coach,
    begeleider, maatschappelijk begeleider, tolk, ambtenaar, medewerker, wijkagent,
    buurtcoach, vrijwilliger, onderzoeker, deelnemer, spreker, respondent, participant
    """
)

# Words that open a name without being absorbed into its pseudonym: "het lid Ellemeet c.s.",
# "de leden Kops en Krol", "collega Kaag".
NAME_OPENERS = _words(
    """
    lid, leden, collega, collega's, kamerlid, kamerleden, raadslid, raadsleden,
    fractievoorzitter, fractiegenoot, premier, minister-president, oud-minister,
    oud-wethouder, oud-burgemeester, oud-kamerlid
    """
)

# Institutions and bodies of meetings: never a person, whatever a finder says ("de Kamer",
# "het College", "de Raad"). With the roles and forms of address they make up the words
# no replacement may consist of.
INSTITUTIONS = _words(
    """
    kamer, tweede kamer, eerste kamer, college, raad, gemeenteraad, commissie, regering,
    kabinet, staten, provinciale staten, griffie, fractie, fracties, senaat, parlement,
    ministerie, gemeente, provincie, rijk, overheid, presidium, stadsdeel, stadsdelen,
    voorzitters, wethouders, burgemeesters, ministers, staatssecretarissen, griffiers,
    insprekers, colleges, raden, kamers, commissies, vergadering, agenda, orde
    """
)
NEVER_NAMES = HONORIFICS | ROLES | INSTITUTIONS | NAME_OPENERS

# Party names that make a titled speaker a council member: "Mevrouw De Vries (GroenLinks)".
PARTIES = _words(
    """
    groenlinks, pvda, groenlinks-pvda, gl-pvda, gl/pvda, vvd, cda, d66, sp, christenunie, cu,
    sgp, pvv, pvdd, partij voor de dieren, denk, ja21, volt, bbb, fvd, forum voor democratie,
    50plus, nsc, bij1, gemeentebelangen, dorpsbelangen, stadsbelangen, lokaal belang,
    leefbaar, stadspartij, onafhankelijk
    """
)
# Local parties vary by town; these words mark one ("Leefbaar Lindeveen", "Lokaal Belang").
PARTY_MARKERS = _words("leefbaar, lokaal, lokale, stadspartij, belang, belangen, partij")

# Places the deduce list (Dutch places only) lacks: countries and cities of origin.
PLACES = _words(
    """
    nederland, holland, europa, afrika, azië, amerika, midden-oosten, hoorn van afrika,
    syrië, eritrea, ethiopië, somalië, soedan, zuid-soedan, afghanistan, irak, iran, jemen,
    libië, egypte, marokko, algerije, tunesië, turkije, libanon, jordanië, palestina, gaza,
    israël, oekraïne, rusland, wit-rusland, belarus, polen, roemenië, bulgarije, servië,
    bosnië, kosovo, albanië, georgië, armenië, azerbeidzjan, pakistan, india, bangladesh,
    sri lanka, china, vietnam, myanmar, indonesië, suriname, curaçao, aruba, nigeria, ghana,
    kameroen, congo, guinee, sierra leone, oeganda, kenia, burundi, rwanda, venezuela,
    colombia, brazilië, duitsland, belgië, frankrijk, engeland, groot-brittannië, spanje,
    italië, griekenland, zweden, denemarken, noorwegen, oostenrijk, zwitserland, ierland,
    portugal, verenigde staten, aleppo, damascus, homs, idlib, raqqa, latakia, kabul, herat,
    mazar-e-sharif, kandahar, asmara, massawa, keren, addis abeba, mogadishu, hargeisa,
    khartoum, bagdad, mosul, erbil, teheran, istanbul, ankara, izmir, gaziantep, beiroet,
    amman, cairo, caïro, casablanca, rabat, tanger, nador, kyiv, kiev, kharkiv, charkiv,
    odessa, odesa, lviv, marioepol, moskou, lampedusa, lesbos, ter apel, budel, budel-cranendonck,
    randstad, brabant, limburg, friesland, drenthe, twente, veluwe, achterhoek, zeeland
    """
)

# Parts of a compound place name ("Rotterdam-Zuid", "Amsterdam-West", "Noord-Holland").
PLACE_PARTS = _words("noord, zuid, oost, west, centrum, midden, noordoost, zuidoost, stad")

# Organisations and institutions met in civic-integration talk.
ORGANISATIONS = _words(
    """
    vluchtelingenwerk, vluchtelingenwerk nederland, coa, ind, duo, uwv, ggd, vng, divosa,
    nuffic, humanitas, rode kruis, leger des heils, belastingdienst, rijksoverheid,
    tweede kamer, eerste kamer, raad van state, nationale ombudsman, ombudsman, inspectie,
    szw, bzk, j&v, roc, isk, azc, taalhuis, inloophuis, buurthuis, wijkteam, buurtteam,
    bibliotheek, moskee, kerk, caritas, diaconie, stichting, vereniging, platform,
    coöperatie, gemeente, provincie, kamer, staten, rijk, europese unie, eu, kis, movisie,
    pharos, sociaal werk, welzijn, gilde, open hof, rabobank, abn amro,
    zorgverzekeraar, vluchtelingenorganisaties, kamer van koophandel
    """
)
# Words that open an organisation or place name: what follows them is not a person.
ORGANISATION_OPENERS = _words(
    """
    stichting, vereniging, platform, gemeente, provincie, buurtteam, wijkteam, woonstichting,
    woningcorporatie, moskee, kerk, school, basisschool, huize, centrum, wijkcentrum,
    buurthuis, coöperatie, regio, wijk, stad, dorp, project, programma, netwerk, fonds,
    theater, hotel, café, restaurant, zaal, straat, plein, station, ziekenhuis, universiteit,
    hogeschool, taalschool, taalcafé, team, afdeling, partij, fractie
    """
)

# Openers of place names, after which one capitalised word is a place ("gemeente Lindeveen")
# but two are more likely a person ("namens de gemeente Tesfay Gebremariam").
PLACE_OPENERS = _words("gemeente, provincie, regio, wijk, stad, dorp")

# Prepositions after which an unknown capitalised word is a place more often than a person.
LOCATIVES = _words("in, uit, naar, te, rond, richting, vanuit, nabij, buiten, binnen")

# Capitalised in Dutch but no person: languages, nationalities, feasts, scriptures, laws.
NOT_NAMES = _words(
    """
    nederlands, nederlandse, engels, engelse, arabisch, arabische, tigrinya, tigrinia,
    amhaars, dari, farsi, perzisch, pasjtoe, pashto, koerdisch, koerdische, somalisch,
    somalische, turks, turkse, marokkaans, marokkaanse, berbers, tamazight, oekraïens,
    oekraïense, russisch, russische, pools, poolse, frans, franse, duits, duitse, spaans,
    spaanse, urdu, tamil, syrisch, syrische, eritrees, eritrese, ethiopisch, ethiopische,
    afghaans, afghaanse, iraaks, iraakse, iraans, iraanse, jemenitisch, soedanees, soedanese,
    europees, europese, afrikaans, afrikaanse, islamitisch, islamitische, christelijk,
    christelijke, joods, joodse, ramadan, suikerfeest, offerfeest, pasen, kerst, kerstmis,
    pinksteren, koningsdag, bevrijdingsdag, nieuwjaar, sinterklaas, bijbel, koran, islam,
    wet, wet inburgering, participatiewet, vreemdelingenwet, grondwet, rijk, raad, kamer,
    staat, college, commissie, gemeenteraad, god, allah, corona, covid, teams, zoom,
    whatsapp, facebook, google, youtube, instagram, linkedin, excel, word, powerpoint,
    januari, februari, maart, april, mei, juni, juli, augustus, september, oktober,
    november, december, maandag, dinsdag, woensdag, donderdag, vrijdag, zaterdag, zondag,
    noord, zuid, oost, west, noordoost, noordwest, zuidoost, zuidwest, centrum,
    nou, tja, oké, okay, ok, jawel, jaja, neenee, haha, hoor, hè, hé, goh, joh, jee, nee,
    ja, eh, uh, uhm, ehm, oh, ah, au, hallo, hoi, dag, doei, sorry, dank, bedankt, welkom
    """
)

# Endings of Dutch street names ("Kerkstraat", "Stationsplein"); shared with the address
# pattern in `pipeline.privacy.identifiers`.
STREET_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "gracht",
    "kade",
    "singel",
    "dijk",
    "dreef",
    "hof",
    "pad",
    "park",
    "steeg",
    "markt",
    "baan",
    "dam",
    "wal",
    "plantsoen",
    "erf",
    "hoven",
    "boulevard",
    "allee",
    "kwartier",
    "passage",
    "veld",
    "burcht",
)

# First names common among newcomers that the Dutch lists in deduce may miss.
EXTRA_FIRST_NAMES = _words(
    """
    mohammed, mohamed, muhammad, mohammad, ahmed, ahmad, mahmoud, mahmud, mustafa, mostafa,
    khaled, khalid, omar, umar, yusuf, youssef, yousef, ibrahim, ismail, abdullah,
    abdallah, abdel, abdul, abdulrahman, abdirahman, abdi, abdikarim, hamza, hassan,
    hussein, husein, hussain, ali, karim, kareem, tariq, samir, sami, bilal, anas, ayman,
    fadi, rami, walid, jamal, nabil, majid, rashid, rachid, said, saeed, ziad, basel,
    bashar, firas, amer, amir, reza, hamid, farid, jawad, javad, sayed, sohrab, zabihullah,
    najib, wahid, nasir, shukri, faisal, fatima, fatma, aisha, aysha, amina, aminah,
    zainab, zeinab, mariam, maryam, nour, noor, rania, leila, layla, yasmin, yasmine,
    huda, salma, hiba, rasha, reem, rim, dina, lina, nadia, samira, sara, sarah, hanan,
    hana, asma, khadija, malika, naima, latifa, soraya, farah, parisa, zahra, shabnam,
    mahnaz, roya, fereshteh, hatice, ayse, ayşe, emine, zeynep, elif, mehmet, ahmet,
    mustafa, murat, emre, hakan, yusuf, tesfaye, tesfu, yohannes, johannes, dawit, daniel,
    berhane, berhe, haile, kidane, tekle, tewelde, mebrahtu, filmon, mussie, samuel,
    yonas, yemane, goitom, selam, senait, luwam, meron, ruta, saba, helen, tsega, mebrat,
    hiwet, freweini, abeba, almaz, eden, feven, winta, wegahta, hagos, kiflom, asmerom,
    olena, olga, oksana, iryna, natalia, nataliya, tetiana, svitlana, yulia, anastasia,
    kateryna, mykola, oleksandr, andrii, dmytro, serhii, volodymyr, taras, bohdan, ivan,
    hodan, hawa, sahra, fadumo, ayan, sagal, hamdi, jama, guled, mahad
    """
)
