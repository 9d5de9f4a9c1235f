#!/usr/bin/env python3
"""Generator for cardiology_tuning2.jsonl.
Markup: {{TYPE|text}} = PHI span, [[keep|text]] = keep span. Everything invented."""
import json, os, re, sys, collections

S = []
def add(text, header=None):
    S.append((text, header))

def H(name, pid, acc, dob, sd, inst, ref, op):
    return {"PatientName": name, "PatientID": pid, "AccessionNumber": acc,
            "PatientBirthDate": dob, "StudyDate": sd, "InstitutionName": inst,
            "ReferringPhysicianName": ref, "OperatorsName": op}

# ---------------------------------------------------------------- u001-u020
add("""CARDIAC MRI REPORT
Patient: {{NAME|OKAFOR, Jane K.}}    MRN: {{ID|40087312}}
DOB: {{DATE|03/14/1958}}    Exam date: {{DATE|February 3rd, 2022}}
Referring: Dr. {{NAME|Marcus Whitfield}}, {{HOSPITAL|Mercy Heart Institute}}, {{CITY|Cedar Rapids}}, {{STATE|IA}}
INDICATION: [[keep|63-year-old]] woman with exertional dyspnea, query [[keep|HCM]].
TECHNIQUE: [[keep|1.5T Siemens Aera]]. bSSFP cines in SAX, 4CH, 2CH and 3CH. MOLLI T1 mapping. LGE after [[keep|gadobutrol 0.1 mmol/kg]].
FINDINGS: Asymmetric septal hypertrophy, maximal wall thickness 19 mm basal anteroseptum. [[keep|LVEF 68%]]. SAM with mild [[keep|MR]]. Patchy mid-wall LGE at RV insertion points.
Reported by: {{NAME|Priya Raman}}, MD""",
H("OKAFOR^JANE^K", "40087312", "ACC-22-019934", "19580314", "20220203", "Mercy Heart Institute", "WHITFIELD^MARCUS", "TECH^LOPEZ"))

add("""Dear Dr {{NAME|O'Sullivan}},

Re: {{NAME|Siobhán Ní Bhriain}}, DOB {{DATE|12.06.1971}}, MRN {{ID|H2291847}}
{{ADDRESS|14 Lower Glanmire Rd}}, {{CITY|Cork}} {{ZIP|T23 X2P4}}

Thank you for referring this lady whom I saw at the {{HOSPITAL|Bon Secours Heart Clinic}} on the {{DATE|14th of March}}. Her CMR confirmed [[keep|ARVC]] meeting major [[keep|Task Force criteria]]: [[keep|RVEDVi 128 ml/m2]], [[keep|RVEF 38%]], regional RV dyskinesia. I have discussed ICD implantation with her.

Yours sincerely,
{{NAME|Ciarán Mac Giolla}} MB FRCPI
Consultant Cardiologist
cc: Dr {{NAME|Aoife Brennan}}, GP""",
H("NI BHRIAIN^SIOBHAN", "H2291847", "CK7730012", "19710612", "20230314", "BON SECOURS HEART CLINIC", "OSULLIVAN^DERMOT", ""))

add("""cmr brief - {{NAME|wei zhang}} (MRN {{ID|00784421}}) scanned {{DATE|2022-02-03 14:05}}
- [[keep|3T Philips Ingenia]], hr 62 bpm
- lv mildly dilated, LVEDVi 112 ml/m2, [[keep|LVEF 41%]]
- mid-wall septal lge (linear) c/w non-ischaemic [[keep|DCM]]
- [[keep|native T1 1320 ms at 3T]], [[keep|ECV 31%]]
- mild functional [[keep|MR]]
d/w Dr {{NAME|Liang}} at MDT. fu 12 months. -{{NAME|KH}}""",
H("ZHANG^WEI", "00784421", "RX220203045", "19670921", "20220203", "", "LIANG^MEI", "HARGREAVES^KATE"))

add("""MAGNETIC RESONANCE IMAGING - HEART
Name: {{NAME|Mohammed Al-Rashidi}}    NHS No: {{ID|485 777 3456}}
Hospital No: {{ID|RJ1-0093321}}
Date of scan: {{DATE|03-Feb-2022}}
Clinical details: chest pain, troponin 2400 ng/L, unobstructed coronaries. Query MINOCA vs myocarditis.
Findings: subepicardial LGE in the basal-mid inferolateral wall. [[keep|T2 62 ms]] (elevated). [[keep|native T1 1085 ms at 1.5T]] regional. Meets updated [[keep|Lake Louise criteria]] for acute myocarditis. No pericardial effusion. [[keep|LVEF 55%]].
Reported by: Dr {{NAME|Harriet Ellwood-Bingham}} FRCR, {{HOSPITAL|St Thomas'}}
Typed: {{NAME|HEB/jt}} {{DATE|04/02/2022}}""",
H("AL-RASHIDI^MOHAMMED", "RJ1-0093321", "RJ22CMR1177", "19860502", "20220203", "GUYS AND ST THOMAS NHS FT", "PATEL^NIKHIL", "ELLWOOD-BINGHAM^HARRIET"))

add("""Patient: {{NAME|Grace Hope}}  Age: [[keep|47]]
Accession {{ID|A99120384}} | Study {{DATE|20230719}}
Indication: palpitations, frequent ventricular ectopy; known [[keep|Wolff-Parkinson-White]] pattern post ablation.
CMR: normal biventricular size and function. [[keep|LVEF 62%]], [[keep|RVEF 58%]]. No LGE. Trivial [[keep|TR]].
Impression: structurally normal heart.
Electronically signed {{DATE|2023-07-19T08:41:22Z}} by {{NAME|Rose Tanaka}}, MD""",
H("HOPE^GRACE", "MC5518820", "A99120384", "19760211", "20230719", "Kaiser Permanente Oakland", "SUMMERS^WILL", "TANAKA^ROSE"))

add("""CARDIOVASCULAR MAGNETIC RESONANCE
{{HOSPITAL|Groote Schuur}} - Division of Cardiology
Patient: {{NAME|Thandiwe Mthembu}}   Folder no: {{ID|GS 4471029}}
Date: {{DATE|Tuesday 7 March 2023}}
History: [[keep|29 year old]], peripartum onset heart failure, [[keep|NYHA class III]].
Findings: severely dilated LV, [[keep|LVEF 24%]]. Apical LV thrombus 14 x 9 mm. No LGE. Moderate functional [[keep|MR]]. [[keep|PA pressure]] estimated elevated on echo.
Conclusion: peripartum cardiomyopathy with LV thrombus. Anticoagulate.
Dr {{NAME|S. Naidoo}} / Dr {{NAME|Pieter van der Merwe}}""",
None)

add("""Dear Dr. {{NAME|Mark}},
I had the pleasure of seeing Mr. {{NAME|Will Summer}} today, {{DATE|September 12, 2021}}, in clinic at {{HOSPITAL|Toronto General}}. He is a {{AGE|91 y/o}} retired machinist who lives at {{ADDRESS|88 Lakeshore Blvd W, Apt 1204}}, {{CITY|Etobicoke}}, {{STATE|ON}} {{ZIP|M8V 2X3}}.
His CMR showed transmural LGE in the LAD territory with <25% viability in the apical segments; [[keep|LVEF 33%]]. Native T1 remote [[keep|990 ms at 1.5T]]. Moderate [[keep|AS]] (AVA 1.1 cm2).
His daughter can be reached at {{PHONE|(416) 555-0192}}.
Sincerely,
{{NAME|Anjali Deshpande}}, MD FRCPC""",
None)

add("""ECHO REPORT (with CMR correlation)
Pt: {{NAME|KOWALCZYK, Bartłomiej}}   DOB {{DATE|1949-11-02}}   MRN {{ID|77-102-9934}}
Encounter #: {{ACCOUNT|ENC0041182736}}
Echo: mildly thickened aortic leaflets, mean gradient 28 mmHg; consistent with moderate [[keep|AS]]. Moderate [[keep|AR]] with holodiastolic flow reversal in descending aorta. An [[keep|Austin Flint murmur]] was noted by the referring physician.
CMR ({{DATE|Aug 2021}}): regurgitant fraction 34%, [[keep|LVEDVi 118 ml/m2]].
Sonographer: {{NAME|JM}}   Reading physician: {{NAME|Jorge Medina}} MD""",
H("KOWALCZYK^BARTLOMIEJ", "77-102-9934", "E210882", "19491102", "20210816", "Northwestern Memorial", "FRANK^ELLEN", "MEDINA^JORGE"))

add("""Cardiac MR - Amyloid protocol
Name Mrs {{NAME|Eileen Featherstonehaugh}} ... aged {{AGE|93}}
Hosp No {{ID|K4418802}}
Scan {{DATE|3.2.22}}, {{HOSPITAL|the Royal Brompton}}
Concentric LVH 17 mm. Global subendocardial LGE with difficulty nulling myocardium on TI scout. [[keep|native T1 1150 ms at 1.5T]] (ShMOLLI), [[keep|ECV 58%]]. Small pericardial effusion. Atrial septal thickening.
Appearances typical of cardiac [[keep|amyloid]]. Suggest DPD scintigraphy and light chains.
d/w Prof {{NAME|Kwame Asante-Boateng}}""",
None)

add("""To: Dr {{NAME|Rahul Mehrotra}}, {{HOSPITAL|Fortis Escorts Heart Institute}}, {{ADDRESS|Okhla Road}}, {{CITY|New Delhi}} - {{ZIP|110025}}
From: Dr {{NAME|Kavya Iyer}}, CMR Unit
Date: {{DATE|18/10/2022}}

Re: Mr {{NAME|Suresh Kumar Venkataraman}}, UHID {{ID|FEH/2022/118734}}
CMR done on 1.5T. Thinned (5 mm) inferior wall with transmural LGE, non-viable. Anterior wall viable. [[keep|LVEF 36%]] by [[keep|Simpson's]] on echo, [[keep|38%]] on CMR. Mild [[keep|MR]].
Patient mobile {{PHONE|+91 98450 22761}}.""",
H("VENKATARAMAN^SURESH^KUMAR", "FEH/2022/118734", "MR-1810-22-07", "19610705", "20221018", "FORTIS ESCORTS HEART INSTITUTE", "MEHROTRA^RAHUL", "IYER^KAVYA"))

