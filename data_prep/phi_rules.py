"""The rule half of report de-identification: what a NER model misses in cardiology reports.

Its parts each return [(start, end, placeholder)] spans of the original text:
- `header_spans`: the study's own DICOM header values (names, ids, dates, places, phones) in the
  spellings reports use: accents folded, apostrophes dropped, any word order, initials;
- `pattern_spans`: the Safe Harbor identifiers with a written form (dates, ages over 89, addresses,
  ZIP/postcodes, e-mail, URL, IP, phone/pager/extension, record/accession/account/licence/serial
  numbers, titled, labelled and post-nominal names, hospitals). `_RULES` stand as found;
  `_CONTEXT_RULES` (capitalised words after a label or a verb of care) need a word that could be a
  name; `_NAME_SHAPE_RULES` (names known by their shape alone) need every word to be one;
- `following_spans`: what continues a found span (the next town or postcode, the next line of an
  address block, the next name of a list);
- `gazetteer_spans`: names known by their words (phi_names' lexicon), or, where a name stands (after a
  cue or title, in a list of people, as a login, on a sign-off line), by being no English word
  (phi_names.english) and no clinical one;
- `ocr_spans`: what the rules find once OCR's digits inside words are read back as letters;
- `is_clinical`: the cardiology allow-list that keeps MR, LGE, Simpson... from being taken for
  people or places by the NER model.
Titles are matched case-sensitively and only before a capitalised word: "Moderate MR with a
central jet" has no name in it.
"""

import unicodedata

import regex as re

from data_prep import phi_names

_WORD = r"\p{Lu}[\p{L}'’\-]*\p{L}"  # a capitalised (or upper-case) word: Nguyen, MUÑOZ, O'Neill
_INITIAL = r"\p{Lu}(?:[ \t]?\.)?"  # 'J.', 'J', OCR's 'J .'
_PARTICLE = (r"(?:van|von|de|der|den|da|das|dos|del|dela|della|delos|di|du|le|la|al|el|bin|bint|binte|binti|bte|ibn|ap|ab|ter|"
             r"ten|te|mac|nic|ni|ní|ui|uí|y)")
_PARTICLE_UP = r"(?:VAN|VON|DE|DER|DEN|DA|DAS|DOS|DEL|DELLA|DI|DU|LE|BIN|IBN)"
_NICKNAME = r"(?:[ \t]+(?:\(\p{Lu}\p{Ll}+\)|[\"“]\p{Lu}\p{Ll}+[\"”]))"
_POSTNOMINALS = (r"(?:MD|DO|NP|PA-C|PA|RN|RGN|FRCR|FRCPI|FRCSI|MRCPI|FRCPC|MB|FRCP|FRACP|FACC|FSCMR|FESC|MRCP|MBBS|MBChB|MB\s?BS|PhD|DPhil|"
                 r"DNP|CNS|ANP|RT|RDCS|CCDS|BSc|MSc|CRNP)")
# Post-nominals that are also clinical abbreviations (main PA, DO) count only after a comma.
_AMBIGUOUS_POSTNOMINALS = r"(?:PA|DO|RT|CNS|ANP)"
_ROLES = (r"wife|husband|dtr|dau|partner|daughter|son|mother|father|mum|mom|mam|dad|granny|grandma|grandpa|fianc[ée]e?|baby|sister|brother|carer|friend|nephew|niece|aunt|uncle|"
          r"grandson|granddaughter|grandmother|grandfather|grandchild|aunty|auntie|cousin|stepson|stepdaughter|stepfather|stepmother|neighbour|neighbor|guardian|consultant|cardiologist|radiologist|"
          r"surgeon|physician|registrar|spr|fellow|resident|intern|nurse|physiologist|radiographer|sonographer|"
          r"technologist|coordinator|co-ordinator|secretary|gp|anaesthetist|anesthetist|pharmacist|dietitian|"
          r"physiotherapist|specialist\s+nurse|house\s+officer|sho|attending|colleague|locum|interpreter|counsell?or|therapist|"
          r"technician|tech|assistant|hca|porter|midwife|physicist|superintendent|perfusionist|phlebotomist|chaplain|advocate|typist|next\s+of\s+kin|nok|parents?|"
          r"booking\s+team|social\s+worker|health\s+visitor|manager|administrator|receptionist|scheduler")
# Title-case words only (never all capitals): a name with no title or label before it.
# Staff designations notes write in brackets after a name: '(RN)', '(pharm)', '(pgy1)', '(night RN)', '(med sec)'.
_DESIGNATIONS = (r"rn|rgn|en|sn|cn|hca|ra|ca|np|pa|ot|pt|sw|pharm|pharmacist|physio|pgy-?\d|fy-?\d|ct-?\d|st-?\d|f\d|sho|reg|spr|"
                 r"sec|med\s+sec|secretary|admin|clerk|ward\s+clerk|coordinator|chaplaincy|dietetics|scribe|locum|bank|agency|"
                 r"cns|anp|acp|ccp|chief|lead|charge|matron|tech|radiographer|physicist|superintendent|student|trainee|"
                 r"attending|fellow|intern|resident|resus|bookings?|reception|switchboard")
_TITLE_NAME = (r"\p{Lu}\p{Ll}[\p{L}'’\-]*(?:(?:[ \t]+\p{Lu}\.)?(?:[ \t]+(?:van|von|de|dela|da|del|di|le|la|al|ap|ter|(?:al|el|ul)-)?[ \t]*"
               r"\p{Lu}\p{Ll}[\p{L}'’\-]*){1,2}|(?:[ \t]+\p{Lu}\.?){1,2}(?![\w]))")
_LABELS = r"(?i:dob|d\.o\.b|mrn|nhs|id|age|sex|hosp|acc|dos|ref|tel|address|ward|bed|gp)"
_TITLES = (r"(?:Drs|Dra|Dres|Dr|Doctor|Profs|Prof|PROF|Professor|Frau|Herr|Mme|Mlle|Sra|Srta|Dott(?:\.?ssa)?|Sig\.ra|Mevr|Dhr|Pani|Smt|Shri|A/Prof|Assoc\.?\s+Prof|Mr|Mrs|MRS|Ms|Miss|Mx|Sister|Sr|Nurse|Matron|Rev|Fr|Capt|Sgt|Cpl|Cdr|Cmdr|Brig|Pte|"
           r"Rabbi|Imam|Pastor|Sheikh|Mdm|Mnr|Dre|Puan|Encik|Alhaji|Mallam|Malam|Sardar|Aunty|Auntie)")
# A person's name: up to two initials, then one to three capitalised words ("Jonathan A. Whitfield",
# "van der Berg", "MUÑOZ, Elena R.", "C. MCDONALD").
_NAME = (rf"(?<!\w)(?!{_TITLES}\b)(?:[\"“]\p{{Lu}}\p{{Ll}}+[\"”][ \t]+)?(?:{_INITIAL}[ \t]*){{0,2}}(?:(?:{_PARTICLE}|Ó|Ní|Nic|Mac|Ua|Te)[ \t]+){{0,2}}"
         rf"(?:(?:al|el|ul|Al|El)-)?{_WORD}"  # never across a line break
         rf"{_NICKNAME}?(?:(?<!['’]s)(?:,[ \t]?|[ \t])(?:(?:{_PARTICLE}|{_PARTICLE_UP}|St\.?|Ó|Ní|Nic|Mac|Uí|Ua|Mhic)[ \t]+(?:an[ \t]+)?[ht]?|(?:al|el|ul|Al|El)-){{0,2}}(?!{_POSTNOMINALS}\b|{_LABELS}\b|{_TITLES}\b)"
         rf"(?:{_WORD}|{_INITIAL}(?!\w)))"
         r"{0,3}")
# Words before a name that say whose name it is. Plain English words ('patient', 'name') only count
# with a colon after them.
_NAME_CUES = (r"(?:(?i:(?:signed\s+out|handover\s+given|handed\s+over|given|received|covered|escalated)\s+(?:by|to)|referred\s+by|referr(?:er|ing\s+(?:physician|doctor|clinician|consultant|cardiologist))|"
              r"d/w|discussed\s+with|reported\s+by|dictated\s+by|verified\s+by|reviewed\s+by|(?:electronically\s+)?"
              r"signed(?:\s+by)?|authori[sz]ed\s+by|transcribed\s+by|read\s+by|seen\s+by|scanned\s+by|"
              r"performed\s+by|supervised\s+by|(?:requested|ordered|checked|approved|typed|prepared|consented|witnessed|"
              r"accompanied|interpreted|attended|escorted|examined|booked|vetted|protocolled|injected|cannulated)\s+by|"
              r"on\s+behalf\s+of|care\s+of|copy\s+to|(?:notes?|minutes|scheduled|logged|entered|minuted)\s+by|scribe|typist|cc|attn|c/o|[sdw]/o|reviewed\s+with|spoke\s+(?:to|with)|phoned|called|"
              r"informed|(?:questions|queries|enquiries)\s+to|e-?mailed|texted|messaged|paged|bleeped|updated|notified|"
              r"handed\s+over\s+to|(?:message|msg|voicemail)\s+left\s+(?:for|with)|courtesy\s+of|thanks\s+to|contact|per|via|ref(?:\.|erral\s+from)?|"
              r"(?:her|his|their)\s+(?:wife|husband|partner|daughter|son|mother|father|sister|brother|carer)|"
              r"(?:patient|pt|name|surname)(?:['’]s\s+name)?\s+is)\s*:?|"
              r"(?i:patient|pt|name|surname|forename|first\s+name|last\s+name|(?:consultant|physician|cardiologist|"
              r"radiologist|reporter|radiographer|sonographer|technologist|fellow|registrar|nurse|operator|"
              r"author|clinician|doctor|requester|referrer)s?|gp|nok|next\s+of\s+kin|contact|spouse|wife|husband|daughter|"
              r"son|mother|father|guardian|attending|reported|reporting|verified|dictated|signed|typed|read|reviewed|"
              r"checked|authori[sz]ed|approved|transcribed|scanned|performed|supervised|supervising|requested|"
              r"ordered|copy|copies|cc|re|to|from|attn|for|tech|technician|transcription|audit|admin|physics|sw|scribe|"
              r"typist|owner|duty|cover|nursing|interpreter|coordinator|pcp|entered|logged|countersigned|rechecked|"
              r"requestor|dictation|booked|scheduled|minutes|radiographers?|referring|requesting|log|data\s+manager)\s*(?::|\.{2,})|(?:I|[Ww]e)\s+(?:saw|reviewed|met|scanned|examined|"
              r"assessed)|(?i:update\s+on|news\s+(?:on|of)))")

_MONTH = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = (r"(?:(?:0?[1-9]|[12]\d|3[01])(?i:st|nd|rd|th)?|(?i:(?:twenty|thirty)?[\s\-]?(?:first|second|third|fourth|fifth|"
        r"sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|"
        r"thirtieth))")
# Month names of the other languages reports arrive in: only in a full day-month-year date.
_MONTH_OTHER = (r"(?i:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|januar|"
                r"februar|m[äa]e?rz|april|juni|juli|august|oktober|dezember|gennaio|febbraio|marzo|aprile|maggio|giugno|"
                r"luglio|agosto|settembre|ottobre|dicembre|enero|febrero|abril|mayo|junio|julio|septiembre|octubre|noviembre|"
                r"diciembre|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro|januari|februari|"
                r"maart|mei|augustus|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|"
                r"listopada|grudnia|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie)")
_YEAR = r"(?:(?:19|20)\d{2}|'?\d{2}(?![:h]\d))"  # '5 Apr 07:45': 07 is the hour
# a year said in dictation: 'nineteen forty nine', 'twenty twenty-one', 'two thousand and three'
_YEAR_WORDS = (r"(?i:(?:nineteen|twenty)[\s\-]+(?:oh[\s\-]+\w+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
               r"(?:[\s\-]+(?:one|two|three|four|five|six|seven|eight|nine)(?!\w))?|ten|eleven|twelve|(?:thir|four|fif|six|"
               r"seven|eigh|nine)teen)|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|"
               r"eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|twenty(?:[\s\-]\w+)?))?)")
_ROMAN_MONTH = r"(?i:i{1,3}|iv|vi{0,3}|ix|xi{0,2})"
# A time attached to a date: 12h or 24h clock ('14:05:33.123', '08h30', '0830 hrs', '2 p.m.'), with
# a zone ('GMT', 'AEDT', '(UTC+1)', '+05:30'); a bare four-digit time only where no unit follows.
_AMPM = r"(?i:[ap]\.?m\.?(?!\w)|hrs\b|hours\b|h\b|uhr\b)"
_ZONE = (r"\(?(?:(?:UTC|GMT)(?:\s?[+\-−]\s?\d{1,2}(?::?\d{2})?)?|Z|[A-Z]{1,3}[SD]T|CES?T|EET|IST|SGT|HKT|JST|KST|"
         r"[+\-]\d{2}:?\d{2})\)?(?!\w)")
_CLOCK = (r"(?:\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?|\d{1,2}h\d{2}|\d{1,2}(?=\s?(?i:[ap]\.?m\.?)(?!\w))|"
          r"(?:[01]\d|2[0-3])[0-5]\d(?!\s*(?i:ms|mm|ml|cm|%|kg|mg)|[\-/.]\d)|"
          r"(?:[01]\d|2[0-3])\.[0-5]\d(?![\d.]|\s*(?i:ms|mm|ml|cm|%|kg|mg|m/s|l\b|s\b))|\d{1,2}\.\d{2}(?=\s?(?i:uhr|h|hrs|[ap]\.?m)\b))")
# what joins a time to its date: a space, 'at', '@', 'um', or nothing but 'T', '_' or ':' ('05MAR2023:08:15:00')
_TIME = rf"(?:(?:,?\s+(?:(?i:at|um)\s+|@\s*)?|\s*@\s*|[T_:](?=\d)){_CLOCK}(?:\s?{_AMPM})?(?:\s?{_ZONE})?)?"
_OCR_DAY = r"(?:[0O][ \t]?[1-9]|[12Il][ \t]?[\dO]|3[ \t]?[01O]|[1-9])"  # a day or month as OCR reads it: '0 5', '1 2', '2O', 'I8'
_WEEKDAY = r"(?i:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
# 'Moderate MR. Mildly dilated LA.': MR after a grade ends a sentence, it is no title.
_NOT_GRADED = (r"(?<!(?i:no|trivial|trace|mild|moderate|severe|significant|functional|residual|isch(?:a)?emic|primary|"
               r"secondary|degenerative|eccentric|central|torrential|free|worsening|improved|\+|[1-4])[\s\-/]+)")
_NOT_A_LIST = r"(?<!(?i:segments?|slices?|levels?|leads?|territor(?:y|ies))[ \t:]+)"  # 'segments 1/7/13'
_NOT_UNIT = r"(?!\s*(?i:ms|mm|cm|ml|%|bpm|mg|kg|g\b|l\b|s\b|min|hz|x\b))"
_AGE = r"(?:9\d|1[01]\d)"
_AGE_WORDS = (r"(?i:ninety(?:[\s\-](?:one|two|three|four|five|six|seven|eight|nine))?|one\s+hundred(?:\s+and\s+\w+)?|"
              r"centenarian|nonagenarian)")
_STREET = (r"(?:Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Crt|Place|Pl|Crescent|Cres|"
           r"Close|Cl|Gr|Gdns|Hts|Ter|Circuit|Cct|Esp|Wy|Terrace|Tce|Highway|Hwy|Parkway|Pkwy|Square|Sq|Row|Grove|Gardens|Mews|Walk|Parade|Pde|Circle|Cir|"
           r"Trail|Hollow|Park|Hill|Heights|Rise|View|Vale|Green|Gate|Quay|Wharf|Esplanade|Promenade|Line|Concession|"
           r"Route|Rte|Pike|Turnpike|Expressway|Expy|Freeway|Fwy|Plaza|Commons|Landing|Point|Ridge|Run|Bend|Loop|"
           r"Cove|Crossing|Path|Pass|Manor|Estate|Chase|Wynd|Brae|Yard|Alley|Broadway|Strand|Causeway|Apartments|Apts|"
           r"Residency|Towers|Tower|Enclave|Nagar|Colony|Sector|Layout|Complex|Society|Mansions|Cross|Main|Phase|Marg|"
           r"Jalan|Lorong|Soi|Flats|Villas|Cottages)")
_STREET_UP = _STREET.upper()
_STATES = (r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|"
           r"ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|NSW|VIC|QLD|WA|SA|TAS|"
           r"ACT|NT)")
_PLAIN_STATE = rf"(?!(?:MS|AR|MI|PA|MD|CT|LA|ME|IN|OR|DE|SA|NT|ACT|AL|CO)\b){_STATES}"
_POSTCODE = r"(?:\d{5}(?:-\d{4})?|\d{4}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"
_HOSPITAL_WORDS = ("Hospital", "Hospitals", "Infirmary", "Clinic", "Medical Center", "Medical Centre", "Health Centre",
                   "Health Center", "Heart Centre", "Heart Center", "Heart Institute", "Cardiac Institute",
                   "Cardiac Centre", "Cardiac Center", "Institute", "Hartcentrum", "Klinikum", "Kliniken",
                   "Ziekenhuis", "Hôpital", "Hospitalier", "Health System", "Healthcare", "Health Trust",
                   "Foundation Trust", "NHS Trust", "Medical Group", "Imaging Centre", "Imaging Center", "Sykehus", "Sjukhus",
                   "Krankenhaus", "Spital", "Kliniek", "Ospedale", "Cardiology", "Heart Clinic", "Polyclinic", "Sanatorium",
                   "Hospice", "Nursing Home", "Care Home", "Medical Practice", "Family Practice", "Group Practice",
                   "Health Authority", "Health Board", "Health District", "Medical College", "Medical School",
                   "Heart Unit", "Cardiac Unit", "Heart Hospital", "Children's", "Royal Infirmary", "Heart and Vascular",
                   "Heart & Vascular", "Heart and Chest", "Heart and Lung", "Heart and Vascular Center", "Heart and Vascular Centre",
                   "Vascular Center", "Vascular Centre", "Centre", "Center", "Memorial", "Teaching", "Teaching Hospital",
                   "Clinic Foundation", "Hosp", "Associates", "UHB")
_HOSPITAL_END = "(?:" + "|".join(sorted((w for k in _HOSPITAL_WORDS for w in (k, k.upper())), key=len,
                                        reverse=True)) + r")\b(?![ \t]*\.?[ \t]*(?i:no\b|number|#))"  # 'HOSP NO' is a label
