#!/usr/bin/env python3
"""Build cardiology_tuning6.jsonl: 100 invented cardiology snippets with PHI and keep spans.
All people, identifiers, dates and places are fictional.
Span offsets are computed by searching for the exact span string. Matching respects word
boundaries (no letter-letter or digit-digit continuation). Longer spans are placed first and
an automatic span takes the first occurrence not overlapping an already placed span; an explicit
occurrence index (third tuple element for PHI, second for keep) counts all boundary-respecting
occurrences from 0."""
import json, re, sys, collections, os

PHI_TYPES = {"NAME","DATE","AGE","ADDRESS","CITY","STATE","ZIP","PHONE","FAX","EMAIL","URL","IP",
             "ID","ACCOUNT","LICENSE","DEVICE","VEHICLE","HOSPITAL","OTHER"}
SNIPPETS = []

def H(pn=None, pid=None, acc=None, dob=None, sd=None, inst=None, ref=None, op=None):
    h = {}
    for k, v in (("PatientName", pn), ("PatientID", pid), ("AccessionNumber", acc),
                 ("PatientBirthDate", dob), ("StudyDate", sd), ("InstitutionName", inst),
                 ("ReferringPhysicianName", ref), ("OperatorsName", op)):
        if v is not None:
            h[k] = v
    return h

def S(sid, text, phi, keep, header=None):
    SNIPPETS.append(dict(id=sid, text=text, phi=phi, keep=keep, header=header))

def _cls(c):
    if c.isalpha(): return "a"
    if c.isdigit(): return "d"
    return None

def occurrences(text, s):
    out, i = [], text.find(s)
    while i != -1:
        j = i + len(s)
        ok = True
        if i > 0 and _cls(s[0]) and _cls(text[i-1]) == _cls(s[0]): ok = False
        if j < len(text) and _cls(s[-1]) and _cls(text[j]) == _cls(s[-1]): ok = False
        if ok: out.append((i, j))
        i = text.find(s, i + 1)
    return out

def overl(a, b):
    return a[0] < b[1] and b[0] < a[1]

def place(text, items, placed, sid):
    """items: list of (string, label, occ|None). returns list of (start,end,label,string)."""
    res = []
    order = sorted(range(len(items)), key=lambda k: (items[k][2] is None, -len(items[k][0])))
    for k in order:
        s, lab, occ = items[k]
        occs = occurrences(text, s)
        assert occs, f"{sid}: span not found: {s!r}"
        if occ is not None:
            assert occ < len(occs), f"{sid}: occurrence {occ} of {s!r} missing"
            st, en = occs[occ]
        else:
            free = [o for o in occs if not any(overl(o, p) for p in placed)]
            assert free, f"{sid}: no free occurrence of {s!r}"
            st, en = free[0]
        assert text[st:en] == s
        for p in placed:
            assert not overl((st, en), p), f"{sid}: overlap {s!r}"
        placed.append((st, en))
        res.append((st, en, lab, s))
    return sorted(res)

def build():
    out, warnings = [], []
    for sn in SNIPPETS:
        sid, text = sn["id"], sn["text"]
        placed = []
        phi_items = []
        for t in sn["phi"]:
            assert t[1] in PHI_TYPES, (sid, t)
            phi_items.append((t[0], t[1], t[2] if len(t) > 2 else None))
        keep_items = []
        for t in sn["keep"]:
            if isinstance(t, str): keep_items.append((t, "KEEP", None))
            else: keep_items.append((t[0], "KEEP", t[1]))
        phi = place(text, phi_items, placed, sid)
        keep = place(text, keep_items, placed, sid)
        # sanity: no overlap anywhere
        allsp = sorted([(a, b) for a, b, _, _ in phi + keep])
        for x, y in zip(allsp, allsp[1:]):
            assert x[1] <= y[0], f"{sid}: overlapping spans {x} {y}"
        # warn about unannotated repeats of PHI strings
        for s in {p[3] for p in phi}:
            for o in occurrences(text, s):
                if not any(overl(o, (a, b)) for a, b in allsp):
                    warnings.append(f"{sid}: unannotated occurrence of {s!r} at {o[0]}")
        rec = {"id": sid, "text": text,
               "phi": [{"start": a, "end": b, "type": l, "text": s} for a, b, l, s in phi],
               "keep": [{"start": a, "end": b, "text": s} for a, b, _, s in keep]}
        for r in rec["phi"] + rec["keep"]:
            assert text[r["start"]:r["end"]] == r["text"]
        if sn["header"]:
            rec["header"] = sn["header"]
        out.append(rec)
    ids = [r["id"] for r in out]
    assert ids == [f"y{i:03d}" for i in range(1, len(ids) + 1)], ids
    return out, warnings

# ---------------------------------------------------------------- y001-y025
S("y001", """\
RIS EXPORT | Acc: RX44718203 | MRN: 0093-118-724
PATIENT: WIRRPANDA, DAVID  DOB: 03/11/1958
Referrer: dr okafor (cardiology)  Reported by: DR KHALED ABU SHAKRA
Exam: CMR with contrast, 1.5T Siemens Aera, 14-Feb-2024 09:40
Findings: LVEF 38% (Simpson's biplane on SAX stack). Mid-wall LGE in the basal inferolateral segment. Native T1 1090 ms, ECV 31%. Mild MR.
Conclusion: non-ischaemic pattern, consider DCM. d/w john p on the phone.""",
[("RX44718203","ID"),("0093-118-724","ID"),("WIRRPANDA, DAVID","NAME"),("03/11/1958","DATE"),
 ("okafor","NAME"),("KHALED ABU SHAKRA","NAME"),("14-Feb-2024 09:40","DATE"),("john p","NAME")],
["1.5T","Simpson's biplane","basal inferolateral","1090 ms","MR","DCM"],
H("WIRRPANDA^DAVID","0093118724","RX44718203","19581103","20240214",None,"OKAFOR","ABU SHAKRA^KHALED"))

S("y002", """\
St. Brigid's University Hospital, Dublin D08 K2X7
Cardiology OPD - dictated 2/3/23, typed 6/3/23 (ao'c)
Dear Dr Ní Bhriain,
Re: pt: siobhan mcgillycuddy, DOB 17.07.1961, MRN 4471902
Thank you for referring this lady. Her CMR (3T) showed asymmetric septal hypertrophy, maximal wall thickness 19 mm in the basal anteroseptum, with patchy LGE at the RV insertion points, consistent with HCM. LVOT gradient not assessed on MRI. I have started bisoprolol 2.5 mg.
Her brother Donncha had a sudden death aged 34. No structural heart disease in her parents. I have asked Fields in genetics to see the family.
Yours sincerely,
Cathal Ó Dálaigh MD FRCPI
Consultant Cardiologist
cc: Ms Aoife Heart, CNS""",
[("St. Brigid's University Hospital","HOSPITAL"),("Dublin","CITY"),("D08 K2X7","ZIP"),("2/3/23","DATE"),
 ("6/3/23","DATE"),("ao'c","NAME"),("Ní Bhriain","NAME"),("siobhan mcgillycuddy","NAME"),("17.07.1961","DATE"),
 ("4471902","ID"),("Donncha","NAME"),("Fields","NAME"),("Cathal Ó Dálaigh","NAME"),("Aoife Heart","NAME")],
["3T","RV insertion points","HCM","bisoprolol 2.5 mg","aged 34","structural heart disease"])

S("y003", """\
HEART TEAM MDT - Royal Darwin Hospital - Thurs 7th Sept 2023
Present: A/Prof Jarrah Yunupingu (chair), Dr Kirra Tjungurrayi, Mandawuy (ATSI liaison), sbanerjee4 (minutes)
Pt: Nungarrayi, Rosalie  UR 00612984  Age 47
Background: RHD, prior mitral valve repair. CMR 3/8/23: severe AR, regurgitant fraction 41%, LVEDVi 128 ml/m2, LVEF 52%. No LGE.
Outcome: for surgical AVR; Ross procedure discussed but not favoured. Yunupingu to discuss with family in Maningrida. Follow-up phone 08 5550 1283.""",
[("Royal Darwin Hospital","HOSPITAL"),("Thurs 7th Sept 2023","DATE"),("Jarrah Yunupingu","NAME"),
 ("Kirra Tjungurrayi","NAME"),("Mandawuy","NAME"),("sbanerjee4","NAME"),("Nungarrayi, Rosalie","NAME"),
 ("00612984","ID"),("3/8/23","DATE"),("Yunupingu","NAME"),("Maningrida","CITY"),("08 5550 1283","PHONE")],
["Age 47","RHD","AR","128 ml/m2","LGE","Ross procedure"])

S("y004", """\
DISCHARGE SUMMARY
Patient: GONZALEZ RUIZ, MARIA DEL CARMEN   MRN: 88120457   Acct#: 5520019873
Admit: 04/12/2024  Discharge: 04/16/2024
Attending: Robert Sharp, MD   PCP: dr. liu wen-hsuan
Hospital course: 71F admitted with chest pain, troponin 4,210 ng/L, unobstructed coronaries on cath. Cardiac MRI 04/14/2024 (GE Signa Artist 1.5T) showed apical ballooning with edema on T2 STIR and no LGE, consistent with Takotsubo. LVEF 41%.
Meds: lisinopril 5 mg daily, metoprolol succinate 25 mg.
Follow-up: Dr. Sharp clinic in 6 weeks, Mercy Heights Medical Center, 2250 Alvarado Blvd, Suite 4, Oakland, CA 94612. Tel (510) 555-0187.
Note: sharp chest pain resolved.""",
[("GONZALEZ RUIZ, MARIA DEL CARMEN","NAME"),("88120457","ID"),("5520019873","ACCOUNT"),("04/12/2024","DATE"),
 ("04/16/2024","DATE"),("Robert Sharp","NAME"),("liu wen-hsuan","NAME"),("04/14/2024","DATE"),("Sharp","NAME"),
 ("Mercy Heights Medical Center","HOSPITAL"),("2250 Alvarado Blvd, Suite 4","ADDRESS"),("Oakland","CITY"),
 ("CA","STATE"),("94612","ZIP"),("(510) 555-0187","PHONE")],
["GE Signa Artist","T2 STIR","Takotsubo","lisinopril 5 mg","6 weeks","sharp chest pain"],
H("GONZALEZ RUIZ^MARIA DEL CARMEN","88120457",None,None,"20240414","MERCY HEIGHTS MEDICAL CENTER","SHARP^ROBERT"))

S("y005", """\
booking note 12/01/24 - rang pt (mrs kowalczyk) re CMR slot tues 23rd jan 08:15, confirmed. she needs GA? no - claustrophobia mild, will take diazepam 2mg. pacemaker: none. eGFR 64. tremblay to rebook if she cancels. spoke to oluwaseun in MRI re gadobutrol stock. -- kf""",
[("12/01/24","DATE"),("kowalczyk","NAME"),("tues 23rd jan 08:15","DATE"),("tremblay","NAME"),
 ("oluwaseun","NAME"),("kf","NAME")],
["diazepam 2mg","eGFR 64","gadobutrol","claustrophobia"])

S("y006", """\
From: Tan Wei Ling <weiling.tan@ncis-heart.sg>
To: Muhammad Hafiz bin Rosli; Priya Ramasamy
Cc: LIM BOON KENG
Sent: Monday, 5 June 2023 14:02
Subject: RE: CMR slot - S1234567D

Hafiz, can we squeeze Mdm Siti Nurhaliza binte Osman in on Wed 7/6? Her echo suggests LVNC (NC:C ratio 2.6 in diastole). Needs full SAX, 4CH, 2CH and LGE. Pls ask Priya to use the 3T Vida.
Thanks, WL
National Heart Centre Singapore, 17 Hospital Drive, Singapore 169611 | DID 6704 1932""",
[("Tan Wei Ling","NAME"),("weiling.tan@ncis-heart.sg","EMAIL"),("Muhammad Hafiz bin Rosli","NAME"),
 ("Priya Ramasamy","NAME"),("LIM BOON KENG","NAME"),("Monday, 5 June 2023 14:02","DATE"),("S1234567D","ID"),
 ("Hafiz","NAME"),("Siti Nurhaliza binte Osman","NAME"),("Wed 7/6","DATE"),("Priya","NAME"),("WL","NAME"),
 ("National Heart Centre Singapore","HOSPITAL"),("17 Hospital Drive","ADDRESS"),("Singapore","CITY"),
 ("169611","ZIP"),("6704 1932","PHONE")],
["LVNC","SAX","4CH","2CH","LGE","3T"])

S("y007", """\
LAGOS UNIVERSITY TEACHING H0SPITAL
Dept of Medicine (Cardiology Unit), Idi-Araba, Lagos
Our Ref: LUTH/CARD/2291/22       Date: 14th 0ctober 2022
Dear Dr. J0nathan Whitf1eld,
RE: ALHAJI IBRAHIM DANLADI YAKUBU (Hosp No. 227/41/88)
This 62 year old man was seen by Dr Ngozi Adaeze-Okonkwo. His cardiac MR (1.5T) shows LVEF of 29%, global hypokinesia, no LGE. Impression: DCM, probably alcohol related. Commenced sacubitril/valsartan 24/26 mg bd.
Yours faithfully,
Dr. Funmi Oyelaran-
Adebayo
for: Prof Babatunde Olawale
cc: Mr T. Sm ith (GP)""",
[("LAGOS UNIVERSITY TEACHING H0SPITAL","HOSPITAL"),("Idi-Araba","ADDRESS"),("Lagos","CITY"),
 ("LUTH/CARD/2291/22","ID"),("14th 0ctober 2022","DATE"),("J0nathan Whitf1eld","NAME"),
 ("IBRAHIM DANLADI YAKUBU","NAME"),("227/41/88","ID"),("Ngozi Adaeze-Okonkwo","NAME"),
 ("Funmi Oyelaran-\nAdebayo","NAME"),("Babatunde Olawale","NAME"),("T. Sm ith","NAME")],
["62 year old","1.5T","LVEF","DCM","sacubitril/valsartan 24/26 mg"],
H("YAKUBU^IBRAHIM^DANLADI","227/41/88",None,None,"20221014","LAGOS UNIVERSITY TEACHING HOSPITAL","WHITFIELD^JONATHAN"))

S("y008", """\
night handover 3/9 - cards
bed 14 - hernandez-cortez, luis. 58M. CMR today: inferior wall MINF with transmural LGE, 75% thickness, microvascular obstruction present. LV thrombus? no. on heparin gtt. f/u with dr wall in am.
bed 17 - "Big Mike" okoro. 93yo, AS severe, AVA 0.6 cm2 on CMR planimetry. family (daughter chiamaka) want TAVR discussion. pager 4471 for fellow (nguyen).""",
[("3/9","DATE"),("hernandez-cortez, luis","NAME"),("wall","NAME",1),("Big Mike","NAME"),("okoro","NAME"),
 ("93","AGE"),("chiamaka","NAME"),("4471","PHONE"),("nguyen","NAME")],
["inferior wall","MINF","microvascular obstruction","heparin","AS","AVA 0.6 cm2"])

S("y009", """\
cmr_id|study_dt|pt_name|uhid|comments
55821|2023-11-02|RAGHUNATHAN V K|UH-2023-0081442|Referred by dr. sanjukta chattopadhyay (AIIMS Bhubaneswar). Known case of thalassaemia major, on deferasirox. Cardiac T2* 9.8 ms (severe iron loading), liver T2* 2.1 ms. LVEF 58%. Repeat in 6 months. Reported by Harinder Gill, cardiac physiologist; verified pkmohanty.""",
[("2023-11-02","DATE"),("RAGHUNATHAN V K","NAME"),("UH-2023-0081442","ID"),("sanjukta chattopadhyay","NAME"),
 ("AIIMS Bhubaneswar","HOSPITAL"),("Harinder Gill","NAME"),("pkmohanty","NAME")],
["thalassaemia major","deferasirox","T2*","9.8 ms","LVEF","6 months"])

S("y010", """\
Groote Schuur Hospital - Cardiac Clinic
Observatory, Cape Town 7925
Tel 021 404 6672
22 Aug 2022
Attn: Dr Pieter van der Merwe
Re: Mnr Johannes Jacobus Bezuidenhout (Folder 8812044)
Johannes had his CMR on 15/08/2022. There is extensive subepicardial LGE of the lateral wall with raised T2 (58 ms) and native T1 1120 ms, meeting Lake Louise criteria for acute myocarditis. LVEF 49%. Avoid exercise for 3-6 months.
Please ask Sister Thandeka Mokoena at the day ward to repeat troponin.
Kind regards
Lindiwe Mthembu-Botha
Cardiology registrar""",
[("Groote Schuur Hospital","HOSPITAL"),("Observatory","ADDRESS"),("Cape Town","CITY"),("7925","ZIP"),
 ("021 404 6672","PHONE"),("22 Aug 2022","DATE"),("Pieter van der Merwe","NAME"),
 ("Johannes Jacobus Bezuidenhout","NAME"),("8812044","ID"),("Johannes","NAME"),("15/08/2022","DATE"),
 ("Thandeka Mokoena","NAME"),("Lindiwe Mthembu-Botha","NAME")],
["LGE","58 ms","native T1 1120 ms","Lake Louise criteria","LVEF","3-6 months"],
H("BEZUIDENHOUT^JOHANNES^JACOBUS","8812044",None,None,"20220815","GROOTE SCHUUR HOSPITAL","VAN DER MERWE^PIETER"))

