#!/usr/bin/env python3
"""Build cardiology_tuning3.jsonl from inline-marked snippets.

Markup:  {{TYPE|text}}  -> PHI span of TYPE
         [[keep|text]]  -> clinical phrase that must survive unchanged
All names, numbers, addresses and institutions-with-patients are invented.
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cardiology_tuning3.jsonl")

PHI_TYPES = {"NAME", "DATE", "AGE", "ADDRESS", "CITY", "STATE", "ZIP", "PHONE",
             "FAX", "EMAIL", "URL", "IP", "ID", "ACCOUNT", "LICENSE", "DEVICE",
             "VEHICLE", "HOSPITAL", "OTHER"}


def H(name, pid, acc, dob, sd, inst, ref, op):
    return {"PatientName": name, "PatientID": pid, "AccessionNumber": acc,
            "PatientBirthDate": dob, "StudyDate": sd, "InstitutionName": inst,
            "ReferringPhysicianName": ref, "OperatorsName": op}


S = []  # list of (marked_text, header_or_None); ids v001.. in order

S += [
# v001
("""CARDIAC MRI REPORT
Patient: {{NAME|Adeyemi, Tolu}}   Hosp No: {{ID|LUTH/CMR/0048823}}   DOB: {{DATE|14/03/1962}}
Referrer: Dr {{NAME|Chinwe Okafor}}, Cardiology, {{HOSPITAL|Lagos University Teaching Hospital}}
Scan date: {{DATE|04JUL2023}}   Scanner: [[keep|Siemens Aera 1.5T]]
Indication: ?[[keep|HCM]], brother died suddenly aged 31.
Findings: asymmetric septal hypertrophy, max wall thickness 19 mm. [[keep|LVEF 68%]]. Patchy mid-wall [[keep|LGE]] in the hypertrophied septum on [[keep|PSIR]]. [[keep|mild MR]] with SAM.
Reported by Dr {{NAME|Emeka Nwosu}} / typed {{NAME|fb}}""",
 {'PatientName': 'ADEYEMI^TOLU^', 'PatientID': 'LUTH0048823', 'AccessionNumber': 'CMR23070412', 'PatientBirthDate': '19620314', 'StudyDate': '20230704', 'InstitutionName': 'LUTH', 'ReferringPhysicianName': 'OKAFOR^CHINWE', 'OperatorsName': 'BELLO^FUNMILAYO'}),

# v002
("""{{HOSPITAL|Riverside Medical Centre}}
{{ADDRESS|14 Mill Lane}}
{{CITY|Wolverhampton}}
{{ZIP|WV3 9QT}}
Tel {{PHONE|01902 764310}}   Fax {{FAX|01902 764399}}

{{DATE|12 March 2023}}

