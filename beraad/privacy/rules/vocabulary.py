"""Shared vocabulary of the rules: Dutch word lists (acronyms, first names, surnames, particles,
titles …), the letter classes and token patterns built on them, and deduce's own word, name and
town lists read as plain text files."""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path


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
    " els ton frank mark riet lama emir bob max min"
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
    gezin
    son daughter mother father brother sister wife husband
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
# "Jansen" in "Jansen's" and in "Jansen-de Vries"; not "Piet" in "Piet-gebak". At most four
# parts joined by hyphens: an unbounded chain made a long run of "Aa-Aa-…" take seconds to
# check (every start tried the whole run again).
_NAME_WORD = re.compile(
    rf"(?:[DOL]['’])?[{_UP}](?:[{_LO}]+|[{_UP}]+)(?:-[{_UP}][{_LO}{_UP}]+){{0,3}}"
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


# --- deduce's word, name and town lists ----------------------------------------------------


@functools.cache
def _deduce_list(name: str, file: str = "items.txt") -> frozenset[str]:
    """One of the lookup lists that ship with deduce ("names/lst_surname",
    "whitelist/lst_common_word" …), lower-cased; empty when deduce is not installed. The text
    files are read directly, without importing deduce (which takes seconds)."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    folder = Path(next(iter(spec.submodule_search_locations)), "data", "lookup", "src")
    try:
        lines = (folder / name / file).read_text(encoding="utf-8").splitlines()
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


_PLACE_LISTS = (
    "locations/lst_placename/lst_residence",
    "locations/lst_placename/lst_municipality",
    "locations/lst_placename/lst_province",
    "locations/lst_placename/lst_region",
)
_PLACE_QUALIFIER = re.compile(r"\s*\([^)]*\)$")  # "Aalst (Gld)": the province that tells two apart


@functools.cache
def _place_names() -> tuple[frozenset[str], dict[str, int]]:
    """deduce's towns, villages, municipalities, provinces and regions, lower-cased and without
    the province in brackets, minus deduce's own exceptions ("Appel", "Bent"); and for each first
    word the most words a place starting with it has ("wijk" → 3 for "Wijk bij Duurstede")."""
    names: set[str] = set()
    for name in _PLACE_LISTS:
        exceptions = _deduce_list(name, "exceptions.txt")
        for entry in _deduce_list(name):
            entry = _PLACE_QUALIFIER.sub("", entry).replace("’", "'")
            if entry and entry not in exceptions:
                names.add(entry)
                if entry.startswith("sint "):
                    names.add("st. " + entry[5:])
    longest: dict[str, int] = {}
    for entry in names:
        words = entry.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return frozenset(names), longest