S("y011", """\
CMR REPORT - Institut de Cardiologie de Montréal
Patient: TREMBLAY-GAGNON, Marie-Ève  RAMQ: TREM 6512 1534  DOB: 1965-12-15
Requesting MD: Dr Jean-François Bélanger
Technologist: Amélie St-Pierre; reviewed with Dr. Côté
Indication: ? ARVC, frequent LBBB-morphology PVCs.
Findings: RV dilated, RVEDVi 132 mL/m2, RVEF 38%, regional dyskinesia of the RV free wall. No fatty infiltration convincingly seen. LVEF 57%. Meets major 2010 Task Force criterion.
Electronically signed: Côté, Louis-Philippe 2024-03-08 16:22""",
[("Institut de Cardiologie de Montréal","HOSPITAL"),("TREMBLAY-GAGNON, Marie-Ève","NAME"),("TREM 6512 1534","ID"),
 ("1965-12-15","DATE"),("Jean-François Bélanger","NAME"),("Amélie St-Pierre","NAME"),("Côté","NAME"),
 ("Côté, Louis-Philippe","NAME"),("2024-03-08 16:22","DATE")],
["ARVC","LBBB","RVEF","RV free wall","LVEF","2010 Task Force criterion"],
H("TREMBLAY-GAGNON^MARIE-EVE","TREM65121534",None,"19651215","20240308","INSTITUT DE CARDIOLOGIE DE MONTREAL","BELANGER^JEAN-FRANCOIS","ST-PIERRE^AMELIE"))

S("y012", """\
ADDENDUM (14:10, 09/05/2023): Discussed with Dr Bishop. On review of the 4CH cine there is moderate TR and mild PR. Ebstein anomaly is not present; septal leaflet displacement 6 mm/m2. There is a small pericardial effusion. Addendum by L. Stone, SpR. Report originally verified by Prof Small on 08/05/2023.
Please note the Bishop score comment in the referral relates to the obstetric notes and is irrelevant.""",
[("14:10, 09/05/2023","DATE"),("Bishop","NAME"),("L. Stone","NAME"),("Small","NAME"),("08/05/2023","DATE")],
["4CH","TR","PR","Ebstein anomaly","small pericardial effusion","Bishop score"])

S("y013", """\
Landspítali - Hjartagátt, Hringbraut, 101 Reykjavík
Patient: Guðrún Sigurðardóttir, kt. 120356-2219
Referred by Dr. Einar Þór Magnússon. CMR 28.02.2024: known Fabry disease on agalsidase beta. Native T1 low (890 ms at 1.5T) septal, with basal inferolateral LGE. LVEF 66%, LV mass index 98 g/m2.
Guðrún asks for results by letter. Discussed with Sigurðardóttir's daughter Helga by phone +354 543 7716.
HÓ / helgaolafs""",
[("Landspítali","HOSPITAL"),("Hringbraut","ADDRESS"),("101","ZIP"),("Reykjavík","CITY"),
 ("Guðrún Sigurðardóttir","NAME"),("120356-2219","ID"),("Einar Þór Magnússon","NAME"),("28.02.2024","DATE"),
 ("Guðrún","NAME"),("Sigurðardóttir","NAME"),("Helga","NAME"),("+354 543 7716","PHONE"),("HÓ","NAME"),
 ("helgaolafs","NAME")],
["Fabry disease","agalsidase beta","890 ms","1.5T","basal inferolateral","98 g/m2"])

S("y014", """\
Dear Dr Kovács,
Re: Szabó Erzsébet (as written on referral; surname Szabó), DOB 30 January 1949, Hosp No K2290174
I saw Mrs Szabó with her son Bence today. CMR at Harefield on 11/10/2023 confirmed cardiac amyloid: diffuse subendocardial LGE, failure to null myocardium, ECV 58%, native T1 1180 ms. Tafamidis has been applied for. NT-proBNP 4100.
Yours sincerely
Dr M. Fazekas-Nagy
CC: GP, Dr ZSUZSANNA TÓTH, Kingsway Surgery, 14 Kingsway, Hove BN3 2FT""",
[("Kovács","NAME"),("Szabó Erzsébet","NAME"),("Szabó","NAME"),("30 January 1949","DATE"),("K2290174","ID"),
 ("Szabó","NAME"),("Bence","NAME"),("Harefield","HOSPITAL"),("11/10/2023","DATE"),("M. Fazekas-Nagy","NAME"),
 ("ZSUZSANNA TÓTH","NAME"),("Kingsway Surgery","HOSPITAL"),("14 Kingsway","ADDRESS"),("Hove","CITY"),
 ("BN3 2FT","ZIP")],
["cardiac amyloid","LGE","ECV","native T1 1180 ms","Tafamidis","NT-proBNP"],
H("SZABO^ERZSEBET","K2290174",None,"19490130","20231011","HAREFIELD HOSPITAL","KOVACS"))

S("y015", """\
WESTMEAD HOSPITAL CARDIAC IMAGING
Name: TUILAGI, SEMISI FAKAOSI   MRN 3390127   DOB 09/04/1979
Ref Dr: Lupe Fa'asavalu-Taufa   GP: Dr Manaia Ngata
Study: CMR stress perfusion (adenosine 140 mcg/kg/min), 1.5T Philips Ingenia, 19/06/2024
Result: inducible perfusion defect basal-to-mid inferior and inferoseptal segments (RCA territory). No LGE. LVEF 61%.
Plan: as per Ngata, refer for ICA. Semisi aware. Sione (brother) to drive him home.""",
[("WESTMEAD HOSPITAL","HOSPITAL"),("TUILAGI, SEMISI FAKAOSI","NAME"),("3390127","ID"),("09/04/1979","DATE"),
 ("Lupe Fa'asavalu-Taufa","NAME"),("Manaia Ngata","NAME"),("19/06/2024","DATE"),("Ngata","NAME"),
 ("Semisi","NAME"),("Sione","NAME")],
["adenosine 140 mcg/kg/min","Philips Ingenia","inferoseptal","RCA territory","LGE","LVEF"],
H("TUILAGI^SEMISI^FAKAOSI","3390127",None,"19790409","20240619","WESTMEAD HOSPITAL","FA'ASAVALU-TAUFA^LUPE"))

S("y016", """\
Cardiology Fellow Note 10/3/22
Pt Tesfaye Gebremedhin Haile, 44M, interpreter (Tigrinya) Mr Berhane Woldegiorgis via phone line x5521.
CMR yesterday: LVEF 24%, LVEDVi 160 mL/m2, mid-wall septal LGE ("septal stripe"), ECV 34%. Likely DCM; genetic testing (TTN) ordered. ICD discussion per Dr. Alemayehu.
Wife Selamawit at bedside. Discussed w/ attending Dr. Amanuel Tsegaye.
- Yohannes K., MD PGY5""",
[("10/3/22","DATE"),("Tesfaye Gebremedhin Haile","NAME"),("Berhane Woldegiorgis","NAME"),("x5521","PHONE"),
 ("Alemayehu","NAME"),("Selamawit","NAME"),("Amanuel Tsegaye","NAME"),("Yohannes K.","NAME")],
["44M","LVEF","septal stripe","ECV","DCM","TTN"])

S("y017", """\
Inherited Cardiac Conditions MDT - 16.01.2024
cc: Dr Faadumo Cali Warsame; Abdirahman Hirsi (genetic counsellor); ICC secretaries
1. XAMDI, Cabdullahi Maxamed - NHS 485 777 3456 - 29 yrs - CMR: LVEF 48%, trabeculated/compact ratio 2.9, no LGE. Hx of Brugada pattern ECG in father. Conclusion: isolated LVNC phenotype not met. Plan: repeat CMR 12 months, Hirsi to contact family.
2. Deferred - Mrs Ubah Yusuf's scan to be repeated (motion artefact).""",
[("16.01.2024","DATE"),("Faadumo Cali Warsame","NAME"),("Abdirahman Hirsi","NAME"),
 ("XAMDI, Cabdullahi Maxamed","NAME"),("485 777 3456","ID"),("Hirsi","NAME"),("Ubah Yusuf","NAME")],
["29 yrs","LVEF","LGE","Brugada pattern","LVNC","12 months"])

S("y018", """\
abuth zaria - echo/cmr log
date: 03-05-2023
name: musa garba danjuma   hosp no: ABU/22/04471
ref by: dr hauwa bello-ibrahim
cmr (done @ national hospital abuja, 1.5T): endomyocardial fibrosis pattern - apical obliteration of RV and LV, subendocardial LGE, apical thrombus. LVEF 45%.
pls inform dr yakubu and mallam sani (ward clerk). phone 0803 456 7712""",
[("abuth","HOSPITAL"),("zaria","CITY"),("03-05-2023","DATE"),("musa garba danjuma","NAME"),("ABU/22/04471","ID"),
 ("hauwa bello-ibrahim","NAME"),("national hospital abuja","HOSPITAL"),("yakubu","NAME"),("sani","NAME"),
 ("0803 456 7712","PHONE")],
["1.5T","endomyocardial fibrosis","LGE","apical thrombus","LVEF"])

S("y019", """\
Dear Professor Wickramasinghe,
Thank you for seeing Mr Don Chaminda Jayasuriya Pathirana (DOB 02/02/1955), who is visiting from Kandy. His CMR here on the 4th of March showed a bicuspid aortic valve with moderate AS (peak velocity 3.6 m/s on through-plane phase contrast) and moderate AR, ascending aorta 48 mm. LVEF 63%.
I would be grateful if Dr Kumarasinghe's team in Colombo could arrange follow-up at 6 months.
With best wishes,
Nadeeka Herath
Clinical Fellow, Cardiac MRI, Royal Brompton Hospital
nadeeka.herath@rbht.nhs.uk""",
[("Wickramasinghe","NAME"),("Don Chaminda Jayasuriya Pathirana","NAME"),("02/02/1955","DATE"),("Kandy","CITY"),
 ("4th of March","DATE"),("Kumarasinghe","NAME"),("Colombo","CITY"),("Nadeeka Herath","NAME"),
 ("Royal Brompton Hospital","HOSPITAL"),("nadeeka.herath@rbht.nhs.uk","EMAIL")],
["bicuspid aortic valve","AS","3.6 m/s","phase contrast","AR","6 months"])

S("y020", """\
PATIENT NAME : MR. SOUMITRA BANDYOPADHYAY     AGE/SEX : 91Y/M
UHID : RTIICS-0045521      REF. BY : DR. ANINDITA ROYCHOWDHURY
DATE : 21-Sep-2023         REPORTING : DR SUBHASHIS DASGUPTA, DM
RABINDRANATH TAGORE INTERNATIONAL INSTITUTE OF CARDIAC SCIENCES, KOLKATA
CMR: Severe calcific AS, AVA 0.7 cm2. LVEF 44%. Diffuse ECV elevation 35%, no focal LGE. Advised TAVI work-up.
Report typed by: bithika""",
[("SOUMITRA BANDYOPADHYAY","NAME"),("91","AGE"),("RTIICS-0045521","ID"),("ANINDITA ROYCHOWDHURY","NAME"),
 ("21-Sep-2023","DATE"),("SUBHASHIS DASGUPTA","NAME"),
 ("RABINDRANATH TAGORE INTERNATIONAL INSTITUTE OF CARDIAC SCIENCES","HOSPITAL"),("KOLKATA","CITY"),("bithika","NAME")],
["AS","AVA 0.7 cm2","LVEF","ECV","LGE","TAVI"],
H("BANDYOPADHYAY^SOUMITRA","RTIICS-0045521",None,None,"20230921","RTIICS KOLKATA","ROYCHOWDHURY^ANINDITA"))

S("y021", """\
William Osler Health System - Brampton Civic Hospital
Clinic note - Gurpreet Kaur Sandhu, 67F, OHIP 4482-119-873-KT
Seen with husband Balwinder and son (Jaskaran). CMR done at Sunnybrook 2023-07-19: apical HCM ("ace of spades" on 4CH), max wall 17 mm apex, apical aneurysm with LGE. Holter: NSVT x3. ESC HCM Risk-SCD 5.2%.
Plan: ICD referral to Dr. Harjit Dhillon. Pt prefers Punjabi; nephew Amandeep interprets.
Dictated: K. Grewal-Singh, NP  |  Transcribed: mrathore""",
[("William Osler Health System","HOSPITAL"),("Brampton Civic Hospital","HOSPITAL"),("Gurpreet Kaur Sandhu","NAME"),
 ("4482-119-873-KT","ID"),("Balwinder","NAME"),("Jaskaran","NAME"),("Sunnybrook","HOSPITAL"),("2023-07-19","DATE"),
 ("Harjit Dhillon","NAME"),("Amandeep","NAME"),("K. Grewal-Singh","NAME"),("mrathore","NAME")],
["67F","apical HCM","4CH","apical aneurysm","NSVT","ICD"])

S("y022", """\
ward 26 handover (am) 14/02
- nur aisyah bte abdul rahman, 33F, post-partum SOB. CMR: LVEF 32%, no LGE, peripartum CMP likely. started bromocriptine per dr lim. husband ahmad faizal wants to be called on 9123 4567 b4 any procedure.
- mdm wong: cancelled CMR (ICD non-conditional). informed dr. chua kok wee.
- zul to chase CMR report for bed 9.""",
[("14/02","DATE"),("nur aisyah bte abdul rahman","NAME"),("lim","NAME"),("ahmad faizal","NAME"),
 ("9123 4567","PHONE"),("wong","NAME"),("chua kok wee","NAME"),("zul","NAME")],
["33F","LVEF","peripartum CMP","bromocriptine","ICD non-conditional"])

S("y023", """\
Pt name: Siriporn Wongsawat (goes by "Nok")
DOB: 11/30/1970  MRN: 00-41-88-203
Referring: Dr. Apinya Srisuk; cc Dr Thanawat Chaiyaporn (Bangkok)
CMR 1/9/2024: focal LGE basal anterolateral mid-wall, T2 normal (48 ms). Findings consistent with prior myocarditis vs sarcoid; recommend FDG-PET. Nok agrees.
Report: P. Rattanakorn, MD | fax 212-555-0143""",
[("Siriporn Wongsawat","NAME"),("Nok","NAME"),("11/30/1970","DATE"),("00-41-88-203","ID"),("Apinya Srisuk","NAME"),
 ("Thanawat Chaiyaporn","NAME"),("Bangkok","CITY"),("1/9/2024","DATE"),("Nok","NAME"),("P. Rattanakorn","NAME"),
 ("212-555-0143","FAX")],
["LGE","basal anterolateral","T2","48 ms","sarcoid","FDG-PET"])

S("y024", """\
Fiona Stanley Hospital - CMR booking
Patient: SUHARTO (single name - no given name), DOB 01/01/1961, MRN FS2290871
Interpreter (Bahasa Indonesia): Wulandari, phone 0412 778 901
Indication: ? cardiac sarcoid, complete heart block, PPM in situ (MR-conditional Azure XT). Programme to MRI mode pre-scan; Medtronic rep Budi on call.
Booked by: Kath Little (admin) on Fri 02/02/24. Note: little patient cooperation expected due to back pain.""",
[("Fiona Stanley Hospital","HOSPITAL"),("SUHARTO","NAME"),("01/01/1961","DATE"),("FS2290871","ID"),
 ("Wulandari","NAME"),("0412 778 901","PHONE"),("Budi","NAME"),("Kath Little","NAME"),("Fri 02/02/24","DATE")],
["complete heart block","PPM","MR-conditional","Azure XT","MRI mode","little patient cooperation"],
H("SUHARTO","FS2290871",None,"19610101",None,"FIONA STANLEY HOSPITAL",None,None))

S("y025", """\
From: joao.dos.santos@nhs.net
To: CMR Bookings; Attn: Mrs Rebelo
Date: Wed, 18 Oct 2023 at 11:47
Subject: Maria da Conceição de Sousa Ferreira - RVEF query

Hi Rebelo,
FAO Dr Wall - the RV analysis on Mrs Ferreira's scan (Acc CMR2310-4471) gave RVEF 33% but the free wall looks ok to me. Could you re-contour the SAX basal slice? Fontan patients (she had a Glenn then Fontan) often confuse it.
Obrigado,
João dos Santos
Clinical Scientist, St Thomas' Hospital, London SE1 7EH""",
[("joao.dos.santos@nhs.net","EMAIL"),("Rebelo","NAME"),("Wed, 18 Oct 2023 at 11:47","DATE"),
 ("Maria da Conceição de Sousa Ferreira","NAME"),("Rebelo","NAME"),("Wall","NAME"),("Ferreira","NAME"),
 ("CMR2310-4471","ID"),("João dos Santos","NAME"),("St Thomas' Hospital","HOSPITAL"),("London","CITY"),("SE1 7EH","ZIP")],
["RVEF","free wall","SAX","Glenn","Fontan"])
# ---------------------------------------------------------------- y026-y050
S("y026", """\
Reporter: Dr Maarten van der Heijden   Second reader: Dr E. de Vries-Bakker
Patient: VAN DEN BERG, Anneke (Mrs)   DOB 25/12/1950   NHS No 943 476 5919
Ms van den Berg has known Kawasaki disease in childhood with giant coronary aneurysms. CMR 1.5T: LAD aneurysm 9 mm, subendocardial LGE in the mid anteroseptal segment (<50% transmural), viable. LVEF 55%.
Discussed with Van der Heijden and ter Horst (cardiothoracic) - continue warfarin.""",
[("Maarten van der Heijden","NAME"),("E. de Vries-Bakker","NAME"),("VAN DEN BERG, Anneke","NAME"),("25/12/1950","DATE"),
 ("943 476 5919","ID"),("van den Berg","NAME"),("Van der Heijden","NAME"),("ter Horst","NAME")],
["Kawasaki disease","1.5T","LGE","mid anteroseptal","LVEF","warfarin"],
H("VAN DEN BERG^ANNEKE","9434765919",None,"19501225",None,None,"VAN DER HEIJDEN^MAARTEN"))

