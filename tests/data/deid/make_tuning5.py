#!/usr/bin/env python3
"""Build cardiology_tuning5.jsonl from inline markup: {{TYPE|text}} = PHI, [[keep|text]] = keep."""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cardiology_tuning5.jsonl")
TYPES = set("NAME DATE AGE ADDRESS CITY STATE ZIP PHONE FAX EMAIL URL IP ID ACCOUNT LICENSE DEVICE VEHICLE HOSPITAL OTHER".split())
PAT = re.compile(r"\{\{([A-Z]+)\|(.*?)\}\}|\[\[keep\|(.*?)\]\]", re.S)

def H(name, pid, acc, dob, sd, inst, ref, op):
    return {"PatientName": name, "PatientID": pid, "AccessionNumber": acc, "PatientBirthDate": dob,
            "StudyDate": sd, "InstitutionName": inst, "ReferringPhysicianName": ref, "OperatorsName": op}

S = []
def add(marked, header=None):
    S.append((marked, header))

# ---------------------------------------------------------------- snippets
add("PATIENT: {{NAME|OKONKWO, Chidi Emeka}}   DOB: {{DATE|14/03/1961}}   MRN: {{ID|LTH-448210}}\n"
    "Study date: {{DATE|11 Sept 2023}}. Referrer: Dr {{NAME|Adaeze Nwosu}}, {{HOSPITAL|Lagos University Teaching Hospital}}\n"
    "Indication: [[keep|DCM]], query myocarditis. [[keep|LVEF]] 31% on echo.\n"
    "Findings: mid-wall [[keep|LGE]] in the basal septum. Reported by Dr {{NAME|Babatunde Adeyemi}} FRCR; verified by {{NAME|B. Adeyemi}}.",
    H("OKONKWO^CHIDI^EMEKA", "LTH448210", "LUTH23-0091123", "19610314", "20230911", "LAGOS UNIV TEACHING HOSP", "NWOSU^ADAEZE", "ADEYEMI^BABATUNDE"))

add("Dear {{NAME|Olumide}},\n\nThank you for asking me to see Mrs {{NAME|Folake Adebayo-Smith}} again. "
    "Her CMR shows [[keep|asymmetric septal hypertrophy]] of 21 mm with patchy [[keep|LGE]]. "
    "We discussed with {{NAME|Folake}} and her daughter, {{NAME|Titilayo}}, the option of an [[keep|ICD]].\n\n"
    "Kind regards,\n\n{{NAME|Ngozi Eze}}\nConsultant Cardiologist\n\ncc: Dr {{NAME|Olumide Bankole}}, {{ADDRESS|14 Awolowo Road}}, {{CITY|Ikoyi}}")

add("Name: {{NAME|Tan Mei Ling}} (Mrs)   NRIC: {{ID|S7612345D}}\n"
    "Mrs {{NAME|Tan}} was counselled regarding gadolinium. eGFR 72. Consent taken by Nurse {{NAME|Hope Mensah}}.\n"
    "Protocol: [[keep|SAX]] cine, [[keep|native T1]] mapping, [[keep|ECV]] 27%.")

add("RADIOGRAPHER: Siobhan   SCANNER: [[keep|Siemens MAGNETOM Aera 1.5T]]\n", None)  # placeholder replaced below
S.pop()
add("Radiographer: {{NAME|Siobhan}}   Scanner: [[keep|Siemens MAGNETOM Aera 1.5T]]\n"
    "Patient {{NAME|MACLEOD, Ruairidh}} tolerated the study well. Breath-holds adequate.\n"
    "Second radiographer: {{NAME|Eilidh}}. Contrast: [[keep|gadobutrol]] 0.1 mmol/kg.\n"
    "Typed by: {{NAME|kmc}}  Date typed: {{DATE|02/02/2024}}",
    H("MACLEOD^RUAIRIDH^", "CHI0312578841", "GGC24CMR0442", "19780312", "20240201", "QUEEN ELIZABETH UNIV HOSP", "MACDONALD^CATRIONA", "SIOBHAN"))

add("MDT NOTE - inherited cardiac conditions\nPresent: Dr {{NAME|Simpson}} (chair), Dr {{NAME|Priya Raghunathan}}, Sister {{NAME|Fontaine}}, {{NAME|Gráinne Ó Súilleabháin}} (genetic counsellor)\n"
    "Case: {{NAME|Liam O'Driscoll}}, [[keep|34]] y. Biplane [[keep|Simpson's method]] EF 48%. [[keep|ARVC]] Task Force criteria: 1 major.\n"
    "Action: Dr {{NAME|Simpson}} to contact {{NAME|Liam}} re cascade screening.")

add("NOK: Mr {{NAME|Liam O Driscoll}} (husband), tel {{PHONE|087 442 1193}}\n"
    "Patient: {{NAME|Aoife O Driscoll}}, [[keep|41]]F. Post [[keep|Ross procedure]] 2009. Mild [[keep|AR]] of the autograft.\n"
    "Discussed with {{NAME|Aoife}} by Mr {{NAME|Ross}} (cardiac surgeon) on {{DATE|4 March 2024}}.")

add("Results e-mail\nFrom: {{EMAIL|bridget.kowalczyk@nhs.net}}\nTo: {{NAME|Bridget}}; {{NAME|Hunter, Grace}}\n"
    "Subject: CMR for {{NAME|Wójcik}}, {{NAME|Zbigniew}} - {{ID|MRN 20045871}}\n\n"
    "Hi {{NAME|Grace}}, results sent to {{NAME|Bridget}} this morning. [[keep|LVEF]] 58%, no [[keep|LGE]]. Thanks, {{NAME|Tomasz}}")

add("Fontan patient - handover\n{{NAME|Joy Baker}} (17F), [[keep|Fontan circulation]] with prior [[keep|Glenn shunt]]. "
    "Mum ({{NAME|Patience Baker}}) at bedside. Dr {{NAME|Glenn}} aware. Sister {{NAME|Faith Young}} to bleep Dr {{NAME|King}} if sats drop below 85%.",
    H("BAKER^JOY^", "RHC9981234", "ACC24-55102", "20060822", "20240319", "ROYAL CHILDRENS HOSPITAL", "GLENN^ANDREW", "YOUNG^FAITH"))

add("Patient Name: {{NAME|CHAN Tai Man}}    HKID: {{ID|K123456(7)}}\nAlso recorded as {{NAME|Tai Man Chan}}; labelled {{NAME|Chan TM}} on the scanner worklist.\n"
    "Indication: chest pain, [[keep|stress perfusion]] with [[keep|adenosine]] 140 mcg/kg/min. No inducible ischaemia.\nReported: Dr {{NAME|Wong Ka Wai}}",
    H("CHAN^TAI MAN^", "K1234567", "QMH2023-11873", "19550702", "20231105", "QUEEN MARY HOSPITAL", "LEUNG^SIU FUNG", "LI^MEI"))

add("Consent note: {{NAME|Ma. Teresa dela Cruz}} ({{NAME|Tess}}) consented for CMR with contrast. Interpreter not required. "
    "Her husband, {{NAME|Jose Rizal Santos}}, present. Witness: {{NAME|Jun-jun Villanueva}} RN. Allergy: iodinated contrast only. [[keep|Gadoterate]] planned; [[keep|ECG gating]].")

add("Dictated by: Dr {{NAME|S. Karthikeyan}}\nTyped by: {{NAME|K R Meenakshi}}\nVerified by: Dr {{NAME|Venkatesh R}}\n"
    "Patient: {{NAME|Murugan}} (single name), [[keep|62]]M, {{HOSPITAL|Apollo Hospitals Greams Road}}.\n"
    "Impression: [[keep|ischaemic cardiomyopathy]], transmural [[keep|LGE]] LAD territory >75%, non-viable.")

add("Dear Dr Farouk,\n\nRe: {{NAME|Abdullah bin Rashid al-Mansoori}}, DOB {{DATE|09.11.1970}}\n\n"
    "Thank you for referring {{NAME|Mr al-Mansoori}}. [[keep|T2*]] 8 ms indicating significant myocardial iron; [[keep|LVEF]] 49%. We have spoken with his brother, {{NAME|Abu Khalid}}.\n\n"
    "Yours sincerely,\n{{NAME|Layla Haddad}}\nSpecialist Registrar\ncc: Dr {{NAME|Omar Farouk}}, {{HOSPITAL|Rashid Hospital}}, {{CITY|Dubai}}")