_ID_LABELS = (r"(?i:ramq|ohip|msp|phn|ihi|nhi|cnic|pesel|nir|insee|svnr|ahv|bsn|personnummer|cpr|ppsn?|aadhaar|"
              r"emirates\s+id|iqama|ipp|nric|hkid|mykad|pat\.?-?nr\.?|patientennummer|fallnummer|dni|nie|nif|tfn|sin|nino|"
              r"jmbg|oib|emso|folder|dossier|mrn|mr\s?#|mr\s?no\.?|medical\s+record(?:\s+(?:number|no\.?|#))?|hosp(?:ital)?\.?\s*(?:no\.?|number|#)|"
              r"nhs\s*(?:no\.?|number|#)?|chi(?:\s+no\.?)?|urn?|ur\s+no\.?|accession(?:\s+(?:no\.?|number|#))?|acc\.?\s*(?:#|no\.?)|"
              r"acc|patient\s+id|pt\s+id|study\s+id|exam\s+id|order(?:\s+(?:no\.?|number|#))|id|ssn|social\s+security(?:\s+(?:number|no\.?))?|"
              r"account(?:\s+(?:no\.?|number|#))?|acct\.?(?:\s*(?:no\.?|#))?|a/c|policy(?:\s+(?:no\.?|number|#))?|member\s+id|"
              r"insurance(?:\s+(?:id|no\.?|number))?|medicare(?:\s+(?:no\.?|number))?|medicaid(?:\s+(?:no\.?|number))?|"
              r"health\s+plan(?:\s+(?:id|no\.?|number))?|beneficiary(?:\s+(?:id|no\.?|number))?|claim(?:\s+(?:no\.?|number))?|"
              r"invoice(?:\s+(?:no\.?|number))?|billing(?:\s+(?:id|no\.?|number))?|licen[cs]e(?:\s+(?:no\.?|number|#))?|lic\.?\s*(?:no\.?|#)|"
              r"dea|npi|gmc|ahpra|cpso|cpsbc|mci|hcpc|nmc|imc|mcnz|hpcsa|sanc|encounter(?:\s+(?:id|no\.?|number|#))?|"
              r"visit(?:\s+(?:id|no\.?|number|#))|episode(?:\s+(?:id|no\.?|number|#))?|fin|csn|har|spell(?:\s+(?:no\.?|number))?|"
              r"registration(?:\s+(?:no\.?|number))?|reg\.?\s*(?:no\.?|#)|plate|vin|serial(?:\s+(?:no\.?|number|#))?|"
              r"s/n|sn|device\s+id|udi|certificate(?:\s+(?:no\.?|number))?|passport(?:\s+(?:no\.?|number))?|"
              r"driver'?s?\s+licen[cs]e|health\s+card|(?:member(?:ship)?|policy|card)(?:\s+(?:id|no\.?|number|#))?)(?![A-Za-z])")
_NOT_MODEL = r"(?<!(?i:model|type|series|version|lead|catalog(?:ue)?|ref)\.?\s*(?:no\.?|number|#)?\s*:?\s*)"
_ID_VALUE = r"(?:[A-Z]{1,4}\s)?(?=[\w.\-/]*\d)[A-Za-z0-9][A-Za-z0-9\-./]*(?:\s(?:\d[\dA-Z\-]*|[A-Z]{1,2})(?![\w]))*"


def _compile(rules):
  return [(tag, re.compile(p)) for tag, p in rules]