S("y027", """\
CARDIAC MRI - FINAL REPORT
Name: José Luis Fernández de la Cruz Ortega    MRN 702-55-1189
Exam date: Sept 3, 2022    Ordering: MARISOL PEÑA-VILLANUEVA, PA-C
History: 39 y/o with Wolff-Parkinson-White s/p ablation, now palpitations.
Findings: normal LV size, LVEF 60%, no LGE. No MS or MR; trivial TR.
Impression: structurally normal heart.
Read by: Alejandro Ibáñez Goicoechea, MD
Fellow: dr. fuentes""",
[("José Luis Fernández de la Cruz Ortega","NAME"),("702-55-1189","ID"),("Sept 3, 2022","DATE"),
 ("MARISOL PEÑA-VILLANUEVA","NAME"),("Alejandro Ibáñez Goicoechea","NAME"),("fuentes","NAME")],
["39 y/o","Wolff-Parkinson-White","LGE","MS","MR","TR"],
H("FERNANDEZ DE LA CRUZ ORTEGA^JOSE^LUIS","702551189",None,None,"20220903",None,"PENA-VILLANUEVA^MARISOL","FUENTES"))

S("y028", """\
Clinic letter - 7th November 2023
Patient: Nurlan Serikbayuly Akhmetov, hospital number RJ1-6621930
Interpreter: Gulnara (Kazakh/Russian)
Mr Akhmetov, 52, was referred by Dr Dilnoza Rakhimova (GP, Walthamstow). CMR: LVEF 35%, ring-like subepicardial LGE of the LV, suggesting desmoplakin cardiomyopathy / left-dominant ACM. Family history: brother Timur died suddenly aged 41 in Almaty.
Plan: ICD (primary prevention), genetic testing. I will write to Dr Rakhimova.
Farrukh Yusupov-Hale, Consultant Cardiologist""",
[("7th November 2023","DATE"),("Nurlan Serikbayuly Akhmetov","NAME"),("RJ1-6621930","ID"),("Gulnara","NAME"),
 ("Akhmetov","NAME"),("Dilnoza Rakhimova","NAME"),("Walthamstow","CITY"),("Timur","NAME"),("Almaty","CITY"),
 ("Rakhimova","NAME"),("Farrukh Yusupov-Hale","NAME")],
["LVEF","LGE","desmoplakin cardiomyopathy","ACM","aged 41","ICD"])

S("y029", """\
Mater Misericordiae University Hospital, Eccles Street, Dublin, D07 K8P3
CMR report 09/09/2023  |  MRN 30021457
Patient: Oleksandr Shevchenko-Kovalenko
Referrer: Dr Małgorzata Wiśniewska-Krawczyk
Technique: 1.5T, cine SSFP (SAX/LVOT/4CH), T1 mapping (MOLLI), T2 mapping, LGE.
Findings: LVEF 62%, septum 13 mm. Native T1 1010 ms (normal). No LGE.
Conclusion: athlete's heart vs mild HCM; detraining and repeat in 3 months.
Reported by: Dr Ciarán Mac Giolla Phádraig
Typed by: gosullivan2""",
[("Mater Misericordiae University Hospital","HOSPITAL"),("Eccles Street","ADDRESS"),("Dublin","CITY"),
 ("D07 K8P3","ZIP"),("09/09/2023","DATE"),("30021457","ID"),("Oleksandr Shevchenko-Kovalenko","NAME"),
 ("Małgorzata Wiśniewska-Krawczyk","NAME"),("Ciarán Mac Giolla Phádraig","NAME"),("gosullivan2","NAME")],
["1.5T","SAX/LVOT/4CH","MOLLI","Native T1 1010 ms","HCM","3 months"],
H("SHEVCHENKO-KOVALENKO^OLEKSANDR","30021457",None,None,"20230909","MATER MISERICORDIAE UNIVERSITY HOSPITAL","WISNIEWSKA-KRAWCZYK^MALGORZATA","OSULLIVAN^G"))

S("y030", """\
-----Original Message-----
From: ionescu, andreea
Sent: 12 March 2024 09:15
To: cmr.admin@uhb.nhs.uk
Subject: pt mihai popescu-dumitrescu

hi both, can mihai's CMR (ECV/T1 for ?amyloid) be moved to the 3T on 19/3 please - he has a Medtronic ILR, MR conditional at 3T. he also asked if his wife (cristina) can accompany. ta, andreea
Andreea Ionescu | Cardiac Radiographer | ext 44718""",
[("ionescu, andreea","NAME"),("12 March 2024 09:15","DATE"),("cmr.admin@uhb.nhs.uk","EMAIL"),
 ("mihai popescu-dumitrescu","NAME"),("mihai","NAME"),("19/3","DATE"),("cristina","NAME"),("andreea","NAME"),
 ("Andreea Ionescu","NAME"),("44718","PHONE")],
["ECV/T1","amyloid","3T","ILR","MR conditional"])

S("y031", """\
DR KHALED ABU SHAKRA — CMR DOUBLE-REPORT LIST, WK COMMENCING MON 15/01/2024
1) AL-HASHIMI, FATIMA ZAHRA  |  RBZ 8819022  |  HCM, LVOTO. LGE 12% of LV mass.
2) BIN SULTAN, ABDULLAH  |  RBZ 8819037  |  ?ARVC, RV dilated.
3) EL-SAYED, MOSTAFA  |  RBZ 8819101  |  DCM, LVEF 22%, ECV 39%.
Please ask Noor (AL-HASHIMI's daughter) to bring the previous CD from Hamad General Hospital, Doha.""",
[("KHALED ABU SHAKRA","NAME"),("MON 15/01/2024","DATE"),("AL-HASHIMI, FATIMA ZAHRA","NAME"),("RBZ 8819022","ID"),
 ("BIN SULTAN, ABDULLAH","NAME"),("RBZ 8819037","ID"),("EL-SAYED, MOSTAFA","NAME"),("RBZ 8819101","ID"),
 ("Noor","NAME"),("AL-HASHIMI","NAME"),("Hamad General Hospital","HOSPITAL"),("Doha","CITY")],
["HCM","LVOTO","LGE","ARVC","DCM","ECV"])

S("y032", """\
The Alfred - Heart Centre
Date of service: 30/11/2023
Dear Dr Papadopoulos-Nikolaidis,
Re: Konstantinos (Con) Theodorakis, UR 1188452, 17 Hotham St, St Kilda East VIC 3183
Con's CMR shows a mildly dilated LV (LVEDVi 112 ml/m2), LVEF 47%, and inferolateral subepicardial LGE consistent with previous myocarditis. T2 mapping normal. Holter pending. He can resume cycling in 3 months.
Regards,
Dr Eleni Karamanlis
cc Stavros Theodorakis (son) - consent on file""",
[("The Alfred","HOSPITAL"),("30/11/2023","DATE"),("Papadopoulos-Nikolaidis","NAME"),("Konstantinos","NAME"),
 ("Con","NAME"),("Theodorakis","NAME"),("1188452","ID"),("17 Hotham St","ADDRESS"),("St Kilda East","CITY"),
 ("VIC","STATE"),("3183","ZIP"),("Con","NAME"),("Eleni Karamanlis","NAME"),("Stavros Theodorakis","NAME")],
["LVEDVi 112 ml/m2","LVEF","inferolateral","LGE","T2 mapping","3 months"])

S("y033", """\
NUH CMR QA log (free text)
2024-04-02: pt CHEW, Kah Seng (S7712345J) - breath-hold poor, repeat SAX with compressed sensing. radiographer: yeo hui min. LGE PSIR ok.
2024-04-02: pt Ong Li Xuan Rachel - gadolinium extravasation R antecubital, 5 mL Dotarem. informed Dr Goh Boon Huat & A/Prof Ho. IR form by hmyeo.
2024-04-03: Dr. Rachel Ong (not the patient!) asked for T2* protocol update.""",
[("NUH","HOSPITAL"),("2024-04-02","DATE"),("CHEW, Kah Seng","NAME"),("S7712345J","ID"),("yeo hui min","NAME"),
 ("2024-04-02","DATE"),("Ong Li Xuan Rachel","NAME"),("Goh Boon Huat","NAME"),("Ho","NAME"),("hmyeo","NAME"),
 ("2024-04-03","DATE"),("Rachel Ong","NAME")],
["SAX","compressed sensing","LGE PSIR","5 mL","Dotarem","T2*"])

S("y034", """\
Heart failure clinic - 2/14/23
Pt: NGUYEN THI THU HUONG, 76 yo F. Son Tran Minh Duc (HCP) present; daughter-in-law Ji-yeon Park on speaker.
CMR (Cedars 1/30/23): LVEF 30%, dense transmural LGE LAD territory (apical, mid anterior), non-viable. RV normal. Moderate functional MR.
Plan: GDMT, empagliflozin 10 mg. Not a candidate for revasc per Dr. Sung-min Cho. Revisit MitraClip if MR worsens.
-- K. Vo, NP (kvo3)""",
[("2/14/23","DATE"),("NGUYEN THI THU HUONG","NAME"),("Tran Minh Duc","NAME"),("Ji-yeon Park","NAME"),
 ("Cedars","HOSPITAL"),("1/30/23","DATE"),("Sung-min Cho","NAME"),("K. Vo","NAME"),("kvo3","NAME")],
["76 yo","LVEF","LAD territory","MR","empagliflozin 10 mg","MitraClip"])

S("y035", """\
Cardiology SpR handover - Sat 13 Jan
- Mr Valve (yes, really - Terence Valve, bed C4): s/p mitral valve replacement, CMR requested for ?paravalvular leak; mechanical valve is MR conditional. Check with physics.
- Mrs Heart (Doreen) - heart failure, on furosemide infusion, CMR postponed.
- Dr Stone covering CCU tonight; Sharp (physicist) on bleep 2291.
Reviewed by J. Bird""",
[("Sat 13 Jan","DATE"),("Valve","NAME"),("Terence Valve","NAME"),("Heart","NAME"),("Doreen","NAME"),
 ("Stone","NAME"),("Sharp","NAME"),("2291","PHONE"),("J. Bird","NAME")],
["mitral valve replacement","paravalvular leak","mechanical valve","MR conditional","heart failure","furosemide infusion"])

S("y036", """\
UNIVERSITY COLLEGE HOSPITAL, IBADAN
DISCHARGE SUMMARY
Name: Chief (Mrs) Adebisi Oluwakemi Adeyemi-Bankole   Hosp No: UCH/14/88102
Age: 90 years   Date of admission: 02/06/2023   Date of discharge: 15/06/2023
Consultant: Prof. O. A. Ogunleye   Registrar: Dr Chukwuemeka Nwachukwu
Summary: Admitted with decompensated HF. CMR: LVEF 35%, diffuse LGE, ECV 48%, T1 1150 ms - ATTR amyloid suspected; Tc-PYP Perugini grade 3.
Follow-up: cardiology clinic in 4/52. Contact Mrs Ifeoma (niece) 0802 334 1190.""",
[("UNIVERSITY COLLEGE HOSPITAL","HOSPITAL"),("IBADAN","CITY"),("Adebisi Oluwakemi Adeyemi-Bankole","NAME"),
 ("UCH/14/88102","ID"),("90","AGE"),("02/06/2023","DATE"),("15/06/2023","DATE"),("O. A. Ogunleye","NAME"),
 ("Chukwuemeka Nwachukwu","NAME"),("Ifeoma","NAME"),("0802 334 1190","PHONE")],
["LVEF","LGE","ECV","ATTR amyloid","Perugini grade 3","4/52"])

S("y037", """\
Gold Coast University Hospital — CMR Report
Pt: Aroha Te Whare-Ngata   URN 4478201   DOB 1988-08-08
Referrer: Dr Wiremu Tipene   Reporter: Dr Hemi Little
Clinical: 35F, 6 months postpartum, dyspnoea.
Findings: LVEF 44%, no LGE, T2 normal. Little pericardial fluid.
Conclusion: recovering peripartum cardiomyopathy.
Follow-up: Dr Little will review with Tipene at 3 months.""",
[("Gold Coast University Hospital","HOSPITAL"),("Aroha Te Whare-Ngata","NAME"),("4478201","ID"),("1988-08-08","DATE"),
 ("Wiremu Tipene","NAME"),("Hemi Little","NAME"),("Little","NAME",2),("Tipene","NAME")],
["35F","6 months postpartum","LVEF","Little pericardial fluid","peripartum cardiomyopathy","3 months"],
H("TE WHARE-NGATA^AROHA","4478201",None,"19880808",None,"GOLD COAST UNIVERSITY HOSPITAL","TIPENE^WIREMU"))

S("y038", """\
To: Scheduling <cmrsched@stlukesheart.org>
From: Rebecca Fields-Oyelowo
Date: Thu, Jan 4, 2024, 3:12 PM
Re: Patient portal upload - MRN 11904562

Hi team - Mr. DeShawn Washington-Bey uploaded his outside CMR disc images via https://portal.stlukesheart.org/upload/11904562 . The outside study (Feb 2019) showed ARVC with RV aneurysm; current ICD is a Boston Scientific (MR-conditional). Please route to Dr. Fields (no relation!).
Rebecca
Imaging Navigator, St. Luke's Heart Institute, Kansas City, MO 64111""",
[("cmrsched@stlukesheart.org","EMAIL"),("Rebecca Fields-Oyelowo","NAME"),("Thu, Jan 4, 2024, 3:12 PM","DATE"),
 ("11904562","ID"),("DeShawn Washington-Bey","NAME"),("https://portal.stlukesheart.org/upload/11904562","URL"),
 ("Feb 2019","DATE"),("Fields","NAME"),("Rebecca","NAME"),("St. Luke's Heart Institute","HOSPITAL"),
 ("Kansas City","CITY"),("MO","STATE"),("64111","ZIP")],
["ARVC","RV aneurysm","ICD","Boston Scientific","MR-conditional"])

S("y039", """\
CORK UNIVERSITY H0SPITAL
Wilton, Cork T12 X7H2
Re: Pádraig O'Callag-
han, DOB O4/O7/1972, MRN 8823I0
Dear Dr. Nic Aodha,
Mr O'Callaghan attended for CMR on I8/O9/2O23. Findings: moderate AR with holodiastolic flow reversal in the descending aorta, LVEDVi 118 ml/m2, LVEF 55%. Aortic root 46 mm. Features of Marfan syndrome noted; on losartan.
Yours sincerely, D r Fion nuala Brennan""",
[("CORK UNIVERSITY H0SPITAL","HOSPITAL"),("Wilton","ADDRESS"),("Cork","CITY"),("T12 X7H2","ZIP"),
 ("Pádraig O'Callag-\nhan","NAME"),("O4/O7/1972","DATE"),("8823I0","ID"),("Nic Aodha","NAME"),
 ("O'Callaghan","NAME"),("I8/O9/2O23","DATE"),("Fion nuala Brennan","NAME")],
["AR","holodiastolic flow reversal","LVEDVi 118 ml/m2","LVEF","Marfan syndrome","losartan"],
H("O'CALLAGHAN^PADRAIG","882310",None,"19720704","20230918","CORK UNIVERSITY HOSPITAL","NIC AODHA","BRENNAN^FIONNUALA"))

S("y040", """\
study_id,pt_last,pt_first,dob,referring,comment
C-20931,okafor-williams,tobi,1984-02-29,"jkw","LVNC? NC:C 2.1; no LGE. call pt @ 404-555-0192 re results"
C-20932,DE LA TORRE,ANA SOFÍA,1939-06-06,"Hernandez, R.","ECV 41%, ATTR likely; per M. Baptiste"
C-20933,Begay,Nizhoni,1990-10-10,"dr yazzie","repeat CMR after 6/12 colchicine for pericarditis; LGE pericardium\"""",
[("C-20931","ID"),("okafor-williams","NAME"),("tobi","NAME"),("1984-02-29","DATE"),("jkw","NAME"),
 ("404-555-0192","PHONE"),("C-20932","ID"),("DE LA TORRE","NAME"),("ANA SOFÍA","NAME"),("1939-06-06","DATE"),
 ("Hernandez, R.","NAME"),("M. Baptiste","NAME"),("C-20933","ID"),("Begay","NAME"),("Nizhoni","NAME"),
 ("1990-10-10","DATE"),("yazzie","NAME")],
["LVNC","LGE","ECV","ATTR","6/12","colchicine"])

