"""Report de-identification on text written the way clinicians write (issue 11).

Each example is one the old scrubber got wrong; the annotated set in tests/data/deid/ (written by
someone who had not read the rules) checks the targets on both its halves.
"""

import json
import os
import socket

import pytest

from data_prep import deid, phi_ner
from data_prep.errors import UserError

DATA = os.path.join(os.path.dirname(__file__), "data", "deid")


def scrub(text, **phi):
  return deid.scrub(text, {k: list(v) for k, v in phi.items()})


@pytest.mark.parametrize("text, date", [
    ("Exam date: March 3, 2021. LVEF 55%.", "March 3, 2021"),
    ("EXAM DATE: MARCH 16, 2023. LVEF 55%.", "MARCH 16, 2023"),
    ("Scanned 5 March 2024; no LGE.", "5 March 2024"),
    ("Acquired 2024-01-08T16:05:11Z at 1.5T.", "2024-01-08T16:05:11Z"),
    ("DOB 02-AUG-1971, seen 14/07/2023 02:30.", "02-AUG-1971"),
    ("Rebooked for Tuesday 7th November with sedation.", "7th November"),
])
def test_dates_in_every_common_form(text, date):
  out = scrub(text)
  assert date not in out and "[DATE]" in out, out
  assert "1.5T" in out or "1.5T" not in text


@pytest.mark.parametrize("header, text, leaks", [
    ("MUÑOZ^JOSÉ", "Patient Jose Munoz, seen by MUNOZ family.", ["Jose", "Munoz", "MUNOZ"]),
    ("MUNOZ^JOSE", "José Muñoz attended.", ["José", "Muñoz"]),
    ("LEFEVRE^CLAIRE", "Mme Lefèvre tolerated the scan.", ["Lefèvre"]),
    ("ZOE^ADAMS", "adams, zoë: LV normal.", ["adams", "zoë"]),
    ("ONEILL^SIOBHAN", "Siobhan O'Neill, LVEF 61%.", ["O'Neill", "Siobhan"]),
    ("O'NEILL^SIOBHAN", "ONEILL S. tolerated the scan.", ["ONEILL"]),
    ("Smith-Jones^Mary^Ann", "Mary-Ann Smith Jones (M.A.S.) was scanned.", ["Smith", "Jones", "Mary", "M.A.S."]),
])
def test_header_names_match_across_accents_apostrophes_and_orders(header, text, leaks):
  out = scrub(text, names=[header])
  assert not [w for w in leaks if w in out], out


@pytest.mark.parametrize("text, name", [
    ("Referred by Priya Raghunathan, NP, for CMR.", "Raghunathan"),
    ("d/w Sarah Nguyen (cardiology SpR) re severe AS.", "Nguyen"),
    ("Findings as above.\n-- Jonathan A. Whitfield, MD", "Whitfield"),
    ("Discussed with dr wexler.", "wexler"),
    ("REFERRER: DR A PATEL", "PATEL"),
])
def test_names_without_titles_or_in_lower_case(text, name):
  out = scrub(text)
  assert name not in out and "[NAME]" in out, out


@pytest.mark.parametrize("text, phi, tag", [
    ("A 92-year-old woman with Takotsubo pattern.", "92-year-old", "[AGE>89]"),
    ("Age at scan: 90. Low-flow AS.", "90", "[AGE>89]"),
    ("Address: 2210 N. Halsted St, Suite 400, Chicago, IL 60614.", "Halsted", "[ADDRESS]"),
    ("Address: 17 Rochdale Road, Oldham OL1 3QZ", "OL1 3QZ", "[ADDRESS]"),
    ("Moved to 17 Rochdale Road, Oldham OL1 3QZ last year.", "Oldham", "[LOCATION]"),
    ("Please send cine loops to cmr.referrals@riversideheart.example.org today.", "riversideheart", "[EMAIL]"),
    ("Prior report at https://pacs.northgate.example/viewer?study=88213.", "northgate", "[URL]"),
    ("Images pushed to PACS from 10.24.118.7.", "10.24.118.7", "[IP]"),
    ("ILR in situ (Reveal LINQ, SN RLA604552S).", "RLA604552S", "[ID]"),
    ("Compared with CMR at Lakeshore Cardiac Institute last year.", "Lakeshore", "[HOSPITAL]"),
    ("Contact pt on 07700 900461 or bleep 6-2290.", "2290", "[PHONE]"),
    ("NHS NO: 943 476 5919", "5919", "[ID]"),
])
def test_safe_harbor_categories_a_header_never_holds(text, phi, tag):
  out = scrub(text)
  assert phi not in out and tag in out, out