# fix: "Mr al-Mansoori" -> title outside
S.pop()
add("Dear Dr {{NAME|Farouk}},\n\nRe: {{NAME|Abdullah bin Rashid al-Mansoori}}, DOB {{DATE|09.11.1970}}\n\n"
    "Thank you for referring Mr {{NAME|al-Mansoori}}. [[keep|T2*]] 8 ms indicating significant myocardial iron; [[keep|LVEF]] 49%. We have spoken with his brother, {{NAME|Abu Khalid}}.\n\n"
    "Yours sincerely,\n{{NAME|Layla Haddad}}\nSpecialist Registrar\ncc: Dr {{NAME|Omar Farouk}}, {{HOSPITAL|Rashid Hospital}}, {{CITY|Dubai}}",
    H("ALMANSOORI^ABDULLAH^RASHID", "DHA-0098812", "RH24-00771", "19701109", "20240115", "RASHID HOSPITAL", "FAROUK^OMAR", "HADDAD^LAYLA"))

add("Research log 12/03: participant ID {{ID|HCM-REG-0442}} ({{NAME|Nguyen Thi Lan}}) scanned on [[keep|Philips Ingenia 3T]]. "
    "Coordinator {{NAME|Precious Okafor}} entered data; {{NAME|Sunny}} (RA) QC'd [[keep|T1 mapping]]. Login used: {{NAME|pokafor2}}.")
S.pop()
add("Research log {{DATE|12/03/2024}}: participant {{ID|HCM-REG-0442}} ({{NAME|Nguyen Thi Lan}}) scanned on [[keep|Philips Ingenia 3T]]. "
    "Coordinator {{NAME|Precious Okafor}} entered data; {{NAME|Sunny}} (RA) QC'd [[keep|T1 mapping]]. Login used: {{NAME|pokafor2}}.")

add("Referring physician: {{NAME|KIM Ji-hoon}}, MD\nPatient: {{NAME|Park Soo-yeon}}  Age: [[keep|56]]\n"
    "[[keep|Apical HCM]] ('ace of spades' configuration). Apical aneurysm with thrombus excluded on [[keep|LGE]]. "
    "Report to Dr {{NAME|Kim}} and to the patient's son, {{NAME|Lee Min-jun}}.")

add("Addendum ({{DATE|18/06/2024 16:40}}): On review with Prof {{NAME|Papadopoulos}}, the [[keep|ECV]] has been recalculated as 34% (haematocrit 0.38). "
    "Original report by Dr {{NAME|Eleni Georgiou}} ([[keep|cardiac amyloidosis]] favoured) stands otherwise. Cosigned: {{NAME|Dimitrios Papadopoulos}} FRCR.")

add("Handover: bed 7 - {{NAME|Hēmi Te Whatu}} (prefers {{NAME|Hemi}}), [[keep|acute myocarditis]], troponin peaking. "
    "Whānau: wife {{NAME|Aroha}} and kuia {{NAME|Mere Ngata}}. CMR tomorrow AM, [[keep|Lake Louise criteria]]. Nurse {{NAME|Wiremu}} handing over to {{NAME|Kiri}}.")

add("CARDIAC MRI REPORT\nName: {{NAME|PATEL, Deepak Ramesh}}\nHosp No: {{ID|MH-220198}}\nDOB: {{DATE|01-Jan-1949}}\n"
    "Reporter: Dr {{NAME|Anjali Deshmukh}}   Verifier: Dr {{NAME|R. S. Iyer}}\n"
    "[[keep|Severe AS]], indexed AVA 0.4 cm2/m2. Peak velocity 4.6 m/s on [[keep|phase contrast]]. [[keep|LVEF]] 55%.",
    H("PATEL^DEEPAK^RAMESH", "MH220198", "KH24/CMR/00912", "19490101", "20240407", "KOKILABEN HOSPITAL", "DESHMUKH^ANJALI", "IYER^R S"))

add("Secretary note: Left message for {{NAME|Mrs Rose Cook}}'s daughter, {{NAME|Summer}}, on {{PHONE|(512) 555-0187}} re appointment. "
    "Dr {{NAME|Bishop}} wants the [[keep|CMR]] before the [[keep|TAVI]] work-up. - {{NAME|Darlene}}")
S.pop()
add("Secretary note: Left message for Mrs {{NAME|Rose Cook}}'s daughter, {{NAME|Summer}}, on {{PHONE|(512) 555-0187}} re appointment. "
    "Dr {{NAME|Bishop}} wants the [[keep|CMR]] before the [[keep|TAVI]] work-up. - {{NAME|Darlene}}")

add("Pt: {{NAME|Major, William}} (\"{{NAME|Bill}}\")  {{AGE|92}}M\nSevere [[keep|MR]], flail P2. [[keep|Regurgitant fraction]] 52%. "
    "Discussed with son {{NAME|Bill Jr}} and Dr {{NAME|Hunter}}. For heart team review.\nCC: {{NAME|Dr Kenneth Young}}")
S.pop()
add("Pt: {{NAME|Major, William}} (\"{{NAME|Bill}}\")  {{AGE|92}}M\nSevere [[keep|MR]], flail P2. [[keep|Regurgitant fraction]] 52%. "
    "Discussed with son {{NAME|Bill Jr}} and Dr {{NAME|Hunter}}. For heart team review.\nCC: Dr {{NAME|Kenneth Young}}, {{HOSPITAL|Hill Country Community Hospital}}, {{CITY|Llano}}, TX {{ZIP|78643}}",
    H("MAJOR^WILLIAM^", "HCCH-771203", "A2024-00321", "19310905", "20240222", "HILL COUNTRY COMMUNITY HOSP", "HUNTER^RAYMOND", "TECH^JLOPEZ"))

add("From: Dr {{NAME|Kwame Asante}}\nTo: {{NAME|Efua}}\n\nEfua - could you book {{NAME|Mr Yaw Boateng}} for a [[keep|stress perfusion]] CMR? "
    "We discussed with {{NAME|Kwame}}'s clinic last week. Thanks, {{NAME|K.}}")
S.pop()
add("From: Dr {{NAME|Kwame Asante}}\nTo: {{NAME|Efua}}\n\n{{NAME|Efua}} - could you book Mr {{NAME|Yaw Boateng}} for a [[keep|stress perfusion]] CMR? "
    "He has [[keep|three-vessel disease]] on CT. Wife {{NAME|Akosua}} will bring him. Thanks, {{NAME|K.}}")

add("IDENTIFICATION\nSurname: {{NAME|VAN DER BERG}}  Forename(s): {{NAME|Pieter Johannes}}\nDOB: {{DATE|23/07/1958}}  NHS No: {{ID|485 777 3456}}\n"
    "Clinical: [[keep|LV non-compaction]]? NC:C ratio 2.6 in diastole. [[keep|LVEF]] 44%.\nReported by Dr {{NAME|Hannah de Vries}}, checked by Dr {{NAME|d'Souza}}.")

add("Consultant: Dr {{NAME|Ifeoma Chukwuemeka-Obi}}\nRegistrar: Dr {{NAME|Oluwaseun Adewale}}\nPatient: {{NAME|Blessing Okoro}}, [[keep|29]]F, 32/40 postpartum? No - 3/52 postpartum.\n"
    "[[keep|Peripartum cardiomyopathy]]. [[keep|LVEF]] 28%. No [[keep|LGE]]. Mother, {{NAME|Mrs Gift Okoro}}, informed with consent.")
S.pop()
add("Consultant: Dr {{NAME|Ifeoma Chukwuemeka-Obi}}\nRegistrar: Dr {{NAME|Oluwaseun Adewale}}\nPatient: {{NAME|Blessing Okoro}}, [[keep|29]]F, [[keep|3/52]] postpartum.\n"
    "[[keep|Peripartum cardiomyopathy]]. [[keep|LVEF]] 28%. No [[keep|LGE]]. Mother, Mrs {{NAME|Gift Okoro}}, informed with consent.")

add("Patient seen with interpreter ({{NAME|Trần Văn Minh}}). Patient: {{NAME|NGUYEN Van Hung}}, DOB {{DATE|1952-04-17}}. "
    "[[keep|Cardiac amyloidosis]] suspected: diffuse subendocardial [[keep|LGE]], [[keep|native T1]] 1140 ms, [[keep|ECV]] 52%.")

