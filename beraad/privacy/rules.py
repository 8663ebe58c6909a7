"""The project's own rule-based detector of personal data in Dutch social-work text.

deduce (see ``detector.py``) is good at names and locations in running text, but misses or only
partly catches what a social worker copies from a dossier or a letter: names in capitals, IBANs,
licence plates, dossier numbers, a BSN written with dots, a postcode with its house number, an
age written as "(34)". These rules cover those, and are deliberately *precise rather than greedy*:
a warning that fires on every "Mevrouw A." or "WMO" teaches people to ignore warnings, so

* numbers with a checksum (BSN, IBAN) must pass it;
* dates and ages count only in a context that makes them personal ("geboren", "jongen van 15");
* pseudonyms ("mevrouw A.", "de zoon") are exactly what users should write and are never flagged;
* acronyms common in Dutch social work (WMO, GGZ, UWV …) and shouted sentences ("LET OP") are
  not names.

Everything here is pure Python with ``re`` from the standard library, so it can run on every
keystroke (a 5,000-character note takes a few milliseconds) and be tested without Django. Where
deduce is installed, its surname, common-word and town lists are read as plain text files (without
importing deduce) for surnames typed in lower case and to tell towns from surnames.
``find`` returns non-overlapping findings; where rules overlap, the more specific kind wins
(an IBAN over the phone number that hides inside it), then the longer span.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from beraad.privacy.spans import Finding


def _words(text: str) -> frozenset[str]:
    """A word list written as running text, for readability."""
    return frozenset(text.split())


# ---------------------------------------------------------------------------------------------
# Shared vocabulary
# ---------------------------------------------------------------------------------------------

# Letters as they occur in Dutch names, including the accented ones of Turkish, Moroccan,
# Surinamese and other names ("Ayşe", "Aïcha", "Zoë").
_UP = "A-ZÀ-ÖØ-ÞĀ-ŽŞĞİÇ"
_LO = "a-zß-öø-ÿā-žşğıç"

# Acronyms and abbreviations that appear in capitals in social-work text and are not names.
ACRONYMS = _words(
    """
    WMO WLZ ZVW JW GGZ GGD CJG UWV SVB CAK AOW ANW ZZP MEE IBAN BSN BIG PGB WIJ NL BE DE EU AB OK
    ADHD ADD ASS PDD NOS PTSS PTSD OCD LVB LVG NAH EMB MKB HBO MBO WO VMBO HAVO VWO VSO PRO ROC
    VVE BSO KDV IKK KOV TBS RIBW BW BEM MDO MDT OGGZ VGGZ FACT ACT IHT AMW SMW SPH SPV POH HA
    HAP SEH IC ICU OK KNO MRI CT ECG EEG DBC DSM IQ BMI COPD CVA MS ALS HIV SOA TBC GHB XTC THC
    LSD AVG WGBO WBP WSNP BKR CBR RDW KVK BTW IB AWBZ JGZ VT AMK ZSM OM RvdK RVDK GI JB JR JJ
    CBS RIVM VNG NJI IND COA AZC VVN WW WIA WAO WAJONG ZW IOAW IOW BBZ TOZO TONK IKB IB60 KGB
    DUO OV NS RET GVB HTM CAO ICT IT HR PR CV PDF CC BCC FYI RE FW NB PS PM AM TV GSM SMS APP WA
    CEO VOG GBA BRP DigiD DIGID NIX SCP WHO NJR LET ROM SOS STOP OKE OKÉ ZIE BIJV ETC VS USA UK
    AZ ABN ING ASN SNS RABO PC DOS EXTRA INFO UPDATE TODO NVT NTB NN NNB TBV IVM MBT TAV IPV OA
    OTS UHP JGT SWT WSW VTH BBL BOL MDO GZ GGZ FG SKJ NVMW BPSW LVMEB ZAT ZAT'S
    EHBO AED ANWB APK WOZ OZB HEMA IKEA KPN ICF LHBTI LHBTIQ
    JSON XML HTML HTTP HTTPS URL PDF CSV ID DEBUG ADMIN LOGIN WIFI EMAIL OUTLOOK TEAMS ZOOM
    BV NV VOF CJIB LBIO SHG SHV GKB NIBUD MAATJE KWARTIER TNO UMC AMC VUMC LUMC VVT WLZ ZIN
    """
)

# Ordinary Dutch words that are written in capitals for emphasis or as headings; a run of
# capitals made of these is a shouted sentence ("LET OP", "NIET DOORSTUREN"), not a name.
_CAPS_WORDS = _words(
    """
    LET OP NIET WEL GEEN NOOIT ALTIJD ALLEEN ZEER HEEL ERG EN OF MAAR DUS WANT OMDAT ALS DAN NOG
    DE HET EEN IS ZIJN WAS WAREN WORDT WORDEN HEEFT HEBBEN HAD KAN KUNNEN MOET MOETEN MAG MOGEN
    WIL ZAL GAAT KOMT DOET NU HIER DAAR DIT DAT DEZE DIE WIE WAT WAAR WANNEER HOE WAAROM WELKE
    IK JIJ JE HIJ ZIJ ZE WIJ WE JULLIE HAAR HEM HUN HEN MIJN ONS ONZE UW VOOR NA IN UIT AAN BIJ
    MET ZONDER OVER ONDER TOT VAN TE OM PER VIA TIJDENS SINDS VANAF ZO OOK ZELF GRAAG EXTRA
    BELANGRIJK VERTROUWELIJK GEHEIM DRINGEND URGENT SPOED SPOEDIG INTERN EXTERN CONCEPT DEFINITIEF
    DOORSTUREN DELEN BEWAREN VERWIJDEREN LEZEN BELLEN MAILEN ACTIE ACTIES AANDACHT WAARSCHUWING
    OPGELET GELET LETOP NOTITIE NOTITIES VERSLAG SAMENVATTING CASUS CASUSBESPREKING HULPVRAAG
    DOEL DOELEN AFSPRAAK AFSPRAKEN SITUATIE ACHTERGROND CONCLUSIE ADVIES AANLEIDING ZORGEN
    NETWERK FINANCIEN FINANCIËN WONEN GEZONDHEID WERK DAGBESTEDING OPVOEDING VEILIGHEID OVERLEG
    BESPREKING BESLUIT BESLUITEN VERVOLG EVALUATIE SIGNAAL SIGNALEN MELDING RISICO RISICOS
    RISICO'S TAKEN CONTACT TELEFONISCH MAIL EMAIL BIJLAGE BIJLAGEN ONDERWERP DATUM AANWEZIG
    AFWEZIG BETROKKENEN CLIENT CLIËNT CLIENTE CLIËNTE GEZIN KINDEREN KIND MOEDER VADER ZOON
    DOCHTER ADRES NAAM NAMEN TELEFOON TEL TELEFOONNUMMER GEBOORTEDATUM LEEFTIJD WOONPLAATS
    POSTCODE HUISNUMMER DOSSIER DOSSIERNUMMER KENMERK REFERENTIE OPEN GESLOTEN AFGEROND KLAAR
    GEANNULEERD VERVALLEN JA NEE OKE AKKOORD GOEDGEKEURD AFGEWEZEN NIEUW OUD LAATSTE EERSTE
    TWEEDE STATUS PLAN PLANNING AGENDA PUNTEN PUNT VRAAG VRAGEN ANTWOORD REACTIE OPMERKING
    OPMERKINGEN TOELICHTING UITKOMST RESULTAAT MOREEL BERAAD DILEMMA WAARDEN OPTIES OPTIE
    STAKEHOLDERS BELANGHEBBENDEN KEUZE ARGUMENTEN VOORSTEL GEEN ZORG HULP STEUN GELD SCHULDEN
    HUUR HUURACHTERSTAND SCHULD UITKERING INKOMEN SCHOOL POLITIE HUISARTS GEMEENTE WIJKTEAM
    BUURTTEAM JEUGDZORG THUISZORG MANTELZORG MANTELZORGER VRIJWILLIGER HUISBEZOEK GESPREK
    TELEFOONGESPREK NAZORG TERUGKOPPELING ONBEKEND ONDUIDELIJK WACHTLIJST INTAKE AANMELDING
    AFMELDING ANONIEM GEANONIMISEERD PSEUDONIEM VOORBEELD TEST ALLEMAAL IEDEREEN NIEMAND
    STOP HELP SORRY DANK BEDANKT GRAAG SVP AUB NVT ZIE HIERONDER BOVEN ONDER EIND EINDE START
    BEGIN DEEL HOOFDSTUK STAP FASE WEEK MAAND JAAR DAG VANDAAG MORGEN GISTEREN MAANDAG DINSDAG
    WOENSDAG DONDERDAG VRIJDAG ZATERDAG ZONDAG JANUARI FEBRUARI MAART APRIL MEI JUNI JULI
    AUGUSTUS SEPTEMBER OKTOBER NOVEMBER DECEMBER
    ZWANGER GEWELD DRUGS ALCOHOL SUICIDE SUÏCIDE ZIEK OVERLEDEN DOOD BOOS BANG ANGST GEVAAR
    WAPEN WAPENS DREIGEMENT AGRESSIE VERSLAAFD VERSLAVING SCHULDEN ARMOEDE HONGER KOUD WARM
    VEILIG ONVEILIG ALARM NOODGEVAL CRISIS ACUUT DIRECT METEEN NU ZSM SNEL LATER WACHTEN
    AFWACHTEN GEBELD GEMAILD BESPROKEN AFGESPROKEN GEDAAN GEREGELD BELT MAILT KOMT GAAT
    """
)

# Surname particles, in the forms they take between first name and surname.
# "in", "op", "te" and "het" also begin surnames ("In 't Veld", "Op den Akker"), but far more often
# a place or street after a name ("Yilmaz in de Schilderswijk"), so they are left out.
_PARTICLES = _words(
    "van de der den ter ten 't el al ben bin bint da das di dos du le la von del della abu ibn ould"
)
_PARTICLE_RE = (
    r"(?:[Vv]an|[Dd]e[nr]?|[Tt]e[rn]|'t|[Ee]l|[Aa]l|[Bb]en|[Bb]in|[Bb]int|[Dd]a|[Dd]as|[Dd]i|"
    r"[Dd]os|[Dd]u|[Ll]e|[Ll]a|[Vv]on|[Dd]el|[Aa]bu|[Ii]bn)"
)

# Capitalised words that are not names: function words at the start of a sentence, headings,
# days and months, nationalities, titles and the organisations social workers name constantly.
_NOT_NAMES = _words(
    """
    de het een ik jij je hij zij ze wij we jullie u hun hen haar zijn mijn ons onze uw dit dat
    deze die daar hier er toen nu dan daarna daarom daarnaast daardoor daarbij ook maar en of
    want dus als omdat hoewel wanneer waar wat wie hoe waarom welke welk na voor tijdens sinds
    vanaf tot met zonder bij in op aan uit over onder naast door om per volgens gisteren vandaag
    morgen vanochtend vanmiddag vanavond vannacht vorige volgende afgelopen inmiddels verder
    eerst later nog wel niet geen alle alles iedereen niemand iemand men is was zijn waren wordt
    werd heeft had hebben kan kon moet moest mag mocht wil wilde zal zou gaat ging komt kwam
    zegt zei vertelt vertelde geeft gaf belt belde mailt mailde ja nee oké ok goed graag bedankt
    dank hallo hoi beste groet groeten vriendelijke met samen ongeveer bijna al pas sinds verder
    tevens ten eveneens helaas gelukkig volgens echter zowel kortom ondertussen intussen
    samenvatting casus casusbespreking hulpvraag doel doelen actie acties afspraak afspraken
    situatie achtergrond conclusie advies aanleiding zorgen netwerk financiën financien wonen
    gezondheid werk dagbesteding opvoeding veiligheid overleg verslag notitie bespreking besluit
    vervolg evaluatie signaal melding risico taken contact telefonisch mail email e-mail bijlage
    onderwerp datum aanwezig afwezig betrokkenen gezin kinderen huisbezoek gesprek adres naam
    telefoon telefoonnummer geboortedatum leeftijd woonplaats postcode dossier kenmerk status
    plan vraag antwoord reactie opmerking toelichting uitkomst resultaat inleiding stap fase
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei
    juni juli augustus september oktober november december pasen kerst kerstmis ramadan suikerfeest
    offerfeest nieuwjaar
    nederlands nederlandse marokkaans marokkaanse turks turkse surinaams surinaamse antilliaans
    antilliaanse syrisch syrische pools poolse eritrees eritrese somalisch somalische arabisch
    arabische engels engelse duits duitse frans franse koerdisch koerdische berbers islamitisch
    islamitische christelijk christelijke joods joodse hindoestaans hindoestaanse creools creoolse
    kaapverdisch kaapverdische bulgaars bulgaarse roemeens roemeense afghaans afghaanse iraans
    iraanse irakees irakese oekraïens oekraïense russisch russische
    mevrouw meneer mijnheer heer dame juffrouw dokter cliënt client cliënte zoon dochter moeder
    vader broer zus buurman buurvrouw oom tante opa oma collega vrijwilliger familie
    gemeente wijkteam buurtteam jeugdzorg thuiszorg veilig thuis leger heils humanitas
    vluchtelingenwerk voedselbank schuldhulp schuldhulpverlening stichting centrum ziekenhuis
    politie rechtbank kinderbescherming raad huisarts praktijk school kinderopvang woningcorporatie
    corporatie woonstichting zorgverzekeraar verzekeraar belastingdienst toeslagen sociale dienst
    werkplein participatie jeugdbescherming reclassering rode kruis zorgkantoor bureau team
    wmo ggz ggd cjg uwv svb cak aow mee pgb wlz zvw avg bsn iban ok
    vervolgens vanwege bovendien nadat voordat terwijl doordat zodat hierdoor hierna hiervoor
    hiermee daarvoor daarover daarmee waardoor wegens ondanks behalve mede soms vaak nooit
    altijd meestal regelmatig opnieuw eerder binnenkort uiteindelijk tenslotte slotte
    vanmorgen zojuist straks net toch zelf enkel alleen eigenlijk misschien waarschijnlijk
    duidelijk belangrijk graag sindsdien nogmaals beide sommige veel weinig minder elke
    iedere komende zodra indien mocht let zie bel zal twee drie vier vijf kortom tenzij totdat
    schulden huur geld inkomen uitkering toeslagen bewindvoering administratie brieven rekeningen
    medicatie medicijnen alcohol drugs verslaving depressie angst eenzaamheid overlast ruzie
    sociaal raadslieden maatschappelijk algemeen ouderenwerk jongerenwerk welzijn buurtwerk
    opbouwwerk wijkverpleging wijkverpleegkundige leerplicht zorgadviesteam
    """
)

# Common Dutch surnames, for names typed in lower case after "mevrouw"/"meneer" ("mevrouw jansen").
_SURNAMES = frozenset(
    word.replace("_", " ")
    for word in _words(
        """
    jansen janssen de_jong de_vries van_den_berg van_de_berg van_dijk bakker visser smit meijer
    meyer de_boer mulder de_groot bos vos peters hendriks van_leeuwen dekker brouwer de_wit
    dijkstra smits de_graaf van_der_meer van_der_linden kok jacobs de_haan vermeulen
    van_den_heuvel van_der_veen van_den_broek de_bruijn de_bruin van_der_heijden schouten
    van_beek willems van_vliet van_de_ven hoekstra maas verhoeven koster van_dam van_der_wal
    prins blom huisman peeters de_jonge kuipers van_wijk post kuiper veenstra kramer
    van_den_brink scholten martens vink de_ruiter van_der_laan postma timmermans
    van_der_velden van_der_heide yilmaz kaya demir sahin şahin çelik yildiz yıldız öztürk
    aydin aydın özdemir arslan el_amrani el_idrissi benali bennani el_khatib el_ouali ahmadi
    bosman wouters verbeek claassen gerritsen willemsen hermans van_der_sluis evers bouwman
    de_lange van_dongen van_der_ploeg de_vos de_koning verhoef schipper jonker molenaar
    van_den_bosch hofman van_der_meulen de_ridder sanders van_der_zee mertens lammers wiersma
    groen zwart van_rijn van_der_horst aarts janssens van_de_pol haddou bouzid el_haddaoui
    el_hamdaoui amrani boukhari azzouzi bakkali chaouch ramdin ramautar mahabier pinas sital
    martina ozturk celik ozdemir dogan doğan kilic kılıç koç koc kurt özkan ozkan polat aksoy
    erdogan erdoğan güler guler tekin yavuz korkmaz kowalski nowak tesfay tesfamariam
    """
    )
)

# Common first names in the Netherlands, across origins. Lower case; compared lower-cased. A name
# that is also a common Dutch word, a shop or a hospital ("Mei", "Albert", "Sophia") is left out.
FIRST_NAMES = _words(
    # Dutch, traditional and recent
    """
    jan piet kees klaas henk gerrit willem hendrik johan johannes cornelis pieter jacob jacobus
    dirk gert geert bert wim joop theo frank peter paul marco erik eric martin hans rob ruud
    sander jeroen daan sem lucas levi finn noah milan thijs stijn ruben tim tom bram luuk jesse
    lars niels koen joris wouter maarten bart michiel dennis kevin jordy ricardo gijs jasper
    floris sven rik teun ties mees jens julian mats bas mark adriaan alex alexander anton arie
    arjan arjen arnold bob boris casper chris christiaan daniel daniël david dick edwin eduard
    evert freek gerard gerben guus hidde herman hugo jaap jelle jesper jochem joep joey jonas
    joost jorrit jurgen kasper leon marcel martijn matthijs mathijs menno michael mike nick
    olivier patrick pepijn quinten remco richard rick robert robin roel roy rutger sam siem simon
    sjoerd stefan steven ton twan victor vincent wessel wilco yannick hein henri jeffrey jos
    jozef marinus nico rené rene ronald sebastiaan stephan thomas tijmen wilfred liam jayden noud
    benjamin boaz luca owen ryan tobias jan-willem
    maria anna johanna cornelia elisabeth geertje grietje truus ria annie corrie ineke marja
    monique sandra linda petra anja karin ingrid marieke esther sanne lotte emma julia sophie
    tess zoë zoe lisa eva saar fleur noa lieke femke anouk iris kim laura sara sarah nina mila
    yara evi lynn daphne wendy naomi chantal jolanda yvonne marloes mirjam bianca patricia
    jessica samantha priscilla shanice kimberley romy roos isa nora hanna hannah agnes alida
    amber angela anne annemarie annemiek annet astrid carla caroline charlotte claudia danielle
    daniëlle diana dominique elise ellen els eline evelien fenna fenne froukje gerda hanneke
    heleen hilde ilse inge irene jacqueline janneke jolien josé joyce judith katja kirsten
    liesbeth lisanne loes manon margreet margriet mariska marjolein marleen marlies martine
    meike melanie merel mieke miranda nathalie natasja nicole nienke noortje pauline renate
    rianne rosa sabine saskia silvia simone sylvia tamara tanja thea tineke tessa trudy vera
    wilma willemijn olivia mia luna jasmijn lara loïs elin fien amy kelly denise esmee demi
    britt marit maud puck floor ilona henny jannie joke riet sharon debby
    """
    # Moroccan and other Arabic
    """
    mohammed mohamed muhammed muhammad mohammad ahmed achmed ahmad ali hassan hussein youssef
    yusuf mustafa mehmet ibrahim omar karim rachid khalid abdel abdelkader abdullah bilal hamza
    ayoub anas soufiane mounir nordin yassin ilias redouan driss aziz hamid reza tarik tariq
    samir nabil adil amine amin anouar anwar badr hicham ilyas yassine younes zakaria othman
    othmane mourad najib abdelkarim abdelaziz abderrahim abdellah mimoun noureddine ismail
    oussama reda jamal said mustapha khaled walid hussam mahmoud yasser basel bashar samer fadi
    tarek rami ammar bassam ziad nizar hadi zaid laith mohannad wael haitham hazem abdulrahman
    firas ghassan kinan marwan mazen sami shadi tamer yazan majd
    fatima fatma khadija aisha aïcha naima malika samira nadia latifa zahra yasmina yasmine
    salma hanan loubna meryem nour amira amina imane ikram hafsa ilham fatiha touria rachida
    zohra hayat houda hajar hanane kawtar kaoutar malak najat oumaima sanae siham soukaina
    wafae chaima douae safae asmae btissam mina fadoua layla leila laila hiba souad jamila
    habiba farida hasna yousra sofia ines maryam mariam rania rasha rana lina dima reem hala
    aya maya lama ghada sawsan amal wafa dalia eman iman heba manal nada nadine nisreen raghad
    sahar shahd suha zeina
    """
    # Turkish and Kurdish
    """
    ahmet hüseyin huseyin hasan osman murat emre burak mert can kerem furkan enes berkay baris
    barış serkan volkan onur ufuk tolga gokhan gökhan erkan orhan cem selim metin kadir recep
    yasin halil ramazan sinan ozan umut deniz kaan arda emir yigit yiğit batuhan cengiz erdal
    erol levent mesut sedat kemal hakan fatih
    ayse ayşe emine hatice zeynep elif esra büşra busra merve kübra kubra songül songul derya
    sevgi hülya hulya serpil filiz nurcan aysel sibel yasemin dilek ebru gizem tugba tuğba
    melek zehra hacer nazli nazlı ilayda irem yagmur yağmur sena beyza ecrin defne azra nisa
    hira betül betul selin özlem ozlem nesrin nermin pinar pınar seda sema canan aylin dilan
    melike meltem rabia şeyma seyma leyla
    """
    # Surinamese (Hindustani, Javanese, Creole) and Antillean
    """
    priya anita sunita radj ravi shanti sharda kavita sandeep rajesh vinod mahesh ashwin
    sharmila anjali reshma sarita soenita roshni navin dinesh rakesh sanjay satish vijay anil
    sunil kiran krishna devika rekha geeta seema usha asha nisha pooja radha indira aarti
    sangita soenil radjesh dewi ratna
    ramon romano marlon dwayne jermaine shirley glenn errol quincy giovanni denzel jair jaïr
    tyrone natasha rowena humphrey rudy melvin kenneth clarence germaine xiomara clyde iwan
    jerrel sheila gregory stanley orlando virgil sherwin shurandy jearl jurich rignald xaviera
    shudaira jeanine yolanda edsel kenrick gilbert sidney
    """
    # Eritrean, Ethiopian and Somali
    """
    tesfay yonas semhar mulu abdi filmon selam senait aster haben merhawi robel yohannes dawit
    tekle saba luwam feven winta yordanos awet biniam tesfalem mussie natnael henok amanuel
    efrem meron senay lidya hiwet almaz tigist freweyni rahwa selamawit yemane yared kibrom
    goitom teklit
    abdullahi mohamud hodan fadumo farah hawa sahra ayaan ayan hibaq hamdi ifrah ilhan khadra
    amran nasra sagal najma deeqa idil abdirahman abdikarim liban guled mahad
    """
    # Afghan and Iranian
    """
    farid jawad javid wahid nasir naser zabihullah sayed sediq habib rahim shafiq rashid
    hossein hussain mehdi morteza mahdi amir arash babak hamed kamran omid payam navid
    shabnam farzana fatemeh parisa nazanin hamida soraya fereshta roya masouda elham behnaz
    golnaz mahsa nasrin neda niloufar shirin tahmina zainab zeinab
    """
    # Polish, Ukrainian, Romanian, Bulgarian
    """
    piotr tomasz pawel paweł krzysztof wojciech marcin michal michał lukasz łukasz kamil
    jakub mateusz dawid grzegorz marek andrzej adam bartosz rafal rafał przemyslaw przemysław
    szymon damian artur janusz zbigniew jerzy tadeusz mariusz dariusz oleksandr andrii dmytro
    ivan serhii vasyl bogdan ionut andrei mihai georgi dimitar mykola volodymyr yuriy
    agnieszka katarzyna magdalena joanna malgorzata małgorzata monika ewa justyna aleksandra
    dorota beata marta karolina natalia paulina sylwia iwona kasia gosia basia zofia weronika
    dominika olga irina oksana olena yulia svetlana tatiana elena ioana ivana daria anastasia
    viktoria valentina kateryna mariana
    """
)
# First names that are also ordinary words; alone at the start of a sentence they stay unflagged.
_AMBIGUOUS_FIRST = frozenset(
    {"roos", "bas", "iris", "fleur", "mees", "ties", "storm", "hoop", "merel", "floor", "ben", "nada"}
)  # fmt: skip
# First names that, typed in lower case, are far more often a Dutch (or English) word or an
# abbreviation: "jan." for januari, "ik ben", "rob" (a seal), "peter" (godfather), "mais".
# In lower case these count only with a surname after them ("jan pieters").
_AMBIGUOUS_LOWER = _AMBIGUOUS_FIRST | _words(
    "jan rob peter ben wil will joke job lot mei april juni eren said sultan hind tuba jack mais can"
    " els ton frank mark riet lama emir bob"
)

# Titles and relationship words that are followed by a name. Address forms ("mevrouw",
# "meneer") also take a name typed in lower case; relationship words only a capitalised one,
# because "moeder zegt" and "zoon gaat" are what follows them far more often.
_ADDRESS_WORDS = _words(
    "mevrouw mevr mevr. mw mw. meneer mijnheer mnr mnr. dhr dhr. heer juffrouw juf dokter dr dr. "
    "drs drs. mr mr. ir ir. familie fam fam."
)
_RELATION_WORDS = _words(
    """
    zoon zoontje dochter dochtertje moeder vader broer broertje zus zusje buurman buurvrouw
    buurjongen buurmeisje oom tante opa oma neef nicht collega vrijwilliger vrijwilligster cliënt
    client cliënte cliente partner vriend vriendin echtgenoot echtgenote stiefvader stiefmoeder
    pleegvader pleegmoeder schoonmoeder schoonvader schoonzoon schoondochter kleinzoon
    kleindochter mentor wijkagent huisarts ex ex-partner ex-man ex-vrouw papa mama stiefzoon
    stiefdochter pleegzoon pleegdochter pleegkind zwager schoonzus schoonbroer kleinkind voogd
    """
)
# Plural relationship words take two names joined by "en": "ouders Jansen en Bakker",
# "de kinderen Nour en Adam".
_PLURAL_RELATION_WORDS = _words(
    "ouders grootouders pleegouders kinderen zonen dochters broers zussen kleinkinderen heren "
    "dames echtpaar families"
)
_RELATION_WORDS |= _PLURAL_RELATION_WORDS
_TITLE_WORDS = _ADDRESS_WORDS | _RELATION_WORDS
# Relatives are followed by "van" + a name ("de moeder van Jansen"); colleagues and volunteers
# by "van" + an organisation ("collega van Humanitas", "voogd van Nidos").
_KIN = _RELATION_WORDS - _words(
    "collega vrijwilliger vrijwilligster cliënt client cliënte cliente mentor wijkagent huisarts "
    "voogd heren dames"
)
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*\.?")
_AND_NAME = re.compile(rf"[ ]+en[ ]+(?=[{_UP}])")
_LAST_WORD = re.compile(r"(\S+)[ ]+$")

_INITIALS = re.compile(rf"(?:[{_UP}]\.[ ]?){{1,4}}")
# A capitalised (or all-capitals) word that can be a name: "Jansen", "D'Ancona", "Jan-Willem",
# "Jansen" in "Jansen's" and in "Jansen-de Vries"; not "Piet" in "Piet-gebak".
_NAME_WORD = re.compile(
    rf"(?:[DOL]['’])?[{_UP}](?:[{_LO}]+|[{_UP}]+)(?:-[{_UP}][{_LO}{_UP}]+)*"
    rf"(?!\w|['’](?!s\b)|-(?!{_PARTICLE_RE}\s))"
)
_LOWER_WORD = re.compile(rf"[{_LO}][{_LO}'’-]+(?![\w'’-])")
_PARTICLE = re.compile(rf"{_PARTICLE_RE}(?:\s+{_PARTICLE_RE}){{0,2}}\s+")
_SPACE = re.compile(r"[ \t]+")
_HYPHEN_JOIN = re.compile(rf"-(?:{_PARTICLE_RE}\s+)*(?=[{_UP}])")
_STREET_ENDING = re.compile(
    r"(?:straat|gracht|plein|kade|singel|dreef|steeg|plantsoen|boulevard|allee|straatweg)$"
)
_VOWEL = re.compile(r"[AEIOUÀ-ÆÈ-ÏÒ-ÖØ-Ü]")
_ROMAN = re.compile(r"(?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3})|L")
# Past participles that open a sentence in a report ("Afgesproken is …", "Gebeld met …"): a
# separable prefix + "ge" ("afgesproken", "doorgestuurd"), "ge" + at least three letters + d/t
# ("gebeld", "gemaild", but not the name "Geert"), or a frequent one with be-/ver-/ont-/her-.
_PARTICIPLE = re.compile(
    r"(?:af|op|door|aan|uit|mee|terug|in|vast|toe|over|weg|voor|bij|om|samen|na)ge[a-zëéèï]+"
    r"|ge[a-zëéèï]{3,}(?:d|t)|gesproken|gegeven|gekregen|gebleven|genomen|gezien|geweest"
    r"|besproken|besloten|benaderd|bezocht|verteld|verstuurd|verwezen|verzonden|ontvangen"
    r"|ondertekend|herhaald|vastgesteld"
)
_NOUN_ENDING = re.compile(
    r"(?:heid|tie|sie|lijk|lijke|isch|ische|schap|teit|ing|ingen|nis|baar|zaam|loos|ief|ement|"
    r"ologie|iteit|ster)$"
)
_NOT_INITIALS = frozenset({"N.B.", "P.S.", "N.B", "P.S", "I.P.V.", "I.V.M.", "M.B.T.", "T.A.V."})

# ---------------------------------------------------------------------------------------------
# Patterns for numbers and addresses
# ---------------------------------------------------------------------------------------------

_BSN = re.compile(
    r"(?<![\w.,\-/€+])"
    r"(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{2}\.\d{2}\.\d{2}\.\d{3}|\d{3}(?P<sep>[ .\-])\d{3}(?P=sep)\d{3})"
    r"(?![\w\-/]|[.,]\d)"
)

_IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?"
    r"(?![A-Za-z0-9])"
)
_IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "PL": 28, "TR": 26,
    "MA": 28, "LU": 20, "AT": 20, "CH": 21, "PT": 25, "IE": 22, "DK": 18, "SE": 24, "NO": 15,
    "FI": 18, "GR": 27, "RO": 24, "BG": 22, "HU": 28, "CZ": 24, "SK": 24, "SI": 19, "HR": 21,
    "LT": 20, "LV": 21, "EE": 20, "CY": 28, "MT": 31,
}  # fmt: skip

_PHONE_SEP = r"(?:[ ]?-[ ]?|[ .])?"
_PHONE = re.compile(
    r"(?<![\w+/,\-€])"
    r"(?:"
    r"(?:\+|00)31[ \-]?(?:\(0\)[ \-]?)?[1-9](?:" + _PHONE_SEP + r"\d){8}"
    r"|0[89]0[069](?:" + _PHONE_SEP + r"\d){4,7}"
    r"|\(0\d{1,3}\)[ ]?\d(?:" + _PHONE_SEP + r"\d){4,8}"
    r"|0[1-9](?:" + _PHONE_SEP + r"\d){8}"
    r"|\+(?!31)[1-9]\d{1,2}[ \-]?(?:\(0\)[ \-]?)?\d(?:" + _PHONE_SEP + r"\d){6,11}"
    r")"
    r"(?![\w]|[\-.,:/]\d)"
)
_LOOKS_LIKE_DATE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)")

# E-mail addresses and bare-domain URLs are found from their "@" or ".nl/" and grown outwards:
# far cheaper than trying a pattern at every word of a long text.
_EMAIL_LOCAL = re.compile(r"(?<![\w.%+\-])\w[\w.%+\-]*$")
_EMAIL_DOMAIN = re.compile(
    r"@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w\-])"
)
_TLDS = r"nl|com|org|net|eu|be|de|info|io|me|app|tv|co|uk|fr|nu|social|online|site|biz|us|ly|gl|to"
_URL = re.compile(r"(?<![\w@.\-])(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
_BARE_URL_TLD = re.compile(rf"\.(?:{_TLDS})/[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]]", re.IGNORECASE)
_BARE_URL_DOMAIN = re.compile(
    r"(?<![\w@./\-])[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*$"
)
_URL_TRAIL = ".,;:!?'\"»”’"

_POSTCODE = re.compile(
    r"(?<![\w\-.,/€])[1-9]\d{3}(?:[ ]?(?!S[ADS])[A-Z]{2}|(?!s[ads])[a-z]{2})(?![\w\-])"
)

_HOUSE_NUMBER = re.compile(
    r"[ ]*(?:(?:nr\.?|nummer|no\.?)[ ]*)?(?P<number>[1-9]\d{0,4})"
    r"(?P<addition>"
    r"(?:[ ]?-[ ]?|[ ]?)(?:bis|hs|huis|hg|bg|boven|beneden|I{1,3}|IV|V|VI{1,3})(?![\w])"
    r"|-?[A-Za-z](?![\w])"
    r"|[ ][A-Z](?![\w]|\.\w)"
    r"|[ ]?-[ ]?\d{1,4}(?![\w])"
    r"|[ ]?/[ ]?\d{1,4}(?![\w])"
    r")?"
    r"(?![\w]|[.,:]\d|-\d)"
)

_STRONG_SUFFIXES = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "dreef", "steeg",
    "plantsoen", "boulevard", "allee", "dwarsweg", "straatweg",
)  # fmt: skip
_WEAK_SUFFIXES = (
    "hof", "park", "pad", "markt", "burg", "baan", "erf", "veld", "wal", "haven", "kwartier",
    "ring", "brink", "werf", "vaart", "gaarde", "donk", "zijde", "hoven",
)  # fmt: skip
_STREET_WORD = re.compile(
    rf"(?<![\w\-'’])(?:['’]s-)?[{_UP}][{_LO}{_UP}'’\-]*?"
    rf"(?:{'|'.join(_STRONG_SUFFIXES + _WEAK_SUFFIXES)})(?![\w\-'’])"
)
_LOWER_STREET = re.compile(
    rf"(?<![\w\-'’])[{_LO}]{{3,}}(?:straat|laan|gracht|kade|singel|plein|dreef|steeg)"
    r"(?=[ ]+(?:nr\.?[ ]*)?[1-9])"
)
_NOT_STREETS = _words(
    """
    onderweg uitweg omweg snelweg zijweg overweg zijstraat blokkade barricade loopbaan rijbaan
    werkveld speelveld spanningsveld krachtenveld middenveld vakantiepark gerechtshof kerkhof
    binnenhof hoofdkwartier arbeidsmarkt woningmarkt supermarkt jaarmarkt zorgpad leerpad
    behandelpad fietspad voetpad wandelpad zebrapad schoolplein speelplein woonplaats werkplaats
    standplaats verblijfplaats geboorteplaats plaats vervolgtraject middelburg hamburg straatsburg
    luxemburg oldenburg duisburg magdeburg edinburg petersburg johannesburg zorgvuldig herberg
    rotterdam amsterdam marktplaats
    """
)
_STREET_PREFIXES = _words(
    """
    van sint st. st lange korte oude nieuwe hoge lage grote kleine eerste tweede derde vierde
    vijfde zesde prins prinses koning koningin burgemeester burg. dokter dr. pastoor pater
    graaf gravin hertog hertogin mr. meester professor prof. generaal kapitein admiraal
    kardinaal bisschop jonkheer jhr. heilige noord zuid oost west noorder zuider ooster wester
    binnen buiten achter
    """
)
_BARE_STREET = re.compile(
    r"(?<![\w\-])(?:Oude|Nieuwe|Grote|Kleine|Lange|Korte|Hoge|Lage|Oost|West|Noord|Zuid|Binnen|"
    r"Buiten)[ ](?:Straat|Laan|Weg|Plein|Gracht|Kade|Singel|Dijk|Markt|Haven|Wal|Ring|Dreef|"
    r"Steeg|Brink|Hof|Vaart|Dam)(?![\w\-])"
)
_BARE_STREET_OF = re.compile(
    rf"(?<![\w\-])(?:Laan|Weg|Straat|Plein|Kade|Dijk|Singel|Gracht|Dreef|Hof|Ring|Pad)"
    rf"(?:[ ]+(?:van|der|de|den|naar|op|ter|ten|te|het|'t|over|bij|aan)){{1,3}}"
    rf"[ ]+[{_UP}][{_LO}]+(?:[ \-][{_UP}][{_LO}\-]+)?(?![\w\-])"
)
_VERB_SLAAN = re.compile(
    r"(?:op|in|aan|af|om|uit|door|over|toe|neer|dicht|vast|terug|mis|na|tegen|onder|be|ver|ge|"
    r"ont|dood|kapot|stuk|los|mee|weg|achteruit|vooruit|alarm|acht)?slaan"
)
_PREVIOUS_WORD = re.compile(r"(\S+)[ ]$")
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:de|het|'t|De|Het)\s+)$")

# ---------------------------------------------------------------------------------------------
# Dates, ages, plates, case numbers
# ---------------------------------------------------------------------------------------------

_MONTHS = (
    r"januari|jan|februari|feb|maart|mrt|april|apr|mei|juni|jun|juli|jul|augustus|aug|"
    r"september|sept|sep|oktober|okt|november|nov|december|dec"
)
_DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}})(?![\w\-/])"
)
_BIRTH = re.compile(
    r"\b(?:geboren|geb\.\s*datum|geb\.|geb\b|geboortedatum|geboortedag|DOB)"
    # Between the word and the date only "op", "in", "te" and a place: "geboren in Nador op
    # 3 mei 1979", never a verb ("geboren in Marokko en kwam op 1-2-1995 naar Nederland").
    r"(?P<gap>(?:[ \t]*(?::|,|\(|\)|op\b|in\b|te\b|d\.d\.|rond\b|omstreeks\b|(?-i:[A-Z][\w'’\-]*)))*?[ \t]*)"
    r"(?P<date>" + _DATE + r")",
    re.IGNORECASE,
)

_BIRTH_AFTER = re.compile(
    r"(?<![\w\-/.])(?P<date>" + _DATE + r")(?:[ ]+[\w'’]+){0,3}?[ ]+geboren\b", re.IGNORECASE
)

_AGE_NOT_OF_A_PERSON = _words(
    """
    opleiding studie contract huurcontract relatie jubileum huwelijk periode traject programma
    termijn garantie dienstverband looptijd samenwerking project bestaan ervaring verblijf
    behandeling plan regeling subsidie hypotheek lening schuldsanering cyclus verbintenis
    geschiedenis ontwikkeling onderzoek pilot dienst strijd oorlog wachttijd cursus proeftijd
    proef beleid experiment afspraak
    """
)
_JARIG = re.compile(
    r"(?<![\w\-.,])(?P<n>\d{1,3})(?:[ ]?-[ ]?|[ ])?jarig(?:e|en)?\b(?P<rest>[ ]+\w+)?"
)
# Ages written out: "zestienjarige", "tweeëntwintigjarig" ("eenjarig" is a plant).
_SPELLED_AGE = re.compile(
    r"(?<![\w\-])(?P<age>(?P<n>(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën))?"
    r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)|honderd|dertien|"
    r"veertien|vijftien|zestien|zeventien|achttien|negentien|twee|drie|vier|vijf|zes|zeven|"
    r"acht|negen|tien|elf|twaalf)(?:[ ]?-[ ]?)?jarig(?:e|en)?)\b"
    r"(?P<rest>[ ]+\w+)?",
    re.IGNORECASE,
)
_PERSON_NOUNS = (
    r"jongen|jongetje|meisje|meid|vrouw|man|kind|kindje|zoon|zoontje|dochter|dochtertje|baby|"
    r"peuter|kleuter|tiener|puber|dame|heer|meneer|mevrouw|cliënt|client|cliënte|broer|broertje|"
    r"zus|zusje|jongeman|jongedame|jongere|patiënt|patient|buurman|buurvrouw|weduwe|weduwnaar|"
    r"oudere|bewoner|bewoonster|kleinzoon|kleindochter|kleinkind|neef|nicht|stiefzoon|"
    r"stiefdochter|stiefkind|pleegzoon|pleegdochter|pleegkind|zwager|schoonzoon|schoondochter"
)
# "moeder van 3" is a mother of three children; a parent's age needs "jaar": "moeder van 34 jaar".
_PARENT_NOUNS = r"moeder|vader|oma|opa|grootmoeder|grootvader|ouder|ouders"
_PERSON_NOUN_WORDS = _words(f"{_PERSON_NOUNS}|{_PARENT_NOUNS}".replace("|", " "))
_NOT_AFTER_AGE = re.compile(
    r"[ ]+(?:kinderen|kind|kids|zonen|dochters|jongens|meisjes|kleinkinderen|broers|zussen|"
    r"huisdieren|honden|katten|keer|maal|personen|mensen|gezinnen|stuks|jaren)\b",
    re.IGNORECASE,
)
_UNIT_AFTER_AGE = (
    r"(?:[ ]+jaar(?:[ ]+oud)?|[ ]+maanden(?:[ ]+oud)?|[ ]+weken(?:[ ]+oud)?|[ ]+jr\.?)?"
)
_NOT_AGE_UNIT = re.compile(
    r"\s*(?:%|procent|euro|eur|cm|kilo|kg|uur|minuten|min|m2|m²|meter|km|cent|dagen)\b|[.,]\d"
)
# Each age rule is a pattern at a number and, where needed, a context that must end right before
# it; looking for numbers first keeps the rules cheap on long texts.
_AGE_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?!\d)")
_AT_AGE = re.compile(rf"(?P<age>(?P<n>\d{{1,3}})(?![\w.,]\d){_UNIT_AFTER_AGE})(?![\w])")
_AT_AGE_YEARS = re.compile(r"(?P<age>(?P<n>\d{1,3})[ ]+jaar(?:[ ]+oud)?)\b")
_AT_AGE_YEARS_OLD = re.compile(r"(?P<age>(?P<n>\d{1,3})[ ]+jaar[ ]+oud)\b")
_AT_AGE_YEARS_END = re.compile(
    r"(?P<age>(?P<n>\d{1,3})[ ]+jaar(?:[ ]+oud)?)"
    r"(?=\s*(?:[.,;:!?)\n]|$|en\b|maar\b|want\b|oud\b))"
)
_AT_AGE_END = re.compile(r"(?P<age>(?P<n>\d{1,3}))(?=\s*(?:[.,;!?)\n]|$))")
_AT_AGE_LABEL = re.compile(r"(?P<age>(?P<n>\d{1,3})(?:[ ]+jaar|[ ]+jr\.?)?)(?![\w.,]\d|\w)")
_AT_AGE_ORDINAL = re.compile(r"(?P<age>(?P<n>\d{1,3})(?:e|de|ste))\b")
_PERSON_OF = re.compile(rf"\b(?:{_PERSON_NOUNS})[ ]+van[ ]+$", re.IGNORECASE)
_PARENT_OF = re.compile(rf"\b(?:{_PARENT_NOUNS})[ ]+van[ ]+$", re.IGNORECASE)
_IS = re.compile(
    r"\b(?:is|was|ben|bent|wordt|werd|word|zijn|waren)[ ]+"
    r"(?:(?:nu|inmiddels|pas|bijna|ruim|net|ongeveer|rond|circa|ca\.|zo'n|toen)[ ]+)*$",
    re.IGNORECASE,
)
# "is 79 en", "is tenslotte al 16 jaar": a bare number, or adverbs that also go with a duration
# ("is al 3 jaar"), make an age only when a person is the subject (see ``_person_subject``).
_IS_WIDE = re.compile(
    r"\b(?:is|was|ben|bent|zijn|waren)[ ]+"
    r"(?:(?:nu|inmiddels|pas|bijna|ruim|net|ongeveer|rond|circa|ca\.|zo'n|toen|al|tenslotte|"
    r"immers|toch|ook|maar|nog|dus|eigenlijk|sowieso|zelf)[ ]+)*$",
    re.IGNORECASE,
)
_AT_AGE_BARE = re.compile(
    r"(?P<age>(?P<n>\d{1,3}))(?![\w.,]\d)(?=[ ]*(?:[.,;!?)\n]|$)|[ ]+(?:en|maar|want)\b)"
)
_IS_WIDE_GATE = _words(
    "is was ben bent zijn waren nu inmiddels pas bijna ruim net ongeveer rond circa ca. zo'n "
    "toen al tenslotte immers toch ook maar nog dus eigenlijk sowieso zelf"
)
_PERSON_PRONOUNS = _words("hij zij ze ik jij je u")
_SUBJECT_BEFORE = re.compile(r"([\w'’\-]+),?[ ]+$")
# "vader 37, moeder 33", "zoon 12 en dochter 9"; "kinderen 11 en 4". Parents need an adult age
# and a number that recurs with the same word ("kind 1", "zoon 2") is a count, not an age.
_KIN_AGE = re.compile(
    r"(?<![\w\-])(?P<noun>vader|moeder|opa|oma|partner|echtgenoot|echtgenote|zoon|dochter|broer|"
    r"zus|broertje|zusje|oudste|jongste)[ ]+(?P<age>(?P<n>\d{1,3})(?:[ ]+jaar)?)(?![\w.,]\d)"
    r"(?=[ ]*(?:[,;.)]|$)|[ ]+en\b)",
    re.IGNORECASE,
)
_ADULT_KIN = _words("vader moeder opa oma partner echtgenoot echtgenote")
_KIDS_AGES = re.compile(
    r"(?<![\w\-])(?:kinderen|kids|zonen|dochters|broers|zussen|broertjes|zusjes|kleinkinderen|"
    r"tweeling)(?:[ ]+van)?[ ]+(?P<list>\d{1,2}(?:(?:[ ]*,[ ]*|[ ]+en[ ]+)\d{1,2})+)"
    r"(?:[ ]+jaar)?(?![\w.,]\d)(?=[ ]*(?:[,;.)]|$))",
    re.IGNORECASE,
)
_LIST_NUMBER = re.compile(r"\d+")
# "Hamid Rahimi, 23, kwam …", "Jansen, (44), BSN …": a number in apposition to a name.
_AGE_APPOSITION = re.compile(
    r",[ ]*\(?(?P<age>(?P<n>\d{1,3})(?:[ ]+jaar(?:[ ]+oud)?)?)\)?(?![\w.,]\d)"
    r"(?=[ ]*(?:[,;.)]|$)|[ ]+en\b)"
)
_TURNS = re.compile(
    r"\b(?:wordt|werd|word)[ ]+(?:(?:volgende|vorige|deze|komende|afgelopen)[ ]+"
    r"(?:week|maand|jaar|zomer|winter)[ ]+)?$",
    re.IGNORECASE,
)
_AGE_LABEL = re.compile(r"\b(?:leeftijd|lft\.?)[ ]*[:=]?[ ]*$", re.IGNORECASE)
_AGE_AT = re.compile(
    r"\bop[ ]+(?:zijn|haar|hun|mijn|je|jouw|z'n|d'r)[ ]+$",
    re.IGNORECASE,
)
# (pattern at the number, the word right before it (a cheap first check) or None, the context
# that must end right before it or None, what the subject must be: _ANY, _NOT_A_THING (not
# "het contract") or _A_PERSON ("hij", "mevrouw Hoek"))
_ANY, _NOT_A_THING, _A_PERSON = 0, 1, 2
_AgeRule = tuple[re.Pattern[str], frozenset[str] | None, re.Pattern[str] | None, int]
_AGE_RULES: tuple[_AgeRule, ...] = (
    (_AT_AGE, _words("van"), _PERSON_OF, _ANY),  # "jongen van 15", "vrouw van 82 jaar"
    (_AT_AGE_YEARS, _words("van"), _PARENT_OF, _ANY),  # "moeder van 34 jaar"
    (_AT_AGE_YEARS_OLD, None, None, _ANY),  # "34 jaar oud"
    (
        _AT_AGE_YEARS_END,
        _words(
            "is was ben bent wordt werd word zijn waren nu inmiddels pas bijna ruim net ongeveer "
            "rond circa ca. zo'n toen"
        ),
        _IS,
        _NOT_A_THING,
    ),  # "is 34 jaar", "is inmiddels 19 jaar oud"
    (_AT_AGE_YEARS_END, _IS_WIDE_GATE, _IS_WIDE, _A_PERSON),  # "hij is tenslotte al 16 jaar."
    (_AT_AGE_BARE, _IS_WIDE_GATE, _IS_WIDE, _A_PERSON),  # "mevrouw Hoek is 79 en …"
    (
        _AT_AGE_END,
        _words("wordt werd word week maand jaar zomer winter"),
        _TURNS,
        _NOT_A_THING,
    ),  # "wordt volgende maand 18."
    (
        _AT_AGE_LABEL,
        _words("leeftijd leeftijd: lft lft. lft: lft.: : ="),
        _AGE_LABEL,
        _ANY,
    ),  # "leeftijd: 34"
    (
        _AT_AGE_ORDINAL,
        _words("zijn haar hun mijn je jouw z'n d'r"),
        _AGE_AT,
        _ANY,
    ),  # "op zijn 16e"
)
_LAST_TOKEN = re.compile(r"(\S*)[ ]*$")
# "Het contract is 2 jaar", "De wachttijd wordt 12": things, not people, have that duration.
_NOT_A_PERSON_SUBJECT = _AGE_NOT_OF_A_PERSON | _words(
    "het dat dit wat er die deze alles wachttijd wachtlijst duur uitkering huur schuld bedrag "
    "straf taakstraf celstraf proeftijd indicatie beschikking machtiging ots uithuisplaatsing"
)
_WORD_BEFORE_VERB = re.compile(r"([\w'’]+)[ ]+$")
_PAREN_AGE = re.compile(r"\((?P<age>(?P<n>\d{1,3})(?:[ ]?(?:jaar|jr\.?))?)\)")
_WORD_BEFORE_PAREN = re.compile(rf"(?P<word>[{_UP}{_LO}][{_UP}{_LO}'’\-]*\.?),?[ ]?$")
# A first name or a particle before a surname that is also a town: "Gerrit Berg", "van der Meer".
_NAME_BEFORE_SURNAME = re.compile(
    rf"(?<![\w\-])(?:[{_UP}][{_LO}]+|[Vv]an|[Dd]e[rn]|[Tt]e[rn]|'t|[Ee]l|[Aa]l|[Bb]en|[Aa]bu)[ ]$"
)
_NOT_BEFORE_PAREN_AGE = _words(
    """
    artikel art. art bijlage stap punt lid pagina blz. blz p. versie vraag fase hoofdstuk item
    optie regel nummer nr. nr deel sub zie figuur tabel afbeelding noot voetnoot bron week
    dag maand jaar kamer groep klas niveau schaal score totaal kinderen personen dagen weken
    maanden jaren keer uren gesprekken punten items deelnemers leden cliënten bijlagen aantal
    """
)

_PLATE = re.compile(
    r"(?=[A-Z\d]{1,3}-[A-Z\d])(?<![\w\-/.])"
    r"(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}"
    r"|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}"
    r"|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}"
    r"|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)"
    r"(?![\w\-/])"
)

_CASE_CONTEXT = re.compile(
    r"(?=[dzckrmohpafbltiv])\b(?:dossier[ -]?(?:nummer|nr\.?|no\.?)|dossier|"
    r"zaak[ -]?(?:nummer|nr\.?)|cli[eë]nt[ -]?(?:nummer|nr\.?)|registratie[ -]?(?:nummer|nr\.?)|"
    r"(?:ons|uw)[ ]+kenmerk|kenmerk|referentie(?:nummer)?|ref\.|casus[ -]?(?:nummer|nr\.?)|"
    r"klant[ -]?(?:nummer|nr\.?)|meldings?[ -]?(?:nummer|nr\.?)|"
    r"(?:huur|huurcontract|contract|klacht|polis|aanvraag|beschikkings?|factuur|debiteur(?:en)?|"
    r"relatie|lid|pas|ticket|proces[ -]?verbaal|pv|inschrijvings?|aanmeldings?|verzekerden?|"
    r"vreemdelingen|v|leerling|onderwijs|indicatie|paspoort|rijbewijs|identiteitskaart|"
    r"document)[ -]?(?:nummer|nr\.?))"
    r"(?P<gap>(?:[ ]+[A-Za-zë]{2,12}[ ]*:)?[ ]*(?::|is|=)?[ ]*)"
    r"(?P<id>#?[A-Za-z0-9](?:[A-Za-z0-9]|[\-/.](?=[A-Za-z0-9]))*)",
    re.IGNORECASE,
)
# "onder nummer RvdK-2024-11093": after a bare "nummer" only a code with letters and at least four
# digits ("op nummer 27" is a house, "nummer 06-…" a phone).
_CASE_AFTER_NUMBER = re.compile(
    r"(?<![\w\-])(?:nummer|nr\.?)[ ]*:?[ ]*"
    r"(?P<id>(?=[A-Za-z0-9\-/.]*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9]|[\-/.](?=[A-Za-z0-9]))*)",
    re.IGNORECASE,
)
# "WMO-2024-00123", "VT/2024/0817"; also an organisation written in mixed case with a year:
# "RvdK-2024-11093".
_CASE_STANDALONE = re.compile(
    r"(?<![\w\-/])(?P<id>(?:[A-Z]{2,4}|(?P<mixed>[A-Z][a-z]{0,3}[A-Z]))(?P<sep>[-/])"
    r"(?:(?:19|20)\d{2}(?P=sep)\d{2,6}|\d{5,8}))(?![\w\-/])"
)
_CASE_WORDS = (
    "dossier", "zaak", "clie", "cliënt", "registratie", "kenmerk", "referentie", "ref.",
    "casus", "klant", "melding", "nummer", "nr",
)  # fmt: skip
_YEAR_OR_YEARS = re.compile(r"(?:19|20)\d{2}(?:[-/](?:19|20)\d{2})?")
_NOT_CASE_PREFIX = frozenset({"ISO", "NEN", "EN", "DIN", "CAO", "IEC", "NTA", "COVID"})

# Findings of these kinds win any overlap, then longer spans win. Structured identifiers with a
# checksum or an unmistakable shape come first; names and ages, the fuzziest rules, last.
_TIER = {
    "iban": 0,
    "email": 0,
    "url": 0,
    "bsn": 0,
    "date_of_birth": 1,
    "postcode": 1,
    "address": 1,
    "phone": 1,
    "licence_plate": 1,
    "case_number": 1,
    "name": 2,
    "street": 2,
    "age": 3,
}
# Between a name and a street of the same length ("mevrouw Verdijk"), the name wins.
_KIND_RANK = {kind: rank for rank, kind in enumerate(("name", "street"))}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def elfproef(digits: str) -> bool:
    """The BSN 11-check: 9*d1 + 8*d2 + … + 2*d8 - 1*d9 is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(digits[i]) * (9 - i) for i in range(8)) - int(digits[8])
    return total % 11 == 0