@pytest.mark.parametrize("text, phi", [
    # addresses: a labelled line whatever its form, address blocks, number-first European streets
    ("Address: Flat 3, 27 Kingsway, Hove BN3 2FE", ["Kingsway", "Hove", "BN3 2FE"]),
    ("Address: Keizersgracht 123, 1015 CJ Amsterdam", ["Keizersgracht", "1015 CJ", "Amsterdam"]),
    ("Home: 88 chemin Sainte-Foy, app. 4, Québec (QC) G1S 2J3", ["Sainte-Foy", "app. 4", "G1S 2J3"]),
    ("Mr Tom Baker\n12 Elm Grove\nDidsbury\nManchester\nM20 6RT", ["Didsbury", "Manchester", "M20 6RT"]),
    ("Unit 2, 9 Bay Rd, Rosebank, Durban 4001", ["Durban", "4001"]),
    # names in lists, surname + initials, sign-offs, foreign titles, nicknames, dotted leaders
    ("Drs. A. Patel & B. Jones reviewed.", ["Patel", "Jones", "A."]),
    ("Reporting: Patel A / Jones B", ["Patel", "Jones"]),
    ("Smith J (SpR), Jones K (Consultant)", ["Smith", "Jones"]),
    ("Radiographers: TK, JB", ["TK", "JB"]),
    ("no LGE. mild TR.\n-KH", ["KH"]),
    ("Informe: Dra. Lucía Fernández", ["Lucía", "Fernández"]),
    ("Patient Margaret (Peggy) Doyle, 94 years.", ["Margaret", "Peggy", "Doyle"]),
    ("PATIENT: FERREIRA DOS SANTOS, Ana", ["FERREIRA", "DOS", "SANTOS", "Ana"]),
    ("Patient ....... KIM, Ji-woo", ["KIM", "Ji-woo"]),
    ("cmr: ms. june april (mrn 7781102)", ["june april"]),
    ("Genetic counsellor Joy Mensah to contact the family.", ["Joy", "Mensah"]),
    # dates: month-year, seasons, weekday + ordinal, day ranges, spaced dots, other languages, time first
    ("Prior echo 10-2021; MRI 2021-10; seen Summer 2021.", ["10-2021", "2021-10", "Summer 2021"]),
    ("Holter 1-2 Sept 2021; seen Mon 3rd.", ["1-2 Sept 2021", "Mon 3rd"]),
    ("Vyšetřen 14. 2. 2023 v Praze.", ["14. 2. 2023"]),
    ("Esame del 1 febbraio 2023.", ["1 febbraio 2023"]),
    ("ADDENDUM 10:14 on 02/08/2021", ["10:14"]),
    # hospitals without a hospital word, ids by label and shape, plates, clubs
    ("Site: the Alfred, Melbourne.", ["Alfred", "Melbourne"]),
    ("Prior CMR at Groote Schuur, Cape Town.", ["Groote", "Schuur"]),
    ("Referred from Kenyatta National, Nairobi.", ["Kenyatta"]),
    ("Folder no: GS 4471029", ["4471029", "GS"]),
    ("Personnummer: 19780412-3391", ["19780412-3391"]),
    ("Car reg BN-482-XK in bay 4.", ["BN-482-XK"]),
    ("Plays rugby for Old Belvedere RFC.", ["Belvedere"]),
    # names the lexicon knows (phi_names): untitled, inverted, lower-case, signed off in lower case
    ("Kieran Doyle attended with his wife.", ["Kieran", "Doyle"]),
    ("Nguyen, Sarah\nLVEF 55%, no LGE.", ["Nguyen", "Sarah"]),
    ("ph msg – daughter anjali rang, told her dr khan will call back.", ["anjali", "khan"]),
    ("2) sarah o'connell – trivial TR only, discharge to gp.", ["sarah", "o'connell"]),
    ("spoke to wei zhang re results too.", ["zhang"]),
    ("rebooked, severe AS work-up. – kh", ["kh"]),
    ("Present: RK, Dr Lim (chair). Action: SK to refer for DPD. Minutes: JY", ["RK", "SK", "JY"]),
    ("User jsmith4 could not open the study; second read by dr_okeke.", ["jsmith4", "dr_okeke"]),
    ("Bhattacharya, Subhashis   MRN 4471029", ["Bhattacharya", "Subhashis"]),
    # hospitals known by acronym in mixed-case text, or by a suffix after a name word
    ("Joint UCLH/Barts MDT: CMR at Barts showed sarcoid.", ["UCLH", "Barts"]),
    ("Pt: Tremblay, Emilie   Loc: CHEO MRI-2   Attending: Dr Gauthier", ["CHEO"]),
    ("Plan: surgical referral to OAUTHC, Ile-Ife.", ["OAUTHC"]),
    ("Images from Midtown Imaging and Hunter Heart compared.", ["Midtown", "Hunter"]),
    ("Seen at Vall d'Hebron; prior CMR at Ospedale dell'Angelo.", ["Hebron", "Angelo"]),
    # dates with '@' and a time zone, OCR-spaced digits, CJK, day/month before a time or after 'rebooked to'
    ("Signed 07/14/2023 @ 08:45; sent 08/02/2023 17:42 CDT.", ["08:45", "CDT"]),
    ("Date 1 2 / 0 5 / 2 0 2 3, letter of 14 / 08 / 2O23, 2023年9月5日.", ["2 0 2 3", "2O23", "2023年"]),
    ("phone msg 5/17 3:15pm; rebooked to 21/9 10:30; seen July the fourth 2023.", ["5/17", "21/9", "fourth"]),
    ("Seen 2023/3/5 and 03/05/2023 0830 hrs, 12/03/2021 2pm; am 5.3. um 10 Uhr; Easter 2023.", ["2023/3/5", "0830", "2pm", "5.3.", "2023"]),
    # the date grammar: times with seconds, fractions and zones; DICOM date-times; a time before its date;
    # month-first day ranges; 'March of 2021', '2021 Jan', Korean/Hungarian '2023. 05. 07.'
    ("Tuesday, 5 September 2019 at 14:05:33.123 GMT; 7 May 2023 09:15 (UTC+1); 7.5.2023 um 09:15 Uhr.", [".123", "GMT", "UTC", "09:15"]),
    ("Acquired 20230507091500.000, sent 20190905 1405; 08:00 AEDT 4 Mar 2024; at 2:05 p.m. on 5/9/2019.", [".000", "1405", "AEDT", "2:05"]),
    ("Admitted March 3-5, 2021; symptoms since March of 2021; cine 2021 Jan; 2023. 05. 07. and 07/05 @ 0915.", ["-5", "March", "Jan", "05. 07", "0915"]),
    ("Logged 05-03-2023@14:00, file 2023-03-05_1415, SAS 05MAR2023:08:15:00, March 5 through 7, 2023; 5.3.2023, 8.15 Uhr.", ["14:00", "1415", "08:15", "7, 2023", "8.15"]),
    ("Slot Mon 5 Apr 07:45; MDT Wed 07-04-21; 19 Nov 2023 (Sun); this Friday (9th); CMR_20210403_STRESS.", ["Mon", "07:45", "Wed", "Sun", "9th", "20210403"]),
    ("Seen 3/iv/21; log 03/04-07/04/2021; Holter 18-20/2/2019; CMR (3 - 4 - 21); today (03/04); scan 31/03.", ["iv", "03/04-", "18-", "3 - 4", "31/03"]),
    ("Born third of sept nineteen forty nine; scanned the thirtieth of March twenty twenty-one; your letter of 24th ult.", ["forty", "twenty-one", "24th"]),
    # names: particles (dela, al-, Ní), the rest of a partly found name, initialled surnames standing alone, initials after
    # reader/secretary/vs, before a role in brackets, after a name and a slash, at the end of a note; logins; spelled out
    ("Nurse: Jocelyn dela Cruz. With Dr Mahmoud al-Sabah. CMR: de la Fuente Morales, José Antonio, 31/03/2021.", ["Jocelyn", "dela", "Sabah", "Fuente", "Antonio"]),
    ("Subject: CMR result - D. McAllister - scan; readers AB vs CD; SW (CNS); transcribed mh 13.4.21\nDr B. Hart / lw", ["McAllister", "AB", "CD", "SW", "lw", "mh"]),
    ("PACS admin tmurphy; user=hkaur2; Mister Lovejoy, that's L-O-V-E-J-O-Y; pt G.H. withdrew; mr stewart's scan. ck", ["tmurphy", "hkaur2", "L-O-V", "G.H.", "stewart", "ck"]),
    ("MDT Wed 07-04-21 - ACHD\nPETROVIĆ, Dragana tetralogy of Fallot; Dear Dr << Summers >>; HKID: K123456(7); Yusuf Rahimi is 91;", ["PETROVI", "Dragana", "Summers", "(7)", "91"]),
    ("discussed with siobhan ní bhriain; pt omar al-farsi for cmr; Okonkwo, Chidi (Dr); Name: Ade-\nwale Coker", ["bhriain", "farsi", "Chidi", "wale", "Coker"]),
    ("Seen with Capt. Morrow and Imam Siddiqui. Hamish was scanned at 3T.", ["Morrow", "Siddiqui", "Hamish"]),
    # addresses: a line before a town line, 'Street 12, 10115 Town', Asian street forms; phones, plates
    ("12 Kings Parade\nCambridge\nCB2 1SJ", ["Kings Parade", "Cambridge"]),
    ("Hauptstrasse 12, 10115 Berlin", ["Hauptstrasse", "10115", "Berlin"]),
    ("Address: Blk 123 Ang Mo Kio Ave 6 #05-67, Singapore 560123.", ["Ang Mo Kio", "#05-67", "560123"]),
    ("IJN, 145 Jalan Tun Razak, Kuala Lumpur 50400", ["Jalan Tun Razak", "50400"]),
    ("Please call Mrs Lee at ext 221 or HP 8765 4321 (vehicle LSR 871 EP).", ["221", "8765", "LSR 871"]),
    ("Holter on 3/4 to 5/4; moved to Wexham Close; Cc: Marcus King; Dr O. Baker", ["5/4", "Wexham", "Baker"]),
    ("RR 2, 1450 Concession Rd 7, Kemptville; Vellore 632 007; PIN 560034", ["RR 2", "632 007", "560034"]),
    ("Rose Cottage, Mill Lane; unit 4, 12–14 Smith St; 12 rue de la Paix, 75002 Paris", ["Rose", "12–14", "Paix", "75002"]),
    # a found name's other mentions, accents aside; the name before a found one in a list or a pair
    ("Seen with Dr Oyelaran Adebisi. Oyelaran agreed to rescan; ADEBISI consented.", ["Oyelaran", "ADEBISI"]),
    ("Seen by Dr Hélène Lévesque. Helene rang later; LEVESQUE to review.", ["Helene", "LEVESQUE"]),
    ("Screened today: Brannagh, Siobhan, all under 16.", ["Brannagh"]),
    ("Review: Coyle and Dr Hallworth.", ["Coyle"]),
    # who speaks in a transcript, a note signed by a first name alone or after a dash, kin and 'Patient' cues
    ("Priya: Can we add him to Friday's list?\nOK, booked.", ["Priya"]),
    ("Apical HCM, LVEF 70%. Will list for ICD discussion.\nMeera", ["Meera"]),
    ("Report ready for signature once the LGE is checked. - Joy", ["Joy"]),
    ("Mum Lovely aware. Patient Darius s/o Kamran Tehrani, 14M.", ["Lovely", "Darius", "Kamran"]),
    ("Patient COOK, SUMMER: moderate AS.", ["COOK", "SUMMER"]),
    ("LV non-compaction stable. K. Wiremu\nPS Holter requested.", ["Wiremu"]),
    # lower-case names before an age and sex, a record label or a date; lower-case initials before a column gap
    ("pls add to list: chidinma eze 44F ?myocarditis; tariq hussain (mrn 5520193).\nTyped by: lmn  Date: 3/4/24", ["chidinma", "eze", "tariq", "hussain", "lmn"]),
    ("Typed by ER/dk", ["ER/"]),
])
def test_general_forms_of_each_category(text, phi):
  out = scrub(text)
  assert not [p for p in phi if p in out], out