add("""CMR REPORT - CONGENITAL
Patient: {{NAME|Lachlan O'Brien-Hastings}}   UR: {{ID|1029384}}
Study date: {{DATE|Thu 5 Jan 2023}}
Site: {{HOSPITAL|the Alfred}}, {{ADDRESS|55 Commercial Rd}}, {{CITY|Melbourne}} {{STATE|VIC}} {{ZIP|3004}}
History: [[keep|Fontan]] (extracardiac conduit) for tricuspid atresia, prior [[keep|Glenn]] at age 2.
Findings: unobstructed Fontan pathway. Single ventricle EF 49%. No thrombus. Aortopulmonary collateral flow ~18%.
Reporter: A/Prof {{NAME|Mei-Ling Cho}} FRACP; Registrar {{NAME|Tom Ngata}}""",
None)

add("""Ms {{NAME|Rose}} presented {{DATE|12 Nov 2020}}. [[keep|Takotsubo]] pattern: apical ballooning with mid-apical oedema ([[keep|T2 58 ms]]) and no LGE. [[keep|LVEF 39%]]. Follow-up CMR {{DATE|Feb 2021}} showed full recovery. Hx since [[keep|2019]] of anxiety. Works as a teacher at {{OTHER|Riverside Montessori School}}.
- {{NAME|NB}}/{{NAME|ek}}""",
H("ROSE^ELLA^M", "330912", "CMR2011120007", "19580817", "20201112", "Christchurch Hospital", "NGUYEN^BAO", "KING^EMMA"))

add("""IMAGING REPORT
PATIENT: {{NAME|DLAMINI, Sipho}}       ID: {{ID|8702125800087}}
MEDICAL AID: Discovery Health, member no {{ACCOUNT|DH 551 0027 8834}}
REQUESTED BY: Dr {{NAME|F. Moosa}}, {{HOSPITAL|Netcare Milpark}}
DATE: {{DATE|2021/06/22}}
CMR: Dilated RV with [[keep|Ebstein anomaly]]: apical displacement of septal tricuspid leaflet 32 mm. Severe [[keep|TR]]. Functional RV volume indexed 98 ml/m2. Interatrial communication with left-to-right shunt (Qp:Qs 1.4). Accessory pathway history ([[keep|Wolff-Parkinson-White]]).
Reported: {{NAME|Naledi Khumalo}}""",
None)

add("""Addendum ({{DATE|2022-11-30}}):
Re: {{NAME|Nour Haddad Saleh}} (MRN {{ID|5590112}})
Following discussion with Dr {{NAME|Yusuf Haddad}}, the previously reported "probable [[keep|sarcoid]]" is upgraded. FDG-PET ({{DATE|28/11/2022}}) shows focal uptake matching the patchy basal septal LGE. [[keep|Heart Rhythm Society]] criteria for probable cardiac sarcoidosis are met.
Addendum by {{NAME|Layla Nasser}}, MBBS""",
H("HADDAD-SALEH^NOUR", "5590112", "ACC55901", "19750304", "20221115", "Cleveland Clinic Abu Dhabi", "HADDAD^YUSUF", "NASSER^LAYLA"))

add("""STRESS PERFUSION CMR
Patient: {{NAME|Jean-Baptiste Lefèvre}}  N° dossier: {{ID|IPP 3029918}}
Date: {{DATE|03/02/2022}}  Lieu: {{HOSPITAL|Clinique Pasteur}}, {{CITY|Toulouse}}
Adenosine 140 mcg/kg/min, HR rise 64->88 bpm. Inducible perfusion defect inferior and inferolateral (3 segments) without LGE. [[keep|LVEF 58%]]. Findings in keeping with significant [[keep|RCA]] territory ischaemia.
[[keep|ST]] depression 1 mm in inferior leads during stress.
Dr {{NAME|Élodie Marchand}}""",
None)

add("""CMR - HYPERTROPHIC CARDIOMYOPATHY FOLLOW UP
{{NAME|Schmidt-Hoffmann, Katharina}}, geb. {{DATE|19.04.1966}}
Pat.-Nr. {{ID|0045587123}}
Address: {{ADDRESS|Friedrichstrasse 112, 3. OG}}, {{ZIP|10117}} {{CITY|Berlin}}
Study: {{DATE|22.09.2022}}, [[keep|1.5T Siemens Avanto]]
Apical [[keep|HCM]] with apical aneurysm and scar. LGE 18% of LV mass. Max wall thickness 21 mm. No LVOT obstruction at rest. [[keep|LVEF 64%]].
Befund: Dr. med. {{NAME|Jürgen Bauer}}""",
H("SCHMIDT-HOFFMANN^KATHARINA", "0045587123", "DHZ22-44012", "19660419", "20220922", "Deutsches Herzzentrum der Charite", "WEBER^ANNA", "BAUER^JURGEN"))

add("""pt seen by {{NAME|Aroha Te Whata}} (NP) — referral for CMR after syncope at {{OTHER|Ponsonby Rugby Club}} training. Brugada type 1 pattern on ajmaline challenge per Dr {{NAME|Hemi Walker}}. CMR {{DATE|19 Apr 2023}}: normal; no LGE; [[keep|RVEF 55%]]. [[keep|Brugada]] syndrome structurally normal heart. ILR implanted. Patient NHI {{ID|ZAB1234}}.""",
None)

add("""Reason for study: Fabry disease, GLA variant.
Name {{NAME|Yuki Nakamura-Smith}}  |  MRN {{ID|H00231984}}  |  Acc {{ID|CMR23-00451}}
Date {{DATE|2023-05-08}}
[[keep|native T1 880 ms at 1.5T]] (low) septal, with basal inferolateral LGE. Consistent with [[keep|Fabry]] cardiomyopathy. LV mass index 98 g/m2.
Genetic counsellor {{NAME|Summer Bright}} to contact family, email {{EMAIL|sbright.genetics@example-health.org}}.""",
H("NAKAMURA-SMITH^YUKI", "H00231984", "CMR23-00451", "19820130", "20230508", "Vancouver General Hospital", "CHAN^ALBERT", "BRIGHT^SUMMER"))

add("""DATE: {{DATE|Monday, 14 August 2023}}
PATIENT: {{NAME|FERREIRA DOS SANTOS, Ana Lúcia}}
REFERRER: Dr {{NAME|Gonçalo Pires}}, {{HOSPITAL|Hospital de Santa Marta}}, {{CITY|Lisboa}}
CMR: Left ventricular non-compaction ([[keep|LVNC]]) pattern: NC/C ratio 2.9 in diastole in apical and lateral segments. [[keep|LVEF 48%]]. No LGE. Mild [[keep|MR]].
Note: family screening recommended. Sister {{NAME|Beatriz}} contactable on {{PHONE|+351 912 345 678}}.""",
None)
add("""CARDIAC MRI - MR CONDITIONAL DEVICE
Patient: {{NAME|Harold Pemberton}}, {{AGE|94yo}}
Device: [[keep|Medtronic Azure XT DR MRI SureScan]], serial {{DEVICE|RNB412877S}}; leads 5076 SN {{DEVICE|PJN7734215}}
Device programmed to DOO 85 bpm by {{NAME|Karen Ostrowski}} (cardiac physiologist) before scan on {{DATE|Jan 9, 2024}}.
Findings: moderate [[keep|MS]] (planimetered MVA 1.2 cm2) with left atrial dilatation. Moderate [[keep|PR]]. [[keep|LVEF 57%]]. Artefact from generator obscures anterior wall.
Device reprogrammed to baseline after scan. No adverse events.""",
H("PEMBERTON^HAROLD^J", "M0055218", "ACC2401090011", "19290610", "20240109", "St. Vincent's Medical Center", "OSTROWSKI^KAREN", "LEE^DANIEL"))

add("""Patient portal message sent {{DATE|2023-02-14}}: "Your cardiac MRI results are available at {{URL|https://mychart.riverbendhealth.example.org/results/88412}}".
Patient {{NAME|Diego Hernández Ruiz}}, MRN {{ID|RB-2238841}}.
Results: [[keep|LVEF 52%]], mild [[keep|AR]], ascending aorta 44 mm. Previous [[keep|Ross procedure]] with good autograft function.
Sent by {{NAME|Ashley Nguyen}}, RN""",
None)

add("""Tele-CMR reporting session
Workstation IP {{IP|10.42.118.27}} connected to PACS {{IP|192.168.14.201}} at {{DATE|2023-10-03 21:14}}
Reporter: Dr {{NAME|Nikolai Petrov}} (remote, {{CITY|Sofia}})
Pt: {{NAME|Ivanova, Mariya}} / {{ID|ACC 9912-4471}}
Impression: [[keep|ECV 27%]], [[keep|native T1 1010 ms at 1.5T]], no LGE. Normal study. [[keep|LVEF 60%]].""",
None)

add("""MRI HEART WITH AND WITHOUT CONTRAST
PATIENT NAME: {{NAME|JOHNSON, DeShawn A}}
DATE OF BIRTH: {{DATE|07/22/1979}}
SSN: {{ID|123-45-6789}}
INSURANCE: Aetna member {{ACCOUNT|W123456789}}
ADDRESS: {{ADDRESS|4417 Magnolia St, Unit 2}}, {{CITY|New Orleans}}, {{STATE|LA}} {{ZIP|70115-3321}}
EXAM DATE: {{DATE|11/05/2022}}
FINDINGS: Dilated LV ([[keep|LVEDVi 135 ml/m2]]), [[keep|LVEF 29%]]. Mid-wall septal stripe LGE. [[keep|native T1 1070 ms at 1.5T]]. Moderate [[keep|MR]].
IMPRESSION: Non-ischemic dilated cardiomyopathy.
Dictated by: {{NAME|Paul Broussard}}, MD   Transcribed: {{NAME|pb/ml}}""",
H("JOHNSON^DESHAWN^A", "OCH449021", "ACC-1105-7781", "19790722", "20221105", "Ochsner Medical Center", "THIBODEAUX^CLAIRE", "BROUSSARD^PAUL"))