def iban_valid(compact: str) -> bool:
    """An IBAN's mod-97 check (ISO 13616), and the right length for the countries we know."""
    compact = compact.upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    expected = _IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence, line or list item (where any word is capitalised)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(*•-–—":
        i -= 1
    return i < 0 or text[i] in ".!?:\n;"


def _add(out: list[Finding], text: str, start: int, end: int, kind: str) -> None:
    if end > start:
        out.append(Finding(start, end, kind, text[start:end]))


# ---------------------------------------------------------------------------------------------
# Rules, one per kind
# ---------------------------------------------------------------------------------------------


def _ibans(text: str, out: list[Finding], masks: list[tuple[int, int]]) -> None:
    """IBANs, compact or in groups of four; the checksum decides. Shapes mask inner numbers."""
    for m in _IBAN.finditer(text):
        masks.append((m.start(), m.end()))
        raw = m.group()
        # Try the whole match, then shorter ones at group boundaries (a following word or
        # number may have been swallowed by the greedy pattern).
        ends = [len(raw)] + [i for i in range(len(raw) - 1, 3, -1) if raw[i] == " "]
        for end in ends:
            candidate = raw[:end]
            if iban_valid(candidate.replace(" ", "")):
                _add(out, text, m.start(), m.start() + end, "iban")
                break


def _bsns(text: str, out: list[Finding]) -> None:
    """Nine digits (also 1234.56.782 and 123 456 782) that pass the 11-check."""
    for m in _BSN.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()].lower()
        if "€" in before or "eur" in before:
            continue
        digits = re.sub(r"\D", "", m.group())
        if elfproef(digits):
            _add(out, text, m.start(), m.end(), "bsn")