S("y041", """\
Dear Dr Wall,
RE: Graham Bishop, 14 Chapel Lane, Bishop's Stortford, Herts CM23 2AB, NHS 401 023 2317
Mr Bishop's cardiac MRI (18th Sept 2023) showed normal LV wall thickness and wall motion, LVEF 64%, and no LGE. Myocardial T2* 32 ms - no iron loading. Given his haemochromatosis, repeat in 2 years.
Kind regards,
Sarah-Jane Heartfield, Cardiology Specialty Doctor, Lister Hospital""",
[("Wall","NAME"),("Graham Bishop","NAME"),("14 Chapel Lane","ADDRESS"),("Bishop's Stortford","CITY"),
 ("Herts","STATE"),("CM23 2AB","ZIP"),("401 023 2317","ID"),("Bishop","NAME"),("18th Sept 2023","DATE"),
 ("Sarah-Jane Heartfield","NAME"),("Lister Hospital","HOSPITAL")],
["LV wall thickness","wall motion","LVEF","T2* 32 ms","haemochromatosis","2 years"],
H("BISHOP^GRAHAM","4010232317",None,None,"20230918","LISTER HOSPITAL","WALL"))

S("y042", """\
CMC Vellore - Cardiology Unit II - night notes 22/7
1. K. Lakshmi Narasimhan, 45/M, Hosp No 417228F - acute MI (STEMI) thrombolysed at Arni. CMR: anterior MINF, MVO present, LVEF 38%. TIMI flow ok on angio per Dr Thirunavukkarasu.
2. Mrs. Padmavathi Ch., 89/F - "flash pulmonary oedema". CMR deferred (eGFR 22). Daughter Sravani (ph 94433 21876) informed.
Duty: S. Venkatasubramanian (SV)""",
[("CMC Vellore","HOSPITAL"),("22/7","DATE"),("K. Lakshmi Narasimhan","NAME"),("417228F","ID"),("Arni","CITY"),
 ("Thirunavukkarasu","NAME"),("Padmavathi Ch.","NAME"),("Sravani","NAME"),("94433 21876","PHONE"),
 ("S. Venkatasubramanian","NAME"),("SV","NAME")],
["STEMI","MINF","MVO","LVEF","89/F","eGFR 22"])

S("y043", """\
Royal University Hospital, Saskatoon SK S7N 0W8
CMR requisition comments: Pt Sakihitowin Bear-Cardinal, HSN 912 445 871. Flying in from La Ronge 04 DEC 2023; band office contact Ms. Cheryl Moosomin (306) 425-2183.
Q: ? cardiac sarcoid (high-grade AV block age 38). Please include T2 mapping + LGE, and EGE.
Requested by R. Okemasis-Lafond MD. Booking clerk: Deb.""",
[("Royal University Hospital","HOSPITAL"),("Saskatoon","CITY"),("SK","STATE"),("S7N 0W8","ZIP"),
 ("Sakihitowin Bear-Cardinal","NAME"),("912 445 871","ID"),("La Ronge","CITY"),("04 DEC 2023","DATE"),
 ("Cheryl Moosomin","NAME"),("(306) 425-2183","PHONE"),("R. Okemasis-Lafond","NAME"),("Deb","NAME")],
["cardiac sarcoid","AV block","age 38","T2 mapping","LGE","EGE"])

S("y044", """\
PATIENT: O'BRIEN-MCALLISTER, SEAMUS J   MRN: 000440982   ACC: MR24-0019933
DOB: 07/04/1932 (AGE 91)   SEX: M
LOCATION: BRIGHAM 6A   REFERRING: PATEL, NIRAV K
TECHNOLOGIST: LDUBOIS   READER: CHEN, MICHELLE Y, MD
EXAM DATE: 03/22/2024 07:55
CLINICAL: SEVERE AS, TAVR PLANNING. LVEF 50%. NO LGE. T1 NATIVE 1060 MS.""",
[("O'BRIEN-MCALLISTER, SEAMUS J","NAME"),("000440982","ID"),("MR24-0019933","ID"),("07/04/1932","DATE"),
 ("91","AGE"),("BRIGHAM","HOSPITAL"),("PATEL, NIRAV K","NAME"),("LDUBOIS","NAME"),("CHEN, MICHELLE Y","NAME"),
 ("03/22/2024 07:55","DATE")],
["AS","TAVR","LVEF","LGE","1060 MS"],
H("O'BRIEN-MCALLISTER^SEAMUS^J","000440982","MR24-0019933","19320704","20240322","BRIGHAM AND WOMENS HOSPITAL","PATEL^NIRAV^K","DUBOIS^L"))

S("y045", """\
Heart Team (TAVI) - Wythenshawe - 05.12.23
Case: Mr Emeka Obi-Thornton, 78, c/o his daughter Adaeze Thornton, 22 Moss Lane, Sale M33 6GB
CMR: severe AS (AVA 0.8 cm2), LVEF 40%, replacement fibrosis (mid-wall LGE) 8%. Porcelain aorta on CT.
Decision: TAVI, transfemoral, per Mr Ashworth (surgeon) and Dr Rahman-Lloyd. Ashworth felt SAVR too high risk (STS 7.1%).
Minutes: ptaylor7""",
[("Wythenshawe","HOSPITAL"),("05.12.23","DATE"),("Emeka Obi-Thornton","NAME"),("Adaeze Thornton","NAME"),
 ("22 Moss Lane","ADDRESS"),("Sale","CITY"),("M33 6GB","ZIP"),("Ashworth","NAME"),("Rahman-Lloyd","NAME"),
 ("Ashworth","NAME"),("ptaylor7","NAME")],
["AS","LVEF","LGE","Porcelain aorta","SAVR","STS 7.1%"])

S("y046", """\
Chris Hani Baragwanath Academic Hospital
Discharge note: Sipho Nkosinathi Dlamini, IP No. 2290117/23
Admitted 9 Jan 2023 with heart failure. CMR (at Milpark): dilated LV, LVEF 20%, LV thrombus 2 x 1.5 cm apex, no LGE. Suspect HIV-associated cardiomyopathy; on TLD.
Warfarin started - INR clinic. Wife Nomvula contactable on 082 555 4410.
Signed: Dr Riaan Pretorius / Dr Zanele Khumalo-Venter""",
[("Chris Hani Baragwanath Academic Hospital","HOSPITAL"),("Sipho Nkosinathi Dlamini","NAME"),("2290117/23","ID"),
 ("9 Jan 2023","DATE"),("Milpark","HOSPITAL"),("Nomvula","NAME"),("082 555 4410","PHONE"),("Riaan Pretorius","NAME"),
 ("Zanele Khumalo-Venter","NAME")],
["LVEF","LV thrombus","LGE","HIV-associated cardiomyopathy","TLD","Warfarin"])

S("y047", """\
Spoke to Oluwaseun re: Mr Kaleikini's CMR. Kaleikini, Keoni (MRN 5508821) - 56M Native Hawaiian, hx Kawasaki as a child. CMR: giant aneurysm prox RCA 8 mm, no LGE, stress perfusion normal.
Discussed w/ Dr. Akana-Whitfield, who agrees no intervention. Leilani (wife) given results.
Queen's Medical Center, 1410 Punchbowl St, Honolulu, HI 96813
Note by: msato""",
[("Oluwaseun","NAME"),("Kaleikini","NAME"),("Kaleikini, Keoni","NAME"),("5508821","ID"),("Akana-Whitfield","NAME"),
 ("Leilani","NAME"),("Queen's Medical Center","HOSPITAL"),("1410 Punchbowl St","ADDRESS"),("Honolulu","CITY"),
 ("HI","STATE"),("96813","ZIP"),("msato","NAME")],
["56M","Kawasaki","RCA","LGE","stress perfusion"])

S("y048", """\
From: Nathan Stone <n.stone@health.qld.gov.au>
Sent: Tuesday, 12 March 2024 8:03 AM
To: Bird, Tahlia; Fields, Corey
Subject: CMR list - Prince Charles Hospital

Tahlia - the 10:30 (Brodie Kennedy-Doyle, 31M, ?ARVC) needs the black-blood T1 TSE sequence added. Corey - the 13:00 has a kidney stone history but eGFR is fine for gadolinium. Bird's call re the Fontan at 15:00.
Nath""",
[("Nathan Stone","NAME"),("n.stone@health.qld.gov.au","EMAIL"),("Tuesday, 12 March 2024 8:03 AM","DATE"),
 ("Bird, Tahlia","NAME"),("Fields, Corey","NAME"),("Prince Charles Hospital","HOSPITAL"),("Tahlia","NAME"),
 ("Brodie Kennedy-Doyle","NAME"),("Corey","NAME"),("Bird","NAME"),("Nath","NAME")],
["ARVC","black-blood T1 TSE","kidney stone","eGFR","gadolinium","Fontan"])

S("y049", """\
TO: DR. HIRAL JAYANTILAL DESAI, U.N. MEHTA INSTITUTE OF CARDIOLOGY, AHMEDABAD 380016
FROM: CMR LAB
Patient Mr. Bhavesh Patel (55y), UHID UNM/2024/11872, scan dt 14/02/2024.
Findings: RV dilated (RVEDVi 165 ml/m2), severe PR (regurgitant fraction 45%) post Tetralogy repair. RVEF 41%. LVEF 56%.
Query: for PVR per Dr Desai's protocol. Report mailed to hjdesai@unmicrc.in""",
[("HIRAL JAYANTILAL DESAI","NAME"),("U.N. MEHTA INSTITUTE OF CARDIOLOGY","HOSPITAL"),("AHMEDABAD","CITY"),
 ("380016","ZIP"),("Bhavesh Patel","NAME"),("UNM/2024/11872","ID"),("14/02/2024","DATE"),("Desai","NAME"),
 ("hjdesai@unmicrc.in","EMAIL")],
["55y","PR","Tetralogy","RVEF","LVEF","PVR"],
H("PATEL^BHAVESH","UNM/2024/11872",None,None,"20240214","U N MEHTA INSTITUTE OF CARDIOLOGY","DESAI^HIRAL^JAYANTILAL"))

S("y050", """\
CMR reporting worklist comments (exported 01/03/2024 17:45)
- Acc 7781203: drafted JKW, needs consultant sign-off (A.B. to verify). ? HCM vs hypertensive heart disease; septum 15 mm, LGE absent, ECV 27%.
- Acc 7781219: reported rkhanna2; addendum by A.B. re: LVOT flow acceleration at rest.
- Acc 7781244: on hold — patient (Mr. Ó Súilleabháin) declined contrast.
Worklist owner: jkwhitley""",
[("01/03/2024 17:45","DATE"),("7781203","ID"),("JKW","NAME"),("A.B.","NAME"),("7781219","ID"),("rkhanna2","NAME"),
 ("A.B.","NAME"),("7781244","ID"),("Ó Súilleabháin","NAME"),("jkwhitley","NAME")],
["HCM","hypertensive heart disease","15 mm","LGE","ECV","LVOT"])
# ---------------------------------------------------------------- y051-y075
S("y051", """\
Cardiology consult 08/19/2023
Pt: Ronald Small Jr., 64M. Referred by Dr. Angela Heart (PCP, Heart & Vascular Associates of Tulsa).
CMR: small LV cavity, LVEF 72%, asymmetric septal hypertrophy 22 mm, SAM with LVOT obstruction, patchy LGE. Dx: obstructive HCM. Start mavacamten per REMS.
Mr. Small's son Derek Small had a normal echo.
Signed: Lorenzo Valvano, MD""",
[("08/19/2023","DATE"),("Ronald Small","NAME"),("Angela Heart","NAME"),("Heart & Vascular Associates of Tulsa","HOSPITAL"),
 ("Small","NAME"),("Derek Small","NAME"),("Lorenzo Valvano","NAME")],
["small LV cavity","22 mm","SAM","LVOT obstruction","HCM","mavacamten"])

S("y052", """\
UNIVERSITY HOSPITAL GALWAY - CARDIAC MRI
NAME: NÍ MHAOLÁIN, ÉABHA   MRN: G0098812   DOB: 11-NOV-1999
REFERRING: DR SEOSAMH Ó CEALLAIGH   AUTHORISED: DR. MAIREAD NIC GIOLLA BHRÍDE
CLINICAL: 24F, syncope on exertion, LQTS? Brugada? Family hx SCD (uncle).
FINDINGS: LVEF 61%, RVEF 55%. No LGE. Normal T1 (980 ms at 1.5T).
COMMENT: Structurally normal; proceed to ajmaline challenge. D/W Éabha and her mother Gráinne.""",
[("UNIVERSITY HOSPITAL GALWAY","HOSPITAL"),("NÍ MHAOLÁIN, ÉABHA","NAME"),("G0098812","ID"),("11-NOV-1999","DATE"),
 ("SEOSAMH Ó CEALLAIGH","NAME"),("MAIREAD NIC GIOLLA BHRÍDE","NAME"),("Éabha","NAME"),("Gráinne","NAME")],
["24F","LQTS","Brugada","RVEF","980 ms","ajmaline challenge"],
H("NI MHAOLAIN^EABHA","G0098812",None,"19991111",None,"UNIVERSITY HOSPITAL GALWAY","O CEALLAIGH^SEOSAMH"))

S("y053", """\
from: tunde.bakare@lasuth.org.ng
to: adaobi okonkwo-eze
date: 2/8/2023, 10:14
re: cmr for mrs folake

adaobi, the cmr for mrs folake adeleke-johnson is done. severe MS (MVA 0.9 cm2 by planimetry), LA 58 mm, no LA appendage thrombus seen on LGE. for PTMC. pls tell prof akinwande. her husband's number is 0805 221 9934.
tunde""",
[("tunde.bakare@lasuth.org.ng","EMAIL"),("adaobi okonkwo-eze","NAME"),("2/8/2023, 10:14","DATE"),("folake","NAME"),
 ("adaobi","NAME"),("folake adeleke-johnson","NAME"),("akinwande","NAME"),("0805 221 9934","PHONE"),("tunde","NAME")],
["MS","MVA 0.9 cm2","planimetry","LA appendage thrombus","LGE","PTMC"])

S("y054", """\
Tan Tock Seng Hospital - Cardiology
Letter date: 26 Sep 2023
Dear Dr Rajagopal s/o Krishnan,
Re: Mr Desmond Anthony de Souza, NRIC T0123456Z, 90 years old
CMR (1.5T Siemens Sola) showed severe TR with RV dilatation, RVEF 40%, and preserved LVEF 58%. Pacemaker lead-related TR suspected.
His caregiver Ms Marites Dela Cruz (helper) can be reached at 8765 4321.
Regards, Dr Jasmine Kaur Gill""",
[("Tan Tock Seng Hospital","HOSPITAL"),("26 Sep 2023","DATE"),("Rajagopal s/o Krishnan","NAME"),
 ("Desmond Anthony de Souza","NAME"),("T0123456Z","ID"),("90","AGE"),("Marites Dela Cruz","NAME"),
 ("8765 4321","PHONE"),("Jasmine Kaur Gill","NAME")],
["Siemens Sola","TR","RVEF","LVEF","Pacemaker lead-related TR"])

S("y055", """\
DISCHARGE SUMMARY — Leeds General Infirmary
Patient: Kerry-Ann Mahlangu-Whitworth  Hosp No: L2298413  NHS: 612 889 0042
Admitted Monday 3rd April 2023; discharged Friday the 14th of April 2023.
Diagnosis: acute myocarditis (CMR-confirmed: subepicardial LGE inferolateral, T2 62 ms, native T1 1150 ms at 1.5T; updated Lake Louise positive).
Medications: ramipril 2.5 mg od, bisoprolol 1.25 mg od. No competitive sport for 6 months.
GP: Dr Ffion Pritchard-Jones, Meanwood Health Centre, 548 Meanwood Rd, Leeds LS6 4JN
Discharging clinician: Olamide Bright (ANP)""",
[("Leeds General Infirmary","HOSPITAL"),("Kerry-Ann Mahlangu-Whitworth","NAME"),("L2298413","ID"),("612 889 0042","ID"),
 ("Monday 3rd April 2023","DATE"),("Friday the 14th of April 2023","DATE"),("Ffion Pritchard-Jones","NAME"),
 ("Meanwood Health Centre","HOSPITAL"),("548 Meanwood Rd","ADDRESS"),("Leeds","CITY"),("LS6 4JN","ZIP"),
 ("Olamide Bright","NAME")],
["LGE","T2 62 ms","native T1 1150 ms","Lake Louise","ramipril 2.5 mg","6 months"],
H("MAHLANGU-WHITWORTH^KERRY-ANN","L2298413",None,None,"20230405","LEEDS GENERAL INFIRMARY","PRITCHARD-JONES^FFION"))

S("y056", """\
Attn: Medical Records (Tamika Rollins-Jefferson)
Re: Outside CMR request for patient Vukašin Petrović, DOB 5/17/1967
We have received a request from Dr. Ngo (Nhung Ngo, MD, Kaiser San Jose) for the CMR performed 11/02/2022 showing LVNC with LVEF 35% and apical LGE. Please release to fax 408-555-0119. Petrović's consent form is attached (signed 10/28/2022).
Thank you,
Grace O'Donnell-Kim, RHIA""",
[("Tamika Rollins-Jefferson","NAME"),("Vukašin Petrović","NAME"),("5/17/1967","DATE"),("Ngo","NAME"),
 ("Nhung Ngo","NAME"),("Kaiser San Jose","HOSPITAL"),("11/02/2022","DATE"),("408-555-0119","FAX"),
 ("Petrović","NAME"),("10/28/2022","DATE"),("Grace O'Donnell-Kim","NAME")],
["LVNC","LVEF 35%","apical LGE"])