add("""cmr addendum: T2* measured 8.2 ms in septum -> severe myocardial iron loading. {{NAME|Fatima Zahra Benali}} (thalassaemia major). Liver T2* 2.1 ms. [[keep|LVEF 54%]]. Increase chelation. Discussed with haematology (Dr {{NAME|Okonkwo}}) {{DATE|on the 3rd of May 2022}}.
[[keep|T2* 8.2 ms]]""",
None)

add("""RE: {{NAME|Connor McAllister}}   DOB: {{DATE|25-12-1988}}   CHI: {{ID|2512889012}}
{{HOSPITAL|Golden Jubilee}} CMR service, {{CITY|Clydebank}}
Date of scan: {{DATE|2 June 2022}}
[[keep|Stanford type A]] dissection repaired ([[keep|2018]]) with interposition graft. Residual dissection flap in descending thoracic aorta, false lumen 31 mm, patent. Mild [[keep|AR]]. [[keep|LVEF 59%]].
Dr {{NAME|Fiona Drummond}}
cc GP: Dr {{NAME|Iain Rennie}}, {{ADDRESS|Kilbowie Health Centre, 12 Kilbowie Rd}}""",
H("MCALLISTER^CONNOR", "2512889012", "GJNH22CMR311", "19881225", "20220602", "GOLDEN JUBILEE NATIONAL HOSPITAL", "RENNIE^IAIN", "DRUMMOND^FIONA"))

add("""Dear Dr {{NAME|Sandhu}}
Your patient {{NAME|Gurpreet Kaur Sandhu-Gill}}, a [[keep|52 year old]] accountant at {{OTHER|Deloitte Brampton}}, underwent CMR at {{HOSPITAL|William Osler Health System}} on {{DATE|June 30, 2022}}.
Findings: [[keep|MINOCA]] evaluation - small subendocardial infarct in the mid inferolateral wall (LGE 3% LV mass). [[keep|LVEF 61%]].
Ontario health card: {{ID|4532-281-774-AB}}
Kind regards,
{{NAME|M. Chowdhury}}, MD FRCPC
Fax {{FAX|905-555-0148}}""",
None)

add("""Report: {{NAME|Ngozi Eze-Williams}}  |  scan {{DATE|13/01/2023}}
Hyperenhancement pattern: patchy, mid-myocardial and subepicardial in basal septum and lateral wall, sparing subendocardium. Mediastinal lymphadenopathy. Highly suggestive of cardiac [[keep|sarcoid]]. [[keep|LVEF 45%]], [[keep|RVEF 51%]]. Suggest FDG-PET.
Signed {{NAME|Oluwaseun Adebayo}} FRCR""",
H("EZE-WILLIAMS^NGOZI", "N1190338", "KCH-CMR-23-0044", "19700812", "20230113", "KINGS COLLEGE HOSPITAL", "OBI^CHIDI", "ADEBAYO^OLUWASEUN"))

add("""CATH LAB NOTE {{DATE|2022-08-17}}
Pt {{NAME|Tomás Ó Ceallaigh}}, aged {{AGE|92}}, MRN {{ID|SVUH 0771203}}
Operator: Dr {{NAME|Niamh Kearney}}; assistant {{NAME|Rory Devlin}}
Right heart cath: [[keep|PA pressure]] 58/24 (mean 37) mmHg, PCWP 22. Left heart: unobstructed coronaries. Severe [[keep|AS]] mean gradient 44 mmHg.
Pre-procedure CMR ({{DATE|July 2022}}) showed [[keep|ECV 34%]] and [[keep|LVEF 52%]], no amyloid pattern.
Plan: TAVI work-up at {{HOSPITAL|St. Vincent's}}.""",
H("O CEALLAIGH^TOMAS", "SVUH 0771203", "SV22CATH0917", "19300115", "20220817", "St Vincents University Hospital", "KEARNEY^NIAMH", "DEVLIN^RORY"))

add("""CMR LETTER
{{DATE|1st December 2022}}
Dear Dr {{NAME|Ramaswamy}},
Re: {{NAME|Baby Arjun Pillai}}, DOB {{DATE|01/06/2015}}, hospital no {{ID|AIMS-P-20394}}
Arjun is a [[keep|7 year old]] boy with repaired tetralogy of Fallot. CMR: [[keep|RVEDVi 162 ml/m2]], RVEF 44%, free [[keep|PR]] with regurgitant fraction 42%. Meets criteria for pulmonary valve replacement.
Parents' address: {{ADDRESS|TC 25/1142, Vazhuthacaud}}, {{CITY|Thiruvananthapuram}}, {{STATE|Kerala}} {{ZIP|695014}}
With regards,
Dr {{NAME|Lakshmi Nair}}
{{HOSPITAL|Amrita Institute}}, {{CITY|Kochi}}""",
None)

add("""--- CMR AUDIT SNIPPET ---
study_uid_host={{IP|172.16.5.88}}
patient={{NAME|SATO^HIROSHI}}
accession={{ID|JHC20230412-07}}
performed={{DATE|20230412}}
summary: [[keep|Mustard]] repair for TGA; systemic RV EF 41%, baffle leak small, no baffle obstruction. Moderate systemic [[keep|TR]].""",
H("SATO^HIROSHI", "JHC-883412", "JHC20230412-07", "19840909", "20230412", "Juntendo Heart Center", "ITO^KENJI", "YAMADA^AIKO"))

add("""Pt: {{NAME|Anna-Maria Kovács}}
Date of scan: {{DATE|22nd Sept 2021}}
Indication: recurrent pericarditis.
CMR: diffuse pericardial thickening 5 mm with pericardial LGE. Septal bounce, respirophasic septal shift; clinical [[keep|Kussmaul sign]] present. Features of constrictive physiology. [[keep|LVEF 60%]].
Reported {{NAME|Gábor Szilágyi}}, {{HOSPITAL|Semmelweis Heart and Vascular Center}}, {{CITY|Budapest}}""",
None)

add("""CLINIC LETTER - INHERITED CARDIAC CONDITIONS
{{HOSPITAL|Liverpool Heart and Chest}}
{{ADDRESS|Thomas Drive}}, {{CITY|Liverpool}} {{ZIP|L14 3PE}}
Tel {{PHONE|0151 600 1616}} Fax {{FAX|0151 600 1696}}

Date dictated: {{DATE|06/03/2023}}  Date typed: {{DATE|09/03/2023}}
Patient: Mr {{NAME|Declan Murphy}}  NHS: {{ID|943 476 5919}}
Diagnosis: [[keep|ARVC]] (definite, 2 major [[keep|Task Force criteria]])
CMR: RV dilated, [[keep|RVEF 36%]], focal RV free wall aneurysm.
{{NAME|SD/kp}}""",
H("MURPHY^DECLAN", "LHCH7720011", "LH23CMR0306", "19750221", "20230306", "LIVERPOOL HEART AND CHEST HOSPITAL", "DAVIES^SARAH", ""))

add("""Quick note — spoke with Mr {{NAME|Khalid bin Saeed Al-Mansoori}}'s son by phone ({{PHONE|+971 50 123 4567}}) on {{DATE|7/11/2022}}. Explained his father's CMR: old anterior infarct, transmural, non-viable; [[keep|LVEF 30%]]. Prior [[keep|CABG]] in [[keep|2015]]. MDT to consider ICD. — {{NAME|Hassan}}""",
None)

add("""Stress CMR {{DATE|5-Apr-2023}}, {{HOSPITAL|Kaiser Permanente Oakland}}
Name: {{NAME|Maria Guadalupe Reyes}}  MRN {{ID|KP 11-882-4390}}
Regadenoson 0.4 mg. No inducible perfusion defects. No LGE. Normal [[keep|LVEF 66%]], no [[keep|ST]] changes.
Insurance ID {{ACCOUNT|KPNC-66730214}}.
Reading: {{NAME|Elena Vasquez}}, MD""",
H("REYES^MARIA^GUADALUPE", "KP 11-882-4390", "KPO-0405-2231", "19680718", "20230405", "KAISER PERMANENTE OAKLAND", "SINGH^AMAR", "VASQUEZ^ELENA"))

add("""CARDIAC MR: {{NAME|MCDONALD, Rhys}}
Scan date {{DATE|2021-03-11}} at {{HOSPITAL|Waikato}} ({{CITY|Hamilton}})
[[keep|HCM]], septal 24 mm, LVOT gradient not assessable on CMR. Extensive LGE (17% LV mass). [[keep|LVEF 71%]]. Mild [[keep|MR]] with SAM. Plays for {{OTHER|Hamilton Marist Rugby}} - advised against competitive sport.""",
None)

add("""Cardiac MRI — {{NAME|Rebecca Goldstein}}, {{AGE|96 yo}}, {{DATE|January 4th 2024}}
Requested by Dr {{NAME|Aaron Feld}}, {{HOSPITAL|Mount Sinai Heart}}
Concentric LVH 16 mm; [[keep|native T1 1140 ms at 1.5T]], [[keep|ECV 49%]], diffuse subendocardial LGE -> transthyretin [[keep|amyloid]] likely. Advise Tc-PYP.
Patient lives at {{ADDRESS|301 E 79th St, Apt 14C}}, {{CITY|New York}}, {{STATE|NY}} {{ZIP|10075}}.""",
H("GOLDSTEIN^REBECCA", "MSH-5512903", "MS24CMR0044", "19270503", "20240104", "MOUNT SINAI HOSPITAL", "FELD^AARON", "OKONJO^TOBI"))

add("""IMPRESSION:
1. Acute myocarditis by modified [[keep|Lake Louise criteria]] (T2 and T1 based).
2. [[keep|LVEF 50%]].
3. Small pericardial effusion.
Patient {{NAME|Lukas Novák}} ({{ID|RČ 890214/1234}}), scanned {{DATE|14. 2. 2023}} at {{HOSPITAL|IKEM Praha}}. Team: {{NAME|Jana Dvořáková}} (radiographer), {{NAME|P. Horák}} (reporter).""",
None)
add("""CMR report
Name: {{NAME|Vikram Singh Rathore}}    Reg. No.: {{ID|SMS/CVTS/40021}}
Date: {{DATE|26-07-2022}}
Referred by Dr {{NAME|Arvind Chauhan}}, {{HOSPITAL|Eternal Heart Care Centre}}, {{CITY|Jaipur}}
Findings: [[keep|LVNC]] not favoured. Dilated LV, [[keep|LVEF 35%]], no LGE. Mild [[keep|TR]]. RV normal.
Transcribed by {{NAME|RK}}, verified by Dr. {{NAME|Meenakshi Sundaram}}""",
H("RATHORE^VIKRAM^SINGH", "SMS/CVTS/40021", "EHCC-22-7781", "19650101", "20220726", "ETERNAL HEART CARE CENTRE", "CHAUHAN^ARVIND", "SUNDARAM^MEENAKSHI"))