# (placeholder, pattern): the span is the group named v where there is one, else the whole match.
_RULES = _compile([
    ("[EMAIL]", r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"),
    ("[URL]", r"(?i:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"']+[^\s<>\"'.,;:)\]]"),
    ("[IP]", r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.]*\d)"),
    # Dates: numeric, ISO with time, compact, written-out months in any case, month-year, day-month.
    ("[DATE]", rf"\b(?:19|20)\d{{2}}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?:T\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:[.,]\d+)?)?"
               rf"(?:Z|[+\-]\d{{2}}:?\d{{2}})?|{_TIME})(?!\d)"),
    # compact and DICOM date-times ('20190905', '20190905140533.000', '20190905 1405')
    ("[DATE]", rf"(?<![^\W_])(?:19|20)\d{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:T?(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d(?:\.\d{{1,6}})?)?"
               rf"(?:[+\-]\d{{4}})?)?(?![^\W_]){_TIME}"),
    ("[DATE]", rf"(?<![\d.]){_NOT_A_LIST}\d{{1,4}}([./\-])\d{{1,2}}\1\d{{2,4}}"
               rf"(?![\d.]*\d){_TIME}"),
    ("[DATE]", rf"(?<![\d.]){_NOT_A_LIST}(?:0?[1-9]|[12]\d|3[01])[ \t]([./\-])[ \t](?:0?[1-9]|1[0-2])[ \t]\1[ \t](?:(?:19|20)\d{{2}}|\d{{2}})(?![\d.]*\d){_NOT_UNIT}"),
    ("[DATE]", rf"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])([./\-]){_ROMAN_MONTH}\1(?:(?:19|20)\d{{2}}|\d{{2}})(?!\w)"),
    ("[DATE]", r"(?<![\d./])(?:0?[1-9]|[12]\d|3[01])(?:[./](?:0?[1-9]|1[0-2]))?[ \t]?[\-–][ \t]?(?=(?:0?[1-9]|[12]\d|3[01])[./]"
               r"(?:0?[1-9]|1[0-2])[./](?:19|20)?\d{2}(?![\d.]*\d))"),
    ("[DATE]", rf"\b{_WEEKDAY}\.?,?\s+(?:the\s+)?(?:{_DAY}(?:\s+of)?[\s\-/.]*{_MONTH}(?![a-z])|{_MONTH}[\s\-/.]*{_DAY}\b|"
               r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])\b|\(?(?:0?[1-9]|[12]\d|3[01])(?i:st|nd|rd|th)\b\)?)"),
    ("[DATE]", r"(?:(?i:\bon|\bdated?|\bdiscussed|\bseen|\bscanned|\breviewed|\bbooked|\brebooked|\buntil|\bsince|"
               r"\bfrom|\badmitted|\bdischarged|\bacquired|\bperformed|\breported|\bdone|\bmdt|\bD|\bT|\bdue|\bplanned|\bscheduled|"
               r"\bhandover|\bsign-?out|\bnotes|\bround|\bbefore|\bafter|\btoday|\btomorrow|\byesterday|\bappt|\bappointment|\bclinic|\bvisit|\bf/u|\bexpected|\bdied|\bpresented|\battended|\barrived|\bmoved|\bpostponed|\bdeferred|\bchanged)(?:\s+(?:to|for|on|till|until))?\s*:?\s+)"
               # day/month, or the US month/day where the day is past 12 ('sign-out 12/24'); 'after 6/12' (six months),
               # '2/52' (weeks), '3/7' (days) are durations
               r"(?!(?<=(?i:\bafter)\s+)\d{1,2}/(?:12|52|7)(?![/\d]))"
               r"(?P<v>(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01]))(?![/\d])"),
    ("[DATE]", r"(?i:\b(?:on\s+)?the\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)|\b(?:on|from|until|since|by|before|after|due)\s+"
               r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th))\b(?!\s+(?i:of\s+)?(?:\d|intercostal|ics|"
               r"rib|percentile|centile|segment|ventricle|degree|heart\s+sound|sound|time|attempt|trimester|dose|injection|bolus|"
               r"day|week|month|year|cycle|run|acquisition|pass|breath|beat|sequence|line|generation|order|stage|floor|visit|"
               r"scan|study|echo|admission|episode|pregnancy|child|session|fraction|image|slice|phase|series|space|branch|"
               r"diagonal|marginal|septal|obtuse|toe|finger|digit|cranial|nerve|lumbar|sacral|thoracic|cervical))"),
    ("[DATE]", rf"\b{_MONTH}(?![a-z])\s*'\d{{2}}\b"),
    ("[DATE]", r"(?:\b(?i:early|mid|late|end\s+of|beginning\s+of|start\s+of)[\s\-]+)?\b(?:January|February|March|April|"
               r"June|July|August|September|October|November|December|JANUARY|FEBRUARY|APRIL|JUNE|JULY|AUGUST|"
               r"SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b"),
    ("[DATE]", rf"\b{_MONTH}(?![a-z])\s+(?i:the)\s+{_DAY}\b(?:,?\s+(?:19|20)\d{{2}}\b)?"),
    # OCR'd numeric dates: spaced digits, O for 0 ('1 2 / 0 5 / 2 0 2 3', '14 / 08 / 2O23'); CJK dates
    ("[DATE]", rf"(?<![\w.])({_OCR_DAY})[ \t]*([/.\-])[ \t]*(?:{_OCR_DAY})[ \t]*\2[ \t]*[12][ \t]?[09O][ \t]?[\dO][ \t]?[\dO](?![\w])"),
    ("[DATE]", r"(?:(?:19|20)\d{2}\s?年\s?)?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?|(?:19|20)\d{2}\s?年"),
    ("[DATE]", r"(?<![\d/.])(?<!(?i:bp|pressures?|pa|rv|lv|ra|la|ao|pcwp|gradient|mpap|sbp|dbp|nibp|grade|score|gcs)[ \t:=]*)"
               r"(?:(?:1[3-9]|2\d|3[01])/(?:0?[1-68-9]|1[01])|(?:0?[1-9]|[12]\d|3[01])/0[1-9])(?![/\d]|\.\d|\s*(?i:mm|cm|%|ml|s\b|bpm|segments?))"),
    # day/month before a time ('phone msg 5/17 3:15pm')
    ("[DATE]", rf"(?<![\d/.])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])(?=[ \t]+(?:(?i:at)[ \t]+)?\d{{1,2}}[:h]\d{{2}}|"
               rf"[ \t]*@[ \t]*\d{{1,2}}:?\d{{2}}\b|[ \t]+\d{{1,2}}\s?(?i:[ap]\.?m\.?)(?!\w)){_TIME}"),
    ("[DATE]", r"(?i:\b(?:christmas(?:\s+(?:eve|day))?|boxing\s+day|new\s+year'?s(?:\s+(?:eve|day))?|thanksgiving|"
               r"easter(?:\s+(?:sunday|monday))?|good\s+friday|halloween|valentine'?s\s+day|independence\s+day|"
               r"canada\s+day|australia\s+day|anzac\s+day|st\.?\s+patrick'?s\s+day|bastille\s+day|hogmanay|xmas|"
               r"labou?r\s+day|memorial\s+day|bank\s+holiday|remembrance\s+day|mother'?s\s+day|father'?s\s+day|"
               r"(?:chinese|lunar)\s+new\s+year|diwali|eid(?:\s+al-\w+)?|hanukkah|yom\s+kippur|passover)\b(?:,?\s+(?:19|20)\d{2}\b)?)"),
    # year/month/day with one-digit parts ('2023/3/5'), German day.month. without its year ('am 5.3.')
    ("[DATE]", rf"(?<![\d.])(?:19|20)\d{{2}}([./])[ \t]?(?:0?[1-9]|1[0-2])\1[ \t]?(?:0?[1-9]|[12]\d|3[01])(?:\.(?!\d))?(?![\d.]*\d){_TIME}"),
    ("[DATE]", r"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?=[ \t]*(?:$|[\n,;)]|(?:um|bis|und)\b))"),
    ("[DATE]", r"(?<![\d.])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}\b"),
    ("[DATE]", r"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.[ \t](?:0?[1-9]|1[0-2])\.[ \t]?(?:19|20)\d{2}\b"),
    ("[DATE]", rf"\b(?:\d{{1,2}}(?::\d{{2}}(?::\d{{2}})?|h\d{{2}})(?:\s?{_AMPM})?|\d{{1,2}}\s?(?i:[ap]\.?m\.?)(?!\w))(?:\s?{_ZONE})?,?[ \t]+(?:(?i:on|of)[ \t]+)?(?=\d{{1,4}}[./\-]\d{{1,2}}[./\-]\d{{2,4}}|"
               rf"{_DAY}[ \t]+{_MONTH}|{_WEEKDAY}\b|{_MONTH}[ \t]+\d)"),
    ("[DATE]", rf"\b{_DAY}\.?\s+(?:de\s+)?{_MONTH_OTHER}\s+(?:de\s+)?(?:19|20)\d{{2}}\b"),
    ("[DATE]", r"(?<![\d.\-/])(?:0?[1-9]|1[0-2])[\-.](?:19|20)\d{2}(?![\d.\-/])|(?<![\d.\-/])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])(?![\d\-/]|\.\d)"),
    ("[DATE]", rf"\b(?:0?[1-9]|[12]\d|3[01])(?i:st|nd|rd|th)?\s?(?:-|–|to|&|and)\s?(?={_DAY}(?:\s+of)?[\s\-/.]*{_MONTH}(?![a-z]))"),
    ("[DATE]", r"(?i:\b(?:early|mid|late)[\s\-]+)?\b(?i:spring|summer|autumn|fall|winter)(?:\s+of)?\s+(?:19|20)\d{2}\b"),
    ("[DATE]", rf"(?:\b(?i:the)\s+(?=\p{{L}}))?\b{_DAY}(?:\s+of)?[\s\-/.]*{_MONTH}(?![a-z])(?:[\s\-/.,]*{_YEAR}\b)?{_NOT_UNIT}{_TIME}"),  # 'the tenth of March'
    ("[DATE]", rf"\b(?:{_DAY}(?:\s+of)?[\s\-/.]*{_MONTH}|{_MONTH}[\s\-/.]*{_DAY})(?![a-z]),?\s+{_YEAR_WORDS}(?!\w)"),
    ("[DATE]", rf"\b{_DAY}\s+(?i:inst|ult|prox)\b\.?"),
    ("[DATE]", rf"(?:\b(?:19|20)\d{{2}}[\s\-/.,]+)?\b{_MONTH}(?![a-z])[\s\-/.]*{_DAY}(?:\s?(?:-|–|to|through|thru|&|and)\s?{_DAY})?\b(?:,?[\s\-/.]*{_YEAR}\b)?{_NOT_UNIT}{_TIME}"),
    ("[DATE]", rf"\b{_MONTH}(?![a-z]),?(?:\s+(?i:of))?[\s\-/.]*(?:19|20)\d{{2}}\b"),
    ("[DATE]", rf"\b(?:19|20)\d{{2}}[ \t\-/.]+(?=[A-Z])(?!May[ \t]+[a-z]){_MONTH}(?![a-z])"),
    # Ages over 89 (Safe Harbor keeps 89 and below).
    ("[AGE>89]", rf"\b{_AGE}(?:\s*(?i:y/o|y\.o\.|yo|yrs?)|\s*-?\s*(?i:years?|yrs?|y)(?:\s*-?\s*(?i:old))?)(?:\s+(?i:of\s+age))?(?!\w)"),
    ("[AGE>89]", rf"(?<=\p{{Lu}}\p{{Ll}}+[ \t]*(?:\(|,[ \t]*)|\p{{Lu}}\p{{Ll}}+[ \t]+\p{{Lu}}\p{{Ll}}+[ \t]+(?:is|was|turned|turns|now)[ \t]+)(?P<v>{_AGE})(?=\)|,|;|[ \t]*(?:\.|$|\n)|[ \t]+(?:now|today|this|last|and)\b)"),  # 'Mrs Hale (93)', 'Hale, 99,', 'Rahimi is 91;'
    ("[AGE>89]", rf"(?i:\b(?:m|f|male|female|man|woman|gentleman|lady))[,/ ]+(?P<v>{_AGE})\b(?!\s*(?i:ms|mm|ml|cm|%|kg|bpm|g\b))"),
    ("[AGE>89]", r"(?i:\b(?:in\s+)?(?:his|her|their)\s+(?:late\s+|early\s+|mid-?)?(?:nineties|90s|hundreds))"),
    ("[AGE>89]", rf"(?i:\bage[ds]?(?:\s+(?:at|on)\s+\w+)?\s*:?|\bage\s+of)\s*(?P<v>{_AGE})\b"),
    ("[AGE>89]", rf"\b{_AGE}\s?(?:M|F|yo[MF]?)\b"),
    ("[AGE>89]", rf"\b{_AGE_WORDS}(?:[\s\-]*(?i:years?|yrs?)(?:[\s\-]*(?i:old))?)?\b(?!\s+(?i:ms|mm|ml|cm|%))"),
    # Addresses, postcodes, cities before a state.
    # house (or flat) number, up to three words, a street-type word, then a number or unit ('Ave 6 #05-67')
    ("[ADDRESS]", rf"(?:(?i:level|floor|suite|unit|apt|apartment|flat|blk|block|no|plot|house|h\.?\s?no)\.?\s*\d*\w?,?\s+"
                  rf"(?:\d+[A-Za-z]?(?:[/\-–]\d+)?,?\s+)?|\b(?!\d{{1,3}}[MF],)\d+[A-Za-z]?(?:[/\-–]\d+[A-Za-z]?)?,?\s+)(?:[NSEW]\.?\s+)?(?:(?:{_WORD}|\d+(?:st|nd|rd|th)?)\s+){{1,3}}"
                  rf"(?:{_STREET}|{_STREET_UP})\b\.?(?:\s+[NSEW]\b\.?)?(?:[ \t]+\d{{1,4}}[A-Za-z]?\b)?(?:[ \t]*#\d+(?:-\d+)?)?"
                  r"(?:,?\s+(?i:suite|ste|apt|apartment|unit|flat|floor|fl)\.?\s*#?\s*\w+)?"),
    ("[ADDRESS]", r"\b(?:\p{Lu}\p{Ll}+\s+){1,2}(?:Street|Road|Avenue|Lane|Drive|Boulevard|Terrace|Crescent)\b"),
    ("[ADDRESS]", r"(?i:\bp\.?\s?o\.?\s+box\s+\d+)"),
    ("[ADDRESS]", r"\b(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{3,5}|\b(?:USNS|USNV|USS)\s+\p{Lu}[\p{L}\-]+|\b(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b"),
    ("[ADDRESS]", r"(?:(?i:\b(?:home|postal|current|new|patient(?:'s)?)\s+address(?:es)?\s*(?::|-|is)?|\baddress(?:es)?\s*(?::|-|is)|"
                  r"\baddr\.?\s*:?)[ \t]*|"
                  r"(?i:\b(?:lives|living|resides|residing|resident|staying)\s+at|\bc/o)[ \t]+|"
                  r"(?i:\b(?:home|domicile|residence|adresse|anschrift|indirizzo|direcci[oó]n|endere[cç]o|adres|wohnort)\s*:)"
                  r"[ \t]*(?=[^\n;]*\d))"
                  r"(?P<v>(?:(?i:flat|unit|apt|apartment|suite|level|floor|house|h\.?\s?no)\.?\s*[\w/\-]+,?[ \t]+)?"
                  r"[\d\p{Lu}][^\n;]{2,80}?)(?=[ \t]*(?:[;\n(]|(?<!\d|\b(?i:st|rd|ave?|dr|apt|app|no|nr|mt|ste|fl|bldg|blvd|ln|pl|"
                  r"sq|cres|tce|co|n|s|e|w|str))\.(?:\s|$)|$))"),
    ("[ADDRESS]", rf"\b\d+[A-Za-z]?(?:[\-–]\d+)?,?\s+(?i:via|viale|piazza|corso|rua|rue|calle|avenida|av\.|carrer|plaza|praça|ulica|ul\.|chemin|jalan|jln\.?|lorong|soi|thanon|strada|ulitsa|"
                  rf"boulevard|bd|allée|impasse|quai|place|avenue|cours|route|rambla|paseo|travessa|largo)\s+(?:(?:de|da|do|del|della|des|du|la|le|l')\s*)*{_WORD}(?:\s+{_WORD}){{0,3}}"),
    ("[ADDRESS]", r"\b(?:Apt|Apartment|Suite|Ste|Unit|Flat|PSC|Box)\.?\s*#?\s*\d+\w?\b"),
    # Street names before their number: 'Via Leopardi 83', 'Hadikgasse 49', 'Lumbyholmvej 46'.
    ("[ADDRESS]", rf"(?:\b\d+\s+)?\b(?:Via|Viale|Piazza|Corso|Rua|Rue|Calle|Avenida|Av\.|Carrer|Plaza|Praça|Ulica|ul\.)\s+"
                  rf"(?:(?:de|da|do|del|della|des|du|la|le|\d+)\s+)*{_WORD}(?:\s+{_WORD}){{0,3}}\s+\d+\w?\b"),
    ("[ADDRESS]", r"(?:\b\d+\s+)?\b\p{Lu}[\p{L}\-]*(?i:stra(?:ß|ss)e|str\.|gasse|weg|platz|allee|vej|gade|laan|straat|"
                  r"gatan|vägen|veien|gata|utca|ulica|katu|tie)\s+\d+\w?\b"),
    ("[ADDRESS]", r"(?i:\b(?:zip|zip\s+code|post\s*code|postal\s+code|pin\s*code|pin|plz)\s*(?:is|:|#|-)?\s*)(?P<v>[A-Z0-9]{3,6}(?:[\s\-][A-Z0-9]{2,4})?)\b"),
    ("[ADDRESS]", r"\b(?:RR|R\.R\.|RMB|Lot|LOT|HC|Site)[ \t]*#?[ \t]*\d{1,4}\b(?=,)"),  # rural routes, lots: 'RR 2, 1450 Concession Rd 7'
    ("[ADDRESS]", rf"(?:(?<=,\s*)|(?<=\p{{Lu}}\p{{L}}+\s+)){_STATES}\s+{_POSTCODE}\b"),
    ("[ADDRESS]", r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"),
    ("[ADDRESS]", r"\b[A-Z]\d[A-Z]\s\d[A-Z]\d\b"),
    ("[ADDRESS]", r"\b[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y0-9]{4}\b"),  # Irish Eircode
    ("[LOCATION]", rf"(?P<v>{_WORD})\s+(?=[A-Z]{{1,2}}\d[A-Z\d]?\s\d[A-Z]{{2}}\b)"),  # town before a UK postcode
    ("[LOCATION]", rf"\b(?:Co\.|County|CO\.|COUNTY)\s+{_WORD}"),
    ("[LOCATION]", rf"{_WORD}[ \t]+(?:County|Shire|District|Borough|Parish|Township|Region|Province|Prefecture|Municipality)\b"),
    ("[LOCATION]", rf"(?i:\b(?:lives|living|resides|resident|residing|born|moved|relocated|originally|emigrated|immigrated|"
                   rf"travell?ed|travel|trip|holiday|holidays|vacation|visiting|returned|came|transferred|flew)\s+"
                   rf"(?:in|of|at|to|from|back\s+from)(?:\s+the)?)\s+(?P<v>{_WORD}(?:[ \t]+{_WORD}){{0,2}})"),
    # A state alone after a comma, unless it reads as a clinical abbreviation or post-nominal (MS, LA, MD).
    ("[ADDRESS]", rf"(?<=,[ \t]*){_PLAIN_STATE}\b(?=\s*(?:[,.;)]|$))"),
    ("[LOCATION]", rf"(?P<v>(?:{_WORD}[ \t]+){{0,2}}{_WORD})(?:,?[ \t]+{_STATES}[ \t]+{_POSTCODE}|,[ \t]*{_PLAIN_STATE}"
                   r"(?=\s*[,.;)\n]|$))"),
    # Phones, pagers, extensions, faxes.
    ("[PHONE]", r"(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{2,5}\)\s?|\b\d{3,5}[\s.\-])\d{3,4}[\s.\-]\d{3,4}\b"),
    ("[PHONE]", r"\+\d{1,3}(?:[\s.\-]\d{1,5}){1,3}[\s.\-]\d{1,6}\b"),
    ("[PHONE]", r"\b0\d{3,4}\s\d{6}\b"),
    ("[PHONE]", r"\(\d{2,5}\)\s?\d{5,8}\b"),
    ("[PHONE]", r"\b0\d-\d{8}\b"),
    ("[PHONE]", r"(?<![\w.])\+?\d[\d \t().\-]{5,}\d(?=[ \t]+\(?(?i:office|fax|mobile|mob|home|work|cell|landline|direct)\b)"),
    ("[PHONE]", r"(?i:\b(?:call\s+(?:me\s+)?(?:on|at)|(?:called|reached|contacted|contactable|reachable)\s+(?:on|at)|did|reach\s+(?:me|us)\s+(?:on|at)|answering\s+at|number\s+is|desk|"
                r"landline|whatsapp|sms|text\s+(?:me\s+)?(?:on|at))\s*:?\s*)(?P<v>\+?[\d(][\d\s()\-.]{4,}\d)\b"),
    ("[PHONE]", r"(?i:\b(?:ext|extn|extension|bleep|pager|page|tel|phone|ph|fax|mobile|mob|cell|beeper|x|hp|h/p))\.?\s*[:#.]?\s*"
                r"(?P<v>\d[\d\s\-]{1,}\d)\b"),
    # Record, accession, account, licence, device numbers: after their label, or by their shape.
    ("[ID]", rf"\b{_ID_LABELS}\s*(?:[:#=]|\.+)?\s*(?P<v>{_ID_VALUE})"),
    # any 'X no.' / 'N° X:' label before a value with 4+ digits ('Folder no: GS 4471029', 'N° dossier: IPP 3029918')
    ("[ID]", rf"(?i:\b(?!(?:model|type|catalog(?:ue)?|ref|version|series|slice|segment|image|phase|lead|channel|bed|room|"
             rf"ward|page|step|grade|class|stage|size|lot)\b)\p{{L}}[\p{{L}}.\-]*\.?[ \t]+(?:(?:no|nr|num|number|id)\b\.?|n°|nº|#)|"
             rf"\bn[°º][ \t]*\p{{L}}+|\bno\.[ \t]*\p{{L}}+)[ \t]*(?:[:#=]|\.+)?[ \t]*"
             rf"(?P<v>(?=[A-Za-z\-]{{0,6}}[ \-]?\d[\d\-/. ]{{2,}}\d){_ID_VALUE})"),
    ("[ID]", r"(?<![\w\-/])\p{Lu}{0,3}[ \t]?\d{6,8}[-+/]\d{3,4}(?![\w\-/])"),  # birth-number ids: 19780412-3391, 890214/1234
    ("[ID]", r"(?<![\d\-./])(?:\d{5,}(?:-\d+){2,}|\d+-\d{5,}(?:-\d+)+|\d{2}(?:-\d{2}){3,})(?![\d\-])"),
    ("[ID]", r"(?:\bCF[ \t:]+)?\b[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]\b"),  # Italian codice fiscale
    ("[ID]", r"(?i:\b(?:registration|reg\.?|plate|tail\s+(?:no\.?|number))(?![A-Za-z])\s*[:#.]?)\s*(?P<v>[A-Z0-9]{1,4}[\-\s]?[A-Z0-9]{2,4}(?:-[A-Z0-9]{1,4})?)\b"),
    ("[ID]", r"(?i:\b(?:car|vehicle|van|motorbike|motorcycle|truck|lorry)\b)[^.\n]{0,25}?[\s(:#]+"
             r"(?P<v>(?=[A-Z0-9\- ]*\d)(?=[A-Z0-9\- ]*[A-Z])[A-Z0-9]{1,4}(?:[\- ]?[A-Z0-9]{1,4}){1,2})(?![\w])"),
    ("[ID]", r"\b\d{3}-\d{2}-\d{4}\b"),
    ("[ID]", r"\b[A-Z]{1,2}\d{6}[ \t]?\([ \t]?[\dA][ \t]?\)"),  # Hong Kong identity card with its check digit: K123456(7)
    ("[ID]", r"(?<![\d\-])\d{4}(?:[ \-]\d{4}){2,3}(?![\d\-])"),  # 16-digit card-like numbers: IHI, card, member numbers
    ("[ID]", r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b"),
    # By shape: letters with 4+ digits, or 6+ digits; not a device model number ('model 5076', 'Advisa DR A2DR01').
    ("[ID]", rf"{_NOT_MODEL}(?<![\w.])(?=[\w.\-/]*\d{{4}})(?=[\w.\-/]*[A-Za-z])[A-Za-z0-9]+(?:[.\-/][A-Za-z0-9]+)*(?![\w])"),
    ("[ID]", rf"{_NOT_MODEL}(?<![\w.])(?:[A-Z][A-Z\-]{{0,5}}[ \-])?\d{{6,}}(?![\w])"),
    ("[ID]", r"\b\d+(?:\.\d+){4,}\b"),  # DICOM UIDs
    # Names: after a title, after a cue word, before post-nominals.
    ("[NAME]", rf"(?<![\w])(?:{_TITLES}|{_NOT_GRADED}MR(?=\.))(?:[ \t]?\.)?\s+(?:(?:med|phil|rer\.\s*nat|dent|univ)\.\s+)?(?:[<«\[]{{1,2}}[ \t]*)?(?P<v>{_NAME})"),
    # 'DR' in capitals is also a pacemaker mode and diabetic retinopathy: a name after it is in capitals too.
    ("[NAME]", r"(?<![\w])DR\.?\s+(?P<v>(?:\p{Lu}\.?[ \t]+)?\p{Lu}{2,}(?:[-'’]\p{Lu}+)?(?:[ \t]\p{Lu}{2,})?)\b(?![ \t]*\p{Ll})"),
    # Lower-case names: after 'dr.' (the dot makes it a title) or after a cue and a title ('reported by dr wexler').
    ("[NAME]", r"(?<![\w])(?:dr|prof)\.[ \t]+(?P<v>\p{L}[\p{L}'’\-]+)"),
    ("[NAME]", rf"(?<![\w]){_NAME_CUES}\s*(?:[dD]r|[pP]rof|[dD]octor|[mM]rs?|[mM]s|[mM]iss)\.?[ \t]+(?P<v>\p{{L}}[\p{{L}}'’\-]+)"),
    ("[NAME]", rf"(?<![\w]){_NAME_CUES}\s*(?:{_TITLES}\.?\s+)?(?P<v>{_NAME})"),
    ("[NAME]", rf"(?P<v>{_NAME})(?:,?\s+(?!{_AMBIGUOUS_POSTNOMINALS}\b){_POSTNOMINALS}|,\s*{_AMBIGUOUS_POSTNOMINALS})\b"),
    ("[NAME]", r"\b(?i:patient|pt)\.?[ \t]+(?P<v>(?:\p{Lu}\.[ \t]?){2,3})"),
    ("[NAME]", r"\b(?i:patient|pt)\.?[ \t]*:?[ \t]+(?P<v>\p{Lu}{2,}(?:[\-'’]\p{Lu}{2,})?,[ \t]*\p{Lu}{2,}(?:[ \t\-]\p{Lu}{2,})?)\b"),  # 'Patient COOK, SUMMER'
    ("[NAME]", rf"\b(?i:patient|pt)\.?[ \t]+(?P<v>\p{{Lu}}\p{{Ll}}+{_NICKNAME}?(?:[ \t]+(?:{_PARTICLE}[ \t]+)?\p{{Lu}}\p{{Ll}}+"
               r"(?:-\p{Lu}\p{Ll}+)?){1,3})"),
    # Lower-case names after a dotted title ('ms. june april'); never 'ms.' after a number or 'mr.' after a grade.
    ("[NAME]", rf"(?<![\w])(?:(?<!\d[ \t]?)(?:mrs|ms|miss)|{_NOT_GRADED}(?<!\d[ \t]?)mr)\.[ \t]+(?P<v>\p{{Ll}}[\p{{L}}'’\-]+"
               r"(?:[ \t]+\p{Ll}[\p{L}'’\-]+(?=[ \t]*(?:[(,\n]|$)))?)"),
    # Initials that sign a line off: '-KH', 'rpt JKO', 'Typist LM', 'Transcribed: pb/ml'.
    ("[NAME]", r"(?m:(?:^|(?<=\s))[-–—]{1,2}[ \t]?(?P<v>\p{Lu}{2,3})[ \t]*$)"),
    ("[NAME]", r"(?i:\b(?:rpt|typist|typed|transcribed|dictated|scribe|reporter|op|readers?|secretary|sec|reviewer|"
               r"adjudicator|initials)\b\.?[ \t]*(?:by)?[ \t]*[:=]?[ \t]*)(?P<v>\p{Lu}{2,3}(?:/\p{L}{2,3})?(?![\w/])|"
               r"\p{Ll}{2,3}/\p{Ll}{2,3}(?![\w/])|\p{Ll}{2,3}(?=[ \t]*\.?[ \t]*(?:\n|$)|[ \t]*[,;]|[ \t]+\d|[ \t]{2,}))"),
    # initials before a role or post-nominal in brackets ('SW (CNS)'); a name spelled out in dictation ('L-O-V-E-J-O-Y')
    ("[NAME]", rf"(?<![\w/])(?P<v>\p{{Lu}}{{2,3}})[ \t]*\((?:{_POSTNOMINALS}|{_AMBIGUOUS_POSTNOMINALS}|(?i:{_ROLES}))\)"),
    ("[NAME]", r"(?<![\w\-])(?:\p{Lu}-){3,}\p{Lu}(?![\w\-])"),
    ("[NAME]", rf"(?P<v>{_WORD},[ \t]*{_WORD}(?:[ \t]+{_WORD})?)[ \t]*\((?:{_TITLES}|{_POSTNOMINALS})\.?\)"),  # 'Okonkwo, Chidi (Dr)'
    # A relative or a colleague named by role: 'mother Jane Doe', 'surgeon Mr X', 'Jane Doe (MDT coordinator)'.
    ("[NAME]", rf"(?:\b(?i:{_ROLES})\s*[,(:]?|\b(?i:sec|pharm|physio|spr|sho|pgy-?\d|fy-?\d|hca|rgn|clerk|scribe|locum|bookings?)"
               rf"[ \t]*:)[ \t]*(?:{_TITLES}\.?[ \t]+)?(?!(?i:{_ROLES})\b)"
               r"(?P<v>\p{Lu}\p{Ll}[\p{L}'’\-]*(?:[ \t]+\p{Lu}\.)?(?:[ \t]+\p{Lu}\p{Ll}[\p{L}'’\-]*){0,2})"),
    ("[NAME]", rf"(?i:\b(?:dear|regards|kind\s+regards|best\s+wishes|yours\s+(?:sincerely|faithfully)|many\s+thanks|"
               rf"thanks|cheers|hi|hello))[,.!]?\s*(?:{_TITLES}\.?[ \t]+)?(?P<v>{_NAME})"),
    ("[NAME]", rf"(?P<v>{_TITLE_NAME})[ \t]*(?:\([^)\n]{{0,30}}\b(?i:{_ROLES})\b[^)\n]{{0,20}}\)|,[ \t]+(?:the[ \t]+)?"
               rf"(?:\w+[ \t]+)?(?i:{_ROLES})\b)"),
    ("[NAME]", r"\b(?:\p{Lu}\p{L}{1,3}/\p{Ll}{2,3}|\p{Ll}{2,3}/\p{Lu}{2,3})\b"),  # transcription codes 'JW/km', 'AvdB/mk'
    # user names: 'User jsmith4', 'Reporter dr_okeke', 'logged in as a.khan'
    ("[NAME]", r"(?i:\b(?:user(?:name)?|login|log-?in|logged\s+in\s+as|reporter|account|uid|by))\s*[:=]?\s*"
               r"(?P<v>[a-z][a-z]*(?:[._][a-z]+\d*|\d+)(?![\w@]|\.\w))"),
    # initials of people at a meeting: 'Present: RK, ...', 'Minutes: JY', 'Action: SK to refer'
    ("[NAME]", r"(?i:\b(?:present|attendees|attending|apologies|minutes|minuted|scribe|chair|action|actions|owner|lead|"
               r"reporter|reported|read|typed|checked)\s*(?:by)?\s*:)[ \t]*(?P<v>\p{Lu}{2,3})\b(?![\w/])"),
    ("[NAME]", r"(?<![\w/])(?P<v>\p{Lu}{2,3}|(?:\p{Lu}\.){2,3})(?=[ \t]+to[ \t]+(?:verify|sign|approve|countersign|refer|arrange|book|contact|discuss|review|call|chase|request|"
               r"e-?mail|write|inform|follow|organi[sz]e|liaise|check|send|update|see|phone|ring|confirm|present|re-?book)\b)"),
    ("[NAME]", r"(?i:\b(?:aka|a\.k\.a\.?|known\s+as|nicknamed|prefers|goes\s+by))[ \t]*[\"“(']?[ \t]*(?P<v>\p{Lu}\p{Ll}+)"),
    ("[NAME]", r"(?:^|(?<=\s))[-–—]{1,2}\s?(?P<v>(?:\p{Lu}\.\s?){1,3})"),  # signed '-S.N.'
    ("[NAME]", rf"(?<![\w])(?:{_TITLES})\.?[ \t]+(?P<v>(?:\p{{Lu}}\.[ \t]?){{0,3}}(?:\p{{L}}[ \t]){{3,}}\p{{L}})(?![\w])"),
    ("[NAME]", r"(?i:\b(?:by|checked|verified|signed|cc|countersigned|initials))[ \t]*[:=]?[ \t]*(?P<v>(?:\p{Lu}\.[ \t]?){2,4})"),
    ("[NAME]", r"\b(?i:by)[ \t]+(?P<v>\p{Lu}{2,3})(?![\w/\-])(?=[ \t]*(?:[).,;:\n]|$))"),
    ("[NAME]", r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]{2,}"),
    ("[NAME]", r"\b\p{L}[\p{L}'’\-]*\^[\p{L}'’\-]*(?:\^[\p{L}'’\-.]*)*"),  # a DICOM person name pasted in: SMITH^JOHN^A
    ("[OTHER]", rf"(?:{_WORD}\s+){{1,4}}(?:Ltd|Limited|Inc|LLC|plc|PLC|FC|AFC|Airlines|Airways|Corporation|Corp|GmbH|AG|BV|"
                r"Pty|LLP|Council|Prison|HMP)\b\.?"),
    ("[OTHER]", rf"(?i:employed\s+by|works\s+(?:for|at)|employer\s*:)\s+(?P<v>(?:{_WORD}\s*){{1,4}})"),
    ("[OTHER]", rf"(?i:\b(?:occupation|job|employment|works|worked|working)\b\s*:?[^\n.;(]{{0,40}}?(?:\bat\b|\bfor\b|\bwith\b|\())\s*"
                rf"(?:the\s+)?(?P<v>{_WORD}(?:[ \t]+(?:{_WORD}|of|&|and)){{0,4}})"),
    ("[OTHER]", rf"(?:(?:St\.?|Saint|Our\s+Lady(?:'s)?)\s+)?(?:{_WORD}[ \t]+){{1,4}}(?:RFC|RUFC|FC|AFC|GAA|CC|RC|GC|"
                r"RLFC|RLC|ARLFC|SC|HC|Bank|Secondary|Polytechnic|(?:Football|Rugby|Golf|Cricket|Tennis|Rowing|Bowls|Bowling|Boxing|Sailing|Cycling|Running|Athletic|Athletics|"
                r"Swimming|Hockey|Sports?|Social|Country|Yacht)\s+Club|Harriers|Parkrun|parkrun|Primary(?:\s+School)?|Secondary\s+School|"
                r"High\s+School|Grammar(?:\s+School)?|Elementary(?:\s+School)?|Middle\s+School|Academy|Comprehensive|"
                r"Community\s+College|Sixth\s+Form(?:\s+College)?|Church|Chapel|Mosque|Synagogue|Temple|Gurdwara|Parish)\b"),
    ("[OTHER]", rf"(?i:\b(?:plays|played|playing|coaches|coached|coaching|captains?|captained|teaches|teaching|taught|"
                rf"pupil|student|studies|studying|studied)\s+(?:\w+\s+){{0,2}}(?:for|at|with))\s+(?:the\s+)?(?P<v>{_WORD}(?:[ \t]+(?:{_WORD}|of|&|and|for)){{0,4}})"),
    ("[OTHER]", rf"\b(?:University|College|School|Academy)[ \t]+of[ \t]+(?:the[ \t]+)?{_WORD}(?:[ \t]+{_WORD})?"),
    ("[OTHER]", rf"\b(?:Mayor|Governor|Senator|Councillor|Bishop|Sheriff|Lord\s+Mayor|Member)\s+(?:of|for)\s+(?:the\s+)?{_WORD}"),
    ("[OTHER]", r"(?<![\w.])@[A-Za-z0-9_]{3,}"),  # social-media handles
    ("[OTHER]", r"(?i:\b(?:instagram|twitter|tiktok|facebook|snapchat|linkedin|handle|username|user\s+name)\s*:?\s*)(?P<v>@?[\w.]{3,})"),
    ("[OTHER]", rf"(?:HMP|HMYOI)[ \t]+{_WORD}|(?:{_WORD}[ \t]+){{1,3}}(?:Prison|Correctional\s+(?:Facility|Institution|Centre|Center)|"
                r"Penitentiary|Jail|Gaol|Detention\s+Cent(?:re|er))\b"),
    ("[OTHER]", rf"(?i:\b(?:works|working|employed|job|employee|volunteers?|plays?|playing|member)\s+(?:at|for|with|of))\s+"
                rf"(?:the\s+)?(?P<v>{_WORD}(?:[ \t]+(?:{_WORD}|of|&|and)){{0,4}})"),
    # Hospitals: capitalised words ending in a hospital word.
    ("[HOSPITAL]", rf"\b(?:Clinique|Hôpital|Hopital|Hospital|Klinik|Ospedale|Centre\s+Hospitalier|Policlinico|Clínica|Clinica|"
                   rf"Hospital[ \t]+(?:Universitario|General|de))[ \t]+(?:(?:de|du|des|la|le|del|di|San|Santa|Saint|St\.?)[ \t\-]+)*"
                   rf"{_WORD}(?:[ \t\-]+{_WORD}){{0,3}}"),
    ("[HOSPITAL]", r"\b(?:CHU|CHRU|CHR|UZ|UMC|AMC|LUMC|AZ|HUS|KUH|OUH|UCLH|KBC|UKC)[ \t]+(?:de[ \t]+)?\p{Lu}[\p{L}\-]+"),
    ("[HOSPITAL]", r"\b\p{Lu}\p{L}*(?i:hospitalet|sjukhuset|sykehuset|sygehus|ziekenhuis|klinikum|kliniken|spital|"
                   r"krankenhaus|kliniek|sairaala)\b"),
    ("[HOSPITAL]", r"\b(?:St\.?|Saint)[ \t]+(?!Jude\b)\p{Lu}\p{L}+(?:['’]s?)?(?!\p{L})(?:[ \t]+and[ \t]+(?:St\.?|Saint)[ \t]+"
                   r"\p{Lu}\p{L}+(?:['’]s?)?(?!\p{L}))?"),
    ("[HOSPITAL]", rf"(?:{_WORD}[ \t]+){{1,2}}(?:General|GENERAL)\b(?![ \t]+\p{{Ll}})"),
    ("[HOSPITAL]", rf"(?:(?:St\.?|Saint|ST\.?|SAINT)[ \t]+|(?<![\w.])(?:\p{{Lu}}\.){{2,3}}[ \t]*)?(?:(?:{_WORD}|of|the|and|&|OF|THE|AND)[ \t]+){{1,4}}{_HOSPITAL_END}"
                   rf"(?:[ \t]+(?:of|OF)[ \t]+{_WORD}(?:[ \t]+{_WORD})?)?"),
])

_PLACE_WORDS = (rf"(?:the[ \t]+)?(?:St\.?[ \t]+)?{_WORD}['’]?(?:[ \t](?:{_WORD}['’]?|of|and|&|de|du|des|la|le|di|del|della|da|do|dos|y))"
                r"{0,5}")
_CARE_VERBS = (r"scanned|performed|done|imaged|seen|reviewed|admitted|transferred|referred|treated|operated|implanted|"
               r"followed(?:\s+up)?|managed|repaired|delivered|cmr|mri|scan|echo|cath|angio(?:gram)?|surgery|fu|f/u|"
               r"follow-?up|review|clinic|reported|discussed|presented|booked|rebooked|biopsy|ablation|pci|cabg|tavi|"
               r"tavr|scans|studies|outpatient|inpatient|refer|transfer|send|sent|discuss|imaging|images|study|report")
# Names by their shape alone: each word must be able to be a name (not clinical, not a report word).
_NAME_SHAPE_RULES = _compile([
    ("[NAME]", r"(?<=\n)[ \t]*(?P<v>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:[ \t]+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,2})[ \t]*\Z"),  # signs off
    ("[NAME]", r"\b\p{Lu}{2,}(?:[\-'’ ]\p{Lu}{2,})*,[ \t]*\p{Lu}\p{Ll}+(?:-\p{L}+)?(?:[ \t]+\p{Lu}\.?(?!\w))?"),  # MCDONALD, Rhys
    # 'Sunita Reddy (45F)', 'JOHN SMITH, 54 yo', 'Mele Tupou DOB 1/2/1950'
    ("[NAME]", rf"(?<![\w.])(?P<v>{_WORD}(?:,?[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{1,3}})(?![\w'’\-])(?=[ \t]*[,(]?[ \t]*(?:\d{{1,3}}[ \t]*-?[ \t]*"
               r"(?:y(?:ears?|rs?|o|/o|\.o\.)?|[MF])\b|(?i:dob|d\.o\.b|born|b\.|mrn|nhs|hosp(?:ital)?\s+no|ur|urn|chi|nhi|uhid|ihi|nric|"
               r"hcn|ohip|ramq|phn|ip\s+no|id)\b))"),
])
# Hospitals and addresses known by their place in the text rather than their words: an acronym
# after a verb of care or a site label ('scanned at RBH', 'Site: UHCW'), a house number and words on
# the line before a town or postcode line, a European 'Street 12, 10115 Town'. Each word must be
# able to be a name (an acronym: not a clinical one: 'transferred to CCU', 'seen in OPD').
_PLACE_SHAPE_RULES = _compile([
    # a house known by its name before its street ('Rose Cottage, Mill Lane')
    ("[ADDRESS]", rf"{_WORD}(?:[ \t]+{_WORD})?[ \t]+(?:Cottage|House|Farm|Lodge|Barn|Villa|Manor|Hall|Mill|Croft|Bungalow)"
                  rf"(?=,[ \t]*(?:{_WORD}[ \t]+)+{_STREET}\b)"),
    # a street named without its number ('moved to Wexham Close last year')
    ("[ADDRESS]", rf"(?:{_WORD}[ \t]+){{1,2}}(?:Street|Road|Avenue|Lane|Drive|Boulevard|Terrace|Crescent|Close|Grove|Gardens|"
                  r"Place|Court|Mews|Parade|Square|Highway|Parkway|Circle|Way|Row|Walk)\b"),
    ("[HOSPITAL]", rf"(?:(?i:\b(?:{_CARE_VERBS})\s+(?:at|from|in)|\b(?:transferred|referred|admitted|sent|taken|moved)\s+"
                   rf"(?:to|from)|\b(?:site|hospital|institution|facility|centre|center|referring\s+(?:hospital|centre|"
                   rf"center|site))[ \t]*(?::|\.{{2,}}))[ \t]+(?:the[ \t]+)?)(?P<v>\p{{Lu}}{{2,6}}(?:[ \t]+\p{{Lu}}{{2,6}})?)(?![\w&/\-])"
                   r"(?![ \t]+(?i:clinic|service|team|list|ward|unit|bay|lab|meeting|mdt|scanner|protocol)\b)"),
    # a hospital's acronym in mixed-case text: after 'at/from/to' or a location field ('Loc: CHEO'), before
    # 'MDT/MRN/cardiology', or ending in H ('UCLH', 'QEUH', 'LASUTH'); never a clinical one (LVH, PAH, DDD)
    ("[HOSPITAL]", r"(?<![\w&/\-])(?:(?<=\b(?:at|from|to|via|Loc|LOC|Location|Site|Hosp|Hospital)[ \t]*:?[ \t]+(?:the[ \t]+)?)"
                   r"\p{Lu}{3,6}|\p{Lu}{3,6}(?=[ \t]+(?:MDT|MRN|[Hh]osp|[Cc]ardiology|[Rr]adiology|CMR|MRI)\b)"
                   r"|\p{Lu}{1,5}H|\p{Lu}{1,4}TH\p{Lu})(?![\w&\-]|\.\w)(?=[^\n]*\p{Ll}|(?<=\p{Ll}[^\n]*))"),
    ("[ADDRESS]", rf"(?m:^)[ \t]*(?P<v>(?:(?i:flat|unit|apt|apartment|suite|house)\.?[ \t]*[\w/\-]+,?[ \t]+)?\d{{1,5}}[A-Za-z]?"
                  rf"(?:[/\-]\d+)?,?[ \t]+(?:{_WORD}[ \t]+){{0,3}}{_WORD}\.?)[ \t]*,?[ \t]*(?=\n[ \t]*(?:{_WORD}|"
                  r"(?:[A-Z]{1,2}-)?\d{4,5}\b|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}))"),
    ("[ADDRESS]", rf"(?P<v>{_WORD}(?:[ \t]+{_WORD}){{0,3}}\.?[ \t]+\d{{1,4}}[a-zA-Z]?(?:[/\-]\d+)?)(?=,?[ \t]*(?:\n[ \t]*)?"
                  rf"(?:[A-Z]{{1,2}}-)?\d{{4,5}}[ \t]+{_WORD})"),
    ("[ADDRESS]", rf"(?:(?<=\p{{L}}\.?,[ \t]*)|(?m:^)[ \t]*)(?P<v>(?:[A-Z]{{1,2}}-)?\d{{4,5}}(?:[ \t]?[A-Z]{{2}})?[ \t]+{_WORD}"
                  rf"(?:[ \t\-]+{_WORD})?)(?=[ \t]*(?:[,.;\n]|$))"),
])
# Rules that take any capitalised words from their context (a label, a verb of care, a royal or a
# service word): a match stands only if one of its words could be a name (is_clinical, "ner").
_CONTEXT_RULES = _compile([
    ("[HOSPITAL]", rf"(?i:\b(?:site|hospital|institution|facility|location|loc|lieu|centre|center|venue|trust|"
                   rf"referring\s+(?:hospital|centre|center|site|institution|unit)|place\s+of\s+(?:scan|study|examination)))"
                   rf"[ \t]*(?::|\.{{2,}})[ \t]*(?P<v>{_PLACE_WORDS})"),
    ("[HOSPITAL]", rf"(?i:\b(?:{_CARE_VERBS})\s+(?:at|from)\s+|\b(?:transferred|referred|admitted|sent|taken|refer|transfer|send|moved|referral)\s+to\s+|"
                   rf"\b(?:admitted|born|treated|managed|followed\s+up|hospitali[sz]ed|inpatient)\s+in\s+)(?!{_TITLES}\b)"
                   rf"(?P<v>{_PLACE_WORDS})"),
    ("[HOSPITAL]", rf"(?:{_WORD}[ \t]+){{1,3}}(?:National|Central|Regional|Provincial|Academic|Mission|Base|University|"
                   r"Memorial)(?=[ \t]*(?:[,.;)\n]|$))"),
    ("[HOSPITAL]", rf"\b(?:the[ \t]+)?(?:Royal|Queen|King|Prince|Princess|Duke|Duchess|Mount|Mt\.?|Sir|Dame)(?:['’]s)?"
                   rf"[ \t]+{_WORD}(?:[ \t]+{_WORD}){{0,2}}"),
    ("[HOSPITAL]", rf"(?P<v>(?:the[ \t]+)?{_WORD}(?:[ \t]+{_WORD}){{0,3}})[ \t]*(?:[-–—,][ \t]*)?(?:(?:CMR|MRI|Cardiac|"
                   r"Cardiology|Heart|Imaging|Radiology|Cardiovascular)[ \t]+)?(?i:service|department|dept|division|"
                   r"directorate|outpatients)\b"),
    ("[HOSPITAL]", rf"(?:the[ \t]+)?(?:{_WORD}[ \t]+){{1,3}}(?:Imaging|Heart|Radiology|Diagnostics|Scan|Scans|MRI|MC|UMC|Instytut|"
                   r"Szpital|Nemocnice|Kardiologii)\b(?![ \t]+(?i:disease|failure|team|rate|block|sounds?|murmur|size|function))"),
    ("[HOSPITAL]", rf"\b(?:Instytut|Szpital|Nemocnice|Ospedale|Hospital|Hôpital|Clínica|Clinica|Klinik)[ \t]+(?:(?:dell|dello|della|"
                   rf"degli|delle|del|de|d|du|des|la|di)['’ ][ \t]*)*{_WORD}(?:[ \t]+{_WORD}){{0,2}}"),
    ("[HOSPITAL]", rf"{_WORD}[ \t]+(?:d|de|del)['’][ \t]*{_WORD}"),  # 'Vall d'Hebron'
    # where a patient is from: 'a 54-year-old farmer from Dubbo, referred...'
    ("[LOCATION]", rf"\bfrom[ \t]+(?!{_TITLES}\b)(?P<v>{_WORD}(?:[ \t]+{_WORD}){{0,2}})(?=[ \t]*(?:[,.;)\n]|$|[ \t]+(?:with|who|"
                   r"presenting|presented|referred|for|and|was|is|has|had)\b))"),
    ("[HOSPITAL]", rf"(?m:^)[ \t]*(?P<v>{_WORD}(?:[ \t]+{_WORD}){{0,3}})[ \t]+(?:CMR|MRI|Cardiac\s+MRI?|Cardiology|Imaging)\b"),
])

# what people (not findings) do in notes: 'Coelho suggests...', 'tremblay to rebook', 'Little to visit Friday'
_PEOPLE_VERBS = (r"(?:to[ \t]+(?:re-?book|book|chase|discuss|update|review|call|ring|phone|contact|arrange|refer|check|visit|see|"
                 r"send|confirm|inform|organi[sz]e|liaise|follow|drive|bring|translate)|aware|suggests?|suggested|agrees?|"
                 r"agreed|unavailable|covering|says|said|asked|asks|wants|wanted|happy|informed|notified|updated)\b")
_CASED = r"\p{Lu}\p{Ll}[\p{L}'’\-]*\p{Ll}"  # title case: Nguyen, O'Neill, Smith-Jones
# titles before an upper-case name (title case too: 'Reported by: Dr KHALED ABU SHAKRA')
_TITLES_UP = (r"(?:DR|DRE|PROF|A/PROF|MR|MRS|MS|MISS|MDM|SR|SISTER|MALLAM|MALAM|ALHAJI|MNR|SMT|SHRI|SARDAR|PUAN|ENCIK|"
              r"PAK|BU|Dr|Prof|Mr|Mrs|Ms)\.?")
# Names known by their words (phi_names): 'Priya Raghunathan', 'Nguyen, Sarah', lower-case 'sarah nguyen'
# after a cue word, a lone given name inside a sentence ('discussed with Oluwaseun today').
_GAZETTEER_RULES = _compile([
    ("pair", rf"(?<![\w.'’\-])(?P<v>{_CASED}(?:[ \t]+\p{{Lu}}\.?)?(?:[ \t]+{_PARTICLE})?[ \t]+{_CASED}"
             rf"(?:[ \t]+{_CASED})?)(?![\w'’\-])"),
    ("pair", r"(?<![\w.'’\-])(?P<v>\p{Lu}{2,}(?:[ \t]+\p{Lu}\.?)?[ \t]+\p{Lu}{2,})(?![\w'’\-])"),
    ("inverted", rf"(?<![\w.'’\-])(?P<v>{_CASED},[ \t]*{_CASED})(?![\w'’\-])"),
    # one word apart, never a label after ('THOMPSON, LINDA   MRN')
    ("onecase", rf"(?<![\w.'’\-])(?P<v>(?:\p{{Lu}}{{2,}}[ \t])?\p{{Lu}}{{2,}}(?:[\-'’]\p{{Lu}}{{2,}})?,[ \t]?\p{{Lu}}{{2,}}(?:[ \t](?!{_LABELS}\b)\p{{Lu}}{{2,}})?"
                rf"(?:[ \t]\p{{Lu}}\b)?)(?![\w'’\-])"),
    ("onecase", rf"(?<![\w.'’\-])(?P<v>\p{{Ll}}{{2,}}(?:[\-'’]\p{{Ll}}{{2,}})?,[ \t]?\p{{Ll}}{{2,}}(?:[ \t](?!{_LABELS}\b)\p{{Ll}}{{2,}})?)(?![\w'’\-])"),
    ("capsfirst", rf"(?<![\w.'’\-])(?P<v>\p{{Lu}}{{2,}}(?:[\-'’]\p{{Lu}}{{2,}})?[ \t]+{_CASED}(?:[ \t]+{_CASED})?)(?![\w'’\-])"),  # NAKAMURA Kenji, CHOW Yuk Lan
    ("lower", rf"(?<![\w])(?:{_NAME_CUES}|\b(?i:{_ROLES}|pt|thx|thanks|ta|cheers|regards|hi|hello|dear|ask|tell|told|remind)\b|\b(?i:{_DESIGNATIONS})[ \t]*(?=:))(?:\b|(?<=\W))[ \t]*:?[ \t]*\(?[ \t]*"
              rf"(?P<v>(?:\p{{Ll}}\.[ \t]?){{0,2}}\p{{Ll}}[\p{{Ll}}'’\-]+(?:[ \t]+(?:{_PARTICLE}[ \t]+)?\p{{Ll}}[\p{{Ll}}'’\-]+)?)"),
    # lower-case title without its dot: 'dr khan will call', 'mrs faith okoro'
    ("titled", r"(?<![\w])(?:dr|doctor|prof|mrs|mr|ms|miss|sr|sister|mdm|mnr|pak|bu|mallam|dre|pani|pan|frau|herr|mme|sra|sr\.a|smt|shri)\.?[ \t]+(?P<v>(?:\p{Ll}\.[ \t]?){0,2}(?:(?:le|de|du|van|von|da|di|la|del)[ \t]+)?\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+){0,2})"),
    # a lower-case name before its age and sex, a record label or a date ('adewale ogunbiyi 58M', 'wei zhang (MRN ...'):
    # no word of it a common one
    ("aged", r"(?<![\w'’\-])(?P<v>\p{Ll}[\p{Ll}'’\-]+[ \t]+\p{Ll}[\p{Ll}'’\-]+)(?=[ \t]*[,(\-–]?[ \t]*(?:\(?\d{1,3}[ \t]?(?:[MF]|yo|y/o|yrs?|years?)\b|(?i:mrn|dob|d\.o\.b|nhs|born|chi|nhi|urn?|hosp(?:ital)?[ \t]+no)\b|"
             r"\d{1,2}/\d{1,2}/\d{2,4}))"),
    # a lower-case patient heading a handover line before an age and sex: '- rm 12 ana sofía, 82F', 'bed 3 - a b (rm 9): 38F'
    ("listed", r"(?m:^)[ \t]*(?:(?:[-–—•*]|\d{1,2}[.)])[ \t]*)?(?:(?i:bed|rm|room)[ \t]*\w{1,4}[ \t]*[-–—:]?[ \t]*)?"
               r"(?P<v>\p{Ll}[\p{Ll}'’\-]+(?:,?[ \t]+\p{Ll}[\p{Ll}'’\-]+){1,4})"
               r"(?=[ \t]*(?:\([^()\n]{1,15}\))?[ \t]*[,:]?[ \t]*\d{1,3}[ \t]?(?:[MF]|yo|y/o|yrs?)\b)"),
    # a key to initials in a note: '(kf = kirsty fairbairn-osei)', 'JKW = Jonathan K. Whitley'
    ("defined", r"(?<![\w.])(?P<i>\p{L}{2,3}|(?:\p{Lu}\.){2,3})[ \t]*=[ \t]*(?P<v>\p{L}[\p{L}'’\-]+(?:[ \t]+(?:\p{L}[\p{L}'’\-]+|\p{Lu}\.)){1,3})"),
    ("lowerpair", r"(?<![\w'’\-])(?P<v>\p{Ll}[\p{Ll}'’\-]+[ \t]+\p{Ll}[\p{Ll}'’\-]+)(?![\w'’\-])"),
    ("single", rf"(?:(?<=\p{{Ll}},?[ \t]+)|(?<=[–—:;(][ \t]*)|(?m:^)[ \t]*)(?P<v>{_CASED})(?![\w'’\-]|[ \t]+\p{{Lu}}|[ \t]*:|\.\S)"),
    # lower-case initials that sign a note off: '... too. – pw', 'notes by gl', 'Dr B. Hart / lw', '... s/n 123. ck'
    ("initials", r"(?m:(?:(?<=\s)[-–—]{1,2}|\b(?i:by|from|rpt|typed|typist)|(?<=\p{L}[ \t]?)/)[ \t]*(?P<v>\p{Ll}{2,3})[ \t]*\.?[ \t]*$)"),
    ("initials", r"\b(?i:(?:typed|transcribed|dictated|read|reviewed|checked|verified|reported|entered|scanned)[ \t]+by\b|dictation,|ref\b)"
                 r"[ \t]*:?[ \t]*(?P<v>\p{Ll}{2,3})(?![\w'’@./\-])"),
    # who signs after thanks: 'Thanks, K.', 'ta, kev', 'Cheers - Bex'
    ("thanked", r"(?i:\b(?:thanks|thank[ \t]+you|thx|ta|cheers|regards|rgds|best|br)\b)[ \t]*[,.!]?[ \t]*[-–—]?[ \t]*"
                r"(?P<v>(?:\p{L}\.[ \t]?){1,3}|\p{L}[\p{L}'’\-]{1,14})[ \t]*\.?[ \t]*(?=\n|\Z)"),
    ("initials", r"(?<=[.!?][ \t]+)(?P<v>\p{Ll}{2,3})[ \t]*\.?[ \t]*\Z"),
    ("initials", r"(?<=[.!?][ \t]+)(?P<v>\p{Lu}{2,3})[ \t]*\.?[ \t]*\Z"),
    ("initials", r"(?<=\b(?i:handed[ \t]+over|handover|h/o)[ \t]*:?[ \t]*)(?P<v>\p{Lu}{2,3})(?=[ \t]*(?:->|→|=>|>)[ \t]*\p{Lu}{2,3}\b)"),
    ("initials", r"(?<=\b(?i:handed[ \t]+over|handover|h/o)[ \t]*:?[ \t]*\p{Lu}{2,3}[ \t]*(?:->|→|=>|>)[ \t]*)(?P<v>\p{Lu}{2,3})\b"),
    # the last line of a message, one name alone ('... by tonight.\nMay'), even one that is also an English word
    ("lastline", rf"(?<=\n)[ \t]*(?P<v>{_CASED})[ \t]*\.?[ \t]*\Z"),
    # a patient heading a handover item, before a colon: '- Will Abernethy: will need repeat LGE'
    ("bulleted", rf"(?m:^)[ \t]*(?:[-–—•*]|\d{{1,2}}[.)])[ \t]*(?P<v>{_CASED}(?:[ \t]+{_CASED}){{1,2}})(?=[ \t]*:)"),
    ("initialled", rf"(?<![\w.'’\-])(?P<v>(?:\p{{Lu}}\.[ \t]?){{1,2}}[ \t]*{_CASED})(?![\w'’\-])"),  # 'D. McAllister'
    # a login made of an initial and a surname after a system's words: 'admin tmurphy', 'created by LPARK', 'user=hkaur2'
    ("login", r"(?<=\b(?i:user(?:name)?|login(?:[ \t]+used)?|admin|author|owner|uid|(?:created|modified|edited|amended|corrected|entered|"
              r"logged|updated|deleted|locked|unlocked|exported|accessed|saved|drafted|viewed|printed|opened|released|"
              r"finali[sz]ed|cancell?ed|vetted|protocolled|imported|anonymi[sz]ed|merged|sent)\s+by)[ \t]*[:=]?[ \t]*)(?<![\w.'’\-])"
              r"(?P<v>\p{Ll}{1,2}\p{Ll}{3,}\d*|\p{Lu}{1,2}\p{Lu}{3,}\d*)(?![\w@]|\.\w)"),
    # a login standing alone in a list, a field or a sign-off: 'cc: tbriggs; Dr X', 'minutes hmohamud', '-- K. Vo (kvo3)'
    ("login", rf"(?<=(?:^|\n|[:;,(/|=\"]|\b(?i:by|cc|to|from|per|verified|reported|minutes|typist|scribe|tech|owner|{_DESIGNATIONS})\b|(?:^|\n|[ \t])[-–—]{{1,2}})[ \t]*)(?<![\w.'’\-])"
              r"(?P<v>\p{Ll}{1,2}\.?\p{Ll}{3,}\d{0,2}|\p{Ll}{2,}\d{1,2}|\p{Lu}{1,2}\p{Lu}{4,}\d{0,2})"
              r"(?=[ \t]*(?:$|\n|[;,)|\"]|\.(?![\w])|[ \t]+\(|[ \t]{2}|[ \t]+to[ \t]))"),
    ("nicknamed", r"(?<![\w])(?P<v>[\"“]\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+)?[\"”][ \t]+\p{L}[\p{L}'’\-]+)(?![\w'’\-])"),
    ("addressed", rf"(?:^|(?<=\n))[ \t]*(?P<v>{_CASED})[ \t]*[,–—\-:][ \t]*(?=(?i:pls|please|can[ \t]+you|could[ \t]+you|would[ \t]+you|fyi)\b)"),
    ("userid", r"(?<=\b(?i:user(?:name|[ \t_]?id)?|login|uid|operator[ \t_]?id)[ \t]*[:=][ \t]*)(?P<v>\p{L}[\p{L}\d._\-]{2,30})(?![\w@])"),
    ("loginany", r"(?<![\w.@/\-])(?P<v>\p{Ll}{3,}\d{1,2})(?![\w@/.\-])"),  # 'ask abird7 for bleep'

    # an upper-case name after a field cue or a title: 'Reported by: DR KHALED ABU SHAKRA', 'REFERRING: PATEL, NIRAV K'
    ("capscue", rf"(?:(?<![\w]){_NAME_CUES}(?:\b|(?<=\W))[ \t]*(?:{_TITLES_UP}[ \t]+)?|(?<![\w/]){_TITLES_UP}[ \t]+|"
                rf"(?<![\w/])(?:SPR|SHO|REG|FY\d|CT\d|ST\d|CONSULTANT|NURSE|SISTER|RADIOGRAPHER|PHYSICIST|SONOGRAPHER|SEC|"
                rf"PHYSIOLOGIST|FELLOW|REGISTRAR|RN|HCA)[ \t]+)"
                r"(?P<v>\p{Lu}[\p{Lu}'’\-]*\p{Lu}(?:(?:,[ \t]*|[ \t])(?:\p{Lu}[\p{Lu}'’\-]*\p{Lu}|\p{Lu}\.?(?![\w'’]))){0,4})(?![\w'’\-])"),
    # a name as the subject of what people do in notes: 'Coelho suggests...', 'tremblay to rebook', '- zul to chase'
    ("subject", rf"(?:(?<=[.!?;:][ \t]+)|(?<=\s[-–—][ \t]+)|(?m:^)[ \t]*(?:[-–—•*][ \t]*)?)(?P<v>(?:(?:Ó|Ní|Nic|Mac|Ua|Uí|de|van|von|di|da|le|la)[ \t]+)?"
                rf"\p{{L}}\p{{Ll}}[\p{{Ll}}'’\-]*\p{{Ll}})(?=[ \t]+{_PEOPLE_VERBS})"),
    ("signoff", rf"(?:(?<=[.!?][ \t]+)|(?<=\n)[ \t]*)(?P<v>{_CASED})[ \t]*\.?[ \t]*\Z"),  # '... pre/post. Sam'
    ("known", rf"(?<=\s[-–—]{{1,2}}[ \t]?)(?P<v>{_CASED})[ \t]*\.?[ \t]*\Z"),
    # a name before who they are, in brackets: 'Sione (brother)', 'Soo-ah Park-Delgado (RN)', 'hiwot g. (night RN)',
    # 'chidi (adaobi's husband)'
    ("roled", rf"(?<![\w.'’\-])(?P<v>(?:{_CASED}|\p{{Ll}}[\p{{Ll}}'’\-]{{2,}})(?:[ \t]+(?:{_CASED}|\p{{Ll}}[\p{{Ll}}'’\-]{{2,}}|\p{{L}}\.?)){{0,2}})"
              rf"[ \t]*\((?:(?:[\w\-]+(?:['’]s)?[ \t]+)?(?i:{_ROLES}|{_DESIGNATIONS})\.?|(?i:bed|rm|room|bay|cubicle|side[ \t]+room)[ \t]*[\w\-]{{0,4}})\)"),
    # a relative named by whose relative they are: "adaobi's husband", "Okafor's daughter"
    ("possessor", rf"(?<![\w.'’\-])(?P<v>{_CASED}|\p{{Ll}}[\p{{Ll}}'’\-]{{2,}})['’]s[ \t]+(?i:{_ROLES})\b"),
    ("lowersign", r"(?m:^)[ \t]*(?:[-–—]{1,2}[ \t]*)?(?P<v>\p{Ll}{3,})(?=[ \t]*(?:\n|$))"),  # '...\ntunde\n---'
  # a note signed '... first. - Joy'
    ("known", rf"\b(?<=(?i:patient|pt)\.?[ \t]+)(?P<v>{_CASED})(?![\w'’\-]|[ \t]+\p{{Lu}})"),  # 'Patient Selvam s/o Muthu'
    ("signoff", rf"(?m:^)[ \t]*(?P<v>{_CASED})(?=:[ \t]*[\"“\p{{Lu}}])"),  # who speaks in a transcript: 'Arya: What a...'
    # a given name opening a sentence about the person: 'Hamish was scanned', never 'Ross was performed'
    ("signoff", rf"(?:(?<=[.!?][ \t]+)|(?m:^)[ \t]*)(?P<v>{_CASED})(?=[ \t]+(?:was|is|has|had|attended|presented|rang|called|"
                r"reports|denies|declined|consented|underwent|tolerated|complains|describes|feels|remains|lives|works|returned|"
                r"arrived|agreed)\b)(?![ \t]+(?:was|is|has|had)[ \t]+(?:been[ \t]+)?(?:performed|done|carried|completed|undertaken|"
                r"noted|seen|required|considered|patent|repaired|created|placed|used|applied|met|fulfilled|positive|negative)\b)"),
    ("spaced", rf"(?<![\w.'’\-])(?P<v>{_CASED}(?:[ \t]+(?:{_PARTICLE}|(?:al|el|ul)-?)){{1,3}}[ \t]*{_CASED}(?:[ \t]+{_CASED})?)(?![\w'’\-])"),
])
_OVERLAPPED = {"lowerpair", "titled", "lower", "aged", "capscue"}  # 'pt rajesh mehta': the pair may start inside another match


def gazetteer_spans(text: str) -> list:
  """[(start, end, '[NAME]')] for names known by their words: every word could be a name, and the
  lexicon knows the first as a given name or the last as a surname (a common English word needs a
  partner that is no such word: 'Will Nguyen' yes, 'Long Axis' no)."""
  out = []
  for kind, pattern in _GAZETTEER_RULES:
    for m in pattern.finditer(text, overlapped=kind in _OVERLAPPED):
      s, e = m.span("v")
      words = _gazetteer_words(text[s:e])
      lower = kind in _OVERLAPPED or text[s:e].islower()
      if kind == "initials":
        if not phi_names.common(text[s:e]) and _could_be_name(text[s:e].upper()):
          out.append((s, e, "[NAME]"))
        continue
      if kind == "thanked":
        bare = text[s:e].replace(".", "")
        if not (phi_names.common(bare) or _folded(bare) in CLINICAL or _STAFF.fullmatch(bare)) and _could_be_name(bare.capitalize()):
          out.append((s, e, "[NAME]"))
        continue
      if kind == "nicknamed":
        last = words[-1]
        if _name_word(last) or phi_names.known(last) and not phi_names.common(last) and _folded(last) not in CLINICAL:
          out.append((s, e, "[NAME]"))
        continue
      if kind == "addressed":
        if _name_word(words[0]) or phi_names.given(words[0]):
          out.append((s, e, "[NAME]"))
        continue
      if kind == "userid":
        if not (phi_names.common(text[s:e]) or _folded(text[s:e]) in CLINICAL):
          out.append((s, e, "[NAME]"))
        continue
      if kind == "lastline":
        if phi_names.known(text[s:e]) and _folded(text[s:e]) not in CLINICAL:
          out.append((s, e, "[NAME]"))
        continue
      if kind == "bulleted":  # every word could be a name, one of them no dictionary word or a lexicon name
        if all(_could_be_name(w) and not (phi_names.common(w) and not phi_names.known(w)) for w in words) and any(
            not phi_names.english(w) or phi_names.given(w) or phi_names.surname(w) for w in words):
          out.append((s, e, "[NAME]"))
        continue
      if kind == "loginany":
        if _login(text[s:e], by_shape=False):
          out.append((s, e, "[NAME]"))
        continue
      if kind == "login":
        if _login(text[s:e]) or (_PEOPLE_BEFORE.search(text, max(0, s - 24), s) and _name_word(text[s:e].rstrip("0123456789"))):
          out.append((s, e, "[NAME]"))
        continue
      if kind in ("roled", "possessor"):  # the last words that all read as names ('ask yared (pharm)' -> 'yared')
        tokens = list(re.finditer(r"[\p{L}'’\-]+\.?", text[s:e]))
        while tokens and not all(len(t.group()) <= 2 or _name_word(t.group()) or phi_names.known(t.group()) and
                                 not phi_names.common(t.group()) and _folded(t.group()) not in CLINICAL for t in tokens):
          tokens.pop(0)
        if any(len(t.group()) > 2 for t in tokens):
          out.append((s + tokens[0].start(), e, "[NAME]"))
        continue
      if kind == "lowersign":
        if phi_names.given(text[s:e]) and not phi_names.english(text[s:e]):
          out.append((s, e, "[NAME]"))
        continue
      if kind in ("listed", "defined"):  # every word a name (particles aside), two or more
        named = [w for w in words if not re.fullmatch(_PARTICLE, w, re.I)]
        if len(named) >= 2 and all(_name_word(w) for w in named):
          out.append((s, e, "[NAME]"))
          if kind == "defined":  # the initials wherever the note uses them: '... agreed. tw\n(tw = tendai wamambo)'
            out += [(*k.span(), "[NAME]") for k in re.finditer(rf"(?<![\w.]){re.escape(m['i'])}(?![\w])", text)]
        continue
      if kind in ("capscue", "subject"):
        e = _name_words_end(text, s, e, skip_first=False)
        if e and (kind == "subject" or not _EPONYM_NOUN.match(text, e)):
          out.append((s, e, "[NAME]"))
        continue
      if not words or _EPONYM_NOUN.match(text, e) or not all(
          _could_be_name(w.capitalize() if lower else w) for w in words[:1 + (kind not in ("titled", "lower"))]):
        continue
      particle = re.search(rf"[ \t](?:{_PARTICLE}[ \t]|(?i:al|el|ul)-)", text[s:e])  # 'siobhan ní bhriain', 'omar al-farsi'
      if len(words) >= 2 and kind in ("lower", "titled") and not particle:
        e = _name_words_end(text, s, e)  # 'dr khan will call': the name is one word; 'dr liu wen-hsuan' two
        words = _gazetteer_words(text[s:e])
        if not words:
          continue
      if any(phi_names.common(w) and not phi_names.known(w) for w in words):
        continue
      first, last = words[0], words[-1]
      if kind == "pair" and any(re.fullmatch(_LABELS, w) for w in words):
        continue  # 'KWAME   MRN': a field label follows the name
      if kind == "pair":
        ok = (phi_names.given(first) and (phi_names.known(last) or not text[s:e].isupper() or not phi_names.english(last))) or \
             (phi_names.surname(last) and (phi_names.known(first) or not text[s:e].isupper() or not phi_names.english(first))) or \
             (not text[s:e].isupper() and all(not phi_names.english(w) and _name_word(w) for w in words))  # 'Thurairajah Kandiah'
      elif kind == "inverted":
        ok = phi_names.surname(first) and phi_names.given(last)
      elif kind == "onecase":  # a known given name after the comma or surname before it, or no dictionary word at all;
        # no word a common or clinical one ('WHITEHORSE, LENA', 'kidane, fitsum'; never 'mild, moderate')
        family, _, given_names = text[s:e].partition(",")
        named = [w for w in words if not re.fullmatch(_PARTICLE, w, re.I)]
        ok = bool(named) and all(_could_be_name(w.capitalize()) and not phi_names.common(w) and not _STAFF.fullmatch(w)
                                 for w in named) and (
            any(phi_names.given(w) for w in _gazetteer_words(given_names)[:1]) or
            any(phi_names.surname(w) for w in _gazetteer_words(family)[-1:]) or
            all(not phi_names.english(w) and _name_word(w) for w in named))
      elif kind == "capsfirst":
        ok = phi_names.surname(first) and (phi_names.known(last) or not phi_names.common(last)) or phi_names.given(last)
      elif kind == "lower":  # after a cue, a name the lexicon knows or a word no dictionary holds ('d/w okafor')
        ok = phi_names.given(first) or (len(words) == 2 and phi_names.surname(last)) or _name_word(first)
      elif kind == "initialled":  # an unknown surname only where a name stands alone: '- D. McAllister -', a line start,
        # a sentence of its own at a line end ('... stable. T. Ngata')
        ok = phi_names.surname(last) or (not phi_names.common(last) and bool(
            re.search(r"(?:^|\n|[–—\-:(|][ \t]*|[ \t]{2})\Z", text[max(0, s - 3):s]) or
            re.search(r"[.!?][ \t]+\Z", text[max(0, s - 3):s]) and re.match(r"[ \t]*(?:\n|\Z)", text[e:])))
      elif kind == "spaced":
        ok = phi_names.surname(last) or phi_names.given(first)
      elif kind == "titled":  # after 'mr', 'ms' (also valve lesions) only a surname or a word no dictionary holds
        ok = _name_word(first) and (not phi_names.english(first) or phi_names.surname(first)) \
            if text[m.start():s].strip(" \t.").lower() in ("mr", "ms") else not phi_names.common(first)
      elif kind == "known":  # a lexicon name, a common word too ('Joy'), or no dictionary word; never a clinical one
        ok = phi_names.known(first) and _folded(first) not in CLINICAL or not phi_names.english(first) and _name_word(first)
      elif kind == "aged":
        ok = len(words) == 2 and not any(phi_names.common(w) for w in words)
      elif kind == "lowerpair":
        ok = len(words) == 2 and ((phi_names.given(first) and phi_names.known(last)) or
                                  (phi_names.known(first) and phi_names.surname(last)))
      elif kind == "signoff":  # a given name, or a word no dictionary holds where a name signs ('Befund:' is a label)
        ok = phi_names.given(first) or text[e:e + 1] != ":" and not phi_names.english(first) and _name_word(first)
      else:
        ok = phi_names.given(first)
      if ok:
        out.append((s, e, "[NAME]"))
  return out


# who someone is rather than their name, in the short forms notes use: '(reg)', '(sec.)', 'physio', 'admin'
_STAFF = re.compile(rf"(?i:{_ROLES}|reg|sec|admin|physio|pharm|perfusionist|referrer|phys|retd|ext|login|cc|fyi|pls|thx)")


def _gazetteer_words(span: str) -> list:
  """The words of a candidate name that the lexicon judges: no particles, initials or possessive endings."""
  words = [re.sub(r"['’]s$|^(?i:al|el|ul)-", "", w) for w in re.findall(r"[\p{L}'’\-]+", span)]
  return [w for w in words if len(w) > 1 and not re.fullmatch(_PARTICLE, w)]


def _name_word(word: str) -> bool:
  """A word that reads as a name where a name stands: a lexicon name that is no common word, or a word no
  English dictionary and no clinical list holds ('okafor', 'wen-hsuan'; never 'reg', 'trace', 'LVEF')."""
  bare = re.sub(r"['’]s$|^(?i:al|el|ul)-", "", word)  # "okafor's", 'el-masri'
  if len(bare) < 2 or _folded(bare) in CLINICAL or phi_names.common(bare) or not _could_be_name(bare.capitalize()) or \
      _STAFF.fullmatch(bare):
    return False
  if phi_names.known(bare):  # in one case an English word ('note: sharp pain', 'RE: CHEST PAIN') must be a given name
    return not (bare.islower() or bare.isupper()) or phi_names.given(bare) or not phi_names.english(bare)
  return len(bare) >= 3 and not phi_names.english(bare) and bool(re.search(r"[aeiouy]", fold(bare)[0]))


def _name_words_end(text: str, start: int, end: int, skip_first: bool = True) -> int:
  """End of the leading words of text[start:end] that read as a name (particles and initials pass; the first word
  too, if `skip_first`: a rule has judged it), or 0 if none does: 'khan will' -> 'khan', 'ABU SHAKRA' -> all."""
  out, after_particle = 0, False
  for i, m in enumerate(re.finditer(r"[\p{L}'’\-]+", text[start:end])):
    w = m.group()
    particle = bool(re.fullmatch(_PARTICLE, w, re.I))
    if (i == 0 and skip_first) or after_particle or _name_word(w):
      out = start + m.end()  # short words and particles count only before a word that reads as a name
    elif not (len(w) <= 2 or particle):
      break
    after_particle = particle
  return out


def _login(token: str, by_shape: bool = True) -> bool:
  """A user name made of a name and initials or digits ('tbriggs', 'cmwong', 'thuynguyen8', 'kvo3', 's.adeyemi'),
  never a dictionary, clinical or common word ('trace', 'tnnt2'). `by_shape`: letters and digits alone ('kvo3') are
  enough (where a login stands alone)."""
  if "." in token:
    initials, _, name = token.partition(".")
    return len(initials) <= 2 and _name_word(name)
  word = token.rstrip("0123456789").lower()
  digits = len(word) < len(token)
  if len(word) < 3 or phi_names.common(word) or phi_names.english(word) or not _could_be_name(word.capitalize()) or \
      _STAFF.fullmatch(word):
    return False
  return (any(phi_names.surname(word[i:]) and len(word) - i >= (2 if digits and by_shape else 3 if digits else 4) for i in (1, 2)) or
          any(phi_names.given(word[:k]) and phi_names.surname(word[k:]) for k in range(3, len(word) - 2)) or
          (by_shape and digits and len(word) >= 3 and bool(re.search(r"[aeiou]", word))))


# what says the next word is a person's handle: 'tech: mgiguere', 'form by hmyeo', '(ntehk)', '-- ckennedy'
_PEOPLE_BEFORE = re.compile(r"(?:\b(?i:(?:typed|entered|logged|scheduled|verified|reported|checked|written|form|notes?|minutes|signed|"
                            r"sent|booked|vetted|saved|drafted|created|modified|edited|amended|corrected|updated|deleted|"
                            r"exported|accessed|viewed|printed|opened|released|finali[sz]ed|imported|anonymi[sz]ed|merged)\s+by|cc|to|from|verified|reported|minutes|typist|scribe|tech|owner|log|admin|user|"
                            r"audit|entered|logged|transcription|physics|backup)\b[ \t]*:?|(?:^|\n|[ \t])[-–—]{1,2})[ \t]*\Z")


# Clinical words the NER model takes for people or places in cardiology text: abbreviations,
# eponyms, units, anatomy and the capitalised report words it tags next to them. Case-folded.
CLINICAL = frozenset("""
qt qtc mr ms ar tr pr as ai mi pi pa pv av mv tv lv rv la ra lvot rvot lvef rvef ef lvedv lvesv lvedvi lvesvi rvedv rvedvi
lvesvi rvesvi lvm lvmi sv co ci hr bp bsa lge ecv t1 t2 t2* sax lax 2ch 3ch 4ch hcm hocm dcm arvc arvd alvc minf
cmr mri mra ct cta ecg ekg tte tee echo ssfp bssfp psir molli shmolli ir gre flash trufisp cine stir haste lad lcx
rca pda om ivc svc ao aorta pfo asd vsd nsvt vt vf af afib svt hfref hfpef hfmref nyha lbbb rbbb icd crt crt-d ppm
cied cabg pci stemi nstemi acs cad ihd mapse tapse rwma laa lao rao nc ncc lcc rcc sam dr st aps mdt jcc gp sp spr
fy1 fy2 ct1 ct2 st1 st2 rn np bnp nt-probnp trop hs-trop tnt tni crp esr hb egfr ckd dm htn copd osa bmi vo2 ivs
pw lvh lvnc ncc tof tga cctga dorv hlhs vsd pda coa bav mvp mac pht eroa pisa vc vti qp qs qp:qs rvsp pasp pcwp mpa
rpa lpa pv pvr svr gbca gd gadolinium gadobutrol gadovist dotarem magnevist multihance clariscan adenosine
regadenoson dobutamine kg mg ml mmol ms mm cm bpm mmhg hz
medtronic abbott boston scientific biotronik sorin livanova microport guidant st. jude medical azure surescan xt
advisa evera visia cobalt crome claria amplia solara percepta serena micra reveal linq accolade essentio proponent
valitude resonate momentum autogen dynagen inogen emblem s-icd edora enitra evity eluna iperia ilivia intica
rivacor acticor assurity endurity ellipse gallant quadra entrant aveir confirm kora reply esprit alizea platinium
sensia adapta versa relia kappa enrhythm ensura secura protecta maximo virtuoso consulta syncra brava viva
promri imageready capsurefix novus tendril solia sentus attain quartet ingevity reliance endotak sprint fidelis
simpson simpson's ebstein ebstein's fontan fontan's rastelli mustard senning norwood fallot fallot's kawasaki
takotsubo marfan marfan's fabry anderson-fabry danon pompe brugada wolff-parkinson-white wpw lown ganong bernoulli
lake louise tako tsubo loeys loeys-dietz dietz noonan holt-oram friedreich duchenne emery-dreifuss dreifuss
chagas loeffler löffler libman libman-sacks dressler kussmaul kerley ewart wenckebach mobitz petersen jenni barlow
bentall yacoub damus damus-kaye-stansel konno ozaki carpentier framingham ghent padua stanford seattle bethesda
debakey valsalva eustachian thebesian chiari kommerell steell quincke musset traube duroziez takayasu churg
churg-strauss wegener behçet behcet eisenmenger lutembacher uhl shone scimitar digeorge alagille kearns-sayre
erdheim erdheim-chester mönckeberg monckeberg janeway osler romano-ward jervell lange-nielsen andersen-tawil wellens
sgarbossa osborn bazett fridericia mahaim purkinje bachmann todaro teichholz devereux gorlin doppler killip agatston
syntax cha2ds2-vasc has-bled timi blalock-taussig blalock taussig kawashima jatene lecompte nikaidoh waterston
rashkind amplatzer melody sapien corevalve evolut watchman mitraclip triclip impella ecmo swan-ganz judkins
seldinger lambl cheyne-stokes stokes-adams bezold-jarisch ehlers-danlos gaucher hurler niemann-pick sjögren
raynaud castleman whipple lyme hodgkin kaposi epsilon lenègre lenegre austin-flint austin flint graham-steell
carey-coombs hemi-fontan mustard's senning's rastelli's norwood's glenn's ross's
dual chamber single pacemaker pacer lead leads generator defibrillator conditional
md do frcr frcp fracp facc fscmr fesc mrcp mbbs mbchb phd dphil dnp cns anp rdcs ccds bsc msc crnp rgn pa-c
normal free wall max min mild moderate severe septal basal apical mid inferior lateral anterior posterior dilated
impression findings conclusion conclusions technique indication history comparison addendum report summary
known single grade septum myocardial myocardium pericardium pericardial apex base atrium atrial ventricle ventricular
valve valvular mitral aortic tricuspid pulmonary pulmonic coronary systolic diastolic tesla left right global
cardiac cardiology surgery criteria criterion radiology team colleagues registrar consultant fellow nursing
plan background reason request question clinical details diagnosis results measurements opinion recommendation
recommendations sequences protocol contrast procedure note notes comment comments interpretation examination exam
study quality post pre status repeat baseline urgent routine outpatient outpatients inpatient
paediatric pediatric adult congenital research interval annual emergency imaging heart team icu ccu itu hdu cicu picu
nicu resus theatre ward recovery sinus rhythm service department division unit lead head director specialist failure
amyloid amyloidosis inherited conditions structural device devices electrophysiology ep cardiothoracic thoracic
siemens philips ge healthcare toshiba canon hitachi fujifilm united imaging magnetom aera avanto skyra
prisma vida sola altea espree verio trio symphony sonata ingenia achieva intera elition ambition signa artist premier
architect explorer hdxt excite pioneer vantage titan orian galan hf glenn glenn's
disease diseases cardiomyopathy cardiomyopathies arrhythmia transplant hypertension stenosis regurgitation
mapping native function biventricular correlation advised wall walls segment segments territory inferolateral
anterolateral inferoseptal anteroseptal inferoseptum anteroseptum septal lateral inferior anterior scanned seen
reviewed performed reported noted home ed a&e ae er covid covid-19 sars-cov-2 mrna vaccine vaccination
safety viability volumes flow valves vessels tissue characterisation characterization morphology dimensions
size shape thickness thrombus effusion masses mass other extracardiac incidental recommendations information info data no nil none yes
vascular cardiovascular magnetic resonance mr-conditional scan scanner hub programme program pathway task force vmax vmean jude medical accent advisa evera revo
acct acc ref dob addr. tel. liver lung lungs kidney kidneys root spleen thyroid breast skin bone marrow blood cannula acf
patient patient's patients date dated tel telephone fax email e-mail sent id hospital dept department division clinic
letter snippet bleep pager medicare medicaid insurer insurance payer aadhaar dicom advise limited latest prior pre-procedure
post-procedure tele-cmr hx dra fecha befundet refertante grüssen instagram strava twitter facebook whatsapp
frcpc frcs frcsed facp fase fscct frcpi mrcpi frcpe mrcpch mrcgp fracs fcsi dm dnb mch
athlete athlete's guch achd opd amu mau cdu sdec eau pacu cvicu sicu micu ctu or cath cathlab opa
circle axis stack cine cines slice slices plane planes short long willis holter monitor recorder loop patch al attr ttr loc enc addr attending subject lvh rvh lah rah pah ipah cteph ph sah ich ash ish bph fh
ddd vvi aai doo voo ddi vvir dddr aair pet spect cxr noac doac acei arb arni ccb ppi nsaid sglt2i glp-1 tavi tavr savr
avr mvr tvr lvad rvad biv ga nhs ctca ccta ffr ifr eps dccv ilr laao pvi cpet mibi nice esc aha acc scmr eacvi asnc
pacs vpn ris his emr ehr epr suite mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday
friday saturday sunday bcs bsci bse hfa ehra hrs ase bnf who ukhsa cdc fda mhra ema nih nihr nhlbi ct-ffr eacts sts ppv npv auc roi ivus oct
emf lvot-o bland-altman bland altman losartan candesartan valsartan irbesartan sacubitril entresto ramipril lisinopril
perindopril enalapril bisoprolol metoprolol carvedilol nebivolol atenolol propranolol amiodarone dronedarone
flecainide sotalol digoxin ivabradine apixaban rivaroxaban dabigatran edoxaban warfarin heparin enoxaparin
spironolactone eplerenone furosemide frusemide bumetanide dapagliflozin empagliflozin atorvastatin rosuvastatin
clopidogrel ticagrelor prasugrel aspirin mavacamten tafamidis patisiran verapamil diltiazem amlodipine nifedipine
hydralazine ranolazine colchicine prednisolone methotrexate mycophenolate infliximab doxorubicin trastuzumab
cvi cvi42 suiteheart coumadin interatrial interventricular attr-cm
regional segmental transmural subendocardial epicardial midwall mid-wall lgE late enhancement perfusion stress rest
oedema edema oedematous edematous inflammation inflammatory hyperaemia hyperemia infarct infarcts infarction scar scarring
ischaemia ischemia ischaemic ischemic thinning aneurysm aneurysmal akinesis akinetic hypokinesis hypokinetic dyskinesis
dyskinetic dilatation dilation raised elevated increased reduced impaired preserved prolonged
hypokinesia akinesia dyskinesia dyssynchrony
""".split())
_EPONYM_NOUN = re.compile(
    r"(?:['’]s|s['’])?\s*[\(\-]?\s*(?i:procedure|operation|repair|shunt|anomaly|disease|syndrome|criteri(?:on|a)|method|"
    r"sign|classification|circulation|score|technique|rule|formula|equation|index|phenomenon|effect|law|ratio|pathway|"
    r"physiology|palliation|completion|conduit|stage|variant|malformation|aneurysm|node|bundle|fib(?:er|re)s|band|"
    r"protocol|view|plane|approach|man(?:oeu|eu)vre|maneuver|murmur|pulse|curve|algorithm|hypothesis|catheter|test|"
    r"biplane|valve|root|angle|triangle|cardiomyopathy|type|grade|class|nosology|muscular|dystrophy|ataxia|"
    r"arteritis|vasculitis|endocarditis|excrescences?|nodes?|spots?|lesions?|lines|ligament|tendon|sinus|bundle|"
    r"fib(?:er|re)|physiology|correction|switch|baffle|fenestration|banding|anastomosis|prosthesis|"
    r"device|occluder|clip|balloon|stent|wire)\b")


_TITLE_BEFORE = re.compile(rf"\b{_TITLES}\.?[ \t]+\Z")
_FIELD_LABEL = re.compile(r"[ \t]*(?:\(\w{1,3}\))?[ \t]*(?::|\.{2,})")
# Where an impression item or a sentence starts, and a comma with its qualifier after a word:
# '2. Oedema, ? acute myocarditis', 'Impression: Atresia, pulmonary', 'Tumour, anterior wall'.
_ITEM_START = re.compile(r"(?:\A|\n|[.:;][ \t]+|(?<![\w.])\d{1,2}[.)][ \t]+)[ \t]*\Z")
_QUALIFIED_AFTER = re.compile(r",[ \t]*(?:[\p{Ll}\d?(]|\Z)")


def is_clinical(text: str, start: int, end: int, found_by: str = "ner") -> bool:
  """True if text[start:end], found as a name, place or organisation, is clinical: an eponym
  before its noun ("Ebstein anomaly", "Simpson's method"), or no word of it could be a name
  (found_by "ner"), or also none but acronyms (found_by "org": LGE, WPW, MVA), or its upper-case
  first word is a clinical term (found_by "rule": 'DR MRI SureScan'). Names are capitalised or
  caseless (中村); lower-case words are not names."""
  if _EPONYM_NOUN.match(text, end) and not _TITLE_BEFORE.search(text, max(0, start - 16), start):
    return True
  words = re.findall(r"[\p{L}\p{N}'’*\-]+", text[start:end])
  if found_by == "rule":
    if re.fullmatch(r"\p{Lu}{1,4}/\p{Ll}{2,3}", text[start:end]):
      return False  # a typist's code 'ER/dk' is no emergency room
    return bool(words) and (words[0].isupper() and _folded(words[0]) in CLINICAL or
                            len(words) >= 2 and all(_folded(w) in CLINICAL for w in words) and
                            bool(re.match(r"[ \t]*(?:\p{Ll}|\n|$)", text[end:])))  # 'updated Lake Louise positive'
  if re.search(r"(?<![\w/])[\p{L}\d]+/[ \t]?\Z", text[max(0, start - 12):start]) and \
      _folded(re.search(r"([\p{L}\d]+)/[ \t]?\Z", text[max(0, start - 12):start])[1]) in CLINICAL:
    return True  # one of a pair with a clinical word: 'AVR/Ross', 'MR/TR'

  names = [w for w in words if _could_be_name(w)]
  if found_by == "org":
    names = [w for w in names if not _acronym(w)]
  if len(words) == 1 and names and (phi_names.common(names[0]) and not phi_names.known(names[0]) or (
      _FIELD_LABEL.match(text, end) and re.search(r"(?:^|\n|[ \t]{2})[ \t]*\Z", text[max(0, start - 80):start]))):
    return True  # 'Please', 'Latest', 'Your', 'Loc: ...': a capitalised common word or a field label alone
  if len(words) == 1 and names and _QUALIFIED_AFTER.match(text, end) and \
      _ITEM_START.search(text, max(0, start - 12), start) and not _TITLE_BEFORE.search(text[max(0, start - 16):start]) and \
      phi_names.english(names[0]) and not phi_names.known(names[0]):
    return True  # a dictionary word, no lexicon name, heading an item before its qualifier: a finding, not a person
  return not names


def plain_words(text: str, start: int, end: int) -> bool:
  """True if text[start:end] is in capitals and two or more English words that name nobody: 'RE: CHEST PAIN' after a
  cue is a subject line, no person."""
  words = re.findall(r"[\p{L}'’\-]+", text[start:end])
  return text[start:end].isupper() and len(words) >= 2 and all(
      len(w) > 2 and phi_names.english(w) and not phi_names.known(w) for w in words)


_UNIT_AFTER = re.compile(r"[ \t]*(?i:cm|mm|ml|ms|%|mmhg|bpm|kg|g|m2|m²|ml/m2|ml/m²|l/min|s|sec|mmol|mg)(?![\w])")


def is_measurement(text: str, start: int, end: int) -> bool:
  """True if text[start:end] is numbers with decimals or a unit after them ('3.4 / 3.6 / 3.8 cm'): no phone or id."""
  return bool(_UNIT_AFTER.match(text, end)) or bool(re.fullmatch(r"[\d.\s/,\-]*\d\.\d[\d.\s/,\-]*", text[start:end]))


def trim(text: str, start: int, end: int, found_by: str = "ner") -> list:
  """The parts of a NER span worth removing: split at line breaks, each cut to its first and last
  word that could be a name ('CMR REPORT - NORTHGATE HOSPITAL' -> 'NORTHGATE HOSPITAL'). [(start, end)]"""
  out = []
  for line in re.finditer(r"(?:[^\n—–|\-]|(?<!\s)[–\-]|[–\-](?!\s))+", text[start:end]):  # ' - ' parts too: 'Ng Kwok - amyloid'
    words = [m for m in re.finditer(r"[\p{L}\p{N}'’*\-]+", line.group())
             if _could_be_name(m.group()) and not (found_by == "org" and _acronym(m.group()))]
    if words:
      out.append((start + line.start() + words[0].start(), start + line.start() + words[-1].end()))
  return out


def _acronym(word: str) -> bool:
  """Capitals of five letters or fewer, or such parts joined by hyphens ('LGE', 'FDG-PET'): an organisation's NER tag on
  them is a clinical acronym's."""
  return word.isupper() and all(len(part) <= 5 for part in word.split("-"))


def cut_at_acronym(text: str, start: int, end: int) -> int:
  """The end of a rule-found name before a clinical acronym that a comma or space joined to it ('Dr Achterberg, LVEF
  was re-measured' -> 'Achterberg')."""
  for m in re.finditer(r"(?:,[ \t]*|[ \t]+)(\p{Lu}[\p{Lu}\d\-]+)(?![\w])", text[start:end]):
    if _folded(m[1]) in CLINICAL:
      return start + m.start()
  return end


def _folded(word: str) -> str:
  return re.sub(r"['’]s$", "", word.casefold())


# Endings of medical and English words that no name in the lexicon shares ('Myocarditis', 'Sarcoid',
# 'Rheumatic', 'Haematology', 'Electronically'): a capitalised sentence start, not a person.
_WORD_ENDINGS = re.compile(r"(?i:itis|osis|oid|[ae]?emia|ology|ologist|ectomy|otomy|ostomy|plasty|scopy|graphy|pathy|"
                           r"trophy|opsy|(?:at|et|it|ot|ph|ob|gm|am|em|om|yt|st|ys|rh|ct|pt)ic|ical|ically|ously|ively|"
                           r"ment|ments|tion|tions|sion|ities|ive|ous|ward|wards|able|ible|cardial|"
                           # drug stems (INN): a lower-case drug list ('meds: ramipril; nicorandil') holds no logins
                           r"pril|sartan|olol|alol|ilol|statin|dipine|parin|xaban|gatran|gliflozin|gliptin|glutide|azepam|"
                           r"azolam|prazole|tidine|oxacin|mycin|cillin|cycline|vir|umab|ximab|zumab|tinib|afil|azosin|"
                           r"thiazide|semide|tanide|entan|ciguat|prost|rone|amide|olone|asone|dronate|metry|metric|gado\w*)$")


def _could_be_name(word: str) -> bool:
  if not (word[0].isalpha() and not word[0].islower() and not any(c.isdigit() for c in word)
          and _folded(word) not in CLINICAL and word.casefold() not in CLINICAL):
    return False
  bare = re.sub(r"['’]s$", "", word)
  return phi_names.known(bare) or not _WORD_ENDINGS.search(bare)


_FOLLOWING_POSTCODE = re.compile(r"(?:,?[ \t]+|[ \t]*\n[ \t]*)(?P<v>(?:\d{5}(?:-\d{4})?|\d{4}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|"
                                 r"[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{4}\s?[A-Z]{2}|\d{3}[ \t]?\d{3}|\d{4}[ \t]\d{2}))\b(?![ \t]*(?i:ms|mm|ml|cm|%))")
_FOLLOWING_PLACE = re.compile(rf",?[ \t]+(?P<v>(?:(?i:near|opp\.?|opposite|behind|beside|off)[ \t]+)?{_WORD}(?:[ \t]+{_WORD}){{0,2}}(?:[ \t]\d{{1,2}}(?=[ \t]*[,.;\n]))?)(?=[ \t]*(?:[,.;:(\n|]|$)|\s+[A-Z]{{1,2}}\d|\s+\d)")
# The next line of an address block: a town, county or country alone on its line, or before a postcode.
_FOLLOWING_LINE = re.compile(rf"[ \t]*,?[ \t]*\n[ \t]*(?P<v>{_WORD}(?:[ \t]+(?:{_WORD}|upon|on|in|de|la|le)){{0,3}})"
                             r"(?=[ \t]*,?[ \t]*(?:\n|$|\d{4,5}\b|[A-Z]{1,2}\d))")
_FOLLOWING_SLASH = re.compile(rf"[ \t]?/[ \t]?(?P<v>{_WORD})(?![\w'’\-])")
# The next name of a list: 'Drs Patel and Jones', 'Patel A / Jones B', 'Dr Lee, Dr Tan & JW'.
_FOLLOWING_NAME = re.compile(rf"(?:[ \t]*\(\d{{1,3}}[ \t]?[MF]?\))?[ \t]*(?:,|;|/|&|and|or|vs\.?|v\.?)[ \t]*(?:{_TITLES}\.?[ \t]+)?(?P<v>(?:\p{{Lu}}\.?[ \t]?){{0,2}}\p{{Lu}}\p{{Ll}}"
                             rf"[\p{{L}}'’\-]+(?:[ \t]+\p{{Lu}}\.?){{0,2}}|\p{{Lu}}{{2,3}})(?![\w/])")


# The name before a found one in a list or a pair: 'Sulimat, Brian, Susan', 'Coyle and Dr Hallworth'.
_TITLE_WORD = re.compile(_TITLES)
_PRECEDING_NAME = re.compile(rf"(?<![\w'’\-.][ \t]?)(?P<v>{_CASED})[ \t]*(?:,|&|and)[ \t]*(?:{_TITLES}\.?[ \t]+)?\Z")
_PARTICLES_BEFORE = re.compile(rf"(?<![\w'’\-])(?:{_PARTICLE}[ \t]+){{1,3}}(?:{_CASED}[ \t]+)?\Z")
_HYPHEN_BREAK = re.compile(rf"-[ \t]*\n[ \t]*(?P<v>\p{{Ll}}+(?:[ \t]+{_CASED})?)(?![\w'’\-])")
_GIVEN_AFTER = re.compile(rf"[ \t]+(?P<v>{_CASED})(?![\w'’\-])")
# the next item of a list of people in lower case: 'cc: Dr Nnaji; tlockhart', 'Dr Lim; sione taufa'ao (dad)'
_FOLLOWING_LOWER = re.compile(r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*(?:[;,&/]|\band\b|\bto\b)[ \t]*(?:(?:dr|mr|mrs|ms|sr|prof)\.?[ \t]+)?(?P<v>\p{Ll}[\p{Ll}'’\-]+\d{0,2}"
                              r"(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+){0,2})(?=[ \t]*(?:$|\n|[;,)(|]|\.(?:\s|$))|[ \t]+(?:re|to|and)\b)")
# a person's login in brackets after the name: 'K. Vo, NP (kvo3)', 'Prof Teo (ntehk)'
_HANDLE_AFTER = re.compile(rf",?[ \t]*(?:{_POSTNOMINALS}[ \t]*)?\([ \t]*(?P<v>\p{{Ll}}[\p{{Ll}}.]{{2,12}}\d{{0,2}})[ \t]*\)")
# the weekday written with a date belongs to it: 'Wed 07-04-21', '19 Nov 2023 (Sun)'
_WEEKDAY_BEFORE = re.compile(rf"\b{_WEEKDAY}\.?,?[ \t]+(?:the[ \t]+)?\Z")
_WEEKDAY_AFTER = re.compile(rf",?[ \t]*\(?{_WEEKDAY}\.?\)?(?![\w'’])")
_FOLLOWING_DATE = re.compile(r"[ \t]*(?:-|–|to|until|till|and|&|or)[ \t]*(?P<v>(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|1[0-2])"
                             r"(?:[/.](?:19|20)?\d{2})?)(?![\d/]|\.\d)")


def following_spans(text: str, spans: list) -> list:
  """[(start, end, placeholder)] for what continues a found span: the capitalised words or the
  postcode after an address, hospital or place ('St Mary's Hospital, Paddington', 'Main Street,
  Oughterard, Co. Galway', 'Boston 02115'), the next lines of an address block, the next name of a list."""
  out, places = [], ("[ADDRESS]", "[HOSPITAL]", "[LOCATION]")
  for (_, prev_end, prev_tag), (start, end, tag) in zip([(0, -9, None)] + spans, spans):
    if tag == "[NAME]" and prev_tag in places and re.fullmatch(r",?[ \t]*", text[prev_end:start]):
      tag = "[LOCATION]"  # 'Rosebank, Johannesburg 2196': a town the NER model took for a person
    if tag == "[DATE]":
      m = _FOLLOWING_DATE.match(text, end)  # 'from 3/4 to 5/4'
      if m:
        out.append((*m.span("v"), "[DATE]"))
      for m in (_WEEKDAY_BEFORE.search(text, max(0, start - 16), start), _WEEKDAY_AFTER.match(text, end)):
        if m:
          out.append((*m.span(), "[DATE]"))
      continue
    if tag == "[NAME]":
      m = _FOLLOWING_NAME.match(text, end)
      # bare initials ('JB') only after a comma or slash: 'Dr Lee and LGE' names one person
      initials = m and m["v"].isupper()
      if m and (text[end:m.start("v")].strip() in ("/", ",", "vs", "vs.") if initials else True) and not is_clinical(text, *m.span("v")):
        out.append((*m.span("v"), "[NAME]"))
      # the rest of a name the rules found in part: 'de la Fuente Morales, José Antonio'
      m = _PARTICLES_BEFORE.search(text, max(0, start - 40), start)
      if m and all(_could_be_name(w) for w in re.findall(r"\p{Lu}[\p{L}'’\-]+", m.group())):
        out.append((*m.span(), "[NAME]"))
      m = _PRECEDING_NAME.search(text, max(0, start - 40), start)
      if m and _could_be_name(m["v"]) and not phi_names.common(m["v"]) and not _TITLE_WORD.fullmatch(m["v"]):
        out.append((*m.span("v"), "[NAME]"))
      m = _HYPHEN_BREAK.match(text, end)  # 'Ade-\nwale Coker'
      if m:
        out.append((*m.span("v"), "[NAME]"))
      m = _GIVEN_AFTER.match(text, end)
      if m and phi_names.given(m["v"]) and _could_be_name(m["v"]):
        out.append((*m.span("v"), "[NAME]"))
      m = _FOLLOWING_LOWER.match(text, end)
      words = m["v"].split() if m else []
      if m and all(_name_word(w) or _login(w) or i and len(w) == 2 and phi_names.given(words[0]) and
                   not phi_names.common(w) and _folded(w) not in CLINICAL for i, w in enumerate(words)):
        out.append((*m.span("v"), "[NAME]"))
      m = _HANDLE_AFTER.match(text, end)
      if m and not re.fullmatch(rf"(?i:{_DESIGNATIONS})", m["v"]) and (_login(m["v"].rstrip(".")) or _name_word(m["v"].rstrip(".0123456789"))):
        out.append((*m.span("v"), "[NAME]"))
      continue
    if tag not in places:
      continue
    for pattern in (_FOLLOWING_PLACE,) + ((_FOLLOWING_LINE,) if tag != "[HOSPITAL]" else ()):
      m = pattern.match(text, end)
      if m and not is_clinical(text, *m.span("v")):
        out.append((*m.span("v"), "[LOCATION]"))
    m = _FOLLOWING_SLASH.match(text, end) if tag == "[HOSPITAL]" else None
    if m and not is_clinical(text, *m.span("v")):  # 'UCLH/Barts'
      out.append((*m.span("v"), "[HOSPITAL]"))
    m = _FOLLOWING_POSTCODE.match(text, end)
    if m:
      out.append((*m.span("v"), "[ADDRESS]"))
  return out


def _word_start(text: str, i: int) -> int:
  while i > 0 and (text[i - 1].isalpha() or text[i - 1] in "'’-"):
    i -= 1
  return i


def repeated_spans(text: str, spans: list) -> list:
  """[(start, end, '[NAME]')] for the other mentions of a found name's words in the same report
  ('Csanád had given Csanád', 'Ōtake Hiroshi / Hiroshi Otake', "mihai ... mihai's CMR", 'J. Bird ... Okonkwo-Bird'),
  accents and case aside; capitalised, or lower-case where it was found so; never a clinical word or an eponym before
  its noun (a patient Ross; a 'Ross procedure'). A common English word counts only where a title said it was a name
  ('Mr Little', 'Mr Valve'), and then only capitalised inside a sentence or before what people do ('Little to visit')."""
  words, found_lower, titled = set(), set(), set()
  for start, end, tag in spans:
    if tag != "[NAME]":
      continue
    after_title = bool(_TITLE_BEFORE.search(text, max(0, start - 16), start))
    for w in re.findall(r"[\p{L}'’\-]{3,}", text[start:end]):
      w = re.sub(r"['’]s$", "", w)
      if len(w) < 3 or re.fullmatch(_PARTICLE, w):
        continue
      if _could_be_name(w.capitalize()) and not phi_names.common(w):
        words.add(fold(w)[0])
        found_lower.update([w] if w.islower() else [])
      elif after_title and w[0].isupper() and not w.isupper() and "-" not in w:
        titled.add(fold(w)[0])
  if not words and not titled:
    return []
  folded, index = fold(text)  # accents, case and apostrophes folded: 'Ōtake Hiroshi / Hiroshi Otake', "mihai's" -> 'mihais'
  pattern = re.compile(r"(?<![\w])(?P<w>" + "|".join(map(re.escape, sorted(words | titled, key=len, reverse=True))) +
                       r")(?P<s>s)?(?![\w])")
  out = []
  for m in pattern.finditer(folded):
    if m["s"] and text[index[m.start("s")] - 1] not in "'’":
      continue  # 'Ross' in 'Rosss' no; "Ross's" yes
    s, e = index[m.start()], index[m.end("w") - 1] + 1
    if m["w"] in titled and m["w"] not in words:
      sentence_start = re.search(r"(?:^|[.!?:;\n][ \t]*|[-–—•*][ \t]*)\Z", text[max(0, s - 4):s])
      if not text[s].isupper() or text[s:e].isupper() or (sentence_start and not re.match(r"[ \t]+" + _PEOPLE_VERBS, text[e:])):
        continue
    elif not (text[s].isupper() or text[s:e] in found_lower):
      continue
    start = _word_start(text, s)  # 'Cross-sectional', 'non-Smith': a word of a lower-case compound is no name
    if _EPONYM_NOUN.match(text, e) or re.match(r"-\p{Ll}", text[e:e + 2]) or start < s and text[start].islower():
      continue
    compound = re.match(r"[\p{L}'’\-]+", text[start:])
    if compound and "-" in compound.group() and _folded(compound.group()) in CLINICAL:
      continue  # 'Swan-Ganz', 'Holt-Oram'
    if m["w"] in titled and any(_folded(w) in CLINICAL for w in re.findall(r"\p{L}+", text[max(0, s - 12):s])[-1:] +
                                re.findall(r"\p{L}+", text[e:e + 12])[:1]):
      continue  # 'Austin Flint murmur', 'Lake Louise'
    # the whole of a hyphenated name: 'Okonkwo-Bird' once 'Bird' is a name, never 'Bird-like'
    while s > 0 and text[s - 1] == "-" and (p := re.search(r"(?<![\w'’\-])\p{Lu}[\p{L}'’]+\Z", text[max(0, s - 30):s - 1])) \
        and _could_be_name(p.group()):
      s -= 1 + len(p.group())
    while (n := re.match(r"-(\p{Lu}[\p{L}'’]+)(?![\w])", text[e:])) and _could_be_name(n[1]):
      e += n.end()
    out.append((s, e, "[NAME]"))
  return out


# Around a found name: its initials ('anjali m', 'Hernandez, R.', 'RAGHUNATHAN V K', 'j. k. okafor'), a given name
# before it ('Terence Valve'), its particles ('kobus du toit', 'hennie janse van rensburg'), the rest of a one-case name
# ('DR NG SIEW LING /', 'dr. chua kok wee.').
_INITIALS_AFTER = re.compile(r"(?:,[ \t]?|[ \t])(?P<v>\p{L}(?:\.[ \t]?\p{L}|[ \t]\p{L}){0,2}\.?)(?![\w'’\-]|/\w)")
_INITIALS_BEFORE = re.compile(r"(?<![\w.])(?P<v>(?:\p{L}\.[ \t]?|(?:Ma|Md|Mohd|Muhd|Wm)\.[ \t]?){1,3})[ \t]*\Z")
_ALIAS_BEFORE = re.compile(rf"(?<![\w'’\-.])(?P<v>\p{{L}}[\p{{L}}'’\-]+)[ \t]*\([ \t]*(?:{_TITLES}\.?[ \t]+)?\Z")
_GIVEN_BEFORE = re.compile(r"(?<![\w'’\-.])(?P<v>\p{L}[\p{L}'’\-]+)[ \t]+\Z")
_PARTICLES_AFTER = re.compile(rf"[ \t]+(?:(?i:{_PARTICLE})[ \t]+){{1,3}}(?P<v>\p{{L}}[\p{{L}}'’\-]+)(?![\w'’\-])")
_PARTICLES_ONLY = re.compile(rf"[ \t]+(?:(?i:{_PARTICLE})[ \t]+){{1,3}}")
_ONE_CASE_TAIL = re.compile(rf"(?P<v>(?:[ \t](?!{_LABELS}\b)\p{{L}}[\p{{L}}'’\-]{{2,}}){{1,2}})(?=[ \t]*(?:[/;,|()\n]|\.(?:\s|$)|$))")  # one space: '  MRN' is the next field
_NOT_INITIALS = {"a", "i", "x", "e.g", "i.e", "o", "s"}  # words, 'x 2', "Smith s" for "Smith's" in OCR


def around_names(text: str, spans: list) -> list:
  """[(start, end, '[NAME]')] for the parts of a name next to a found one: initials, an alias before it in brackets,
  a given name before it, particles, the rest of a name written in one case."""
  out, names = [], [(s, e) for s, e, tag in spans if tag == "[NAME]"]
  for (s, e), nxt in zip(names, names[1:] + [(None, None)]):
    name = text[s:e]
    m = _INITIALS_AFTER.match(text, e)
    if m and m["v"].rstrip(".").lower() not in _NOT_INITIALS and (not m["v"].islower() or name.islower()) and \
        not re.match(r"[ \t]*\d", text[m.end():]):
      out.append((*m.span("v"), "[NAME]"))
    m = _INITIALS_BEFORE.search(text, max(0, s - 12), s)
    if m and m["v"].rstrip(". ").lower() not in ("e.g", "i.e"):
      out.append((*m.span("v"), "[NAME]"))
    m = _ALIAS_BEFORE.search(text, max(0, s - 40), s)
    if m and re.match(r"[ \t]*\)", text[e:]) and (_name_word(m["v"]) or phi_names.given(m["v"])) and \
        not any(phi_names.common(part) for part in m["v"].split("-")):  # 'to-do (rpatel)' names nobody
      out.append((*m.span("v"), "[NAME]"))
    m = _GIVEN_BEFORE.search(text, max(0, s - 30), s)
    if m and phi_names.given(m["v"]) and (m["v"].islower() == name.islower()) and _could_be_name(m["v"].capitalize()):
      out.append((*m.span("v"), "[NAME]"))
    if nxt[0] is not None and _PARTICLES_ONLY.fullmatch(text, e, nxt[0]):
      out.append((e, nxt[0], "[NAME]"))
    m = _PARTICLES_AFTER.match(text, e)
    if m and (_name_word(m["v"]) or m["v"][0].isupper() and _could_be_name(m["v"]) and not phi_names.common(m["v"])):
      out.append((e, m.end("v"), "[NAME]"))
    if name.isupper() or name.islower():
      m = _ONE_CASE_TAIL.match(text, e)
      tail = m and re.findall(r"[\p{L}'’\-]+", m["v"])
      if tail and all((w.isupper() if name.isupper() else w.islower()) and _could_be_name(w.capitalize()) and
                      not phi_names.common(w) and not _STAFF.fullmatch(w) and not _folded(w) in CLINICAL for w in tail):
        out.append((e, m.end("v"), "[NAME]"))
  return out


_INITIALS_TOKEN = re.compile(r"(?<![\w.'’\-])(?:\p{L}(?:\.?\p{L}){1,3}|(?:\p{L}\.[ \t]?){1,3}\p{L})\.?(?![\w'’\-])")


def initials_of_names(text: str, spans: list) -> list:
  """[(start, end, '[NAME]')] for the initials of a name found in the same report, written alone ('Delroy A.
  Lindo-Gayle' -> 'DAL' or 'DALG'; 'adaobi okonkwo-eze' -> 'a.o.e'; 'S. Venkatasubramanian (SV)'), any case, with or
  without dots. A clinical abbreviation (a patient Anna Smith, 'AS'), a common word ('to', 'IF'), a lower-case English
  word or a number's label stays, unless it stands in brackets right after the name."""
  sequences = {}
  for start, end, tag in spans:
    if tag != "[NAME]":
      continue
    for parts in (re.split(r"[ \t,]+", text[start:end]), re.split(r"[ \t,\-]+", text[start:end])):
      letters = "".join(w[0] for w in parts if w and w[0].isalpha() and not re.fullmatch(_PARTICLE, w))
      if 2 <= len(letters) <= 4:
        sequences.setdefault(fold(letters)[0], []).append(end)
  out = []
  for m in _INITIALS_TOKEN.finditer(text) if sequences else ():
    letters = re.sub(r"[. \t]", "", m.group())
    ends = sequences.get(fold(letters)[0])
    if not ends:
      continue
    bracketed = any(re.fullmatch(r"[ \t]*\([ \t]*", text[e:m.start()]) for e in ends)
    if bracketed or not (_folded(letters) in CLINICAL or phi_names.common(letters) or letters.islower() and
                         phi_names.english(letters) or re.match(r"[ \t]*[:=]?[ \t]*\d", text[m.end():])):
      out.append((m.start(), m.end(), "[NAME]"))
  return out


# A table's column of people: its header says so ('pt_name', 'pt_last', 'referring', 'Surname') or two of its cells
# are names already found; the other cells of that column are names too ('DE LA TORRE', 'RAGHUNATHAN V K', '"jkw"').
_NAME_HEADER = re.compile(r"(?i:(?:^|[_\s\-.])(?:name|names|surname|forename|first|last|given|family|patient|referr\w*|physician|doctor|"
                          r"consultant|author|typist|reporter|reader|reviewer|radiologist|cardiologist|radiographer|sonographer|"
                          r"operator|technologist|nurse|clinician|requester|requestor|cc|nok|staff|initials|user)(?:$|[_\s\-.]))")
_LIST_MARKER = re.compile(r"[ \t]*(?:\(?\d{1,3}[.)]|[-–—•*])?[ \t]*(?:(?i:dr|prof|mr|mrs|ms|miss)\.?[ \t]+)?[\"'“]?[ \t]*")


def _cells(line: str, delimiter: str) -> list:
  """[(start, end)] of the cells of a delimited line; a double-quoted cell may hold the delimiter."""
  out, start, quoted = [], 0, False
  for i, c in enumerate(line):
    if c == '"':
      quoted = not quoted
    elif c == delimiter and not quoted:
      out.append((start, i))
      start = i + 1
  return out + [(start, len(line))]


def table_spans(text: str, spans: list) -> list:
  """[(start, end, '[NAME]')] for the cells of a column of people in a delimited table (CSV, '|' or tab exports,
  numbered lists with '|' columns): three or more cells a line, two or more lines."""
  covered = set()
  for s, e, tag in spans:
    if tag == "[NAME]":
      covered.update(range(s, e))
  lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
  out = []
  for delimiter in "|,\t":
    rows = [(at, line, _cells(line, delimiter)) for at, line in lines]
    i = 0
    while i < len(rows):
      j = i
      while j < len(rows) and len(rows[j][2]) >= 3 and (j == i or rows[j][0] == rows[j - 1][0] + len(rows[j - 1][1]) + 1):
        j += 1
      if j - i >= (2 if delimiter != "," else 3):
        out += _name_columns(text, rows[i:j], covered)
      i = max(j, i + 1)
  return out + _name_lines(text, lines, covered)


_NAME_LINE = re.compile(r"[\p{L}'’\-., ]*\p{L}[\p{L}'’\-. ]*(?:\([\p{L} ]{2,20}\))?[ \t]*")  # never 'Ngā mihi,' (regards)


def _named(text: str, start: int, end: int, covered: set) -> bool:
  """Half or more of the letters of text[start:end] are inside found names."""
  letters = [i for i in range(start, end) if text[i].isalpha()]
  return bool(letters) and sum(i in covered for i in letters) >= len(letters) / 2


def _list_line(text: str, at: int, line: str):
  """(start, end) of a line that could hold one person (one to five words, no digits; its list marker or title
  left out), or None."""
  start, end = at + _LIST_MARKER.match(line).end(), at + len(line)
  ok = _NAME_LINE.fullmatch(text, start, end) and 1 <= len(re.findall(r"[\p{L}'’\-]+", text[start:end])) <= 5
  return (start, end) if ok else None


def _name_lines(text: str, lines: list, covered: set) -> list:
  """[(start, end, '[NAME]')] for the lines of a list of people, one a line ('Olayinka, Babatunde' above
  'O'Neill-Moss, Siobhan'): three or more adjacent such lines, two or more of them names already found."""
  out, run = [], []
  for at, line in lines + [(None, "")]:
    item = _list_line(text, at, line) if at is not None else None
    if item and run and at == run[-1][1] + 1:
      run.append(item)
      continue
    named = [_named(text, a, b, covered) for a, b in run]
    if len(run) >= 3 and sum(named) >= 2:
      for (a, b), done in zip(run, named):
        words = re.findall(r"[\p{L}'’\-]+", text[a:b])
        if not done and all(len(w) < 2 or _could_be_name(w.capitalize()) and not phi_names.common(w) for w in words):
          out.append((a, b, "[NAME]"))
    run = [item] if item else []
  return out


def _name_columns(text: str, rows: list, covered: set) -> list:
  """[(start, end, '[NAME]')] for the cells of `rows` [(line start, line, cells)] in a column of people. The first row
  is a header when no cell of it is a number; a free-text last column may hold the delimiter, so only rows with the
  header's cell count are read there."""
  first, cells0 = rows[0][1], rows[0][2]
  header = all(len(first[s:e].split()) <= 3 and not re.fullmatch(r"[\d\s.,:/\-]+", first[s:e]) for s, e in cells0)
  out = []
  for c in range(max(len(r[2]) for r in rows)):
    column = [(at + cells[c][0], at + cells[c][1]) for at, _, cells in rows[1 if header else 0:]
              if c < len(cells) and (c < len(cells) - 1 or len(cells) == len(cells0))]
    by_header = header and c < len(cells0) and _NAME_HEADER.search(first[slice(*cells0[c])])
    if not by_header and sum(_named(text, s, e, covered) for s, e in column) < 2:
      continue
    for s, e in column:
      s = _LIST_MARKER.match(text, s, e).end()
      cell = text[s:e].rstrip(" \t\"'”")
      words = re.findall(r"[\p{L}'’\-]+", cell)
      if not re.fullmatch(r"[\p{L}'’\-., ]*\p{L}[\p{L}'’\-., ]*", cell) or len(words) > 5 or all(
          phi_names.common(w) and not phi_names.known(w) for w in words):
        continue  # a number, a sentence or an empty value ('none', 'n/a')
      if by_header or all(len(w) < 2 or _could_be_name(w.capitalize()) and not phi_names.common(w) for w in words):
        out.append((s, s + len(cell), "[NAME]"))
  return out


def pattern_spans(text: str) -> list:
  """[(start, end, placeholder)] of every rule match in `text`."""
  out = []
  for rules, keep in ((_RULES, _always), (_CONTEXT_RULES, _some_name), (_NAME_SHAPE_RULES, _all_names),
                     (_PLACE_SHAPE_RULES, _place_words)):
    for tag, pattern in rules:
      for m in pattern.finditer(text):
        s, e = m.span("v") if "v" in pattern.groupindex and m.group("v") else m.span()
        if e > s and keep(text, s, e):
          out.append((s, e, tag))
  return out + gazetteer_spans(text)


# Digits OCR reads for letters inside a word: 'J0nathan Whitf1eld', 'H0SPITAL', '0ctober', 'MUMBA1'.
_OCR_DIGIT = re.compile(r"(?<=\p{L})[01](?=\p{L})|(?<![\w])0(?=\p{Ll}{3,})|(?<=\p{Lu}{3,})1(?![\w])")


def ocr_spans(text: str) -> list:
  """[(start, end, placeholder)] that the rules find once OCR's digits inside words are read back as
  letters (same length, so offsets carry over); only spans that touch a read-back letter."""
  changed = [m.start() for m in _OCR_DIGIT.finditer(text)]
  if not changed:
    return []
  def letter(m):
    upper = text[m.start() - 1:m.start()].isupper() or text[m.end():m.end() + 1].isupper()
    return {"0": "o", "1": "i"}[m.group()].upper() if upper else {"0": "o", "1": "i"}[m.group()]
  read = _OCR_DIGIT.sub(letter, text)
  return [(s, e, tag) for s, e, tag in pattern_spans(read) if any(s <= i < e for i in changed) and
          (tag not in ("[NAME]", "[LOCATION]", "[HOSPITAL]") or not is_clinical(read, s, e, "rule"))]


def _always(text: str, start: int, end: int) -> bool:
  return True


def _some_name(text: str, start: int, end: int) -> bool:
  # all-capital reports ('LGE SEEN AT THE BASAL SEPTUM') give context rules no capitalised words to go by
  return not text[start:end].isupper() and not is_clinical(text, start, end)


def _place_words(text: str, start: int, end: int) -> bool:
  words = [w for w in re.findall(r"[\p{L}'’]+", text[start:end]) if len(w) > 1]
  return bool(words) and not all(phi_names.common(w) for w in words) and all(
      _could_be_name(w) if not w.isupper() or len(w) > 6 else _folded(w) not in CLINICAL for w in words)


def _all_names(text: str, start: int, end: int) -> bool:
  words = re.findall(r"[\p{L}'’]+", text[start:end])
  return not _EPONYM_NOUN.match(text, end) and all(
      len(w) < 2 or (_could_be_name(w) and (phi_names.known(w) or not phi_names.common(w))) for w in words)


# ----------------------------------------------------------------------------------------------
# Header values.

_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
                       "ß": "ss"})
_DROP = set("'’`´")


def fold(text: str) -> tuple:
  """Accent-, case- and apostrophe-folded `text` and, for each of its characters, the index of the
  original character it came from ("MUÑOZ" -> "munoz", "O'Neill" -> "oneill")."""
  chars, index = [], []
  for i, c in enumerate(text):
    if c in _DROP:
      continue
    for f in unicodedata.normalize("NFKD", c).casefold().translate(_FOLD):
      if not unicodedata.combining(f):
        chars.append(f)
        index.append(i)
  return "".join(chars), index


def header_spans(text: str, phi: dict) -> list:
  """[(start, end, placeholder)] where the header's own values occur in `text`."""
  folded, index = fold(text)
  out = []
  for pattern, tag in _header_patterns_folded(phi):
    for m in pattern.finditer(folded):
      start, end = index[m.start()], index[m.end() - 1] + 1
      if not (tag == "[NAME]" and _EPONYM_NOUN.match(text, end)):  # a patient Ross; a Ross procedure
        out.append((start, end, tag))
  for pattern, tag in _header_patterns_raw(phi):
    out.extend((m.start(), m.end(), tag) for m in pattern.finditer(text) if m.end() > m.start())
  return out


def _words(value: str) -> list:
  return [w for w in re.split(r"[^\w]+", fold(value)[0]) if w]


def _header_patterns_folded(phi: dict) -> list:
  """Patterns on folded text: places as whole phrases, every word of every name."""
  out = []
  for value in phi.get("places", []):
    words = _words(value)
    if words and len("".join(words)) >= 3:
      out.append((re.compile(r"(?<!\w)" + r"[\W_]+".join(map(re.escape, words)) + r"(?!\w)"), "[HOSPITAL]"))
  for value in phi.get("names", []):
    for w in {w for part in re.split(r"[\^=]", value)[:3] for w in _words(part)}:
      if len(w) >= 2:
        out.append((re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)"), "[NAME]"))
  return out


def _header_patterns_raw(phi: dict) -> list:
  """Patterns on the original text: ids, phones, dates, and upper-case initials of names."""
  out = []
  for value in phi.get("ids", []):
    alnum = re.sub(r"[^A-Za-z0-9]", "", value)
    if len(alnum) >= 3:
      spaced = r"[\s\-./]?".join(map(re.escape, alnum))  # with or without separators
      out.append((re.compile(r"(?<![A-Za-z0-9])" + spaced + r"(?![A-Za-z0-9])", re.I), "[ID]"))
  for value in phi.get("phones", []):
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 6:
      out.append((re.compile(r"[\s\-./()]*".join(digits)), "[PHONE]"))
  for value in phi.get("dates", []):
    out.extend((p, "[DATE]") for p in _date_patterns(value))
  for value in phi.get("names", []):
    out.extend((p, "[NAME]") for p in _initials_patterns(value))
  return out


def initials_after_names(text: str, spans: list, phi: dict) -> list:
  """[(start, end, '[NAME]')] for a header name's bare initials right after a removed name
  ('Anna Kowalski, AK'): alone, 'AK' may be a word or an abbreviation."""
  out = []
  for value in phi.get("names", []):
    for seq in _initial_sequences(value):
      pattern = re.compile(r"(?:,\s?|\s)" + "".join(seq) + r"\b")
      out += [(m.end() - len(seq), m.end(), "[NAME]") for s in spans if s[2] == "[NAME]"
              for m in [pattern.match(text, s[1])] if m]
  return out


def _initial_sequences(value: str) -> set:
  parts = [_words(p) for p in re.split(r"[\^=]", value)[:3]]
  family, given, middle = [(p[0][0].upper() if p else "") for p in parts + [[]] * (3 - len(parts))]
  sequences = ((given, middle, family), (family, given, middle), (given, family), (family, given))
  return {tuple(c for c in seq if c) for seq in sequences if sum(1 for c in seq if c) >= 2}


def _initials_patterns(value: str) -> list:
  """Upper-case initials of a DICOM person name 'Family^Given^Middle' with their dots ('J.S.',
  'J. S.'): bare 'to' or 'TO' in findings must survive a patient named Tom O'Neill."""
  return [re.compile(r"\b" + r"\.\s?".join(seq) + r"\.(?!\w)") for seq in _initial_sequences(value)]


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


def _date_patterns(value: str) -> list:
  """A DICOM DA 'YYYYMMDD' in numeric and written-out forms, with and without zero padding."""
  m = re.fullmatch(r"\s*(\d{4})-?(\d{2})-?(\d{2})\s*", value)
  if not m:
    return []
  y, mo, d = m.groups()
  mi, di = int(mo), int(d)
  if not (1 <= mi <= 12 and 1 <= di <= 31):
    return []
  days, months, years = {d, str(di)}, {mo, str(mi)}, {y, y[2:]}
  num = [rf"{y}[./\-\s]?{mm}[./\-\s]?{dd}" for dd in days for mm in months]
  num += [rf"{a}[./\-\s]{b}[./\-\s]{yy}" for dd in days for mm in months for yy in years
          for a, b in ((dd, mm), (mm, dd))]
  mon = rf"(?:{_MONTHS[mi - 1]}|{_MONTHS[mi - 1][:3]}\.?)"
  alts = [alt for dd in days for alt in (rf"{dd}(?:st|nd|rd|th)?[\s\-]+(?:of\s+)?{mon}[\s\-,]+{y}",
                                         rf"{mon}\s+{dd}(?:st|nd|rd|th)?,?\s+{y}")]
  return [re.compile(r"(?<!\d)(?:" + "|".join(num + alts) + r")(?!\d)", re.I)]