S("y057", """\
SCANNED DOCUMENT - OCR
DR V. NOVÁKOVÁ-SVOBODA
Consultant Cardiologist
Royal Free London NHS Foundation Trust, Pond Street, London NW3 2QX
0ur ref: VNS/ab    Clinic date: 2O/O6/2O23
Dear Dr Petrov,
Re: Mr Dimitar Ivanov Georgiev  DOB: 3O.1O.1957
Mr Georgiev 's CMR: LVEF 30%, inferior and inferolateral transmural LGE (>75%) - non-viable; anterior wall viable. ICD recommended. Metoprolol, ramipril, spironolactone, dapagliflozin.
Yours sincerely
V Novákov á-Svoboda""",
[("V. NOVÁKOVÁ-SVOBODA","NAME"),("Royal Free London NHS Foundation Trust","HOSPITAL"),("Pond Street","ADDRESS"),
 ("London","CITY"),("NW3 2QX","ZIP"),("VNS","NAME"),("ab","NAME"),("2O/O6/2O23","DATE"),("Petrov","NAME"),
 ("Dimitar Ivanov Georgiev","NAME"),("3O.1O.1957","DATE"),("Georgiev","NAME"),("V Novákov á-Svoboda","NAME")],
["LVEF","inferolateral","transmural LGE","anterior wall viable","ICD","dapagliflozin"],
H("GEORGIEV^DIMITAR^IVANOV",None,None,"19571030","20230620","ROYAL FREE HOSPITAL","PETROV"))

S("y058", """\
sign-out 12/24
- rm 412 garcía-márquez, ana lucía, 82F: AS mod-severe on CMR (peak vel 3.9 m/s), LFLG? dobutamine echo pending. dtr (lupita) is HCP, speaks spanish only - use interpreter line 1-800-555-0134 id 40213.
- rm 418 mr. de jesús (juan carlos): CMR cancelled, claustrophobic. gave lorazepam 1 mg; retry tmrw.
- dr sánchez-villa aware of both. -- pgy2 lmoreno""",
[("12/24","DATE"),("garcía-márquez, ana lucía","NAME"),("lupita","NAME"),("1-800-555-0134","PHONE"),("40213","ID"),
 ("de jesús","NAME"),("juan carlos","NAME"),("sánchez-villa","NAME"),("lmoreno","NAME")],
["82F","AS","3.9 m/s","LFLG","dobutamine echo","lorazepam 1 mg"])

S("y059", """\
MSG|RIS|RPA|20230815|ORU
PID|||RPA7729104||NGUYEN^VAN^THANH||19590301|M|||42 Railway Pde^^Cabramatta^NSW^2166||02 9724 1188
OBR|||CMR-RPA-882211|CMR stress perfusion^adenosine
OBX|1|TX|||Inducible ischaemia mid-distal anterior and apical segments (LAD). Prior inferior MINF with 50-75% LGE. LVEF 48%.
OBX|2|TX|||Reported by Dr Phan Minh Khoa; verified thuynguyen8""",
[("RPA","HOSPITAL"),("20230815","DATE"),("RPA7729104","ID"),("NGUYEN^VAN^THANH","NAME"),("19590301","DATE"),
 ("42 Railway Pde","ADDRESS"),("Cabramatta","CITY"),("NSW","STATE"),("2166","ZIP"),("02 9724 1188","PHONE"),
 ("CMR-RPA-882211","ID"),("Phan Minh Khoa","NAME"),("thuynguyen8","NAME")],
["adenosine","apical segments","LAD","MINF","LGE","LVEF"],
H("NGUYEN^VAN^THANH","RPA7729104","CMR-RPA-882211","19590301","20230815","ROYAL PRINCE ALFRED HOSPITAL",None,"NGUYEN^THUY"))

S("y060", """\
ACHD MDT 27/02/24
Present: Babu-Richards, Coelho, Ferreira-Lopes, Adjei, Whitcombe (minutes)
Pt 1: Lowri Pugh-Evans, 29, Fontan (extracardiac conduit) 2002. CMR: systemic RV EF 44%, fenestration closed, Fontan pathway unobstructed, no thrombus. Coelho suggests adding 4D flow next time.
Pt 2: Tomasz Zieliński, 34, repaired coarctation + bicuspid AV. CMR: recoarctation gradient est 25 mmHg, mild AR. Adjei to discuss stenting with Babu-Richards.""",
[("27/02/24","DATE"),("Babu-Richards","NAME"),("Coelho","NAME"),("Ferreira-Lopes","NAME"),("Adjei","NAME"),
 ("Whitcombe","NAME"),("Lowri Pugh-Evans","NAME"),("Coelho","NAME"),("Tomasz Zieliński","NAME"),("Adjei","NAME"),
 ("Babu-Richards","NAME")],
["Fontan","4D flow","coarctation","bicuspid AV","25 mmHg","AR"])

S("y061", """\
Hmong interpreter: Pa Nhia Vang (ID badge 7714)
Pt: Xiong, Tou Fue   MRN: 20-889-417   DOB 08/08/1948
Regions Hospital, 712 Jackson St, St Paul MN 55101
CMR: severe MR (RF 52%, primary - posterior leaflet flail), LVEDVi 120, LVEF 66%.
Referred to Dr Yer Lor-Thao for TEER evaluation. Daughter Mai Xiong will bring him 3/1.
Scheduler note: call Tou's home 651-555-0177 after 5pm.""",
[("Pa Nhia Vang","NAME"),("7714","ID"),("Xiong, Tou Fue","NAME"),("20-889-417","ID"),("08/08/1948","DATE"),
 ("Regions Hospital","HOSPITAL"),("712 Jackson St","ADDRESS"),("St Paul","CITY"),("MN","STATE"),("55101","ZIP"),
 ("Yer Lor-Thao","NAME"),("Mai Xiong","NAME"),("3/1","DATE"),("Tou","NAME"),("651-555-0177","PHONE")],
["MR","RF 52%","posterior leaflet flail","LVEF","TEER"])

S("y062", """\
Vancouver General Hospital - Cardiac MRI Unit
Date: 2022/11/30    PHN: 9876 543 210
Patient: Ma. Cristina Bautista-Dimaculangan (prefers "Tina")
Referring: Dr. Jose Rizal Mercado III
Indication: ?myocardial iron overload (beta-thalassemia intermedia).
Results: T2* 14 ms (mild), LVEF 60%. Liver iron by R2* 7 mg/g.
Reporting: Dr Ka-Wai Leung / Tech: J. dela Paz
Tina asked for a copy to Dr. Mercado.""",
[("Vancouver General Hospital","HOSPITAL"),("2022/11/30","DATE"),("9876 543 210","ID"),
 ("Ma. Cristina Bautista-Dimaculangan","NAME"),("Tina","NAME"),("Jose Rizal Mercado","NAME"),("Ka-Wai Leung","NAME"),
 ("J. dela Paz","NAME"),("Tina","NAME"),("Mercado","NAME")],
["beta-thalassemia intermedia","T2* 14 ms","LVEF","R2*","7 mg/g"],
H("BAUTISTA-DIMACULANGAN^MA CRISTINA","9876543210",None,None,"20221130","VANCOUVER GENERAL HOSPITAL","MERCADO^JOSE^RIZAL","DELA PAZ^J"))

S("y063", """\
Ward round note - CCU - 2/10/2023
Seen with Prof Okwuosa-Hartley and Sister Bernadette Mulqueen.
Pt (Mrs Wanjiru Kamau-Mwangi, 58): Takotsubo confirmed on CMR - apical ballooning, oedema on T2 STIR, no LGE. LVEF improving (45%). LV thrombus excluded.
Plan: ACEi, BB, repeat CMR at 3 months. Daughter Njeri updated by phone 07700 900461.
-- s.adeyemi (FY2) bleep 6632""",
[("2/10/2023","DATE"),("Okwuosa-Hartley","NAME"),("Bernadette Mulqueen","NAME"),("Wanjiru Kamau-Mwangi","NAME"),
 ("Njeri","NAME"),("07700 900461","PHONE"),("s.adeyemi","NAME"),("6632","PHONE")],
["Takotsubo","T2 STIR","LGE","LVEF","LV thrombus","3 months"])

S("y064", """\
FORTIS ESC0RTS HEART INSTITUTE, OKHLA ROAD, NEW DELHI-110025
Ph: 011-4713 2846
Date: O3/O1/2O24
Patient: Sardar Kuldeep Singh Ahluw-
alia, 90 yrs, Reg No FEHI/88/2291
CMR impression: Severe LV dysfunction (LVEF 25%), ischaemic - transmural LGE in LAD and LCx territories; RCA territory viable. Mitral: moderate functional MR.
Dr. Ravin der Kaur Bhatia
Consultant, Cardiac Imaging""",
[("FORTIS ESC0RTS HEART INSTITUTE","HOSPITAL"),("OKHLA ROAD","ADDRESS"),("NEW DELHI","CITY"),("110025","ZIP"),
 ("011-4713 2846","PHONE"),("O3/O1/2O24","DATE"),("Kuldeep Singh Ahluw-\nalia","NAME"),("90","AGE"),
 ("FEHI/88/2291","ID"),("Ravin der Kaur Bhatia","NAME")],
["LVEF","transmural LGE","LAD","RCA territory viable","MR"],
H("AHLUWALIA^KULDEEP^SINGH","FEHI/88/2291",None,None,"20240103","FORTIS ESCORTS HEART INSTITUTE",None,None))

S("y065", """\
From: Carter, Lakeisha <lcarter@uchealth.example.org>
Sent: Fri 9/15/2023 4:40 PM
To: Dr. Beaumont-Reyes
Subject: FW: stress CMR results - Holloway

Per Dr. Sato the regadenoson stress CMR for Mr. Holloway (MRN 44019987) is negative - no inducible ischemia, no LGE, LVEF 58%. He can go ahead with the knee surgery at University of Colorado Hospital, Aurora.

> On 9/14/2023, Holloway, Dwayne wrote:
> When will I get results? My number is 720-555-0164.
Lakeisha Carter, RN""",
[("Carter, Lakeisha","NAME"),("lcarter@uchealth.example.org","EMAIL"),("Fri 9/15/2023 4:40 PM","DATE"),
 ("Beaumont-Reyes","NAME"),("Holloway","NAME"),("Sato","NAME"),("Holloway","NAME"),("44019987","ID"),
 ("University of Colorado Hospital","HOSPITAL"),("Aurora","CITY"),("9/14/2023","DATE"),("Holloway, Dwayne","NAME"),
 ("720-555-0164","PHONE"),("Lakeisha Carter","NAME")],
["regadenoson","inducible ischemia","LGE","LVEF 58%"])

S("y066", """\
UHL cardiology reg handover Sun 21/05/23
1. MAGUIRE, BRIDGET (Biddy) - 91 - AF, AS moderate. CMR not possible (old non-conditional PPM, Medtronic Kappa). TTE instead.
2. Seánie Ó Briain - 36 - ?myopericarditis, CMR Tues: LGE subepicardial, pericardial enhancement. Colchicine 500mcg bd x 3/12.
3. Tell Dr Ní Chonghaile re: bed 12 family meeting (son Dermot, Tel 061 482 119).
- ckennedy""",
[("UHL","HOSPITAL"),("Sun 21/05/23","DATE"),("MAGUIRE, BRIDGET","NAME"),("Biddy","NAME"),("91","AGE"),
 ("Seánie Ó Briain","NAME"),("Ní Chonghaile","NAME"),("Dermot","NAME"),("061 482 119","PHONE"),("ckennedy","NAME")],
["AF","AS","non-conditional PPM","LGE","Colchicine 500mcg","3/12"])

S("y067", """\
Clinic Note — Mount Sinai Morningside
Patient: Azamat Toktogulovich Bakirov (MRN 7723019), accompanied by wife Aigerim.
Visit date: 10.05.2023 (entered in EU format by interpreter Shirin Rahmonova).
CMR: ECV 29%, native T1 1030 ms, T2 normal. Mild concentric LVH 12 mm, no LGE. LVEF 65%. Likely hypertensive heart disease, not HCM. Fabry excluded (alpha-Gal normal).
Plan: amlodipine 5 mg. Follow up with Dr. Emil Dzhumabaev in 3 months.""",
[("Mount Sinai Morningside","HOSPITAL"),("Azamat Toktogulovich Bakirov","NAME"),("7723019","ID"),("Aigerim","NAME"),
 ("10.05.2023","DATE"),("Shirin Rahmonova","NAME"),("Emil Dzhumabaev","NAME")],
["ECV","native T1 1030 ms","HCM","Fabry","alpha-Gal","amlodipine 5 mg"])

S("y068", """\
Heart Team Meeting - Federal Medical Centre Abeokuta - 11th July 2023
Attendance: Dr Godspower Etim, Dr Blessing Okeke, Mr Goodluck Amadi (perfusionist), Precious (nurse)
Case: Master Emmanuel Chukwuebuka, 14 - rheumatic MS/MR, CMR: MVA 1.1 cm2, moderate MR, LA enlarged, no thrombus.
Decision: refer abroad for mitral valve repair. Blessing to send the CMR images; Goodluck to check funding. It is a blessing that LV function is preserved (LVEF 62%).
Precious to call mother (Mrs Ngozi Chukwuebuka) on 0706 882 4410.""",
[("Federal Medical Centre Abeokuta","HOSPITAL"),("11th July 2023","DATE"),("Godspower Etim","NAME"),
 ("Blessing Okeke","NAME"),("Goodluck Amadi","NAME"),("Precious","NAME"),("Emmanuel Chukwuebuka","NAME"),
 ("Blessing","NAME"),("Goodluck","NAME"),("Precious","NAME"),("Ngozi Chukwuebuka","NAME"),("0706 882 4410","PHONE")],
["MS/MR","MVA 1.1 cm2","MR","mitral valve repair","LVEF 62%"])

S("y069", """\
INKOSI ALBERT LUTHULI CENTRAL HOSPITAL - DURBAN
PATIENT: NAIDOO, PREGASEN   HOSP NO: IALCH 55-01872   DOB: 04/04/1966
REFERRING: DR. S. GOVENDER (ADDINGTON HOSP)
CMR 15/03/2024: LVEF 33%, RV normal. Extensive mid-wall LGE septum & inferolateral wall; ECV 38%. Cardiac sarcoidosis vs DCM - recommend FDG-PET.
Reported: Dr Thabo Sithole-Pillay; Dictation: reshmi""",
[("INKOSI ALBERT LUTHULI CENTRAL HOSPITAL","HOSPITAL"),("DURBAN","CITY"),("NAIDOO, PREGASEN","NAME"),
 ("IALCH 55-01872","ID"),("04/04/1966","DATE"),("S. GOVENDER","NAME"),("ADDINGTON HOSP","HOSPITAL"),
 ("15/03/2024","DATE"),("Thabo Sithole-Pillay","NAME"),("reshmi","NAME")],
["LVEF","LGE","ECV","Cardiac sarcoidosis","DCM","FDG-PET"],
H("NAIDOO^PREGASEN","IALCH5501872",None,"19660404","20240315","INKOSI ALBERT LUTHULI CENTRAL HOSPITAL","GOVENDER^S"))

S("y070", """\
fao dr harrow-wainwright - pt's wife (mrs pamela ogunbiyi) rang 10:20 on 6/6/24, asking re CMR results (stress perfusion + LGE, for ?ischaemia). told her report not yet verified. she asked for call back on 0161 496 0773. also wants letter sent c/o their son (femi ogunbiyi), 3 Ladybarn Lane, Fallowfield, Manchester M14 6WJ. pt himself (mr ade ogunbiyi) is in nigeria until 1/7. - tk (med sec)""",
[("harrow-wainwright","NAME"),("pamela ogunbiyi","NAME"),("10:20 on 6/6/24","DATE"),("0161 496 0773","PHONE"),
 ("femi ogunbiyi","NAME"),("3 Ladybarn Lane","ADDRESS"),("Fallowfield","CITY"),("Manchester","CITY"),("M14 6WJ","ZIP"),
 ("ade ogunbiyi","NAME"),("1/7","DATE"),("tk","NAME")],
["stress perfusion","LGE","ischaemia"])

S("y071", """\
cc: Hannah Oyelaran-Stein, MD; Rev. Thomas Little (chaplain); Kwabena Asante-Darko, PharmD; Leah Goldbaum-Fields, RN
RE: BIRD, ELEANOR M (MRN 3321890) — CMR 07/21/2023
Ms. Bird's CMR shows cardiac amyloidosis (AL): diffuse LGE, ECV 54%, native T1 1200 ms at 1.5T. Interatrial septum thickened. Please start dara-CyBorD per heme (Dr. Kwame Boateng). Pharmacy (Asante-Darko) to check dosing. Little to visit Friday.""",
[("Hannah Oyelaran-Stein","NAME"),("Thomas Little","NAME"),("Kwabena Asante-Darko","NAME"),
 ("Leah Goldbaum-Fields","NAME"),("BIRD, ELEANOR M","NAME"),("3321890","ID"),("07/21/2023","DATE"),("Bird","NAME"),
 ("Kwame Boateng","NAME"),("Asante-Darko","NAME"),("Little","NAME")],
["AL","ECV","native T1 1200 ms","1.5T","Interatrial septum","dara-CyBorD"],
H("BIRD^ELEANOR^M","3321890",None,None,"20230721",None,"OYELARAN-STEIN^HANNAH"))