add("""Referral for CMR (from GP)
Dr {{NAME|Zanele Ndlovu}}, Practice No. {{LICENSE|MP 0512347}}
{{ADDRESS|Suite 4, 19 Jan Smuts Ave}}, {{CITY|Rosebank}}, {{CITY|Johannesburg}} {{ZIP|2196}}
Patient {{NAME|Bongani Sithole}}, [[keep|44 years]], chest pain after viral illness. ECG: saddle [[keep|ST]] elevation. Troponin raised. Please exclude myocarditis.
Contact: {{EMAIL|reception@rosebankfamilymed.example.co.za}}""",
None)

add("""CMR - pre-op Rastelli assessment
{{NAME|Olivia Chen-Moreau}}, DOB {{DATE|2009-09-30}}, MRN {{ID|CHEO-554012}}
{{DATE|March 3, 2023}}
History: TGA/VSD/PS, [[keep|Rastelli]] procedure in infancy. RV-PA conduit with peak velocity 3.6 m/s on echo; [[keep|PS]] moderate. Conduit regurgitant fraction 22%. [[keep|RVEF 47%]].
Parents: {{NAME|Sophie Moreau}}, {{PHONE|613-555-0177 ext 4402}}
{{HOSPITAL|CHEO}}, {{CITY|Ottawa}}, {{STATE|Ontario}} {{ZIP|K1H 8L1}}""",
H("CHEN-MOREAU^OLIVIA", "CHEO-554012", "CH23-0303-018", "20090930", "20230303", "CHILDRENS HOSPITAL OF EASTERN ONTARIO", "TREMBLAY^LUC", "CHEN^DAVID"))

add("""progress note:
pt {{NAME|Eleanor Whitby}} is {{AGE|ninety-two year old}} widow. CMR last week ({{DATE|10 Oct 2023}}) confirmed severe [[keep|AS]] with [[keep|LVEF 48%]], no infiltrative pattern, [[keep|ECV 29%]]. Lives alone at {{ADDRESS|Flat 3B, Marlowe Court, 22 Station Rd}}, {{CITY|Canterbury}} {{ZIP|CT1 2RB}}. Drives — reg {{VEHICLE|GK19 XPM}}. Advised no driving until TAVI.
seen by {{NAME|Jo Pennington}} ANP""",
None)

add("""MRI CARDIAC FUNCTION
{{NAME|Abdullahi Mohamed Farah}} | DOB {{DATE|1995-02-17}} | MRN {{ID|HCMC-7731-092}}
Exam {{DATE|2023-09-21 10:32}}
Employer: {{OTHER|Delta Air Lines}} (clearance exam for aviation medical, FAA certificate {{LICENSE|3108945}})
Findings: normal LV size, [[keep|LVEF 59%]]; mild [[keep|MR]]; no LGE. Bicuspid aortic valve with mild [[keep|AR]]. Aortic root 38 mm.
Dictated {{NAME|Lars Eriksson}}, MD""",
H("FARAH^ABDULLAHI^MOHAMED", "HCMC-7731-092", "HC0921-33", "19950217", "20230921", "Hennepin Healthcare", "JOHNSON^KAREN", "ERIKSSON^LARS"))

add("""Device clinic check pre-MRI {{DATE|2024-02-20}}
Patient {{NAME|Margaret (Peggy) Doyle}}, {{AGE|97 year-old}}
System: [[keep|Biotronik Edora 8 DR-T]], SN {{DEVICE|68213394}}
Leads: Solia S 53 x2
MRI AutoDetect programmed. CMR at {{HOSPITAL|Mater Misericordiae}}: [[keep|LVEF 45%]], inferior wall thinning with LGE (old [[keep|MI]]). Physiologist {{NAME|Dervla Quinn}}.""",
H("DOYLE^MARGARET", "MMUH-4420187", "MM24-0220-CMR2", "19261108", "20240220", "MATER MISERICORDIAE UNIVERSITY HOSPITAL", "QUINN^DERVLA", "HOGAN^BRENDAN"))

add("""Dear Dr. {{NAME|Patel}},
Thank you for referring {{NAME|Kim Ji-woo}} (MRN {{ID|UCSF 39-41-008}}). CMR on {{DATE|10/02/2023}} (October 2) revealed [[keep|myocarditis]]-pattern LGE in the lateral wall. [[keep|LVEF 53%]]. [[keep|T2 57 ms]]. She is a student at {{OTHER|Lowell High School}} and plays volleyball; I have advised 3-6 months off competitive sport.
Her MyChart: {{URL|https://mychart.ucsfhealth.example.org/patient/40018}}
{{NAME|Ethan Park}}, MD, FACC""",
None)

add("""CMR REPORT - {{HOSPITAL|Hospital Universitario La Paz}}
Paciente: {{NAME|García López, Javier}}   NHC: {{ID|2918344}}
Fecha: {{DATE|12/05/2022}}
Miocardiopatía dilatada ([[keep|DCM]]). [[keep|LVEF 31%]] by [[keep|Simpson's]] on cine SAX stack. Mid-wall LGE. [[keep|native T1 1090 ms at 1.5T]].
Informe: Dra. {{NAME|Carmen Jiménez}}""",
H("GARCIA LOPEZ^JAVIER", "2918344", "LP22-05-1299", "19710909", "20220512", "HOSPITAL UNIVERSITARIO LA PAZ", "RUIZ^PABLO", "JIMENEZ^CARMEN"))

add("""Summary for {{NAME|Leilani Kahananui}}: iron-overload screen. Myocardial [[keep|T2* 32 ms]] (normal). [[keep|LVEF 63%]]. No further action. {{DATE|Wed 19 Jul 2023}}.
PCP Dr. {{NAME|Keoni Alapai}} at {{HOSPITAL|Queen's Heart Institute}}, {{ADDRESS|1301 Punchbowl St}}, {{CITY|Honolulu}}, {{STATE|HI}} {{ZIP|96813}}.""",
None)

add("""MR CONDITIONAL ICD SCAN
Name: {{NAME|Petr Svoboda}}  Age: [[keep|58]]
Device: [[keep|Boston Scientific Resonate EL ICD]] model D433, serial {{DEVICE|218773}}
Date: {{DATE|08.11.2022}}
Extensive inferior scar with LGE; border zone channels for VT ablation planning. [[keep|LVEF 28%]].
Reporter: {{NAME|M. Černá}}""",
None)

add("""From the desk of {{NAME|Amara Okonkwo-Reid}}, MD
{{HOSPITAL|Baylor Scott & White Heart}}, {{ADDRESS|621 N Hall St}}, {{CITY|Dallas}}, {{STATE|TX}} {{ZIP|75226}}
Pager {{PHONE|214-555-0903}}
{{DATE|April 18, 2022}}
RE: {{NAME|Trevor "Trey" Washington}}
Endomyocardial biopsy: lymphocytic infiltrate with myocyte necrosis satisfying [[keep|Dallas criteria]]. Prior CMR had shown patchy LGE, [[keep|LVEF 42%]].
Texas medical license {{LICENSE|N4472}}""",
H("WASHINGTON^TREVOR", "BSW-00912773", "BSW22-0418-05", "19900812", "20220418", "BAYLOR SCOTT AND WHITE HEART", "OKONKWO-REID^AMARA", ""))

add("""cmr
{{NAME|j. k. okafor}} - {{DATE|4/3/23}}
lv nondilated. lvef [[keep|64%]]. apical hcm? no - normal. no lge. t1 normal. [[keep|AR]] trivial.
rpt {{NAME|JKO}}""",
None)

add("""Patient: Mr {{NAME|Hemant Joshi}} (MRN {{ID|KEM-221018}})
Study: CMR with LGE, {{HOSPITAL|KEM Hospital}}, {{CITY|Mumbai}}
Date: {{DATE|21st Jan 2023}}
[[keep|HCM]] with LVOT obstruction (SAM), [[keep|MR]] moderate posteriorly directed. [[keep|LVEF 72%]]. LGE 9%.
Email results to {{EMAIL|hemant.joshi1966@example.in}} as requested.""",
H("JOSHI^HEMANT", "KEM-221018", "KEMCMR-2301-44", "19660408", "20230121", "KEM HOSPITAL", "DESAI^NEHA", "PAWAR^SANDEEP"))

add("""Pre-employment screening letter
{{DATE|15 September 2022}}
To whom it may concern,
{{NAME|Callum Fraser}} (DOB {{DATE|02/09/1991}}), driving licence {{LICENSE|FRASE909021CA9AB}}, employed by {{OTHER|Stagecoach Highlands}}, underwent CMR for HGV licensing after [[keep|NSTEMI]]. [[keep|LVEF 55%]]; small inferior infarct. No inducible ischaemia.
Dr {{NAME|Morag Sinclair}}, {{HOSPITAL|Raigmore}}, {{CITY|Inverness}}""",
None)

add("""=== CMR ===
PT: {{NAME|LIM, Beng Huat}}     NRIC: {{ID|S6812345D}}
DATE: {{DATE|2023-06-06}}
RESULT: [[keep|LVEF 47%]]. Inferior LGE 50-75% transmurality. [[keep|MR]] mild. [[keep|PA]] dilated 31 mm.
REPORTED: {{NAME|Tan Wei Ming}}, {{HOSPITAL|National Heart Centre Singapore}}""",
H("LIM^BENG HUAT", "S6812345D", "NHCS-230606-11", "19680101", "20230606", "NATIONAL HEART CENTRE SINGAPORE", "ONG^KIAN", "TAN^WEI MING"))

add("""ADDENDUM {{DATE|10:14 on 02/08/2021}}
On review with Dr {{NAME|Ffion Pritchard}}, the basal inferolateral LGE is subepicardial rather than subendocardial; favours prior myocarditis over [[keep|MI]]. [[keep|LVEF 57%]] unchanged.
{{NAME|Gethin Llewellyn}}, {{HOSPITAL|University Hospital of Wales}}""",
None)

