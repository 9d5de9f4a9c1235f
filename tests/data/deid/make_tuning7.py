#!/usr/bin/python3
"""Build cardiology_tuning7.jsonl: 110 invented CMR-related snippets with PHI/keep annotations.

Markup: {{TYPE|text}} = PHI span; [[keep|text]] = clinical text that must survive.
All people, identifiers, phone numbers, e-mails and street addresses are invented.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

ALLOWED = {"NAME", "DATE", "AGE", "ADDRESS", "CITY", "STATE", "ZIP", "PHONE", "FAX",
           "EMAIL", "URL", "IP", "ID", "ACCOUNT", "LICENSE", "DEVICE", "VEHICLE",
           "HOSPITAL", "OTHER"}

SNIPPETS = []


def add(sid, text):
    SNIPPETS.append((sid, text.strip("\n")))

# ---------------------------------------------------------------- z001-z028
add("z001", """
CARDIAC MRI REPORT
Patient: {{NAME|ADEYEMI-BROWN, Folasade}}    Hosp No: {{ID|RBH4471903}}    DOB: {{DATE|14/07/1958}}
Referrer: Dr {{NAME|K Mensah}}, Heart Failure Clinic, {{HOSPITAL|Harefield Hospital}}
Indication: [[keep|breathlessness]], ?[[keep|DCM]]. Seen by heart failure nurse {{NAME|Rosie Page}} who documents [[keep|NYHA II]].
Findings: [[keep|LVEDV 212 ml]] ([[keep|118 ml/m2]]), [[keep|LVEF 34%]] by [[keep|Simpson's biplane]]. [[keep|Mid-wall LGE]] in the [[keep|basal septum]]. [[keep|Moderate functional MR]]. See [[keep|page 2]] for tissue characterisation.
Dictated by doctor {{NAME|ahmed}} this morning comma he has discussed with the patient full stop
""")

add("z002", """
(0010,0010) PatientName: {{NAME|KOWALCZYK^TOMASZ^JAN}}
(0010,0020) PatientID: {{ID|H29930174}}
(0010,0030) PatientBirthDate: {{DATE|19620311}}
(0008,0020) StudyDate: {{DATE|20240305}}
(0008,0050) AccessionNumber: {{ID|FRH24MR008812}}
(0008,0080) InstitutionName: {{HOSPITAL|Freeman Hospital}}
(0008,0090) ReferringPhysicianName: {{NAME|NGUYEN^THI^HUONG}}^^DR
(0008,1070) OperatorsName: {{NAME|LEHTINEN^AINO}}
(0018,0087) MagneticFieldStrength: [[keep|1.5]]
(0008,103E) SeriesDescription: [[keep|SAX_cine_bSSFP]]
(0008,103E) SeriesDescription: [[keep|LGE_PSIR_4CH]]
(0018,1000) DeviceSerialNumber: {{DEVICE|MRC45817}}
""")

add("z003", """
#|Date|Reporter|Second reader|Discrepancy|Grade
1|{{DATE|04/03/2024}}|{{NAME|Okonkwo}}|{{NAME|Fitzgerald-Ward}}|[[keep|LGE]] in [[keep|inferolateral wall]] missed; [[keep|myocarditis]] by [[keep|Lake Louise criteria]]|2
2|{{DATE|06/03/2024}}|{{NAME|S. Bhattacharya}}|{{NAME|Ward}}|[[keep|ECV 34%]] typed as [[keep|24%]]; [[keep|amyloid]] conclusion unchanged|1
3|{{DATE|11/03/2024}}|{{NAME|lindqvist}}|{{NAME|O'Sullivan}}|raised on [[keep|ward round]]: ?[[keep|apical HCM]] - agree with original|0
""")

add("z004", """
From: {{NAME|Maria Conceição Ferreira}} <{{EMAIL|mc.ferreira71@gmail.com}}>
Sent: {{DATE|Tue 12 Mar 2024 21:47}}
Subject: my husband's scan

Hello, my husband {{NAME|Joaquim}} had his heart scan last week. Dr {{NAME|Frost}} said the [[keep|ejection fraction]] was [[keep|45%]] and there was some [[keep|scarring]]. He is very worried. Can someone ring me on {{PHONE|07700 900481}}? Our son {{NAME|Tiago}} can translate if needed.
Obrigada, {{NAME|Maria}}
""")

add("z005", """
GP REFERRAL - CARDIAC MRI
Practice: {{HOSPITAL|Carronvale Medical Practice}}, {{ADDRESS|14 Rowan Terrace}}, {{CITY|Falkirk}} {{ZIP|FK2 7QD}}
Referring GP: Dr {{NAME|Eilidh MacLennan}}   GMC: {{LICENSE|7012345}}
Patient: Mr {{NAME|Callum Duncan}}   CHI: {{ID|1107634821}}
Reason: [[keep|palpitations]], [[keep|NSVT]] on Holter. Brother died suddenly aged [[keep|34]]. ?[[keep|ARVC]].
Exam: soft murmur heard best with the [[keep|bell]] at the apex.
ECG: [[keep|T-wave inversion V1-V3]]. Please copy to Dr {{NAME|Bell}} (EP) and to me.
Patient mobile {{PHONE|07700 900118}}
""")

add("z006", """
MR2 LIST  {{DATE|Wednesday 13 March 2024}}
08:00  {{NAME|HASSAN, Yusuf Abdi}}     {{ID|K482913}}  [[keep|Stress perfusion]] (adenosine)    Rad: {{NAME|Liz}}
08:45  {{NAME|Tran Van Minh}}          {{ID|K500172}}  [[keep|Myocarditis protocol]]            Rad: {{NAME|Liz}}
09:30  {{NAME|O'Brien-Lamb, Niamh}}    {{ID|K119384}}  Congenital - [[keep|Fontan]] assessment   GA: Dr {{NAME|Lamb}}
10:15  {{NAME|Kealoha, Makana}}        {{ID|K337201}}  [[keep|Amyloid]] ([[keep|T1 mapping]] + [[keep|ECV]])  [[keep|1.5T]] only - [[keep|PPM]]
NB Dr {{NAME|Lamb}} not related to {{NAME|Niamh}} - she asked at pre-assessment.
""")

add("z007", """
{{DATE|2024-03-04 10:12}} viewed by {{NAME|jpatel4}} (ws {{IP|10.41.7.23}})
{{DATE|2024-03-04 10:15}} draft saved by {{NAME|mkowalski}}
{{DATE|2024-03-04 11:02}} verified by Dr {{NAME|Agnieszka Kowalski}}
{{DATE|2024-03-04 11:03}} distributed to Dr {{NAME|R. Hart}} cc GP {{NAME|Hollingsworth}}
{{DATE|2024-03-04 14:40}} printed by ward clerk {{NAME|Bev}}
Excerpt: "[[keep|heart rate 58 bpm]] at rest rising to [[keep|heart rate 84 bpm]] with [[keep|regadenoson]]; [[keep|no inducible perfusion defect]]."
""")

add("z008", """
CMR ON-CALL HANDOVER (Fri night)
1. Bed 12 Mrs {{NAME|Gwen Pritchard}} ({{AGE|91}}), [[keep|severe AS]], for [[keep|AV planimetry]] tmrw. Daughter {{NAME|Sian}} {{PHONE|07700 900233}}.
2. mr {{NAME|okafor}} bed 4 - [[keep|LV thrombus]] on CMR, started [[keep|apixaban]]; tell dr {{NAME|moody}} in am
3. {{NAME|Pham Thi Lan}} claustro, needs [[keep|lorazepam]] pre-scan per SpR {{NAME|Ishikawa}}
Bleep SpR {{PHONE|2231}}. Handed over {{NAME|DK}} -> {{NAME|FM}}.
""")

add("z009", """
CONSENT FOR CARDIAC MRI WITH GADOLINIUM CONTRAST
Patient name: {{NAME|Ayşe Nur Yılmaz}}     Date of birth: {{DATE|02.09.1979}}
Risks explained including allergic reaction and [[keep|nephrogenic systemic fibrosis]]. [[keep|eGFR 78]].
Contrast: [[keep|gadobutrol 0.1 mmol/kg]]
Witness: {{NAME|Mehmet Yılmaz}} (husband)      Interpreter: {{NAME|Elif Demir}}
Clinician obtaining consent: Dr {{NAME|T Adebayo}}, Cardiology Registrar, ext {{PHONE|4471}}
Date: {{DATE|18/3/24}}
""")

add("z010", """
PATIENT TRANSPORT REQUEST
Name: {{NAME|LEUNG Ka Wai}}      NHS no: {{ID|485 777 3456}}
Pick-up: {{ADDRESS|Flat 3, 27 Kelvinhaugh Court}}, {{CITY|Glasgow}} {{ZIP|G3 8PX}}
To: {{HOSPITAL|Golden Jubilee National Hospital}}, MRI
Appointment: {{DATE|21/03/2024 09:15}}
Walks with frame, [[keep|on 2L oxygen]]. [[keep|ICD]] in situ ([[keep|MR-conditional]]), serial {{DEVICE|PZX603114S}}.
Escort: wife {{NAME|Mei Ling}}. Requested by ward clerk {{NAME|Shona}}.
""")

add("z011", """
INTERPRETER BOOKING
Language: Tigrinya   Patient: {{NAME|Tesfay Gebremedhin}}   MRN {{ID|0091824}}
When: {{DATE|Thursday 21st March 2024}} 14:00, CMR suite
Interpreter: {{NAME|Selam}} (agency line {{PHONE|020 7946 0113}})
Clinician: Sister {{NAME|Hannah Bloom}}, CMR nurse
Please explain [[keep|breath-holds]] of [[keep|10-15 seconds]] and the [[keep|adenosine]] side effects. Sternal wires cause [[keep|blooming artefact]] - not a concern.
""")

add("z012", """
ADDENDUM {{DATE|15/03/2024}}: After MDT review with Dr {{NAME|Simpson}} and Dr {{NAME|Achterberg}}, [[keep|LVEF]] was re-measured by [[keep|Simpson's method]] at [[keep|52%]] (first report [[keep|42%]], a transcription error by {{NAME|KLM}}). Conclusion of [[keep|no significant LV impairment]] unchanged. Dr {{NAME|Nkechi Eze}} (referrer) informed by phone.
{{NAME|P. Simpson}} FRCP, Consultant Cardiologist
""")

add("z013", """
mrn,initials,dob,scan_date,lvedvi,lvef,lge,native_t1,ecv,dx
{{ID|40219837}},{{NAME|JRW}},{{DATE|1961-04-22}},{{DATE|2023-11-08}},[[keep|96]],[[keep|58]],[[keep|none]],[[keep|1012]],[[keep|26]],[[keep|normal]]
{{ID|40301174}},{{NAME|AO}},{{DATE|1974-09-30}},{{DATE|2023-11-09}},[[keep|131]],[[keep|38]],[[keep|midwall]],[[keep|1068]],[[keep|29]],[[keep|DCM]]
{{ID|40188520}},{{NAME|MdlC}},{{DATE|1955-01-17}},{{DATE|2023-11-09}},[[keep|71]],[[keep|67]],[[keep|diffuse subendocardial]],[[keep|1150]],[[keep|44]],[[keep|amyloid]]
""")

add("z014", """
{"patient": "{{NAME|Sørensen, Ingrid Marie}}", "mrn": "{{ID|RH-2209314}}", "scan_date": "{{DATE|2024-02-19}}", "reporter": "{{NAME|a.haddad}}", "lvef": "[[keep|61%]]", "lge": "[[keep|subepicardial inferolateral]]", "t2": "[[keep|T2 58 ms]]", "impression": "[[keep|acute myocarditis]]", "cc": ["Dr {{NAME|Haddad}}", "{{NAME|B. Strand}}"]}
""")

add("z015", """
MRN	Patient	Consultant	Scan	Result
{{ID|7730215}}	{{NAME|NAKAMURA Haruto}}	Dr {{NAME|Ferris}}	{{DATE|10-Mar-2024}}	[[keep|HCM]], [[keep|max wall 19 mm]], [[keep|SAM]] with [[keep|MR]]
{{ID|7730988}}	{{NAME|Kim Min-jun}}	Dr {{NAME|Long}}	{{DATE|10-Mar-2024}}	[[keep|long-axis]] views limited, [[keep|LVEF 55%]]
{{ID|7731042}}	{{NAME|ABUBAKAR Hauwa}}	Dr {{NAME|Ferris}}	{{DATE|11-Mar-2024}}	[[keep|peripartum cardiomyopathy]], [[keep|LVEF 29%]]
""")

add("z016", """
Speech recognition draft - please check
The patient was scanned on {{DATE|the tenth of March}} and was seen by doctor {{NAME|mac donald}} afterwards. Doctor {{NAME|O. Connor}} will review the [[keep|late gadolinium]] images. There is [[keep|transmural infarction]] of the [[keep|LAD territory]] with [[keep|microvascular obstruction]]. Copy to doctor {{NAME|van der berg}} at {{HOSPITAL|Basildon Hospital}} .
""")

add("z017", """
Report status: CORRECTED
Correction {{DATE|19/03/2024 16:05}} by Dr {{NAME|Ngozi Chukwu}}: the patient's name on the original report was entered as "{{NAME|Chukwu, Ngozi}}" (the reporting doctor) instead of the patient "{{NAME|Chukwuma, Obinna}}". Hosp no {{ID|M0482217}} is correct. Clinical content ([[keep|moderate AR]], [[keep|regurgitant fraction 28%]], [[keep|aortic root 44 mm]]) is unchanged.
""")

add("z018", """
Dear Dr {{NAME|Pierce}},
Thank you for referring Mr {{NAME|Ewan Cross}}, {{AGE|93}}, whom we scanned on {{DATE|3/10/24}}. [[keep|Cross-sectional]] imaging shows [[keep|LVEF 48%]] with [[keep|inferior wall hypokinesia]] and [[keep|subendocardial LGE]] (<50%), suggesting [[keep|viable myocardium]]. [[keep|Mild MR]], [[keep|mild TR]].
Yours sincerely,
{{NAME|Imogen Fairweather-Ross}}, Consultant in Cardiac Imaging
""")

add("z019", """
pls book CMR {{DATE|thurs 14th}} for {{NAME|wojtek}} (Mr {{NAME|Wojciech Zieliński}}) - [[keep|myocarditis]] ?. trop peaked [[keep|1840]]. his partner {{NAME|gosia}} is NOK {{PHONE|07700 900390}}. thx {{NAME|becks}} (ward 9 nurse)
""")

add("z020", """
Impression:
1. [[keep|Dilated LV]] with [[keep|severe systolic dysfunction]] ([[keep|LVEF 22%]]).
2. [[keep|Non-ischaemic]] [[keep|midwall LGE]] - consider [[keep|DCM]] vs [[keep|cardiac sarcoid]]; [[keep|FDG-PET]] advised.
3. [[keep|ICD]] already implanted (SN {{DEVICE|RZK118204}}) - [[keep|artefact]] anterior wall.
Reported by Dr {{NAME|Ana Lúcia Santos}} / Fellow {{NAME|Ravi Iyer}}. Discussed with Dr {{NAME|Walker}} on the phone {{DATE|22.03.2024 14:32}}.
""")

add("z021", """
NOK: Mrs {{NAME|Fatima al-Rashid}} (wife) {{PHONE|0161 496 0722}}; son ({{NAME|Omar}}) aware of [[keep|HCM]] result and wants [[keep|family screening]]. Daughter {{NAME|Layla}} already scanned {{DATE|Sept 2023}} - [[keep|normal wall thickness]].
""")

add("z022", """
SCANNED BY: {{NAME|J. Smith}}  /  {{NAME|Okeke}}    DATE: {{DATE|07/03/2024}}
Sequences: [[keep|SAX]] stack, [[keep|2CH]], [[keep|3CH]], [[keep|4CH]], [[keep|T1 MOLLI]], [[keep|T2 mapping]], [[keep|LGE]].
Comments: pt moved during [[keep|LGE]] - repeated. [[keep|Field strength]] 3T. Physicist {{NAME|Nils Field}} asked to check [[keep|B0 shimming]].
""")

add("z023", """
Dict by: {{NAME|HK}}   Typed by: {{NAME|sb}}   Date typed: {{DATE|20/03/24}}   Verified: Dr {{NAME|Hyun-woo Kang}}
Ref: Dr {{NAME|Begum}}
Conclusion: [[keep|Takotsubo]] pattern - [[keep|apical ballooning]], [[keep|oedema]] on [[keep|T2 STIR]], no [[keep|LGE]].
""")

add("z024", """
Radiographer: {{NAME|Kofi Boateng}}    Sonographer: {{NAME|Akosua}}    Consultant: {{NAME|Halvorsen}}
Pt {{NAME|Ólafur Sigurðsson}} ([[keep|68]]) attended with his wife {{NAME|Guðrún}}. [[keep|Native T1 1095 ms]] (ref <1045), [[keep|ECV 32%]], [[keep|T2 49 ms]]. Pattern consistent with [[keep|cardiac amyloidosis]]; [[keep|DPD scan]] suggested.
""")

add("z025", """
Pt: {{NAME|DE LA CRUZ, Maria Theresa}}   DOB {{DATE|1948-06-05}}   MRN {{ID|PH-0038821}}
Hx: [[keep|Ebstein anomaly]] repaired as child. CMR: [[keep|RVEDVi 162 ml/m2]], [[keep|RVEF 41%]], [[keep|severe TR]]. [[keep|Atrialised RV]] noted.
Referred by Dr {{NAME|Bayani Reyes}} c/o Ms {{NAME|Lorna de la Cruz}} (niece).
""")

add("z026", """
FAO Dr {{NAME|Mann}}, Cardiology Secretaries
Re: {{NAME|Jaroslav Novák}}, d.o.b. {{DATE|12/12/1950}}
Please can you arrange a [[keep|stress CMR]] - [[keep|ischaemia]] in the [[keep|RCA territory]] on [[keep|SPECT]]. Patient's [[keep|BMI 34]]; will need the wide-bore. Many thanks, {{NAME|Hilary}} (secretary to Dr {{NAME|Mann}})
""")

add("z027", """
Attn: {{NAME|Adaeze}} / Dr {{NAME|Obi-Martins}} - the [[keep|T1 maps]] for {{NAME|BARNABY FROST}} need re-processing, [[keep|ROI]] was drawn over the [[keep|blood pool]]. Also note [[keep|frost]] on the car park today, patients arriving late. {{NAME|Dylan}}
""")

add("z028", """
{{NAME|Tevita Fifita}}, [[keep|42]] M, Tongan, via interpreter {{NAME|Mele}}.
[[keep|Rheumatic heart disease]]: [[keep|MS]] with [[keep|MVA 1.2 cm2]] by planimetry, [[keep|moderate AR]]. [[keep|LA 58 mm]]. [[keep|AF]].
Plan per Dr {{NAME|Tuilagi}}: discuss at valve MDT {{DATE|Mon 25 Mar}}.
""")
# ---------------------------------------------------------------- z029-z056
add("z029", """
PEER REVIEW LOG Q1
Reviewer: {{NAME|Chidi Nwachukwu}}   Original reporter: {{NAME|Wells}}   Case date: {{DATE|02 Feb 2024}}
Finding: [[keep|RV insertion point LGE]] called "[[keep|non-specific]]"; reviewer agrees. [[keep|Wells score]] in the ED notes was 1.5 - not relevant to CMR.
Feedback sent to {{NAME|Sam Wells}} by {{NAME|Chidi}} via {{EMAIL|chidi.nwachukwu@nhs.net}}.
""")

add("z030", """
Next of kin: {{NAME|HOPE, Grace}} (sister)  tel {{PHONE|07700 900771}}
Patient: {{NAME|Faith Abena Owusu}}   Hosp {{ID|G2093381}}
[[keep|Myocarditis]] follow-up at [[keep|6 months]] ({{DATE|2 April 2024}}): [[keep|LGE]] reduced, [[keep|T2 52 ms]] (normalised), [[keep|LVEF 60%]]. There is [[keep|hope]] she can return to sport. Discussed with {{NAME|Grace}} present.
""")

add("z031", """
To: {{NAME|rpatel}}; {{NAME|Nwosu, Chiamaka}}; {{NAME|Bishop, Thomas}}
Cc: cmr-admin
Sent: {{DATE|Mon 01/04/2024 07:58}}
Subject: RE: {{NAME|MALIK}} {{ID|1120394}} - urgent?
{{NAME|Tom}} - yes, [[keep|severe LV impairment]] ([[keep|LVEF 18%]]) and [[keep|LV apical thrombus 2.1 x 1.4 cm]]. Please tell the team. {{NAME|Chiamaka}}
""")

add("z032", """
Scan request - clinical details
Name: {{NAME|Björn Ekström}}   Age: [[keep|57]]   Ward: [[keep|CCU]]
Requested by: Dr {{NAME|Lundgren}} (Reg), bleep {{PHONE|6617}}
Question: [[keep|LV thrombus]] post [[keep|anterior STEMI]]? Echo poor windows.
Allergies: [[keep|iodinated contrast]] (rash).
Accepted by Consultant {{NAME|Sheikh}} {{DATE|27/03/2024}}.
""")

add("z033", """
The [[keep|ward round]] on {{DATE|28/3}} was led by Dr {{NAME|Ward}} who reviewed the CMR with the team. [[keep|Mid-wall LGE]] and [[keep|native T1 1120 ms]] raise concern for [[keep|myocarditis]] or [[keep|sarcoid]]. Dr {{NAME|Ward}} asked Fellow {{NAME|Ifeoma Ward}} (no relation) to book [[keep|cardiac PET]].
""")

add("z034", """
Interpretation by {{NAME|Siddharth Venkataraman}}, MD, FACC on {{DATE|March 10th, 2024}}
Patient: {{NAME|Ruiz-Hernández, José Luis}}   Acct: {{ACCOUNT|880412775}}   MRN: {{ID|00928173}}
{{HOSPITAL|Mayo Clinic}}, {{ADDRESS|200 First St SW}}, {{CITY|Rochester}}, {{STATE|MN}} {{ZIP|55905}}
[[keep|Bicuspid aortic valve]] with [[keep|moderate AS]] ([[keep|peak velocity 3.6 m/s]]) and [[keep|ascending aorta 46 mm]].
""")

add("z035", """
from Nurse {{NAME|Kaur}}: pt Mr {{NAME|Harpreet Singh Gill}} asked whether he can drive after the scan - told yes. His son {{NAME|Jas}} collecting him. Vehicle reg for parking permit {{VEHICLE|LK19 XRT}}. Scan ({{DATE|02-Apr-24}}) showed [[keep|LVEF 63%]], [[keep|no LGE]].
""")

add("z036", """
Rep by Dr {{NAME|Tuğba Aydın}} | Verified Dr {{NAME|Mustafa Arslan}} | {{DATE|05/04/2024 09:18}}
[[keep|Fabry disease]] follow-up: [[keep|low native T1 890 ms]], [[keep|basal inferolateral LGE]], [[keep|LV mass 142 g/m2]]. Compared with scan of {{DATE|April 2023}}: [[keep|LGE progressed]].
""")

add("z037", """
Sister {{NAME|M. Bernadette Flanagan}} rang re: Mr {{NAME|Paddy Flanagan}} (brother) - wants results. Explained we need his consent. Pt's [[keep|aortic root 51 mm]] at [[keep|sinuses]]; [[keep|Marfan clinic]] aware. Consultant {{NAME|Ó Briain}} informed.
""")

add("z038", """
MDT LIST - {{DATE|Fri 05/04/24}}
a) {{NAME|Rahimi, Mohammad-Reza}} - [[keep|ARVC]]? [[keep|RV dilatation]] ([[keep|RVEDVi 128 ml/m2]]), [[keep|RV dyskinesia]], meets [[keep|major criterion]]. Presenter: Dr {{NAME|Ferdowsi}}
b) {{NAME|Shirin Tehrani}} - [[keep|LV non-compaction]]? [[keep|NC:C ratio 2.4]]. Presenter: {{NAME|Kazemi}}
c) {{NAME|T. Major}} - [[keep|constrictive pericarditis]], [[keep|septal bounce]]. Presenter: Dr {{NAME|Major}}
""")

add("z039", """
Hi {{NAME|Bob}}, can you vet mrs {{NAME|bankole}} for Tues? [[keep|Hypertrophic cardiomyopathy]] screening, dad had [[keep|HCM]]. Cheers {{NAME|Liz}}
> Vetted - [[keep|standard HCM protocol]], add [[keep|T1 mapping]]. {{NAME|RB}}
""")

add("z040", """
Study: {{URL|https://pacs.leedsth.nhs.uk/viewer?acc=LTH2404551183}}
Patient {{NAME|Pawlak, Zofia}} | {{ID|LTH2404551183}}
[[keep|Congenitally corrected TGA]]: [[keep|systemic RV]] [[keep|EF 44%]], [[keep|moderate systemic AV valve regurgitation]].
Reported Dr. {{NAME|Chen Jia-Hui}} {{HOSPITAL|Leeds General Infirmary}}
""")

add("z041", """
Transcribed by {{NAME|dmn}} from dictation of Dr {{NAME|D'Souza}}. Please note possible mishearing: "[[keep|LGE]]" transcribed as "elegy" x2 and "Dr. {{NAME|Desoto}}" probably Dr {{NAME|D'Souza}}. [[keep|Epicardial LGE]] [[keep|lateral wall]], [[keep|pericardial effusion 6 mm]].
""")

add("z042", """
Patient feedback card: "Thank you to Nurse {{NAME|Joy}} and the lovely radiographer {{NAME|Anh}} who held my hand. The machine was loud but the [[keep|joy]] of finally knowing it is not [[keep|heart failure]] was worth it." - Mrs {{NAME|Edna Whitlock}}, {{AGE|94}}
""")

add("z043", """
Billing: {{ACCOUNT|INS-4471-0983-2}} (Bupa)   Auth code {{ACCOUNT|PA77120}}
Patient: {{NAME|Wiremu Ngata}}   DOB {{DATE|30 Nov 1966}}
[[keep|CPT 75561]] - [[keep|cardiac MRI with contrast]]. Findings: [[keep|LVEF 51%]], [[keep|focal LGE]] at [[keep|RV insertion points]].
Authorised by {{NAME|Hemi}} at the {{CITY|Auckland}} office.
""")

add("z044", """
Fellow {{NAME|Ikechukwu}} pre-reported; Consultant {{NAME|Banks}} amended. [[keep|Aortic coarctation]] repair: [[keep|re-coarctation]] with [[keep|isthmus 9 mm]], [[keep|collaterals]]. Mrs {{NAME|Banks}} (patient, no relation) to be told in clinic.
""")

add("z045", """
{{DATE|Mon 8 Apr}} - slot given to {{NAME|Siaosi Leavasa}}; swap with {{NAME|AHMADI Parisa}} who is now {{DATE|Tue 9 Apr}} 11:30. Both [[keep|stress perfusion]]. {{NAME|Parisa}} has [[keep|asthma]] so use [[keep|dobutamine]] not [[keep|adenosine]]. - {{NAME|Kat}} (bookings)
""")

add("z046", """
{{NAME|GONZÁLEZ Itzel}} / {{ID|HSJ-339012}} / {{DATE|09-04-2024}}
[[keep|Chagas cardiomyopathy]]: [[keep|apical aneurysm]], [[keep|inferolateral LGE]], [[keep|LVEF 37%]]. Dr {{NAME|Tlatoa}} to discuss with family (husband {{NAME|Ramón}}).
""")

add("z047", """
Result phoned to Dr {{NAME|Strain}} by {{NAME|Pedersen}}: [[keep|global longitudinal strain]] [[keep|-12%]], [[keep|LVEF 50%]], [[keep|patchy LGE]]. Suspect [[keep|cardiac sarcoidosis]]. Dr {{NAME|Strain}} agreed with [[keep|FDG-PET]].
""")

add("z048", """
pt: {{NAME|nguyen van hai}}   dob {{DATE|4/5/71}}   hosp {{ID|5530291}}
ind: [[keep|chest pain]], [[keep|trop rise]], [[keep|unobstructed coronaries]] ([[keep|MINOCA]])
res: [[keep|subendocardial LGE]] [[keep|inferior wall]] -> [[keep|infarct]]; [[keep|no myocarditis]]
rep: dr {{NAME|le minh chau}}
""")

add("z049", """
COVER SHEET  [[keep|page 1 of 3]]
To: Dr {{NAME|Chambers}}, {{HOSPITAL|Royal Papworth Hospital}}   Fax: {{FAX|01223 496 900}}
From: {{NAME|Rhiannon Price}}, CMR Unit   Tel: {{PHONE|029 2074 3100}}
Re: {{NAME|LLEWELLYN, Dafydd}}
[[keep|Four-chamber]] cine shows [[keep|biatrial enlargement]], [[keep|restrictive filling]]; ?[[keep|amyloid]]. [[keep|page 2]] report, [[keep|page 3]] images.
""")

add("z050", """
Cath lab / CMR combined study. [[keep|Swan-Ganz]] catheter placed by Dr {{NAME|Swan}} ([[keep|PA pressure 48/22]], [[keep|PCWP 21]]). CMR: [[keep|RVEF 35%]], [[keep|septal flattening]], [[keep|RV insertion point LGE]]. Impression: [[keep|pulmonary hypertension]] with [[keep|RV dysfunction]].
Verified: Dr {{NAME|Alasdair Swan}}   Transcribed: {{NAME|JW/km}}
""")
add("z051", """
REPORT AMENDED {{DATE|10th of March 2024}}
Reason: wrong side. "[[keep|LV]]" should read "[[keep|RV]]" in para 2. Amended by {{NAME|Moana Kereama}} at request of Dr {{NAME|Bell}}. Original reported by {{NAME|KEREAMA M}}.
Para 2 (amended): [[keep|RV free wall]] [[keep|microaneurysms]], [[keep|RVEF 38%]]. The [[keep|bell-shaped]] RV outflow tract is normal for age.
""")

add("z052", """
Family contact: husband {{NAME|Dmitri}} ({{PHONE|+44 7700 900652}}); daughter {{NAME|Anastasia Volkova}} lives in {{CITY|Riga}}.
Patient {{NAME|Volkova, Yelena Sergeyevna}} - [[keep|anthracycline cardiotoxicity]] surveillance: [[keep|LVEF 49%]] (prev [[keep|58%]]), [[keep|GLS -14%]], [[keep|native T1 1060 ms]]. Oncologist Dr {{NAME|Ozols}} informed.
""")

add("z053", """
DISCREPANCY MEETING MINUTES {{DATE|18 April 2024}}
Present: {{NAME|Hussein}}, {{NAME|Gallagher}}, {{NAME|Thapa}}, {{NAME|Ruth Blood}} (minutes)
Case 1: [[keep|thrombus]] vs [[keep|slow flow]] in [[keep|LAA]] - [[keep|blood pool]] signal on [[keep|early gadolinium]] resolved query. Dr {{NAME|Blood}} to feed back.
Case 2: [[keep|HCM]] vs [[keep|athlete's heart]] - [[keep|max wall 14 mm]], [[keep|normal ECV]]; consensus athlete. Presented by {{NAME|Prakash Thapa}}.
""")

add("z054", """
Radiographer notes - {{NAME|Dawn}} / {{NAME|Precious}}
Pt weight 112 kg, [[keep|HR 92]] irregular ([[keep|AF]]) - used [[keep|real-time cine]]. [[keep|Gating]] poor. Pt's carer {{NAME|Blessing Okonkwo}} stayed in control room.
""")

add("z055", """
CMR: [[keep|apical HCM]] with [[keep|apical aneurysm]] and [[keep|apical LGE]]. [[keep|Max wall 21 mm]]. [[keep|SCD risk]] 5.1% at 5 years.
Plan: refer to Prof {{NAME|Yamamoto}} for [[keep|ICD]] discussion.
{{NAME|YAMAMOTO Kenji}} MD PhD, Consultant. Sec: {{NAME|Tomoko}} ext {{PHONE|5502}}
""")

add("z056", """
e-RS referral text: "Dear colleague, please see Ms {{NAME|Sunita Rao}} (DOB {{DATE|01/02/1983}}) who has [[keep|exertional syncope]]. Echo by sonographer {{NAME|Gareth}} suggested [[keep|LVOT obstruction]]. I would value a CMR to confirm [[keep|HCM]] and assess [[keep|LGE]]. Kind regards, Dr {{NAME|Ifan Rees-Jones}}, {{HOSPITAL|Ysbyty Gwynedd}}"
""")
# ---------------------------------------------------------------- z057-z083
add("z057", """
Scanned by {{NAME|Ngaire}} & {{NAME|Tjandra}}. Reported: Dr {{NAME|Jarrah Williams}} (Wiradjuri), {{HOSPITAL|Royal Prince Alfred Hospital}}, {{CITY|Sydney}}.
Scan {{DATE|3 April 2024}}. [[keep|Williams syndrome]] - [[keep|supravalvar AS]], [[keep|peak gradient 38 mmHg]]; [[keep|branch PA stenosis]] mild. [[keep|LVEF 66%]].
""")

add("z058", """
Patient portal reply
Dear Mr {{NAME|Hart}}, your [[keep|heart rate]] was a little slow during the scan ([[keep|48 bpm]]) which is normal for someone who trains. Your [[keep|heart]] pumping ([[keep|ejection fraction 57%]]) is normal and there is [[keep|no scarring]]. Dr {{NAME|Ogunleye}} will write to your GP, Dr {{NAME|Hartley}}.
Kind regards, {{NAME|Kirsty}} (CMR admin)
""")

add("z059", """
NOK / contacts
1. {{NAME|BIN ABDULLAH, Ahmad Faiz}} - son - {{PHONE|+60 12-345 6789}}
2. {{NAME|Nur Aisyah binti Ahmad}} - daughter-in-law
Patient: {{NAME|Abdullah bin Hamid}}   IC/MRN {{ID|MY-0044198}}
[[keep|Ischaemic cardiomyopathy]], [[keep|LVEF 27%]], [[keep|viability]]: >50% transmural LGE in [[keep|LAD territory]] -> [[keep|non-viable]].
""")

add("z060", """
SpR {{NAME|Kwame}} asked me to add: [[keep|PS]] after [[keep|Ross procedure]] - [[keep|RV-PA conduit]] peak velocity [[keep|3.1 m/s]], [[keep|neo-aortic root 39 mm]]. [[keep|Mild AR]]. Pt {{NAME|Glenn Ross-Abbott}}, [[keep|31]]; op by Mr {{NAME|Kirkland}} [[keep|2009]], last CMR {{DATE|14th Feb 2022}}. - {{NAME|A. Mensah-Bonsu}}
""")

add("z061", """
Registrar {{NAME|Ioana Popescu}} - please re-contour [[keep|endocardial borders]] for {{NAME|DUMITRESCU Vasile}} ({{ID|RJ-22018443}}). [[keep|LVESV]] looks wrong; [[keep|LVEF 70%]] vs visual ~[[keep|50%]]. Compare with {{DATE|12 ianuarie 2024}} study from {{HOSPITAL|Spitalul Clinic Fundeni}}.
""")

add("z062", """
Handover to HO {{NAME|Amira El-Sayed}} from {{NAME|Youssef Ben Ali}}:
- {{NAME|el-masri}} (bed 22) CMR today 14:00 - needs [[keep|cannula]] (green) & fasting not needed.
- MS {{NAME|BEN-DAVID}} (bed 3): [[keep|MS]] (mitral stenosis) & [[keep|PR]] noted on echo, CMR to quantify [[keep|PR]].
Questions to Reg {{NAME|Sarraf}}.
""")

add("z063", """
CMR REPORT (template)
Name: {{NAME|Ng, Wing Chi Kelvin}}
DOB: {{DATE|1949/03/08}}
Age: [[keep|75]]
Referring clinician: Dr {{NAME|Chan Tai Man}}
Clinical indication: [[keep|AS]], [[keep|low-flow low-gradient]]
Aortic valve: [[keep|tricuspid]], [[keep|AVA 0.8 cm2]], [[keep|AR]] trace
LV: [[keep|LVEF 40%]], [[keep|stroke volume index 31 ml/m2]]
Reporter: {{NAME|Cheung, Ka Ho}}
""")

add("z064", """
Nurse {{NAME|Rose}} gave [[keep|regadenoson 400 mcg]]; [[keep|heart rate]] rose from [[keep|62]] to [[keep|91]]. BP rose slightly. Patient Mr {{NAME|Ahanu Whitehorse}} ([[keep|59]]) tolerated well. Stress done {{DATE|Wed 10th April}}. Perfusion: [[keep|inducible defect]] [[keep|basal-mid inferolateral]] ([[keep|2 segments]]).
""")

add("z065", """
Audit trail
{{DATE|06/04/2024 08:01:44}}  LOGIN   {{NAME|swilson2}}   {{IP|192.168.40.17}}
{{DATE|06/04/2024 08:03:10}}  OPEN    accession {{ID|RBH24C004418}}
{{DATE|06/04/2024 08:19:52}}  SIGN    {{NAME|Wilson, Sarah J}}
{{DATE|06/04/2024 08:20:05}}  EMAIL   {{EMAIL|cardiology.results@rbht.nhs.uk}}
Report line: "[[keep|LVEF 58%]], [[keep|RVEF 55%]], [[keep|no LGE]]."
""")

add("z066", """
Speech rec: "the patient miss {{NAME|fern and ezz}} was seen by doctor {{NAME|oh sullivan}} on {{DATE|march the twelfth}}. [[keep|T2 weighted]] imaging shows [[keep|myocardial oedema]] in the [[keep|lateral wall]]. [[keep|E C V]] thirty one percent."
Corrected: Miss {{NAME|Fernandez}}, Dr {{NAME|O'Sullivan}}.
""")

add("z067", """
Dr {{NAME|Pace}} (EP) asks: is the [[keep|pacemaker]] lead causing [[keep|TR]]? CMR: [[keep|moderate TR]], [[keep|RVEDVi 110 ml/m2]]. Device: [[keep|Medtronic Azure XT DR MRI SureScan]], SN {{DEVICE|RNB448201H}}. [[keep|Pacing]] mode set to [[keep|DOO]] for scan by physiologist {{NAME|Kemal}}.
""")

add("z068", """
Patient list for CMR consent clinic {{DATE|Thu 11/04}}:
{{NAME|Olayinka, Babatunde}}
{{NAME|O'Neill-Moss, Siobhan}}
{{NAME|Papadopoulos, Georgios}}
{{NAME|Xu Ming}}
{{NAME|Tsosie, Darlene}}
All for [[keep|gadolinium]]; {{NAME|Papadopoulos}} [[keep|eGFR 32]] - discuss with Dr {{NAME|Moss}}. Ramp to MRI slippery - [[keep|moss]] being cleared by estates.
""")

add("z069", """
Referral letter excerpt: "I saw this {{AGE|90}}-year-old gentleman, Mr {{NAME|Hamish Lamb}}, with his daughter {{NAME|Kirsteen}}. He reports breathlessness after walking to the shop for [[keep|lamb]] chops. Echo: [[keep|EF 35%]]. CMR requested for [[keep|ischaemic vs non-ischaemic]]." - Dr {{NAME|Morag Baird}}, {{HOSPITAL|Raigmore Hospital}}, {{CITY|Inverness}}
""")

add("z070", """
pipe export
{{ID|0048812}}|{{NAME|KOVAČEVIĆ^DRAGAN}}|{{DATE|19560214}}|M|[[keep|LVEF 45]]|[[keep|LGE subendo inf]]|{{NAME|BRKIC^ANA}}
{{ID|0048813}}|{{NAME|ŠIMKUS^RŪTA}}|{{DATE|19690722}}|F|[[keep|LVEF 62]]|[[keep|LGE none]]|{{NAME|BRKIC^ANA}}
{{ID|0048814}}|{{NAME|NIEMINEN^JUHA^PEKKA}}|{{DATE|19480301}}|M|[[keep|LVEF 31]]|[[keep|LGE transmural ant]]|{{NAME|TAMM^KADRI}}
""")

add("z071", """
Conclusion: [[keep|Cardiac sarcoidosis]] likely - [[keep|patchy subepicardial and midwall LGE]] [[keep|basal septum]] and [[keep|RV side]], [[keep|LVEF 46%]]. Recommend [[keep|FDG-PET]] and [[keep|Holter]].
cc: Dr {{NAME|Yaw Asante}}; GP Dr {{NAME|Kessler}}; patient ({{NAME|Efua Asamoah}}, {{ADDRESS|41 Brockley Rise}}, {{CITY|London}} {{ZIP|SE23 1JG}})
""")

add("z072", """
Message from {{NAME|Lucía Benítez}}, NP (heart failure): "Pt {{NAME|Carmen Morales Vda. de Ortiz}} asks if the [[keep|LV]] has improved on [[keep|sacubitril/valsartan]]." 
Reply: yes - [[keep|LVEF 29%]] -> [[keep|LVEF 41%]], [[keep|LVEDVi 142]] -> [[keep|118 ml/m2]]. [[keep|Reverse remodelling]]. Dr {{NAME|Ortiz}} (no relation) to see in clinic. - {{NAME|PB}}
""")

add("z073", """
TRANSPORT BOOKING  ref for {{NAME|Lindiwe Dlamini-Mokoena}}
Collect from: {{ADDRESS|9 Ashgrove Close}}, {{CITY|Sheffield}} {{ZIP|S10 3QT}}   Tel {{PHONE|0114 496 0377}}
Appt: {{DATE|Friday 12 April 2024, 13:00}}, CMR, {{HOSPITAL|Northern General Hospital}}
Needs: wheelchair, [[keep|oxygen]]. Reason for scan: [[keep|peripartum cardiomyopathy]] follow-up ([[keep|LVEF 38%]] last time).
Booked by {{NAME|Thabo}} for Dr {{NAME|Mokoena}}'s clinic.
""")

add("z074", """
Dr {{NAME|Wall}} reviewed: [[keep|regional wall motion]] abnormality [[keep|anterior wall]] and [[keep|apex]]; [[keep|wall thickness]] preserved; [[keep|LGE 25-50%]] -> likely recovery with [[keep|revascularisation]]. Per Dr {{NAME|Wall}}, list for [[keep|PCI]] with Dr {{NAME|Seo-yeon Park}} on {{DATE|16.04.2024}}.
""")

add("z075", """
Report summary for Mr {{NAME|Root}}: [[keep|aortic root]] [[keep|48 mm]] at [[keep|sinuses of Valsalva]], [[keep|sinotubular junction 36 mm]], [[keep|no coarctation]]. [[keep|Bicuspid AV]] ([[keep|Sievers type 1]]), [[keep|mild AR]]. Surgeon Mr {{NAME|Ogbonna}} to see. Patient's brother {{NAME|Clive Root}} also needs screening.
""")


add("z076", """
Protocol note (Dr {{NAME|Short}}): for [[keep|Kawasaki disease]] follow-up add [[keep|coronary MRA]] and [[keep|short-axis]] stack; [[keep|stress perfusion]] only if [[keep|aneurysm]] > 8 mm. Patient {{NAME|KAWASAKI Yui}} (the surname is coincidental) - [[keep|LAD aneurysm 6 mm]], [[keep|no LGE]]. Checked by {{NAME|Short}} & {{NAME|Tanaka}}.
""")

add("z077", """
From: Dr {{NAME|Aoife Noonan}}, clinical genetics
Re: {{NAME|Caoimhe Brady}}, [[keep|16]], [[keep|Noonan syndrome]] with [[keep|PTPN11]] variant. CMR: [[keep|biventricular hypertrophy]] ([[keep|IVS 17 mm]]), [[keep|dysplastic pulmonary valve]] with [[keep|moderate PS]]. Mum {{NAME|Deirdre}} present.
""")

add("z078", """
[[keep|Turner syndrome]] surveillance - Miss {{NAME|Paige Turner-Holt}} (DOB {{DATE|07/10/2001}})
[[keep|Aortic size index 2.1 cm/m2]], [[keep|bicuspid AV]], [[keep|elongated transverse arch]]. No [[keep|coarctation]].
Dr {{NAME|Holt}} (endocrine) copied. [[keep|Holt-Oram]] not relevant here. See [[keep|page 3]] of guideline.
""")

add("z079", """
From: {{NAME|May Chen}} <{{EMAIL|maychen.cmr@hku.hk}}>
To: {{NAME|Wong, Siu Ming}}
Date: {{DATE|2 May 2024 08:41}}
{{NAME|Ming}} - scan for {{NAME|CHOW Yuk Lan}} (HKID {{ID|A123456(7)}}) done. [[keep|Native T1 1210 ms]], [[keep|ECV 48%]], [[keep|difficult nulling]] - [[keep|amyloid]] [[keep|may]] be [[keep|ATTR]]; [[keep|PYP]] suggested. [[keep|Will]] send images by tonight.
{{NAME|May}}
""")

add("z080", """
Handover (weekend)
- {{NAME|Frank Ostrowski}} ([[keep|72]]): [[keep|frank]] [[keep|LV thrombus]] 18 mm on [[keep|early gad]] - anticoag started. Wife {{NAME|Halina}} aware.
- {{NAME|Will Abernethy}}: [[keep|will]] need repeat [[keep|LGE]] (motion). Dr {{NAME|Ingram}} to vet.
- {{NAME|June Adeleke}}: booked {{DATE|June 3rd}}; [[keep|myocarditis]] follow-up.
""")

add("z081", """
[[keep|Lake Louise 2018]]: [[keep|T2 criterion]] met ([[keep|T2 56 ms]]), [[keep|T1 criterion]] met ([[keep|native T1 1130 ms]], [[keep|non-ischaemic LGE]]). -> [[keep|acute myocarditis]] per [[keep|Lake Louise criteria]].
Reported by {{NAME|Louise Lake}} (Fellow) & Dr {{NAME|Austin Okoro}}. On auscultation no [[keep|Austin Flint murmur]].
""")

add("z082", """
Valve clinic letter: "Mrs {{NAME|Barlow}} has [[keep|Barlow's disease]] with [[keep|bileaflet prolapse]], [[keep|mitral annular disjunction 9 mm]] and [[keep|papillary muscle LGE]]. [[keep|MR]] [[keep|regurgitant volume 52 ml]] ([[keep|severe]]). I have discussed [[keep|mitral repair]] with Mr {{NAME|Hadžić}}." - Dr. {{NAME|Ebru Kaya}}
""")

add("z083", """
Endocarditis MDT: [[keep|modified Duke criteria]] - 1 major, 2 minor. CMR shows [[keep|aortic root abscess]] and [[keep|peri-annular LGE]]. Presented by Dr {{NAME|Duke}}; ID consultant {{NAME|Ramírez-Ochoa}}; micro {{NAME|Kaczmarek}}. Pt {{NAME|Tamati Walker}} (NHI {{ID|ZAB1234}}) transfer from {{HOSPITAL|Whangarei Hospital}}.
""")

add("z084", """
[Audit] {{DATE|2024-04-15T09:02:11Z}} user={{NAME|t.nakashima}} action=export study={{ID|ACC-24-771902}} dest={{IP|172.16.8.44}}
[Audit] {{DATE|2024-04-15T09:05:47Z}} user={{NAME|ADMIN_ROBERTSJ}} action=anonymise study={{ID|ACC-24-771902}}
Report fragment: "[[keep|LVEF 54%]], [[keep|LV mass 61 g/m2]], [[keep|no LGE]]; [[keep|mild MR]]."
""")

add("z085", """
Dr {{NAME|Dressler}} asks about pericardium: [[keep|pericardial LGE]] and [[keep|small effusion]] 3 weeks post-MI -> [[keep|Dressler syndrome]] possible. [[keep|LVEF 47%]]. Mr {{NAME|Ahmet Çelik}} ([[keep|61]]) with son {{NAME|Emre}}; interpreter not needed.
""")

add("z086", """
CONSENT - research sub-study (CMR-HF registry)
Participant: {{NAME|Kristjan Tamm}}   Hosp no {{ID|EE-55102873}}   Study no {{ID|HFR-0193}}
I agree to [[keep|extra T1 mapping]] and [[keep|4D flow]] sequences adding [[keep|15 minutes]].
Researcher: Dr {{NAME|Liisa Kask}}   Witness: {{NAME|Mart}} (partner)
Baseline: [[keep|LVEF 36%]], [[keep|ECV 30%]], [[keep|GLS -11%]].
""")

add("z087", """
Thai patient - interpreter Khun {{NAME|Siriporn}} booked via {{PHONE|0800 496 0150}}.
Patient: {{NAME|Somchai Wongsakul}} ({{NAME|Chai}}), [[keep|66]], [[keep|thalassaemia]] - [[keep|T2* 14 ms]] ([[keep|mild iron loading]]), [[keep|LVEF 59%]]. Haematologist Dr {{NAME|Pongsakorn}} cc'd.
""")

add("z088", """
Pt: {{NAME|SANTOS, JOÃO PEDRO}}   MRN {{ID|PT-88214}}
Vista por Dr {{NAME|Inês Carvalho}} em {{DATE|14/05/2024}}.
CMR: [[keep|cardiomiopatia hipertrófica]] ([[keep|HCM]]), [[keep|septo 23 mm]], [[keep|LGE extenso]] (>15% LV mass). Discussed [[keep|ICD]] - Dr {{NAME|Carvalho}} and Dr {{NAME|Gonçalo Brito}}.
""")

add("z089", """
Per {{NAME|Yerlan}} (physicist), {{DATE|17 May}}: [[keep|3T]] unavailable, use [[keep|1.5T]]. For {{NAME|Aizhan Nurlanovna}} the [[keep|SAR]] limit was reached during [[keep|bSSFP]]; switched to [[keep|spoiled GRE]]. With {{NAME|Dana}} as second radiographer.
""")

add("z090", """
Sign-off:
Signed  {{NAME|Tomás Ó Súilleabháin}}  MB FRCR  {{DATE|16/05/2024}}
Checked {{NAME|H. McAllister}}
Typed   {{NAME|lk}}
[[keep|Pericardial thickening 5 mm]], [[keep|septal bounce]] on [[keep|real-time free-breathing cine]], [[keep|IVC plethora]] - [[keep|constrictive physiology]].
""")

add("z091", """
GP REFERRAL FORM
Patient: Mrs {{NAME|Oluwaseun Adekunle-Pierce}}   DOB: {{DATE|23 Aug 1972}}   NHS: {{ID|601 234 5678}}
Address: {{ADDRESS|112 Cowley Road}}, {{CITY|Oxford}} {{ZIP|OX4 1JE}}
Referrer: Dr {{NAME|A. Pierce}} (no relation), {{HOSPITAL|Temple Cowley Health Centre}}
Question: [[keep|myocarditis]] after viral illness? [[keep|Troponin 95 ng/L]]. Note: [[keep|pierced]] ears - metal studs to remove before scan.
""")

add("z092", """
surname	forename	dob	mri_date	lvef	rvef	lge_pct	dx	consultant
{{NAME|Oyelaran}}	{{NAME|Temitope}}	{{DATE|1980-12-02}}	{{DATE|2024-01-15}}	[[keep|44]]	[[keep|50]]	[[keep|12]]	[[keep|DCM]]	{{NAME|Hussain}}
{{NAME|Zhang}}	{{NAME|Wei}}	{{DATE|1967-05-19}}	{{DATE|2024-01-16}}	[[keep|58]]	[[keep|57]]	[[keep|0]]	[[keep|HCM]]	{{NAME|Hussain}}
{{NAME|Mäkinen}}	{{NAME|Eero}}	{{DATE|1959-08-27}}	{{DATE|2024-01-16}}	[[keep|32]]	[[keep|28]]	[[keep|22]]	[[keep|ARVC]]	{{NAME|Young}}
""")

add("z093", """
Patient portal - message from {{NAME|Lee Ji-eun}} ({{NAME|Jenny}})
"Dr {{NAME|Young}} told me the scan is normal because I am [[keep|young]], but I still get palpitations. My mother {{NAME|Park Soon-ja}} had [[keep|HCM]]. Can I have the report?"
Reply by {{NAME|Helen Young}}, CMR nurse: your [[keep|LV wall thickness]] is [[keep|9 mm]], [[keep|LVEF 64%]], [[keep|no LGE]]. A copy has been posted.
""")

add("z094", """
Discrepancy {{DATE|Feb 14, 2024}} | reporter: {{NAME|Best}} | reviewer: {{NAME|Adeyinka}}
[[keep|Apical thrombus]] [[keep|best seen]] on [[keep|early gadolinium]] [[keep|2CH]] not mentioned. Dr {{NAME|Best}} accepted; patient {{NAME|Garfield Campbell}} recalled for [[keep|anticoagulation]] by GP Dr {{NAME|Nwankwo}}.
""")

add("z095", """
[[keep|Ward 5]] nurse station note: {{NAME|Ma. Cristina Dizon-Bautista}} ({{NAME|Tina}}) for CMR {{DATE|2024/05/20}}. Staff nurse {{NAME|Jhun-Jhun}} to escort. Dr {{NAME|Small}} reviewed echo - [[keep|small pericardial effusion]], [[keep|LVEF 50%]]; CMR to exclude [[keep|constriction]]. Husband {{NAME|Rodel}} {{PHONE|+63 917 555 0142}}.
""")

add("z096", """
Billing/insurance
Member: {{NAME|Begay, Kai T.}}   Member ID {{ACCOUNT|IHS-77201934}}   Claim {{ACCOUNT|CLM-2024-118302}}
Address: {{ADDRESS|HC 61 Box 2287}}, {{CITY|Tuba City}}, {{STATE|AZ}} {{ZIP|86045}}
Facility: {{HOSPITAL|Flagstaff Medical Center}}
Service: [[keep|cardiac MRI]] ([[keep|myocarditis protocol]]). Dx: [[keep|myocarditis]], [[keep|LVEF 48%]].
""")

add("z097", """
night note: ?[[keep|LGE]] artefact vs real - dr {{NAME|still}} to look at [[keep|still frames]] tomorrow. pt {{NAME|ahmadzai}} anxious, brother {{NAME|naveed}} on phone. [[keep|lvef 52]], [[keep|no mr]]. - {{NAME|gk}}
""")

add("z098", """
Conclusion (Dr {{NAME|Eleni Papadaki}}, reviewed with Dr {{NAME|Christos Georgiou}}):
[[keep|Repaired tetralogy of Fallot]]: [[keep|RVEDVi 165 ml/m2]], [[keep|severe PR]] ([[keep|regurgitant fraction 44%]]), [[keep|RVOT aneurysm]]. Meets criteria for [[keep|PVR]]. To surgical MDT with Mr {{NAME|Kostas Nikolaidis}}.
""")

add("z099", """
Dr {{NAME|Okafor}}'s patient Mr {{NAME|Ezekwesili}} - Prof {{NAME|Lindahl}}'s list next Tue. [[keep|Stress CMR]]: [[keep|inducible ischaemia]] in [[keep|LCx territory]] ([[keep|3 segments]]). {{NAME|Lindahl}}'s registrar {{NAME|Nkem}} will consent.
""")

add("z100", """
Patient: {{NAME|AL-QAHTANI, ABDULRAHMAN SAEED}}   Ref: {{ID|KFSH-5501928}}
Family: {{NAME|Abu Fahad}} (father) and {{NAME|Umm Fahad}} asked for results in Arabic - interpreter {{NAME|Rania}}.
[[keep|LV non-compaction]] not confirmed ([[keep|NC:C 1.9]]); [[keep|LVEF 57%]]; [[keep|no LGE]]. Follow-up at {{HOSPITAL|King Faisal Specialist Hospital}}, {{CITY|Riyadh}}.
""")

add("z101", """
Dr {{NAME|Kourosh Farahani}} / Dr {{NAME|Nasrin Jafari}} - joint report {{DATE|20.5.24}}
[[keep|Thalassaemia major]]: [[keep|cardiac T2* 9 ms]] ([[keep|moderate iron]]), [[keep|liver T2* 2.1 ms]]. [[keep|LVEF 55%]]. Chelation per Dr {{NAME|Farahani}}.
""")

add("z102", """
ask {{NAME|marek}}/{{NAME|ola}} re: slot for pani {{NAME|wiśniewska}} - [[keep|ARVC]] fam screen. her son {{NAME|kuba}} also. [[keep|rv]] looked ok on echo, [[keep|tapse 19]]. -{{NAME|ag}}
""")

add("z103", """
DR {{NAME|OLUWADAMILARE FASHOLA}}
CONSULTANT CARDIOLOGIST, {{HOSPITAL|KING'S COLLEGE HOSPITAL}}
RE: MR {{NAME|DESMOND ACHEAMPONG}}, DOB {{DATE|09/09/1954}}, HOSP NO {{ID|KCH-J4471290}}
[[keep|AMYLOID]] SUSPECTED: [[keep|NATIVE T1 1180 MS]], [[keep|ECV 51%]], [[keep|DIFFUSE SUBENDOCARDIAL LGE]]. PLEASE REFER TO NATIONAL AMYLOIDOSIS CENTRE. SEEN WITH DR {{NAME|FASHOLA}} AND SPR {{NAME|BELLO}}.
""")

add("z104", """
Speech-recognition draft (uncorrected): "this is doctor {{NAME|nil a pat tell}} dictating on {{NAME|cross}} comma {{NAME|jeremy}} ... [[keep|cross-sectional]] [[keep|short axis]] images show [[keep|hypertrophy]] of the [[keep|interventricular septum]] measuring [[keep|twenty two millimetres]]"
Corrected by {{NAME|RT}}: Dr {{NAME|Nila Patel}} dictating on {{NAME|Cross, Jeremy}}.
""")

add("z105", """
[{"name": "{{NAME|Mendoza Quispe, Wilfredo}}", "dob": "{{DATE|1963-10-04}}", "site": "{{HOSPITAL|Hospital Rebagliati}}", "lvef": [[keep|39]], "lge": "[[keep|inferior transmural]]"},
 {"name": "{{NAME|Huamán, Rosa Elena}}", "dob": "{{DATE|1970-02-28}}", "site": "{{HOSPITAL|Hospital Rebagliati}}", "lvef": [[keep|61]], "lge": "[[keep|none]]"},
 {"name": "{{NAME|Ccori Mamani}}", "dob": "{{DATE|1988-07-11}}", "site": "{{HOSPITAL|Hospital Rebagliati}}", "lvef": [[keep|27]], "lge": "[[keep|midwall septal]]"}]
""")

add("z106", """
Scan note: [[keep|field of view]] reduced to 340 mm to avoid wrap; Dr {{NAME|Field}} happy. [[keep|Parallel imaging]] factor 2. Patient {{NAME|Marguerite Fontaine}} - [[keep|Fontan circulation]] ([[keep|extracardiac conduit]]), [[keep|single RV]] [[keep|EF 46%]], [[keep|fenestration]] patent, [[keep|Glenn]] anastomosis unobstructed. Mother {{NAME|Sylvie}} in scanner room.
""")

add("z107", """
Booking list {{DATE|Mon 27/05}}
09:00 {{NAME|HO Yee Man}} - [[keep|HCM]] f/u - rad {{NAME|So}}
09:45 {{NAME|Chan, Siu-fung (Ricky)}} - [[keep|stress]] - rad {{NAME|So}}
10:30 {{NAME|Ng Kwok Leung}} - [[keep|amyloid]] - rad {{NAME|Ng}}
Dr {{NAME|So}} says [[keep|so]] long as [[keep|eGFR]] > 30 give [[keep|gadolinium]].
""")

add("z108", """
Msg to CMR admin from {{NAME|Derek Moody}} ({{EMAIL|dmoody1962@btinternet.com}}): "My wife says I've been [[keep|moody]] since the scan. Dr {{NAME|Moody}} (no relation!) said the [[keep|scar]] is small - [[keep|LGE 4%]] - and my [[keep|pump function]] is [[keep|52%]]. Do I still need the [[keep|ICD]]?" Forwarded to Dr {{NAME|Imran Qureshi}}.
""")

add("z109", """
Fellow {{NAME|Aiyana Redcloud}} pre-read; Consultant {{NAME|Lachlan McKenzie}} verified {{DATE|28/05/2024 17:55}}.
[[keep|Cardiac sarcoid]]: [[keep|LGE]] [[keep|basal anteroseptum]] and [[keep|inferolateral]]; [[keep|LVEF 43%]]; [[keep|heart block]] - [[keep|pacemaker]] planned. Patient {{NAME|Warrick Jagamara}} from {{CITY|Alice Springs}}, escort Auntie {{NAME|Joan}}.
""")

add("z110", """
Report distribution ({{DATE|29 May 2024}}):
To: Dr {{NAME|Thandiwe Nkosi}}, {{HOSPITAL|Groote Schuur Hospital}}, {{CITY|Cape Town}}
cc: Mr {{NAME|Mogamat Isaacs}} (patient); GP Dr {{NAME|van der Walt}}; Sr. {{NAME|Nomvula Mahlangu}} (HF nurse)
Summary: [[keep|rheumatic MS]] ([[keep|MVA 1.0 cm2]]) with [[keep|moderate MR]], [[keep|LA volume 98 ml/m2]], [[keep|LVEF 60%]]; [[keep|RV systolic function]] preserved. For [[keep|balloon mitral valvotomy]] assessment.
""")

# ---------------------------------------------------------------- build + checks
TOKEN = re.compile(r"\{\{([A-Z]+)\|(.+?)\}\}|\[\[keep\|(.+?)\]\]", re.S)
TITLE = re.compile(r"^(dr|dr\.|mr|mrs|ms|miss|prof|sister|nurse|md|frcr|rn|np|pa-c)\b\.?\s", re.I)


def parse(sid, marked):
    out, phi, keep = [], [], []
    pos = 0
    length = 0
    for m in TOKEN.finditer(marked):
        chunk = marked[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        if m.group(1) is not None:
            typ, span = m.group(1), m.group(2)
            phi.append({"start": length, "end": length + len(span), "type": typ, "text": span})
        else:
            span = m.group(3)
            keep.append({"start": length, "end": length + len(span), "text": span})
        out.append(span)
        length += len(span)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    return text, phi, keep


def check(records):
    errors = []
    ids = [r["id"] for r in records]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    for r in records:
        t = r["text"]
        for marker in ("{{", "}}", "[[keep", "]]"):
            if marker in t:
                errors.append(f"{r['id']}: leftover markup {marker!r}")
        spans = []
        for s in r["phi"]:
            if s["type"] not in ALLOWED:
                errors.append(f"{r['id']}: bad type {s['type']}")
            if t[s["start"]:s["end"]] != s["text"]:
                errors.append(f"{r['id']}: phi offset mismatch {s}")
            if s["text"] != s["text"].strip() or not s["text"]:
                errors.append(f"{r['id']}: phi span has outer whitespace {s['text']!r}")
            if s["type"] == "NAME" and TITLE.match(s["text"]):
                errors.append(f"{r['id']}: title inside NAME span {s['text']!r}")
            if s["type"] == "AGE" and not (s["text"].isdigit() and int(s["text"]) > 89):
                errors.append(f"{r['id']}: AGE span not >89 {s['text']!r}")
            spans.append((s["start"], s["end"], "phi", s["text"]))
        for s in r["keep"]:
            if t[s["start"]:s["end"]] != s["text"]:
                errors.append(f"{r['id']}: keep offset mismatch {s}")
            if s["text"] != s["text"].strip() or not s["text"]:
                errors.append(f"{r['id']}: keep span has outer whitespace {s['text']!r}")
            spans.append((s["start"], s["end"], "keep", s["text"]))
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1]:
                errors.append(f"{r['id']}: overlapping spans {a} / {b}")
        if not r["keep"]:
            errors.append(f"{r['id']}: no keep spans")
    return errors


def main():
    records = []
    for sid, marked in SNIPPETS:
        text, phi, keep = parse(sid, marked)
        records.append({"id": sid, "text": text, "phi": phi, "keep": keep})
    expected = [f"z{i:03d}" for i in range(1, 111)]
    errors = check(records)
    if [r["id"] for r in records] != expected:
        missing = sorted(set(expected) - {r["id"] for r in records})
        errors.append(f"ids are not exactly z001-z110 in order; missing={missing}")
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    outp = Path(__file__).resolve().parent / "cardiology_tuning7.jsonl"
    with open(outp, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    c = Counter(s["type"] for r in records for s in r["phi"])
    nphi = sum(c.values())
    nkeep = sum(len(r["keep"]) for r in records)
    print(f"wrote {outp}: {len(records)} snippets, {nphi} phi spans, {nkeep} keep spans")
    for typ, n in c.most_common():
        print(f"  {typ:9s} {n:4d}  {100.0 * n / nphi:5.1f}%")


if __name__ == "__main__":
    main()