def _phones(text: str, out: list[Finding]) -> None:
    """Dutch mobile, landline, 0800/0900 and +31/0031 numbers; a date is never a phone number."""
    for m in _PHONE.finditer(text):
        raw = m.group()
        if _LOOKS_LIKE_DATE.match(raw):
            continue
        digits = re.sub(r"\D", "", raw)
        if raw.startswith("(") and len(digits) != 10:
            continue
        _add(out, text, m.start(), m.end(), "phone")


def _emails_and_urls(text: str, out: list[Finding]) -> None:
    """E-mail addresses; URLs with a scheme, with www., or a bare domain with a path."""
    at = text.find("@")
    while at > 0:
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at)
        if local and domain:
            _add(out, text, local.start(), domain.end(), "email")
        at = text.find("@", at + 1)
    spans = [(m.start(), m.end()) for m in _URL.finditer(text)]
    for m in _BARE_URL_TLD.finditer(text):
        domain = _BARE_URL_DOMAIN.search(text, max(0, m.start() - 100), m.start())
        if domain:
            spans.append((domain.start(), m.end()))
    for start, end in spans:
        while end > start and text[end - 1] in _URL_TRAIL:
            end -= 1
        # A closing bracket belongs to the URL only if the URL opened one.
        while (
            end > start
            and text[end - 1] == ")"
            and text.count("(", start, end) < text.count(")", start, end)
        ):
            end -= 1
            while end > start and text[end - 1] in _URL_TRAIL:
                end -= 1
        if end - start > 4:
            _add(out, text, start, end, "url")