add("""ADMISSION SUMMARY
{{NAME|Marie-Claude Bouchard}}, aged {{AGE|95}}, admitted {{DATE|2023-01-27}} to {{HOSPITAL|Institut de Cardiologie de Montréal}}
Home: {{ADDRESS|4520 rue Saint-Denis, app. 6}}, {{CITY|Montréal}} ({{STATE|QC}}) {{ZIP|H2J 2L3}}
RAMQ: {{ID|BOUM 2801 1514}}
CMR: low-flow low-gradient [[keep|AS]], [[keep|LVEF 38%]], [[keep|ECV 36%]], no amyloid pattern. Mild [[keep|MR]].
Dr {{NAME|Étienne Gagnon}}""",
H("BOUCHARD^MARIE-CLAUDE", "ICM-0019344", "ICM23-0127-07", "19280115", "20230127", "INSTITUT DE CARDIOLOGIE DE MONTREAL", "GAGNON^ETIENNE", "ROY^SYLVIE"))

add("""CMR Report — {{HOSPITAL|Prince Charles}} ({{CITY|Chermside}}, {{STATE|QLD}})
Patient: {{NAME|Jarrah Wilson}}     UR {{ID|PCH 0448102}}
Medicare: {{ACCOUNT|2123 45670 1}}
Date: {{DATE|17/08/2022}}
Findings: [[keep|ARVC]] not supported. Prominent moderator band. [[keep|RVEF 52%]], [[keep|RVEDVi 104 ml/m2]]. No LGE.
Reported: Dr {{NAME|Bridget Kowalski}} FRANZCR""",
None)

add("""Dear {{NAME|Mark}}, (Dr {{NAME|Mark Ellison}})

Just a quick update on {{NAME|Hope Adeyemi}} whom I reviewed in {{HOSPITAL|the Heart Hub at Wexford General}} on {{DATE|Friday 3rd Feb 2023}}. Her CMR shows residual mild [[keep|MS]] post balloon valvotomy with mean gradient 5 mmHg, [[keep|LVEF 61%]]. Rheumatic [[keep|MR]] mild.
She has moved to {{ADDRESS|Apt 7, The Maltings, Spawell Rd}}, {{CITY|Wexford}}, {{ZIP|Y35 K2F8}}.
Best,
{{NAME|Orla}}""",
H("ADEYEMI^HOPE", "WGH-339102", "WG23-0203", "19800504", "20230203", "WEXFORD GENERAL HOSPITAL", "ELLISON^MARK", ""))

add("""MRI HEART - SAFETY LOG
{{DATE|2022-12-01}} 09:10 - Pt {{NAME|Ibrahim Diallo}} arrived, wheelchair.
Car reg {{VEHICLE|BN-482-XK}} parked in bay 4 (disabled).
ICD: [[keep|Abbott Gallant HF DR]], serial {{DEVICE|810433776}}, MRI Ready mode on.
Scan: [[keep|1.5T Siemens Sola]]. Completed without event.
Radiographer {{NAME|Claire Dubois}}""",
None)

add("""CARDIOLOGY OUTPATIENTS — {{HOSPITAL|Auckland City}} Green Lane
NHI {{ID|ABC9876}}    {{NAME|Mele Tupou}}
{{DATE|8/12/2022}}
Rheumatic heart disease: CMR showed severe [[keep|MR]] and moderate [[keep|MS]], [[keep|LVEF 55%]]. Referred for surgery.
Patient email: {{EMAIL|mele.tupou@example.co.nz}}
Clinic phone: {{PHONE|09 555 0134}}
{{NAME|SF}}/{{NAME|dm}}""",
H("TUPOU^MELE", "ABC9876", "ACH22-1208-03", "19920310", "20221208", "AUCKLAND CITY HOSPITAL", "FA'ASOLO^SIONE", "MCLEAN^DANA"))

add("""Report: cardiac MRI for {{NAME|Giovanni Rossi}} ({{ID|CF RSSGNN62A01H501Z}}), {{DATE|1 febbraio 2023}}; {{HOSPITAL|Policlinico Gemelli}}, {{CITY|Roma}}.
Giant cell myocarditis suspected: extensive patchy LGE, [[keep|LVEF 34%]], VT storm. Biopsy recommended. Compare [[keep|Dallas criteria]].
Firmato: Prof. {{NAME|Lucia Bianchi}}""",
None)

add("""TEMPLATE: CMR VIABILITY
Patient ........ {{NAME|PARK, Seo-yeon}}
Hospital no .... {{ID|00-88-12-34}}
Study date ..... {{DATE|2021-10-29}}
Accession ...... {{ID|RAD21102901882}}
Referrer ....... Dr {{NAME|Kofi Mensah}}
LVEF ........... [[keep|32%]]
LGE ............ anterior and apical, >75% transmural in 5 segments
Comment ........ limited viability in the [[keep|LAD]] territory.
Reporter ....... {{NAME|Sakura Inoue}}, FRCR""",
H("PARK^SEO-YEON", "00-88-12-34", "RAD21102901882", "19590228", "20211029", "Royal Free London", "MENSAH^KOFI", "INOUE^SAKURA"))

add("""d/w Dr {{NAME|O'Neill-Byrne}} re {{NAME|Patrick Joseph Fitzgerald}}: cmr shows [[keep|LVNC]] pattern with NC/C 2.5 but normal [[keep|LVEF 58%]] — likely physiological (elite athlete, {{OTHER|Kilkenny GAA}} hurling panel). {{DATE|16.06.23}}""",
None)

add("""Results notification ({{DATE|2023-03-28T16:02:11+01:00}})
To: {{NAME|Chidinma Obi}}
Login: {{URL|https://patientportal.leedsth.example.nhs.uk/login?id=552019}}
Your CMR shows a normal heart: [[keep|LVEF 60%]], no scarring. Mild [[keep|TR]] is a normal variant.
Sent from {{HOSPITAL|Leeds General Infirmary}} CMR team, {{EMAIL|cmr.team@leedsth.example.nhs.uk}}""",
None)

add("""CMR - STRESS PERFUSION
NAME: {{NAME|Abebe Girma Tesfaye}}   AGE: [[keep|61]]
MRN {{ID|MGH 4419022}}  ACCT {{ACCOUNT|HAR 88812093}}
DATE OF SERVICE {{DATE|06/14/2023}}
Adenosine stress: subendocardial perfusion defect in mid-anterior and apical segments, matching no LGE -> ischaemia in [[keep|LAD]] territory. [[keep|LVEF 63%]].
Attending: {{NAME|Rachel Goldberg}}, MD; Fellow: {{NAME|Omar Siddiqui}}, MD""",
H("TESFAYE^ABEBE^GIRMA", "MGH 4419022", "E23061488", "19620105", "20230614", "MASSACHUSETTS GENERAL HOSPITAL", "LOWE^DAVID", "GOLDBERG^RACHEL"))

add("""Aortic MR follow-up {{NAME|Sunita Reddy}} (Marfan). Root 46 mm (prev 44 mm, {{DATE|Nov 2021}}). [[keep|AR]] mild. [[keep|LVEF 58%]]. Scan date {{DATE|9th November 2022}}. Genetic: FBN1. Next scan 12 months at {{HOSPITAL|Narayana Health City}}, {{CITY|Bengaluru}}.""",
None)

add("""HANDOVER (night reg)
bed 12 - Mr {{NAME|Olusegun Bakare}}, [[keep|67]], NSTEMI, unobstructed coronaries -> CMR tmrw 08:00 ({{DATE|Sat 11/03/2023}}). Query [[keep|MINOCA]] vs [[keep|Takotsubo]].
bed 14 - Mrs {{NAME|Agnieszka Wiśniewska}}, {{AGE|90 yo}}, AF, [[keep|LVEF 40%]] on CMR, for rate control.
Bleep {{PHONE|4471}} if issues. {{NAME|Tom H}}""",
None)

add("""CARDIAC MRI — ARRHYTHMOGENIC CARDIOMYOPATHY SCREEN
Name: {{NAME|Sven Lindqvist}}   Personnummer: {{ID|19780412-3391}}
Date: {{DATE|2022-04-27}}   Site: {{HOSPITAL|Sahlgrenska}}, {{CITY|Göteborg}}
[[keep|RVEF 44%]], regional RV akinesia basal free wall. LV subepicardial LGE (left-dominant). Meets [[keep|Padua criteria]] for biventricular ACM.
Signed: {{NAME|Ingrid Holm}}, MD PhD""",
H("LINDQVIST^SVEN", "19780412-3391", "SU22-0427-CMR", "19780412", "20220427", "SAHLGRENSKA UNIVERSITETSSJUKHUSET", "HOLM^INGRID", "BERG^ANDERS"))

add("""Dear Dr {{NAME|Huang}},
{{NAME|Li Na}} ({{AGE|a 91-year-old}} lady from {{CITY|Richmond}}, {{STATE|BC}}) had CMR on {{DATE|May 2, 2023}} at {{HOSPITAL|St. Paul's}}, {{CITY|Vancouver}}. This showed annular dilatation with severe functional [[keep|TR]] and [[keep|RVEF 42%]]. [[keep|LVEF 59%]].
Her BC PHN {{ID|9876 543 210}}.
Regards, {{NAME|David Cheung}}
Office fax {{FAX|604-555-0166}}""",
None)

add("""FINAL REPORT
EXAM: MR CARDIAC MORPHOLOGY AND FUNCTION W/WO CONTRAST
PATIENT: {{NAME|THOMPSON, MARY-KATE}}
MRN: {{ID|000559812}}   ACC: {{ID|CMR-88120944}}   ENCOUNTER: {{ACCOUNT|V00011723341}}
DOS: {{DATE|12/20/2022 13:47}}
TECHNIQUE: [[keep|1.5T GE Signa Artist]]. [[keep|gadobutrol 0.15 mmol/kg]] (Gadavist). Cine bSSFP, STIR, MOLLI, PSIR LGE.
FINDINGS: Normal [[keep|LVEF 61%]]. No LGE. Mild [[keep|PR]].
ATTENDING: {{NAME|Jamal Whitaker}}, MD
Electronically signed {{DATE|12/20/2022 17:02}}""",
H("THOMPSON^MARY-KATE", "000559812", "CMR-88120944", "19850811", "20221220", "Mercy Heart Institute", "LOVELL^GRANT", "WHITAKER^JAMAL"))