# Round 6: names where a name stands but no title or capital says so. A word that no English dictionary
# (WordNet's lemmas, shipped with the spaCy pipeline) and no clinical list holds counts as a name there.
@pytest.mark.parametrize("text, phi", [
    # logins standing alone in a list, after 'by', in brackets after the name, with digits anywhere
    ("cc: Dr Ferreira; jbalogun; mtakahashi2", ["jbalogun", "mtakahashi2"]),
    ("Report checked by: R.T.K. and typed by ndube4.", ["R.T.K.", "ndube4"]),
    ("Seen by S. Mahlangu, NP (smahla)\nThandeka (daughter) will bring him.", ["smahla", "Thandeka"]),
    # lower-case names after a cue, in upper case after a field label or title, inverted in one case
    ("d/w dr oyinbode-kamara about the slot; spoke to ngozika on the ward.", ["oyinbode", "kamara", "ngozika"]),
    ("REQUESTING: DR TEMITOPE ADEBANJO-COLE\nTECH: WANJIRU KAMAU", ["TEMITOPE", "ADEBANJO", "WANJIRU", "KAMAU"]),
    ("1) OGUNLEYE, FOLASADE  |  MRN 7712093\nbed 3 - mwangi-otieno, akinyi. 61F.", ["OGUNLEYE", "FOLASADE", "mwangi", "akinyi"]),
    # a name as the subject of a note's verbs, the rest of a list of people, a lower-case sign-off line
    ("No LGE. Oyelaran-Vance to rebook after the holiday; nwachukwu aware.", ["Oyelaran", "nwachukwu"]),
    ("Minutes: Dr Achterberg (chair); kowalewska; tjabulani (HF nurse); pmokoena3", ["kowalewska", "tjabulani", "pmokoena3"]),
    ("Thanks, will book for Tuesday.\nthandiwe\n---", ["thandiwe"]),
    # OCR: digits for letters inside words, O and I for digits in dates, a name spaced letter by letter
    ("Dear Dr. Fol0runsho Oy1bo,\nFROM NORTHFIELD GENERAL H0SPITAL dated 1O/O4/2O23 and I2/O3/2O22.",
     ["Fol0runsho", "Oy1bo", "NORTHFIELD", "2O23", "2O22"]),
    ("Yours sincerely,\nDr P. N a i d o o", ["N a i d o o"]),
    # 'w/o' joins two names; a titled name's possessive before an eponym noun; phones and dates by their cue
    ("Pt Lakshmi Devi w/o Suresh Kumar, 58F.", ["Lakshmi", "w/o", "Suresh"]),
    ("As per Dr Mokoena's protocol the scan was repeated.", ["Mokoena"]),
    ("Her son can be reached on 9345 8812 after work.", ["9345 8812"]),
    ("night handover 4/9 - cards\nMdm Siew Ling Tan is on the list.", ["4/9", "Siew", "Tan"]),
    # a lower-case patient heading a handover line; a key to initials; Irish particles in a titled name
    ("- rm 7 chukwuemeka obiora-nwankwo (side room): 71M, AF.", ["chukwuemeka", "obiora"]),
    ("Plan agreed. tw\n(tw = tendai wamambo, CNS)", ["tw", "tendai", "wamambo"]),
    ("Seen by Dr Aisling Ní Bhraonáin and Dr Colm Mac an tSaoir.", ["Bhraonáin", "tSaoir"]),
    # a name heading a line before a comma stays a name: titled, a lexicon name, a given name after it
    ("2. Dr. Flail, see above.\nJohnson, Robert (MRN 123)\nSparrow, Agnes to follow up.", ["Flail", "Johnson", "Sparrow"]),
])
def test_names_where_a_name_stands(text, phi):
  out = scrub(text)
  assert not [p for p in phi if p in out], out