add("Verified by: {{NAME|MCGREGOR, ALASDAIR}} (Consultant Radiologist)\nDictated: {{NAME|AM}}/{{NAME|jw}}\n"
    "PATIENT {{NAME|CAMPBELL}} WAS SCANNED ON {{DATE|12/01/2024}}. [[keep|4CH]] cine shows [[keep|apical ballooning]] consistent with [[keep|Takotsubo]].",
    H("CAMPBELL^MORAG^ISLA", "CHI1505626623", "NHSL-CMR-24-0033", "19620515", "20240112", "UNIVERSITY HOSPITAL WISHAW", "FRASER^IAIN", "WATSON^J"))

add("Dear {{NAME|Wisdom}},\n\nHappy to review your patient {{NAME|Chinonso Nnamdi}} in the [[keep|ACHD]] clinic. Prior [[keep|tetralogy of Fallot]] repair; "
    "[[keep|RVEDVi]] 165 ml/m2, [[keep|PR]] fraction 41%.\n\nBest wishes,\n\n{{NAME|Chiamaka}}\n\nDr {{NAME|Chiamaka Ugwu}}\nConsultant in ACHD")

add("Login: {{NAME|jsmith03}}  Workstation: CVI42-RAD2\nPost-processing by {{NAME|John Smith}} (technologist). [[keep|cvi42]] v5.14. "
    "[[keep|LV mass]] 212 g. QA by {{NAME|Mariam Yusuf}}. Exported to PACS {{DATE|09/10/2023 11:02}}.")

add("Mrs {{NAME|Kaur}} attended with her son, {{NAME|Deepak}}, and husband {{NAME|Harjinder Singh}} ({{NAME|HARJINDER SINGH}} on the consent form). "
    "[[keep|Cardiac sarcoidosis]] suspected; patchy [[keep|LGE]] basal septum and inferolateral wall. Plan [[keep|FDG-PET]].")

add("Letter\n\n{{NAME|Dr. Rowena Magbanua}}\nCardiology Department\n{{HOSPITAL|St. Luke's Medical Center}}\n{{ADDRESS|279 E. Rodriguez Sr. Ave.}}, {{CITY|Quezon City}}\n\n"
    "Dear Dr {{NAME|Magbanua}},\n\nThank you for seeing {{NAME|Ma. Cristina Reyes-Bautista}}. [[keep|Constrictive pericarditis]] is favoured: pericardium 6 mm, [[keep|septal bounce]] on real-time cine.")
S.pop()
add("Letter\n\nDr. {{NAME|Rowena Magbanua}}\nCardiology Department\n{{HOSPITAL|St. Luke's Medical Center}}\n{{ADDRESS|279 E. Rodriguez Sr. Ave.}}, {{CITY|Quezon City}}\n\n"
    "Dear Dr {{NAME|Magbanua}},\n\nThank you for seeing {{NAME|Ma. Cristina Reyes-Bautista}}. [[keep|Constrictive pericarditis]] is favoured: pericardium 6 mm, [[keep|septal bounce]] on real-time cine.\n\nSincerely,\n{{NAME|Paolo Lim}}, MD")

add("Next of kin: {{NAME|Seo-yeon Choi}} (daughter) {{PHONE|+82 10 4432 9981}}\nPatient: {{NAME|Choi Dong-hyun}}, [[keep|77]]M\n"
    "[[keep|Aortic coarctation]] repair 1968. Mild recoarctation, gradient 22 mmHg on [[keep|phase contrast]].")

add("Stress CMR worklist\n1. {{NAME|HOPE, Jonathan}} - [[keep|regadenoson]]\n2. {{NAME|GRACE, Thomas}} - adenosine\n3. {{NAME|FAITH Adeleke}} - dobutamine\n"
    "Nurse on list: {{NAME|Charity}}. Doctor: {{NAME|Dr Ofori}}. All for [[keep|first-pass perfusion]].")
S.pop()
add("Stress CMR worklist\n1. {{NAME|HOPE, Jonathan}} - [[keep|regadenoson]]\n2. {{NAME|GRACE, Thomas}} - [[keep|adenosine]]\n3. {{NAME|FAITH Adeleke}} - dobutamine\n"
    "Nurse on list: {{NAME|Charity}}. Doctor: Dr {{NAME|Ofori}}. All for [[keep|first-pass perfusion]].")

add("We discussed the findings with {{NAME|Kwame}} and his partner {{NAME|Abena}}. [[keep|Myocarditis]] has largely resolved; residual [[keep|LGE]] 4% of LV mass. "
    "Follow-up with Dr {{NAME|Mensah-Bonsu}} in 6 months.")

add("Cosigner: {{NAME|Aleksandra Nowak-Zielińska}}, MD PhD\nResident: {{NAME|Krzysztof Wiśniewski}}\nPatient: {{NAME|Grzegorz Brzęczyszczykiewicz}}, ur. {{DATE|3.05.1966}}\n"
    "[[keep|HCM]], [[keep|SAM]] with [[keep|LVOT obstruction]]; max wall 24 mm.")

add("{{NAME|Γεώργιος Παπαδάκης}} ({{NAME|Georgios Papadakis}}), [[keep|68]]. Referred by Dr {{NAME|Nikolaos Katsaros}}. "
    "[[keep|Inferior MI]], [[keep|microvascular obstruction]] present. [[keep|LVEF]] 42%.")

add("Patient: {{NAME|Seònaid NicDhòmhnaill}} ({{NAME|Janet MacDonald}})\nGP: Dr {{NAME|Calum MacLeòid}}, {{CITY|Stornoway}}\n"
    "[[keep|Bicuspid aortic valve]] with ascending aorta 46 mm. [[keep|AR]] mild.",
    H("MACDONALD^JANET^", "CHI2208713390", "WI24-0088", "19710822", "20240503", "WESTERN ISLES HOSPITAL", "MACLEOD^CALUM", "MORRISON^A"))

add("Handover 19:30\n- {{NAME|Ahmed}} in bay 3 ({{NAME|Mr Ahmed Al-Khalili}}): CMR done, [[keep|LV thrombus]] 1.2 cm, start [[keep|apixaban]]. Told by {{NAME|Dr Shah}}.\n- {{NAME|Baby Sunshine Dela Paz}}: [[keep|Kawasaki]] - coronary aneurysm f/u.")
S.pop()
add("Handover 19:30\n- {{NAME|Ahmed}} in bay 3 (Mr {{NAME|Ahmed Al-Khalili}}): CMR done, [[keep|LV thrombus]] 1.2 cm, start [[keep|apixaban]]. Told by Dr {{NAME|Shah}}.\n"
    "- Baby {{NAME|Sunshine Dela Paz}}: [[keep|Kawasaki disease]] - coronary aneurysm f/u. Mum {{NAME|Lovely}} aware.")

add("Results to: {{NAME|Dr Fontan}}?? No - Dr {{NAME|Fontaine}} in cardiology. Note [[keep|Fontan]] pathway patent, no [[keep|fenestration]] flow. Patient: {{NAME|Ezra Cohen}}.")
S.pop()
add("Results to Dr {{NAME|Fontaine}} (cardiology) - not the Fontan clinic. [[keep|Fontan]] pathway patent, no [[keep|fenestration]] flow. Patient: {{NAME|Ezra Cohen}}; father {{NAME|Avi}} to collect CD.")

add("Name: {{NAME|SITHOLE, Nomvula}}   Folder: {{ID|GSH-8834201}}\nRequesting: Dr {{NAME|T. Mokoena}}\n"
    "[[keep|Rheumatic MS]], MVA 1.1 cm2 by planimetry. Moderate [[keep|TR]]. Reported by Dr {{NAME|Zanele Dlamini}}.")

add("Ms {{NAME|Young}} was counselled about the incidental [[keep|pericardial effusion]]. Her partner {{NAME|Kingsley}} asked about driving; advised per DVLA. "
    "Seen with Dr {{NAME|Percival-King}}.")

add("Dictated by: {{NAME|SUBRAMANIAM, K}}\nTranscribed: {{NAME|tr/psr}}\nPatient {{NAME|Lakshmi Narayanan}} ({{NAME|Lakshmi}}), [[keep|54]]F. "
    "[[keep|Fabry]] suspected - low [[keep|native T1]] 880 ms, basal inferolateral [[keep|LGE]].")