add("""Pt {{NAME|Rafael Oliveira}} — CMR {{DATE|2023.08.03}}
Post [[keep|Senning]] (1986). Systemic RV [[keep|RVEF 38%]]. Pulmonary venous baffle mild narrowing. [[keep|TR]] moderate.
Seen by {{NAME|Inês Carvalho}} at {{HOSPITAL|Hospital de Santa Cruz}}, {{CITY|Carnaxide}}.""",
None)

add("""To Dr. {{NAME|Ahmed}}, {{HOSPITAL|Aga Khan University Hospital}}, {{CITY|Karachi}}
{{NAME|Zainab Qureshi}}, [[keep|38F]], CMR {{DATE|30/09/2022}}: findings of [[keep|DCM]], [[keep|LVEF 33%]], no LGE, moderate [[keep|MR]]. CNIC {{ID|42101-1234567-8}}.""",
None)
add("""CMR REPORT
Patient: {{NAME|Nomvula Zulu}}  Hosp no: {{ID|IALCH 7712093}}
{{HOSPITAL|Inkosi Albert Luthuli Central}}, {{CITY|Durban}}
Date: {{DATE|2023-02-09}}
[[keep|Endomyocardial fibrosis]]? Apical obliteration of RV and LV with subendocardial LGE and overlying thrombus. [[keep|LVEF 50%]]. Severe [[keep|TR]]. Eosinophil count normal.
Patient cell {{PHONE|082 555 0147}}; next of kin {{NAME|Mandla Zulu}}
Reporting: Dr {{NAME|R. Govender}}""",
H("ZULU^NOMVULA", "IALCH 7712093", "IALCH-CMR-0209", "19870330", "20230209", "INKOSI ALBERT LUTHULI CENTRAL HOSPITAL", "GOVENDER^RAJ", "PILLAY^ANITA"))

add("""Dear Dr {{NAME|Kaczmarek}},
Thank you for seeing {{NAME|Will Rose}}, a [[keep|34-year-old]] electrician with {{OTHER|Balfour Beatty}}, who had a cardiac arrest at {{OTHER|Crystal Palace Parkrun}} on {{DATE|Saturday 20th May 2023}}. CMR here showed mitral annular disjunction 9 mm with bileaflet prolapse, mild [[keep|MR]] and inferolateral papillary muscle LGE. [[keep|LVEF 56%]]. ICD implanted: [[keep|Medtronic Cobalt XT DR MRI SureScan]], serial {{DEVICE|BWQ600914H}}.
Yours,
{{NAME|Adebola Ogunleye}} MRCP, {{HOSPITAL|King's}}""",
None)

add("""MR HEART (CONGENITAL) — {{HOSPITAL|Royal Children's}}, {{ADDRESS|50 Flemington Rd}}, {{CITY|Parkville}} {{STATE|VIC}} {{ZIP|3052}}
Patient: {{NAME|Isla Nguyen-Taylor}}  UR {{ID|RCH-3384719}}  DOB {{DATE|14/02/2012}}
Date: {{DATE|22 Aug 2022}}
[[keep|Fontan]] with fenestration. Ventricular EF 52%. [[keep|Glenn]] anastomosis unobstructed. Hepatic veins dilated.
Reported by Dr {{NAME|Hamish MacLeod}}""",
None)

add("""Outside images received via {{URL|https://imageshare.example-hie.org/studies/7d41c9}} on {{DATE|2023-11-07}}.
Patient {{NAME|Dmitri Volkov}}, outside MRN {{ID|UPMC-8823001}}.
Overread: [[keep|native T1 1010 ms at 1.5T]], [[keep|T2 49 ms]], no LGE. Agree: no evidence of myocarditis. [[keep|LVEF 57%]].
{{NAME|Natalia Sokolova}}, MD""",
H("VOLKOV^DMITRI", "PMC5520184", "OUT23-1107-02", "19810223", "20231107", "UPMC PRESBYTERIAN", "SOKOLOVA^NATALIA", ""))

add("""mdt list {{DATE|16/5/23}} ({{HOSPITAL|Cork University Hospital}})
1. {{NAME|Aisling Ní Dhomhnaill}} — [[keep|HCM]], [[keep|LVEF 70%]], LGE 12%, for ICD discussion
2. Mr {{NAME|O'Driscoll}} ({{ID|CUH 0412877}}) — [[keep|ARVC]] family screen, CMR normal
3. {{NAME|Séamus Ó Briain}}, {{AGE|93yo}} — severe [[keep|AS]], [[keep|ECV 41%]]: query amyloid
chair: Dr {{NAME|E. Barry}}""",
None)

add("""CARDIAC MR
{{NAME|KRISHNAMURTHY, Ananya}}
DOB {{DATE|11-Jun-1984}}   MRN {{ID|MAYO 4-229-118}}
Study {{DATE|28-Mar-2023}}   {{HOSPITAL|Mayo Clinic Rochester}}
Pregnancy-related SCAD ([[keep|2021]]). CMR: small mid-anterior subendocardial infarct, [[keep|LVEF 58%]]. [[keep|LAD]] territory. No LV thrombus.
Contact: {{EMAIL|a.krishnamurthy84@example.com}}
Read by {{NAME|Jonathan Wexler}}, MD""",
H("KRISHNAMURTHY^ANANYA", "MAYO 4-229-118", "MC2303280044", "19840611", "20230328", "MAYO CLINIC ROCHESTER", "BERGSTROM^ERIC", "WEXLER^JONATHAN"))

add("""{{NAME|Svetlana Horvat-Petrović}}, cardiac MRI, {{DATE|18/04/2022}}, {{HOSPITAL|KBC Zagreb}}
Findings consistent with cardiac [[keep|sarcoid]]: patchy LGE basal septum extending into RV side. [[keep|LVEF 44%]]. Complete heart block on ECG. Pacemaker to be [[keep|MRI conditional]].
Dr {{NAME|Ante Marić}}""",
None)

add("""CLINIC LETTER
{{HOSPITAL|Fiona Stanley}}, {{ADDRESS|11 Robin Warren Dr}}, {{CITY|Murdoch}} {{STATE|WA}} {{ZIP|6150}}
Ph {{PHONE|(08) 6152 2222}}  Fax {{FAX|(08) 6152 3333}}
{{DATE|3 February 2022}}
Dear Dr {{NAME|Kerr}},
Re: {{NAME|Ngaire Waititi}}, DOB {{DATE|30/11/1965}}
CMR: [[keep|HCM]] sarcomeric phenotype; [[keep|LVEF 66%]], max wall 18 mm, no LGE. Mild [[keep|MR]].
Her vehicle ({{VEHICLE|1HXK-882}}) is registered for disability parking; I support renewal.
{{NAME|Simone Tran}} FRACP""",
None)

add("""Subject: CMR booking — {{NAME|Aryan Malhotra}}
From: {{EMAIL|cmr.bookings@example-hospital.org.uk}}
Sent: {{DATE|Tue 12 Sep 2023 11:42}}
Appointment: {{DATE|Thursday 28 September 2023}}, 08:30, {{HOSPITAL|Barts Heart Centre}}
Please arrive 30 min early. Stress perfusion with adenosine; avoid caffeine 24 h.
NHS number {{ID|401 023 2137}}
Indication: query microvascular angina, known mild [[keep|AS]], [[keep|ST]] depression on exercise ECG.
Booking team: {{NAME|Kemi}}""",
H("MALHOTRA^ARYAN", "BH0982231", "BH23-0928-CMR14", "19730518", "20230928", "BARTS HEART CENTRE", "SHAH^RAVI", ""))

add("""RADIOLOGY REPORT
Name {{NAME|Ahmad Yusuf Karimi}}   Age {{AGE|98 years}}
MRN {{ID|VA-556-19-8834}}   {{HOSPITAL|VA Palo Alto}}
Date {{DATE|2023-01-11}}
Limited CMR (breath-hold intolerant, free-breathing bSSFP). [[keep|LVEF 35%]]. Severe [[keep|AS]]. Pericardial effusion small.
Reading radiologist {{NAME|Helen Cho}}, MD; CA license {{LICENSE|A112233}}""",
None)

add("""Pt info sheet
{{NAME|Isabella Rossi-Kaur}}
{{ADDRESS|PO Box 4412}}, {{CITY|Dunedin}} {{ZIP|9054}}
Mob {{PHONE|021 555 7788}}
Instagram {{OTHER|@bella.runs.dunedin}}
CMR {{DATE|Jul 2023}}: exercise-induced RV remodeling; [[keep|RVEF 50%]], [[keep|RVEDVi 121 ml/m2]]; no LGE; not [[keep|ARVC]].""",
None)

add("""CMR STRUCTURED REPORT v2
pat_name: {{NAME|Oyelaran^Funmilayo}}
pat_id: {{ID|LUTH-2219374}}
study_dt: {{DATE|2023-05-30T09:12:00}}
ref_phys: {{NAME|Adeyemi^Babatunde}}
scanner: [[keep|1.5T Siemens Aera]]
lvef: [[keep|41%]]
lge: mid-wall lateral, non-ischaemic
t1_native: [[keep|1065 ms]]
dx: [[keep|DCM]] (possible prior myocarditis)""",
H("OYELARAN^FUNMILAYO", "LUTH-2219374", "LUTH23CMR0530", "19770414", "20230530", "LAGOS UNIVERSITY TEACHING HOSPITAL", "ADEYEMI^BABATUNDE", "EZE^CHUKWUMA"))

add("""Dear Prof {{NAME|Hoffmann}},
I reviewed Frau {{NAME|Brigitte Müller-Lüdenscheidt}} on {{DATE|the 14th of March 2023}}. CMR at {{HOSPITAL|Herzzentrum Leipzig}} demonstrated [[keep|Takotsubo]] syndrome (apical variant), [[keep|LVEF 37%]], [[keep|T2 60 ms]] apically, no LGE.
Her husband {{NAME|Klaus}} can be reached at {{PHONE|+49 341 555 2090}}.
Mit freundlichen Grüssen, Dr. {{NAME|Anneliese Vogt}}""",
None)