S("y072", """\
Alice Springs Hospital - Specialist Outreach Cardiology, 1 Mar 2024
To: Dr Penny Kngwarreye, Congress Alukura
Re: Jasmine Tjapaltjarri, HRN 0041277, DOB 12.12.1994, community: Hermannsburg
Jasmine's CMR (done in Adelaide, 1.5T) confirms severe rheumatic MR with moderate MS, LA 52 mm, LVEF 60%. Continue benzathine penicillin G (Bicillin L-A) 4-weekly; surgery referral to Flinders. Aunty Doreen Malbunka is her support person.
Signed: T. Ngatokorua, Cardiology AT""",
[("Alice Springs Hospital","HOSPITAL"),("1 Mar 2024","DATE"),("Penny Kngwarreye","NAME"),("Congress Alukura","HOSPITAL"),
 ("Jasmine Tjapaltjarri","NAME"),("0041277","ID"),("12.12.1994","DATE"),("Hermannsburg","CITY"),("Jasmine","NAME"),
 ("Adelaide","CITY"),("Flinders","HOSPITAL"),("Doreen Malbunka","NAME"),("T. Ngatokorua","NAME")],
["1.5T","MR","MS","LVEF","benzathine penicillin G","4-weekly"])

S("y073", """\
To: Qikiqtani General Hospital Medical Travel <medtravel@qgh.example.ca>
From: Dr. Annie Kilabuk-Pootoogook
Date: Monday, October 16, 2023
Subject: Iqaluit pt travel to Ottawa Heart for CMR - Jaypeetee Akeeagok

Please arrange travel for Jaypeetee Akeeagok (HC# 1-1002233-4) and escort Leetia Akeeagok to University of Ottawa Heart Institute for CMR on Oct 31, 2023. Indication: ?LV noncompaction, NSVT on Holter, LVEF 40% on echo.
Thanks, Annie (ext. 2217)""",
[("Qikiqtani General Hospital","HOSPITAL"),("medtravel@qgh.example.ca","EMAIL"),("Annie Kilabuk-Pootoogook","NAME"),
 ("Monday, October 16, 2023","DATE"),("Iqaluit","CITY"),("Ottawa Heart","HOSPITAL"),("Jaypeetee Akeeagok","NAME"),
 ("Jaypeetee Akeeagok","NAME"),("1-1002233-4","ID"),("Leetia Akeeagok","NAME"),
 ("University of Ottawa Heart Institute","HOSPITAL"),("Oct 31, 2023","DATE"),("Annie","NAME"),("2217","PHONE")],
["LV noncompaction","NSVT","Holter","LVEF 40%"])

S("y074", """\
Cardiff & Vale UHB - University Hospital of Wales, Heath Park, Cardiff CF14 4XN
CMR 28/11/2023 - reported by Dr Rhodri ap Gwilym; second read Dr Llinos Hughes-Pritchard.
Patient: Gethin Wyn Llewelyn-Bowen, Hosp No A9913004
Dr ap Gwilym's comment: dilated LV (LVEDVi 135), LVEF 36%, no LGE - idiopathic DCM. RV mildly impaired, RVEF 44%. Mild TR. LV mass normal.
Follow-up with Llewelyn-Bowen's GP (Dr Angharad Bevan, Ystrad Mynach).""",
[("Cardiff & Vale UHB","HOSPITAL"),("University Hospital of Wales","HOSPITAL"),("Heath Park","ADDRESS"),("Cardiff","CITY"),
 ("CF14 4XN","ZIP"),("28/11/2023","DATE"),("Rhodri ap Gwilym","NAME"),("Llinos Hughes-Pritchard","NAME"),
 ("Gethin Wyn Llewelyn-Bowen","NAME"),("A9913004","ID"),("ap Gwilym","NAME"),("Llewelyn-Bowen","NAME"),
 ("Angharad Bevan","NAME"),("Ystrad Mynach","CITY")],
["LVEF","LGE","DCM","RVEF","TR","LV mass"],
H("LLEWELYN-BOWEN^GETHIN^WYN","A9913004",None,None,"20231128","UNIVERSITY HOSPITAL OF WALES","BEVAN^ANGHARAD"))

S("y075", """\
tele handover 11/11
- abebech tadesse-worku (rm 9): 38F post-partum wk 3, CMR: LVEF 28%, no LGE = PPCM. started bromocriptine (per dr. mengistu). on LifeVest.
- kidane, fitsum 61M: CMR showed cardiac sarcoid (patchy LGE basal septum + RV insertion), ICD planned. wife almaz, ph 301-555-0122.
- ask yared (pharm) re: prednisone taper. - hg""",
[("11/11","DATE"),("abebech tadesse-worku","NAME"),("mengistu","NAME"),("kidane, fitsum","NAME"),("almaz","NAME"),
 ("301-555-0122","PHONE"),("yared","NAME"),("hg","NAME")],
["PPCM","bromocriptine","LifeVest","cardiac sarcoid","ICD","prednisone taper"])
# ---------------------------------------------------------------- y076-y100
S("y076", """\
Imaging Request (ICE) - 19/09/2023 11:02 - requester: cmwong (Dr Chan Tai-man, ST5)
Patient: LEUNG, Ka Yan Karen   Hosp No: RJZ 8810223   DOB: 02-Jan-1987
Clinical question: 36F with palpitations and RBBB. ? ARVC. Brother (Leung Chi Ho) has confirmed PKP2 variant.
Protocol: SAX + axial RV stack, RVOT views, LGE with fat suppression. Vetted by Dr. S. Fairweather-Ng (CMR consultant) — approved.""",
[("19/09/2023 11:02","DATE"),("cmwong","NAME"),("Chan Tai-man","NAME"),("LEUNG, Ka Yan Karen","NAME"),
 ("RJZ 8810223","ID"),("02-Jan-1987","DATE"),("Leung Chi Ho","NAME"),("S. Fairweather-Ng","NAME")],
["36F","RBBB","ARVC","PKP2 variant","RVOT","LGE"],
H("LEUNG^KA YAN^KAREN","RJZ8810223",None,"19870102",None,None,"CHAN^TAI-MAN"))

S("y077", """\
pt: yosef ben-david  mrn 664201  (interpreter: hebrew not needed)
ref: dr. rania al-khatib-haddad
cmr 6/7/21: LVEF 52%, basal inferolateral thinning with transmural LGE (old MI), no viable myocardium in that segment. T2 normal - no acute edema.
rec: no revasc for LCx. d/w dr. eliyahu rosenzweig (cath) - agrees.
results given to pt and his wife (miriam) by phone. kal""",
[("yosef ben-david","NAME"),("664201","ID"),("rania al-khatib-haddad","NAME"),("6/7/21","DATE"),
 ("eliyahu rosenzweig","NAME"),("miriam","NAME"),("kal","NAME")],
["LVEF","basal inferolateral","LGE","old MI","T2","LCx"])

S("y078", """\
ST VINCENT'S HOSPITAL SYDNEY | 412 VICTORIA ST DARLINGHURST NSW 2010
PATIENT: SOMCHAI PHROMPHAN   MRN: SVH00339122   DOB: 14/07/1930 (93Y)
ACCESSION: SV-CMR-24-00871   STUDY: 08/04/2024
REQUESTING: DR ROSARIO MACAPAGAL-ESTRADA
CMR: LVEF 45%. Diffuse subendocardial LGE, ECV 60%, T1 1210 ms: ATTR-CM (wild-type) favoured. Mild AS (low gradient).
REPORTER: DR BENJAMIN CHO-KLEIN""",
[("ST VINCENT'S HOSPITAL SYDNEY","HOSPITAL"),("412 VICTORIA ST","ADDRESS"),("DARLINGHURST","CITY"),("NSW","STATE"),
 ("2010","ZIP"),("SOMCHAI PHROMPHAN","NAME"),("SVH00339122","ID"),("14/07/1930","DATE"),("93","AGE"),
 ("SV-CMR-24-00871","ID"),("08/04/2024","DATE"),("ROSARIO MACAPAGAL-ESTRADA","NAME"),("BENJAMIN CHO-KLEIN","NAME")],
["LVEF","LGE","ECV","T1 1210 ms","ATTR-CM","AS"],
H("PHROMPHAN^SOMCHAI","SVH00339122","SV-CMR-24-00871","19300714","20240408","ST VINCENTS HOSPITAL SYDNEY","MACAPAGAL-ESTRADA^ROSARIO"))

S("y079", """\
[12/08/23, 9:41 PM] Dr Aswathy Pillai: Sir, CMR of Mr. Thomas Kuruvilla (Amrita ID 22-771043) shows apical HCM with apical aneurysm and LGE ~15%.
[12/08/23, 9:44 PM] Jacob Varghese Sir: Ok. Add him to Monday ICD list. Tell Anoop to call his son Binu.
[12/08/23, 9:45 PM] Dr Aswathy Pillai: Noted sir. His ph is 98470 12345.""",
[("12/08/23, 9:41 PM","DATE"),("Aswathy Pillai","NAME"),("Thomas Kuruvilla","NAME"),("Amrita","HOSPITAL"),
 ("22-771043","ID"),("12/08/23, 9:44 PM","DATE"),("Jacob Varghese","NAME"),("Anoop","NAME"),("Binu","NAME"),
 ("12/08/23, 9:45 PM","DATE"),("Aswathy Pillai","NAME"),("98470 12345","PHONE")],
["apical HCM","apical aneurysm","LGE","ICD"])

S("y080", """\
Pacing/CMR liaison note 17 May 2023
Patient: Gloria Chambers (NHS 738 201 4456). Has MR-conditional pacing system (Medtronic Azure + CapSureFix 5076 leads). All four chambers normal size on CMR; LVEF 59%; no LGE.
Device checked pre/post by Jordan Pace, cardiac physiologist - pace mode DOO 85 during scan, reverted to DDDR.
Reported by Dr Hope Strong-Ayodele. Ms Chambers to be informed by Dr Gray.""",
[("17 May 2023","DATE"),("Gloria Chambers","NAME"),("738 201 4456","ID"),("Jordan Pace","NAME"),
 ("Hope Strong-Ayodele","NAME"),("Chambers","NAME"),("Gray","NAME")],
["MR-conditional","chambers normal size","LVEF","LGE","DOO 85","DDDR"])

S("y081", """\
FAX COVER SHEET
To: Dr. Oksana Hrytsenko-Bell      Fax: (617) 555-0148
From: Cardiac MRI, Beth Israel Deaconess Medical Center    Ph: (617) 555-0100
Date: O9/27/2O23   Pages: 4 (incl. cover)
RE: Pt Bogdan Kravchuk, DOB 1O/O2/1961, MRN O0772914
Message: Enclosed CMR showing LV thrombus (1.8 cm) in apical aneurysm post anterior MINF. Start apixaban? Per Dr. Iqbal Chaudhry, warfarin preferred.
CONFIDENTIAL — if received in error call Tomasz at x4-2201.""",
[("Oksana Hrytsenko-Bell","NAME"),("(617) 555-0148","FAX"),("Beth Israel Deaconess Medical Center","HOSPITAL"),
 ("(617) 555-0100","PHONE"),("O9/27/2O23","DATE"),("Bogdan Kravchuk","NAME"),("1O/O2/1961","DATE"),("O0772914","ID"),
 ("Iqbal Chaudhry","NAME"),("Tomasz","NAME"),("x4-2201","PHONE")],
["LV thrombus","apical aneurysm","MINF","apixaban","warfarin"])

S("y082", """\
KTPH CARDIOLOGY - CMR RESULT NOTIFICATION
PATIENT: MOHAMED IQBAL BIN ABDUL GHANI  NRIC: S6612345A
REQUESTOR: DR NG SIEW LING / DR HARUN BIN ISMAIL
SCAN: 22/11/2023 @ KHOO TECK PUAT HOSPITAL, 90 YISHUN CENTRAL, SINGAPORE 768844
RESULT: Large anterior MINF, transmural LGE, MVO. LVEF 31%. LV thrombus NOT seen on early gad.
ACTION: Inform Encik Iqbal & wife (Puan Rohani) at clinic 6555 3127.""",
[("KTPH","HOSPITAL"),("MOHAMED IQBAL BIN ABDUL GHANI","NAME"),("S6612345A","ID"),("NG SIEW LING","NAME"),
 ("HARUN BIN ISMAIL","NAME"),("22/11/2023","DATE"),("KHOO TECK PUAT HOSPITAL","HOSPITAL"),("90 YISHUN CENTRAL","ADDRESS"),
 ("SINGAPORE","CITY"),("768844","ZIP"),("Iqbal","NAME"),("Rohani","NAME"),("6555 3127","PHONE")],
["MINF","transmural LGE","MVO","LVEF","LV thrombus","early gad"],
H("MOHAMED IQBAL BIN ABDUL GHANI","S6612345A",None,None,"20231122","KHOO TECK PUAT HOSPITAL","NG^SIEW LING"))

S("y083", """\
NATIONAL HOSPITAL ABUJA
Plot 132 Central District (Phase II), Garki, Abuja, FCT
Our ref: NHA/CARD/CMR/0412                      18/10/2023
The Medical Director,
Nnamdi Azikiwe University Teaching Hospital, Nnewi
Attn: Dr Chinonso Obiora-Nwosu
RE: MISS ADANNA CHIDINMA EZEUGWU, 19 YRS
Miss Ezeugwu's CMR demonstrated an Ebstein anomaly with apical displacement of the septal TV leaflet 32 mm (18 mm/m2), severe TR, atrialised RV, and a secundum ASD. RVEF 40%.
Kindly see her in your clinic. Dr. Halima Sa'adu Abubakar, Consultant Cardiologist.""",
[("NATIONAL HOSPITAL ABUJA","HOSPITAL"),("Plot 132 Central District (Phase II), Garki","ADDRESS"),("Abuja","CITY"),
 ("FCT","STATE"),("NHA/CARD/CMR/0412","ID"),("18/10/2023","DATE"),("Nnamdi Azikiwe University Teaching Hospital","HOSPITAL"),
 ("Nnewi","CITY"),("Chinonso Obiora-Nwosu","NAME"),("ADANNA CHIDINMA EZEUGWU","NAME"),("Ezeugwu","NAME"),
 ("Halima Sa'adu Abubakar","NAME")],
["19 YRS","Ebstein anomaly","TR","atrialised RV","secundum ASD","RVEF"])

S("y084", """\
From: rose.hill@nhs.net
To: amber.wall-hart@nhs.net
Date: 30/01/2024 16:55
Subject: CMR - Mr Grace

Amber - Mr Grace (Kenneth Grace, 88, K-number K7781002) had his CMR today. There is a large pericardial effusion (2.4 cm) with RV diastolic collapse - please ask the on-call reg to review urgently. Also incidental hiatus hernia.
Rose
Rose Hill, Senior Cardiac Radiographer, Royal Bournemouth Hospital""",
[("rose.hill@nhs.net","EMAIL"),("amber.wall-hart@nhs.net","EMAIL"),("30/01/2024 16:55","DATE"),("Grace","NAME"),
 ("Amber","NAME"),("Grace","NAME"),("Kenneth Grace","NAME"),("K7781002","ID"),("Rose","NAME"),("Rose Hill","NAME"),
 ("Royal Bournemouth Hospital","HOSPITAL")],
["88","large pericardial effusion","RV diastolic collapse","hiatus hernia"])

S("y085", """\
PAT1ENT: D'ANGELO-O'NEILL, MARY-KATE   MRN: 55O2198
REF: Dr. Jean-Baptiste N'Diaye   RAD: Dr. Zoë D'Souza
Exam: CMR w/wo contrast 3T (Siemens Prisma) 04/O3/2022
1mpression: Hypertrabeculation of LV apex (NC/C 2.4) but normal LVEF (60%) and no LGE; does not meet LVNC criteria in isolation.
Pt's mother (Bernadette O'Neill) present; questions answered.""",
[("D'ANGELO-O'NEILL, MARY-KATE","NAME"),("55O2198","ID"),("Jean-Baptiste N'Diaye","NAME"),("Zoë D'Souza","NAME"),
 ("04/O3/2022","DATE"),("Bernadette O'Neill","NAME")],
["3T","Siemens Prisma","NC/C 2.4","LVEF","LGE","LVNC"],
H("D'ANGELO-O'NEILL^MARY-KATE","5502198",None,None,"20220403",None,"N'DIAYE^JEAN-BAPTISTE"))

S("y086", """\
SASKATOON CITY HOSPITAL - MRI
REFERRAL FROM: DR. KATHARINA FRIESEN-THIESSEN, ROSTHERN CLINIC
PATIENT: PENNER, ABRAM JOHANN   HSN: 845 221 669   DOB: 1941-05-09
HX: 82 yo, Fabry disease (GLA p.N215S), on migalastat.
CMR: LVH 16 mm, low native T1 (870 ms), inferolateral LGE. LVEF 70%.
TECH: W. DYCK   RAD: DR G. KLASSEN""",
[("SASKATOON CITY HOSPITAL","HOSPITAL"),("KATHARINA FRIESEN-THIESSEN","NAME"),("ROSTHERN CLINIC","HOSPITAL"),
 ("PENNER, ABRAM JOHANN","NAME"),("845 221 669","ID"),("1941-05-09","DATE"),("W. DYCK","NAME"),("G. KLASSEN","NAME")],
["82 yo","Fabry disease","migalastat","LVH 16 mm","870 ms","LGE"],
H("PENNER^ABRAM^JOHANN","845221669",None,"19410509",None,"SASKATOON CITY HOSPITAL","FRIESEN-THIESSEN^KATHARINA","DYCK^W"))