def _postcodes(text: str, out: list[Finding]) -> None:
    """Dutch postcodes, with the house number (and addition) that follows in the same span."""
    for m in _POSTCODE.finditer(text):
        end = m.end()
        number = _HOUSE_NUMBER.match(text, end)
        if number:
            end = number.end()
        _add(out, text, m.start(), end, "postcode")


_STREET_PARTICLES = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "'t", "’t", "het", "la", "le"}
)
_ADJECTIVE_OF_PLACE = re.compile(rf"[{_UP}][{_LO}]+se")  # "Bergse Dorpsstraat", "Haagse Markt"


def _street_start(text: str, start: int) -> int:
    """Extend a street word to the left over what belongs to its name: "Van Goghlaan",
    "Van 't Hoffstraat", "Lange Nieuwstraat", "Jan van Galenstraat", "Prins Hendrikkade",
    "Tweede Jan Steenstraat", "Dr. Schaepmanstraat", "Bergse Dorpsstraat"."""
    words: list[tuple[int, str]] = []  # preceding words on the same line, nearest first
    pos = start
    while len(words) < 5:
        m = _PREVIOUS_WORD.search(text, max(0, pos - 40), pos)
        if not m:
            break
        words.append((m.start(1), m.group(1)))
        pos = m.start(1)
    best = start
    i = 0
    while i < len(words):
        word_start, word = words[i]
        low = word.lower()
        capital = word[:1].isupper()
        if low in _STREET_PARTICLES:
            # The chain of particles ends (leftwards) at a capitalised one: "de Van 't …".
            j = i
            while j < len(words) and words[j][1].lower() in _STREET_PARTICLES:
                j += 1
                if words[j - 1][1][:1].isupper():
                    break
            first_start, first = words[j - 1]
            if first[:1].isupper() and (first == "Van" or not _sentence_initial(text, first_start)):
                best, i = first_start, j  # "Van 't Hoffstraat", "aan de De Clercqstraat"
                continue
            if j < len(words) and words[j][1][:1].isupper():
                name = words[j][1]
                if name.lower() not in _NOT_NAMES or name.lower() in _STREET_PREFIXES:
                    best, i = words[j][0], j + 1  # "Jan van Galenstraat", "Admiraal de Ruyterweg"
                    continue
            break
        if capital and (
            low in _STREET_PREFIXES
            or low.split("-")[0] in FIRST_NAMES
            or _ADJECTIVE_OF_PLACE.fullmatch(word)
        ):
            best = word_start
        elif (
            capital
            and low not in _NOT_NAMES
            and i + 1 < len(words)
            and words[i + 1][1][:1].isupper()
            and words[i + 1][1].lower() in _STREET_PREFIXES
        ):
            # A name between a prefix and the street word: "Van Limburg Stirumplein".
            best, i = words[i + 1][0], i + 2
            continue
        else:
            break
        i += 1
    return best