add("Dear {{NAME|Sipho}} and {{NAME|Thandi}},\n\nThank you for coming in with your mother. As {{NAME|Dr Naidoo}} explained, her [[keep|LVEF]] is 35% and we will start [[keep|sacubitril/valsartan]].\n\nWarm regards,\nSister {{NAME|Nosipho}}")
S.pop()
add("Dear {{NAME|Sipho}} and {{NAME|Thandi}},\n\nThank you for coming in with your mother. As Dr {{NAME|Naidoo}} explained, her [[keep|LVEF]] is 35% and we will start [[keep|sacubitril/valsartan]].\n\nWarm regards,\nSister {{NAME|Nosipho}}")

add("Reporting radiologist: Dr {{NAME|Mohammed Abu Bakr}}\nSecond reader: Dr {{NAME|Fatima bint Saeed}}\nPatient: {{NAME|Yousef Abu-Zaid}}, MRN {{ID|2290017}}\n"
    "[[keep|ARVC]]: RV dilatation, [[keep|RVEF]] 38%, regional dyskinesia.",
    H("ABUZAID^YOUSEF^", "2290017", "DHCC-24-3319", "19850612", "20240229", "DUBAI HEALTHCARE CITY CLINIC", "ABUBAKR^MOHAMMED", "RAD^NSALEH"))

add("cc: Mr {{NAME|Sean Ó Briain}}, {{ADDRESS|12 Main Street}}, {{CITY|Dingle}}\ncc: Dr {{NAME|Siobhán Ní Bhriain}}, GP\n"
    "Re: {{NAME|Pádraig Ó Briain}}. [[keep|Anomalous coronary]] (RCA from left sinus), interarterial course.")

add("Patient: {{NAME|TE RANGI, Aperahama}}   NHI: {{ID|ZAB1234}}\nReferrer: {{NAME|Dr Anna Wong}}, {{HOSPITAL|Auckland City Hospital}}\n"
    "[[keep|Rheumatic heart disease]]: moderate [[keep|MR]] and mild [[keep|MS]].")
S.pop()
add("Patient: {{NAME|TE RANGI, Aperahama}}   NHI: {{ID|ZAB1234}}\nReferrer: Dr {{NAME|Anna Wong}}, {{HOSPITAL|Auckland City Hospital}}\n"
    "[[keep|Rheumatic heart disease]]: moderate [[keep|MR]] and mild [[keep|MS]]. Whānau contact: {{NAME|Ngaire}} (sister).",
    H("TE RANGI^APERAHAMA^", "ZAB1234", "ADHB-CMR-240411", "19890103", "20240411", "AUCKLAND CITY HOSPITAL", "WONG^ANNA", "TAUROA^M"))

add("Audit entry: report edited by user {{NAME|mdcruz}} ({{NAME|Maricel D. Cruz}}) at {{DATE|14:22 on 05/05/2024}}; original author {{NAME|rtorres}}. "
    "Change: [[keep|LVEF]] 45% -> 54% (typo). [[keep|LGE]] text unchanged.")

add("Addendum by Dr {{NAME|O'Neill}}: Following discussion with Dr {{NAME|Ng}}, the [[keep|myocardial crypt]] is considered a normal variant. "
    "{{NAME|Mr Murphy}} informed.")
S.pop()
add("Addendum by Dr {{NAME|O'Neill}}: Following discussion with Dr {{NAME|Ng}}, the [[keep|myocardial crypt]] is considered a normal variant. "
    "Mr {{NAME|Murphy}} informed by phone. [[keep|HCM]] genotype-positive, phenotype-negative.")

add("Referrer/Reporter/Verifier\n{{NAME|Lopez, Maria Guadalupe}} MD / {{NAME|Nwachukwu, Ikenna}} MD / {{NAME|Goldberg, Ruth}} MD\n"
    "Patient: {{NAME|Hernández García, José Luis}}. [[keep|Non-ischaemic DCM]], [[keep|LVEF]] 24%. Consider [[keep|CRT-D]].")

add("Message from {{NAME|Bisi}} (clinic): Mrs {{NAME|Oluwabunmi Adeyemi-Johnson}} rang; her brother {{NAME|Tunde}} will bring her on Thursday. "
    "She asks if she can eat before the [[keep|stress CMR]] - advised no caffeine 24 h ([[keep|adenosine]]).")

add("PATIENT NAME: {{NAME|WILLIAMS-ROSS, HEATHER ANNE}}\nDOB: {{DATE|15 AUG 1980}}\nACC: {{ID|CMR2024-1187}}\n"
    "HISTORY: Prior [[keep|Ross procedure]]; neo-aortic root 41 mm. Reviewed with Mr {{NAME|Ross}} and Dr {{NAME|Williams}}. Mild [[keep|AR]]; [[keep|LVEF]] 63%.",
    H("WILLIAMS ROSS^HEATHER^ANNE", "TGH-5532910", "CMR20241187", "19800815", "20240614", "TORONTO GENERAL HOSPITAL", "ROSS^DAVID", "CHEN^L"))

add("Verified electronically by {{NAME|Jean-François Tremblay}}, MD, FRCPC\nPrepared by {{NAME|Marie-Ève Gagnon}}\n"
    "Patient {{NAME|Lévesque, Hélène}}: [[keep|Chagas cardiomyopathy]] pattern with apical aneurysm and inferolateral [[keep|LGE]].")

add("Consent: I, {{NAME|Rahul Mehta}}, consent to CMR with gadolinium. Signed by patient's wife {{NAME|Sunita Mehta}} (patient sedated). "
    "Doctor: {{NAME|Dr Vikram Joshi}}. [[keep|Pacemaker]]: [[keep|MR-conditional]] Medtronic Azure.")
S.pop()
add("Consent: I, {{NAME|Rahul Mehta}}, consent to CMR with gadolinium. Signed by patient's wife {{NAME|Sunita Mehta}} (patient sedated). "
    "Doctor: Dr {{NAME|Vikram Joshi}}. Device: [[keep|MR-conditional]] pacemaker ([[keep|Medtronic Azure]]), programmed to [[keep|DOO]].")

add("From: {{NAME|Hui Ying}} <{{EMAIL|huiying.lim@ttsh.com.sg}}>\nTo: Dr {{NAME|Goh}}\n\nDr {{NAME|Goh}}, CMR for {{NAME|Lim Boon Keng}} shows [[keep|LV aneurysm]] with thrombus. "
    "Will inform {{NAME|Mr Lim}}'s daughter {{NAME|Jia Hui}}.")
S.pop()
add("From: {{NAME|Hui Ying}} <{{EMAIL|huiying.lim@ttsh.com.sg}}>\nTo: Dr {{NAME|Goh}}\n\nDr {{NAME|Goh}}, CMR for {{NAME|Lim Boon Keng}} shows [[keep|LV aneurysm]] with [[keep|apical thrombus]]. "
    "Will inform Mr {{NAME|Lim}}'s daughter {{NAME|Jia Hui}}. - {{NAME|HY}}")

add("Pt {{NAME|Baker, Hunter}} (yes, first name Hunter) - [[keep|23]]M, athlete. [[keep|Athlete's heart]] vs [[keep|HCM]]: wall 14 mm, normal [[keep|ECV]]. Coach {{NAME|Rex Cook}} asked for results - declined without consent.")
S.pop()
add("Pt {{NAME|Baker, Hunter}} (first name {{NAME|Hunter}}) - [[keep|23]]M, athlete. [[keep|Athlete's heart]] vs [[keep|HCM]]: wall 14 mm, normal [[keep|ECV]]. Coach {{NAME|Rex Cook}} asked for results - declined without consent.")

add("MDT attendance: {{NAME|Prof. A. Okeke}}, Dr {{NAME|Nneka}}, Dr {{NAME|Chukwudi Eze}}, {{NAME|Emeka}} (physiologist), {{NAME|Adaobi}} (MDT coordinator)\n"
    "Case 4: {{NAME|Obinna Okafor}} - [[keep|LVNC]] vs [[keep|DCM]]. Family screening for brother {{NAME|Ikenna}}.")
S.pop()
add("MDT attendance: Prof. {{NAME|A. Okeke}}, Dr {{NAME|Nneka}}, Dr {{NAME|Chukwudi Eze}}, {{NAME|Emeka}} (physiologist), {{NAME|Adaobi}} (MDT coordinator)\n"
    "Case 4: {{NAME|Obinna Okafor}} - [[keep|LVNC]] vs [[keep|DCM]]. Family screening for brother {{NAME|Ikenna}}.")