@pytest.mark.parametrize("text", [
    # what those rules could take: English words that are also surnames after a cue, drug lists after a colon,
    # 'by' before a method, a cue inside a word, capitals after a field label, valve lesions before English words
    "Note: sharp chest pain resolved overnight.", "Meds: ramipril; nicorandil; ivabradine; bisoprolol.",
    "MVA 1.1 cm2 by planimetry; gradient by Doppler.", "Gadolinium was not administered.",
    "REFERRING: GP. TO: CARDIOLOGY CLINIC. RE: CHEST PAIN.", "SEVERE MS NOTED. MODERATE MR WITH A CENTRAL JET.",
    "mr severe; ms mild; mr jet eccentric.", "lv, rv normal in size; mild, moderate TR on echo.",
    "Plan to discuss at MDT; Radiology to review; Patient aware.", "Contrast: gadoterate; sequences: psir, molli, haste.",
    "cvi42 used for analysis; hba1c 48, spo2 97%, sglt2 inhibitor started.",
    "ATTR-CM favoured. Interatrial septum thickened. Coumadin ridge seen.",
    "Echo (physiologist) and bloods (phlebotomy) done.", "Tech: 1.5T, 8 mm slices; dose: 0.1 mmol/kg.",
    "Signed out by the registrar to the night team.", "Seen 3/52 ago; handover of care to cardiology.",
])
def test_clinical_text_survives_the_round_6_rules(text):
  assert scrub(text) == text