def _streets_and_addresses(text: str, out: list[Finding]) -> None:
    """Street name + house number (+ addition) is an address; a street name alone is a street."""
    for m in _STREET_WORD.finditer(text):
        word = m.group()
        low = word.lower()
        if low in _NOT_STREETS or low.split("-")[-1] in _NOT_STREETS:
            continue
        if low.endswith("ring") and len(low) > 4 and low[-5] in "aeiouy":
            continue  # "Verzekering", "Vordering": nouns, not a ring road
        if _VERB_SLAAN.fullmatch(low):
            continue  # "Opslaan", "Overslaan": verbs, not a lane
        start = _street_start(text, m.start())
        number = _HOUSE_NUMBER.match(text, m.end())
        if number:
            _add(out, text, start, number.end(), "address")
            continue
        # Without a number: a strong suffix ("-straat", "-laan") is a street anywhere; a weak one
        # ("-hof", "-veld", "-burg": also surnames, towns and nouns) only after "de"/"het" or with
        # a prefix ("Oude Haven").
        strong = low.endswith(_STRONG_SUFFIXES)
        prefixed = start < m.start()
        article = _ARTICLE_BEFORE.search(text[max(0, start - 8) : start]) is not None
        if strong or prefixed or article:
            _add(out, text, start, m.end(), "street")
    for m in (*_BARE_STREET.finditer(text), *_BARE_STREET_OF.finditer(text)):
        # "Oude Haven", "Grote Markt": a prefix and a bare street word.
        number = _HOUSE_NUMBER.match(text, m.end())
        if number:
            _add(out, text, m.start(), number.end(), "address")
        else:
            _add(out, text, m.start(), m.end(), "street")
    for m in _LOWER_STREET.finditer(text):
        if m.group().lower() in _NOT_STREETS:
            continue
        number = _HOUSE_NUMBER.match(text, m.end())
        if number:
            _add(out, text, m.start(), number.end(), "address")