add("Patient ID line: {{NAME|DE LA CRUZ-SANTOS, JUAN MIGUEL}} | {{ID|PGH-0039184}} | {{DATE|1975-09-30}}\n")
S.pop()
add("Patient: {{NAME|DE LA CRUZ-SANTOS, JUAN MIGUEL}} / {{ID|PGH-0039184}} / {{DATE|1975-09-30}}\n"
    "Ward: Cardiology, {{HOSPITAL|Philippine General Hospital}}. [[keep|Ebstein anomaly]], [[keep|atrialised RV]], severe [[keep|TR]].",
    H("DE LA CRUZ SANTOS^JUAN^MIGUEL", "PGH0039184", "PGH-MR-24-1120", "19750930", "20240305", "PHILIPPINE GENERAL HOSPITAL", "SANTOS^CARMELITA", "RT^JDIAZ"))

add("Secretary note: Dr {{NAME|King}} is away until 3/52. Letters for {{NAME|Mr Patience}} and {{NAME|Ms Hope Okeke}} to Dr {{NAME|Major}} for signature.")
S.pop()
add("Secretary note: Dr {{NAME|King}} is away for [[keep|3/52]]. Letters for Mr {{NAME|Patience}} and Ms {{NAME|Hope Okeke}} to Dr {{NAME|Major}} for signature. "
    "Mr {{NAME|Patience}}'s [[keep|LGE]] report needs verifying first. - {{NAME|Joy}}")

add("Report for: {{NAME|Sarah-Jane McAllister-Browne}}\nScanned by: {{NAME|Ciarán}}\nSupervised by: Dr {{NAME|Ó Loingsigh}}\n"
    "[[keep|Pericarditis]] - pericardial enhancement on [[keep|LGE]]; [[keep|T2 STIR]] positive.")

add("Nguyen, Thi Lan - second visit. Ms {{NAME|Nguyen}} brought her husband {{NAME|Pham Van Duc}}. [[keep|HCM]] septal 19 mm. [[keep|Mavacamten]] discussed by Dr {{NAME|Tran}}.")
S.pop()
add("{{NAME|Nguyen, Thi Lan}} - second visit. Ms {{NAME|Nguyen}} brought her husband {{NAME|Pham Van Duc}}. [[keep|HCM]] septal 19 mm. [[keep|Mavacamten]] discussed by Dr {{NAME|Tran}}.")

add("Name: {{NAME|Mr. A. K. Sharma}}")
S.pop()
add("Name: Mr. {{NAME|A. K. Sharma}}   UHID: {{ID|FH-00982214}}   Age: [[keep|71]]\nRef: Dr {{NAME|Neelam Kapoor}}\n"
    "[[keep|Cardiac amyloid]] (ATTR suspected). Recommend [[keep|DPD scintigraphy]]. Reported by Dr {{NAME|G. V. Rao}}.")

add("Dear Mr {{NAME|Bishop}},\n\nRe: Your CMR on {{DATE|22 January 2024}}\n\nI am pleased to say your heart pumping function is normal ([[keep|LVEF]] 62%) and there is no scarring ([[keep|LGE]]).\n\n"
    "Yours sincerely,\n\n\n{{NAME|Eleanor Rose}}\nConsultant Cardiologist\n\nTyped by {{NAME|ER}}/{{NAME|dk}}")

add("Handover (nights): {{NAME|Precious}} ({{NAME|Precious Adjei}}), 19F, [[keep|long QT]] and [[keep|syncope]]; CMR normal. Mum {{NAME|Gifty}} staying. Dr {{NAME|Wisdom Tetteh}} reviewing AM.")

add("Patient {{NAME|BONGIORNO, Maria Assunta}}, ({{NAME|Assunta}}), referred by Dott. {{NAME|Luca Di Stefano}}. [[keep|Myocardial bridging]] LAD; [[keep|LVEF]] 60%.")

add("Research log - {{DATE|7 Feb 2024}}: Screen failure, participant {{NAME|RM}} ({{ID|SUBJ-0913}}); claustrophobia. Consent by {{NAME|Dr Farah Siddiqui}}. Noted by {{NAME|asingh}}. "
    "[[keep|Protocol v3.1]] requires [[keep|3T]].")
S.pop()
add("Research log - {{DATE|7 Feb 2024}}: Screen failure, participant {{NAME|RM}} ({{ID|SUBJ-0913}}); claustrophobia on [[keep|3T]] bore. Consent by Dr {{NAME|Farah Siddiqui}}. Noted by {{NAME|asingh}}. "
    "[[keep|T1 mapping]] not acquired.")

add("Attending: {{NAME|Dr. Brenda Hawkins}}")
S.pop()
add("Attending: Dr. {{NAME|Brenda Hawkins}}\nFellow: Dr. {{NAME|Rajesh Kumar Pillai}}\nTech: {{NAME|Trey}}\nPatient: {{NAME|Buford T. Hollis}}, [[keep|58]]M, {{CITY|Lufkin}}, TX\n"
    "[[keep|Inferolateral infarct]], subendocardial [[keep|LGE]] 50% transmurality; viable.",
    H("HOLLIS^BUFORD^T", "MMC-0041877", "CMR-24-0318", "19651120", "20240318", "MEMORIAL MEDICAL CENTER", "HAWKINS^BRENDA", "TREY"))

add("Sister {{NAME|Glenn}} phoned: Mrs {{NAME|Ng}}'s post-[[keep|Glenn]] CMR shows unobstructed SVC-PA anastomosis. Dr {{NAME|Glenn-Morris}} to review. [[keep|Qp:Qs]] 0.9.")

add("Patient: {{NAME|KRISHNAMURTHY, Srinivasan}} ({{NAME|Srini}})\nRef: Dr {{NAME|P. Balasubramanian}}\n[[keep|Aortic stenosis]] moderate; [[keep|AVA]] 1.1 cm2. Son {{NAME|Arjun}} in Dubai wants copy - e-mail {{EMAIL|arjun.k@gmail.com}}.")

add("Verified: {{NAME|AHMED, Syed Imran}} MBBS FCPS\nPatient named {{NAME|BIBI, Zainab}} in header; also {{NAME|Zainab Bibi}} in request.\n"
    "[[keep|Thalassaemia major]]; cardiac [[keep|T2*]] 14 ms.")

add("Note for file: Dr {{NAME|Hope}} asked me to tell {{NAME|Faith}} (the patient) that her [[keep|ECV]] is normal. Done by phone {{DATE|10/04/2024}}. - {{NAME|Gwen}}")

add("Dear Dr {{NAME|Mbeki}}, Dr {{NAME|Zulu}} and Dr {{NAME|Mahlangu}},\n\nRe: {{NAME|Lerato Khumalo}}\n"
    "[[keep|Myocarditis]] with [[keep|Lake Louise]] positive T1 and T2. Please see her brother {{NAME|Thabo}} also.\n\nKind regards, {{NAME|Palesa Ndlovu}}")

add("Patient: {{NAME|SANTOS, Ma. Lourdes G.}}   Nickname: {{NAME|Malou}}\nPhysician: Dr {{NAME|Reynaldo dela Rosa}}\n"
    "[[keep|Atrial septal defect]], [[keep|Qp:Qs]] 2.1. Daughter {{NAME|Kristine Joy Santos}} informed.")

add("Typed by {{NAME|Shreya}} on {{DATE|3/11/2023}}. Dictated by Dr {{NAME|Ananya Chatterjee}}. Patient {{NAME|Mr Bose}}'s [[keep|LVEF]] 40%. [[keep|Dobutamine stress]] planned.")
S.pop()
add("Typed by {{NAME|Shreya}} on {{DATE|3/11/2023}}. Dictated by Dr {{NAME|Ananya Chatterjee}}. Mr {{NAME|Bose}}'s [[keep|LVEF]] 40%. [[keep|Dobutamine stress]] planned; son {{NAME|Subhash}} to accompany.")

add("ID: {{NAME|Ōtake Hiroshi}} / {{NAME|Hiroshi Otake}}; Ref: Dr {{NAME|Sato Yuki}}. [[keep|Cardiac sarcoid]] with [[keep|LGE]] subepicardial lateral wall.")

add("CMR booked - {{NAME|WHITE, Sunny}}. Mother {{NAME|Dawn White}} to accompany (patient [[keep|15]]). [[keep|Marfan]] surveillance: aortic root 38 mm ([[keep|Z-score]] +3.1).")