@pytest.mark.parametrize("text", [
    "Moderate MR with a central jet.", "Severe MS.", "T1 1050 ms at 1.5T.", "Cardiac MR was performed at 3T.",
    "MODERATE MR WITH A CENTRAL JET. SEVERE MS.", "LVEF 31% by Simpson's method.", "Known Ebstein anomaly, severe TR.",
    "Glenn shunt patent; Fontan circulation.", "Ross procedure considered.", "LGE at the RV insertion points, ECV 31%.",
    "SAX, 4CH, HCM vs DCM vs ARVC; MINF excluded.", "Acute myocarditis per the Lake Louise criteria.",
    "Hx T2DM with DR and CKD stage 3.", "Pacer: St. Jude Medical Accent MRI, MR-conditional.",
    "Moderate MR. Mildly dilated LA.", "MODERATE MR. MILDLY DILATED LA.", "LGE SEEN IN THE BASAL INFERIOR WALL.",
    "Patchy LGE seen in the Basal Inferolateral Wall.", "TECHNIQUE: 1.5T Siemens Aera; 3T Philips Ingenia.",
    "Ross procedure in 2010; Fontan after a prior Glenn at age 2.", "We will address MR severity at follow-up.",
    "Lives at home with her husband.", "Grade 1-2 MR. LGE in 3/17 segments.", "Reviewed in the MDT; Dr to follow up.",
    # what the lexicon, acronym and shape rules must leave: clinical acronyms after 'to/at', eponyms that are
    # also given names, capitalised clinical words at a sentence start, measurements with slashes
    "Transferred to CCU, then to ITU; seen in OPD and GUCH clinic.", "Holter Monitor showed NSVT.",
    "Austin Flint murmur; Lake Louise criteria met; Dallas criteria; Stanford type A.", "Will review in clinic.",
    "Long Axis and Short Axis cines.", "MILD LVH. NO LGE. SMOOTH WALLS WITH BOTH VENTRICLES NORMAL.",
    "Known PAH and CTEPH; switched to DOAC, pacing mode DDD.", "Sarcoid screening. Myocarditis recovery. Liver T2* 3.9 ms.",
    "LVEF 45 / 50 / 55 %; aorta 3.4 / 3.6 / 3.8 cm; segments 1 / 2 / 12.", "Congenital Heart Disease clinic; Athlete's Heart.",
    "Segment 12, 3000 Patients; Type 2, 1500 Siemens.", "mod mr with a central jet; dr and ckd stage 3.",
    "Short Axis Stack; Circle of Willis; Left Main; Cardiac Court.", "Grade 3/4 to 4/4 MR.",
    # look-alikes of dates: UK durations, BP, ratios, segment lists, doses, NYHA classes, a bare year, 'may'
    "Seen 3/52 ago, review in 6/12, inpatient for 2/7; BP 120/80 mmHg; Qp:Qs 1.5:1; LGE in segments 1/7/13.",
    "Bisoprolol 2.5 mg od at 0800 hrs; NYHA II-III; 24/7 monitoring; in 2021 she may have had myocarditis.",
    "BP 14/08 (sic); PA 25/10 mmHg; grade 3/4; 12/12 ago; 15/7 inpatient; RV 35/8; Sat AM list; LVEF 55-60%.",
    "Scanned in 2023 at 3T; wall 12.5 mm, 10.50 cm, ECV 14.2% at 08.15 mm/s; ESC 2023: 12 segments enhanced.",
    "Fontan was completed in 2001, a Ross procedure later. Glenn is patent. Lt ventricle normal.",
    "Start Losartan 50 mg; Bland-Altman plot; a) EMF — endomyocardial fibrosis; limited by angina (cocaine); SAM. Rate is 95.",
    "19F with long QT; Endomyocardial fibrosis, apical obliteration.",
    # an impression list's finding words that start an item before a comma (spaCy tags 'Oedema' as a person there)
    "Impression: 1. Raised native T1. 2. Oedema, ? acute myocarditis. 3. Edema, likely myocarditis.",
    "Infarct, LAD territory. Scar, transmural. Thinning, anterior wall. Aneurysm, apical. Hyperaemia, none.",
    "Raised T1, oedema, ? acute myocarditis. Elevated T2, query inflammation. Prolonged T1, reduced LVEF.",
    # ... and finding words no list holds: a dictionary word, no name, heading an item before its qualifier
    "1. Atresia, pulmonary valve. 2. Myxoma, left atrial. 3. Flail, posterior leaflet. 4. Emboli, none seen.",
    "Tumour, anterior wall; Lipoma, interatrial septum.\nBorderline, query early amyloid. Consistent, see above.",
])
def test_clinical_text_survives_unchanged(text):
  assert scrub(text, names=["Ross^Glenn"] if "Ross" not in text else []) == text