def _dates_of_birth(text: str, out: list[Finding]) -> None:
    """A date right after "geboren", "geb.", "geboortedatum" …, or just before "geboren"
    ("is op 3 april 1951 geboren"); the span is the date alone."""
    low = text.lower()
    if "geb" not in low and "dob" not in low:
        return  # most texts: no birth context at all, so no need to look for dates
    for pattern in (_BIRTH, _BIRTH_AFTER):
        for m in pattern.finditer(text):
            _add(out, text, m.start("date"), m.end("date"), "date_of_birth")


def _ages(text: str, out: list[Finding]) -> None:
    """Ages in a context that makes them a person's age; never "3 jaar geleden"."""

    def plausible(m: re.Match[str]) -> bool:
        return int(m.group("n")) <= 120

    for m in _JARIG.finditer(text):
        rest = (m.group("rest") or "").strip().lower()
        if rest in _AGE_NOT_OF_A_PERSON or not plausible(m):
            continue
        _add(out, text, m.start(), m.start("rest") if m.group("rest") else m.end(), "age")
    for m in _SPELLED_AGE.finditer(text):
        rest = (m.group("rest") or "").strip().lower()
        if rest not in _AGE_NOT_OF_A_PERSON:
            _add(out, text, m.start("age"), m.end("age"), "age")
    for number in _AGE_NUMBER.finditer(text):
        pos = number.start()
        last = _LAST_TOKEN.search(text[max(0, pos - 25) : pos])
        previous = last.group(1).lower() if last else ""
        for here, gate, before, person in _AGE_RULES:
            if gate is not None and previous not in gate:
                continue
            hit = here.match(text, pos)
            if not hit or not plausible(hit):
                continue
            context = before.search(text, max(0, pos - 40), pos) if before else None
            if before and not context:
                continue
            after = hit.end("age")
            if _NOT_AGE_UNIT.match(text, after) or _NOT_AFTER_AGE.match(text, after):
                continue  # "man van 2 meter", "moeder van 3 kinderen"
            if person == _NOT_A_THING and context:
                subject = _WORD_BEFORE_VERB.search(
                    text, max(0, context.start() - 30), context.start()
                )
                if subject and subject.group(1).lower() in _NOT_A_PERSON_SUBJECT:
                    continue
            if person == _A_PERSON and context and not _person_subject(text, context.start()):
                continue
            _add(out, text, hit.start("age"), after, "age")
            break
    for m in _PAREN_AGE.finditer(text):
        word = _WORD_BEFORE_PAREN.search(text, max(0, m.start() - 40), m.start())
        if not word or word.group("word").lower() in _NOT_BEFORE_PAREN_AGE or not plausible(m):
            continue
        if _place(word.group("word")) and not _NAME_BEFORE_SURNAME.search(
            text, max(0, word.start() - 40), word.start()
        ):
            continue  # "Utrecht (3), Zeist (2)": a count per town; not "Gerrit Berg (59)"
        _add(out, text, m.start("age"), m.end("age"), "age")
    _ages_of_relatives(text, out)


def _person_subject(text: str, verb: int) -> bool:
    """Whether the word before the verb at ``verb`` is a person: a pronoun ("hij"), a title or
    relative ("mevrouw", "de jongen") or a name ("Hoek is", "Priya, is"); not "het contract"."""
    m = _SUBJECT_BEFORE.search(text, max(0, verb - 40), verb)
    if not m:
        return False
    word = m.group(1)
    low = word.lower()
    if low in _PERSON_PRONOUNS or low in _TITLE_WORDS or low in _PERSON_NOUN_WORDS:
        return True
    if not word[:1].isupper() or not _is_name_word(word):
        return False
    return not _sentence_initial(text, m.start(1)) or low in FIRST_NAMES or low in _SURNAMES


def _ages_of_relatives(text: str, out: list[Finding]) -> None:
    """Ages listed after family words: "vader 37, moeder 33", "kinderen 11 en 4"."""
    low = text.lower()
    for m in _KIN_AGE.finditer(text):
        noun, n = m.group("noun").lower(), int(m.group("n"))
        if n > 110 or (noun in _ADULT_KIN and n < 15):
            continue
        if len(re.findall(rf"(?<![\w\-]){noun}[ ]+\d", low)) > 1:
            continue  # "zoon 1 … zoon 2": numbered children, not ages
        _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _KIDS_AGES.finditer(text):
        if _NOT_AGE_UNIT.match(text, m.end()) or _NOT_AFTER_AGE.match(text, m.end()):
            continue
        for number in _LIST_NUMBER.finditer(m.group("list")):
            start = m.start("list") + number.start()
            _add(out, text, start, start + len(number.group()), "age")


def _ages_after_names(text: str, out: list[Finding]) -> None:
    """A number in apposition to a name the rules found: "Hamid Rahimi, 23, kwam …"."""
    for finding in [f for f in out if f.kind == "name"]:
        m = _AGE_APPOSITION.match(text, finding.end)
        if not m or int(m.group("n")) > 110:
            continue
        if _NOT_AGE_UNIT.match(text, m.end("age")) or _NOT_AFTER_AGE.match(text, m.end("age")):
            continue
        _add(out, text, m.start("age"), m.end("age"), "age")


def _plates(text: str, out: list[Finding]) -> None:
    """Dutch licence plates in the sidecodes with hyphens; all-digit shapes (dates) excluded."""
    for m in _PLATE.finditer(text):
        _add(out, text, m.start(), m.end(), "licence_plate")


def _case_numbers(text: str, out: list[Finding]) -> None:
    """An identifier after a dossier word, or a standalone "WMO-2024-00123"-like number."""
    low = text.lower()
    has_context = any(word in low for word in _CASE_WORDS)
    for m in _CASE_CONTEXT.finditer(text) if has_context else ():
        ident = m.group("id")
        digits = sum(ch.isdigit() for ch in ident)
        if digits < 3:
            continue
        if _YEAR_OR_YEARS.fullmatch(ident) and (
            ident.isdigit() or 0 <= int(ident[-4:]) - int(ident[:4]) <= 10
        ):
            continue  # "het dossier 2023", "dossier 2023-2024": a year, not a number
        _add(out, text, m.start("id"), m.end("id"), "case_number")
    for m in _CASE_AFTER_NUMBER.finditer(text) if has_context else ():
        if sum(ch.isdigit() for ch in m.group("id")) >= 4:
            _add(out, text, m.start("id"), m.end("id"), "case_number")
    for m in _CASE_STANDALONE.finditer(text):
        prefix = m.group("id").split(m.group("sep"))[0]
        if prefix.upper() in _NOT_CASE_PREFIX:
            continue
        if m.group("mixed") and m.group("id")[len(prefix) + 1 :][:2] not in ("19", "20"):
            continue  # a mixed-case prefix only with a year: "RvdK-2024-11093"
        _add(out, text, m.start("id"), m.end("id"), "case_number")