S("y087", """\
van: marelize.duplessis@mediclinic.co.za
aan/to: dr le roux; hennie janse van rensburg
datum: 2023-06-21 07:30
re: cmr mnr kobus du toit

hennie, kobus du toit se cmr (mediclinic panorama, 1.5T): severe AR, RF 48%, LVESVi 52 ml/m2. LVEF 53%. for AVR/Ross. dr le roux wil hom sien op die 28ste.
groete, marelize (radiografis)""",
[("marelize.duplessis@mediclinic.co.za","EMAIL"),("le roux","NAME"),("hennie janse van rensburg","NAME"),
 ("2023-06-21 07:30","DATE"),("kobus du toit","NAME"),("hennie","NAME"),("kobus du toit","NAME"),
 ("mediclinic panorama","HOSPITAL"),("le roux","NAME"),("28ste","DATE"),("marelize","NAME")],
["1.5T","AR","RF 48%","LVEF","AVR","Ross"])

S("y088", """\
K.E.M. HOSP1TAL, PAREL, MUMBA1 - 400 012
CARDIAC MR1 REP0RT
Name : Shri Vitthal Dattatray Kulkarni    Age : 59 Yrs   IPD No : KEM/2023/55418
Ref : Dr. (Mrs.) Sunanda Deshpande-Gokhale
Date : 2 1 /0 6/2023
Findings: Restrictive physiology, biatrial enlargement, diffuse LGE with ECV 52% - cardiac amyloidosis. Pericardial effusion small.
Reporting Radiologist: Dr. Prashant Wagh mare""",
[("K.E.M. HOSP1TAL","HOSPITAL"),("PAREL","ADDRESS"),("MUMBA1","CITY"),("400 012","ZIP"),
 ("Vitthal Dattatray Kulkarni","NAME"),("KEM/2023/55418","ID"),("Sunanda Deshpande-Gokhale","NAME"),
 ("2 1 /0 6/2023","DATE"),("Prashant Wagh mare","NAME")],
["59 Yrs","Restrictive physiology","biatrial enlargement","LGE","ECV","cardiac amyloidosis"],
H("KULKARNI^VITTHAL^DATTATRAY","KEM/2023/55418",None,None,"20230621","KEM HOSPITAL MUMBAI","DESHPANDE-GOKHALE^SUNANDA","WAGHMARE^PRASHANT"))

S("y089", """\
{"exam_id": "MRC-778812", "patient": "WHITEHORSE, LENA R", "dob": "1955-03-14", "comments": "per pt she was previously followed by dr. tsosie at Gallup Indian Medical Center; ECV 33%, LVEF 45%, mid-wall LGE septum. ?sarcoid. pt's niece (Shandiin) drives her; call 505-555-0166."}""",
[("MRC-778812","ID"),("WHITEHORSE, LENA R","NAME"),("1955-03-14","DATE"),("tsosie","NAME"),
 ("Gallup Indian Medical Center","HOSPITAL"),("Shandiin","NAME"),("505-555-0166","PHONE")],
["ECV","LVEF","mid-wall LGE","sarcoid"])

S("y090", """\
CMR VETTING - Frimley Park Hospital - 08/08/2023
Pt: GURUNG, BIR BAHADUR (ex-Gurkha), Hosp No FPH0921187, DOB 1933-01-01 (DOB approximate per record; age 90)
Referred: Dr Pemba Sherpa (GP, Aldershot)
Indication: heart failure, ?ischaemic vs amyloid. eGFR 31 - gadolinium OK (Gadovist single dose).
Protocol: cines, T1 map pre/post, LGE PSIR. Vetted: Rai (radiographer), approved by Dr Maya Thapa-Magar.""",
[("Frimley Park Hospital","HOSPITAL"),("08/08/2023","DATE"),("GURUNG, BIR BAHADUR","NAME"),("FPH0921187","ID"),
 ("1933-01-01","DATE"),("90","AGE"),("Pemba Sherpa","NAME"),("Aldershot","CITY"),("Rai","NAME"),("Maya Thapa-Magar","NAME")],
["heart failure","amyloid","eGFR 31","Gadovist","T1 map","LGE PSIR"],
H("GURUNG^BIR BAHADUR","FPH0921187",None,"19330101","20230808","FRIMLEY PARK HOSPITAL","SHERPA^PEMBA"))

S("y091", """\
Cork CMR list Thur 16/11/23 - notes by ljoyce
08:00 Ms Tóibín - cancelled (pregnant, 12/40).
09:00 Fitzgerald-Ogundipe, Tomás - post-Ross procedure follow-up, neo-AR mild, homograft PR moderate.
10:30 Mr "Sonny" Ó Murchú - HCM, septal myectomy 2019; LGE 9%.
Dr Kiely's list; Kiely unavailable after 12 - Ní Dhonnchadha covering. Radiographer: Sinéad.""",
[("Cork","CITY"),("Thur 16/11/23","DATE"),("ljoyce","NAME"),("Tóibín","NAME"),("Fitzgerald-Ogundipe, Tomás","NAME"),
 ("Sonny","NAME"),("Ó Murchú","NAME"),("Kiely","NAME"),("Kiely","NAME"),("Ní Dhonnchadha","NAME"),("Sinéad","NAME")],
["12/40","Ross procedure","neo-AR","PR","HCM","septal myectomy"])

S("y092", """\
ICU sign-out 6/30/2024
Bed 7 - Mr. Earl Strong, 90 y/o. Severe AS, low-flow; CMR (6/28/2024) showed LVEF 35% with ECV 40% - dual pathology (AS + ATTR) likely. Heart team (Drs. Heart & Oyelowo) reviewing Mon for TAVR. Strong family support - wife Loretta Strong at bedside.
Pager Dr. Heart #4417 overnight.""",
[("6/30/2024","DATE"),("Earl Strong","NAME"),("90","AGE"),("6/28/2024","DATE"),("Heart","NAME",1),("Oyelowo","NAME"),
 ("Loretta Strong","NAME"),("Heart","NAME",2),("4417","PHONE")],
["AS","LVEF","ECV","ATTR","Heart team","Strong family support"])

S("y093", """\
REDCap export - CMR registry (site: Monash Heart, Clayton)
record_id=MH-0917 | initials=TSK | dob=05/05/1977 | cmr_date=02/02/2023 | notes="Thurairajah Sivakumar Kandiah referred by A/Prof Vasiliki Stavrou; LVEF 54%, basal inferolateral LGE, ECV 30%. sister (Kalaivani) has DSP variant. follow-up 12 months."
record_id=MH-0918 | initials=EPO | dob=17/10/1969 | cmr_date=03/02/2023 | notes="normal study"
entered_by=dstavrou2""",
[("Monash Heart","HOSPITAL"),("Clayton","CITY"),("MH-0917","ID"),("TSK","NAME"),("05/05/1977","DATE"),
 ("02/02/2023","DATE"),("Thurairajah Sivakumar Kandiah","NAME"),("Vasiliki Stavrou","NAME"),("Kalaivani","NAME"),
 ("MH-0918","ID"),("EPO","NAME"),("17/10/1969","DATE"),("03/02/2023","DATE"),("dstavrou2","NAME")],
["LVEF","basal inferolateral","LGE","ECV","DSP variant","12 months"])

S("y094", """\
ADDENDUM 1 - Wed 4 Oct 2023 15:30
Following discussion with Dr Precious Love-Baptiste (referrer) and Mr Sharp (cardiac surgeon): the "mass" on the lateral wall of the LA is the LA appendage ridge (Coumadin ridge) - no tumour. Sharp contrast border on first-pass perfusion confirms normal tissue.
Original report by Dr Winston Ferdinand-Charles unchanged otherwise (moderate MR, LVEF 58%).
Addendum: DAL / Dr Delroy A. Lindo-Gayle""",
[("Wed 4 Oct 2023 15:30","DATE"),("Precious Love-Baptiste","NAME"),("Sharp","NAME"),("Winston Ferdinand-Charles","NAME"),
 ("DAL","NAME"),("Delroy A. Lindo-Gayle","NAME")],
["LA appendage ridge","Coumadin ridge","Sharp contrast border","first-pass perfusion","MR","LVEF"])

S("y095", """\
CARDIOLOGY E-CONSULT 01/05/2024
Q from DR. KIM MIN-JUN (FAMILY MED): pt PARK SEO-YEON, 47F, CMR at Northwestern Memorial 12/20/2023 read as "mild LGE RV insertion points, nonspecific". Is this concerning?
A: RV insertion point LGE is common and nonspecific (often seen with pulmonary HTN). LVEF 60%, normal T1/T2. No further work-up. — Answered by Dr. Jae-hyun Lim-Kwon, MD""",
[("01/05/2024","DATE"),("KIM MIN-JUN","NAME"),("PARK SEO-YEON","NAME"),("Northwestern Memorial","HOSPITAL"),
 ("12/20/2023","DATE"),("Jae-hyun Lim-Kwon","NAME")],
["47F","RV insertion point LGE","pulmonary HTN","LVEF","T1/T2"])

S("y096", """\
from: suwannee.k@nhcs.example.sg
to: widodo; cmr-admin
date: 3/4/2024 8:50am

widodo, pls book pak sutrisno (single name, passport B1234567) for CMR next week - indonesian pt, self-pay. hx: constrictive pericarditis? need tagging + real-time free-breathing cine for septal bounce, and T2/LGE for pericardial inflammation. his daughter sri wahyuni will translate.
- suwannee""",
[("suwannee.k@nhcs.example.sg","EMAIL"),("widodo","NAME"),("3/4/2024 8:50am","DATE"),("widodo","NAME"),
 ("sutrisno","NAME"),("B1234567","ID"),("sri wahyuni","NAME"),("suwannee","NAME")],
["constrictive pericarditis","tagging","real-time free-breathing cine","septal bounce","T2/LGE"])

S("y097", """\
AMINU KANO TEACHING HOSPITAL, KANO
DEPARTMENT OF MEDICINE
DATE: 5TH FEBRUARY, 2024
REF: AKTH/MED/CARD/1109
TO: DR. ZAINAB ABDULLAHI DANTATA
THE PATIENT, MALAM SHEHU MUHAMMAD KABIRU (HOSP NO AKTH 440921), AGED 92, HAD CMR AT LAGOS (PRIVATE CENTRE). FINDINGS: SEVERE AS WITH CALCIFIED VALVE, LVEF 40%, NO LGE. HE IS NOT FIT FOR SAVR; TAVI NOT AVAILABLE LOCALLY.
DR. USMAN BELLO GARBA
FOR: HEAD OF DEPARTMENT""",
[("AMINU KANO TEACHING HOSPITAL","HOSPITAL"),("KANO","CITY"),("5TH FEBRUARY, 2024","DATE"),("AKTH/MED/CARD/1109","ID"),
 ("ZAINAB ABDULLAHI DANTATA","NAME"),("SHEHU MUHAMMAD KABIRU","NAME"),("AKTH 440921","ID"),("92","AGE"),
 ("LAGOS","CITY"),("USMAN BELLO GARBA","NAME")],
["AS","LVEF","LGE","SAVR","TAVI"],
H("KABIRU^SHEHU^MUHAMMAD","AKTH440921",None,None,None,"AMINU KANO TEACHING HOSPITAL","DANTATA^ZAINAB^ABDULLAHI"))

S("y098", """\
...continued from page 1
The CMR (Dr. Ade-
bayo Whitlock-Brown reporting) demonstrated a mildly dilated RV with RVEF 46% and moderate PR following previous tetralogy repair. QRS 168 ms.
Plan: discuss PVR at ACHD MDT.
Yours sincere1y,
Dr R. J. M a c k e n z i e
cc: Mrs P. Oyinlola-Shaw (patient), 41 Gr ove Road, Ea stleigh SO50 9QP""",
[("Ade-\nbayo Whitlock-Brown","NAME"),("R. J. M a c k e n z i e","NAME"),("P. Oyinlola-Shaw","NAME"),
 ("41 Gr ove Road","ADDRESS"),("Ea stleigh","CITY"),("SO50 9QP","ZIP")],
["RVEF","PR","tetralogy","QRS 168 ms","PVR","ACHD MDT"])

S("y099", """\
STUDY DESCRIPTION: MR CARDIAC MORPH/FUNC W/WO
INSTITUTION: CLEVELAND CLINIC FOUNDATION
PATIENT: WOJCIECHOWSKI-BRZĘCZYSZCZYKIEWICZ, GRZEGORZ   ID: CCF09921773
ACC: A2024-113390   DATE: 2024-01-12   OPERATOR: JSZABO
IMPRESSION: 1. Moderate AS. 2. Ascending aorta 4.6 cm. 3. No LGE. 4. LVEF 62%.
Attending: Dr. Ewa Mazur-Sobieska. Fellow: Dr. Tadeusz Wrona""",
[("CLEVELAND CLINIC FOUNDATION","HOSPITAL"),("WOJCIECHOWSKI-BRZĘCZYSZCZYKIEWICZ, GRZEGORZ","NAME"),("CCF09921773","ID"),
 ("A2024-113390","ID"),("2024-01-12","DATE"),("JSZABO","NAME"),("Ewa Mazur-Sobieska","NAME"),("Tadeusz Wrona","NAME")],
["AS","Ascending aorta 4.6 cm","LGE","LVEF"],
H("WOJCIECHOWSKI-BRZECZYSZCZYKIEWICZ^GRZEGORZ","CCF09921773","A2024-113390",None,"20240112","CLEVELAND CLINIC FOUNDATION","MAZUR-SOBIESKA^EWA","SZABO^J"))

S("y100", """\
clinic comment (logan hosp cardiology) 27.03.24: seen ana taufa'ao with her aunty mele. CMR: RHD with severe MR (RF 55%) and mild MS; LVEF 65%; LVESD 42 mm. for MV repair at prince charles - referral to dr vakaloloma. bicillin continued. next review 6/52. contact: 0432 991 207. -- ilisapeci (cardiac nurse), ituilagi-ali""",
[("logan hosp","HOSPITAL"),("27.03.24","DATE"),("ana taufa'ao","NAME"),("mele","NAME"),("prince charles","HOSPITAL"),
 ("vakaloloma","NAME"),("0432 991 207","PHONE"),("ilisapeci","NAME"),("ituilagi-ali","NAME")],
["RHD","MR","MS","LVEF","bicillin","6/52"])