def test_placeholders_keep_the_report_readable():
  out = scrub("Seen by Dr Anna Kowalski, Dr Kowalski; Anna Kowalski reviewed.", names=["Kowalski^Anna"])
  assert out == "Seen by Dr [NAME], Dr [NAME]; [NAME] reviewed."
  assert set(deid.PLACEHOLDERS) >= {"[NAME]", "[DATE]", "[AGE>89]", "[ADDRESS]", "[HOSPITAL]"}


def test_names_and_places_end_where_the_clinical_words_begin():
  # a name's possessive ends it; a hospital name stays on its line; an age and sex is no house number
  assert scrub("Mr Patience's LGE report; Dr Bose's LVEF 40%.") == "Mr [NAME] LGE report; Dr [NAME] LVEF 40%."
  assert scrub("Referrer: Northgate Hospital\nRheumatic heart disease.") == "Referrer: [HOSPITAL]\nRheumatic heart disease."
  assert scrub("Patient 62M, Apollo Hospitals Greams Road.").startswith("Patient 62M, ")


@pytest.mark.parametrize("text, want", [
    # who someone is, in brackets, after one or more name words, initials included; whose relative someone is
    ("cc: Dr Ferreira; ngozi b (night RN)", "cc: Dr [NAME]; [NAME] (night RN)"),
    ("Spoke to tomasz (ewelina's husband) re transport.", "Spoke to [NAME] ([NAME]'s husband) re transport."),
    # a found name's other mentions: hyphenated, possessive, or an English word a title named (not its plain sense)
    ("Reviewed by Dr K. Marsh. Aroha Tane-Marsh (SpR) called.", "Reviewed by Dr [NAME]. [NAME] (SpR) called."),
    ("Mr Little was scanned today. LGE: little change. Little to visit Friday.",
     "Mr [NAME] was scanned today. LGE: little change. [NAME] to visit Friday."),
    ("Cover: Mr Hugh Valve (ward 3). Valve repair planned; Hugh Valve aware.",
     "Cover: Mr [NAME] (ward 3). Valve repair planned; [NAME] aware."),
    # initials beside a found name, and a found name's initials written alone
    ("discussed with farouk m by phone", "discussed with [NAME] by phone"),
    ("PATIENT: OKONJO V T | bed 4", "PATIENT: [NAME] | bed 4"),
    ("Addendum: KMO / Dr Kwame M. Osei-Tutu", "Addendum: [NAME] / Dr [NAME]"),
    # a column of people in an export: by its header, or by the names already found in it
    ("id|pt_surname|lvef\n101|Halvorsen|55\n102|Ekwueme|38", "id|pt_surname|lvef\n101|[NAME]|55\n102|[NAME]|38"),
    # who signs after thanks; a name after a staff designation; a US month/day after a date cue
    ("Slot confirmed. Thanks, J.", "Slot confirmed. Thanks, [NAME]"),
    ("ward SN: priyanka", "ward SN: [NAME]"),
    ("sign-out 11/23 night team", "sign-out [DATE] night team"),
    # an alias before the bracketed name; a name alone on a message's last line; a bulleted patient before a colon
    ("book CMR for kuba (Mr Jakub Nowak) - ARVC", "book CMR for [NAME] (Mr [NAME]) - ARVC"),
    ("Images sent to PACS tonight.\nJoy", "Images sent to PACS tonight.\n[NAME]"),
    ("- Grace Otieno-Burke: needs repeat LGE\n- Left Ventricle: normal size",
     "- [NAME]: needs repeat LGE\n- Left Ventricle: normal size"),
    # logins after a user field or what a system logs; names in -eed are no inflected English words
    ("[Audit] user=RAD_OKONJOT action=export", "[Audit] user=[NAME] action=export"),
    ("Note saved by jkowalczyk at 10:02", "Note saved by [NAME] at 10:02"),
    ("pt rasheed anxious; brother waleed on phone.", "pt [NAME] anxious; brother [NAME] on phone."),
    ("Compare with 3 martie 2023 study; seen on the second of May", "Compare with [DATE] study; seen on [DATE]"),
])
def test_names_next_to_a_found_name_or_where_a_list_puts_them(text, want):
  assert scrub(text) == want