# --- names -----------------------------------------------------------------------------------


def _is_name_word(word: str) -> bool:
    """Whether a capitalised word can be (part of) a name: not a function word, heading,
    organisation, acronym ("Wmo", "GGZ") or Roman numeral."""
    low = word.lower()
    if low in _NOT_NAMES or _ROMAN.fullmatch(word):
        return False
    if word.upper() in ACRONYMS and (word.isupper() or len(word) <= 4):
        return False
    if low.startswith(("hier", "daar", "waar")):
        return False  # "Hierover", "Daarna", "Waardoor": adverbs that open a sentence
    if _STREET_ENDING.search(low):
        return False  # "Schaepmanstraat", "Jan Steenstraat": a street, not a surname
    if word.isupper() and (word in _CAPS_WORDS or not _VOWEL.search(word)):
        return False  # an ordinary word shouted, or letters without a vowel ("CJG", "JJJJ")
    return not any(part.upper() in ACRONYMS for part in word.split("-") if part.isupper())


def _looks_like_sentence_start(word: str) -> bool:
    """After a pseudonym such as "meneer B." a capitalised past participle ("Afgesproken",
    "Gebeld") or a noun with a typical ending ("Huisvesting", "Communicatie", "Veiligheid")
    starts a new sentence; it is not the surname of "B."."""
    low = word.lower()
    return _PARTICIPLE.fullmatch(low) is not None or _NOUN_ENDING.search(low) is not None


def _parse_name(
    text: str, pos: int, *, lower: bool = False, max_words: int = 3, initials: bool = True
) -> int | None:
    """Parse a name starting at ``pos``: initials, first names, particles, a surname and a
    hyphenated second surname ("A. Jansen", "Fatima El Idrissi", "Jansen-de Vries").
    Returns the end of the last name word, or None when there is none (a pseudonym "A.")."""
    end: int | None = None
    single_initial = False
    if initials:
        m = _INITIALS.match(text, pos)
        if m and m.group().strip() not in _NOT_INITIALS:
            single_initial = m.group().count(".") == 1
            pos = m.end()
            sp = _SPACE.match(text, pos)
            if sp:
                pos = sp.end()
    words = 0
    while words < max_words:
        cur = pos
        particle = _PARTICLE.match(text, cur)
        if particle:
            cur = particle.end()
        m = _NAME_WORD.match(text, cur)
        if m and _is_name_word(m.group()):
            if (
                words == 0
                and single_initial
                and particle is None
                and _looks_like_sentence_start(m.group())
            ):
                return None  # "meneer B. Afgesproken is …": a pseudonym, then a new sentence
            end = m.end()
            if m.group().isupper():
                break  # more words in capitals are for the capitals rule to judge
        elif lower:
            lm = _LOWER_WORD.match(text, cur)
            if not lm:
                break
            candidate = re.sub(r"\s+", " ", text[pos : lm.end()]).lower()
            if candidate not in _SURNAMES and not (
                words == 0 and candidate in FIRST_NAMES and particle is None
            ):
                break
            end = lm.end()
        else:
            # A capitalised particle may itself be the start: "Van der Linden", "El Amrani".
            break
        words += 1
        # A double surname: "Jansen-de Vries", "Jansen-Bakker".
        hyphen = _HYPHEN_JOIN.match(text, end)
        if hyphen:
            second = _NAME_WORD.match(text, hyphen.end())
            if second and _is_name_word(second.group()):
                end = second.end()
        sp = _SPACE.match(text, end)
        if not sp:
            break
        pos = sp.end()
    return end


def _names_after_titles(text: str, out: list[Finding]) -> None:
    """A name right after "mevrouw", "dhr.", "zoon", "buurvrouw" …; the title is not part of it.
    Pseudonyms ("mevrouw A.", "de zoon") have no name word and give nothing."""
    for m in _TOKEN.finditer(text):
        title = m.group()
        low = title.lower()
        if low not in _TITLE_WORDS or not text[m.end() : m.end() + 1].isspace():
            continue
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_"):
            continue
        if title.isupper() and len(title) <= 3:
            continue  # "DR", "MW": the letters of a postcode ("2192 DR Utrecht"), not a title
        if low == "heer" and text[max(0, m.start() - 3) : m.start()].lower() != "de ":
            continue  # "de heer" is a title, "heer" alone hardly ever
        sp = _SPACE.match(text, m.end())
        if not sp:
            continue
        pos = sp.end()
        if low in _RELATION_WORDS:
            # "de moeder van Jansen" is about Jansen; "van" is not part of the name here. After
            # "collega" or "vrijwilliger", "van" is followed by an organisation instead.
            van = re.match(r"van[ ]+(?=[A-Z])", text[pos : pos + 5])
            if van:
                if low not in _KIN:
                    continue
                pos += van.end()
            # Relationship words take only capitalised names: "zoon de weg wijzen" has an
            # article, "moeder zegt" a verb.
            if not text[pos : pos + 1].isupper():
                continue
            end = _parse_name(text, pos)
        else:
            end = _parse_name(text, pos, lower=True)
        if end is None:
            continue
        _add(out, text, pos, end, "name")
        if low in _PLURAL_RELATION_WORDS:
            # "ouders Jansen en Bakker": the second name belongs to the same title.
            both = _AND_NAME.match(text, end)
            second = _parse_name(text, both.end()) if both else None
            if both and second is not None:
                _add(out, text, both.end(), second, "name")


def _names_from_first_names(text: str, out: list[Finding]) -> None:
    """A common first name, with the surname that follows it if any ("Piet de Vries")."""
    for m in _NAME_WORD.finditer(text):
        word = m.group()
        if word.isupper():
            continue
        first = word.split("-")[0].lower()
        if first not in FIRST_NAMES:
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "@/."):
            continue
        end = m.end()
        sp = _SPACE.match(text, end)
        if sp:
            more = _parse_name(text, sp.end(), max_words=2, initials=False)
            if more is not None:
                end = more
        if (
            end == m.end()
            and first in _AMBIGUOUS_FIRST
            and _sentence_initial(text, m.start())
            and "-" not in word
        ):
            continue
        _add(out, text, m.start(), end, "name")


_CAPS_TOKEN = re.compile(
    rf"(?<![\w\-@./'’&])(?:['’]T|[{_UP}][{_UP}'’]*[{_UP}])(?:-[{_UP}][{_UP}'’]*)*(?![\w\-@'’&/]|\.\w)"
)
_CAPS_PARTICLES = frozenset(p.upper() for p in _PARTICLES) | {"’T"}
_CAPS_NOT_NAME_ENDING = re.compile(
    r"(?:HEID|TIE|SIE|LIJK|LIJKE|ISCH|ISCHE|SCHAP|TEIT|ING|INGEN|IGE|ELIJK|BAAR|ZAAM|LOOS|"
    r"LOZE|ATIEF|IEF|IEVE|EREN|ATOR|ISME|ISTISCH)$"
)
_PARTICLES_BEFORE = re.compile(rf"(?P<before>\S+)[ ]+(?P<particles>(?:{_PARTICLE_RE}[ ]){{1,3}})$")
_INITIALS_BEFORE = re.compile(rf"(?<![\w.])(?:[{_UP}]\.[ ]?){{1,4}}[ ]?$")
_WORD_BEFORE = re.compile(rf"(?<![\w\-])(?P<w>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?)[ ]$")


def _after_title(text: str, start: int) -> bool:
    previous = _LAST_WORD.search(text[max(0, start - 20) : start])
    return previous is not None and previous.group(1).lower() in _TITLE_WORDS


def _caps_pieces(run: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Split a run of words in capitals at acronyms and ordinary words; keep pieces with a
    name word, without particles dangling at the end ("VAN DEN BERG", not "JANSEN VAN")."""
    pieces: list[list[re.Match[str]]] = []
    piece: list[re.Match[str]] = []
    for tok in [*run, None]:
        if tok is not None and (tok.group() in _CAPS_PARTICLES or _is_name_word(tok.group())):
            piece.append(tok)
            continue
        while piece and piece[-1].group() in _CAPS_PARTICLES:
            piece.pop()
        if piece:
            pieces.append(piece)
        piece = []
    return pieces


def _names_in_capitals(text: str, out: list[Finding]) -> None:
    """Surnames written in capitals, as dossiers and letters do: "JANSEN", "Piet DE VRIES",
    "P. BAKKER", "EL AMRANI". Acronyms (WMO, GGZ …) and shouted sentences are left alone."""
    runs: list[list[re.Match[str]]] = []
    for tok in _CAPS_TOKEN.finditer(text):
        if runs and text[runs[-1][-1].end() : tok.start()] in (" ", "  "):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    for run in runs:
        words = [t.group() for t in run]
        ordinary = [w for w in words if w in _CAPS_WORDS and w not in _CAPS_PARTICLES]
        name_words = [w for w in words if w not in _CAPS_PARTICLES and _is_name_word(w)]
        if len(run) >= 2 and (ordinary or len(name_words) > 3):
            continue  # a shouted sentence or heading: "LET OP", "GEEN CONTACT MET MOEDER"
        for piece in _caps_pieces(run):
            start, end = piece[0].start(), piece[-1].end()
            word = piece[0].group()
            if len(piece) == 1 and (len(word) < 3 or word in ACRONYMS):
                continue
            extended = _caps_name_start(text, start)
            lone = len(piece) == 1 and extended == start and not _after_title(text, start)
            # A single word in capitals with nothing name-like around it is often emphasis
            # ("is ZWANGER", "MISHANDELING"), which Dutch noun and adjective endings give away,
            # or an acronym we do not know ("OTS"): three letters or fewer.
            if lone and (_CAPS_NOT_NAME_ENDING.search(word) or len(word) <= 3):
                continue
            _add(out, text, extended, end, "name")


def _caps_name_start(text: str, start: int) -> int:
    """Take in initials or a first name just before a surname in capitals: "P. BAKKER",
    "Piet DE VRIES", "Fatima EL AMRANI", also "mevrouw de VRIES" (lowercase particle)."""
    window_start = max(0, start - 40)
    m = _PARTICLES_BEFORE.search(text, window_start, start)
    if m:
        before = m.group("before").lower()
        if before in _TITLE_WORDS or before.split("-")[0] in FIRST_NAMES:
            start = m.start("particles")
            window_start = max(0, start - 40)
    m = _INITIALS_BEFORE.search(text, window_start, start)
    if m and m.group().strip() not in _NOT_INITIALS:
        return m.start()
    m = _WORD_BEFORE.search(text, window_start, start)
    if m:
        word = m.group("w")
        if word.lower() in _TITLE_WORDS:
            return start
        if word.split("-")[0].lower() in FIRST_NAMES or (
            _is_name_word(word) and not _sentence_initial(text, m.start("w"))
        ):
            return m.start("w")
    return start


_INITIALS_NAME = re.compile(
    rf"(?<![\w.])(?:[{_UP}]\.[ ]?){{1,4}}[ ]?(?=(?:{_PARTICLE_RE}[ ]+)*[{_UP}])"
)


def _names_with_initials(text: str, out: list[Finding]) -> None:
    """Initials and a surname: "P. Bakker", "J.P. de Vries"; not "N.B. Mevrouw …"."""
    for m in _INITIALS_NAME.finditer(text):
        end = _parse_name(text, m.start(), max_words=1)
        if end is not None and end > m.end():
            _add(out, text, m.start(), end, "name")


# --- names in lower case, with deduce's name lists ------------------------------------------


@functools.cache
def _deduce_list(name: str) -> frozenset[str]:
    """One of the lookup lists that ship with deduce ("names/lst_surname",
    "whitelist/lst_common_word" …), lower-cased; empty when deduce is not installed. The text
    files are read directly, without importing deduce (which takes seconds)."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    folder = Path(next(iter(spec.submodule_search_locations)), "data", "lookup", "src")
    try:
        lines = (folder / name / "items.txt").read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip().lower() for line in lines if line.strip())