add("Addendum: Prior report erroneously listed the patient as {{NAME|Mary Brown}}; correct patient is {{NAME|Marie Browne}}, {{ID|MRN 71128834}}. "
    "Findings ([[keep|moderate AR]], [[keep|dilated LV]]) unchanged. Amended by {{NAME|J. Thornton}}.")

add("Hi {{NAME|Olu}},\nQuick one - {{NAME|Iyabo}}'s scan is done, [[keep|apical HCM]] confirmed. Can you let Dr {{NAME|Bamidele}} know? Cheers, {{NAME|Funmi}}\n(sent from {{EMAIL|f.oyelaran@luth.edu.ng}})")

add("Patient: {{NAME|O'Brien-Keane, Róisín}}\nDOB: {{DATE|02/11/1992}}\nReferring: Dr {{NAME|Cillian Mac Giolla Phádraig}}\n"
    "[[keep|Left ventricular non-compaction]]? Not met. [[keep|LVEF]] 57%. Father {{NAME|Dónal}} has [[keep|DCM]].",
    H("OBRIEN KEANE^ROISIN^", "SJH-771203", "SJH24MR1009", "19921102", "20240520", "ST JAMES HOSPITAL", "MACGIOLLAPHADRAIG^CILLIAN", "RAD^NKELLY"))

add("Ward round: {{NAME|Abuela Rosa}}?")
S.pop()
add("Ward round: Sra. {{NAME|Rosa Elena Villarreal}} ({{AGE|91}}), {{CITY|Laredo}}. Granddaughter {{NAME|Marisol}} translating. Severe [[keep|TR]], [[keep|RV dilatation]]; not for intervention per Dr {{NAME|Ybarra}}.")

add("{{NAME|Tūhoe Kereama}}, referred by {{NAME|Dr Hine Pōmare}}. [[keep|Myocarditis]] post mRNA vaccine ({{DATE|June 2023}}). Mum {{NAME|Huia}} present.")
S.pop()
add("{{NAME|Tame Kereama}}, referred by Dr {{NAME|Hine Pōmare}}. [[keep|Myocarditis]] post vaccine in {{DATE|June 2023}}; [[keep|LGE]] resolved. Mum {{NAME|Huia}} present; nurse {{NAME|Ngaio}} scribing.")

add("PATIENT: {{NAME|AL-HASHIMI, NOOR}}\nREF: {{NAME|DR KHALED ABU SHAKRA}}")
S.pop()
add("PATIENT: {{NAME|AL-HASHIMI, NOOR}}\nREF: DR {{NAME|KHALED ABU SHAKRA}}\nSCAN: [[keep|GE SIGNA Artist 1.5T]]\n"
    "Noor's [[keep|LVEF]] is 50%. SEEN WITH HER FATHER {{NAME|MR HASAN AL-HASHIMI}}.")
S.pop()
add("PATIENT: {{NAME|AL-HASHIMI, NOOR}}\nREF: DR {{NAME|KHALED ABU SHAKRA}}\nSCAN: [[keep|GE SIGNA Artist 1.5T]]\n"
    "{{NAME|NOOR}}'S [[keep|LVEF]] IS 50%. SEEN WITH HER FATHER, MR {{NAME|HASAN AL-HASHIMI}}.",
    H("ALHASHIMI^NOOR^", "DXB-229103", "MC24-7781", "20010418", "20240102", "MEDICLINIC DUBAI", "ABUSHAKRA^KHALED", "RAD^SNAIR"))

add("Dear {{NAME|Jacinda}},\n\nThanks for the referral for {{NAME|Mr Pita Rewi}}.")
S.pop()
add("Dear {{NAME|Jacinda}},\n\nThanks for referring Mr {{NAME|Pita Rewi}}. [[keep|Severe MR]] secondary to [[keep|rheumatic heart disease]]. I've copied in {{NAME|Tama}} from the surgical team.\n\nNgā mihi,\n{{NAME|Rangi}}\nDr {{NAME|Rangi Parata}}")

add("Consent note: Patient {{NAME|Kowalski, Jan}} declined gadolinium. Discussed with Dr {{NAME|Zielinski}} and son {{NAME|Marek}}. Non-contrast protocol: [[keep|cine SSFP]], [[keep|native T1]].")

add("Reporter: {{NAME|Dr. Chukwuma Nnaji}}")
S.pop()
add("Reporter: Dr. {{NAME|Chukwuma Nnaji}}   Verifier: Prof. {{NAME|Adetokunbo Lawal}}\nPatient {{NAME|Amaka}} ({{NAME|Chiamaka Obi}}), [[keep|38]]F.\n"
    "[[keep|Mitral valve prolapse]] with [[keep|mitral annular disjunction]] 7 mm; inferolateral [[keep|LGE]].")

add("Message: {{NAME|Cookie}} (staff nickname for {{NAME|Cookson, Emma}}, CMR radiographer) is off; cover {{NAME|Bex}}. Patient {{NAME|Hartley}} rebooked. [[keep|Stress perfusion]] list unaffected; [[keep|regadenoson]] stock ok.")

add("Patient: {{NAME|Lê Thị Hoa}}  Age: [[keep|66]]\nSon: {{NAME|Lê Văn Nam}}\n[[keep|Cardiac iron]]: [[keep|T2*]] 22 ms, normal.")

add("Results e-mail: To {{EMAIL|dr.meera.nair@asterhospital.ae}}\nDear Dr {{NAME|Nair}}, {{NAME|Mr Thomas Varghese}}")
S.pop()
add("Results e-mail: To {{EMAIL|dr.meera.nair@asterhospital.ae}}\nDear Dr {{NAME|Nair}}, Mr {{NAME|Thomas Varghese}}'s CMR shows [[keep|ischaemic scar]] in the RCA territory. [[keep|Viability]] preserved. Regards, {{NAME|Sajan}}")

add("Verified by: {{NAME|Baker}}, {{NAME|Cook}} (double-read)\nPatient {{NAME|King, Rose}}: [[keep|Takotsubo]] resolved; [[keep|LVEF]] 61%.")
S.pop()
add("Verified by: Dr {{NAME|Baker}}, Dr {{NAME|Cook}} (double-read)\nPatient {{NAME|King, Rose}}: [[keep|Takotsubo]] resolved; [[keep|LVEF]] 61%. Husband {{NAME|Arthur King}} informed.")

add("Handover: {{NAME|Mr Wojciech 'Wojtek' Lewandowski}}")
S.pop()
add("Handover: Mr {{NAME|Wojciech}} '{{NAME|Wojtek}}' {{NAME|Lewandowski}}, [[keep|ICD]] in situ ([[keep|MR-conditional]]). Physicist {{NAME|Agnieszka}} to supervise. Dr {{NAME|Nowicki}} on call.")

add("Name: {{NAME|Fernandes, Anthony (Tony)}}")
S.pop()
add("Name: {{NAME|Fernandes, Anthony}} ({{NAME|Tony}})   DOB: {{DATE|30/06/1957}}\nRef: Dr {{NAME|Pereira}}\n[[keep|Constrictive pericarditis]] excluded; [[keep|respirophasic septal shift]] absent.")

add("Cc: {{NAME|Mrs Abimbola Ojo}}")
S.pop()
add("Letter footer\ncc: Mrs {{NAME|Abimbola Ojo}} (patient), {{ADDRESS|7 Allen Avenue}}, {{CITY|Ikeja}}\ncc: Dr {{NAME|Segun Ojo}}, {{HOSPITAL|Lagoon Hospital}}\n"
    "Re: [[keep|HCM]] surveillance, no [[keep|NSVT]].")

add("Hamza ({{NAME|Hamza bin Yusuf}}) told by Dr {{NAME|Abdelrahman}}.")
S.pop()
add("{{NAME|Hamza}} ({{NAME|Hamza bin Yusuf}}) was told by Dr {{NAME|Abdelrahman}} that the [[keep|ALCAPA]] repair looks good; [[keep|perfusion]] normal. Mother {{NAME|Umm Hamza}} asked about sport.")

add("Operator: {{NAME|mgarcia}} / Reader: {{NAME|Dr. Ng Wei Jie}}")
S.pop()
add("Operator: {{NAME|mgarcia}} / Reader: Dr. {{NAME|Ng Wei Jie}}\nPatient {{NAME|Goh Siew Lan}} - [[keep|cardiac sarcoidosis]] follow-up; [[keep|LGE]] stable.")