add("""ER note {{DATE|02/03/2024}} 03:12
{{NAME|Carlos Eduardo Mendes}}, [[keep|45M]], chest pain after cocaine. ECG inferolateral [[keep|ST]] elevation. Cath: normal coronaries. CMR tomorrow.
Brought in by ambulance, car ({{VEHICLE|7ABC123}}) left at scene per {{OTHER|LAPD}} officer.
Seen by {{NAME|Priya Venkatesh}} PA-C, supervised by Dr {{NAME|Hollis}}""",
None)

add("""CMR — IRON
{{NAME|Aanya Bhattacharya}}, [[keep|12 years]], thal major.
{{DATE|9-1-2023}}, {{HOSPITAL|Tata Medical Center}}, {{CITY|Kolkata}}
Cardiac [[keep|T2* 14 ms]] (mild iron). Liver T2* 3.9 ms. [[keep|LVEF 62%]].
Father: {{NAME|Subhash Bhattacharya}}, {{PHONE|98300 55123}}""",
H("BHATTACHARYA^AANYA", "TMC-P-88341", "TMC23-0109-02", "20100622", "20230109", "TATA MEDICAL CENTER", "SEN^ARUNAVA", "DAS^RUMA"))
add("""CARDIAC MRI REPORT
PATIENT: {{NAME|NWOSU, Chiamaka Grace}}   MRN: {{ID|EMORY-0092283}}
DOB: {{DATE|1990-08-19}}   EXAM: {{DATE|2023-04-04}}
HOME: {{ADDRESS|2231 Peachtree Rd NE, Apt 410}}, {{CITY|Atlanta}}, {{STATE|GA}} {{ZIP|30309}}
INSURANCE: BCBS member {{ACCOUNT|XJH884410219}}
INDICATION: postpartum chest pain, SCAD.
FINDINGS: [[keep|LVEF 54%]]. Subendocardial LGE in distal [[keep|LAD]] territory. [[keep|ECV 28%]] remote.
Signed {{NAME|Marcus Bell}}, MD""",
H("NWOSU^CHIAMAKA^GRACE", "EMORY-0092283", "EUH230404-31", "19900819", "20230404", "EMORY UNIVERSITY HOSPITAL", "ABERNATHY^LYNN", "BELL^MARCUS"))

add("""CMR QA log — upload from scanner console {{IP|10.0.23.54}} failed at {{DATE|2023-06-12 18:30}}; retried from {{IP|10.0.23.55}}.
Exam: {{NAME|Hussain, Rukhsana}} / acc {{ID|CMR230612-09}}
Protocol deviation: SASHA T1 map not acquired; MOLLI only ([[keep|native T1 1005 ms at 1.5T]]). [[keep|LVEF 59%]].
Logged by {{NAME|Ben Achterberg}}""",
None)

add("""Re: {{NAME|Dolores Fuentes-Ibarra}} DOB {{DATE|Jan 3 1931}}
{{DATE|March 8th, 2023}}
Mrs {{NAME|Fuentes-Ibarra}} is a {{AGE|92 y.o.}} woman with [[keep|NYHA class II]] symptoms. Cardiac MRI at {{HOSPITAL|Hoag Heart and Vascular}} showed [[keep|amyloid]] pattern with [[keep|ECV 52%]], [[keep|LVEF 49%]]. PYP grade 3. Started tafamidis.
Granddaughter {{NAME|Luz}} manages her care: {{PHONE|949-555-0121}}.
{{NAME|Tyler Bergman}}, NP""",
None)

add("""OPERATIVE SUMMARY (cardiac surgery)
{{DATE|Sunday 5 November 2023}}
Patient {{NAME|Tariq Mahmood}}, MRN {{ID|QEHB-4129930}}
Procedure: [[keep|Ross procedure]] for bicuspid [[keep|AS]]/[[keep|AR]]. Preop CMR: [[keep|LVEF 63%]], aortic root 41 mm.
Surgeon: Mr {{NAME|Anthony Whitlock}} FRCS(CTh); Anaesthetist: Dr {{NAME|Beatriz Lozano}}
{{HOSPITAL|Queen Elizabeth Birmingham}}""",
H("MAHMOOD^TARIQ", "QEHB-4129930", "QE231105-OP7", "19890327", "20231105", "QUEEN ELIZABETH HOSPITAL BIRMINGHAM", "WHITLOCK^ANTHONY", "LOZANO^BEATRIZ"))

add("""cmr: ms. {{NAME|june april}} (mrn {{ID|7781102}}), {{DATE|6 june 2022}}. lv mild dilatation, [[keep|lvef 49%]]. no lge. mild [[keep|mr]]. [[keep|t2 50 ms]]. normal study for age. rpt {{NAME|pk}}.""",
None)

add("""TO: Dr {{NAME|Karim Benjelloun}}
FAX: {{FAX|+33 1 55 55 01 77}}
DATE: {{DATE|24/10/2022}}
RE: {{NAME|Youssef El Amrani}} (IPP {{ID|AP-HP 8034112}})
CMR at {{HOSPITAL|Pitié-Salpêtrière}}: [[keep|ARVC]] excluded. RV normal ([[keep|RVEF 56%]]). Frequent RVOT ectopics. LGE negative.
Dr {{NAME|Hélène Rousseau}}""",
None)

add("""CMR REPORT ({{HOSPITAL|Chris Hani Baragwanath}})
Patient: {{NAME|Lerato Mokoena}}, {{ADDRESS|1482 Vilakazi St}}, {{CITY|Orlando West}}, {{CITY|Soweto}} {{ZIP|1804}}
Date: {{DATE|2022-07-15}}
Tuberculous pericarditis with constrictive physiology; pericardium 6 mm; [[keep|Kussmaul sign]] clinically. [[keep|LVEF 58%]].
Dr {{NAME|T. Mahlangu}}""",
H("MOKOENA^LERATO", "CHB-6610442", "CHB22-0715-01", "19910521", "20220715", "CHRIS HANI BARAGWANATH ACADEMIC HOSPITAL", "MAHLANGU^THABO", ""))

add("""Pacing check, {{DATE|Oct 11, 2023}}
{{NAME|Bernadette Kilbride}}, {{AGE|91 years}}
[[keep|St. Jude Assurity MRI]] pacemaker, SN {{DEVICE|7895512}}; programmed VOO for CMR at {{HOSPITAL|Beaumont}}.
CMR: [[keep|LVEF 51%]], moderate [[keep|TR]], lead artefact in RV. No LGE.
Tech: {{NAME|Niall Hegarty}}""",
None)

add("""{{HOSPITAL|Sunnybrook}} CMR
{{NAME|Tremblay, Geneviève}} / OHIP {{ACCOUNT|5584-221-903-KT}}
{{DATE|2023-09-05}}
[[keep|LVNC]] criteria (Petersen NC/C > 2.3) met in apical segments, but [[keep|LVEF 61%]] and no LGE; likely benign hypertrabeculation.
Report: {{NAME|Rajiv Bhatt}}, MD FRCPC""",
H("TREMBLAY^GENEVIEVE", "SHSC-440192", "SB23090511", "19940610", "20230905", "SUNNYBROOK HEALTH SCIENCES CENTRE", "LAVOIE^MARC", "BHATT^RAJIV"))

add("""CARDIO-ONCOLOGY CLINIC
Mrs {{NAME|Hui Min Teo}}, [[keep|56]], breast cancer on trastuzumab.
CMR {{DATE|12/07/2023}}: [[keep|LVEF 51%]] (from 62% baseline, {{DATE|Jan 2023}}), [[keep|native T1 1050 ms at 1.5T]], no LGE. Meets criteria for cancer therapy-related cardiac dysfunction.
Plan: hold trastuzumab, start ACEi. d/w oncologist Dr {{NAME|Alistair Grant}}.
{{NAME|W. Ong}}, {{HOSPITAL|Peter MacCallum}}""",
None)

add("""REPORT: CMR FOR SUSPECTED MYOCARDITIS
Patient: {{NAME|Marek Zieliński}}   PESEL: {{ID|85071412345}}
Study: {{DATE|2021-12-14}}   Institution: {{HOSPITAL|Instytut Kardiologii}}, {{CITY|Warszawa}}
Post-mRNA vaccine chest pain. [[keep|T2 55 ms]], subepicardial LGE inferolateral. [[keep|Lake Louise criteria]] positive (2/2). [[keep|LVEF 56%]].
Lekarz: {{NAME|Katarzyna Nowak}}""",
H("ZIELINSKI^MAREK", "85071412345", "IK21-1214-CMR3", "19850714", "20211214", "INSTYTUT KARDIOLOGII", "NOWAK^KATARZYNA", "LIS^PAWEL"))

add("""From: {{NAME|Alejandro Torres}}, MD
{{HOSPITAL|Texas Heart Institute}}
{{DATE|July 4th, 2022}}
Dear Ms {{NAME|Patel}},
Your father's cardiac MRI shows an old inferior [[keep|MI]] with scar, [[keep|LVEF 38%]] and moderate [[keep|MR]]. Please bring him to clinic on {{DATE|07/18/2022}}.
You can view the report on {{URL|http://portal.texasheart.example.org/rpt?acc=TH22070488}}.
Medical license {{LICENSE|Q2291}}""",
None)

add("""Echo/CMR comparison — {{NAME|Farida Abubakar}} — {{DATE|20-May-2022}}
Echo [[keep|LVEF 45%]] ([[keep|Simpson's]] biplane) vs CMR [[keep|LVEF 41%]]. [[keep|MR]] moderate on both. Echo [[keep|PA]] systolic 48 mmHg.
Referred from {{HOSPITAL|Aminu Kano Teaching}}, {{CITY|Kano}}. Reporter {{NAME|Ibrahim Lawal}}""",
None)