# ---------------------------------------------------------------- appended sign-off / cc / routing lines
# Each entry appends a line to the snippet text; all listed strings are NAME spans.
EXTRA = {
"y001": ("\ncc: rmcallister2; Dr Tjapaltjarri-Moss; Zhanar (booking)", ["rmcallister2","Tjapaltjarri-Moss","Zhanar"]),
"y002": ("\nTyped by: Máire Ní Fhlannagáin / checked by aoconnell", ["Máire Ní Fhlannagáin","aoconnell"]),
"y003": ("\nApologies: Dr Bininda-Graham, Djarrumi (AHW), mwright3", ["Bininda-Graham","Djarrumi","mwright3"]),
"y004": ("\ncc: Yolanda Etxeberria-Vance, RN; dr. okonjo; HIM (tbriggs)", ["Yolanda Etxeberria-Vance","okonjo","tbriggs"]),
"y005": ("\n(kf = kirsty fairbairn-osei; cover: Dagny, Wojtek)", ["kf","kirsty fairbairn-osei","Dagny","Wojtek"]),
"y006": ("\nFYI Jun Hao, Kavitha d/o Selvam, cmtan7", ["Jun Hao","Kavitha d/o Selvam","cmtan7"]),
"y007": ("\nTyped by: Mrs Olufunke Adegbite-Ilori (sec.) / Checked: O.A.B.", ["Olufunke Adegbite-Ilori","O.A.B."]),
"y008": ("\nsigned out by tran-okafor to mcgrath; attending: dr. szymanski", ["tran-okafor","mcgrath","szymanski"]),
"y009": ("|cc: dr. rathinavelu; anjali m (RA)|entered: vkrishnan", ["rathinavelu","anjali m","vkrishnan"]),
"y010": ("\ncc: Dr Ncediwe Sokhela; Prof A. J. Coetzee; Marthinus (physio)", ["Ncediwe Sokhela","A. J. Coetzee","Marthinus"]),
"y011": ("\nCopie: Dr Nakuset Wapachee (Chisasibi); Dre Anne-Sophie Lachapelle-Roy; tech: mgiguere", ["Nakuset Wapachee","Anne-Sophie Lachapelle-Roy","mgiguere"]),
"y012": ("\nSeen also by Aleksandra Wiśniewska (physicist) and T. O'Riordan-Bassey; typed jbh", ["Aleksandra Wiśniewska","T. O'Riordan-Bassey","jbh"]),
"y013": ("\ncc: Dr. Ásgeir Jónsson; Sigrún Björk (ritari)", ["Ásgeir Jónsson","Sigrún Björk"]),
"y014": ("\nDictated by MFN, typed by Gyöngyi Horváth-Pike (sec.), ref ecs", ["MFN","Gyöngyi Horváth-Pike","ecs"]),
"y015": ("\nPerfusion analysis: Losa Vainikolo (radiographer); QA: Dr Tevita Havili-Fonua, ptaufa", ["Losa Vainikolo","Tevita Havili-Fonua","ptaufa"]),
"y016": ("\ncc: Dr. Meseret Bekele-Hagos; RN Haben (unit 5B); sw: tgebru", ["Meseret Bekele-Hagos","Haben","tgebru"]),
"y017": ("\nActions: Warsame to write to GP; Ayaan Dirie (coordinator) to book; minutes hmohamud", ["Warsame","Ayaan Dirie","hmohamud"]),
"y018": ("\nlogged by: aisha yar'adua-suleiman / countersigned: IBG", ["aisha yar'adua-suleiman","IBG"]),
"y019": ("\ncc: Dr Thilini Senanayake-Bandara; Mr Lasantha (son)", ["Thilini Senanayake-Bandara","Lasantha"]),
"y020": ("\nVERIFIED BY: DR. SUPRIYO GANGOPADHYAY / TECH: MOUMITA DEY", ["SUPRIYO GANGOPADHYAY","MOUMITA DEY"]),
"y021": ("\ncc: Dr. Navjot Brar-Sidhu (family MD); Simran K. (ECG tech)", ["Navjot Brar-Sidhu","Simran K."]),
"y022": ("\nhandover given by farhana to kelvin ng; night SN: shanti", ["farhana","kelvin ng","shanti"]),
"y023": ("\nCoordinator: Kanokwan (Kwan) Thepsiri; scheduled by arattana", ["Kanokwan","Kwan","Thepsiri","arattana"]),
"y024": ("\nVetting: Dr Ketut Wirawan-Hayes; physics: Zbigniew; admin backup: lngoc", ["Ketut Wirawan-Hayes","Zbigniew","lngoc"]),
"y025": ("\n> Rebelo wrote: Happy to - will ask Bethan Ap-Rhys and Ikechukwu to double-contour.", ["Rebelo","Bethan Ap-Rhys","Ikechukwu"]),
"y026": ("\nTyped: JvdH/ck; cc Dr Bram Oosterhuis-Mensah", ["JvdH","ck","Bram Oosterhuis-Mensah"]),
"y027": ("\ncc: ALEJANDRO IBÁÑEZ GOICOECHEA; Dr. Xochitl Huerta-Ramírez; transcription: ygarza", ["ALEJANDRO IBÁÑEZ GOICOECHEA","Xochitl Huerta-Ramírez","ygarza"]),
"y028": ("\ncc: Dr Rakhimova; Mr Bakhtiyar Nurmagambetov (nephew, NOK); typist: sokafor", ["Rakhimova","Bakhtiyar Nurmagambetov","sokafor"]),
"y029": ("\nSecond read: Dr Oisín Ó Laoghaire; physicist: Wiktoria Lewandowska", ["Oisín Ó Laoghaire","Wiktoria Lewandowska"]),
"y030": ("\n--\nRE: fine by me. ion (Ionuț Constantinescu), superintendent. cc Vasile", ["ion","Ionuț Constantinescu","Vasile"]),
"y031": ("\nCOORDINATOR: YASMIN EL-TAHER / CC: DR SALMAN AL-QAHTANI, MKHALIL", ["YASMIN EL-TAHER","SALMAN AL-QAHTANI","MKHALIL"]),
"y032": ("\nTyped by: Voula; checked by Dr E.K.", ["Voula","E.K."]),
"y033": ("\nQA reviewed by Siti Khadijah bte Mohd Noor; escalated to Prof Teo Eng Kiat (ntehk)", ["Siti Khadijah bte Mohd Noor","Teo Eng Kiat","ntehk"]),
"y034": ("\ncc: Dr. Hoang Bao Ngoc (PCP); Mrs. Tran (daughter-in-law's mother); interpreter Lien", ["Hoang Bao Ngoc","Tran","Lien"]),
"y035": ("\nAlso: Wilhelmina (Billie) Okonkwo-Bird is the SpR for Sunday; ask abird7 for bleep.", ["Wilhelmina","Billie","Okonkwo-Bird","abird7"]),
"y036": ("\ncc: Dr Olumide Fashola-Ige; Mr Kehinde Adeyemi-Bankole (son)", ["Olumide Fashola-Ige","Kehinde Adeyemi-Bankole"]),
"y037": ("\nTyped by: Kiri (admin); cc Dr Rawiri Paewai-Hōhaia", ["Kiri","Rawiri Paewai-Hōhaia"]),
"y038": ("\n-- forwarded by Marisol Aké-Thompson; cc Dr. Okwudili Nnaji; tlockhart", ["Marisol Aké-Thompson","Okwudili Nnaji","tlockhart"]),
"y039": ("\ncc: Dr Ruairí Mac Cárthaigh (GP, Bandon); Mrs Nóra O'Callaghan", ["Ruairí Mac Cárthaigh","Bandon","Nóra O'Callaghan"]),
"y040": ("\n# exported by pwhitehat2 for Dr Begaye-Yazzie; QC: Rosalind Tso", ["pwhitehat2","Begaye-Yazzie","Rosalind Tso"]),
"y041": ("\ncc: Mr Bishop; Dr Priyanka Venkataraman-Holt; typed: lcd/jws", ["Bishop","Priyanka Venkataraman-Holt","lcd","jws"]),
"y042": ("\nCopied to: Dr. Jebakumar; Sr. Mercy Selvaraj; PG Dr. Vignesh R.", ["Jebakumar","Mercy Selvaraj","Vignesh R."]),
"y043": ("\ncc: Dr. Tanis Ahenakew; Wapun (patient navigator); ldesjarlais", ["Tanis Ahenakew","Wapun","ldesjarlais"]),
"y044": ("\nCC: OKONKWO-REILLY, BRIGID A, NP; SZCZEPAŃSKI, KAROL, MD", ["OKONKWO-REILLY, BRIGID A","SZCZEPAŃSKI, KAROL"]),
"y045": ("\nApologies: Iyer-Whitlock, Dr Fionnuala Deasy; ptaylor7 to circulate", ["Iyer-Whitlock","Fionnuala Deasy","ptaylor7"]),
"y046": ("\ncc: Sr Lerato Mahlaba (HF nurse); Dr Hendrik (Hennie) Swanepoel", ["Lerato Mahlaba","Hendrik","Hennie","Swanepoel"]),
"y047": ("\ncc: Dr. Kealoha Pelekai-Nakamura; Oluwaseun (CMR fellow)", ["Kealoha Pelekai-Nakamura","Oluwaseun"]),
"y048": ("\n> Bird wrote: no worries, Yindi Marika-Lowe is on with me.", ["Bird","Yindi Marika-Lowe"]),
"y049": ("\nTECH: KINJAL TRIVEDI / RECHECKED: DR. PARTH SHUKLA-ZAVERI", ["KINJAL TRIVEDI","PARTH SHUKLA-ZAVERI"]),
"y050": ("\n(JKW = Jonathan K. Whitley; A.B. = Anjali Bhattacharjee-Lowe)", ["JKW","Jonathan K. Whitley","A.B.","Anjali Bhattacharjee-Lowe"]),
"y051": ("\ncc: Dr. Angela Heart; Tyrone Whitebird (NP); scribe: kmcintyre", ["Angela Heart","Tyrone Whitebird","kmcintyre"]),
"y052": ("\nTECH: CAOIMHE NÍ LAOIRE / TYPED: sfitzgibbon", ["CAOIMHE NÍ LAOIRE","sfitzgibbon"]),
"y053": ("\n---\nok, will tell akinwande. chidi (adaobi's husband) says hi. - a.o.e", ["akinwande","chidi","adaobi","a.o.e"]),
"y054": ("\ncc: Dr Muthukumaran; A/Prof Yeo Khung Keong; MSW Nurul Huda", ["Muthukumaran","Yeo Khung Keong","Nurul Huda"]),
"y055": ("\ncc: Dr Tendai Mahlangu-Whitworth (sister, with consent); HF nurse Gwyneth", ["Tendai Mahlangu-Whitworth","Gwyneth"]),
"y056": ("\nProcessed by: dgutierrez3; verified by Marguerite LaFleur-Obi", ["dgutierrez3","Marguerite LaFleur-Obi"]),
"y057": ("\ncc: Dr Radostina Petkova-Hale (GP); Mrs Yordanka Georgieva", ["Radostina Petkova-Hale","Yordanka Georgieva"]),
"y058": ("\n- overnight: rivera-ocampo (pgy1), attending dr. aguilar-nakamura", ["rivera-ocampo","aguilar-nakamura"]),
"y059": ("\nNTE|1||cc Dr Duong Thi Lan^^Dr Hamish McCorquodale", ["Duong Thi Lan","Hamish McCorquodale"]),
"y060": ("\nActions: Whitcombe to update database; Pugh-Evans letter via Dr Ceri Llwyd", ["Whitcombe","Pugh-Evans","Ceri Llwyd"]),
"y061": ("\ncc: Dr. Kou Yang; Chue (Hmong health worker); tlor2", ["Kou Yang","Chue","tlor2"]),
"y062": ("\ncc: Dr Mercado; Rhodora Santiago-Lim (HF clinic); jdelapaz", ["Mercado","Rhodora Santiago-Lim","jdelapaz"]),
"y063": ("\nAlso reviewed by Dr Chidinma Ugwu-Pearce (reg). Sister Mulqueen's team to chase echo.", ["Chidinma Ugwu-Pearce","Mulqueen"]),
"y064": ("\nTyped by: Harpreet / Checked by: R.K.B.", ["Harpreet","R.K.B."]),
"y065": ("\n> cc: Dr. Sato; Jolene Twofeathers (scheduling)", ["Sato","Jolene Twofeathers"]),
"y066": ("\nhandover received by: Dr Fiachra Ó hUiginn; SHO: Ngozi Ekwueme-Ryan", ["Fiachra Ó hUiginn","Ngozi Ekwueme-Ryan"]),
"y067": ("\ncc: Dr. Gulnoza Karimova (PCP); scribe: Bekzod T.; nursing: Aigul", ["Gulnoza Karimova","Bekzod T.","Aigul"]),
"y068": ("\nMinutes: Nurse Precious; signed: Dr G. Etim / Dr B. Okeke", ["Precious","G. Etim","B. Okeke"]),
"y069": ("\ncc: Dr Yogeshni Moodley; Sr Nokuthula Zungu; typist: reshmi", ["Yogeshni Moodley","Nokuthula Zungu","reshmi"]),
"y070": ("\n[passed to dr harrow-wainwright's sec lisa mccaffrey, who will ring back]", ["harrow-wainwright","lisa mccaffrey"]),
"y071": ("\nRoute: Boateng; Oyelaran-Stein; Little (chaplaincy) -- sent by gmorrison", ["Boateng","Oyelaran-Stein","Little","gmorrison"]),
"y072": ("\ncc: Dr Yalmay Gurruwiwi; Sister Kumalie Napurrula (RHD register)", ["Yalmay Gurruwiwi","Kumalie Napurrula"]),
"y073": ("\ncc: Dr. Saila Qaunaq; Elisapee (travel clerk); nkilabuk", ["Saila Qaunaq","Elisapee","nkilabuk"]),
"y074": ("\nTeipiwyd gan / Typed by: Nia Prydderch; cc Dr Rhodri ap Gwilym", ["Nia Prydderch","Rhodri ap Gwilym"]),
"y075": ("\nreceived by: hiwot g. (night RN) & dr. tewolde", ["hiwot g.","tewolde"]),
"y076": ("\nAlso cc: Dr Chan Tai-man; Ms Leung (mother); vetting log: sfairwea", ["Chan Tai-man","Leung","sfairwea"]),
"y077": ("\nkal = kalman abramovitz-levi, NP. cc dr. rosenzweig", ["kal","kalman abramovitz-levi","rosenzweig"]),
"y078": ("\nTYPED: NGUYEN T (nthao4) / CC: DR ROSARIO MACAPAGAL-ESTRADA", ["NGUYEN T","nthao4","ROSARIO MACAPAGAL-ESTRADA"]),
"y079": ("\n[12/08/23, 9:52 PM] Anoop Mathew: Called Binu, sir. Informed.", ["12/08/23, 9:52 PM","Anoop Mathew","Binu"]),
"y080": ("\ncc: Jordan Pace; Dr Fenella Gray-Osei; device clinic (rpace2)", ["Jordan Pace","Fenella Gray-Osei","rpace2"]),
"y081": ("\nSent by: Tomasz Wiśniewski-Doyle, Medical Records", ["Tomasz Wiśniewski-Doyle"]),
"y082": ("\nCC: DR LIM; NURSE CLINICIAN FAIZAH; ref: ngsl2", ["LIM","FAIZAH","ngsl2"]),
"y083": ("\ncc: Prof. Ikechukwu Ezeugwu-Okafor; Mrs Ezeugwu (mother)", ["Ikechukwu Ezeugwu-Okafor","Ezeugwu"]),
"y084": ("\n> Amber wrote: Thanks Rose, Dr Oyebanji-Frost is on call, I'll bleep her.", ["Amber","Rose","Oyebanji-Frost"]),
"y085": ("\ncc: DR. JEAN-BAPTISTE N'DIAYE; scribe mkeough", ["JEAN-BAPTISTE N'DIAYE","mkeough"]),
"y086": ("\nCC: DR. KATHARINA FRIESEN-THIESSEN; HELENA REMPEL (GENETIC COUNSELLOR)", ["KATHARINA FRIESEN-THIESSEN","HELENA REMPEL"]),
"y087": ("\ncc: sr. annelie steenkamp; dr. s. le roux-ntuli", ["annelie steenkamp","s. le roux-ntuli"]),
"y088": ("\nTyped by: Smt. Vaishali Patwardhan / Checked: PWM", ["Vaishali Patwardhan","PWM"]),
"y089": ("\n// reviewed: Dr. Hosteen Nez-Benally; abahe", ["Hosteen Nez-Benally","abahe"]),
"y090": ("\ncc: Dr Thapa-Magar; Lt Col (retd) Dil Bahadur Limbu (son-in-law)", ["Thapa-Magar","Dil Bahadur Limbu"]),
"y091": ("\ncc: Kiely; Ms Tóibín (letter); Dr Ayodele Ní Bhriain-Adeyemi", ["Kiely","Tóibín","Ayodele Ní Bhriain-Adeyemi"]),
"y092": ("\nsigned: r. oyelowo-strand (fellow), cc dr. gutierrez", ["r. oyelowo-strand","gutierrez"]),
"y093": ("\n# data manager: Thilak Sivapalan; audit: nkandiah", ["Thilak Sivapalan","nkandiah"]),
"y094": ("\ncc: Mr Sharp; Dr Love-Baptiste; Marcia (secretary)", [("Sharp", 2),"Love-Baptiste","Marcia"]),
"y095": ("\ncc: DR. KIM MIN-JUN; Soo-ah Park-Delgado (RN)", ["KIM MIN-JUN","Soo-ah Park-Delgado"]),
"y096": ("\n--\nok noted. will call sri. - widodo (bu suwannee cc'd)", ["sri","widodo","suwannee"]),
"y097": ("\nCC: DR. AMINA YUSUF-DANLADI; MALLAM ISA (RECORDS)", ["AMINA YUSUF-DANLADI","ISA"]),
"y098": ("\nTyped: RJM/ks 2 0 .0 3 .2024", ["RJM","ks","2 0 .0 3 .2024"]),
"y099": ("\nCC: MAZUR-SOBIESKA, EWA; WRONA, TADEUSZ; DR. AGNIESZKA PRZYBYLSKA", ["MAZUR-SOBIESKA, EWA","WRONA, TADEUSZ","AGNIESZKA PRZYBYLSKA"]),
"y100": ("\ncc: dr vakaloloma; sione taufa'ao (dad); mkupu", ["vakaloloma","sione taufa'ao","mkupu"]),
}
EXTRA_TYPES = {("y039", "Bandon"): "CITY", ("y079", "12/08/23, 9:52 PM"): "DATE", ("y098", "2 0 .0 3 .2024"): "DATE"}
for _sn in SNIPPETS:
    if _sn["id"] in EXTRA:
        _t, _names = EXTRA[_sn["id"]]
        _sn["text"] += _t
        _sn["phi"] = list(_sn["phi"]) + [
            (n, EXTRA_TYPES.get((_sn["id"], n), "NAME")) if isinstance(n, str)
            else (n[0], EXTRA_TYPES.get((_sn["id"], n[0]), "NAME"), n[1]) for n in _names]

# ---------------------------------------------------------------- write
if __name__ == "__main__":
    recs, warnings = build()
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "cardiology_tuning6.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    c = collections.Counter(p["type"] for r in recs for p in r["phi"])
    nphi = sum(c.values()); nkeep = sum(len(r["keep"]) for r in recs)
    print(f"snippets: {len(recs)}  with header: {sum('header' in r for r in recs)}")
    print(f"PHI spans: {nphi}  NAME share: {c['NAME']/nphi:.1%}  keep spans: {nkeep}")
    for t, n in c.most_common():
        print(f"  {t:9s} {n}")
    for w in warnings:
        print("WARNING", w)