Dear Dr {{NAME|Hollis}},
Re: Mrs {{NAME|Faith Baker}}, DOB {{DATE|1.1.1950}}, NHS No {{ID|485 777 3456}}
{{ADDRESS|Flat 2, 7 Cedar Court}}, {{CITY|Tettenhall}}
I would be grateful if you could arrange a cardiac MRI for this lady with exertional breathlessness, [[keep|NYHA class II]]. Echo at {{HOSPITAL|New Cross}} showed [[keep|moderate AS]] and a borderline [[keep|LVEF]]. She takes [[keep|bisoprolol 2.5 mg od]].
Yours sincerely,
Dr {{NAME|Sunny Mason}}""",
 None),

# v003
("""Cardiac imaging MDT – {{DATE|Tues 4/7}}
Present: {{NAME|RK}}, {{NAME|JH}}, Dr {{NAME|Hope}} (chair), Sister {{NAME|Joy King}}, {{NAME|Okonkwo}} (reg)
Case 3: {{NAME|O'Brien, Declan}} ({{ID|H8834512}}), 47M, transferred from {{CITY|Cork}}.
CMR: [[keep|non-ischaemic LGE]] inferolateral wall, oedema on [[keep|T2 STIR]] – fulfils [[keep|Lake Louise criteria]] for acute [[keep|myocarditis]].
Plan: repeat CMR 3/12, no competitive sport (plays hurling for {{OTHER|Ballincollig GAA}}). Letter to Dr {{NAME|Aisling Murphy}}.""",
 None),

# v004
("""ph msg 14:10 – daughter {{NAME|anjali}} rang ({{PHONE|07700 900412}}) asking re dad's cmr results. told her dr {{NAME|khan}} will call back tmrw. pt {{NAME|rajesh mehta}} mrn {{ID|4471029}}.
cmr: [[keep|LVEF 38%]], [[keep|subendocardial LGE]] LAD territory >50% transmural – not viable. for MDT.
spoke to {{NAME|wei zhang}} re results too. – {{NAME|pw}}""",
 None),

# v005
("""From: {{NAME|Zhang, Wei}} <{{EMAIL|wei.zhang@sgh-cardio.com.sg}}>
To: {{NAME|Priya Raman}}; {{NAME|Lim Boon Kiat}}
Cc: {{NAME|Nurul Huda binte Ismail}}
Sent: {{DATE|Monday, 3 April 2023 09:12}}
Subject: CMR for {{NAME|Tan Ah Kow}} ({{ID|S1234567D}})

Hi Priya,
CMR at {{HOSPITAL|NHCS}} shows [[keep|ECV 41%]] and [[keep|native T1 1180 ms]] with diffuse subendocardial enhancement – looks like [[keep|ATTR amyloid]]. Can we book a PYP scan and start the [[keep|tafamidis]] paperwork?
Letters to {{ADDRESS|Blk 123 Ang Mo Kio Ave 6 #05-67}}, Singapore {{ZIP|560123}}. Wife Mdm {{NAME|Lee Siew Mei}} is main contact.
Wei""",
 {'PatientName': 'TAN^AH KOW^', 'PatientID': 'S1234567D', 'AccessionNumber': 'NHCS-CMR-230403-07', 'PatientBirthDate': '19440821', 'StudyDate': '20230331', 'InstitutionName': 'National Heart Centre Singapore', 'ReferringPhysicianName': 'RAMAN^PRIYA', 'OperatorsName': 'CHUA^MEI LING'}),

# v006
("""{{HOSPITAL|HeartScan Diagnostics Pty Ltd}} | {{ADDRESS|Level 3, 88 Missenden Rd}}, {{CITY|Camperdown}} {{STATE|NSW}} {{ZIP|2050}} | Ph {{PHONE|(02) 9515 4400}}
Patient: Mr {{NAME|Jack Hunter}}   Medicare {{ID|2953 41872 1}}
Address: {{ADDRESS|Unit 4/22 Smith St}}, {{CITY|Surry Hills}} {{STATE|NSW}} {{ZIP|2010}}
Referring: A/Prof {{NAME|Bishop}}, {{HOSPITAL|RPAH}}
Study {{DATE|2023/07/04}} on [[keep|Siemens Vida 3T]], [[keep|ARVC]] protocol.
RV dilated, [[keep|RVEDVi 128 ml/m2]], [[keep|RVEF 39%]], regional RV dyskinesia – meets a major [[keep|2010 Task Force]] imaging criterion.""",
 {'PatientName': 'HUNTER^JACK^WILLIAM', 'PatientID': 'HSD0091234', 'AccessionNumber': 'HSD23-070411', 'PatientBirthDate': '19880206', 'StudyDate': '20230704', 'InstitutionName': 'HeartScan Diagnostics', 'ReferringPhysicianName': 'BISHOP^ANDREW', 'OperatorsName': 'NGUYEN^THI'}),

# v007
("""Pt: {{NAME|DE LA CRUZ, MARIA JOSEFA}}   MRN: {{ID|00783321}}   Acct: {{ACCOUNT|V0009912874}}
Loc: CMR Suite B, {{HOSPITAL|Mercy Hospital}}   Attending: {{NAME|Cook, Harold}} MD
DOS: {{DATE|07/14/2023 @ 08:45}}
Home: {{ADDRESS|2217 W Belmont Ave Apt 3F}}, {{CITY|Chicago}}, {{STATE|IL}} {{ZIP|60618-4412}}
Ins: BCBS member ID {{ACCOUNT|XOF884512273}}
EXAM: [[keep|CMR and MRA with gadobutrol 0.1 mmol/kg]]
IMPRESSION: [[keep|Stanford type B]] dissection from just distal to the left subclavian to the renal arteries, false lumen partially thrombosed. [[keep|LVEF 55%]].""",
 {'PatientName': 'DE LA CRUZ^MARIA^JOSEFA', 'PatientID': '00783321', 'AccessionNumber': 'MH2307140087', 'PatientBirthDate': '19580917', 'StudyDate': '20230714', 'InstitutionName': 'MERCY HOSPITAL', 'ReferringPhysicianName': 'COOK^HAROLD', 'OperatorsName': 'REYES^DANIEL'}),

# v008
("""DISCHARGE SUMMARY – Dept of Cardiology, {{HOSPITAL|AIIMS}} {{CITY|New Delhi}}
Name: {{NAME|Sunita Devi}} w/o {{NAME|Ram Prakash}}   UHID: {{ID|104522198}}   Aadhaar: {{ID|4521 8890 3317}}
Address: {{ADDRESS|H.No. 221, Sector 15, near Shiv Mandir}}, {{CITY|Faridabad}}, {{STATE|Haryana}} - {{ZIP|121007}}
DOA: {{DATE|02-06-2023}}   DOD: {{DATE|09-06-2023}}
Admitted in [[keep|NYHA class III]]. CMR ({{DATE|05/06/23}}): [[keep|severe MS]], planimetered MVA 0.9 cm2, moderate [[keep|TR]], [[keep|PA pressure]] est. 58 mmHg on echo. PTMC done {{DATE|07/06/23}}.
Son {{NAME|Vikas}} counselled. Mob {{PHONE|+91 98110 45672}}.""",
 None),

# v009
("""ADDENDUM ({{DATE|04.07.23 16:20}})
Following discussion with Dr {{NAME|van der Berg}} ({{HOSPITAL|Erasmus MC}}), the [[keep|myocardial T2* of 9 ms]] indicates significant iron loading; this replaces the earlier statement of "normal T2*". Known [[keep|beta-thalassaemia major]], on [[keep|deferasirox]].
Patient {{NAME|Pieter-Jan Verhoeven}}, acc {{ID|RAD23-448120}}. Original report {{NAME|AvdB}}/{{NAME|mk}}.""",
 None),

# v010
("""{{HOSPITAL|GR00TE SCHUUR HOSP1TAL}}
Cardiac Clinic, E17 Area ,
{{CITY|Observatory}} , {{CITY|Cape Town}} {{ZIP|7925}}
Date : {{DATE|1 2 / 0 5 / 2 0 2 3}}
Re: Mr {{NAME|Tha bo Mok-
oena}}   Folder no . {{ID|GSH 3349 2071}}
Fol- low up CMR: [[keep|Ebstein anomaly]] s/p bidirectional [[keep|Glenn]] ; RV/ atrialised RV volumes stable , [[keep|severe TR]] unchanged .
~ Dr {{NAME|N . Dlamini}} ~""",
 None),

# v011
("""Pt: {{NAME|Tremblay, Émilie}}   HCN: {{ID|4532-281-967-AB}}   Loc: {{HOSPITAL|CHEO}} MRI-2   Attending: Dr {{NAME|Gauthier}}
Enc#: {{ACCOUNT|E202300451278}}
Addr: {{ADDRESS|RR 2, 1450 Concession Rd 7}}, {{CITY|Kemptville}}, {{STATE|ON}} {{ZIP|K0G 1J0}}
16F, extracardiac [[keep|Fontan]] [[keep|since 2012]]. Systemic [[keep|ventricular EF 49%]], no thrombus in conduit, [[keep|aortopulmonary collaterals]] small. [[keep|4D flow]] Qp:Qs 0.9.
Mother ({{NAME|Nathalie}}) present for scan.""",
 {'PatientName': 'TREMBLAY^EMILIE^', 'PatientID': 'CHEO7712034', 'AccessionNumber': 'CH23MR00912', 'PatientBirthDate': '20070305', 'StudyDate': '20230918', 'InstitutionName': 'CHEO', 'ReferringPhysicianName': 'GAUTHIER^LUC', 'OperatorsName': 'ROY^ISABELLE'}),

# v012
("""COMPARISON: Compared with the CMR performed at {{HOSPITAL|Midtown Imaging}}, {{ADDRESS|455 Lexington Ave}}, {{CITY|New York}}, {{STATE|NY}} {{ZIP|10017}} on {{DATE|March 3, 2021}} (images pushed to PACS from {{IP|10.42.17.203}}):
[[keep|LVEDVi]] has increased from 98 to 121 ml/m2 and [[keep|LVEF]] has fallen to 41% (previously 52%). Mid-wall septal [[keep|LGE]] unchanged. Appearances in keeping with progressive [[keep|DCM]].
Patient: Mr {{NAME|Lorenzo Young}}, MRN {{ID|NYP-5562091}}.""",
 None),

# v013
("""Referral – {{NAME|Edith Hope}}, a {{AGE|93-year-old}} resident of {{ADDRESS|Rosewood Nursing Home, 3 Abbey Road}}, {{CITY|Bournemouth}} {{ZIP|BH8 8DW}}.
Query [[keep|cardiac amyloid]]: [[keep|bilateral carpal tunnel]], low-voltage ECG, LV wall 16 mm. [[keep|ECV]] mapping requested.
Contact: niece Ms {{NAME|Joy Cook}} {{PHONE|07812 334901}}. GP: Dr {{NAME|Lim}}'s surgery ({{HOSPITAL|Castle Lane Practice}}).""",
 None),

# v014
("""CMR TECH SHEET
Pt {{NAME|Mohammed bin Abdullah}}   MRN {{ID|55102987}}   Radiographer: {{NAME|Aoife Mac an tSaoir}}
Scanner [[keep|Philips Ingenia 1.5T]]. [[keep|Gadobutrol 7.5 ml]] IV at {{DATE|10:32 12/09/2023}}. Poor breath-holds, free-breathing [[keep|PSIR]] used.
ICD: [[keep|Medtronic Evera MRI SureScan]] SN {{DEVICE|BWB204511H}} – MR mode ON 10:05, OFF 11:10. Monitored by {{NAME|Ciarán}} (physiologist).""",
 {'PatientName': 'BIN ABDULLAH^MOHAMMED^', 'PatientID': '55102987', 'AccessionNumber': 'RX2309120033', 'PatientBirthDate': '19710602', 'StudyDate': '20230912', 'InstitutionName': 'ROYAL INFIRMARY', 'ReferringPhysicianName': 'FERGUSON^ALASTAIR', 'OperatorsName': 'MAC AN TSAOIR^AOIFE'}),

# v015
("""CARDIOVASCULAR MAGNETIC RESONANCE
Name: {{NAME|Müller-Schmidt, Jürgen}}   Geb.: {{DATE|23.11.1968}}   Pat-ID: {{ID|0087734512}}
Untersuchung: {{DATE|4-VII-2023}}, {{HOSPITAL|Charité}} CVK
Known [[keep|Fabry disease]] (GLA mutation), on [[keep|migalastat]] [[keep|since 2019]].
[[keep|Native T1 872 ms]] (low for site), [[keep|basal inferolateral LGE]], LV mass index 96 g/m2.
Befundet: Prof. {{NAME|Schulz-Menger}} / Dr. {{NAME|A. Özdemir}}""",
 None),

# v016
("""Sports cardiology clinic – {{NAME|Hunter Bishop}}, 19, academy striker at {{OTHER|Leyton Orient FC}}.
ECG: deep TWI V1–V4, not explained by [[keep|Seattle criteria]] for athletes. CMR: hypertrabeculation NC:C 2.4 – does not meet [[keep|LVNC]] criteria, [[keep|LVEF 58%]], no [[keep|LGE]].
Club physio {{NAME|Dan Faith}} ({{EMAIL|d.faith@lofc-academy.co.uk}}). Pt asks that results not go on his Instagram ({{OTHER|@hunterb_9}}) lol.""",
 None),

# v017
("""Joint {{HOSPITAL|UCLH}}/{{HOSPITAL|Barts}} MDT {{DATE|18/10/2022}}
1. {{NAME|Kowalczyk, Zofia}} ({{HOSPITAL|UCLH}} MRN {{ID|40099812}}) – CMR at {{HOSPITAL|Barts}}: [[keep|sarcoid]] pattern, patchy epicardial and septal [[keep|LGE]], FDG-PET concordant. Refer to {{HOSPITAL|the Brompton}} for ICD discussion (Dr {{NAME|Sharma}}'s list).
2. {{NAME|Lewis Baker}} – [[keep|bicuspid AV]] with [[keep|moderate AR]], aortic root 46 mm. Review at {{HOSPITAL|Heart Hospital}} clinic.""",
 None),

# v018
("""Dear Prof {{NAME|Mahmood}},
Thank you for seeing Mr {{NAME|Samuel Okonjo}} during his admission {{DATE|12-14 March 2023}} with VT storm. CMR on {{DATE|the 13th}} showed [[keep|cardiac sarcoidosis]] with [[keep|transmural LGE]] of the basal septum and [[keep|T2 mapping]] values of 58 ms.
Please copy to his GP, Dr {{NAME|Cookson}}, {{HOSPITAL|Elm Tree Surgery}}, {{ADDRESS|3 Church St}}, {{CITY|Reading}} {{ZIP|RG1 2SB}}.""",
 None),

# v019
("""Discharge summary (excerpt)
{{NAME|Gwendolyn Fairweather}}, [[keep|72F]], admitted {{DATE|July the fourth 2023}} with chest pain after her husband's funeral. Troponin 1,450 ng/L, unobstructed coronaries.
CMR {{DATE|7 July 2023}}: apical ballooning with oedema, no [[keep|LGE]] – consistent with [[keep|Takotsubo]] syndrome. [[keep|LVEF 44%]]. Started [[keep|ramipril 2.5 mg]].
Follow-up at {{HOSPITAL|St Luke's}}, Dr {{NAME|Pryce-Jones}}.""",
 None),

# v020
("""From: {{EMAIL|cmr-bookings@mercyhealth.org}}
To: {{NAME|Karen Whitlock}}
Date: {{DATE|Wed, 9 Aug 2023 11:04}}
Subject: RE: images for {{NAME|R. Okafor}}

Images are available to download at {{URL|https://share.mercyhealth.org/cmr/8f2ac91e}} until Friday. If the link fails please connect via VPN to {{IP|172.16.88.41}}.
Study: [[keep|stress perfusion CMR]] ([[keep|adenosine 140 mcg/kg/min]]), inducible defect in [[keep|RCA territory]].
— {{NAME|Tasha}}, CMR scheduling, ext {{PHONE|4417}}""",
 None),

# v021
("""CORRECTION – report issued {{DATE|21/02/2024}} under the wrong patient.
The CMR described ([[keep|LVEF 29%]], [[keep|extensive anterior LGE]]) belongs to {{NAME|HOLLOWAY, Peter}} ({{ID|RJZ 7781344}}), NOT to {{NAME|HOLLIS, Peter}} ({{ID|RJZ 7781434}}). Amended by Dr {{NAME|Ramachandran}}; Mr {{NAME|Hollis}}'s GP informed by phone.
Incident logged (Datix {{ID|W441908}}).""",
 None),

# v022
("""{{HOSPITAL|NATIONAL HOSPITAL ABUJA}}
Dept of Medicine (Cardiology Unit)
Our Ref: NHA/CARD/112
{{DATE|23rd June, 2023}}

The Consultant,
{{HOSPITAL|LUTH}}, {{ADDRESS|Ishaga Road, Idi-Araba}}
{{CITY|Lagos}}

RE: MRS {{NAME|NGOZI OKEKE}}, F/55, OF {{ADDRESS|NO. 14 ADEOLA ODEKU STREET, VICTORIA ISLAND}}, {{CITY|LAGOS}}
Kindly help with cardiac MRI. Echo: [[keep|DCM]], [[keep|LVEF 30%]], moderate functional [[keep|MR]]. ?peripartum vs [[keep|myocarditis]].
Thanks. Dr {{NAME|Bala Ibrahim}}""",
 None),

# v023
("""Aortic clinic note – {{NAME|Kwame Mensah}}, [[keep|Marfan syndrome]] (FBN1), 34M.
CMR: aortic root at sinuses 47 mm (44 mm on CMR {{DATE|Jul-22}}), [[keep|mild AR]], no [[keep|mitral valve prolapse]]. On [[keep|losartan 100 mg]].
Security note: patient's car ({{VEHICLE|KY19 ORM}}) left in ambulance bay – porters informed.
Seen with Dr {{NAME|King}}.""",
 None),

# v024
("""Reporter attestation: I, {{NAME|Harold J. Cook}}, MD, {{STATE|IL}} license {{LICENSE|036-112874}}, NPI {{ID|1649302871}}, have personally reviewed the cine, [[keep|T1 mapping]] and [[keep|LGE]] images.
Final diagnosis: [[keep|hypertrophic cardiomyopathy]], apical variant, no LVOT obstruction.
Signed electronically {{DATE|08/02/2023 17:42 CDT}}.""",
 None),

# v025
("""Pt: {{NAME|MACDONALD, Isla}}   CHI: {{ID|0101501234}}   Loc: {{HOSPITAL|GJNH}}   Attending: Dr {{NAME|MacLeod}}
Referred by {{HOSPITAL|Raigmore}} for CMR after aborted SCD at {{OTHER|Inverness Caledonian Thistle}} training ground.
ECG: type 1 [[keep|Brugada]] pattern after ajmaline. CMR structurally normal, [[keep|LVEF 61%]], [[keep|RVEF 55%]], no [[keep|LGE]].
Lives {{ADDRESS|Tigh na Mara, Balnain}}, {{CITY|Drumnadrochit}} {{ZIP|IV63 6TJ}}.""",
 {'PatientName': 'MACDONALD^ISLA^', 'PatientID': '0101501234', 'AccessionNumber': 'GJ23CMR1187', 'PatientBirthDate': '19500101', 'StudyDate': '20230611', 'InstitutionName': 'GOLDEN JUBILEE NATIONAL HOSPITAL', 'ReferringPhysicianName': 'MACLEOD^FIONA', 'OperatorsName': 'STEWART^CALUM'}),

# v026
("""Telephone note {{DATE|2/10/23}} 09:15
Spoke to Mr {{NAME|Okeke}} (husband) – wife {{NAME|Ngozi}} anxious about gadolinium. Explained [[keep|gadobutrol]] safety, eGFR 74. Also asked re [[keep|Holter]] – booked {{DATE|9th Oct}}.
Nurse {{NAME|Chidinma Eze}} RN, bleep {{PHONE|3391}}""",
 None),

# v027
("""Re: {{NAME|Ananya Krishnamurthy}}, 41F, IP No {{ID|CGH-2023-114589}}
{{HOSPITAL|CGH}} cardiology → {{HOSPITAL|Apollo Hospitals, Greams Road}} for CMR.
Address: {{ADDRESS|Flat 3B, Sai Krupa Apartments, 12th Cross, Indiranagar, near Domlur flyover}}, {{CITY|Bengaluru}} {{ZIP|560038}}.
[[keep|LVNC]] suspected on echo; rule out [[keep|ARVC]]. [[keep|WPW]] ablated 2018.
Husband {{NAME|Kiran}} – {{PHONE|+91 80 4112 7789}}""",
 None),

# v028
("""MRI SAFETY SCREENING – PACEMAKER
Patient {{NAME|Bernard Mason}}, DOB {{DATE|30/09/1931}} (age {{AGE|91}}).
Device: [[keep|Abbott Assurity MRI]] PM2272, serial {{DEVICE|7734519}}; leads Tendril MRI LPA1200M SN {{DEVICE|CWR118823}}, {{DEVICE|CWR118901}}.
Implanted at {{HOSPITAL|Morriston}} 2021. Programmed to [[keep|DOO 85]] for scan; checked by {{NAME|Gareth Hughes}} (cardiac physiologist).""",
 None),

# v029
("""ECHO/CMR CORRELATION – Sr. {{NAME|Mary Bernadette Quinn}}, religious sister at {{OTHER|St Brigid's Convent}}, {{ADDRESS|Convent Road}}, {{CITY|Kilkenny}}.
Echo [[keep|severe AS]] (AVA 0.7 cm2) vs CMR planimetry 0.8 cm2; [[keep|low-flow low-gradient]] with [[keep|LVEF 35%]]. Aged {{AGE|90}}. For TAVI MDT at {{HOSPITAL|St James's}}.""",
 None),

# v030
("""mdt {{DATE|11/1}} – quick notes
1) {{NAME|yusuf ali}} (mrn {{ID|6623190}}) – [[keep|mod MR]], [[keep|LVEF 45%]], no lge. for medical rx, review 6/12. dr {{NAME|mahmood}} to tell him.
2) {{NAME|sarah o'connell}} – [[keep|trivial TR]] only, discharge to gp.
3) {{NAME|baba tunde}} – [[keep|ischaemic LGE]] inferior wall, viable lateral wall, for PCI at {{HOSPITAL|hammersmith}}.
notes by {{NAME|gl}}""",
 None),

# v031
("""CARDIAC MRI – {{HOSPITAL|Vancouver General Hospital}}, Diagnostic Imaging
Patient: {{NAME|Singh, Harpreet K.}}   PHN: {{ID|9087 654 321}}   DOB: {{DATE|1958-02-17}}
Address on file: {{ADDRESS|7721 128 St}}, {{CITY|Surrey}}, {{STATE|BC}} {{ZIP|V3W 4E6}}
Referring: Dr {{NAME|Ng}}, {{HOSPITAL|Fraser Heart Clinic}}
Study: {{DATE|2023-09-19}}, [[keep|GE SIGNA Artist 1.5T]]
[[keep|LVEF 52%]], [[keep|LVEDVi 88 ml/m2]], focal [[keep|mid-wall LGE]] basal septum (~4% of LV mass). Septal [[keep|ECV 33%]].
Reported: {{NAME|M. Chen}}, MD FRCPC""",
 {'PatientName': 'SINGH^HARPREET^KAUR', 'PatientID': '9087654321', 'AccessionNumber': 'VGH-MR-23-558812', 'PatientBirthDate': '19580217', 'StudyDate': '20230919', 'InstitutionName': 'VANCOUVER GENERAL HOSPITAL', 'ReferringPhysicianName': 'NG^CALVIN', 'OperatorsName': 'PATEL^RINA'}),

# v032
("""FAX COVER SHEET – CONFIDENTIAL
To: {{HOSPITAL|Lakeside Cardiology Associates}}   Fax: {{FAX|(312) 555-0199}}
From: {{HOSPITAL|Northshore Imaging Center}}   Fax: {{FAX|(847) 555-0123}}   Ph: {{PHONE|(847) 555-0100}}
Date: {{DATE|10/03/2023}}   Pages: 4
Re: {{NAME|Baker, Faith A.}}   SSN: {{ID|412-55-9087}}   DOB {{DATE|02/29/1952}}
Enclosed: CMR report – [[keep|severe AS]], [[keep|AVA 0.6 cm2]], [[keep|LVEF 60%]]. Please call {{NAME|Joy}} at ext {{PHONE|221}} with any questions.""",
 None),

# v033
("""DISCHARGE SUMMARY – {{HOSPITAL|The Royal Children's Hospital}} {{CITY|Melbourne}}
Patient {{NAME|Lachlan Fitzgerald-Wu}}, URN {{ID|1187345}}, 14M.
Admitted {{DATE|04/07/2023}}, discharged {{DATE|06/07/2023}}.
Background: [[keep|TGA]] repaired with [[keep|Mustard]] procedure (1990s-era technique, done overseas). CMR: systemic [[keep|RVEF 42%]], baffle leak small, no [[keep|SVC baffle obstruction]].
Attends {{OTHER|Camberwell Grammar School}}. Parents {{NAME|Mei}} and {{NAME|Sean}}.""",
 None),

# v034
("""{{HOSPITAL|GOSH}} → adult congenital transition letter
Dear Dr {{NAME|Babu-Narayan}},
{{NAME|Freya Lindqvist}} (now 17) had a [[keep|Senning]] in infancy and a [[keep|Rastelli]] conduit revision {{DATE|5 Feb 2019}}. Latest CMR ({{DATE|Mar-23}}): conduit peak velocity 3.1 m/s, [[keep|moderate PR]], [[keep|RVEDVi 150 ml/m2]].
She is moving to {{CITY|Brighton}} for university ({{OTHER|University of Sussex}}).
Kind regards, {{NAME|Tom Bishop}}, CNS""",
 None),

# v035
("""> On {{DATE|14 Sep 2023, at 21:07}}, {{NAME|Ravi Menon}} <{{EMAIL|ravi.menon@kemhospital.org}}> wrote:
> Can you look at the CMR for Mrs {{NAME|D'Souza}} ({{ID|KEM 77/2023/4412}})? Looks like [[keep|apical HCM]] with aneurysm.
Ravi – agree. Apical aneurysm with thrombus, [[keep|LGE]] apex, [[keep|LVEF 55%]]. Start [[keep|apixaban]]. I'll discuss at {{HOSPITAL|KEM}} MDT Tues.
{{NAME|Shalini}}""",
 None),

# v036
("""{{HOSPITAL|FOrtis Escorts Heart lnstitute}}
{{ADDRESS|Okhla Road}} , {{CITY|New Delhi}} - {{ZIP|1100 25}}
Patient : Mr . {{NAME|Gurpreet S1ngh}} , 62 yrs
Addr : {{ADDRESS|H . No . 1456 , Phase 7 , near Gurudwara Sahib}} , {{CITY|Mohali}} , {{STATE|Punjab}} - {{ZIP|160062}}
CMR : [[keep|LVEF 32 %]] , [[keep|anteroseptal LGE > 75 %]] transmural ,
[[keep|severe MR]] (ischaemic) .
Dr . {{NAME|A . K . Bhatia}}""",
 None),

# v037
("""Pt: {{NAME|NWACHUKWU, Chiamaka Blessing}}
Loc: {{HOSPITAL|UNTH}} {{CITY|Enugu}}, Ward 4B
Attending: Prof {{NAME|Ike}}
Enc: {{ACCOUNT|UNTH-ENC-2023-009812}}
Adm: {{DATE|17/08/2023}}
26F, 3/52 postpartum, [[keep|NYHA class IV]]. Outside CMR ({{HOSPITAL|Memfys Hospital}}): [[keep|LVEF 22%]], no [[keep|LGE]], LV thrombus. Dx [[keep|peripartum cardiomyopathy]]; [[keep|bromocriptine]] started.""",
 {'PatientName': 'NWACHUKWU^CHIAMAKA^BLESSING', 'PatientID': 'UNTH2023-44871', 'AccessionNumber': 'UN23MR0041', 'PatientBirthDate': '19970411', 'StudyDate': '20230818', 'InstitutionName': 'UNTH ENUGU', 'ReferringPhysicianName': 'IKE^SAMUEL', 'OperatorsName': 'OKAFOR^EBERE'}),

# v038
("""ADDENDUM {{DATE|09/11/2023}}: the [[keep|LVEF]] in the original report should read 47% (not 74% – transposition error). Conclusion amended: [[keep|mild LV systolic dysfunction]]; [[keep|Simpson's]] echo EF 45% concordant.
Discussed with ref. clinician Dr {{NAME|Faith Adebayo}} by phone {{DATE|09/11/23 @ 15:05}}. – {{NAME|R. de Souza}}""",
 None),

# v039
("""PATIENT TRANSPORT NOTE
{{NAME|Arthur Penhaligon}}, a {{AGE|96 yo}} from {{ADDRESS|Trelawney House Care Home, Polwithen Rd}}, {{CITY|Penzance}} {{ZIP|TR18 4JR}}, conveyed for CMR in vehicle {{VEHICLE|WK68 PTS}}. Crew {{NAME|Gemma}} and {{NAME|Rob Tregear}}.
Indication [[keep|ATTR]] vs [[keep|AL amyloid]]; free light chains pending. Haematology (Dr {{NAME|Kerr}}) to advise.""",
 None),

# v040
("""COMPARISON: CMR performed at {{HOSPITAL|Mayo}} ({{CITY|Rochester}}, {{STATE|MN}}) on {{DATE|5/16/2019}}, report only available.
Interval: aortic root 43 → 45 mm. In keeping with [[keep|Loeys-Dietz]] (TGFBR2). Tortuous neck vessels. [[keep|mild AR]].
Pt {{NAME|Colton Reyes-Whitaker}}, 22, student at {{OTHER|Iowa State University}}; mother {{NAME|Brandy}} accompanied.""",
 None),

# v041
("""Paediatric cardiology clinic letter
Re: {{NAME|Poppy Hale}}, 11, [[keep|Turner syndrome]] (45,X)
Address: {{ADDRESS|29 Orchard Way}}, {{CITY|Keynsham}}, {{CITY|Somerset}} {{ZIP|BS31 2LH}}
CMR under feed-and-wrap not needed – she managed breath-holds! [[keep|bicuspid aortic valve]], ascending aorta z-score +2.6, [[keep|partial anomalous pulmonary venous return]] excluded.
School: {{OTHER|St Keyna Primary}}. Mum ({{NAME|Leanne Hale}}) {{PHONE|07944 120 377}}.""",
 None),

# v042
("""Clinic note – {{NAME|Oliver Sunny}}, 8M, [[keep|Noonan syndrome]] (PTPN11).
CMR at {{HOSPITAL|Alder Hey}}: dysplastic pulmonary valve, [[keep|moderate PS]] (peak 3.4 m/s), mild septal hypertrophy, no [[keep|LVOT obstruction]].
Dad {{NAME|Marcus}} asked about football at {{OTHER|Anfield Juniors}} – OK.""",
 None),

# v043
("""CMR report
{{NAME|Hughes-Llewellyn, Dafydd}}, {{HOSPITAL|UHW}} {{ID|K8890123}}, scan {{DATE|17 Jan 2024}}
Post [[keep|Ross procedure]] (2015): autograft root 41 mm, [[keep|trivial AR]]; homograft mild stenosis. [[keep|LVEF 63%]].
Ref: Dr {{NAME|Bowen}}, {{HOSPITAL|Ysbyty Gwynedd}}""",
 {'PatientName': 'HUGHES-LLEWELLYN^DAFYDD^', 'PatientID': 'K8890123', 'AccessionNumber': 'UHW24CMR0172', 'PatientBirthDate': '19910823', 'StudyDate': '20240117', 'InstitutionName': 'UNIVERSITY HOSPITAL OF WALES', 'ReferringPhysicianName': 'BOWEN^SIAN', 'OperatorsName': 'EVANS^RHODRI'}),

# v044
("""Ward round {{DATE|Sat 9/9}}: Mrs {{NAME|Pereira}}'s JVP raised with [[keep|Kussmaul sign]]; CMR shows pericardial thickening 6 mm, septal bounce on real-time cine – [[keep|constrictive pericarditis]]. Pericardial [[keep|LGE]] present (inflammatory) – trial of [[keep|colchicine]].
Seen by {{NAME|JB}}/{{NAME|TK}}""",
 None),

# v045
("""Referral (typed from dictation, {{NAME|lmw}})
Dear Dr {{NAME|Abernethy}},
Mr {{NAME|Cornelius Cook}}, 58, has an early diastolic murmur plus an [[keep|Austin Flint]] rumble. Echo [[keep|severe AR]], LV 66 mm. CMR requested for regurgitant fraction and [[keep|LVESVi]].
He lives at {{ADDRESS|88 Huntingdon Road}}, {{CITY|Cambridge}} {{ZIP|CB3 0LH}}, and works at {{OTHER|Marshall Aerospace}}.""",
 None),

# v046
("""Histology correlation
EMB ({{DATE|22/05/2023}}, {{HOSPITAL|Papworth}}): lymphocytic infiltrate with myocyte necrosis – [[keep|Dallas criteria]] positive.
Prior CMR ({{DATE|18/05/2023}}): [[keep|subepicardial LGE]] lateral wall, [[keep|T2 62 ms]]. Pt {{NAME|Imran Qureshi}}, {{ID|RGM 4410982}}.""",
 None),

# v047
("""CMR – [[keep|ARVC]] assessment using [[keep|Padua criteria]]
Name: {{NAME|Giulia Ferraro}}   Nato/a: {{DATE|07/08/1985}}   Cod.: {{ID|FRRGLI85M47L736X}}
{{HOSPITAL|Ospedale dell'Angelo}}, {{CITY|Mestre}}
RV: [[keep|RVEF 41%]], subtricuspid dyskinesia. LV: [[keep|subepicardial LGE]] inferolateral ("left-dominant" phenotype).
Sister {{NAME|Chiara}} to be screened.""",
 None),

# v048
("""Note: sinus of [[keep|Valsalva]] aneurysm (right coronary sinus) 32 mm, no rupture; [[keep|mild AR]].
[[keep|Valsalva manoeuvre]] during cine reproduced no LVOT gradient.
Pt {{NAME|Joseph Kingsley}}, acc {{ID|AX55120987}}, referred by Dr {{NAME|Hunter}} of {{HOSPITAL|Bayview Cardiology}}.""",
 None),

# v049
("""CT/CMR combined report – {{HOSPITAL|St Vincent's}} {{CITY|Darlinghurst}}
Agatston score 812. Dense calcific plaque 950 [[keep|Hounsfield units]] in pLAD. CMR stress: [[keep|adenosine]] perfusion defect anterior, no [[keep|LGE]].
Pt {{NAME|Phillip Nguyen}}, MRN {{ID|SVH0445132}}, DOB {{DATE|03-Mar-1961}}.""",
 None),

# v050
("""Haematology ↔ cardiology e-mail
From: {{NAME|Aoife Gallagher}} <{{EMAIL|a.gallagher@beaumont.ie}}>
To: {{NAME|Seán Ó Briain}}
Re: [[keep|AL amyloid]] – Mr {{NAME|Devereux}}
Lambda 290 mg/L. CMR: [[keep|ECV 52%]], transmural LGE, LV mass 140 g/m2. [[keep|Mayo stage III]]. Starting [[keep|dara-VCd]] this week.""",
 None),

# v051
("""ICD check before CMR
Pt {{NAME|Kwabena Asante}}, [[keep|DCM]], [[keep|Boston Scientific Resonate EL ICD]] D433, SN {{DEVICE|204771}}; implanted {{DATE|Nov-2020}} at {{HOSPITAL|Korle Bu}}.
MRI-conditional system confirmed, [[keep|MRI Protection Mode]] on. Tech: {{NAME|Efua}}.""",
 None),

# v052
("""Billing note – CMR w/wo contrast (CPT 75561) for {{NAME|Leroy Mason}}
Payer: Aetna, member {{ACCOUNT|W182 774 509}}, group {{ACCOUNT|0087123}}; prior auth {{ACCOUNT|PA-23-884120}}.
Home: {{ADDRESS|1406 Pine Ridge Dr}}, {{CITY|Macon}}, {{STATE|GA}} {{ZIP|31204-2231}}.
Clinical: [[keep|NYHA class III]], suspected [[keep|cardiac sarcoid]].""",
 None),

# v053
("""{{HOSPITAL|Bukit Batok Polyclinic}}
Memo to {{HOSPITAL|NUH}} Cardiology
Patient {{NAME|Muhammad Faizal bin Rahmat}}, NRIC {{ID|T0123456G}}
Addr: {{ADDRESS|Blk 412 Bukit Batok West Ave 4, #11-203}}, Singapore {{ZIP|650412}}
Please review CMR result – [[keep|HCM]], [[keep|LVOT gradient]] 64 mmHg at rest. [[keep|disopyramide]]? Tel {{PHONE|9123 4567}}""",
 None),

# v054
("""{{HOSPITAL|Wimmera Base Hospital}}, {{CITY|Horsham}} {{STATE|VIC}}
Patient: {{NAME|Colleen Jarrah}}, {{ADDRESS|RMB 4501 Natimuk Rd}}, {{CITY|Natimuk}} {{STATE|VIC}} {{ZIP|3409}}
Telehealth with {{HOSPITAL|Ballarat Health}} cardiology {{DATE|12 Oct 2023}}: CMR showed [[keep|myocarditis]] (non-ischaemic LGE), [[keep|LVEF 50%]]. Avoid strenuous exercise 3–6 months.""",
 None),

# v055
("""Patient portal message ({{URL|https://mychart.lakesidehealth.org/messages/77120}})
From patient {{NAME|Tiffany Joy Hunter}}: "Dr {{NAME|Patel}} said my heart MRI showed [[keep|LGE]] – is that bad??"
Reply by {{NAME|K. Obi}}, NP: "It shows a small scar; [[keep|LVEF 57%]] is normal. We'll discuss at your visit on {{DATE|Oct 24}}." """,
 None),

# v056
("""ph msg – pt's son {{NAME|marcus young}} called from work ({{OTHER|Tesco Extra Walsall}}), mob {{PHONE|07355 882 019}}. dad ({{NAME|reginald young}}, aged {{AGE|92}}) confused about cmr appt {{DATE|thurs 14th}}. rebooked to {{DATE|21/9}} 10:30. ([[keep|severe AS]] work-up, [[keep|TAVI]] pathway.) – {{NAME|kh}}""",
 None),

# v057
("""CMR in pregnancy (28/40) – non-contrast only
{{NAME|Fatima Zahra El-Amrani}}, G2P1, [[keep|bicuspid AV]] with coarctation repaired 1998. Ascending aorta 42 mm. No gadolinium given. [[keep|LVEF 64%]].
Obstetrician: Dr {{NAME|Hope Bishop}}, {{HOSPITAL|Queen Charlotte's}}.""",
 None),

# v058
("""VIABILITY CMR – {{HOSPITAL|Hospital Universitario La Paz}}
Paciente: {{NAME|José Luis de la Fuente Martínez}}   NHC {{ID|2209871}}   Fecha: {{DATE|14/02/2024}}
[[keep|LVEF 34%]], [[keep|LGE]] transmurality: LAD 26–50% (viable), RCA >75% (non-viable). Low-dose [[keep|dobutamine]] not required.""",
 None),

# v059
("""CARDIAC MRI REPORT – {{HOSPITAL|Royal Brompton Hospital}}
Name: {{NAME|KAUR, Jaspreet}}   Hosp no {{ID|RBH 2231887}}   NHS {{ID|943 476 5919}}   DOB {{DATE|19/04/1979}}
Exam date {{DATE|02 Nov 2023}}   Referrer Dr {{NAME|Oyelaran}} ({{HOSPITAL|Ealing Hospital}})
[[keep|Siemens Sola 1.5T]]. [[keep|LVEF 57%]], [[keep|ECV 27%]], [[keep|native T1 1010 ms]] (site normal <1045). No [[keep|LGE]].
Conclusion: no evidence of infiltrative cardiomyopathy.
{{NAME|CP}}/{{NAME|ht}} dictated {{DATE|02/11/23 14:30}}""",
 {'PatientName': 'KAUR^JASPREET^', 'PatientID': 'RBH2231887', 'AccessionNumber': 'RBH-CMR-231102-004', 'PatientBirthDate': '19790419', 'StudyDate': '20231102', 'InstitutionName': 'ROYAL BROMPTON HOSPITAL', 'ReferringPhysicianName': 'OYELARAN^BOLA', 'OperatorsName': 'SANTOS^MARIA'}),

# v060
("""MDT outcome {{DATE|Thurs 16 Nov}}
{{NAME|Abiodun, Folake}} ({{HOSPITAL|LASUTH}} {{ID|LS-0921-7734}}): CMR confirms [[keep|endomyocardial fibrosis]] with apical obliteration, [[keep|moderate TR]]. Plan: surgical referral to {{HOSPITAL|OAUTHC}} {{CITY|Ile-Ife}}.
Her pastor at {{OTHER|RCCG Jesus House Ikeja}} has been helping with transport. Contact brother {{NAME|Segun}} {{PHONE|0803 555 1298}}.
Minuted by {{NAME|T. Adebisi}}, {{DATE|16/11/2023}}""",
 {'PatientName': 'ABIODUN^FOLAKE^', 'PatientID': 'LS09217734', 'AccessionNumber': 'LAS23MR1116', 'PatientBirthDate': '19820707', 'StudyDate': '20231114', 'InstitutionName': 'LASUTH', 'ReferringPhysicianName': 'OGUNLEYE^KUNLE', 'OperatorsName': 'ADEBISI^TEMI'}),

# v061
("""Scanned letter (OCR) p.1/2
Dr {{NAME|R0bert Ma son}} FRACP
{{ADDRESS|Suite 12 , 25 Wickham Tce}}
{{CITY|Spring Hill}} {{STATE|QLD}} {{ZIP|4000}}
Ph {{PHONE|07 3831 2211}}  Fx {{FAX|07 3831 2299}}
Provider No {{LICENSE|2345671B}}
{{DATE|14 / 08 / 2O23}}
Dear Colleague , re {{NAME|Bev Hope}} ( DOB {{DATE|02 / 02 / 1945}} ) -
CMR shows [[keep|HCM]] with [[keep|LVOT obstruction]] , [[keep|mod MR]] 2° SAM .""",
 None),

# v062
("""Pt: {{NAME|YOUNG, Faith Eleanor}}   MRN: {{ID|A00421876}}
Loc: {{HOSPITAL|Sunnybrook}} CMR   Attending: {{NAME|Wright, Graham}} MD
Adm: {{DATE|2023-06-01}}   Disch: {{DATE|2023-06-04}}
Addr: {{ADDRESS|55 Bayview Ridge}}, {{CITY|North York}}, {{STATE|ON}} {{ZIP|M2L 1E3}}
CMR: [[keep|LVEF 61%]], [[keep|mitral annular disjunction]] 7 mm, [[keep|papillary muscle LGE]]. Holter: 4,200 PVCs/24h.
CPSO #{{LICENSE|84512}} (Dr {{NAME|Wright}})""",
 {'PatientName': 'YOUNG^FAITH^ELEANOR', 'PatientID': 'A00421876', 'AccessionNumber': 'SB2306020091', 'PatientBirthDate': '19760330', 'StudyDate': '20230602', 'InstitutionName': 'SUNNYBROOK HSC', 'ReferringPhysicianName': 'WRIGHT^GRAHAM', 'OperatorsName': 'LI^KEVIN'}),

# v063
("""{{HOSPITAL|Mater Private}} CMR booking
{{NAME|Sinéad Ní Bhriain}}, DOB {{DATE|8-VIII-1971}}, IHI {{ID|1003456789}}
Insurer: VHI, policy {{ACCOUNT|VH 88120477}}
Indication: recurrent [[keep|pericarditis]], ?[[keep|pericardial LGE]]. On [[keep|colchicine 500 mcg bd]].
Booked {{DATE|Fri 3rd May}} 08:00 on [[keep|Siemens Aera]].""",
 {'PatientName': 'NI BHRIAIN^SINEAD^', 'PatientID': 'MP1003456', 'AccessionNumber': 'MP24CMR0503', 'PatientBirthDate': '19710808', 'StudyDate': '20240503', 'InstitutionName': 'MATER PRIVATE', 'ReferringPhysicianName': 'HEALY^CONOR', 'OperatorsName': 'DUNNE^MARIE'}),

# v064
("""Discharge – {{HOSPITAL|Tan Tock Seng Hospital}}
{{NAME|Goh Cheng Hock}}, 64M, NRIC {{ID|S6412345J}}. Adm {{DATE|03/02/2024}}, disch {{DATE|08/02/2024}}.
STEMI, late presenter. CMR day 4: [[keep|microvascular obstruction]], [[keep|infarct size 28% LV]], [[keep|LVEF 36%]]. Started [[keep|sacubitril/valsartan]].
Daughter {{NAME|Goh Hui Min}} (HP {{PHONE|8765 4321}}) to accompany at follow-up.""",
 {'PatientName': 'GOH^CHENG HOCK^', 'PatientID': 'S6412345J', 'AccessionNumber': 'TT24MR02061', 'PatientBirthDate': '19600215', 'StudyDate': '20240206', 'InstitutionName': 'TAN TOCK SENG HOSPITAL', 'ReferringPhysicianName': 'KOH^WEE LIANG', 'OperatorsName': 'RAHMAN^SITI'}),

# v065
("""ADDENDUM – comparison now available
Compared with the CMR performed at {{HOSPITAL|Medanta}}, {{CITY|Gurugram}}, on {{DATE|17-Jan-2022}} (CD brought by pt): [[keep|LGE]] burden unchanged; [[keep|LVEF]] improved from 35% to 46% on [[keep|GDMT]].
Pt {{NAME|Rohit Malhotra}}, UHID {{ID|MM-5521093}}. – Dr {{NAME|Sneha Kulkarni}}, MCI reg {{LICENSE|MMC-2009/04/1127}}""",
 {'PatientName': 'MALHOTRA^ROHIT^', 'PatientID': 'MM5521093', 'AccessionNumber': 'MX23CMR9981', 'PatientBirthDate': '19690512', 'StudyDate': '20231020', 'InstitutionName': 'MAX SUPER SPECIALITY HOSPITAL SAKET', 'ReferringPhysicianName': 'KULKARNI^SNEHA', 'OperatorsName': 'YADAV^PRADEEP'}),

# v066
("""From: {{NAME|Bishop, Grace}}
Sent: {{DATE|30 June 2023 17:55}}
To: Cardiac MRI Admin
Cc: {{NAME|Marcus King}}; Dr {{NAME|O. Baker}}
Subject: urgent – {{NAME|Hunter}} family screening

All three siblings need CMR ([[keep|HCM]], MYBPC3 variant): {{NAME|Callum}} (14), {{NAME|Isla}} (11) and {{NAME|Noah}} (9). The father {{NAME|Rory Hunter}} had [[keep|septal myectomy]] at {{HOSPITAL|the Heart Hospital}}. Please send slots to {{EMAIL|grace.bishop2@nhs.net}}.""",
 None),

# v067
("""Pt: {{NAME|Abubakar Sadiq Usman}}   Hosp No: {{ID|ABUTH/2023/118820}}
Loc: {{HOSPITAL|ABUTH}} {{CITY|Zaria}}, MRI Suite
Attending: Dr {{NAME|Haruna Bello}}
Address: {{ADDRESS|No 7 Sokoto Road, behind Central Mosque, Tudun Wada}}, {{CITY|Zaria}}, {{STATE|Kaduna State}}
CMR: [[keep|rheumatic MS]] with left atrial thrombus, [[keep|moderate AR]], [[keep|pulmonary hypertension]].""",
 {'PatientName': 'USMAN^ABUBAKAR^SADIQ', 'PatientID': 'ABUTH2023118820', 'AccessionNumber': 'AB23MR0412', 'PatientBirthDate': '19950119', 'StudyDate': '20230412', 'InstitutionName': 'ABUTH ZARIA', 'ReferringPhysicianName': 'BELLO^HARUNA', 'OperatorsName': 'MUSA^AISHA'}),

# v068
("""Nurse-led clinic – {{DATE|Mon 12/6}}
{{NAME|Ida May Thornbury}}, {{AGE|95-year-old}} lady from {{ADDRESS|Sunnyvale Lodge, 14 Gatehouse Lane}}, {{CITY|Harrogate}} {{ZIP|HG1 4AA}}. Family want to know CMR outcome: [[keep|ATTR cardiomyopathy]] (wild-type) confirmed, [[keep|Perugini grade 2]] on DPD. [[keep|tafamidis]] not funded at her age – discussed with son {{NAME|Clive}}.
{{NAME|Helen Faith}}, HF nurse specialist""",
 {'PatientName': 'THORNBURY^IDA^MAY', 'PatientID': 'RCD8823910', 'AccessionNumber': 'HDH23CMR0612', 'PatientBirthDate': '19280301', 'StudyDate': '20230602', 'InstitutionName': 'HARROGATE DISTRICT HOSPITAL', 'ReferringPhysicianName': 'PATTERSON^JOHN', 'OperatorsName': 'FAITH^HELEN'}),

# v069
("""CMR – {{HOSPITAL|Toronto General}} / {{HOSPITAL|Peter Munk Cardiac Centre}}
{{NAME|Nakamura, Kenji}}   MRN {{ID|7732-1188}}   OHIP {{ID|5512-998-331-KT}}
Study {{DATE|Jan 9 2024}}; [[keep|Siemens Skyra 3T]].
[[keep|Tetralogy of Fallot]] s/p transannular patch: [[keep|RVEDVi 165 ml/m2]], [[keep|PR fraction 48%]]. Meets threshold for [[keep|PVR]].""",
 {'PatientName': 'NAKAMURA^KENJI^', 'PatientID': '77321188', 'AccessionNumber': 'TGH24MR0109A', 'PatientBirthDate': '19890905', 'StudyDate': '20240109', 'InstitutionName': 'UHN TORONTO GENERAL', 'ReferringPhysicianName': 'SILVERSIDES^CANDICE', 'OperatorsName': 'OLIVEIRA^ANA'}),

# v070
("""Clinic letter cc list:
cc: Dr {{NAME|Priya Venkataraman}}, GP, {{HOSPITAL|Greenlane Family Practice}}, {{ADDRESS|210 Greenlane Rd E}}, {{CITY|Auckland}} {{ZIP|1051}}
cc: Mr {{NAME|Tane Walker}} (patient), {{ADDRESS|4 Pohutukawa Pl}}, {{CITY|Ōtāhuhu}}
Summary: CMR – [[keep|LVEF 48%]], [[keep|mild MR]], no [[keep|LGE]]. Consistent with alcohol-related [[keep|DCM]].""",
 None),

# v071
("""Telephone encounter {{DATE|27/12/2023 @ 16:40}}
Caller: Ms {{NAME|Mbali Zulu}}, sister of pt {{NAME|Sipho Zulu}} ({{ID|CMJAH 44120983}}).
Wanted CMR report faxed to {{HOSPITAL|Chris Hani Baragwanath}} – fax {{FAX|011 933 8501}}. Explained needs pt consent.
Report: [[keep|ARVC]] definite by [[keep|Task Force criteria]]; ICD recommended. – {{NAME|Lerato}}""",
 None),

# v072
("""CMR Report – stress perfusion
{{NAME|Bhattacharya, Subhashis}}   MRN {{ID|TMC/88120/23}}   {{HOSPITAL|Tata Medical Center}}, {{CITY|New Town}}, {{CITY|Kolkata}} {{ZIP|700160}}
Date: {{DATE|2023-08-21}}
[[keep|regadenoson]] stress: inducible ischaemia 4/16 segments (LCx). [[keep|LVEF 55%]]. No infarct.
Post-chemo ([[keep|anthracycline]]) surveillance also requested.""",
 {'PatientName': 'BHATTACHARYA^SUBHASHIS^', 'PatientID': 'TMC8812023', 'AccessionNumber': 'TMC23CMR0821', 'PatientBirthDate': '19640626', 'StudyDate': '20230821', 'InstitutionName': 'TATA MEDICAL CENTER', 'ReferringPhysicianName': 'GHOSH^ARIJIT', 'OperatorsName': 'DAS^MOUMITA'}),

# v073
("""Scanned referral (fax header: {{DATE|MAR-07-2023 10:14}} FROM {{FAX|9055552210}} P.02)
{{HOSPITAL|Hamilton Health Sciences}} – {{NAME|Bi-Vhu Tran}}
pt {{NAME|Arjun Mehta}} DOB {{DATE|11/11/1940}}
?[[keep|cardiac amyloid]]  ?[[keep|sarcoid]] – pls do
[[keep|T1/ECV]] + LGE.  Thx  {{NAME|B.T.}}""",
 {'PatientName': 'MEHTA^ARJUN^', 'PatientID': 'HHS3320981', 'AccessionNumber': 'HH23MR0307', 'PatientBirthDate': '19401111', 'StudyDate': '20230321', 'InstitutionName': 'HAMILTON GENERAL', 'ReferringPhysicianName': 'TRAN^BI-VHU', 'OperatorsName': 'SMITH^JANE'}),

# v074
("""Outpatient CMR – {{HOSPITAL|Fiona Stanley Hospital}}
Pt {{NAME|Kylie O'Halloran}}, Medicare {{ID|4123 56789 2}}, {{ADDRESS|12/7 Marine Pde}}, {{CITY|Cottesloe}} {{STATE|WA}} {{ZIP|6011}}
Scan {{DATE|14 Sep 2023}}; [[keep|GE SIGNA Premier]].
[[keep|LVEF 66%]], [[keep|mitral valve prolapse]] bileaflet with [[keep|moderate MR]] (RF 32%).
Reported by A/Prof {{NAME|de Kock}}""",
 {'PatientName': "O'HALLORAN^KYLIE^", 'PatientID': 'FSH0771932', 'AccessionNumber': 'FSH23MR09141', 'PatientBirthDate': '19840117', 'StudyDate': '20230914', 'InstitutionName': 'FIONA STANLEY HOSPITAL', 'ReferringPhysicianName': 'PERERA^ASHAN', 'OperatorsName': 'WILLIAMS^CHLOE'}),

# v075
("""MDT {{DATE|22-Feb-24}}: {{NAME|Dimitrios Papadopoulos}}, [[keep|81M]] – low-flow [[keep|severe AS]] + [[keep|ATTR amyloid]] (dual pathology) on CMR. Frailty score 5. TAVI via {{HOSPITAL|KCH}}; wife {{NAME|Eleni}} supportive.
Action: {{NAME|SK}} to refer; {{NAME|LD}} to arrange DPD.""",
 {'PatientName': 'PAPADOPOULOS^DIMITRIOS^', 'PatientID': 'KCH4412098', 'AccessionNumber': 'KC24MR0214', 'PatientBirthDate': '19421009', 'StudyDate': '20240214', 'InstitutionName': "KING'S COLLEGE HOSPITAL", 'ReferringPhysicianName': 'KHAN^SARA', 'OperatorsName': 'DUFFY^LIAM'}),

# v076
("""ECHO LAB → CMR handover
Pt {{NAME|Baker-Young, Hope}}, nonagenarian aged {{AGE|93}}, from {{CITY|Llandudno}}. Echo poor windows; CMR for [[keep|LV thrombus]] after anterior MI. Result: 14 mm apical thrombus on [[keep|early gadolinium enhancement]]. Start [[keep|warfarin]].""",
 {'PatientName': 'BAKER-YOUNG^HOPE^', 'PatientID': 'W3382109', 'AccessionNumber': 'YGC23MR0901', 'PatientBirthDate': '19300412', 'StudyDate': '20230901', 'InstitutionName': 'YSBYTY GLAN CLWYD', 'ReferringPhysicianName': 'JONES^GARETH', 'OperatorsName': 'ROBERTS^CERI'}),

# v077
("""Pt: {{NAME|García López, Ana Lucía}}   MRN: {{ID|HUVH-881204}}
Loc: {{HOSPITAL|Vall d'Hebron}}   Attending: Dra. {{NAME|Ferreira-González}}
Study: {{DATE|12.03.2024}}
[[keep|LVEF 59%]]; [[keep|cor triatriatum]] excluded; [[keep|Qp:Qs 1.6]] from sinus venosus ASD with PAPVR.
DNI {{ID|48812093-K}}""",
 {'PatientName': 'GARCIA LOPEZ^ANA LUCIA^', 'PatientID': 'HUVH881204', 'AccessionNumber': 'VH24CMR0312', 'PatientBirthDate': '19930219', 'StudyDate': '20240312', 'InstitutionName': "HOSPITAL VALL D'HEBRON", 'ReferringPhysicianName': 'FERREIRA-GONZALEZ^IGNACIO', 'OperatorsName': 'PUIG^MARTA'}),

# v078
("""CMR Report
Patient: {{NAME|Li, Xiaoming}} (aka "{{NAME|Sunny}}")   MRN {{ID|QMH-H7712093}}   HKID {{ID|K412098(3)}}
{{HOSPITAL|Queen Mary Hospital}}, {{ADDRESS|102 Pok Fu Lam Road}}
Scan {{DATE|2023年9月5日}}. [[keep|LVNC]] criteria met (NC:C 3.1 end-diastole), [[keep|LVEF 40%]], [[keep|apical LGE]] absent.""",
 {'PatientName': 'LI^XIAOMING^', 'PatientID': 'H7712093', 'AccessionNumber': 'QMH23CMR0905', 'PatientBirthDate': '19870530', 'StudyDate': '20230905', 'InstitutionName': 'QUEEN MARY HOSPITAL', 'ReferringPhysicianName': 'CHAN^WING SZE', 'OperatorsName': 'WONG^KA YAN'}),

# v079
("""Re: Mr {{NAME|Kenneth King}} – outside hospital comparison
Compared with the CMR at {{HOSPITAL|Cleveland Clinic}} dated {{DATE|Feb 2020}}, there is new [[keep|mid-wall LGE]] in the basal inferoseptum. Known [[keep|lamin A/C]] variant. [[keep|NSVT]] on Holter. ICD recommended per risk calculator.
Pt works as a bus driver ({{OTHER|Greater Cleveland RTA}}); DMV notified. Driver's licence {{STATE|OH}} {{LICENSE|RK448812}}.""",
 {'PatientName': 'KING^KENNETH^', 'PatientID': 'CC8823471', 'AccessionNumber': 'MH23CMR11072', 'PatientBirthDate': '19660314', 'StudyDate': '20231107', 'InstitutionName': 'METROHEALTH', 'ReferringPhysicianName': 'HUANG^SHERRY', 'OperatorsName': 'WALSH^KEVIN'}),

# v080
("""OCR: Disch. Summ. {{HOSPITAL|Christian Medical College, Vellore}}
Name : Mrs . {{NAME|Lakshmi Ammal}}   Hosp . No : {{ID|552019 D}}
Addr : {{ADDRESS|3/112 , Temple Street , Opp . Murugan Kovil}} , {{CITY|Katpadi}} ,
{{CITY|Vellore Dt}} . , {{STATE|Tamil Nadu}} {{ZIP|632 007}}
DOA {{DATE|1 5 / 0 7 / 2 0 2 3}}   DOD {{DATE|2 2 / 0 7 / 2 0 2 3}}
CMR : [[keep|restrictive physiology]] , biatrial enlargement , [[keep|LGE]] absent – ? [[keep|endomyocardial fibrosis]] vs idiopathic .""",
 None),

# v081
("""{{NAME|Kemi}} – pls add to CMR list: {{NAME|adewale ogunbiyi}} 58M [[keep|DCM]] ?[[keep|sarcoid]], and mrs {{NAME|faith okoro}} 44F [[keep|myocarditis]] f/u. both next wk. thx {{NAME|tobi}}""",
 None),

# v082
("""{{HOSPITAL|Westmead}} CMR – research protocol
Participant {{NAME|Ravi Chandrasekhar}}, study ID {{ID|HEART-CMR-0412}}, Medicare {{ID|5521 88341 7}}
Address: {{ADDRESS|9 Bungarribee Rd}}, {{CITY|Blacktown}} {{STATE|NSW}} {{ZIP|2148}}
[[keep|T2*]] 28 ms; [[keep|ECV 25%]]; [[keep|LVEF 62%]]. Incidental: liver iron raised.""",
 {'PatientName': 'CHANDRASEKHAR^RAVI^', 'PatientID': 'WM5521883', 'AccessionNumber': 'WM23RS0412', 'PatientBirthDate': '19770202', 'StudyDate': '20231015', 'InstitutionName': 'WESTMEAD HOSPITAL', 'ReferringPhysicianName': 'THOMAS^LIZA', 'OperatorsName': 'SINGH^AMAN'}),

# v083
("""Dear {{NAME|Joy}},
Just following up our chat re Mr {{NAME|Faith}} (yes that's his surname!) – his CMR ({{DATE|Mon 11 Dec}}) shows [[keep|Takotsubo]] pattern resolving, [[keep|LVEF 52%]]. Happy for discharge to {{HOSPITAL|Ashford Community Hospital}}.
Best, {{NAME|Ruth}}
{{NAME|Ruth Cavendish}} | Cardiology Registrar | {{HOSPITAL|William Harvey Hospital}} | bleep {{PHONE|6621}}""",
 None),

# v084
("""CMR Safety – MR-conditional [[keep|Micra AV]] leadless pacemaker (model MC1AVR1), SN {{DEVICE|PJV408812S}}.
Pt {{NAME|Harbhajan Sidhu}}, {{AGE|94 yrs}}, from {{CITY|Southall}}. Scan at 1.5T only, [[keep|normal operating mode]]. Physiologist {{NAME|Navdeep}}.""",
 {'PatientName': 'SIDHU^HARBHAJAN^', 'PatientID': 'EH9921008', 'AccessionNumber': 'EL23CMR0822', 'PatientBirthDate': '19290104', 'StudyDate': '20230822', 'InstitutionName': 'EALING HOSPITAL', 'ReferringPhysicianName': 'GILL^SUKHDEEP', 'OperatorsName': 'NAVDEEP^K'}),

# v085
("""Pt: {{NAME|WASHINGTON, Tyrone D.}}   MRN {{ID|JH-44120977}}   Acct {{ACCOUNT|8812209913}}
Loc: {{HOSPITAL|Johns Hopkins Hospital}} – Zayed 7
Attending: {{NAME|Zimmerman}}, S.
Addr: {{ADDRESS|3310 Greenmount Ave}}, {{CITY|Baltimore}}, {{STATE|MD}} {{ZIP|21218-3021}}
[[keep|cardiac sarcoid]] on CMR ({{DATE|6/2/23}}), [[keep|LVEF 44%]], [[keep|patchy LGE]] septum + RV insertion points.""",
 {'PatientName': 'WASHINGTON^TYRONE^D', 'PatientID': 'JH44120977', 'AccessionNumber': 'JHH23MR060201', 'PatientBirthDate': '19710806', 'StudyDate': '20230602', 'InstitutionName': 'JOHNS HOPKINS HOSPITAL', 'ReferringPhysicianName': 'ZIMMERMAN^STEFAN', 'OperatorsName': 'PARK^JI-WOO'}),

# v086
("""Dictation correction requested by Dr {{NAME|Iyer}} {{DATE|18/10/2023}}:
"Simpson" was transcribed as "Simson" – please read "[[keep|Simpson's biplane]]". Also "[[keep|Fontan]]" not "fountain". Pt {{NAME|Aarav Iyer-Patel}} (no relation), IP {{ID|KDAH-23-44120}}, {{HOSPITAL|Kokilaben Hospital}}, {{CITY|Andheri West}}.""",
 {'PatientName': 'IYER-PATEL^AARAV^', 'PatientID': 'KDAH2344120', 'AccessionNumber': 'KD23CMR1017', 'PatientBirthDate': '20091203', 'StudyDate': '20231017', 'InstitutionName': 'KOKILABEN DHIRUBHAI AMBANI HOSPITAL', 'ReferringPhysicianName': 'IYER^SURESH', 'OperatorsName': 'SHAH^NEHA'}),

# v087
("""Ward clerk note: pt {{NAME|Jim "Hunter" Cox}} left before CMR. Car reg {{VEHICLE|LND 452 KJ}}? no – that's his brother's car (brother {{NAME|Femi Cox}}). Pt's own: {{VEHICLE|FY21 XMB}}. Security aware.
Scan was for [[keep|ST depression]] with troponin rise; [[keep|stress CMR]] rebooked {{DATE|05/12/2023}}.""",
 None),

# v088
("""{{HOSPITAL|Groote Schuur}} / {{HOSPITAL|Red Cross War Memorial Children's Hospital}} joint clinic
{{NAME|Lindiwe Khumalo}}, 15F, [[keep|rheumatic heart disease]]: [[keep|severe MR]], [[keep|mild MS]]. CMR LVEDVi 112 ml/m2.
Home: {{ADDRESS|22 Ntlazane St}}, {{CITY|Khayelitsha}}. School: {{OTHER|Manzomthombo Secondary}}. Gran {{NAME|MaDlamini}} is guardian.""",
 None),

# v089
("""IT ticket #INC0099812 (copied into EHR by mistake)
User {{NAME|jsmith4}} could not open CMR for {{NAME|PATEL, Nisha}} ({{ID|RX0488120}}) on workstation {{IP|192.168.14.77}}; viewer {{URL|http://cvi42-srv02.internal.nhs.uk/study/1.2.840.113619.2.55}} timed out.
Study contents: [[keep|T1 mapping]], [[keep|4CH cine]], [[keep|SAX stack]].""",
 None),

# v090
("""Please send the CMR appointment letter c/o his daughter:
Mr {{NAME|Albert Mason}}
c/o Mrs {{NAME|Joan Bishop}}
{{ADDRESS|17 Bishop's Walk}}
{{CITY|Lichfield}}
{{CITY|Staffordshire}}
{{ZIP|WS13 6DQ}}
Indication: [[keep|AF]] with [[keep|LVEF 35%]] on echo, ?tachycardia-mediated vs [[keep|ischaemic cardiomyopathy]]. Letter dated {{DATE|the 4th}} ({{DATE|4 Sept 2023}}).""",
 {'PatientName': 'MASON^ALBERT^GEORGE', 'PatientID': 'RQ88120934', 'AccessionNumber': 'SAN23CMR0904', 'PatientBirthDate': '19380712', 'StudyDate': '20230904', 'InstitutionName': 'COUNTY HOSPITAL STAFFORD', 'ReferringPhysicianName': 'BISHOP^ELLEN', 'OperatorsName': 'CHATTERJEE^RIA'}),

# v091
("""-----Original Message-----
From: {{NAME|Ololade Adeyinka}} [mailto:{{EMAIL|lola.adeyinka@reddingtonhospital.com}}]
Sent: {{DATE|Tuesday, September 12, 2023 8:03 AM}}
To: {{NAME|Hart, Jonathan}} <{{EMAIL|jhart@cardiocare.ng}}>
Subject: CMR images – Chief {{NAME|Obinna Nwankwo}}

Jon, the [[keep|CMR]] DICOMs are at {{URL|https://wetransfer.com/downloads/7c1d9a2ef044}}. Findings: [[keep|apical HCM]] ("ace-of-spades"), [[keep|LVEF 70%]]. He is a director at {{OTHER|Zenith Bank}} – discreet please.
Lola""",
 None),

# v092
("""CMR REPORT – {{HOSPITAL|Singapore General Hospital}}
{{NAME|Chua, Benedict Wei Jie}}   MRN {{ID|SGH-9012283}}   DOB {{DATE|05/04/1990}}
Scan @ {{DATE|14:30 on 02/03/23}}  [[keep|Siemens Aera 1.5T]]
[[keep|myocarditis]] post mRNA vaccine? [[keep|Subepicardial LGE]] inferolateral, [[keep|T2 58 ms]]. [[keep|LVEF 56%]].
Reported: Dr {{NAME|Chin Chee Yang}}, MCR {{LICENSE|M11245J}}""",
 {'PatientName': 'CHUA^BENEDICT^WEI JIE', 'PatientID': 'SGH9012283', 'AccessionNumber': 'SG23CMR0302-11', 'PatientBirthDate': '19900405', 'StudyDate': '20230302', 'InstitutionName': 'SINGAPORE GENERAL HOSPITAL', 'ReferringPhysicianName': 'LIM^SER HON', 'OperatorsName': 'TEO^JASMINE'}),

# v093
("""Geriatric cardiology note
{{NAME|Winifred Sunny}}, aged {{AGE|101}}, lives independently in {{CITY|Frome}}. GP asked whether CMR is appropriate for ?[[keep|AL amyloid]]. Decision with patient and grandson {{NAME|Jake}}: no CMR; symptomatic treatment with [[keep|furosemide 40 mg]]. Reviewed {{DATE|Wed 3/4}}.""",
 None),

# v094
("""Pt: {{NAME|ROSS, Margaret}}   ({{AGE|97}}F)   MRN {{ID|GG-0418832}}
Loc: {{HOSPITAL|QEUH}}   Attending: Dr {{NAME|Glenn}}
Note: CMR declined by patient; earlier echo [[keep|severe AS]], [[keep|LVEF 55%]]. (NB the attending's name is a coincidence – no [[keep|Glenn shunt]].) Reviewed {{DATE|11/03/2024}}.""",
 None),

# v095
("""Remote reporting log – {{DATE|2023-11-18T22:41}}
Reporter {{NAME|dr_okeke}} logged in from {{IP|41.184.77.230}} (home VPN) to report CMR acc {{ID|LU23-11-0098}}: [[keep|LVEF 24%]], [[keep|DCM]] with [[keep|LV thrombus]]. Second read by {{NAME|sa}} from {{IP|10.8.0.14}}.""",
 None),

# v096
("""DISCHARGE SUMMARY – {{HOSPITAL|Reddington Hospital}}, {{ADDRESS|12 Idowu Martins Street, Victoria Island}}, {{CITY|Lagos}}
Name: Chief (Mrs) {{NAME|Bolanle Adekunle}}   Hosp No {{ID|RH/23/004512}}
Admitted {{DATE|03/10/2023}}, discharged {{DATE|10/10/2023}}. CMR: [[keep|hypertensive heart disease]], [[keep|LVH]] 15 mm, no [[keep|LGE]]. Driver {{NAME|Sunday}} to bring her (vehicle {{VEHICLE|LSR 871 EP}}).""",
 {'PatientName': 'ADEKUNLE^BOLANLE^', 'PatientID': 'RH23004512', 'AccessionNumber': 'RH23CMR1005', 'PatientBirthDate': '19610928', 'StudyDate': '20231005', 'InstitutionName': 'REDDINGTON HOSPITAL', 'ReferringPhysicianName': 'OSHO^ADEBOLA', 'OperatorsName': 'UDOH^GRACE'}),

# v097
("""Specialist letter
Dr {{NAME|Amelia Hartley-Singh}} MBBS FRACP   AHPRA {{LICENSE|MED0001872341}}
{{HOSPITAL|Hunter Heart}}, {{ADDRESS|Level 2, 30 Medcalf St}}, {{CITY|Warners Bay}} {{STATE|NSW}} {{ZIP|2282}}
{{DATE|3/10/2023}}
Re {{NAME|Bruce Cook}}, {{ADDRESS|Lot 14 Wollombi Rd}}, {{CITY|Cessnock}}
CMR: [[keep|severe AR]] (RF 45%), [[keep|LVESVi 48 ml/m2]] – meets surgical threshold. Mate at {{OTHER|Cessnock Goannas RLFC}} noticed him breathless.""",
 {'PatientName': 'COOK^BRUCE^', 'PatientID': 'HNE7712039', 'AccessionNumber': 'HH23CMR0929', 'PatientBirthDate': '19620811', 'StudyDate': '20230929', 'InstitutionName': 'HUNTER HEART', 'ReferringPhysicianName': 'HARTLEY-SINGH^AMELIA', 'OperatorsName': 'BROWN^KATE'}),

# v098
("""MDT – congenital {{DATE|Fri 2 Feb 2024}}
Chair: [[keep|Dr]] {{NAME|Baker}}. Cases:
• {{NAME|Yasmin Al-Farsi}}, 29 – [[keep|Fontan]] (lateral tunnel), CMR [[keep|systemic ventricle EF 44%]], plan [[keep|Fontan-associated liver disease]] screen.
• {{NAME|Tobias Hunter}}, 33 – [[keep|Glenn]] only, cyanosed, sats 82%.
Minutes: {{NAME|JY}}""",
 None),

# v099
("""Pt: {{NAME|Lévesque, Jean-François}}   RAMQ: {{ID|LEVJ 6803 1214}}   Loc: {{HOSPITAL|IUCPQ}}   Attending: Dr {{NAME|Bernier}}
Adresse: {{ADDRESS|1420, rue des Érables, app. 3}}, {{CITY|Lévis}} ({{STATE|QC}}) {{ZIP|G6V 4K1}}
IRM cardiaque {{DATE|12 juillet 2023}}: [[keep|FEVG 38 %]], [[keep|rehaussement tardif]] sous-épicardique latéral ([[keep|myocardite]]).""",
 {'PatientName': 'LEVESQUE^JEAN-FRANCOIS^', 'PatientID': 'LEVJ68031214', 'AccessionNumber': 'IU23IRM0712', 'PatientBirthDate': '19681214', 'StudyDate': '20230712', 'InstitutionName': 'IUCPQ', 'ReferringPhysicianName': 'BERNIER^MATHIEU', 'OperatorsName': 'GAGNON^SOPHIE'}),

# v100
("""Dept of Cardiology, {{HOSPITAL|PGIMER}}, {{CITY|Chandigarh}}
Pt {{NAME|Harjinder Kaur}} d/o {{NAME|Balwant Singh}}, Aadhaar {{ID|7712 4409 2281}}, CR No {{ID|2023-0088124}}
Addr: {{ADDRESS|VPO Kharar, Ward 6, near Bus Stand}}, {{CITY|SAS Nagar}}, {{STATE|Punjab}} {{ZIP|140301}}
CMR {{DATE|14/3/2023}}: [[keep|Takayasu arteritis]] with aortic wall thickening, [[keep|moderate AR]].""",
 {'PatientName': 'KAUR^HARJINDER^', 'PatientID': 'PGI2023008812', 'AccessionNumber': 'PG23MR0314', 'PatientBirthDate': '19990722', 'StudyDate': '20230314', 'InstitutionName': 'PGIMER CHANDIGARH', 'ReferringPhysicianName': 'BAHL^AJAY', 'OperatorsName': 'SHARMA^POOJA'}),

# v101
("""phone msg {{DATE|5/17}} 3:15pm – {{NAME|Darlene}} from {{HOSPITAL|Blue Ridge Cardiology}} ({{PHONE|828-555-0147}}, fax {{FAX|828-555-0148}}) requesting CMR report for {{NAME|Earl Hunter}} DOB {{DATE|3/3/1944}}. Sent via secure fax. Result: [[keep|LVEF 30%]], [[keep|inferior infarct]] non-viable. – {{NAME|mj}}""",
 None),

# v102
("""ECG/CMR correlation
{{NAME|Daniel Fairbrother}}, 24, semi-pro cyclist ({{OTHER|Team Wiggins Le Col}}). Strava {{OTHER|@danfairbro}}.
ECG: pre-excitation – [[keep|WPW]] pattern; CMR normal, [[keep|LVEF 60%]], no [[keep|LGE]]. EP study at {{HOSPITAL|Bristol Heart Institute}} on {{DATE|28th Nov}}.""",
 {'PatientName': 'FAIRBROTHER^DANIEL^', 'PatientID': 'BRI4409812', 'AccessionNumber': 'BH23CMR1102', 'PatientBirthDate': '19990501', 'StudyDate': '20231102', 'InstitutionName': 'BRISTOL HEART INSTITUTE', 'ReferringPhysicianName': 'ANDERSON^RUTH', 'OperatorsName': 'MOSS^ELLIE'}),

# v103
("""Addendum (late): gadolinium dose was [[keep|gadobutrol 0.15 mmol/kg]], not 0.1 as stated. [[keep|ECV]] recalculated: 34%. Patient {{NAME|Hassan Al-Sayed}}, {{ID|HMC-220918}}, {{HOSPITAL|Heart Hospital, Hamad Medical Corporation}}. Signed {{NAME|R. Mahfouz}} {{DATE|19 Jun 2023 09:10}}.""",
 None),

# v104
("""CMR report
{{NAME|Nowak, Agnieszka}}   PESEL {{ID|58031412345}}   {{HOSPITAL|Instytut Kardiologii}}, {{CITY|Anin}}
Data badania: {{DATE|04.07.2023}}
[[keep|LVEF 45%]], [[keep|LBBB]] dyssynchrony, no [[keep|LGE]] – suitable for CRT.""",
 {'PatientName': 'NOWAK^AGNIESZKA^', 'PatientID': '58031412345', 'AccessionNumber': 'IK23MR0704', 'PatientBirthDate': '19580314', 'StudyDate': '20230704', 'InstitutionName': 'INSTYTUT KARDIOLOGII', 'ReferringPhysicianName': 'KOWALSKI^PIOTR', 'OperatorsName': 'WOJCIK^ANNA'}),

# v105
("""Outside film review
Images from {{HOSPITAL|Midtown Imaging}} ({{DATE|Oct-23}}) and {{HOSPITAL|Kaiser Permanente Santa Clara}} ({{DATE|2/14/2024}}) compared. Progressive [[keep|aortic root dilatation]] 4.4 → 4.7 cm, [[keep|bicuspid AV]]. Pt {{NAME|Rosa Martinez-King}}, {{HOSPITAL|KP}} MRN {{ID|000118823412}}, Kaiser member {{ACCOUNT|KP-SC-44120988}}.""",
 {'PatientName': 'MARTINEZ-KING^ROSA^', 'PatientID': '000118823412', 'AccessionNumber': 'KP24CMR0301', 'PatientBirthDate': '19750606', 'StudyDate': '20240301', 'InstitutionName': 'KAISER PERMANENTE SANTA CLARA', 'ReferringPhysicianName': 'HO^VINCENT', 'OperatorsName': 'GARCIA^LUIS'}),

# v106
("""Ward note – Bed 14, CCU, {{HOSPITAL|St Thomas'}} – {{AGE|91-yr-old}} man
spoke with wife (Mrs {{NAME|Hollis}}) and son {{NAME|ben}} re CMR: [[keep|LV aneurysm]] with [[keep|transmural LGE]]. For surgical opinion (Mr {{NAME|Young}}'s list). Nurse {{NAME|Precious}}.""",
 None),

# v107
("""{{HOSPITAL|Manipal Hospital}}, {{ADDRESS|98 HAL Old Airport Rd}}, {{CITY|Bengaluru}} {{ZIP|560017}}
Pt {{NAME|Venkatesh Rao}}, {{AGE|90}} yrs, IP {{ID|MH-BLR-553108}}
CMR {{DATE|21 Aug 2023}}: [[keep|ATTR amyloid]] likely, [[keep|ECV 48%]], apical sparing.""",
 {'PatientName': 'RAO^VENKATESH^', 'PatientID': 'MHBLR553108', 'AccessionNumber': 'MH23CMR0821', 'PatientBirthDate': '19330119', 'StudyDate': '20230821', 'InstitutionName': 'MANIPAL HOSPITAL OLD AIRPORT ROAD', 'ReferringPhysicianName': 'PRASAD^DEEPA', 'OperatorsName': 'REDDY^ANIL'}),

# v108
("""Forwarded message
From: Cath Lab Coordinator <{{EMAIL|cathlab.coord@uhcw.nhs.uk}}>
Date: {{DATE|Thu, 07 Mar 2024 at 11:22}}
To: {{NAME|Gill Mason}}
Pt {{NAME|Terrence Abbott}} – CMR [[keep|stress perfusion]] positive [[keep|LAD territory]]; booked PCI {{DATE|14/03/24}}. Portal: {{URL|https://uhcw.nhs.uk/pt/TA-77120}}""",
 None),

# v109
("""Scanned OCR – {{HOSPITAL|Lagos State Teaching Hosp.}}
Name : {{NAME|Ade-
wale Coker}}   F o l d e r : {{ID|LS/23/8812}}
Addr : {{ADDRESS|Plot 5 , Bode Thomas St}} , {{CITY|Surulere}} , {{STATE|Lagos State}}
Findings : [[keep|LGE]] mid-wall ; [[keep|LVEF 41 %]] .""",
 {'PatientName': 'COKER^ADEWALE^', 'PatientID': 'LS238812', 'AccessionNumber': 'LS23MR0910', 'PatientBirthDate': '19801002', 'StudyDate': '20230910', 'InstitutionName': 'LASUTH', 'ReferringPhysicianName': 'OLAWALE^FEMI', 'OperatorsName': 'ADEOYE^TOPE'}),

# v110
("""Pre-CMR questionnaire (patient-completed)
Name: {{NAME|sunny bishop}}   Age: 45   Employer: {{OTHER|Royal Mail}}
Address: {{ADDRESS|44 Kingfisher Close}}, {{CITY|Basingstoke}} {{ZIP|RG22 5LF}}
Implants: [[keep|Medtronic Azure XT DR MRI]] pacemaker, SN {{DEVICE|RNJ778812S}}. Claustrophobic – [[keep|lorazepam 0.5 mg]].""",
 None),

# v111
("""{{HOSPITAL|Mayo Clinic}} consult summary
Mr {{NAME|Lars Eriksson}}, [[keep|67]], from {{CITY|Eau Claire}}, {{STATE|WI}}. [[keep|Cardiac sarcoidosis]] on CMR + FDG-PET. Started [[keep|prednisone 40 mg]] + [[keep|methotrexate]]. Next CMR {{DATE|Jan 2025}}.""",
 {'PatientName': 'ERIKSSON^LARS^', 'PatientID': '11-223-884', 'AccessionNumber': 'MC24CMR0512', 'PatientBirthDate': '19570129', 'StudyDate': '20240512', 'InstitutionName': 'MAYO CLINIC ROCHESTER', 'ReferringPhysicianName': 'COOPER^LESLIE', 'OperatorsName': 'HANSEN^ERIK'}),

# v112
("""Pt: {{NAME|Te Rangi, Aroha}}   NHI {{ID|ZAB1234}}
Loc: {{HOSPITAL|Auckland City Hospital}}   Attending: Dr {{NAME|Kerr}}
Addr: {{ADDRESS|18 Tamaki Dr}}, {{CITY|Mission Bay}}, {{CITY|Auckland}} {{ZIP|1071}}
CMR {{DATE|2024-04-02}}: [[keep|rheumatic MR]] moderate, [[keep|LVEF 58%]]. Whānau: aunt {{NAME|Mere}}.""",
 {'PatientName': 'TE RANGI^AROHA^', 'PatientID': 'ZAB1234', 'AccessionNumber': 'ACH24CMR0402', 'PatientBirthDate': '20010917', 'StudyDate': '20240402', 'InstitutionName': 'AUCKLAND CITY HOSPITAL', 'ReferringPhysicianName': 'KERR^ANDREW', 'OperatorsName': 'TAMA^HINE'}),

# v113
("""quick note – dr {{NAME|o'neill}} rang from {{HOSPITAL|mater}} re {{NAME|kieran doyle}} ({{DATE|04/07/23}} cmr). they want images on {{URL|https://images.mater.ie/share?id=KD4471}}. [[keep|LVEF 33%]], [[keep|DCM]]. – {{NAME|sb}}""",
 None),

# v114
("""CMR REPORT
Patient: {{NAME|Abdullah, Nur Aisyah binti}}   MRN {{ID|IJN-0088127}}   IC {{ID|880412-14-5522}}
{{HOSPITAL|IJN}}, {{ADDRESS|145 Jalan Tun Razak}}, {{CITY|Kuala Lumpur}} {{ZIP|50400}}
Date {{DATE|12/09/2023}}. [[keep|Eisenmenger]] physiology with large [[keep|VSD]], [[keep|RVEF 48%]].""",
 {'PatientName': 'ABDULLAH^NUR AISYAH^', 'PatientID': 'IJN0088127', 'AccessionNumber': 'IJN23CMR0912', 'PatientBirthDate': '19880412', 'StudyDate': '20230912', 'InstitutionName': 'INSTITUT JANTUNG NEGARA', 'ReferringPhysicianName': 'ISMAIL^AZMAN', 'OperatorsName': 'LEE^MEI FONG'}),

# v115
("""Death notification (for info – CMR booked {{DATE|25/1}} to be cancelled)
{{NAME|Gladys Winterbottom}}, {{AGE|99}}, died at {{ADDRESS|Meadowbank Care Home, 2 Station Rd}}, {{CITY|Kendal}} {{ZIP|LA9 6BT}} on {{DATE|19 Jan 2024}}. Indication had been [[keep|HFpEF]] ?[[keep|amyloid]]. Informed by {{NAME|Sandra}} (manager).""",
 None),

# v116
("""Pt: {{NAME|Okafor, Uchenna}}   Loc: {{HOSPITAL|Lakeside Cardiology}}   Attending: {{NAME|Mason, J.}} DO
Insurance: Medicaid {{ACCOUNT|IL8812009473}}
CMR {{DATE|04/15/2024}}: [[keep|LVEF 50%]], [[keep|mild TR]], [[keep|PA pressure]] normal by flow. DEA {{LICENSE|BM4412098}} on Rx.""",
 {'PatientName': 'OKAFOR^UCHENNA^', 'PatientID': 'LC0091273', 'AccessionNumber': 'LC24CMR0415', 'PatientBirthDate': '19730301', 'StudyDate': '20240415', 'InstitutionName': 'LAKESIDE CARDIOLOGY', 'ReferringPhysicianName': 'MASON^JAMES', 'OperatorsName': 'RIVERA^ANA'}),

# v117
("""Correction notice {{DATE|Jul 5 2023}}: In the CMR report of {{DATE|July 4, 2023}} for {{NAME|Kevin O'Brien-Hunter}} the phrase "[[keep|no LGE]]" should read "focal [[keep|RV insertion point LGE]]". Corrected by {{NAME|M. Aziz}}, MD.""",
 None),

# v118
("""Referral – Cardiology, {{HOSPITAL|Mercy Hospital}}
Patient {{NAME|Grace Mac an tSaoir}}, {{ADDRESS|Apt 4, 12 Ferry Lane}}, {{CITY|Westport}}, {{CITY|Co. Mayo}} {{ZIP|F28 X2Y9}}
Brother {{NAME|Pádraig}} died at 38 ([[keep|ARVC]] at PM). Request CMR + [[keep|Holter]]; refer from {{HOSPITAL|Mayo University Hospital}}. Email {{EMAIL|grace.mcintyre88@gmail.com}}.""",
 None),

# v119
("""Audit extract Q4 2022: CMR turnaround – example case {{NAME|Sofia Rossi}}, scanned {{DATE|9 Nov 2022}}, reported {{DATE|23 Nov 2022}} (14 days). Content: [[keep|LVEF 60%]], [[keep|mild MR]]. Reporter {{NAME|PB}}, auditor {{NAME|Amara Okonjo-Hale}} ({{EMAIL|a.okonjo-hale@audit.uclh.nhs.uk}}), {{HOSPITAL|UCLH}}.""",
 {'PatientName': 'ROSSI^SOFIA^', 'PatientID': 'UCLH2209988', 'AccessionNumber': 'UC22CMR1109', 'PatientBirthDate': '19820726', 'StudyDate': '20221109', 'InstitutionName': 'UCLH', 'ReferringPhysicianName': 'SHAH^RAJ', 'OperatorsName': 'BURKE^PHILIP'}),

# v120
("""Pt: {{NAME|Fernandes, Joaquim}}   MRN {{ID|GMC-GOA-77120}}   Loc: {{HOSPITAL|Goa Medical College}}, {{CITY|Bambolim}}   Attending: [[keep|Dr]] {{NAME|Naik}}
Addr: {{ADDRESS|H. No. 312, Vaddo, near Our Lady of Remedios Church}}, {{CITY|Nuvem}}, {{CITY|Salcete}}, {{STATE|Goa}} {{ZIP|403713}}
On [[keep|bisoprolol 5 mg]] [[keep|since 2019]]. CMR {{DATE|28-11-2023}}: [[keep|HCM]] septal 22 mm, [[keep|LVOT gradient]] 80 mmHg on Valsalva. Son {{NAME|Rui}} {{PHONE|+91 832 241 5567}}.""",
 {'PatientName': 'FERNANDES^JOAQUIM^', 'PatientID': 'GMCGOA77120', 'AccessionNumber': 'GM23CMR1128', 'PatientBirthDate': '19550807', 'StudyDate': '20231128', 'InstitutionName': 'GOA MEDICAL COLLEGE', 'ReferringPhysicianName': 'NAIK^SHAILESH', 'OperatorsName': 'DSOUZA^LIZA'}),

]

# ---------------------------------------------------------------- build
TOK = re.compile(r"\{\{([A-Z]+)\|(.*?)\}\}|\[\[keep\|(.*?)\]\]", re.S)


def parse(marked):
    out, phi, keep, pos = [], [], [], 0
    cur = 0
    for m in TOK.finditer(marked):
        out.append(marked[pos:m.start()])
        cur += m.start() - pos
        if m.group(1) is not None:
            typ, t = m.group(1), m.group(2)
            if typ not in PHI_TYPES:
                raise ValueError("bad type %s" % typ)
            phi.append({"start": cur, "end": cur + len(t), "type": typ, "text": t})
        else:
            t = m.group(3)
            keep.append({"start": cur, "end": cur + len(t), "text": t})
        out.append(t)
        cur += len(t)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    return text, phi, keep


def main():
    recs, errs = [], []
    for i, (marked, header) in enumerate(S, 1):
        rid = "v%03d" % i
        text, phi, keep = parse(marked.strip("\n"))
        for bad in ("{{", "}}", "[[", "]]"):
            if bad in text:
                errs.append("%s: leftover markup %r" % (rid, bad))
        spans = sorted([(p["start"], p["end"]) for p in phi + keep])
        for (a1, b1), (a2, b2) in zip(spans, spans[1:]):
            if a2 < b1:
                errs.append("%s: overlap %d-%d / %d-%d" % (rid, a1, b1, a2, b2))
        for p in phi + keep:
            if text[p["start"]:p["end"]] != p["text"] or not p["text"].strip():
                errs.append("%s: offset mismatch %r" % (rid, p["text"]))
            if p["text"] != p["text"].strip():
                errs.append("%s: untrimmed span %r" % (rid, p["text"]))
        if not 2 <= len(keep) <= 6:
            errs.append("%s: %d keep spans" % (rid, len(keep)))
        rec = {"id": rid, "text": text, "phi": phi, "keep": keep}
        if header:
            rec["header"] = header
        recs.append(rec)
    ids = [r["id"] for r in recs]
    if len(set(ids)) != len(ids):
        errs.append("duplicate ids")
    if errs:
        print("\n".join(errs))
        sys.exit(1)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    c = Counter(p["type"] for r in recs for p in r["phi"])
    mins = {"NAME": 200, "DATE": 120, "AGE": 12, "ADDRESS": 35, "CITY": 35,
            "STATE": 10, "ZIP": 25, "PHONE": 15, "FAX": 5, "EMAIL": 8, "URL": 5,
            "IP": 4, "ID": 50, "ACCOUNT": 8, "LICENSE": 5, "DEVICE": 5,
            "VEHICLE": 4, "HOSPITAL": 60, "OTHER": 15}
    print("snippets: %d  (with header: %d)" % (len(recs), sum("header" in r for r in recs)))
    print("%-9s %5s %5s" % ("type", "count", "min"))
    for t in sorted(mins, key=lambda t: -c[t]):
        flag = "" if c[t] >= mins[t] else "  <-- BELOW MIN"
        print("%-9s %5d %5d%s" % (t, c[t], mins[t], flag))
    nk = sum(len(r["keep"]) for r in recs)
    print("%-9s %5d %5d%s" % ("keep", nk, 350, "" if nk >= 350 else "  <-- BELOW MIN"))
    print("PHI total %d" % sum(c.values()))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