add("""CMR REQUEST FORM
Requesting clinician: Dr {{NAME|Ewan Gallagher}}, GMC {{LICENSE|7045512}}
Bleep: {{PHONE|2214}}   Ext: {{PHONE|x6502}}
Patient: {{NAME|Hamza Rahman}}, Hosp no {{ID|M1182733}}, Ward 21
Question: infarct size after primary PCI on {{DATE|Tuesday 1/8/2023}}? LV thrombus? [[keep|LVEF 40%]] on echo. [[keep|ST]] resolution incomplete.
Safety: no implants. eGFR 72.""",
H("RAHMAN^HAMZA", "M1182733", "MRI-CMR-230803", "19720916", "20230803", "MANCHESTER ROYAL INFIRMARY", "GALLAGHER^EWAN", ""))

add("""cath/cmr summary {{DATE|11/11/21}}: {{NAME|Kenji Watanabe-Lewis}} — severe [[keep|PS]] (valvar), balloon valvuloplasty. CMR pre-proc: RV hypertrophy, [[keep|RVEF 60%]], no [[keep|PR]]. fu at {{HOSPITAL|Starship}}. home: {{ADDRESS|3/17 Hillsborough Rd}}, {{CITY|Mt Roskill}}, {{CITY|Auckland}} {{ZIP|1041}}""",
None)

add("""CMR — CARDIAC AMYLOID (AL)
Name: {{NAME|Nkechi Onyekachi}}   Age: [[keep|64]]
Hospital: {{HOSPITAL|the National Amyloidosis Centre}}, {{HOSPITAL|Royal Free}}
Date: {{DATE|03 Feb 2022}}
[[keep|ECV 61%]], [[keep|native T1 1180 ms at 1.5T]], transmural LGE. [[keep|LVEF 52%]]. Small pleural effusions.
Dr {{NAME|Philippa Hawkins-Ward}}
Typist {{NAME|LM}}""",
None)

add("""MRI CARDIAC
Patient: {{NAME|Omondi, Brian Otieno}}   MRN {{ID|KNH/2023/44102}}
{{HOSPITAL|Kenyatta National}}, {{CITY|Nairobi}}
{{DATE|18.09.2023}}
[[keep|HCM]] with midventricular obstruction and apical aneurysm. [[keep|LVEF 60%]]. LGE 14%.
Employer: {{OTHER|Kenya Power}} (sick-leave note issued).
Reported by Dr {{NAME|Wanjiru Kamau}}""",
H("OMONDI^BRIAN^OTIENO", "KNH/2023/44102", "KNH23-0918-2", "19790702", "20230918", "KENYATTA NATIONAL HOSPITAL", "KAMAU^WANJIRU", ""))

add("""Patient self-referral email received {{DATE|2023-02-01 07:55}}
From: {{EMAIL|hans.de.vries1962@example.nl}}
"I am {{NAME|Hans de Vries}} from {{CITY|Utrecht}}. My previous CMR at {{HOSPITAL|UMC Utrecht}} showed [[keep|DCM]] with [[keep|LVEF 35%]]. Can I have a second opinion?"
Reply by {{NAME|Maaike Jansen}}, secretary.""",
None)

add("""IMPRESSION
1. Severe [[keep|AR]], regurgitant fraction 48%, [[keep|LVEDVi 142 ml/m2]].
2. [[keep|LVEF 52%]].
3. Ascending aorta 51 mm.
Surgical referral to Mr {{NAME|Viktor Horvath}}. Pt {{NAME|Kevin O'Leary}}, MRN {{ID|BCH 330912}}, scanned {{DATE|the 9th of January 2024}} by {{NAME|Maria Santos}} (radiographer).
Patient's Twitter {{OTHER|@kevoleary_cork}} mention of results noted by PALS.""",
H("OLEARY^KEVIN", "BCH 330912", "BCH24-0109-5", "19640101", "20240109", "BEAUMONT HOSPITAL", "HORVATH^VIKTOR", "SANTOS^MARIA"))

add("""SERVICE REQUEST — secure link from {{URL|https://cardiac.stvincents.example.com.au/cmr/req/2291}}
Remote reporter IP {{IP|203.0.113.44}}
Patient: {{NAME|Jack Murray}}, UR {{ID|SVH-0338112}}, {{DATE|25/01/2023}}
[[keep|Wolff-Parkinson-White]] post ablation, structurally normal heart on CMR; [[keep|LVEF 60%]].
{{HOSPITAL|St. Vincent's}} {{CITY|Darlinghurst}} {{STATE|NSW}} {{ZIP|2010}}""",
None)

add("""Cardiac MRI report for {{NAME|Mohammad Reza Tehrani}}
date: {{DATE|1401/08/12}} ({{DATE|3 Nov 2022}}) at {{HOSPITAL|Tehran Heart Center}}
[[keep|Fabry]] cardiomyopathy: low [[keep|native T1 870 ms at 1.5T]], basal inferolateral LGE, LVH 15 mm. [[keep|LVEF 65%]].
Dr {{NAME|Shirin Karimi}}""",
None)

add("""REPEAT CMR (6-month)
{{NAME|Amelia Hughes-Evans}}   MRN {{ID|CAV 2280193}}
{{DATE|2023-03-20}} vs previous {{DATE|2022-09-19}}
Myocarditis recovery: LGE reduced, [[keep|T2 50 ms]] (prev 61 ms). [[keep|LVEF 60%]] (prev 47%). Return to sport at {{OTHER|Cardiff Blues}} academy approved.
{{NAME|Rhodri Price}}""",
H("HUGHES-EVANS^AMELIA", "CAV 2280193", "UHW23-0320-4", "20040805", "20230320", "UNIVERSITY HOSPITAL OF WALES", "PRICE^RHODRI", ""))

add("""DISCHARGE LETTER
{{HOSPITAL|Apollo Hospitals Greams Road}}, {{CITY|Chennai}} {{ZIP|600006}}
Patient: Mr {{NAME|R. Balasubramanian}}, {{AGE|91-year-old}}, IP no {{ID|APL-IP-22-88130}}
Admitted {{DATE|12.12.2022}}, discharged {{DATE|19.12.2022}}
CMR: severe [[keep|AS]] with [[keep|LVEF 42%]]; no infiltrative pattern. TAVR done.
Insurance policy: Star Health {{ACCOUNT|P/211114/01/2023/004551}}
Consultant: Dr {{NAME|K. Srinivasan}}""",
None)

add("""CONGENITAL CMR
{{NAME|Luca Ferraro}}, DOB {{DATE|2001-05-09}}, MRN {{ID|OPBG-771204}}
Scan {{DATE|Mon 16 Oct 2023}} at {{HOSPITAL|Bambino Gesù}}, {{CITY|Roma}}
Repaired tetralogy, [[keep|RVEDVi 155 ml/m2]], [[keep|RVEF 45%]], free [[keep|PR]] (RF 40%). Branch PA stenosis mild.
Refertante: Dr {{NAME|Chiara Esposito}}; tecnico {{NAME|CE/gm}}""",
H("FERRARO^LUCA", "OPBG-771204", "OPBG23-1016-1", "20010509", "20231016", "OSPEDALE PEDIATRICO BAMBINO GESU", "ESPOSITO^CHIARA", "MORETTI^GIULIA"))

add("""Dear Dr {{NAME|Whitfield}},
I saw {{NAME|Summer Okafor}} on {{DATE|03/02/2022}} following her cardiac MRI at {{HOSPITAL|Mercy Heart Institute}}. She is a [[keep|27-year-old]] with a family history of sudden death. CMR: [[keep|LVEF 59%]], no LGE, [[keep|native T1 995 ms at 1.5T]], no [[keep|HCM]] phenotype. Genetic testing negative.
Her address has changed to {{ADDRESS|1850 Grand Ave, Apt 3}}, {{CITY|Des Moines}}, {{STATE|IA}} {{ZIP|50309}}; phone {{PHONE|515-555-0183}}.
Sincerely,
{{NAME|Priya Raman}}, MD""",
H("OKAFOR^SUMMER", "40093381", "ACC-22-020041", "19940822", "20220203", "MERCY HEART INSTITUTE", "WHITFIELD^MARCUS", "RAMAN^PRIYA"))

# ---------------------------------------------------------------- build
PAT = re.compile(r"\{\{([A-Z]+)\|(.*?)\}\}|\[\[keep\|(.*?)\]\]", re.S)
TYPES = "NAME DATE AGE ADDRESS CITY STATE ZIP PHONE FAX EMAIL URL IP ID ACCOUNT LICENSE DEVICE VEHICLE HOSPITAL OTHER".split()

def parse(marked):
    out, phi, keep, pos = [], [], [], 0
    n = 0
    for m in PAT.finditer(marked):
        out.append(marked[pos:m.start()]); n += m.start() - pos
        if m.group(1):
            t, s = m.group(1), m.group(2)
            assert t in TYPES, t
            phi.append({"start": n, "end": n + len(s), "type": t, "text": s})
        else:
            s = m.group(3)
            keep.append({"start": n, "end": n + len(s), "text": s})
        out.append(s); n += len(s); pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    assert "{{" not in text and "}}" not in text and "[[" not in text and "]]" not in text, text
    return text, phi, keep

def main():
    recs, ids = [], set()
    tc = collections.Counter(); nkeep = 0; nhead = 0
    for i, (marked, header) in enumerate(S, 1):
        rid = "u%03d" % i
        assert rid not in ids; ids.add(rid)
        text, phi, keep = parse(marked)
        for sp in phi + keep:
            assert text[sp["start"]:sp["end"]] == sp["text"], (rid, sp)
            assert sp["text"] == sp["text"].strip() and sp["text"], (rid, sp)
        spans = sorted([(p["start"], p["end"]) for p in phi + keep])
        for a, b in zip(spans, spans[1:]):
            assert a[1] <= b[0], (rid, a, b)
        if not (2 <= len(keep) <= 6):
            print("WARN keep count", rid, len(keep), file=sys.stderr)
        if not any(p["type"] == "NAME" for p in phi):
            print("WARN no NAME", rid, file=sys.stderr)
        r = {"id": rid, "text": text, "phi": phi, "keep": keep}
        if header:
            r["header"] = header; nhead += 1
        recs.append(r)
        tc.update(p["type"] for p in phi); nkeep += len(keep)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cardiology_tuning2.jsonl"), "w",
              encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("snippets", len(recs), "with header", nhead)
    for t in TYPES:
        print("%-9s %d" % (t, tc[t]))
    print("PHI total", sum(tc.values()), "keep", nkeep)

if __name__ == "__main__":
    main()