def test_a_list_of_people_one_a_line_takes_the_lines_like_its_found_names():
  from data_prep import phi_rules
  text = "Clinic list:\nAdeyemi, Folake\nBrennan, Aoife\nTsosie, Darnell\nRepeat in 6 months"
  found = [(text.index(n), text.index(n) + len(n), "[NAME]") for n in ("Adeyemi, Folake", "Brennan, Aoife")]
  assert [text[s:e] for s, e, _ in phi_rules.table_spans(text, found)] == ["Tsosie, Darnell"]
  assert phi_rules.table_spans(text, found[:1]) == []  # one found name is no list of people


@pytest.mark.parametrize("text", [
    # what round 7's mechanisms could take: a patient's initials that are a lesion, a surname inside a clinical compound
    # or eponym, a UK duration after 'after'
    "Patient Anna Smith. AS severe, AVA 0.8 cm2.", "Mr Cross, 91, was scanned. Cross-sectional images show LVEF 40%.",
    "Swan-Ganz catheter placed by Dr Swan.", "Reported by Dr Austin Reid. No Austin Flint murmur.",
    "Repeat CMR after 6/12 of colchicine.", "Recommend FDG-PET and Holter.", "Reviewed with Dr Bakshi, LVEF re-measured.",
    "Patient: HERNANDEZ, KWAME   MRN: 1346143",
])
def test_clinical_text_survives_the_round_7_rules(text):
  out = scrub(text)
  for phrase in ("AS severe", "Cross-sectional", "Swan-Ganz", "Austin Flint murmur", "after 6/12", "FDG-PET", "LVEF", "MRN"):
    assert phrase not in text or phrase in out, out


def _load(name):
  with open(os.path.join(DATA, name), encoding="utf-8") as f:
    return [json.loads(line) for line in f if line.strip()]