add("Consent: {{NAME|Precious Mahlaba}}'s mother {{NAME|Nomsa}} consented (minor, [[keep|16]]). [[keep|Sedation]] not needed. Nurse {{NAME|Lindiwe}}. [[keep|Gadobutrol]] given.")

add("Dictated by: {{NAME|DR. HUNTER}}")
S.pop()
add("Dictated by: DR. {{NAME|HUNTER}}\nTyped by: {{NAME|CJ}}\nPatient {{NAME|COOK, SUMMER}}: [[keep|bicuspid aortic valve]], [[keep|moderate AS]]. Mother {{NAME|Autumn Cook}} present.")

add("Hi {{NAME|Bridget}}, can you send {{NAME|Niamh Kelly}}'s disc to Mr {{NAME|Fontan-Reilly}}")
S.pop()
add("Hi {{NAME|Bridget}}, can you send {{NAME|Niamh Kelly}}'s disc to Mr {{NAME|Reilly}}? It's her [[keep|Fontan]] review; [[keep|Fontan]] conduit 18 mm, no thrombus. Thanks, {{NAME|Ailbhe}}")

add("Reported by: Dr {{NAME|Ravi Shankar}}")
S.pop()
add("Reported by: Dr {{NAME|Ravi Shankar}} (RS)\nPatient: {{NAME|Arun Kumar}} ({{NAME|AK}}), [[keep|48]]M, {{CITY|Chennai}}\n[[keep|DCM]] with [[keep|LGE]] mid-wall septum (\"septal stripe\").")

add("PT: {{NAME|IVANOVA, Yelena}}")
S.pop()
add("PT: {{NAME|IVANOVA, Yelena}}  (also {{NAME|Elena Ivanova}})\nDaughter {{NAME|Katya}} phoned {{PHONE|416-555-0142}}. [[keep|Amyloid]] pattern, [[keep|ECV]] 48%.")

add("Patient: {{NAME|Mr Kofi}}")
S.pop()
add("Patient seen: Mr {{NAME|Kofi Annor}}. Discussed with {{NAME|Kofi}} and Dr {{NAME|Ama Serwaa}}. [[keep|Severe AR]], [[keep|LVEDVi]] 130 ml/m2; surgery advised.")

add("Letter: Dear {{NAME|Deepa}},")
S.pop()
add("Dear {{NAME|Deepa}},\n\nThank you for referring Master {{NAME|Aarav Menon}}. [[keep|Coarctation]] repair site unobstructed.\n\nWith regards,\n{{NAME|Prakash}}\nDr {{NAME|Prakash Menon-Nambiar}}")

add("Handover: Mx {{NAME|Jordan Rivers}}")
S.pop()
add("Handover: Mx {{NAME|Jordan Rivers}}, [[keep|pericardial effusion]] moderate; Dr {{NAME|Cruz}} aware. Partner {{NAME|Sam}}. [[keep|Colchicine]] started.")

add("Addendum: {{NAME|Dr Wong}}")
S.pop()
add("Addendum: per Dr {{NAME|Wong}}, [[keep|LV mass]] indexed 88 g/m2; [[keep|HCM]] phenocopy unlikely. Patient {{NAME|Wong Siu Ming}} (no relation).")

add("Cosigned: {{NAME|Prof. Mark Simpson}}")
S.pop()
add("Cosigned: Prof. {{NAME|Mark Simpson}}\nNote: volumes by [[keep|Simpson's biplane]] on echo discordant with [[keep|CMR]]. {{NAME|Mark}} reviewed with {{NAME|Lucy Bennett}}.")

add("Dear {{NAME|Bola}},")
S.pop()
add("Dear {{NAME|Bola}},\n\nMrs {{NAME|Ronke Alabi}} ([[keep|45]]) - [[keep|myocarditis]], [[keep|LVEF]] 52%.\n\nBest,\n{{NAME|Dapo}}")

add("Result to {{NAME|Patience}} at Dr {{NAME|Amoah}}'s.")
S.pop()
add("Result faxed to {{NAME|Patience}} at Dr {{NAME|Amoah}}'s surgery, fax {{FAX|0302 771 443}}. [[keep|LVEF]] 60%, [[keep|LGE]] nil.")

add("ID: {{NAME|MOHAMMED, Aisha}}")
S.pop()
add("ID: {{NAME|MOHAMMED, Aisha}} / {{ID|ABUTH-55120}} / [[keep|33]]F\nRef: Dr {{NAME|Sani Abdullahi}}, {{HOSPITAL|ABUTH}} {{CITY|Zaria}}\n[[keep|Endomyocardial fibrosis]], apical obliteration, [[keep|LGE]].",
    H("MOHAMMED^AISHA^", "ABUTH55120", "ABU-CMR-0412", "19900602", "20231128", "AHMADU BELLO UNIV TEACHING HOSP", "ABDULLAHI^SANI", "RAD^MUSA"))

add("Note {{NAME|Gift}}")
S.pop()
add("{{NAME|Gift}} (patient) and brother {{NAME|Godswill}} attended. [[keep|RV]] normal; [[keep|ARVC]] excluded. Seen by Dr {{NAME|Uche Nwankwo}}.")

add("Header: {{NAME|STEWART^ISLA}}")
S.pop()
add("Name: {{NAME|Stewart, Isla}}  Study: {{DATE|4/4/24}}\nRef: {{NAME|Dr I Fraser}}")
S.pop()
add("Name: {{NAME|Stewart, Isla}}  Study: {{DATE|4/4/24}}\nRef: Dr {{NAME|I Fraser}}\n[[keep|Myocardial infarction]] with non-obstructive coronaries ([[keep|MINOCA]]); [[keep|LGE]] subendocardial.",
    H("STEWART^ISLA^", "CHI0101854432", "FV24-0404", "19850101", "20240404", "FORTH VALLEY ROYAL HOSPITAL", "FRASER^IAIN", "RAD^MGRAY"))

add("Research log: {{NAME|jdoe}} uploaded DICOM for {{ID|ACHD-077}}")
S.pop()
add("Research log: user {{NAME|tnguyen}} uploaded DICOM for {{ID|ACHD-077}} ({{NAME|Thao}}); [[keep|4D flow]] acquired. PI Dr {{NAME|Elizabeth Hartmann}} notified.")

add("{{NAME|Mrs Grace King}}")
S.pop()
add("Mrs {{NAME|Grace King}}'s CMR: [[keep|LVEF]] 50%. Dr {{NAME|Fontaine}} requested [[keep|stress perfusion]]. Daughter {{NAME|Hope}} asked for copy.")

add("Dictated by {{NAME|Dr Zhang}}")
S.pop()
add("Dictated by Dr {{NAME|Zhang Wei}}, typed by {{NAME|Li Na}}. Patient {{NAME|Wang Xiuying}} ({{NAME|WANG Xiu Ying}}), [[keep|HCM]] with [[keep|apical aneurysm]].")

add("x")
S.pop()
add("Verified by {{NAME|Ana Lucía Márquez}}, MD. Patient {{NAME|Sebastián Peña}}, [[keep|19]]M. [[keep|Anomalous RCA]], [[keep|interarterial]] course. Father {{NAME|Raúl}} present.")

add("Dear {{NAME|Aunty Bisi}}")
S.pop()
add("Note: patient prefers to be called {{NAME|Aunty Bisi}}; registered name {{NAME|Olabisi Fashola}}. [[keep|Moderate MR]], [[keep|LVEF]] 58%. Nurse {{NAME|Kemi}}.")

add("Handover: Mr {{NAME|Tui}}")
S.pop()
add("Handover: Mr {{NAME|Sione Tuiasosopo}} ({{NAME|Tui}}), [[keep|DCM]], [[keep|LVEF]] 20%, for [[keep|LVAD]] work-up. Wife {{NAME|Mele}}. Dr {{NAME|Fa'alogo}} following.")

add("Consent: {{NAME|Mr Luis Gómez}}")
S.pop()
add("Consent: Mr {{NAME|Luis Gómez}} consented; witness {{NAME|Pilar}} (RN). [[keep|Gadolinium]] given; no reaction. Dr {{NAME|Ortiz-Vega}}. [[keep|T2 mapping]] 58 ms.")