_FUNCTION_WORDS = _words(
    "wel niet ook maar en dan toen daarom dus nu want of toch daarna later verder zo al nog pas "
    "eerst samen soms vaak wij we zij ze hij het er dat die dit deze"
)


def _function_word(word: str) -> bool:
    """A word that opens a sentence but is never a surname: "wel", "toen", "daarom" …"""
    return word in _FUNCTION_WORDS or word in _deduce_list("whitelist/lst_stop_word")


def _common_word(word: str) -> bool:
    """An ordinary Dutch word: one of ours, or in deduce's lists of common and stop words."""
    return (
        word in _NOT_NAMES
        or word in _deduce_list("whitelist/lst_common_word")
        or word in _deduce_list("whitelist/lst_stop_word")
    )


def _place(word: str) -> bool:
    """A Dutch town or municipality in deduce's lists ("Utrecht", "Zeist"), unless it is also a
    first name or common surname of ours."""
    low = word.lower()
    if low in FIRST_NAMES or low in _SURNAMES:
        return False
    return low in _deduce_list("locations/lst_placename/lst_residence") or low in _deduce_list(
        "locations/lst_placename/lst_municipality"
    )


def _lower_surname_end(text: str, pos: int) -> int | None:
    """The end of a surname typed in lower case at ``pos`` ("pieters", "de vries",
    "el idrissi"): one of our common surnames or one of deduce's, but not an ordinary word."""
    particle = _PARTICLE.match(text, pos)
    m = _LOWER_WORD.match(text, particle.end() if particle else pos)
    if not m:
        return None
    if re.sub(r"\s+", " ", text[pos : m.end()]) in _SURNAMES:
        return m.end()
    word = m.group()
    if len(word) < 3 or _common_word(word):
        return None
    names = "names/lst_interfix_surname" if particle else "names/lst_surname"
    return m.end() if word in _deduce_list(names) else None


_LOWER_NAME = re.compile(rf"(?<![\w@/.\-'’&+#])[{_LO}]{{2,}}(?![\w@&+]|['’](?!s\b)|[\-/.]\w)")


def _names_in_lower_case(text: str, out: list[Finding]) -> None:
    """First names typed in lower case in a hasty note ("gesprek met fatima", "nb yonas heeft
    een nieuw nummer"), with the surname after them ("jan pieters"). A first name that is also a
    word or an abbreviation ("jan", "rob", "ben") counts only with a surname after it."""
    for m in _LOWER_NAME.finditer(text):
        word = m.group()
        if word not in FIRST_NAMES:
            continue
        end = m.end()
        sp = _SPACE.match(text, end)
        if sp:
            if text[sp.end() : sp.end() + 1].isupper():
                surname = _parse_name(text, sp.end(), max_words=2, initials=False)
            else:
                surname = _lower_surname_end(text, sp.end())
            if surname is not None:
                end = surname
        if end == m.end() and word in _AMBIGUOUS_LOWER:
            continue
        _add(out, text, m.start(), end, "name")


# --- names after cue words and before ages ---------------------------------------------------

# After a label in a dossier or note ("Naam:", "Huurder:", "Terugbelverzoek:") or a heading
# word ("Casus Jansen", "Huisbezoek Bakker", "Bezoek Yilmaz via de achterdeur") a capitalised
# word is a name. "namens" and "t.n.v." are also followed by organisations, so after them a
# name needs a first name, initials or two words.
_NAME_LABEL = re.compile(
    r"(?<![\w\-])(?:"
    r"(?P<label>(?:(?:achter|voor|roep|meisjes|geboorte)?naam(?:[ ]+(?:cliënt|client|ouder|"
    r"jeugdige|kind|moeder|vader|partner))?|aanvrager|aanvraagster|huurder|verhuurder|"
    r"betrokkene|melder|contactpersoon|terugbelverzoek|belverzoek|terugbellen))[ \t]*:"
    r"|(?:casus|huisbezoek|bezoek|intake|gesprek|telefoongesprek|belnotitie|terugbelverzoek|"
    r"kennismakingsgesprek|(?:mijn|zijn|haar|de)[ ]+naam[ ]+is|heet|genaamd|alias)"
    r"|(?P<weak>namens|t\.n\.v\.|tnv|ten[ ]name[ ]van))[ \t]+",
    re.IGNORECASE,
)


def _names_after_cues(text: str, out: list[Finding]) -> None:
    """A capitalised name after a label or heading word; see ``_NAME_LABEL``."""
    for m in _NAME_LABEL.finditer(text):
        pos = m.end()
        if not text[pos : pos + 1].isupper():
            continue
        end = _parse_name(text, pos)
        if end is None:
            continue
        if " " not in text[pos:end] and _place(text[pos:end]):
            continue  # "Huisbezoek Zeist", "namens Utrecht"
        if m.group("weak"):
            name = text[pos:end]
            if (
                " " not in name
                and "." not in name
                and name.split("-")[0].lower() not in FIRST_NAMES
            ):
                continue  # "namens Woonbron": an organisation
        _add(out, text, pos, end, "name")


_PERSON_NOUN_WORDS = _words(_PERSON_NOUNS.replace("|", " ") + " " + _PARENT_NOUNS.replace("|", " "))
_NAME_BEFORE_AGE = re.compile(
    rf"(?:(?<![\w\-])[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?[ ]+(?:{_PARTICLE_RE}[ ]+){{0,3}})?"
    rf"(?<![\w\-])(?P<last>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?)[ ]?$"
)


def _names_before_ages(text: str, out: list[Finding]) -> None:
    """A capitalised word right before an age in brackets is a name: "Kidane (15)",
    "Filmon Kidane (15)"; not "Zoon (12)", "Groep (8)" or "Bijlage (2)"."""
    for m in _PAREN_AGE.finditer(text):
        if int(m.group("n")) > 110:
            continue
        name = _NAME_BEFORE_AGE.search(text, max(0, m.start() - 60), m.start())
        if not name:
            continue
        last = name.group("last")
        low = last.lower()
        if (
            low in _TITLE_WORDS
            or low in _PERSON_NOUN_WORDS
            or low in _NOT_BEFORE_PAREN_AGE
            or not _is_name_word(last)
        ):
            continue
        start = name.start()
        first = text[start : name.start("last")].split()
        if first and (
            not _is_name_word(first[0])
            or first[0].lower() in _TITLE_WORDS
            or (_sentence_initial(text, start) and first[0].lower() not in FIRST_NAMES)
        ):
            start = name.start("last")  # "Gisteren Jansen (45) …": only the surname
        if start == name.start("last") and _place(last):
            continue  # "Utrecht (3), Zeist (2)": a count per town
        if (
            start == name.start("last")
            and _sentence_initial(text, start)
            and low not in FIRST_NAMES
            and low not in _SURNAMES
        ):
            continue  # "Aanmeldingen (12)": a heading with a count
        _add(out, text, start, name.end("last"), "name")


# Surnames that are also ordinary Dutch words; see ``unlikely_name``.
_WORD_SURNAMES = _words(
    """
    groen rood zwart wit bruin blauw geel grijs link rust mol hoek storm winter zomer lente
    herfst koning keizer prins graaf bos berg dijk beek brink veld hof kamp post koster kok
    bakker visser smit schipper jager boer koopman kramer timmerman molenaar vos haan valk kraai
    wolf beer leeuw vink zwaan groot klein lang kort sterk wijs vrij blij snel goud zilver steen
    hout kaal vis kuiper kleermaker schilder smid mens dekker brouwer
    """
)
# Verbs that follow a surname opening a sentence ("Vos vroeg …", "Kok belde …").
_FINITE_VERBS = _words(
    """
    is was heeft had wil wilde kan kon moet moest mag mocht zal zou gaat ging komt kwam zegt zei
    vraagt vroeg belt belde mailt mailde appt appte woont woonde werkt werkte vertelt vertelde
    geeft gaf krijgt kreeg stuurt stuurde wordt werd blijft bleef zit zat staat stond ligt lag
    loopt liep doet deed denkt dacht weet wist vindt vond ziet zag neemt nam laat liet maakt
    maakte betaalt betaalde ontvangt ontving weigert weigerde verhuist verhuisde reageert
    reageerde meldt meldde heeft hoort hoorde spreekt sprak praat praatte kent kende slaapt sliep
    """
)
_NEXT_WORD = re.compile(r"[ ]+([^\W\d_]+)")


def unlikely_name(text: str, start: int, end: int) -> bool:
    """Whether a name that another detector (deduce) found at ``text[start:end]`` is more
    likely ordinary Dutch: only particles ("van de" before a street name), a town after "te"
    ("te Woudenberg"), or a surname that is also a word opening a sentence without a verb
    after it ("Groen licht van de manager", "Link naar het profiel"; not "Vos vroeg …")."""
    words = text[start:end].split()
    if not words or all(word.lower() in _PARTICLES for word in words):
        return True
    if words[0] == "te" and len(words) == 2:
        return True
    if len(words) == 2 and re.fullmatch(r"[A-Z]\.", words[0]) and _function_word(words[1].lower()):
        return True  # "meneer G. Wel zagen we …": a pseudonym at the end of a sentence
    if len(words) != 1 or not _sentence_initial(text, start):
        return False
    low = words[0].lower()
    if low not in _WORD_SURNAMES and not _common_word(low):
        return False
    after = _NEXT_WORD.match(text, end)
    if not after or not after.group(1).islower():
        return False
    verb = after.group(1)
    return verb not in _FINITE_VERBS and not (len(verb) > 4 and verb.endswith(("de", "te")))


def _names(text: str, out: list[Finding]) -> None:
    _names_after_titles(text, out)
    _names_with_initials(text, out)
    _names_from_first_names(text, out)
    _names_in_capitals(text, out)
    _names_in_lower_case(text, out)
    _names_after_cues(text, out)
    _names_before_ages(text, out)


# ---------------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------------


def _resolve(text: str, candidates: Iterable[Finding]) -> list[Finding]:
    """Keep non-overlapping findings: the most specific kind first, then the longest span."""
    ordered = sorted(
        candidates,
        key=lambda f: (_TIER[f.kind], -(f.end - f.start), _KIND_RANK.get(f.kind, 0), f.start),
    )
    taken = bytearray(len(text))
    kept: list[Finding] = []
    for finding in ordered:
        if any(taken[finding.start : finding.end]):
            continue
        kept.append(finding)
        taken[finding.start : finding.end] = b"\x01" * (finding.end - finding.start)
    return sorted(kept)


_RULES: tuple[Callable[[str, list[Finding]], None], ...] = (
    _bsns,
    _phones,
    _emails_and_urls,
    _postcodes,
    _streets_and_addresses,
    _dates_of_birth,
    _ages,
    _plates,
    _case_numbers,
    _names,
    _ages_after_names,
)


def find(text: str) -> list[Finding]:
    """All personal data the rules find in ``text``: non-overlapping, sorted by start.

    Numbers inside something shaped like an IBAN (valid or not) are not reported as a phone
    number, BSN or plate: a mistyped IBAN is no reason to warn about a phone number."""
    if not text:
        return []
    candidates: list[Finding] = []
    masks: list[tuple[int, int]] = []
    _ibans(text, candidates, masks)
    for rule in _RULES:
        rule(text, candidates)
    if masks:
        candidates = [
            f
            for f in candidates
            if f.kind in ("iban", "email", "url")
            or not any(s <= f.start and f.end <= e for s, e in masks)
        ]
    return _resolve(text, candidates)