# (set, overall, NAME, DATE recall floors, clinical phrases kept). tuning to tuning5: the issue's
# targets (round 5: tuning3 0.964 / 0.955 / 1.000 / 1.000, tuning4 0.970 / 0.961 / 0.996 / 1.000;
# tuning5, the fifth writer's, name-heavy, 0.973 / 0.971 / 1.000 / 1.000 after its pre-fit 0.940 /
# 0.931 / 1.000 / 0.973 was committed). tuning6, the sixth writer's (names in one case, OCR, many regions), scored
# 0.802 / 0.747 / 0.940 / 0.986 before round 6, 0.932 / 0.939 / 0.980 / 0.991 after it and 0.962 / 0.986 / 0.987 /
# 0.998 after round 7. tuning7, the seventh writer's (dictation, exports, names that are words), scored 0.903 / 0.864 /
# 0.949 / 0.992 with round 6's rules and 0.917 / 0.886 / 0.949 / 0.985 with round 7's first, before any rule used it,
# and 0.975 / 0.964 / 1.000 / 1.000 once round 7 was fitted on it. Both now hold the targets. Held out (never tuned on) measured 0.956 / 0.946 / 0.982 /
# 0.978 in rounds 4 and 5 and 0.969 / 0.967 / 1.000 / 0.979 after round 7 (README): the targets, as floors.
@pytest.mark.parametrize("name, overall, names, dates, kept", [
    ("cardiology_tuning.jsonl", 0.95, 0.95, 0.98, 0.97),
    ("cardiology_tuning2.jsonl", 0.95, 0.95, 0.98, 0.97),
    ("cardiology_tuning3.jsonl", 0.95, 0.95, 0.98, 0.97),
    ("cardiology_tuning4.jsonl", 0.95, 0.95, 0.98, 0.97),
    ("cardiology_tuning5.jsonl", 0.95, 0.95, 0.98, 0.97),
    ("cardiology_tuning6.jsonl", 0.95, 0.95, 0.98, 0.97),
    ("cardiology_tuning7.jsonl", 0.95, 0.95, 0.98, 0.97),
    ("cardiology_heldout.jsonl", 0.95, 0.95, 0.98, 0.97),
])
def test_recall_and_kept_on_the_annotated_set_without_header_values(name, overall, names, dates, kept):
  """Recall: every letter and digit of a PHI span gone from the output; kept: the clinical phrase
  still in the output verbatim. STATE is scored apart (Safe Harbor lets states stay)."""
  hits, totals, n_kept, n_keep = {}, {}, 0, 0
  for row in _load(name):
    spans = deid.find_phi(row["text"], {})
    removed = {i for s, e, _ in spans for i in range(s, e)}
    for p in row["phi"]:
      ok = all(i in removed for i in range(p["start"], p["end"]) if row["text"][i].isalnum())
      hits[p["type"]] = hits.get(p["type"], 0) + ok
      totals[p["type"]] = totals.get(p["type"], 0) + 1
    out = deid.scrub(row["text"], {})
    n_kept += sum(k["text"] in out for k in row["keep"])
    n_keep += len(row["keep"])
  counted = [t for t in totals if t != "STATE"]
  got = (sum(hits[t] for t in counted) / sum(totals[t] for t in counted), hits["NAME"] / totals["NAME"],
         hits["DATE"] / totals["DATE"], n_kept / n_keep)
  assert all(g >= want for g, want in zip(got, (overall, names, dates, kept))), (got, hits, totals)


def test_runs_with_the_network_blocked(monkeypatch):
  attempts = []

  def refuse(self, address):
    attempts.append(address)
    raise OSError("network blocked by the test")
  monkeypatch.setattr(socket.socket, "connect", refuse)
  monkeypatch.setattr(socket.socket, "connect_ex", refuse)
  phi_ner.analyzer.cache_clear()  # build the engine (spaCy model, recognisers, suffix list) under the block
  out = deid.scrub("E-mail j.okonjo77@mailbox.example or see www.cmr-northgate.example/cases; "
                   "d/w Sarah Nguyen on 12/03/2022.")
  assert "[EMAIL]" in out and "[URL]" in out and "Nguyen" not in out and "[DATE]" in out, out
  assert attempts == []


def test_ner_choice_is_checked_up_front():
  assert phi_ner.check_ner("none") == "none"
  for bad in ("spacy:no_such_pipeline_xyz", "hf:/no/such/dir", "stanza:en", "spacy:"):
    with pytest.raises(UserError):
      phi_ner.check_ner(bad)
  # 'none' still runs presidio's pattern recognisers and all the rules
  out = deid.scrub("Call 617-555-0199; d/w Sarah Nguyen 5 March 2024.", {}, "none")
  assert out == "Call [PHONE]; d/w [NAME] [DATE]."