add("Letter: {{NAME|Dr Annabel Cheung}}")
S.pop()
add("Yours sincerely,\n\n{{NAME|Annabel Cheung}}\nConsultant Cardiologist\n{{HOSPITAL|Prince of Wales Hospital}}\n\nRe: {{NAME|CHEUNG Ka Yan}} - [[keep|LV thrombus]] resolved on [[keep|apixaban]].")

add("Verified {{NAME|nrajan}}")
S.pop()
add("Verified by login {{NAME|nrajan}} ({{NAME|Nirmala Rajan}}). Patient {{NAME|Selvam}} s/o {{NAME|Muthu}}. [[keep|Rheumatic MS]], [[keep|LA thrombus]].")

add("x")
S.pop()
add("Handover: {{NAME|Deepak}} ({{NAME|Deepak Nair}}) - [[keep|myocarditis]], [[keep|troponin]] down. His sister {{NAME|Divya}} staying. Dr {{NAME|Rose}} reviewing.")

add("x")
S.pop()
add("MDT: Dr {{NAME|Ross}}, Mr {{NAME|Ross}} (surgeon, unrelated), Dr {{NAME|Hunter}}. Patient {{NAME|Colin Baird}}: [[keep|Ross procedure]] candidate; [[keep|bicuspid]] AV.")

add("x")
S.pop()
add("Patient {{NAME|Faith Chukwu}} with sister {{NAME|Hope Chukwu}}. [[keep|Takotsubo]]; [[keep|LVEF]] recovered. Letter to Dr {{NAME|Ifeanyi}}.")

# ---------------------------------------------------------------- selection / extra headers
DROP = {23,29,31,38,42,44,61,62,67,72,74,83,88,90,91,94,97,98,99,101,102,104,106,110,112,113,117}
EXTRA_H = {
 3: H("TAN^MEI LING^", "S7612345D", "SGH-CMR-23-5521", "19760415", "20231020", "SINGAPORE GENERAL HOSPITAL", "LOW^KENNETH", "MENSAH^HOPE"),
 6: H("O DRISCOLL^AOIFE^", "CUH-4410982", "CUH24MR0304", "19821207", "20240304", "CORK UNIVERSITY HOSPITAL", "ROSS^EOIN", "RAD^SMURPHY"),
 7: H("WOJCIK^ZBIGNIEW^", "20045871", "NHSGGC-24-01771", "19590918", "20240126", "GLASGOW ROYAL INFIRMARY", "HUNTER^GRACE", "TOMASZ"),
 11: H("MURUGAN^^", "APL-7781230", "APL-CMR-11209", "19610801", "20231014", "APOLLO HOSPITALS CHENNAI", "KARTHIKEYAN^S", "MEENAKSHI^K R"),
 14: H("PARK^SOO YEON^", "SNUH-09918273", "SN-24-CMR-0211", "19671103", "20240210", "SEOUL NATIONAL UNIV HOSPITAL", "KIM^JI HOON", "RT^LEE"),
 21: H("VAN DER BERG^PIETER^JOHANNES", "4857773456", "RFH-MR-24-2201", "19580723", "20240130", "ROYAL FREE HOSPITAL", "DE VRIES^HANNAH", "RAD^DSOUZA"),
 22: H("OKORO^BLESSING^", "UNTH-334112", "UNTH-CMR-0077", "19941019", "20230828", "UNIV OF NIGERIA TEACHING HOSP", "CHUKWUEMEKA OBI^IFEOMA", "ADEWALE^OLUWASEUN"),
 25: H("NNAMDI^CHINONSO^", "LH-9920183", "LHCH24-1123", "19970211", "20240215", "LIVERPOOL HEART AND CHEST", "OKAFOR^WISDOM", "UGWU^CHIAMAKA"),
 30: H("HOPE^JONATHAN^", "BHI-2231098", "BHI-STR-0412", "19600520", "20240412", "BARTS HEART CENTRE", "OFORI^KWAKU", "CHARITY"),
 32: H("BRZECZYSZCZYKIEWICZ^GRZEGORZ^", "PL-66050312345", "WUM-24-0990", "19660503", "20240117", "UNIWERSYTECKIE CENTRUM KLINICZNE", "NOWAK ZIELINSKA^ALEKSANDRA", "WISNIEWSKI^KRZYSZTOF"),
 37: H("SITHOLE^NOMVULA^", "GSH8834201", "GSH-CMR-24-0155", "19880714", "20240222", "GROOTE SCHUUR HOSPITAL", "MOKOENA^T", "DLAMINI^ZANELE"),
 46: H("HERNANDEZ GARCIA^JOSE^LUIS", "HCH-5540021", "HCH-24-MR-0881", "19631230", "20240301", "HARRIS COUNTY HOSPITAL", "LOPEZ^MARIA^GUADALUPE", "NWACHUKWU^IKENNA"),
 49: H("LEVESQUE^HELENE^", "CHUM-8812093", "CHUM-IRM-24-331", "19540305", "20240108", "CHUM", "TREMBLAY^JEAN FRANCOIS", "GAGNON^MARIE EVE"),
 56: H("MCALLISTER BROWNE^SARAH JANE^", "HCN-3320198765", "BHSCT-24-0119", "19860911", "20240119", "ROYAL VICTORIA HOSPITAL BELFAST", "O LOINGSIGH^C", "CIARAN"),
 65: H("KRISHNAMURTHY^SRINIVASAN^", "MMM-00771", "MMM-CMR-2310", "19500606", "20231003", "MADRAS MEDICAL MISSION", "BALASUBRAMANIAN^P", "RT^VIJAY"),
 69: H("SANTOS^MA LOURDES^G", "SLMC-1029384", "SLMC-MR-24-077", "19590224", "20240207", "ST LUKES MEDICAL CENTER GLOBAL CITY", "DELA ROSA^REYNALDO", "RT^MALOU"),
 81: H("OBI^CHIAMAKA^", "LUTH-229981", "LUTH-24-CMR-019", "19851013", "20240125", "LAGOS UNIV TEACHING HOSP", "LAWAL^ADETOKUNBO", "NNAJI^CHUKWUMA"),
 108: H("WANG^XIUYING^", "PUMCH-0091823", "PUMCH-24-MR-441", "19580118", "20240318", "PEKING UNION MEDICAL COLLEGE HOSP", "ZHANG^WEI", "LI^NA"),
}
S = [(m, h if h else EXTRA_H.get(i)) for i, (m, h) in enumerate(S, 1) if i not in DROP]
assert len(S) == 90, len(S)

# ---------------------------------------------------------------- build
def parse(marked):
    out, phi, keep, pos = [], [], [], 0
    cur = 0
    for m in PAT.finditer(marked):
        out.append(marked[pos:m.start()]); cur += m.start() - pos
        if m.group(1):
            t, s = m.group(1), m.group(2)
            assert t in TYPES, t
            phi.append({"start": cur, "end": cur + len(s), "type": t, "text": s})
        else:
            s = m.group(3)
            keep.append({"start": cur, "end": cur + len(s), "text": s})
        out.append(s); cur += len(s); pos = m.end()
    out.append(marked[pos:])
    return "".join(out), phi, keep

recs, ids, errs = [], set(), []
tc, nkeep, nhdr = Counter(), 0, 0
for i, (marked, hdr) in enumerate(S, 1):
    rid = "x%03d" % i
    text, phi, keep = parse(marked)
    assert "{{" not in text and "[[" not in text and "}}" not in text and "]]" not in text, rid
    for sp in phi + keep:
        if text[sp["start"]:sp["end"]] != sp["text"]: errs.append((rid, sp))
    spans = sorted([(s["start"], s["end"]) for s in phi + keep])
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1]: errs.append((rid, "overlap", a, b))
    if not 2 <= len(keep) <= 6: errs.append((rid, "keep count", len(keep)))
    if rid in ids: errs.append((rid, "dup"))
    ids.add(rid)
    r = {"id": rid, "text": text, "phi": phi, "keep": keep}
    if hdr: r["header"] = hdr; nhdr += 1
    recs.append(r)
    tc.update(s["type"] for s in phi); nkeep += len(keep)
if errs:
    for e in errs: print("ERROR", e)
    sys.exit(1)
with open(OUT, "w", encoding="utf-8") as f:
    for r in recs: f.write(json.dumps(r, ensure_ascii=False) + "\n")
print("snippets", len(recs), "with header", nhdr)
for t, c in tc.most_common(): print(t, c)
print("PHI total", sum(tc.values()), "keep", nkeep)
